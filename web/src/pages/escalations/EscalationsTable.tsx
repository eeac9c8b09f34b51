// The escalation queue, paginated by the server: most recently breached first.
import { Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useEscalations } from '../../api/sla.queries.ts';
import type { EscalatedBreach, Escalation } from '../../api/sla.types.ts';
import { KindTag, SeverityTag, StateTag, useWord } from '../../components/Labels.tsx';
import { HolderCell } from '../../components/HolderCell.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

const PAGE_SIZES = [10, 20, 50, 100];

function Breaches({ breaches }: { breaches: EscalatedBreach[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  if (breaches.length === 0) return <Typography.Text type="secondary">{t('escalations.noBreach')}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {breaches.map((b) => (
        <Tooltip key={`${b.metric}:${b.subjectId ?? ''}`} title={`${word('party', b.party)} · ${t('sla.due', { time: formatDateTime(b.dueAt, language) })}`}>
          <Tag color={b.paused ? 'default' : 'error'} data-testid="escalation-breach">
            {word('slaMetric', b.metric)}
            {b.paused ? t('escalations.pausedClock') : ''}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

export function EscalationsTable() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = useEscalations(pageSize, (page - 1) * pageSize);

  const go = (nextPage: number, nextSize: number) => {
    const search = new URLSearchParams();
    if (nextPage > 1) search.set('page', String(nextPage));
    if (nextSize !== 20) search.set('size', String(nextSize));
    setParams(search);
  };

  const columns: ColumnsType<Escalation> = [
    {
      title: t('escalations.caseNo'),
      dataIndex: 'caseNo',
      width: 180,
      render: (caseNo: string) => (
        <Link to={`/cases/${encodeURIComponent(caseNo)}`} onClick={(event) => event.stopPropagation()}>
          {caseNo}
        </Link>
      ),
    },
    {
      title: t('escalations.caseTitle'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string | null, row) => (
        <>
          <KindTag kind={row.kind} /> {title ?? <Typography.Text type="secondary">{t('cases.untitled')}</Typography.Text>}
        </>
      ),
    },
    { title: t('escalations.severity'), dataIndex: 'severity', width: 150, render: (severity: string | null) => <SeverityTag severity={severity} /> },
    {
      title: t('escalations.queue'),
      dataIndex: 'queue',
      width: 100,
      render: (queue: string, row) => <Tag color={queue === 'frontline' ? 'default' : 'purple'}>{pick(row.queueName, language) || word('queue', queue)}</Tag>,
    },
    { title: t('routing.assignee'), dataIndex: 'assigneeName', width: 120, render: (name: string | null) => <HolderCell name={name} /> },
    { title: t('escalations.state'), dataIndex: 'state', width: 130, render: (state: string) => <StateTag state={state} /> },
    { title: t('escalations.breaches'), dataIndex: 'breaches', width: 260, render: (breaches: EscalatedBreach[]) => <Breaches breaches={breaches} /> },
    {
      title: t('escalations.latestBreach'),
      dataIndex: 'latestBreachAt',
      width: 150,
      render: (iso: string | null) => (iso ? <Typography.Text type="danger">{formatDateTime(iso, language)}</Typography.Text> : '—'),
    },
  ];

  return (
    <>
      {query.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<Escalation>
        rowKey="caseNo"
        size="middle"
        data-testid="escalations"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 1270 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={query.isError ? false : t('escalations.empty')} /> }}
        onRow={(row) => ({ onClick: () => void navigate(`/cases/${encodeURIComponent(row.caseNo)}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => t('common.total', { count }),
          onChange: (nextPage, nextSize) => go(nextSize !== pageSize ? 1 : nextPage, nextSize),
        }}
      />
    </>
  );
}
