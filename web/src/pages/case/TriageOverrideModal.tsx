// Staff override of triage (TR-7): a new category, severity, emotion or priority with a reason,
// sent as the retriage action; only what is picked changes, the rest stays as it is.
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMOTIONS, PRIORITIES, TRIAGE_CATEGORIES } from '../../api/casework.types.ts';
import { useCaseAction } from '../../api/queries.ts';
import { type CaseDetail, SEVERITIES } from '../../api/types.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../lib/forms.ts';

const FIELDS = [
  { name: 'category', group: 'triageCategory', options: TRIAGE_CATEGORIES },
  { name: 'severity', group: 'severity', options: SEVERITIES },
  { name: 'emotion', group: 'emotion', options: EMOTIONS },
  { name: 'priority', group: 'priority', options: PRIORITIES },
] as const;
type FieldName = (typeof FIELDS)[number]['name'];
type Values = Partial<Record<FieldName, string>> & { reason?: string };

export function TriageOverrideModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const word = useWord();
  const [form] = Form.useForm<Values>();
  const run = useCaseAction(detail.caseNo);
  const current: Record<FieldName, string | null | undefined> = {
    category: detail.category, severity: detail.severity, emotion: detail.emotion, priority: detail.priority,
  };
  const submit = (values: Values) => {
    const body: Record<string, string> = {};
    for (const { name } of FIELDS) {
      const value = values[name];
      if (value && value !== current[name]) body[name] = value;
    }
    if (Object.keys(body).length === 0) {
      form.setFields([{ name: 'category', errors: [t('triage.nothingChanged')] }]);
      return;
    }
    body.reason = (values.reason ?? '').trim();
    run.mutate(
      { action: 'retriage', body },
      {
        onSuccess: () => {
          void message.success(t('triage.done'));
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, [...FIELDS.map((f) => f.name), 'reason']),
      },
    );
  };
  return (
    <Modal
      open
      title={t('triage.overrideTitle')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {run.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={run.error} />
        </div>
      ) : null}
      <Typography.Paragraph type="secondary">{t('triage.overrideHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="triage-override-form">
        {FIELDS.map(({ name, group, options }) => (
          <Form.Item key={name} name={name} label={t(`triage.${name}`)}>
            <Select
              allowClear
              placeholder={t('triage.keep', { value: word(group, current[name]) })}
              options={options.map((code) => ({ value: code, label: word(group, code), disabled: code === current[name] }))}
            />
          </Form.Item>
        ))}
        <Form.Item name="reason" label={t('triage.reason')} rules={[{ required: true, whitespace: true, message: t('triage.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
