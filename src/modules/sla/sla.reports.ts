// SLA figures (SLA-13: response times are monitored per channel; a channel that misses its
// target is reported) and the supervisors' escalation queue. Read models computed in SQL
// (percentile_cont runs the same on PGlite and PostgreSQL); nothing here writes.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { OPEN_STATES } from '../cases/case.state.ts';
import { SLA_METRICS } from './sla.targets.ts';

export const COMPLIANCE_GROUPINGS = ['channel', 'kind', 'queue'] as const;
export type ComplianceGrouping = (typeof COMPLIANCE_GROUPINGS)[number];

/** Below this share of clocks met, a metric counts as a missed target. */
export const DEFAULT_MET_THRESHOLD = 0.9;

export interface MetricFigures {
  /** Clocks that ended met or were breached; clocks still running unbreached, or cancelled before either, do not count. */
  total: number;
  met: number;
  breached: number;
  /** met / total, or null when there is nothing to judge yet. */
  metShare: number | null;
}

export interface Percentiles {
  medianMs: number | null;
  p90Ms: number | null;
}

export interface ComplianceGroup {
  group: string;
  cases: number;
  metrics: Record<string, MetricFigures>;
  firstResponse: Percentiles & { count: number };
  resolution: Percentiles & { count: number };
  breaches: number;
  missedTargets: string[];
}

export interface ComplianceFigures {
  from: string;
  to: string;
  groupBy: ComplianceGrouping;
  threshold: number;
  groups: ComplianceGroup[];
  /** Every (group, metric) below the threshold, worst first. */
  missed: { group: string; metric: string; metShare: number; total: number; breached: number }[];
}

/**
 * The clocks both this report and the dashboard (reports/overview.ts) count: every clock of the
 * platform's own service, frontline escalation (SLA-8) included, for it is the platform's rule and
 * its misses are frontline's to answer for. A merchant's, customer's or department's clock measures
 * their move, not the platform's service.
 */
export const serviceClocks = (d: string): RawBuilder<unknown> => sql`${sql.ref(`${d}.party`)} = 'platform'`;

const ms = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value)));
const metricOrder = (metric: string) => {
  const i = (SLA_METRICS as readonly string[]).indexOf(metric);
  return i === -1 ? SLA_METRICS.length : i;
};

export async function complianceFigures(
  db: Kysely<DB>,
  options: { from: Date; to: Date; groupBy: ComplianceGrouping; threshold?: number },
): Promise<ComplianceFigures> {
  const { from, to, groupBy } = options;
  const threshold = options.threshold ?? DEFAULT_MET_THRESHOLD;
  const group = sql.ref(`c.${groupBy}`);
  // A clock is the queue's that held the case while it ran (stamped on the clock), not the queue the
  // case sits in now: a breached frontline escalation moves the case, but the miss is frontline's.
  const clockGroup = groupBy === 'queue' ? sql.ref('d.queue') : group;

  // Resolution: from filing to the first event that resolved it (or told the customer the result),
  // else to the close.
  const caseRows = await sql<{ grp: string; cases: number; resolved: number; median: number | null; p90: number | null }>`
    with r as (
      select ${group} as grp, c.created_at,
        coalesce(
          (select min(e.occurred_at) from case_events e
            where e.case_id = c.id and e.to_state in ('resolved', 'result_notified')),
          c.closed_at
        ) as resolved_at
      from cases c
      where c.created_at >= ${from} and c.created_at < ${to}
    ), d as (
      select grp, resolved_at, (extract(epoch from resolved_at - created_at) * 1000)::float8 as took from r
    )
    select grp, count(*)::int as cases, count(resolved_at)::int as resolved,
      percentile_cont(0.5) within group (order by took) as median,
      percentile_cont(0.9) within group (order by took) as p90
    from d group by grp order by grp`.execute(db);

  const clockRows = await sql<{
    grp: string; metric: string; met: number; breached: number; answered: number; median: number | null; p90: number | null;
  }>`
    with k as (
      select ${clockGroup} as grp, d.metric, d.met_at, d.breached_at,
        (extract(epoch from d.met_at - d.started_at) * 1000)::float8 as took
      from case_deadlines d
      join cases c on c.id = d.case_id
      where c.created_at >= ${from} and c.created_at < ${to} and ${serviceClocks('d')}
    )
    select grp, metric,
      (count(*) filter (where met_at is not null and breached_at is null))::int as met,
      (count(*) filter (where breached_at is not null))::int as breached,
      count(met_at)::int as answered,
      percentile_cont(0.5) within group (order by took) as median,
      percentile_cont(0.9) within group (order by took) as p90
    from k group by grp, metric`.execute(db);

  // Cases and their resolution count where the case is now; by queue, a queue whose cases all moved on
  // still answers for its clocks.
  const groups = new Map<string, ComplianceGroup>();
  const emptyGroup = (grp: string): ComplianceGroup => ({
    group: grp,
    cases: 0,
    metrics: {},
    firstResponse: { count: 0, medianMs: null, p90Ms: null },
    resolution: { count: 0, medianMs: null, p90Ms: null },
    breaches: 0,
    missedTargets: [],
  });
  for (const row of caseRows.rows) {
    groups.set(row.grp, {
      ...emptyGroup(row.grp),
      cases: Number(row.cases),
      resolution: { count: Number(row.resolved), medianMs: ms(row.median), p90Ms: ms(row.p90) },
    });
  }
  const sorted = [...clockRows.rows].sort((a, b) => metricOrder(a.metric) - metricOrder(b.metric) || a.metric.localeCompare(b.metric));
  const missed: ComplianceFigures['missed'] = [];
  for (const row of sorted) {
    const g = groups.get(row.grp) ?? groups.set(row.grp, emptyGroup(row.grp)).get(row.grp)!;
    const met = Number(row.met);
    const breached = Number(row.breached);
    const total = met + breached;
    const metShare = total === 0 ? null : met / total;
    g.metrics[row.metric] = { total, met, breached, metShare };
    g.breaches += breached;
    if (metShare !== null && metShare < threshold) {
      g.missedTargets.push(row.metric);
      missed.push({ group: g.group, metric: row.metric, metShare, total, breached });
    }
    // Response time counts every answer, a late one included: it is how long customers waited.
    if (row.metric === 'first_response') g.firstResponse = { count: Number(row.answered), medianMs: ms(row.median), p90Ms: ms(row.p90) };
  }
  missed.sort((a, b) => a.metShare - b.metShare || b.breached - a.breached || a.group.localeCompare(b.group));
  const ordered = [...groups.values()].sort((a, b) => a.group.localeCompare(b.group));
  return { from: from.toISOString(), to: to.toISOString(), groupBy, threshold, groups: ordered, missed };
}

