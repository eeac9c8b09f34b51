// The assign action (TR-4, TR-7): supervisors and admins pick a queue and maybe a person who
// works it (with their load); anyone else takes the case for themselves. The API decides; this
// form only asks what it needs.
import { App, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAgents, useQueues } from '../../api/casework.queries.ts';
import { useCaseAction } from '../../api/queries.ts';
import type { CaseAction, CaseDetail } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { capitalize, pick, useLanguage } from '../../i18n/index.ts';
import { showFieldErrors } from '../../lib/forms.ts';

/** Same as the API's routing managers (src/modules/routing/routing.offers.ts). */
const MANAGERS = ['supervisor', 'admin'];

interface Values {
  queue?: string;
  userId?: string;
  note?: string;
}

export function AssignModal({ detail, action, onClose }: { detail: CaseDetail; action: CaseAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const signedIn = useSignedIn();
  const manager = MANAGERS.includes(signedIn?.user.role ?? '');
  const [form] = Form.useForm<Values>();
  const run = useCaseAction(detail.caseNo);
  const queues = useQueues(manager);
  const agents = useAgents(manager);
  const chosenQueue = Form.useWatch('queue', form) ?? detail.queue;
  const queueRole = queues.data?.items.find((q) => q.key === chosenQueue)?.role;
  const workers = (agents.data?.items ?? []).filter((a) => a.role === queueRole);

  const submit = (values: Values) => {
    const note = values.note?.trim();
    // A manager always names the queue: without it (and without a person) the API would read
    // the request as "I take the case".
    const body = manager
      ? { queue: values.queue ?? detail.queue, ...(values.userId ? { userId: values.userId } : {}), ...(note ? { note } : {}) }
      : { ...(note ? { note } : {}) };
    run.mutate(
      { action: 'assign', body },
      {
        onSuccess: () => {
          void message.success(manager ? t('routing.done') : t('routing.taken'));
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, ['queue', 'userId', 'note']),
      },
    );
  };

  return (
    <Modal
      open
      title={capitalize(pick(action.label, language)) || (manager ? t('routing.assignTitle') : t('routing.takeTitle'))}
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
      {!manager ? <Typography.Paragraph>{t('routing.takeText')}</Typography.Paragraph> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ queue: detail.queue }} data-testid="action-form-assign">
        {manager ? (
          <>
            <Form.Item name="queue" label={t('routing.queueField')}>
              <Select
                loading={queues.isPending}
                options={(queues.data?.items ?? [])
                  .filter((q) => q.active || q.key === detail.queue)
                  .map((q) => ({ value: q.key, label: pick(q.name, language) }))}
                onChange={() => form.setFieldValue('userId', undefined)}
              />
            </Form.Item>
            <Form.Item
              name="userId"
              label={t('routing.agentField')}
              extra={
                agents.isError
                  ? t('routing.agentsFailed', { detail: problemText(agents.error) })
                  : agents.isSuccess && workers.length === 0
                    ? t('routing.noAgents')
                    : undefined
              }
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'title' }}
                loading={agents.isPending}
                placeholder={t('routing.agentPlaceholder')}
                options={workers.map((a) => ({
                  value: a.userId,
                  title: a.displayName,
                  label: (
                    <Space size={4}>
                      <span>{a.displayName}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('routing.agentLoad', { open: a.openCases, cap: a.maxOpenCases })}
                      </Typography.Text>
                      {a.senior ? <Tag color="purple">{t('routing.senior')}</Tag> : null}
                      {!a.available ? <Tag>{t('routing.unavailable')}</Tag> : a.openCases >= a.maxOpenCases ? <Tag color="orange">{t('routing.atCap')}</Tag> : null}
                    </Space>
                  ),
                }))}
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="note" label={t('routing.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
