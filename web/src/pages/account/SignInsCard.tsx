// Where the person is signed in (device, address, last active), ending one, or all of them.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SignInItem, useEndSignIn, useSignIns, useSignOutEverywhere } from '../../api/account.queries.ts';
import { clearSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert, problemText } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { deviceName } from '../../lib/device.ts';
import { formatDateTime } from '../../lib/format.ts';

function SignOutEverywhere({ offerTokens }: { offerTokens: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [includeTokens, setIncludeTokens] = useState(false);
  const everywhere = useSignOutEverywhere();
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="sign-out-everywhere">
        {t('account.everywhere.button')}
      </Button>
      <Modal
        open={open}
        title={t('account.everywhere.title')}
        okText={t('account.everywhere.confirm')}
        okButtonProps={{ danger: true, loading: everywhere.isPending }}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() =>
          everywhere.mutate(includeTokens, {
            onSuccess: () => {
              queryClient.clear();
              clearSignedIn();
            },
            onError: (error) => void message.error(problemText(error)),
          })
        }
      >
        <Typography.Paragraph>{t('account.everywhere.text')}</Typography.Paragraph>
        {offerTokens ? (
          <Checkbox checked={includeTokens} onChange={(e) => setIncludeTokens(e.target.checked)}>
            {t('account.everywhere.includeTokens')}
          </Checkbox>
        ) : null}
      </Modal>
    </>
  );
}

export function SignInsCard({ offerTokens }: { offerTokens: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const signIns = useSignIns();
  const end = useEndSignIn();
  const columns = [
    {
      title: t('account.signIns.device'),
      key: 'device',
      render: (_: unknown, row: SignInItem) => (
        <Space size={4} wrap>
          {row.delivery === 'cookie' ? (
            <Tooltip title={row.userAgent}>
              <span>{deviceName(row.userAgent) ?? t('account.signIns.unknownDevice')}</span>
            </Tooltip>
          ) : (
            <span>{t('account.signIns.script')}</span>
          )}
          {row.current ? <Tag color="green">{t('account.signIns.current')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('account.signIns.address'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
    { title: t('account.signIns.since'), dataIndex: 'createdAt', key: 'since', render: (v: string) => formatDateTime(v, language) },
    { title: t('account.signIns.lastSeen'), dataIndex: 'lastSeenAt', key: 'lastSeen', render: (v: string) => formatDateTime(v, language) },
    { title: t('account.signIns.ends'), dataIndex: 'expiresAt', key: 'ends', responsive: ['lg' as const], render: (v: string) => formatDateTime(v, language) },
    {
      title: '',
      key: 'end',
      render: (_: unknown, row: SignInItem) =>
        row.current ? null : (
          <Popconfirm
            title={t('account.signIns.endConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              end.mutateAsync(row.id).then(
                () => void message.success(t('account.signIns.ended')),
                (error: unknown) => void message.error(problemText(error)),
              )
            }
          >
            <Button size="small" data-testid={`end-sign-in-${row.id}`}>
              {t('account.signIns.end')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Card title={t('account.signIns.title')} extra={<SignOutEverywhere offerTokens={offerTokens} />} data-testid="sign-ins">
      <Typography.Paragraph type="secondary">{t('account.signIns.subtitle')}</Typography.Paragraph>
      {signIns.isError ? (
        <ProblemAlert error={signIns.error} onRetry={() => void signIns.refetch()} />
      ) : (
        <Table<SignInItem>
          rowKey="id"
          size="small"
          loading={signIns.isLoading}
          dataSource={signIns.data?.items ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: signIns.isLoading ? ' ' : t('account.signIns.empty') }}
        />
      )}
    </Card>
  );
}
