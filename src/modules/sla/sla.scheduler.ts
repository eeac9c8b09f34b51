// Fires warnings and breaches when they fall due (durable timers on the database itself).
// Each sweep takes the earliest due clocks, locks their cases (SKIP LOCKED: several processes
// share the work and never fire the same clock twice; cases before clocks, the order commands
// use, so they never deadlock), records the firing on the clock and as a case event, and
// enqueues the action job — all in one transaction. Between sweeps it sleeps until the earliest
// next firing, and wakes early on NOTIFY when a command creates a clock due sooner.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { listenChannel } from '../../db/listen.ts';
import type { DB } from '../../db/schema.ts';
import type { CaseDeadlineRow } from '../../db/schema.sla.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../shared/clock.ts';
import { fire, type Firing, nextFireAt } from './sla.clock.ts';
import { clockFromRow, earliestFiring } from './sla.repository.ts';
import type { SlaService } from './sla.service.ts';

export interface SlaActionJob {
  deadlineId: string;
  caseId: string;
  metric: string;
  subjectId: string | null;
  firing: 'warning' | 'breach';
  late: boolean;
  party: string;
  autoOutcome: string | null;
  actions: string[];
  reassignQueue: string | null;
  dueAt: string;
}

export interface DeadlineScheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Look again now (the simulated clock moved, say). */
  wake(): void;
  /** Fires everything due at the clock's now; returns how many firings were recorded. */
  runDue(): Promise<number>;
}

export interface SchedulerOptions {
  batchSize?: number;
  /** Upper bound on a sleep, so clocks created by another process are never missed for long. */
  maxSleepMs?: number;
}

type Db = Kysely<DB>;

