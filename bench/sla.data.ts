// SLA benchmark data and read-outs, all with direct SQL: the cases the deadlines hang on, sets of
// deadlines inserted with generate_series, firing lag and exactly-once checks per set, and the
// same-run baselines (raw INSERTs, a plain FOR UPDATE SKIP LOCKED sweep).
//
// Every set gets its own tag, written into the deadline's subject_id
// (00000000-0000-0000-<tag>-<n>: version nibble 0, which gen_random_uuid never produces). The
// scheduler copies subject_id into the data of the sla_breached event, so events are found per
// set too.
import pg from 'pg';

export const pct = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

export interface LagStats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function lagStats(values: number[]): LagStats {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50: pct(sorted, 50), p90: pct(sorted, 90), p99: pct(sorted, 99), max: pct(sorted, 100) };
}

export interface DeadlineSet {
  name: string;
  /** Four hex digits, unique per set. */
  tag: string;
  count: number;
  /** Due time of the first deadline (epoch ms). */
  firstDue: number;
  /** Due times are spread evenly over [firstDue, firstDue + spanMs). */
  spanMs: number;
}

export const dueOf = (set: DeadlineSet, n: number): number => set.firstDue + (n * set.spanMs) / set.count;
export const lastDue = (set: DeadlineSet): number => dueOf(set, set.count - 1);
const subjectLike = (set: DeadlineSet) => `00000000-0000-0000-${set.tag}-%`;

/** A fresh database on the server of `serverUrl`; returns its URL and a function dropping it. */
export async function createDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A pool that tolerates its idle connections being terminated (drop database … with (force)). */
export function benchPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error) => {
    if ((error as { code?: string }).code !== '57P01') console.error(`    ! idle bench connection error: ${error.message}`);
  });
  return pool;
}

/** `count` open cases of one new customer, with only the columns the schema requires; `key` unique per call. */
export async function seedCases(pool: pg.Pool, count: number, key: string): Promise<string[]> {
  const customer = await pool.query<{ id: string }>(
    `insert into customers (external_id, name, tier) values ($1, '时效压测顾客', 'regular') returning id`,
    [`sla-bench-${key}`],
  );
  const cases = await pool.query<{ id: string }>(
    `insert into cases (case_no, kind, state, reason, channel, customer_id, title, description, created_at, updated_at)
     select 'SLAB-' || $1 || '-' || g, 'complaint', 'investigating', 'quality', 'web', $2::uuid, '时效压测', '时效压测', now(), now()
     from generate_series(1, $3::int) g
     returning id`,
    [key, customer.rows[0]!.id, count],
  );
  return cases.rows.map((r) => r.id);
}

/**
 * Inserts deadline n (0 ≤ from ≤ n ≤ to < count) of the set: running, no warning, next_fire_at =
 * due_at, metric plan_due without a target (its sla-action job carries no actions), spread
 * round-robin over the cases. Returns the rows inserted.
 */
export async function insertDeadlines(pool: pg.Pool, caseIds: string[], set: DeadlineSet, from = 0, to = set.count - 1): Promise<number> {
  const result = await pool.query(
    `insert into case_deadlines
       (case_id, metric, subject_id, party, unit, status, started_at, budget_ms, segment_started_at, due_at, next_fire_at)
     select ($1::uuid[])[1 + (g % $2::int)], 'plan_due',
            ('00000000-0000-0000-' || $3 || '-' || lpad(to_hex(g), 12, '0'))::uuid,
            'platform', 'minutes', 'running', s.started, greatest(0, extract(epoch from (x.due - s.started)) * 1000)::bigint, s.started, x.due, x.due
     from generate_series($4::int, $5::int) g
     cross join (select now() as started) s
     cross join lateral (select to_timestamp(($6::float8 + g * $7::float8) / 1000) as due) x`,
    [`{${caseIds.join(',')}}`, caseIds.length, set.tag, from, to, set.firstDue, set.spanMs / set.count],
  );
  return result.rowCount ?? 0;
}

/** Deadlines of the set not fired yet (reads the scheduler's own partial index: cheap enough to poll). */
export async function pendingIn(pool: pg.Pool, set: DeadlineSet): Promise<number> {
  const r = await pool.query<{ n: number }>(
    `select count(*)::int as n from case_deadlines
     where next_fire_at >= to_timestamp($1::float8 / 1000) - interval '1 millisecond'
       and next_fire_at <= to_timestamp($2::float8 / 1000) + interval '1 millisecond'`,
    [set.firstDue, lastDue(set)],
  );
  return r.rows[0]!.n;
}

export interface WaitResult {
  /** Epoch ms of the poll that saw nothing pending; null if that never happened. */
  doneAt: number | null;
  pending: number;
  /** Gave up because nothing fired for `stallMs`. */
  stalled: boolean;
}

