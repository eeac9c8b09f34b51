// Admins' policy page: the platform baseline and the merchants (searched and paged by the server)
// on the left, the chosen scope's policy and versions on the right. ?merchant=<id> picks a merchant.
import { Card, Input, Menu, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMerchants } from '../../../api/admin.policy.queries.ts';
import type { MerchantListing } from '../../../api/admin.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { PageHeader } from '../shared.tsx';
import { PolicyScopeView } from './PolicyScopeView.tsx';

const PAGE_SIZE = 8;

export function PoliciesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const search = useDebounced(q, 300);
  const merchants = useMerchants({ q: search, page, pageSize: PAGE_SIZE });
  const selected = params.get('merchant');
  // The chosen merchant's name from the list page, or remembered when it scrolls out of the page.
  const [names, setNames] = useState<Record<string, string>>({});
  const choose = (m: MerchantListing | null) => {
    if (m) setNames((n) => ({ ...n, [m.id]: m.name }));
    setParams(m ? { merchant: m.id } : {});
  };
  const name = selected ? (merchants.data?.items.find((m) => m.id === selected)?.name ?? names[selected] ?? '') : t('admin.policy.platform');

  const columns: ColumnsType<MerchantListing> = [
    {
      title: t('admin.policy.merchant'),
      dataIndex: 'name',
      render: (value: string, row) => (
        <div>
          <Typography.Text strong={row.id === selected}>{value}</Typography.Text>
          <div>
            {row.platformOperated ? <Tag color="blue">{t('admin.policy.platformOperated')}</Tag> : null}
            {row.latestVersion ? <Tag color="green">{t('admin.policy.latest', { version: row.latestVersion })}</Tag> : <Tag>{t('admin.policy.followsBaseline')}</Tag>}
          </div>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('admin.policy.title')} subtitle={t('admin.policy.subtitle')} />
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 320px) minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
        <Card size="small" styles={{ body: { padding: 8 } }}>
          <Menu
            selectedKeys={selected ? [] : ['platform']}
            items={[{ key: 'platform', label: t('admin.policy.platform') }]}
            onClick={() => choose(null)}
            style={{ borderInlineEnd: 0, marginBottom: 8 }}
            data-testid="policy-platform"
          />
          <Typography.Text type="secondary" style={{ display: 'block', margin: '0 8px 8px' }}>
            {t('admin.policy.merchants')}
          </Typography.Text>
          <Input.Search
            allowClear
            placeholder={t('admin.policy.searchMerchants')}
            aria-label={t('admin.policy.searchMerchants')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            style={{ marginBottom: 8 }}
          />
          {merchants.isError ? <ProblemAlert error={merchants.error} onRetry={() => void merchants.refetch()} /> : null}
          <Table<MerchantListing>
            rowKey="id"
            size="small"
            showHeader={false}
            data-testid="policy-merchants"
            columns={columns}
            dataSource={merchants.data?.items ?? []}
            loading={merchants.isFetching}
            locale={{ emptyText: merchants.isError ? ' ' : search ? t('admin.common.emptyFiltered') : t('admin.common.empty') }}
            onRow={(row) => ({ onClick: () => choose(row), style: { cursor: 'pointer', background: row.id === selected ? '#e6f4ff' : undefined } })}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: merchants.data?.total ?? 0, size: 'small', simple: true, onChange: setPage, hideOnSinglePage: true }}
          />
        </Card>
        <PolicyScopeView key={selected ?? 'platform'} scope={selected} name={name} canPublish />
      </div>
    </>
  );
}
