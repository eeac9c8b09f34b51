// SLA compliance per channel over the last 30 days: the share of clocks met per metric (a share
// below the threshold is a missed target, highlighted), and first-response times in minutes.
import { Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useCompliance } from '../../api/sla.queries.ts';
import { type ComplianceFigures, type ComplianceGroup, SLA_METRICS } from '../../api/sla.types.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatMinutes } from '../../lib/format.ts';

const MISSED_CELL = { background: '#fff1f0' };
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Metrics with at least one clock judged in some group, in the server's order (unknown ones last). */
function judgedMetrics(groups: ComplianceGroup[]): string[] {
  const seen = new Set(groups.flatMap((g) => Object.entries(g.metrics).filter(([, m]) => m.total > 0).map(([metric]) => metric)));
  const known: string[] = SLA_METRICS.filter((m) => seen.has(m));
  return [...known, ...[...seen].filter((m) => !known.includes(m)).sort()];
}

function ShareCell({ group, metric }: { group: ComplianceGroup; metric: string }) {
  const { t } = useTranslation();
  const figures = group.metrics[metric];
  if (!figures || figures.metShare === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const missed = group.missedTargets.includes(metric);
  return (
    <Tooltip title={t('compliance.shareTitle', { met: figures.met, total: figures.total })}>
      <Typography.Text type={missed ? 'danger' : undefined} strong={missed} data-missed={missed ? 'true' : undefined}>
        {percent(figures.metShare)}
      </Typography.Text>
    </Tooltip>
  );
}

/** Every (channel, metric) below the threshold, worst first. */
function MissedTargets({ missed }: { missed: ComplianceFigures['missed'] }) {
  const { t } = useTranslation();
  const word = useWord();
  return (
    <div style={{ marginTop: 12 }} data-testid="missed-targets">
      <Typography.Text strong>{t('compliance.missed')}</Typography.Text>
      {missed.length === 0 ? (
        <Typography.Text type="secondary">{t('compliance.none')}</Typography.Text>
      ) : (
        <Space size={[0, 6]} wrap style={{ display: 'inline-flex' }}>
          {missed.map((m) => (
            <Tag key={`${m.group}:${m.metric}`} color="error">
              {word('channel', m.group)} · {word('slaMetric', m.metric)} {percent(m.metShare)}
            </Tag>
          ))}
        </Space>
      )}
    </div>
  );
}

export function ComplianceCard() {
  const { t } = useTranslation();
  const word = useWord();
  const query = useCompliance('channel');
  const groups = query.data?.groups ?? [];
  const metrics = judgedMetrics(groups);
  const threshold = percent(query.data?.threshold ?? 0.9);

  const columns: ColumnsType<ComplianceGroup> = [
    { title: t('compliance.group'), dataIndex: 'group', fixed: 'left', width: 110, render: (group: string) => word('channel', group) },
    { title: t('compliance.cases'), dataIndex: 'cases', width: 80, align: 'right' },
    {
      title: t('compliance.firstResponse'),
      children: [
        { title: t('compliance.median'), key: 'frMedian', width: 80, align: 'right', render: (_: unknown, g) => formatMinutes(g.firstResponse.medianMs) },
        { title: t('compliance.p90'), key: 'frP90', width: 80, align: 'right', render: (_: unknown, g) => formatMinutes(g.firstResponse.p90Ms) },
      ],
    },
    ...metrics.map((metric) => ({
      title: word('slaMetric', metric),
      key: metric,
      width: 110,
      align: 'right' as const,
      onCell: (g: ComplianceGroup) => (g.missedTargets.includes(metric) ? { style: MISSED_CELL } : {}),
      render: (_: unknown, g: ComplianceGroup) => <ShareCell group={g} metric={metric} />,
    })),
    { title: t('compliance.breaches'), dataIndex: 'breaches', width: 90, align: 'right' },
  ];

  return (
    <Card title={t('compliance.title')} size="small" data-testid="compliance">
      <Typography.Paragraph type="secondary">{t('compliance.subtitle', { threshold })}</Typography.Paragraph>
      {query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ComplianceGroup>
          rowKey="group"
          size="small"
          bordered
          pagination={false}
          columns={columns}
          dataSource={groups}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('compliance.empty')} /> }}
        />
      )}
      {query.data ? <MissedTargets missed={query.data.missed} /> : null}
    </Card>
  );
}