/** Polls until the set has nothing pending, nothing fired for `stallMs`, or `limitMs` passed. */
export async function waitAllFired(pool: pg.Pool, set: DeadlineSet, limitMs: number, everyMs = 50, stallMs = limitMs): Promise<WaitResult> {
  const stop = Date.now() + limitMs;
  let pending = -1;
  let movedAt = Date.now();
  while (Date.now() < stop) {
    const at = Date.now();
    const now = await pendingIn(pool, set);
    if (now === 0) return { doneAt: at, pending: 0, stalled: false };
    if (now !== pending) movedAt = at;
    pending = now;
    // Before the set is due nothing can fire: a stall counts only from its last due time on.
    if (at - Math.max(movedAt, lastDue(set)) > stallMs) return { doneAt: null, pending, stalled: true };
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return { doneAt: null, pending, stalled: false };
}

export interface Firings {
  /** occurred_at of each sla_breached event minus its deadline's due_at, ms. */
  lags: number[];
  firstFired: number;
  lastFired: number;
}

/** The set's sla_breached events: scheduler lag (occurred_at − the due time the event records) and the firing span. */
export async function firingsOf(pool: pg.Pool, set: DeadlineSet): Promise<Firings> {
  const r = await pool.query<{ lag: number; at: number }>(
    `select extract(epoch from (occurred_at - (data->>'dueAt')::timestamptz)) * 1000 as lag, extract(epoch from occurred_at) * 1000 as at
     from case_events where type = 'sla_breached' and data->>'subjectId' like $1`,
    [subjectLike(set)],
  );
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const lags = r.rows.map((row) => {
    first = Math.min(first, Number(row.at));
    last = Math.max(last, Number(row.at));
    return Number(row.lag);
  });
  return { lags, firstFired: first, lastFired: last };
}

export interface ExactlyOnce {
  deadlines: number;
  once: number;
  never: number;
  /** Deadlines with more than one event (or an event whose deadline is not in the set). */
  twice: number;
  /** breached_at set on the deadline row. */
  breached: number;
}

/**
 * sla_breached events per deadline of the set (by data->>'deadlineId'): must be exactly 1 each.
 * One grouping over both tables instead of a join: the planner's estimates for freshly inserted
 * sets are far off, and a nested loop over 100,000 × 100,000 rows would never end.
 */
export async function exactlyOnce(pool: pg.Pool, set: DeadlineSet): Promise<ExactlyOnce> {
  const lo = `00000000-0000-0000-${set.tag}-000000000000`;
  const hi = `00000000-0000-0000-${set.tag}-ffffffffffff`;
  const r = await pool.query<ExactlyOnce>(
    `with x as (
       select id, 1 as is_deadline, 0 as event, breached_at is not null as breached
       from case_deadlines where subject_id between $1::uuid and $2::uuid
       union all
       select (data->>'deadlineId')::uuid, 0, 1, false
       from case_events where type = 'sla_breached' and data->>'subjectId' like $3
     ), per as (
       select id, max(is_deadline) as d, sum(event) as n, bool_or(breached) as breached from x group by id
     )
     select (count(*) filter (where d = 1))::int as deadlines,
            (count(*) filter (where d = 1 and n = 1))::int as once,
            (count(*) filter (where d = 1 and n = 0))::int as never,
            (count(*) filter (where n > 1 or d = 0))::int as twice,
            (count(*) filter (where d = 1 and breached))::int as breached
     from per`,
    [lo, hi, subjectLike(set)],
  );
  return r.rows[0]!;
}

/** pg-boss jobs not finished yet, per queue. */
export async function jobBacklog(pool: pg.Pool): Promise<string> {
  const r = await pool.query<{ name: string; n: number }>(
    `select name, count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') group by name order by name`,
  );
  return r.rows.map((row) => `${row.name} ${row.n.toLocaleString('en-US')}`).join(', ') || 'none';
}

/** Jobs of one queue not finished yet. */
export async function queued(pool: pg.Pool, name: string): Promise<number> {
  const r = await pool.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = $1 and state in ('created', 'retry', 'active')`, [name]);
  return r.rows[0]!.n;
}

// ---- baselines ------------------------------------------------------------------------------

/** Raw single-row autocommit INSERTs into a scratch table, one connection, for `ms`. */
export async function insertBaseline(pool: pg.Pool, ms: number): Promise<{ perSec: number; p50: number; p99: number }> {
  await pool.query('create table if not exists bench_baseline (id bigserial primary key, payload text not null)');
  const client = await pool.connect();
  try {
    const latencies: number[] = [];
    const started = performance.now();
    while (performance.now() - started < ms) {
      const t0 = performance.now();
      await client.query('insert into bench_baseline (payload) values ($1)', ['时效压测']);
      latencies.push(performance.now() - t0);
    }
    const sorted = Float64Array.from(latencies).sort();
    return { perSec: latencies.length / ((performance.now() - started) / 1000), p50: pct(sorted, 50), p99: pct(sorted, 99) };
  } finally {
    client.release();
  }
}

/**
 * The bare mechanism the scheduler is built on: a scratch table holding `pending` far-future
 * timers and `due` timers already due, swept by one connection in transactions of `batch`
 * (select … order by due_at limit … for update skip locked, then mark fired) until none is left.
 */
export async function sweepBaseline(pool: pg.Pool, pending: number, due: number, batch: number): Promise<{ perSec: number; seconds: number; fired: number }> {
  await pool.query(`create table bench_sweep (id bigserial primary key, due_at timestamptz not null, fired_at timestamptz)`);
  await pool.query(`create index bench_sweep_due_idx on bench_sweep (due_at) where fired_at is null`);
  await pool.query(`insert into bench_sweep (due_at) select now() + interval '10 minutes' + g * interval '1 second' from generate_series(1, $1::int) g`, [pending]);
  await pool.query(`insert into bench_sweep (due_at) select now() - interval '1 minute' + g * interval '1 microsecond' from generate_series(1, $1::int) g`, [due]);
  await pool.query('vacuum analyze bench_sweep');
  const client = await pool.connect();
  try {
    let fired = 0;
    const started = performance.now();
    for (;;) {
      await client.query('begin');
      const r = await client.query(
        `with due as (select id from bench_sweep where fired_at is null and due_at <= now() order by due_at limit $1 for update skip locked)
         update bench_sweep s set fired_at = now() from due where s.id = due.id`,
        [batch],
      );
      await client.query('commit');
      fired += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    return { perSec: fired / seconds, seconds, fired };
  } finally {
    client.release();
    await pool.query('drop table bench_sweep');
  }
}
