// Compliance places or releases a legal hold (法律保全, CL-6) from the case page: a held case is
// never purged. The reason is required and goes onto the case's timeline and the audit trail.
import { App, Button, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { CaseDetail } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { showFieldErrors } from '../../lib/forms.ts';

export function LegalHoldButton({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const held = Boolean(detail.retention?.legalHold);
  const path = `/api/v1/cases/${encodeURIComponent(detail.caseNo)}/legal-hold${held ? '/release' : ''}`;
  const run = useMutation({
    mutationFn: (body: { reason: string }) => api<unknown>('POST', path, { body }),
    onSettled: async () => client.invalidateQueries({ queryKey: ['case', detail.caseNo] }),
  });
  if (detail.purgedAt) return null;
  const label = held ? t('retention.releaseHold') : t('retention.placeHold');
  const submit = (values: { reason: string }) =>
    run.mutate(values, {
      onSuccess: () => {
        void message.success(t('case.actionDone', { label }));
        setOpen(false);
        form.resetFields();
      },
      onError: (error) => showFieldErrors(form, error, ['reason']),
    });
  return (
    <>
      <Button size="small" data-testid="legal-hold-button" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={label}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={run.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {run.isError ? <ProblemAlert error={run.error} /> : null}
        <Form form={form} layout="vertical" onFinish={submit} data-testid="legal-hold-form">
          <Form.Item name="reason" label={t('retention.holdReason')} rules={[{ required: true, whitespace: true, message: t('retention.holdReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
