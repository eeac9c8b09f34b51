// The supervisors' dashboard (AN-1..4): open backlog by state and severity, SLA compliance and
// open breaches, satisfaction, top categories, daily intake and open group complaints.
import { Card, Col, Empty, Row, Segmented, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DASHBOARD_ROLES, type OverviewFigures, useOverview } from '../../api/reports.queries.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { EChart } from '../../components/EChart.tsx';
import { Forbidden } from '../../components/Forbidden.tsx';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { backlogOption, categoriesOption, intakeOption, ratingsOption } from './dashboardCharts.ts';

const PERIODS = [7, 30, 90] as const;

export function DashboardPage() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const [days, setDays] = useState<number>(30);
  const allowed = !!signedIn && (DASHBOARD_ROLES as readonly string[]).includes(signedIn.user.role);
  const query = useOverview(days);
  if (!allowed) return <Forbidden />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" gutter={[16, 8]}>
        <Col>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('dashboard.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dashboard.subtitle')}</Typography.Text>
        </Col>
        <Col>
          <Segmented
            value={days}
            onChange={(value) => setDays(Number(value))}
            options={PERIODS.map((p) => ({ value: p, label: t(`dashboard.period.${p}`) }))}
            data-testid="dashboard-period"
          />
        </Col>
      </Row>
      {query.isError ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {query.data ? <Figures figures={query.data} /> : null}
    </Space>
  );
}

function Figures({ figures }: { figures: OverviewFigures }) {
  const { t } = useTranslation();
  const word = useWord();
  const language = useLanguage();
  const charts = useMemo(
    () => ({
      backlog: backlogOption(figures, word),
      intake: intakeOption(figures),
      categories: categoriesOption(figures, word),
      ratings: ratingsOption(figures, (n) => t('dashboard.stars', { n })),
    }),
    // word and t follow the language, which is the dependency that matters
    [figures, language],
  );
  const { sla, satisfaction } = figures;
  return (
    <>
      <Row gutter={[16, 16]} data-testid="dashboard-figures">
        <Col xs={12} md={8} xl={5}>
          <Card style={{ height: '100%' }}>
            <Statistic title={t('dashboard.openCases')} value={figures.openCases} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card style={{ height: '100%' }}>
            <Statistic
              title={t('dashboard.slaMet')}
              value={sla.metShare === null ? '—' : (sla.metShare * 100).toFixed(1)}
              suffix={sla.metShare === null ? null : '%'}
              styles={{ content: { color: sla.metShare !== null && sla.metShare < 0.9 ? '#cf1322' : undefined } }}
            />
            <Typography.Text type="secondary">
              {t('dashboard.met')} {sla.met} · {t('dashboard.breached')} {sla.breached}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card style={{ height: '100%' }}>
            <Link to="/escalations">
              <Statistic title={t('dashboard.openBreaches')} value={sla.openBreaches} styles={{ content: { color: sla.openBreaches > 0 ? '#cf1322' : undefined } }} />
            </Link>
          </Card>
        </Col>
        <Col xs={12} md={12} xl={5}>
          <Card style={{ height: '100%' }}>
            <Statistic title={t('dashboard.satisfaction')} value={satisfaction.average === null ? '—' : satisfaction.average.toFixed(2)} suffix={satisfaction.average === null ? null : '/ 5'} />
            <Typography.Text type="secondary">
              {satisfaction.count === 0 ? t('dashboard.noRatings') : t('dashboard.ratings', { count: satisfaction.count })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Card style={{ height: '100%' }}>
            <Statistic title={t('dashboard.openIncidents')} value={figures.incidents.open} styles={{ content: { color: figures.incidents.open > 0 ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('dashboard.backlog')}>
            {figures.backlog.length === 0 ? <Empty /> : <EChart option={charts.backlog} label={t('dashboard.backlog')} height={300} />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('dashboard.intake')}>
            <EChart option={charts.intake} label={t('dashboard.intake')} height={300} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('dashboard.categories')}>
            {figures.topCategories.length === 0 ? <Empty description={t('dashboard.empty')} /> : <EChart option={charts.categories} label={t('dashboard.categories')} />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('dashboard.ratingsChart')}>
            {satisfaction.count === 0 ? <Empty description={t('dashboard.noRatings')} /> : <EChart option={charts.ratings} label={t('dashboard.ratingsChart')} />}
          </Card>
        </Col>
      </Row>
      <Card title={t('dashboard.incidents')}>
        <Table
          rowKey="incidentNo"
          size="small"
          pagination={false}
          dataSource={figures.incidents.latest}
          locale={{ emptyText: <Empty description={t('dashboard.noIncidents')} /> }}
          columns={[
            { title: t('dashboard.incidentNo'), dataIndex: 'incidentNo', render: (no: string) => <Link to={`/incidents/${no}`}>{no}</Link> },
            { title: t('dashboard.scope'), dataIndex: 'scope', render: (scope: string) => t(`dashboard.scopeValue.${scope}`, { defaultValue: scope }) },
            { title: t('dashboard.category'), dataIndex: 'category', render: (category: string) => word('triageCategory', category) },
            { title: t('dashboard.customers'), dataIndex: 'customers' },
            { title: t('dashboard.openedAt'), dataIndex: 'openedAt', render: (at: string) => formatDateTime(at, language) },
          ]}
        />
      </Card>
    </>
  );
}