// ---- The escalation queue ----

export interface EscalatedBreach {
  metric: string;
  subjectId: string | null;
  party: string;
  paused: boolean;
  dueAt: string;
  breachedAt: string;
}

export interface EscalationItem {
  caseNo: string;
  kind: string;
  state: string;
  severity: string;
  queue: string;
  channel: string;
  title: string;
  assigneeId: string | null;
  /** Who holds the case, or null while it waits unassigned in its queue. */
  assigneeName: string | null;
  /** The queue's name as configured, { zh-CN, en-US }. */
  queueName: Record<string, string> | null;
  createdAt: string;
  latestBreachAt: string | null;
  breaches: EscalatedBreach[];
}

export interface EscalationQueue {
  total: number;
  limit: number;
  offset: number;
  hasMore: boolean;
  items: EscalationItem[];
}

const ESCALATED_SEVERITIES = ['L1', 'L2'];
const ESCALATED_QUEUES = ['specialists', 'supervisors'];

/** Open cases with a breached clock still running (or paused), or already escalated by severity or queue. */
function escalatedCases(joins: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  return sql`
    from cases c
    left join lateral (
      select max(d.breached_at) as latest,
        json_agg(json_build_object(
          'metric', d.metric, 'subjectId', d.subject_id, 'party', d.party, 'paused', d.status = 'paused',
          'dueAt', d.due_at, 'breachedAt', d.breached_at
        ) order by d.breached_at desc, d.metric) as breaches
      from case_deadlines d
      where d.case_id = c.id and d.status in ('running', 'paused') and d.breached_at is not null
    ) b on true
    ${joins}
    where c.state in (${sql.join(OPEN_STATES)})
      and (b.latest is not null or c.severity in (${sql.join(ESCALATED_SEVERITIES)}) or c.queue in (${sql.join(ESCALATED_QUEUES)}))`;
}

const iso = (value: unknown): string => new Date(value as string).toISOString();

export async function escalationQueue(db: Kysely<DB>, options: { limit: number; offset: number }): Promise<EscalationQueue> {
  const count = await sql<{ n: number }>`select count(*)::int as n ${escalatedCases()}`.execute(db);
  const rows = await sql<{
    case_no: string; kind: string; state: string; severity: string; queue: string; channel: string; title: string;
    assignee_id: string | null; assignee_name: string | null; queue_name: Record<string, string> | null; created_at: Date; latest: Date | null;
    breaches: { metric: string; subjectId: string | null; party: string; paused: boolean; dueAt: string; breachedAt: string }[] | null;
  }>`
    select c.case_no, c.kind, c.state, c.severity, c.queue, c.channel, c.title, c.assignee_id, c.created_at,
      b.latest, b.breaches, holder.display_name as assignee_name, q.name as queue_name
    ${escalatedCases(sql`left join users holder on holder.id = c.assignee_id left join queues q on q.key = c.queue`)}
    order by b.latest desc nulls last, c.severity, c.created_at, c.case_no
    limit ${options.limit} offset ${options.offset}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  return {
    total,
    limit: options.limit,
    offset: options.offset,
    hasMore: options.offset + rows.rows.length < total,
    items: rows.rows.map((r) => ({
      caseNo: r.case_no,
      kind: r.kind,
      state: r.state,
      severity: r.severity,
      queue: r.queue,
      channel: r.channel,
      title: r.title,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      queueName: r.queue_name,
      createdAt: iso(r.created_at),
      latestBreachAt: r.latest ? iso(r.latest) : null,
      breaches: (r.breaches ?? []).map((b) => ({ ...b, dueAt: iso(b.dueAt), breachedAt: iso(b.breachedAt) })),
    })),
  };
}
