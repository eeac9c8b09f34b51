// Fires warnings and breaches when they fall due (durable timers on the database itself).
// Each sweep takes the earliest due clocks, locks their cases (SKIP LOCKED: several processes
// share the work and never fire the same clock twice; cases before clocks, the order commands
// use, so they never deadlock), records the firing on the clock and as a case event, and
// enqueues the action job — all in one transaction. Between sweeps it sleeps until the earliest
// next firing, and wakes early on NOTIFY when a command creates a clock due sooner.
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { CaseDeadlineRow } from '../../db/schema.sla.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../shared/clock.ts';
import { fire, type Firing, nextFireAt } from './sla.clock.ts';
import { clockFromRow } from './sla.repository.ts';
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

  async function sweep(): Promise<number> {
    const now = deps.clock.now();
    return deps.database.db.transaction().execute((trx) => sweepIn(trx, now));
  }

  async function sweepIn(trx: Db, now: Date): Promise<number> {
    const locked = await sql<{ id: string; version: number }>`
      select c.id, c.version from cases c
      where c.id in (
        select d.case_id from case_deadlines d
        where d.next_fire_at is not null and d.next_fire_at <= ${now}
        order by d.next_fire_at limit ${batchSize}
      )
      for update of c skip locked`.execute(trx);
    if (locked.rows.length === 0) return 0;
    const caseIds = locked.rows.map((r) => r.id);
    const rows = await trx
      .selectFrom('case_deadlines')
      .selectAll()
      .where('case_id', 'in', caseIds)
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

    await sql`
      update case_deadlines as d
      set warned_at = v.warned_at, breached_at = v.breached_at, next_fire_at = v.next_fire_at, late = d.late or v.late
      from (values ${sql.join(
        fired.map(({ row, firing }) =>
          sql`(${row.id}::uuid, ${firing.clock.warnedAt}::timestamptz, ${firing.clock.breachedAt}::timestamptz, ${nextFireAt(firing.clock)}::timestamptz, ${firing.late}::boolean)`,
        ),
      )}) as v(id, warned_at, breached_at, next_fire_at, late)
      where d.id = v.id`.execute(trx);

    const versions = new Map(locked.rows.map((r) => [r.id, r.version]));
    const counts = new Map<string, number>();
    const events = fired.map(({ row, firing }) => {
      const seq = (versions.get(row.case_id) ?? 0) + (counts.get(row.case_id) ?? 0) + 1;
      counts.set(row.case_id, (counts.get(row.case_id) ?? 0) + 1);
      return {
        case_id: row.case_id,
        seq,
        type: firing.kind === 'breach' ? 'sla_breached' : 'sla_warning',
        from_state: null,
        to_state: null,
        actor_id: null,
        actor_role: 'system',
        reason: null,
        data: JSON.stringify({
          deadlineId: row.id, metric: row.metric, subjectId: row.subject_id, party: row.party,
          dueAt: row.due_at.toISOString(), late: firing.late, autoOutcome: row.auto_outcome,
        }),
        occurred_at: now,
      };
    });
    await sql`
      update cases as c set version = c.version + v.n, updated_at = ${now}
      from (values ${sql.join([...counts].map(([id, n]) => sql`(${id}::uuid, ${n}::int)`))}) as v(id, n)
      where c.id = v.id`.execute(trx);
    await trx.insertInto('case_events').values(events).execute();

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

  async function earliest(): Promise<Date | null> {
    const row = await deps.database.db
      .selectFrom('case_deadlines')
      .select((eb) => eb.fn.min('next_fire_at').as('at'))
      .where('next_fire_at', 'is not', null)
      .executeTakeFirst();
    return row?.at ? new Date(row.at as Date) : null;
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
        if (fired >= batchSize || !running) continue;
        const next = await earliest();
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
    const { database } = deps;
    if (database.pglite) {
      unlisten = await database.pglite.listen('afterdesk_deadlines', wake);
      return;
    }
    if (!database.pool) return;
    const client: pg.PoolClient = await database.pool.connect();
    client.on('notification', wake);
    await client.query('listen afterdesk_deadlines');
    unlisten = async () => {
      client.removeListener('notification', wake);
      await client.query('unlisten afterdesk_deadlines').catch(() => undefined);
      client.release();
    };
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
