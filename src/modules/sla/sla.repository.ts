// The SLA engine's SQL: targets, calendars and the deadline rows of cases.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { unnestInsert } from '../../db/unnest.ts';
import type { CaseDeadlineRow, SlaTargetRow } from '../../db/schema.sla.ts';
import { type CalendarSpec, calendarSpecSchema, DEFAULT_CALENDAR_SPEC, type DurationUnit } from './calendar.ts';
import type { DeadlineClock } from './sla.clock.ts';
import { nextFireAt } from './sla.clock.ts';
import type { OpenDeadline, PlannedDeadline } from './sla.plan.ts';
import {
  type AutoOutcome, type BreachAction, DEFAULT_TARGETS, fullMatch, type SlaMetric, type SlaParty, type SlaTarget,
} from './sla.targets.ts';

type Db = Kysely<DB>;

export function targetFromRow(row: SlaTargetRow): SlaTarget {
  return {
    id: row.id,
    version: row.version,
    metric: row.metric as SlaMetric,
    match: {
      channel: row.channel, kind: row.kind, category: row.category, severity: row.severity, tier: row.tier, merchantId: row.merchant_id,
    },
    duration: { amount: row.duration_amount, unit: row.duration_unit as DurationUnit },
    warnBeforeMinutes: row.warn_before_minutes,
    pauseStates: row.pause_states,
    breachActions: row.breach_actions as BreachAction[],
    reassignQueue: row.reassign_queue,
    party: row.party as SlaParty,
    autoOutcome: row.auto_outcome as AutoOutcome | null,
    calendarId: row.calendar_id,
    active: row.active,
  };
}

export async function loadTargets(db: Db): Promise<SlaTarget[]> {
  const rows = await db.selectFrom('sla_targets').selectAll().orderBy('id').execute();
  return rows.map(targetFromRow);
}

export interface StoredCalendar {
  id: string;
  name: string;
  spec: CalendarSpec;
  isDefault: boolean;
}

export async function loadCalendars(db: Db): Promise<StoredCalendar[]> {
  const rows = await db.selectFrom('business_calendars').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, spec: calendarSpecSchema.parse(r.spec), isDefault: r.is_default }));
}

/**
 * The default calendar and the SPEC targets, written once: into an empty installation, and for a
 * metric added by a later release, into an installation that has never had a target for it (a
 * target an admin switched off stays, inactive, so it is not put back).
 */
