// Public messages (and internal notes for staff), newest last, with the reply composer.
import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, READ_ONLY_STATES } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { useWord } from '../../components/Labels.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { MaskedText } from './MaskedText.tsx';
import { ReplyComposer } from './ReplyComposer.tsx';

export function MessagesCard({ detail, staff }: { detail: CaseDetail; staff: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const signedIn = useSignedIn();
  // A collaborating department reads the case but takes no part in the conversation; an archived
  // or merged case takes no more messages from anyone.
  const readOnly = signedIn?.user.role === 'department' || READ_ONLY_STATES.includes(detail.state);
  return (
    <Card title={t('case.messages')} size="small" data-testid="case-messages">
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
              <div style={{ marginTop: 4 }}>
                <MaskedText detail={detail} text={m.body} masked={m.masked} messageId={m.id} testId={`message-${m.id}`} />
              </div>
            </div>
          </List.Item>
        )}
      />
      {readOnly ? null : <ReplyComposer detail={detail} staff={staff} role={signedIn?.user.role} />}
    </Card>
  );
}
