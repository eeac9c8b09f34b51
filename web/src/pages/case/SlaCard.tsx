// The case's SLA clocks: what is due, by whom, when, and how much time is left. Staff see every
// clock; a customer or merchant sees their own obligations, phrased as what they should do.
import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Deadline, WORKING_UNITS } from '../../api/sla.types.ts';
import type { Role, Task } from '../../api/types.ts';
import { taskName, useWord } from '../../components/Labels.tsx';
import { SlaBadge } from '../../components/SlaBadge.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { liveDeadline } from '../../lib/sla.ts';
import { useNow } from '../../lib/useNow.ts';

const OPEN = new Set(['running', 'warning', 'breached', 'paused']);

/**
 * What goods taken as passed lead to under the case's plan, as the consequence's i18n context: its
 * refund (the plain text), else its replacement, else its other steps. Outcomes that do not pass
 * goods have no such variant and keep their one text.
 */
function afterPassing(tasks: Task[]): string | undefined {
  const open = new Set(tasks.filter((x) => x.status === 'open').map((x) => x.type));
  return open.has('refund') ? undefined : open.has('ship_replacement') ? 'replacement' : 'plan';
}

interface ItemProps {
  deadline: Deadline;
  role: Role;
  staff: boolean;
  /** The case's tasks: a task's own clock is named after its type. */
  tasks: Task[];
  fetchedAt: number;
  now: number;
}

function DeadlineItem({ deadline: d, role, staff, tasks, fetchedAt, now }: ItemProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const metric = pick(d.label, language) || word('slaMetric', d.metric);
  const task = d.subjectId ? tasks.find((x) => x.id === d.subjectId) : undefined;
  const label = task ? `${metric} · ${taskName(task, word)}` : metric;
  const due = formatDateTime(d.dueAt, language);
  const view = liveDeadline(d, fetchedAt, now);
  // The viewer's own obligation (a customer's return, a merchant's review) reads as a request.
  const own = !staff && d.party === role;
  // A clock that stopped after its breach still reads breached, but asks nothing any more.
  const open = OPEN.has(view.state) && d.remainingMs !== null;
  let title = label;
  if (own && open) {
    title = view.state === 'breached' ? t('sla.missed', { label, due }) : t(`sla.ask.${d.metric}`, { due, defaultValue: t('sla.ask.other', { due, label }) });
  }
  const details: string[] = [];
  if (staff) details.push(word('party', d.party));
  if (!(own && open)) details.push(t('sla.due', { time: due }));
  if (d.metAt) details.push(t('sla.metAt', { time: formatDateTime(d.metAt, language) }));
  else if (d.breachedAt && view.state !== 'cancelled') details.push(t('sla.breachedAt', { time: formatDateTime(d.breachedAt, language) }));
  if (staff && d.autoOutcome && open) details.push(t('sla.ifMissed', { outcome: word('autoOutcome', d.autoOutcome) }));
  const working = WORKING_UNITS.includes(d.unit);
  const hint = working ? t('sla.workingTime') : undefined;
  return (
    <List.Item data-testid="sla-deadline" data-metric={d.metric} extra={<SlaBadge view={view} hint={hint} working={working} />} style={{ alignItems: 'flex-start' }}>
      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
        <Typography.Text strong={open} type={view.state === 'cancelled' ? 'secondary' : undefined}>
          {title}
        </Typography.Text>
        {details.length > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {details.join(' · ')}
          </Typography.Text>
        ) : null}
        {own && open && view.state !== 'breached' && d.autoOutcome ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`sla.consequence.${d.autoOutcome}`, { context: afterPassing(tasks), defaultValue: '' })}
          </Typography.Text>
        ) : null}
      </Space>
    </List.Item>
  );
}

/** `deadlines` as shownDeadlines() picks them; the page leaves the card out when there are none. */
export function SlaCard({ deadlines, ...rest }: { deadlines: Deadline[] } & Omit<ItemProps, 'deadline' | 'now'>) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  if (deadlines.length === 0) return null;
  return (
    <Card title={rest.staff ? t('sla.title') : t('sla.myTitle')} size="small" data-testid="sla-panel">
      <List
        size="small"
        dataSource={deadlines}
        rowKey="id"
        renderItem={(d) => <DeadlineItem deadline={d} now={now} {...rest} />}
      />
    </Card>
  );
}
