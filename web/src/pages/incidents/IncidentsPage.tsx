// Group complaints (TR-6) for supervisors, compliance and admins: open or resolved, their scope,
// the product or merchant, how many customers and cases, when they were opened; newest first.
import { Button, Empty, Result, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useIncidents } from '../../api/casework.queries.ts';
import { INCIDENT_LIST_ROLES, type Incident } from '../../api/casework.types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

const PAGE_SIZE = 20;
const STATUSES = ['open', 'resolved'] as const;

export function IncidentStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={status === 'open' ? 'red' : 'green'}>{t(`incidents.statuses.${status}`, { defaultValue: status })}</Tag>;
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('incidents.forbiddenText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.home')}</Button>
        </Link>
      }
    />
  );
}

function IncidentsTable() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = STATUSES.find((s) => s === statusParam);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = useIncidents(status, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const go = (next: { status?: string | undefined; page?: number }) => {
    const search = new URLSearchParams();
    const s = 'status' in next ? next.status : status;
    if (s) search.set('status', s);
    if ((next.page ?? 1) > 1) search.set('page', String(next.page));
    setParams(search);
  };
  const columns: ColumnsType<Incident> = [
    {
      title: t('incidents.incidentNo'),
      dataIndex: 'incidentNo',
      width: 170,
      render: (no: string) => (
        <Link to={`/incidents/${encodeURIComponent(no)}`} onClick={(event) => event.stopPropagation()}>
          {no}
        </Link>
      ),
    },
    { title: t('incidents.status'), dataIndex: 'status', width: 90, render: (s: string) => <IncidentStatusTag status={s} /> },
    { title: t('incidents.scope'), dataIndex: 'scope', width: 80, render: (scope: string) => t(`incidents.scopes.${scope}`, { defaultValue: scope }) },
    {
      title: t('incidents.subject'),
      key: 'subject',
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{row.product?.name ?? row.merchant.name}</Typography.Text>
          {row.product ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{row.merchant.name}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('incidents.category'), dataIndex: 'categoryLabel', width: 130, render: (label: Incident['categoryLabel']) => pick(label, language) },
    { title: t('incidents.customers'), dataIndex: 'customers', width: 80, align: 'right' },
    { title: t('incidents.cases'), dataIndex: 'caseCount', width: 80, align: 'right' },
    { title: t('incidents.openedAt'), dataIndex: 'openedAt', width: 150, render: (iso: string) => formatDateTime(iso, language) },
    { title: t('incidents.resolvedAt'), dataIndex: 'resolvedAt', width: 150, render: (iso: string | null) => formatDateTime(iso, language) },
  ];
  return (
    <>
      <Segmented
        style={{ marginBottom: 16 }}
        aria-label={t('incidents.status')}
        value={status ?? 'all'}
        onChange={(value) => go({ status: value === 'all' ? undefined : String(value), page: 1 })}
        options={[
          { value: 'all', label: t('incidents.all') },
          ...STATUSES.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) })),
        ]}
      />
      {query.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<Incident>
        rowKey="id"
        size="middle"
        data-testid="incidents"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.isError ? false : status ? t('incidents.emptyFiltered') : t('incidents.empty')} />,
        }}
        onRow={(row) => ({ onClick: () => void navigate(`/incidents/${encodeURIComponent(row.incidentNo)}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: query.data?.total ?? 0,
          showTotal: (count) => t('common.total', { count }),
          onChange: (next) => go({ page: next }),
        }}
      />
    </>
  );
}

export function IncidentsPage() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  if (!signedIn || !INCIDENT_LIST_ROLES.includes(signedIn.user.role)) return <Forbidden />;
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('incidents.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('incidents.subtitle')}</Typography.Paragraph>
      <IncidentsTable />
    </div>
  );
}