export async function ensureSlaDefaults(db: Db, now: Date): Promise<void> {
  await db
    .insertInto('business_calendars')
    .values({ name: 'default', spec: JSON.stringify(DEFAULT_CALENDAR_SPEC), is_default: true, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const known = new Set((await db.selectFrom('sla_targets').select('metric').distinct().execute()).map((r) => r.metric));
  const missing = DEFAULT_TARGETS.filter((t) => !known.has(t.metric));
  if (missing.length === 0) return;
  await db
    .insertInto('sla_targets')
    .values(
      missing.map((t) => {
        const match = fullMatch(t.match);
        return {
          metric: t.metric,
          channel: match.channel,
          kind: match.kind,
          category: match.category,
          severity: match.severity,
          tier: match.tier,
          merchant_id: match.merchantId,
          duration_amount: t.duration.amount,
          duration_unit: t.duration.unit,
          warn_before_minutes: t.warnBeforeMinutes,
          pause_states: JSON.stringify(t.pauseStates),
          breach_actions: JSON.stringify(t.breachActions),
          reassign_queue: t.reassignQueue,
          party: t.party,
          auto_outcome: t.autoOutcome,
          updated_at: now,
        };
      }),
    )
    .execute();
}

export function clockFromRow(row: CaseDeadlineRow): DeadlineClock {
  return {
    unit: row.unit as DurationUnit,
    status: row.status as DeadlineClock['status'],
    startedAt: row.started_at,
    budgetMs: Number(row.budget_ms),
    consumedMs: Number(row.consumed_ms),
    segmentStartedAt: row.segment_started_at,
    warnBeforeMs: Number(row.warn_before_ms),
    dueAt: row.due_at,
    warnAt: row.warn_at,
    warnedAt: row.warned_at,
    breachedAt: row.breached_at,
  };
}

export function openDeadlineFromRow(row: CaseDeadlineRow): OpenDeadline {
  return {
    id: row.id,
    metric: row.metric as SlaMetric,
    subjectId: row.subject_id,
    targetId: row.target_id,
    targetVersion: row.target_version,
    party: row.party as SlaParty,
    autoOutcome: row.auto_outcome as AutoOutcome | null,
    calendarId: row.calendar_id,
    clock: clockFromRow(row),
  };
}

export async function loadOpenDeadlines(db: Db, caseId: string): Promise<OpenDeadline[]> {
  const rows = await db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', 'in', ['running', 'paused'])
    .execute();
  return rows.map(openDeadlineFromRow);
}

/** Column values of a clock; the timestamps of status changes are stamped with `now`. */
export function clockColumns(clock: DeadlineClock, now: Date) {
  return {
    unit: clock.unit,
    status: clock.status,
    started_at: clock.startedAt,
    budget_ms: Math.round(clock.budgetMs),
    consumed_ms: Math.round(clock.consumedMs),
    segment_started_at: clock.segmentStartedAt,
    warn_before_ms: clock.warnBeforeMs,
    due_at: clock.dueAt,
    warn_at: clock.warnAt,
    warned_at: clock.warnedAt,
    breached_at: clock.breachedAt,
    paused_at: clock.status === 'paused' ? now : null,
    met_at: clock.status === 'met' ? now : null,
    cancelled_at: clock.status === 'cancelled' ? now : null,
    next_fire_at: nextFireAt(clock),
  };
}

export function newDeadlineValues(caseId: string, queue: string, d: PlannedDeadline, now: Date) {
  return {
    case_id: caseId,
    queue,
    metric: d.metric,
    subject_id: d.subjectId,
    target_id: d.targetId,
    target_version: d.targetVersion,
    party: d.party,
    auto_outcome: d.autoOutcome,
    calendar_id: d.calendarId,
    ...clockColumns(d.clock, now),
  };
}

/**
 * Writes a plan's deadlines: updates first, so a clock restarted in the same command finds its slot
 * free. `queue`: where the case is now; a clock not yet breached is credited to it.
 */
export async function writeDeadlines(db: Db, caseId: string, queue: string, deadlines: PlannedDeadline[], now: Date): Promise<void> {
  for (const d of deadlines.filter((x) => x.existing)) {
    await db
      .updateTable('case_deadlines')
      .set({
        target_id: d.targetId, target_version: d.targetVersion, party: d.party, auto_outcome: d.autoOutcome, calendar_id: d.calendarId,
        ...clockColumns(d.clock, now),
        ...(d.clock.breachedAt === null ? { queue } : {}),
      })
      .where('id', '=', d.id)
      .execute();
  }
  const inserts = deadlines.filter((x) => !x.existing);
  await deadlinesInsert(inserts.map((d) => newDeadlineValues(caseId, queue, d, now)))?.execute(db);
}

/**
 * The case moved to another queue: its clocks still running unbreached go with it, and are the new
 * queue's to meet or miss (SLA-13); a breached or ended clock stays with the queue that held it.
 */
export async function moveOpenDeadlines(db: Db, caseId: string, queue: string): Promise<void> {
  await db
    .updateTable('case_deadlines')
    .set({ queue })
    .where('case_id', '=', caseId)
    .where('status', 'in', ['running', 'paused'])
    .where('breached_at', 'is', null)
    .execute();
}

/** The insert of these deadlines, to run with other writes (executeTogether); null when there are none. */
export function deadlinesInsert(values: ReturnType<typeof newDeadlineValues>[]) {
  return unnestInsert(
    'case_deadlines',
    {
      case_id: 'uuid', queue: 'text', metric: 'text', subject_id: 'uuid', target_id: 'uuid', target_version: 'int', party: 'text', auto_outcome: 'text',
      calendar_id: 'uuid', unit: 'text', status: 'text', started_at: 'timestamptz', budget_ms: 'bigint', consumed_ms: 'bigint',
      segment_started_at: 'timestamptz', warn_before_ms: 'bigint', due_at: 'timestamptz', warn_at: 'timestamptz', warned_at: 'timestamptz',
      breached_at: 'timestamptz', paused_at: 'timestamptz', met_at: 'timestamptz', cancelled_at: 'timestamptz', next_fire_at: 'timestamptz',
    },
    values,
  );
}

export async function loadTaskFacts(db: Db, caseId: string) {
  const rows = await db.selectFrom('execution_tasks').select(['id', 'type', 'status', 'due_at']).where('case_id', '=', caseId).execute();
  return rows.map((r) => ({ id: r.id, type: r.type, status: r.status, dueAt: r.due_at }));
}

/** The case's collaboration requests as their clocks see them: a due time of their own only if the asker set one. */
export async function loadCollaborationFacts(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('collaboration_requests')
    .select(['id', 'status', 'due_at', 'due_minutes'])
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, dueAt: r.due_minutes !== null ? r.due_at : null }));
}

/** The case's plans, as subjects of the customer's answer clocks (due: the plan's answer window). */
export async function loadOfferFacts(db: Db, caseId: string) {
  const rows = await db.selectFrom('offers').select(['id', 'status', 'expires_at']).where('case_id', '=', caseId).execute();
  return rows.map((r) => ({ id: r.id, status: r.status, dueAt: r.expires_at }));
}

/** Wakes the schedulers (NOTIFY is delivered at commit, so they see the new rows). */
export async function notifySchedulers(db: Db): Promise<void> {
  await schedulerWake().execute(db);
}

/** The NOTIFY that wakes the schedulers, to end a statement of other writes (executeTogether). */
export function schedulerWake() {
  return sql`select pg_notify('afterdesk_deadlines', '')`;
}

/** The earliest warning or breach still to fire, from the partial index; null when none is left. */
export async function earliestFiring(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('case_deadlines')
    .select((eb) => eb.fn.min('next_fire_at').as('at'))
    .where('next_fire_at', 'is not', null)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}