export function createDeadlineScheduler(
  deps: { database: Database; clock: Clock; jobs: JobQueue; sla: SlaService },
  options: SchedulerOptions = {},
): DeadlineScheduler {
  const batchSize = options.batchSize ?? 500;
  const maxSleepMs = options.maxSleepMs ?? 1_000;
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let unlisten: (() => Promise<void>) | null = null;

  const wake = () => {
    const w = wakeUp;
    wakeUp = null;
    w?.();
  };

  // Halved after a failed sweep so one bad batch cannot stop every timer; grows back on success.
  let currentBatch = batchSize;

  async function sweep(): Promise<number> {
    const now = deps.clock.now();
    try {
      const fired = await deps.database.db.transaction().execute((trx) => sweepIn(trx, now, currentBatch));
      currentBatch = Math.min(batchSize, currentBatch * 2);
      return fired;
    } catch (error) {
      if (currentBatch === 1) throw error;
      currentBatch = Math.max(1, Math.floor(currentBatch / 2));
      console.error(`[sla] sweep failed; retrying with batches of ${currentBatch}`, error);
      return 0;
    }
  }

  async function sweepIn(trx: Db, now: Date, limit: number): Promise<number> {
    // The earliest due clocks, at most `limit` of them, and only those: a case with many due
    // clocks cannot make one transaction unboundedly large.
    const due = await trx
      .selectFrom('case_deadlines')
      .select(['id', 'case_id'])
      .where('next_fire_at', 'is not', null)
      .where('next_fire_at', '<=', now)
      .orderBy('next_fire_at')
      .limit(limit)
      .execute();
    if (due.length === 0) return 0;
    const locked = await sql<{ id: string; version: number }>`
      select id, version from cases where id = any(${[...new Set(due.map((d) => d.case_id))]}::uuid[])
      for update skip locked`.execute(trx);
    if (locked.rows.length === 0) return 0;
    const lockedIds = new Set(locked.rows.map((r) => r.id));
    const rows = await trx
      .selectFrom('case_deadlines')
      .selectAll()
      .where('id', '=', sql<string>`any(${due.filter((d) => lockedIds.has(d.case_id)).map((d) => d.id)}::uuid[])`)
      .where('next_fire_at', '<=', now)
      .orderBy('next_fire_at')
      .execute();
    const rules = await deps.sla.rules(trx);
    const fired: { row: CaseDeadlineRow; firing: Firing }[] = [];
    for (const row of rows) {
      const firing = fire(clockFromRow(row), now);
      if (firing) fired.push({ row, firing });
    }
    if (fired.length === 0) return 0;

    // Arrays bound as one parameter each: the statements stay the same size however many fire.
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    await sql`
      update case_deadlines as d
      set warned_at = v.warned_at, breached_at = v.breached_at, next_fire_at = v.next_fire_at, late = d.late or v.late
      from unnest(
        ${fired.map((f) => f.row.id)}::uuid[],
        ${fired.map((f) => iso(f.firing.clock.warnedAt))}::timestamptz[],
        ${fired.map((f) => iso(f.firing.clock.breachedAt))}::timestamptz[],
        ${fired.map((f) => iso(nextFireAt(f.firing.clock)))}::timestamptz[],
        ${fired.map((f) => f.firing.late)}::boolean[]
      ) as v(id, warned_at, breached_at, next_fire_at, late)
      where d.id = v.id`.execute(trx);

    const versions = new Map(locked.rows.map((r) => [r.id, r.version]));
    const counts = new Map<string, number>();
    const seqs = fired.map(({ row }) => {
      const n = (counts.get(row.case_id) ?? 0) + 1;
      counts.set(row.case_id, n);
      return (versions.get(row.case_id) ?? 0) + n;
    });
    await sql`
      update cases as c set version = c.version + v.n, updated_at = ${now}
      from unnest(${[...counts.keys()]}::uuid[], ${[...counts.values()]}::int[]) as v(id, n)
      where c.id = v.id`.execute(trx);
    await sql`
      insert into case_events (case_id, seq, type, actor_role, data, occurred_at)
      select v.case_id, v.seq, v.type, 'system', v.data, ${now}
      from unnest(
        ${fired.map((f) => f.row.case_id)}::uuid[],
        ${seqs}::int[],
        ${fired.map((f) => (f.firing.kind === 'breach' ? 'sla_breached' : 'sla_warning'))}::text[],
        ${fired.map(({ row, firing }) =>
          JSON.stringify({
            deadlineId: row.id, metric: row.metric, subjectId: row.subject_id, party: row.party,
            dueAt: row.due_at.toISOString(), late: firing.late, autoOutcome: row.auto_outcome,
          }),
        )}::jsonb[]
      ) as v(case_id, seq, type, data)`.execute(trx);

    const jobs: SlaActionJob[] = fired.map(({ row, firing }) => {
      const target = rules.targets.find((t) => t.id === row.target_id);
      return {
        deadlineId: row.id, caseId: row.case_id, metric: row.metric, subjectId: row.subject_id, firing: firing.kind,
        late: firing.late, party: row.party, autoOutcome: row.auto_outcome, actions: target?.breachActions ?? [],
        reassignQueue: target?.reassignQueue ?? null, dueAt: row.due_at.toISOString(),
      };
    });
    await deps.jobs.sendMany(trx, 'sla-action', jobs);
    return fired.length;
  }

  async function runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await sweep();
      total += n;
      if (n === 0) return total;
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        wakeUp = null;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        const fired = await sweep();
        if (fired >= currentBatch || !running) continue;
        const next = await earliestFiring(deps.database.db);
        const wait = next === null ? maxSleepMs : next.getTime() - deps.clock.now().getTime();
        // Due but not fired: another process holds those cases; give it a moment.
        await sleep(Math.min(maxSleepMs, Math.max(fired === 0 && wait <= 0 ? 20 : 0, wait)));
      } catch (error) {
        console.error('[sla] sweep failed', error);
        await sleep(maxSleepMs);
      }
    }
  }

  async function listen(): Promise<void> {
    unlisten = await listenChannel(deps.database, 'afterdesk_deadlines', wake);
  }

  return {
    wake,
    runDue,
    async start() {
      if (running) return;
      running = true;
      await listen();
      loop = run();
    },
    async stop() {
      running = false;
      wake();
      await loop;
      loop = null;
      await unlisten?.();
      unlisten = null;
    },
  };
}
