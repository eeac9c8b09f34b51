// The SLA targets table: every target with what it matches, its time limit and warning point,
// what pauses it, what a breach does, whose move it is and on which calendar; new and edit open
// the form. The API returns all targets at once, so filtering and paging happen here.
import { Button, Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMerchants } from '../../../api/admin.policy.queries.ts';
import { useCalendars, useSlaTargets } from '../../../api/admin.sla.queries.ts';
import type { SlaTarget, TargetMatch } from '../../../api/admin.types.ts';
import { SLA_METRICS } from '../../../api/sla.types.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useWord } from '../../../components/Labels.tsx';
import { pick, useLanguage } from '../../../i18n/index.ts';
import { useOptions } from '../shared.tsx';
import { TargetForm } from './TargetForm.tsx';

const MATCH_FIELDS: (keyof TargetMatch)[] = ['merchantId', 'severity', 'kind', 'category', 'channel', 'tier'];

function matchWord(field: keyof TargetMatch, value: string, merchants: Map<string, string>): string {
  switch (field) {
    case 'merchantId':
      return merchants.get(value) ?? value.slice(0, 8);
    case 'category':
      return `admin.category.${value}`;
    case 'tier':
      return `admin.tier.${value}`;
    default:
      return `${field}.${value}`;
  }
}

const specificity = (x: SlaTarget) => MATCH_FIELDS.filter((f) => x.match[f] !== null).length;

export function TargetsTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const options = useOptions();
  const targets = useSlaTargets();
  const calendars = useCalendars();
  const merchants = useMerchants({ q: '', page: 1, pageSize: 100 });
  const [metric, setMetric] = useState<string | undefined>();
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<SlaTarget | 'new' | null>(null);
  const merchantNames = useMemo(() => new Map((merchants.data?.items ?? []).map((m) => [m.id, m.name])), [merchants.data]);
  const calendarNames = new Map((calendars.data?.items ?? []).map((c) => [c.id, c.name]));
  const order = new Map<string, number>(SLA_METRICS.map((m, i) => [m, i]));
  const rows = (targets.data?.items ?? [])
    .filter((x) => (!metric || x.metric === metric) && (showInactive || x.active))
    // Per metric, the catch-all first, then narrower ones (the most specific active one applies).
    .sort((a, b) => (order.get(a.metric) ?? 99) - (order.get(b.metric) ?? 99) || specificity(a) - specificity(b) || a.id.localeCompare(b.id));

  const columns: ColumnsType<SlaTarget> = [
    {
      title: t('admin.sla.metric'),
      dataIndex: 'metric',
      width: 190,
      render: (_: string, row) => (
        <div>
          <Typography.Text strong>{pick(row.metricLabel, language)}</Typography.Text>
          <div>
            <Tag>{word('party', row.party)}</Tag>
          </div>
        </div>
      ),
    },
    {
      title: t('admin.sla.match'),
      key: 'match',
      render: (_: unknown, row) => {
        const set = MATCH_FIELDS.filter((f) => row.match[f] !== null);
        if (set.length === 0) return <Typography.Text type="secondary">{t('admin.sla.allCases')}</Typography.Text>;
        return (
          <Space size={[0, 4]} wrap>
            {set.map((f) => {
              const label = matchWord(f, row.match[f]!, merchantNames);
              return (
                <Tag key={f} color="blue">
                  {t(`admin.sla.matchField.${f}`)}: {f === 'merchantId' ? label : t(label, { defaultValue: row.match[f]! })}
                </Tag>
              );
            })}
          </Space>
        );
      },
    },
    {
      title: t('admin.sla.duration'),
      key: 'duration',
      width: 150,
      render: (_: unknown, row) => (
        <div data-testid="sla-target-duration">
          <Typography.Text strong>{t(`admin.sla.amount.${row.duration.unit}`, { count: row.duration.amount })}</Typography.Text>
          {row.warnBeforeMinutes > 0 ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('admin.sla.warnShort', { n: row.warnBeforeMinutes })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('admin.sla.pauseStates'),
      dataIndex: 'pauseStates',
      width: 170,
      render: (states: string[]) => (states.length ? states.map((s) => <Tag key={s}>{word('state', s)}</Tag>) : '—'),
    },
    {
      title: t('admin.sla.breachActions'),
      key: 'breach',
      width: 200,
      render: (_: unknown, row) => (
        <Space size={[0, 4]} wrap>
          {row.breachActions.map((a) => (
            <Tag key={a} color="orange">
              {t(`admin.sla.breachAction.${a}`)}
              {a === 'reassign' && row.reassignQueue ? ` → ${word('queue', row.reassignQueue)}` : ''}
            </Tag>
          ))}
          {row.autoOutcome ? <Tag color="purple">{word('autoOutcome', row.autoOutcome)}</Tag> : null}
          {row.breachActions.length === 0 && !row.autoOutcome ? '—' : null}
        </Space>
      ),
    },
    {
      title: t('admin.sla.calendar'),
      dataIndex: 'calendarId',
      width: 110,
      render: (id: string | null) => (id ? (calendarNames.get(id) ?? id.slice(0, 8)) : <Typography.Text type="secondary">{t('admin.sla.defaultCalendar')}</Typography.Text>),
    },
    {
      title: t('admin.sla.active'),
      dataIndex: 'active',
      width: 80,
      render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t('admin.common.active') : t('admin.common.inactive')}</Tag>,
    },
    {
      title: t('admin.common.actions'),
      key: 'edit',
      width: 80,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Button size="small" onClick={() => setEditing(row)} data-testid={`sla-target-edit-${row.id}`}>
          {t('admin.common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin.sla.targetsSubtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('admin.sla.filterMetric')}
            aria-label={t('admin.sla.filterMetric')}
            style={{ width: 240 }}
            value={metric}
            onChange={setMetric}
            options={options('slaMetric', SLA_METRICS)}
          />
          <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>
            {t('admin.sla.showInactive')}
          </Checkbox>
        </Space>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.sla.newTarget')}
        </Button>
      </Space>
      {targets.isError ? <ProblemAlert error={targets.error} onRetry={() => void targets.refetch()} /> : null}
      <Table<SlaTarget>
        rowKey="id"
        size="small"
        data-testid="sla-targets"
        columns={columns}
        dataSource={rows}
        loading={targets.isFetching}
        scroll={{ x: 1150 }}
        locale={{ emptyText: targets.isError ? ' ' : metric ? t('admin.common.emptyFiltered') : t('admin.common.empty') }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (count) => t('common.total', { count }) }}
      />
      {editing ? (
        <TargetForm
          target={editing === 'new' ? null : editing}
          calendars={calendars.data?.items ?? []}
          merchants={merchants.data?.items ?? []}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
