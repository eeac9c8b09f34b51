// Cases the caller may see, filtered and paginated by the server, with each case's most urgent
// SLA clock.
import { Empty, Grid, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCases } from '../../api/queries.ts';
import type { CaseSla } from '../../api/sla.types.ts';
import { type CaseSummary, STAFF_ROLES } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { KindTag, SeverityTag, StateTag, useWord } from '../../components/Labels.tsx';
import { HolderCell } from '../../components/HolderCell.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ShortcutHelp } from '../../components/ShortcutHelp.tsx';
import { SlaBadge } from '../../components/SlaBadge.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { liveListSla } from '../../lib/sla.ts';
import { useNow } from '../../lib/useNow.ts';
import { CaseFilters, FILTER_KEYS, type FilterValues } from './CaseFilters.tsx';
import { CaseCards } from './CaseCards.tsx';
import { ViewsBar } from './ViewsBar.tsx';

const PAGE_SIZES = [10, 20, 50, 100];

function SlaCell({ sla, now }: { sla: CaseSla | null | undefined; now: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  if (!sla) return <Typography.Text type="secondary">—</Typography.Text>;
  const label = pick(sla.label, language) || word('slaMetric', sla.metric);
  return (
    <div style={{ lineHeight: 1.3 }}>
      <SlaBadge view={liveListSla(sla, now)} hint={t('sla.due', { time: formatDateTime(sla.dueAt, language) })} />
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label}
        </Typography.Text>
      </div>
    </div>
  );
}

/** The customer's own moves a case waits on (answer a plan, ship the goods, add evidence, confirm the result). */
const CUSTOMER_MOVES = ['accept_plan', 'provide_evidence', 'ship_return', 'confirm_resolution'];

function YourMove({ row }: { row: CaseSummary }) {
  const language = useLanguage();
  const move = row.actions.find((a) => CUSTOMER_MOVES.includes(a.action));
  return move ? <Tag color="orange" data-testid="your-move">{pick(move.label, language)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
}

export function CasesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [params, setParams] = useSearchParams();
  const staff = signedIn ? STAFF_ROLES.includes(signedIn.user.role) : false;
  const customer = signedIn?.user.role === 'customer';
  const now = useNow(30_000);
  const wide = Grid.useBreakpoint().md ?? true;
  const [selected, setSelected] = useState(-1);
  const filters: FilterValues = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? undefined]));
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
    // The platform's grading and clocks are not shown to the customer; what waits on them is.
    ...(customer
      ? [{ title: t('cases.yourMove'), key: 'yourMove', width: 160, render: (_: unknown, row: CaseSummary) => <YourMove row={row} /> }]
      : [
          { title: t('cases.severity'), dataIndex: 'severity', width: 150, render: (severity: string | null) => <SeverityTag severity={severity ?? null} /> },
          { title: t('cases.sla'), dataIndex: 'sla', width: 170, render: (_: unknown, row: CaseSummary) => <SlaCell sla={row.sla} now={now} /> },
        ]),
    ...(staff
      ? [
          { title: t('routing.assignee'), key: 'holder', width: 120, render: (_: unknown, row: CaseSummary) => <HolderCell name={row.assigneeName} /> },
          { title: t('cases.queue'), dataIndex: 'queue', width: 110, render: (queue: string, row: CaseSummary) => pick(row.queueName, language) || word('queue', queue) },
        ]
      : []),
    { title: t('cases.createdAt'), dataIndex: 'createdAt', width: 160, render: (iso: string) => formatDateTime(iso, language) },
  ];
  const filtered = FILTER_KEYS.some((key) => filters[key]);
  const rows = query.data?.items ?? [];
  const move = (step: number) => setSelected((i) => Math.min(rows.length - 1, Math.max(0, i + step)));
  const shortcuts = [
    { key: 'j', label: 'shortcuts.next', run: () => move(1) },
    { key: 'k', label: 'shortcuts.previous', run: () => move(-1) },
    { key: 'Enter', label: 'shortcuts.open', run: () => rows[selected] && void navigate(`/cases/${rows[selected].caseNo}`) },
    { key: '/', label: 'shortcuts.search', run: () => document.getElementById('case-search')?.focus() },
  ];

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {customer ? t('cases.myTitle') : t('cases.title')}
      </Typography.Title>
      {signedIn && signedIn.user.role !== 'customer' ? <ViewsBar role={signedIn.user.role} values={filters} onChange={(next) => update(next)} /> : null}
      <ShortcutHelp shortcuts={shortcuts} enabled={wide} />
      <CaseFilters values={filters} staff={staff} customer={customer} onChange={(next) => update(next)} />
      {query.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      {wide ? (
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: staff ? 1300 : 1070 }}
          locale={{ emptyText: <Empty description={filtered ? t('cases.emptyFiltered') : t('cases.empty')} /> }}
          onRow={(row, index) => ({
          onClick: () => void navigate(`/cases/${row.caseNo}`),
          style: { cursor: 'pointer', ...(index === selected ? { background: '#e6f4ff', outline: '2px solid #1677ff', outlineOffset: -2 } : {}) },
          'data-selected': index === selected ? 'true' : undefined,
        })}
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
      ) : (
        <CaseCards
          data={query.data}
          loading={query.isFetching}
          now={now}
          page={page}
          pageSize={pageSize}
          empty={filtered ? t('cases.emptyFiltered') : t('cases.empty')}
          onPage={(nextPage) => update(filters, nextPage)}
        />
      )}
    </>
  );
}
