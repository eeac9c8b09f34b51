// A staff member's integration tokens: name, scopes, created, last used, expiry; make and revoke.
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TokenItem, useRevokeToken, useTokens } from '../../api/account.queries.ts';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { NewTokenModal, scopeKey } from './NewTokenModal.tsx';

export function TokensCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const tokens = useTokens(true);
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const columns = [
    { title: t('account.tokens.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('account.tokens.scopes'),
      dataIndex: 'scopes',
      key: 'scopes',
      render: (scopes: string[]) => (
        <Space size={[4, 4]} wrap>
          {scopes.map((scope) => (
            <Tooltip key={scope} title={t(scopeKey(scope), { defaultValue: scope })}>
              <Tag>{scope}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    { title: t('account.tokens.created'), dataIndex: 'createdAt', key: 'created', render: (v: string) => formatDateTime(v, language) },
    {
      title: t('account.tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsed',
      render: (v: string | null) => (v ? formatDateTime(v, language) : <Typography.Text type="secondary">{t('account.tokens.notUsed')}</Typography.Text>),
    },
    {
      title: t('account.tokens.expires'),
      key: 'expires',
      render: (_: unknown, row: TokenItem) =>
        row.expired ? <Tag color="red">{t('account.tokens.expired')}</Tag> : row.expiresAt ? formatDateTime(row.expiresAt, language) : t('account.tokens.never'),
    },
    {
      title: '',
      key: 'revoke',
      render: (_: unknown, row: TokenItem) => (
        <Popconfirm
          title={t('account.tokens.revokeConfirm')}
          okText={t('account.tokens.revoke')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            revoke.mutateAsync(row.id).then(
              () => void message.success(t('account.tokens.revoked')),
              (error: unknown) => void message.error(problemText(error)),
            )
          }
        >
          <Button size="small" danger data-testid={`revoke-token-${row.id}`}>
            {t('account.tokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      title={t('account.tokens.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('account.tokens.create')}
        </Button>
      }
      data-testid="tokens"
    >
      <Typography.Paragraph type="secondary">{t('account.tokens.subtitle')}</Typography.Paragraph>
      {tokens.isError ? (
        <ProblemAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<TokenItem>
          rowKey="id"
          size="small"
          loading={tokens.isLoading}
          dataSource={tokens.data?.items ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: tokens.isLoading ? ' ' : t('account.tokens.empty') }}
        />
      )}
      <NewTokenModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
