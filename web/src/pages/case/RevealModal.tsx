// Compliance reveals what others see masked (RISK-2, RISK-6): a field of the customer's card, or a
// text of the case with the personal numbers the customer typed into it. A reason is asked for and
// the case goes with it; the server judges the reason and records the reveal in the audit trail.
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReveal } from '../../api/audit.queries.ts';
import type { RevealTarget } from '../../api/audit.types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

export function RevealModal(props: {
  customerId: string;
  caseNo: string;
  target: { field: RevealTarget; messageId?: string };
  title: string;
  onClose: () => void;
  onRevealed: (value: string) => void;
}) {
  const { t } = useTranslation();
  const reveal = useReveal(props.customerId);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    const result = await reveal.mutateAsync({ ...props.target, reason: reason.trim(), caseNo: props.caseNo });
    props.onRevealed(result.value);
  };
  return (
    <Modal
      open
      title={props.title}
      okText={t('customerCard.reveal')}
      cancelText={t('common.cancel')}
      confirmLoading={reveal.isPending}
      onCancel={props.onClose}
      onOk={() => void submit().catch(() => undefined)}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('customerCard.revealIntro')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('customerCard.reason')} rules={[{ required: true, whitespace: true, message: t('customerCard.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('customerCard.reasonPlaceholder')} data-testid="reveal-reason" />
        </Form.Item>
      </Form>
      {reveal.isError ? <ProblemAlert error={reveal.error} /> : null}
    </Modal>
  );
}
