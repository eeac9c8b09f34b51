// One policy scope (the platform baseline or a merchant): the version in force with its clauses,
// every version (who published it, when, from when it applies), any version opened read-only,
// and — for whoever may publish — a new version.
import { Alert, Button, Card, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PolicyScope, usePolicyInForce, usePolicyVersions } from '../../../api/admin.policy.queries.ts';
import { coversEarlierOrders } from '../../../api/policy.queries.ts';
import type { PolicyVersion } from '../../../api/admin.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { QueryFrame } from '../shared.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { PolicyRulesView } from './PolicyRulesView.tsx';
import { serverNow } from '../../../lib/serverClock.ts';

export function PolicyScopeView({ scope, name, canPublish }: { scope: PolicyScope; name: string; canPublish: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const inForce = usePolicyInForce(scope);
  const versions = usePolicyVersions(scope);
  const [viewing, setViewing] = useState<PolicyVersion | null>(null);
  const [editing, setEditing] = useState(false);
  const current = inForce.data?.policy ?? null;
  const ownVersion = current && (scope === null || current.scope === 'merchant') ? current : null;
  const now = serverNow();
  const since = (iso: string) => (coversEarlierOrders(iso) ? t('admin.policy.fromStart') : formatDateTime(iso, language));

  const columns: ColumnsType<PolicyVersion> = [
    {
      title: t('admin.common.version'),
      dataIndex: 'version',
      width: 110,
      render: (v: number, row) => (
        <Space size={4}>
          <Typography.Text strong>{`v${v}`}</Typography.Text>
          {ownVersion?.id === row.id ? <Tag color="green">{t('admin.policy.current')}</Tag> : null}
          {new Date(row.effectiveFrom).getTime() > now ? <Tag color="blue">{t('admin.policy.scheduled')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('admin.policy.effectiveFrom'), dataIndex: 'effectiveFrom', render: since },
    {
      title: t('admin.policy.publishedBy'),
      dataIndex: 'createdBy',
      render: (by: PolicyVersion['createdBy']) => (by ? `${by.displayName} · ${t(`role.${by.role}`, { defaultValue: by.role })}` : t('role.system')),
    },
    { title: t('admin.policy.publishedAt'), dataIndex: 'createdAt', render: (iso: string | undefined) => formatDateTime(iso, language) },
    {
      title: t('admin.common.actions'),
      key: 'view',
      width: 90,
      render: (_: unknown, row) => (
        <Button size="small" onClick={() => setViewing(row)} aria-label={t('admin.policy.viewVersion', { version: row.version })}>
          {t('admin.common.view')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="policy-scope">
      <Card
        title={
          <Space wrap>
            <span data-testid="policy-scope-name">{name}</span>
            {current && ownVersion ? (
              <Tag color="green">{coversEarlierOrders(current.effectiveFrom)
                  ? t('admin.policy.inForceVersionForAll', { version: current.version })
                  : t('admin.policy.inForceVersion', { version: current.version, from: formatDateTime(current.effectiveFrom, language) })}</Tag>
            ) : null}
          </Space>
        }
        extra={
          canPublish && inForce.data ? (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="policy-new-version">
              {t('admin.policy.newVersion')}
            </Button>
          ) : null
        }
      >
        <QueryFrame query={inForce}>
          {(data) => (
            <>
              {scope !== null && !data.isMerchantPolicy ? <Alert type="info" showIcon title={t('admin.policy.baselineOnly')} style={{ marginBottom: 16 }} /> : null}
              {data.violationsOfBaseline && data.violationsOfBaseline.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('admin.policy.violationsNow')}
                  description={data.violationsOfBaseline.map((v) => (
                    <div key={v.path}>{pick(v.text, language)}</div>
                  ))}
                />
              ) : null}
              <PolicyRulesView rules={data.rules} scope={scope === null ? 'platform' : 'merchant'} testId="policy-in-force" />
            </>
          )}
        </QueryFrame>
      </Card>
      <Card title={t('admin.policy.versions')}>
        {versions.isError ? <ProblemAlert error={versions.error} onRetry={() => void versions.refetch()} /> : null}
        <Table<PolicyVersion>
          rowKey="id"
          size="small"
          data-testid="policy-versions"
          columns={columns}
          dataSource={versions.data?.items ?? []}
          loading={versions.isFetching}
          locale={{ emptyText: versions.isError ? ' ' : t('admin.policy.noVersions') }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
        />
      </Card>
      {viewing ? (
        <Modal
          open
          width={920}
          title={`${name} · ${t('admin.policy.viewVersion', { version: viewing.version })} · ${t('admin.policy.effectiveFrom')} ${since(viewing.effectiveFrom)}`}
          onCancel={() => setViewing(null)}
          footer={<Button onClick={() => setViewing(null)}>{t('admin.common.close')}</Button>}
        >
          <PolicyRulesView rules={viewing.rules} scope={scope === null ? 'platform' : 'merchant'} testId="policy-version-view" />
        </Modal>
      ) : null}
      {editing && inForce.data ? <PolicyEditor scope={scope} name={name} base={inForce.data.rules} onClose={() => setEditing(false)} /> : null}
    </Space>
  );
}
