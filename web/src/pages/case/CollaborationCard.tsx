// Cross-department requests on a case (ORG-2, SLA-7): each request's department, question, due
// time (late in red) and answer; case handlers ask a department, the asker or a supervisor
// withdraws; a department user (who sees only their own) and supervisors answer. Customers and
// merchants never get the requests from the API, so the card does not show for them.
import { App, Button, Card, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, CLOSED_STATES } from '../../api/types.ts';
import { useAskDepartment, useCancelCollaboration } from '../../api/users.queries.ts';
import { ASKER_ROLES, type CollaborationRequest, type Department, DEPARTMENTS, MANAGER_ROLES } from '../../api/users.types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { showFieldErrors } from '../../lib/forms.ts';
import { useNow } from '../../lib/useNow.ts';
import { AnswerModal } from '../collaborations/AnswerModal.tsx';
import { RequestDue, RequestStateTag } from '../collaborations/RequestDue.tsx';

/** Deadlines an asker may set instead of the default two hours (the API takes 5 min … 7 days). */
const DUE_CHOICES = [30, 60, 240, 480, 1440];

interface AskValues {
  department: Department;
  question: string;
  dueMinutes?: number | undefined;
}

function AskModal({ caseNo, onClose }: { caseNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AskValues>();
  const ask = useAskDepartment(caseNo);
  const submit = (values: AskValues) =>
    ask.mutate(
      { department: values.department, question: values.question.trim(), ...(values.dueMinutes ? { dueMinutes: values.dueMinutes } : {}) },
      {
        onSuccess: (request) => {
          void message.success(t('collab.askSent', { department: t(`dept.${request.department}`) }));
          onClose();
        },
        onError: (error) => showFieldErrors(form, error, ['department', 'question', 'dueMinutes']),
      },
    );
  return (
    <Modal
      open
      title={t('collab.askTitle')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={ask.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {ask.isError ? (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={ask.error} />
        </div>
      ) : null}
      <Form<AskValues> form={form} layout="vertical" onFinish={submit} data-testid="collab-ask-form">
        <Form.Item name="department" label={t('collab.askDepartment')} rules={[{ required: true, message: t('users.required') }]}>
          <Select data-testid="collab-ask-department" options={DEPARTMENTS.map((d) => ({ value: d, label: t(`dept.${d}`) }))} />
        </Form.Item>
        <Form.Item name="question" label={t('collab.askQuestion')} rules={[{ required: true, whitespace: true, message: t('users.required') }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('collab.askQuestionPlaceholder')} />
        </Form.Item>
        <Form.Item name="dueMinutes" label={t('collab.askDue')}>
          <Select
            allowClear
            placeholder={t('collab.dueDefault')}
            options={DUE_CHOICES.map((n) => ({
              value: n,
              label: n < 60 ? t('collab.dueMinutesOption', { n }) : t('collab.dueHoursOption', { n: n / 60 }),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RequestItem({ request, canAnswer, canWithdraw, fetchedAt, now }: { request: CollaborationRequest; canAnswer: boolean; canWithdraw: boolean; fetchedAt: number; now: number }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const language = useLanguage();
  const [answering, setAnswering] = useState(false);
  const cancel = useCancelCollaboration();
  const asker = request.askedBy.role === 'system' ? t('collab.system') : (request.askedBy.displayName ?? t(`role.${request.askedBy.role}`));
  const open = request.status === 'open';
  const withdraw = () =>
    modal.confirm({
      title: t('collab.withdrawConfirm'),
      okText: t('collab.withdraw'),
      cancelText: t('common.cancel'),
      onOk: () =>
        cancel.mutateAsync({ id: request.id, caseNo: request.caseNo }).then(
          () => void message.success(t('collab.withdrawn')),
          (error: unknown) => void message.error(problemText(error)),
        ),
    });
  return (
    <List.Item data-testid="collab-request" data-status={request.status} style={open && request.late ? { background: '#fff1f0' } : undefined}>
      <div style={{ width: '100%', minWidth: 0 }}>
        <Space size={6} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space size={6} wrap>
            <Typography.Text strong>{pick(request.departmentLabel, language)}</Typography.Text>
            <RequestStateTag request={request} />
          </Space>
          {open ? <RequestDue request={request} fetchedAt={fetchedAt} now={now} /> : null}
        </Space>
        <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{request.question}</Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('collab.askedByLine', { name: asker, time: formatDateTime(request.askedAt, language) })}
        </Typography.Text>
        {request.answer ? (
          <div style={{ marginTop: 6, padding: '6px 10px', background: '#f6ffed', borderRadius: 6 }} data-testid="collab-answer">
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{request.answer}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('collab.answeredBy', { name: request.answeredBy?.displayName ?? '—', time: formatDateTime(request.answeredAt, language) })}
            </Typography.Text>
          </div>
        ) : null}
        {open && (canAnswer || canWithdraw) ? (
          <Space size={8} style={{ display: 'flex', marginTop: 6 }}>
            {canAnswer ? (
              <Button size="small" type="primary" onClick={() => setAnswering(true)}>
                {t('collab.answerButton')}
              </Button>
            ) : null}
            {canWithdraw ? (
              <Button size="small" onClick={withdraw} loading={cancel.isPending}>
                {t('collab.withdraw')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </div>
      {answering ? <AnswerModal request={request} onClose={() => setAnswering(false)} /> : null}
    </List.Item>
  );
}

export function CollaborationCard({ detail, fetchedAt }: { detail: CaseDetail; fetchedAt: number }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const now = useNow(30_000);
  const [asking, setAsking] = useState(false);
  const requests = (detail as CaseDetail & { collaborations?: CollaborationRequest[] }).collaborations;
  if (!signedIn || requests === undefined) return null;
  const role = signedIn.user.role;
  const manager = MANAGER_ROLES.includes(role);
  const canAsk = ASKER_ROLES.includes(role) && !CLOSED_STATES.includes(detail.state);
  return (
    <Card
      title={t('collab.cardTitle')}
      size="small"
      data-testid="collab-card"
      extra={
        canAsk ? (
          <Button size="small" onClick={() => setAsking(true)}>
            {t('collab.ask')}
          </Button>
        ) : null
      }
    >
      <List
        size="small"
        dataSource={requests}
        locale={{ emptyText: t('collab.cardEmpty') }}
        renderItem={(r) => (
          <RequestItem
            key={r.id}
            request={r}
            canAnswer={role === 'department' || manager}
            canWithdraw={manager || (r.askedBy.userId !== null && r.askedBy.userId === signedIn.user.id)}
            fetchedAt={fetchedAt}
            now={now}
          />
        )}
      />
      {asking ? <AskModal caseNo={detail.caseNo} onClose={() => setAsking(false)} /> : null}
    </Card>
  );
}
