// A case's clocks as people read them: what is due, by whom, when, how much time is left, and
// whether it is paused, warned, breached or met. Each audience sees the clocks that concern it:
// staff all of them, a merchant its own obligations, a customer theirs, a department its replies.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CaseDeadlineRow } from '../../db/schema.sla.ts';
import type { Actor } from '../identity/index.ts';
import { remainingMs } from './sla.clock.ts';
import { clockFromRow } from './sla.repository.ts';
import type { SlaRules } from './sla.service.ts';
import { SLA_METRIC_LABELS, type SlaMetric } from './sla.targets.ts';

export type SlaState = 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'cancelled';

export function slaStateOf(row: Pick<CaseDeadlineRow, 'status' | 'breached_at' | 'warned_at'>): SlaState {
  if (row.status === 'met') return 'met';
  // A miss stays a miss when the clock stops afterwards (a frontline escalation cancelled by the
  // escalation it caused): only an answer, met late, ends it otherwise.
  if (row.breached_at) return 'breached';
  if (row.status === 'cancelled') return 'cancelled';
  if (row.status === 'paused') return 'paused';
  return row.warned_at ? 'warning' : 'running';
}

export function partiesVisibleTo(actor: Actor): string[] {
  if (actor.role === 'customer') return ['customer'];
  if (actor.role === 'merchant') return ['merchant'];
  if (actor.role === 'department') return ['department'];
  return ['platform', 'merchant', 'customer', 'department'];
}

/** Per case, the open clock that matters most: a breached one, else the one due first. */
export async function mostUrgentClocks(db: Kysely<DB>, caseIds: string[], parties: string[]) {
  const out = new Map<string, { metric: string; label: unknown; state: SlaState; dueAt: string; party: string }>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('case_deadlines')
    .distinctOn('case_id')
    .select(['case_id', 'metric', 'party', 'status', 'due_at', 'warned_at', 'breached_at'])
    .where('case_id', 'in', caseIds)
    .where('status', 'in', ['running', 'paused'])
    .where('party', 'in', parties)
    .orderBy('case_id')
    .orderBy(sql`breached_at is null`)
    .orderBy('due_at')
    .execute();
  for (const r of rows) {
    out.set(r.case_id, {
      metric: r.metric,
      label: SLA_METRIC_LABELS[r.metric as SlaMetric] ?? null,
      state: slaStateOf(r),
      dueAt: r.due_at.toISOString(),
      party: r.party,
    });
  }
  return out;
}

export function presentDeadline(row: CaseDeadlineRow, rules: SlaRules, now: Date) {
  const clock = clockFromRow(row);
  const open = row.status === 'running' || row.status === 'paused';
  return {
    id: row.id,
    metric: row.metric,
    label: SLA_METRIC_LABELS[row.metric as SlaMetric] ?? { 'zh-CN': row.metric, 'en-US': row.metric },
    subjectId: row.subject_id,
    party: row.party,
    state: slaStateOf(row),
    unit: row.unit,
    startedAt: row.started_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    warnAt: row.warn_at?.toISOString() ?? null,
    remainingMs: open ? Math.round(remainingMs(rules.calendarFor(row.calendar_id), clock, now)) : null,
    paused: row.status === 'paused',
    breached: row.breached_at !== null,
    breachedAt: row.breached_at?.toISOString() ?? null,
    metAt: row.met_at?.toISOString() ?? null,
    late: row.late,
    autoOutcome: row.auto_outcome,
  };
}
export type PresentedDeadline = ReturnType<typeof presentDeadline>;

export async function caseDeadlinesFor(db: Kysely<DB>, rules: SlaRules, caseId: string, actor: Actor, now: Date): Promise<PresentedDeadline[]> {
  const rows = await db.selectFrom('case_deadlines').selectAll().where('case_id', '=', caseId).orderBy('started_at').orderBy('metric').execute();
  const parties = partiesVisibleTo(actor);
  return rows.filter((r) => parties.includes(r.party)).map((r) => presentDeadline(r, rules, now));
}
