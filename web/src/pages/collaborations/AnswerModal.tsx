// A department's answer to one collaboration request (supervisors and admins may answer too).
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAnswerCollaboration } from '../../api/users.queries.ts';
import type { CollaborationRequest } from '../../api/users.types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../lib/forms.ts';

export function AnswerModal({ request, onClose }: { request: CollaborationRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const answer = useAnswerCollaboration();
  const submit = ({ answer: text }: { answer: string }) =>
    answer.mutate(
      { id: request.id, answer: text.trim(), caseNo: request.caseNo },
      {
        onSuccess: () => {
          void message.success(t('collab.answeredDone'));
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, ['answer']),
      },
    );
  return (
    <Modal
      open
      title={t('collab.answerTitle', { caseNo: request.caseNo })}
      okText={t('collab.answerButton')}
      cancelText={t('common.cancel')}
      confirmLoading={answer.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {answer.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={answer.error} />
        </div>
      ) : null}
      <Typography.Paragraph style={{ background: '#fafafa', padding: '8px 12px', borderRadius: 6, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {request.question}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="collab-answer-form">
        <Form.Item name="answer" label={t('collab.answerLabel')} rules={[{ required: true, whitespace: true, message: t('collab.answerRequired') }]}>
          <Input.TextArea rows={5} maxLength={8000} showCount placeholder={t('collab.answerPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
