// Cases the caller may see, filtered and paginated by the server.
import { Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCases } from '../../api/queries.ts';
import type { CaseSummary } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { KindTag, SeverityTag, StateTag } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CaseFilters, type FilterValues } from './CaseFilters.tsx';

const PAGE_SIZES = [10, 20, 50, 100];

export function CasesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [params, setParams] = useSearchParams();
  const filters: FilterValues = {
    state: params.get('state') ?? undefined,
    kind: params.get('kind') ?? undefined,
    severity: params.get('severity') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = useCases({ ...filters, limit: pageSize, offset: (page - 1) * pageSize });

  const update = (next: FilterValues, nextPage = 1, nextSize = pageSize) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    if (nextPage > 1) search.set('page', String(nextPage));
    if (nextSize !== 20) search.set('size', String(nextSize));
    setParams(search);
  };

  const columns: ColumnsType<CaseSummary> = [
    { title: t('cases.caseNo'), dataIndex: 'caseNo', width: 190, render: (caseNo: string) => <Link to={`/cases/${caseNo}`}>{caseNo}</Link> },
    {
      title: t('cases.caseTitle'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string | null) => title ?? <Typography.Text type="secondary">{t('cases.untitled')}</Typography.Text>,
    },
    { title: t('cases.kind'), dataIndex: 'kind', width: 130, render: (kind: string) => <KindTag kind={kind} /> },
    { title: t('cases.state'), dataIndex: 'state', width: 150, render: (_: string, row) => <StateTag state={row.state} label={row.stateLabel} /> },
    { title: t('cases.severity'), dataIndex: 'severity', width: 150, render: (severity: string | null) => <SeverityTag severity={severity} /> },
    { title: t('cases.createdAt'), dataIndex: 'createdAt', width: 160, render: (iso: string) => formatDateTime(iso, language) },
  ];
  const filtered = Boolean(filters.state || filters.kind || filters.severity || filters.q);

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {signedIn?.user.role === 'customer' ? t('cases.myTitle') : t('cases.title')}
      </Typography.Title>
      <CaseFilters values={filters} onChange={(next) => update(next)} />
      {query.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={filtered ? t('cases.emptyFiltered') : t('cases.empty')} /> }}
        onRow={(row) => ({ onClick: () => void navigate(`/cases/${row.caseNo}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => t('common.total', { count }),
          onChange: (nextPage, nextSize) => update(filters, nextSize !== pageSize ? 1 : nextPage, nextSize),
        }}
      />
    </>
  );
}
