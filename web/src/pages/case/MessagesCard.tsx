// Public messages (and internal notes for staff), newest last, with a composer.
import { App, Button, Card, Checkbox, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSendMessage } from '../../api/queries.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { showFieldErrors } from '../../lib/forms.ts';

interface Draft {
  body: string;
  internal: boolean;
}

function Composer({ caseNo, staff }: { caseNo: string; staff: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const send = useSendMessage(caseNo);
  const submit = (draft: Draft) =>
    send.mutate(
      { body: draft.body.trim(), visibility: draft.internal ? 'internal' : 'public' },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('case.sent'));
        },
        onError: (error) => showFieldErrors(form, error, ['body']),
      },
    );
  return (
    <Form<Draft> form={form} onFinish={submit} initialValues={{ body: '', internal: false }} style={{ marginTop: 12 }}>
      {send.isError ? (
        <div style={{ marginBottom: 8 }}>
          <ProblemAlert error={send.error} />
        </div>
      ) : null}
      <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('case.messageRequired') }]} style={{ marginBottom: 24 }}>
        <Input.TextArea rows={3} maxLength={5000} showCount placeholder={t('case.composerPlaceholder')} aria-label={t('case.composerPlaceholder')} />
      </Form.Item>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        {staff ? (
          <Form.Item name="internal" valuePropName="checked" noStyle>
            <Checkbox>{t('case.internalToggle')}</Checkbox>
          </Form.Item>
        ) : (
          <span />
        )}
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('case.send')}
        </Button>
      </Space>
    </Form>
  );
}

export function MessagesCard({ detail, staff }: { detail: CaseDetail; staff: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  // A collaborating department reads the case but takes no part in the conversation.
  const readOnly = useSignedIn()?.user.role === 'department';
  return (
    <Card title={t('case.messages')} size="small">
      <List
        size="small"
        dataSource={detail.messages}
        locale={{ emptyText: t('case.noMessages') }}
        renderItem={(m) => (
          <List.Item key={m.id} style={m.visibility === 'internal' ? { background: '#fffbe6' } : undefined}>
            <div style={{ width: '100%' }}>
              <Space size={4} wrap>
                <Typography.Text strong>{word('role', m.authorRole)}</Typography.Text>
                {m.visibility === 'internal' ? <Tag color="gold">{t('case.internal')}</Tag> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(m.createdAt, language)} · {word('channel', m.channel)}
                </Typography.Text>
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0', overflowWrap: 'anywhere' }}>{m.body}</Typography.Paragraph>
            </div>
          </List.Item>
        )}
      />
      {readOnly ? null : <Composer caseNo={detail.caseNo} staff={staff} />}
    </Card>
  );
}
