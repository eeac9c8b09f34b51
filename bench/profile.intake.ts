// Where does a case's time go? Runs POST /api/v1/cases at one concurrency on PostgreSQL and
// records every SQL statement the process sends (the product's and pg-boss's, through node-pg),
// then prints statements per created case, their round-trip times, and the share of wall time
// the database accounts for; with --cpu-profile, the CPU side of the product's thread as well.
//
//   tsx bench/profile.intake.ts [--concurrency=16] [--duration=5] [--db=pg|pglite] [--driver=autocannon|sockets]
//                               [--cpu-profile=FILE | --heap-profile=FILE] [--wal-by-relation]
//
// --cpu-profile writes a V8 CPU profile of the product's thread during the measured step only
// (open it in Chrome DevTools); `node --cpu-prof` would also record the start and the seeding.
// --heap-profile writes where the product's thread allocated during the step (garbage included).
// --wal-by-relation lists the step's WAL records by table or index and record type (PostgreSQL 15+).
//
// On PGlite the engine runs inside the process: statement times are then time spent in the
// engine (execProtocol), and "round trips" are engine calls.
import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { cpuSnapshot } from './cpu.ts';
import { runLoad } from './load.ts';
import { prepareItems, seedShop } from './seed.ts';
import { Cleanup, openPgliteTarget, openPostgresTarget } from './targets.ts';
import { checkStep, countAll } from './verify.ts';

interface Stat {
  count: number;
  totalMs: number;
  maxMs: number;
}

const argValue = (name: string, fallback: number) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};

/** Statement shape: literals and parameters folded, whitespace collapsed, cut to a readable length. */
function shape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\$\d+(\s*,\s*\$\d+)*/g, '$n')
    .trim()
    .slice(0, 150);
}

const stats = new Map<string, Stat>();
let recording = false;
let inFlight = 0;
let busySince = 0;
let busyMs = 0;

/** Wraps node-pg's Client#query (every statement of the process goes through it). */
function instrumentPg(): void {
  const proto = pg.Client.prototype as unknown as { query: (this: unknown, ...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first ? String(first.text) : '?';
    if (!recording) return original.apply(this, args);
    // pg-pool's pool.query (named prepared statements go that way) passes a callback and gets no promise.
    const callbackAt = args.findIndex((a) => typeof a === 'function');
    let finished: (() => void) | null = null;
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (...results: unknown[]) => void;
      args[callbackAt] = (...results: unknown[]) => {
        finished?.();
        callback(...results);
      };
    }
    const result = original.apply(this, args);
    if (callbackAt < 0 && !(result instanceof Promise)) return result;
    const t0 = performance.now();
    if (inFlight++ === 0) busySince = t0;
    const done = () => {
      const t1 = performance.now();
      if (--inFlight === 0) busyMs += t1 - busySince;
      const key = shape(text);
      const stat = stats.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 };
      stat.count += 1;
      stat.totalMs += t1 - t0;
      stat.maxMs = Math.max(stat.maxMs, t1 - t0);
      stats.set(key, stat);
    };
    if (result instanceof Promise) result.then(done, done);
    else finished = done;
    return result;
  };
}

/** Text of a Parse ('P') or simple Query ('Q') protocol message, null for other messages. */
function statementText(message: Uint8Array): string | null {
  const kind = message[0];
  if (kind !== 0x50 && kind !== 0x51) return null;
  let start = 5;
  if (kind === 0x50) start = message.indexOf(0, start) + 1; // skip the statement name
  const end = message.indexOf(0, start);
  return new TextDecoder().decode(message.subarray(start, end < 0 ? undefined : end));
}

/**
 * Wraps PGlite's execProtocol (every statement of the process, the product's and pg-boss's, runs
 * through it): time inside the engine, attributed to the statement whose Parse/Query came last.
 */
function instrumentPglite(pglite: unknown): void {
  type Exec = (message: Uint8Array, options?: unknown) => Promise<unknown>;
  const engine = pglite as { execProtocol: Exec; execProtocolStream: Exec };
  let current = '?';
  const wrap = (original: Exec): Exec =>
    async (message, options) => {
      const text = statementText(message);
      if (text !== null) current = text;
      if (!recording) return original(message, options);
      const key = shape(current);
      const t0 = performance.now();
      if (inFlight++ === 0) busySince = t0;
      try {
        return await original(message, options);
      } finally {
        const t1 = performance.now();
        if (--inFlight === 0) busyMs += t1 - busySince;
        const stat = stats.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 };
        if (text !== null) stat.count += 1;
        stat.totalMs += t1 - t0;
        stat.maxMs = Math.max(stat.maxMs, t1 - t0);
        stats.set(key, stat);
      }
    };
  // The query path calls execProtocolStream, exec() and others execProtocol; both go through here.
  engine.execProtocol = wrap(engine.execProtocol.bind(pglite));
  engine.execProtocolStream = wrap(engine.execProtocolStream.bind(pglite));
}

// A closed pipe (`… | head`) must not kill the process before it has cleaned up.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

/** The inspector's sampling profiler on this thread, every 250 µs; `stop` writes the profile to `file`. */
/** A CPU profile (`.cpuprofile`) or an allocation profile (`.heapprofile`, every allocation sampled, collected or not) of the step. */
async function startProfiler(file: string, kind: 'cpu' | 'heap') {
  const inspector = new Inspector();
  inspector.connect();
  if (kind === 'cpu') {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 250 });
    await inspector.post('Profiler.start');
  } else {
    await inspector.post('HeapProfiler.enable');
    await inspector.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  return {
    async stop() {
      const { profile } = kind === 'cpu' ? await inspector.post('Profiler.stop') : await inspector.post('HeapProfiler.stopSampling');
      inspector.disconnect();
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}

/** PostgreSQL's WAL counters (the whole server: run on an otherwise idle one); null on PGlite. */
async function walStats(target: { kind: string; sql: { query<T extends object>(text: string): Promise<T[]> } }) {
  if (target.kind !== 'pg') return null;
  const [row] = await target.sql.query<{ records: string; fpi: string; bytes: string }>('select wal_records as records, wal_fpi as fpi, wal_bytes as bytes from pg_stat_wal');
  return { records: Number(row!.records), fpi: Number(row!.fpi), bytes: Number(row!.bytes) };
}

type Sql = { query<T extends object>(text: string, params?: unknown[]): Promise<T[]> };

/** Where the case's WAL goes, by relation (PostgreSQL 15+: pg_walinspect, installed in the bench database). */
async function walLsn(target: { kind: string; sql: Sql }): Promise<string | null> {
  if (target.kind !== 'pg') return null;
  await target.sql.query('create extension if not exists pg_walinspect');
  const [row] = await target.sql.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
  return row!.lsn;
}

async function walByRelation(sql: Sql, from: string, to: string, cases: number): Promise<void> {
  const rows = await sql.query<{ relation: string; records: string; bytes: string }>(
    `select coalesce(c.relname, case when w.block_ref is null then '' else '(other)' end) || ' ' || w.resource_manager || '/' || w.record_type as relation,
            count(*) as records, sum(w.record_length) as bytes
       from pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn) w
       left join pg_class c on c.relfilenode = (regexp_match(w.block_ref, 'rel \\d+/\\d+/(\\d+)'))[1]::oid
      group by 1 order by 2 desc limit 60`,
    [from, to],
  );
  console.log('\n WAL records per case | bytes per case | relation');
  for (const r of rows) console.log(`${(Number(r.records) / cases).toFixed(2).padStart(21)} | ${(Number(r.bytes) / cases).toFixed(0).padStart(14)} | ${r.relation}`);
}

async function main(): Promise<void> {
  const concurrency = argValue('concurrency', 16);
  const durationSec = argValue('duration', 5);
  const db = process.argv.includes('--db=pglite') ? 'pglite' : 'pg';
  const driver = process.argv.includes('--driver=sockets') ? 'sockets' : 'autocannon';
  const cpuProfile = process.argv.find((a) => a.startsWith('--cpu-profile='))?.slice('--cpu-profile='.length);
  const heapProfile = process.argv.find((a) => a.startsWith('--heap-profile='))?.slice('--heap-profile='.length);
  if (db === 'pg') instrumentPg();
  const cleanup = new Cleanup();
  const guard = setTimeout(() => {
    console.error('profile: time limit reached');
    void cleanup.runAll().finally(() => process.exit(2));
  }, (durationSec + 240) * 1000);
  try {
    const target =
      db === 'pg' ? await openPostgresTarget(cleanup, process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : await openPgliteTarget(cleanup);
    if (target.kind === 'pglite') instrumentPglite(target.runtime.deps.database.pglite);
    const runId = `p${Date.now()}`;
    const shop = await seedShop(target.sql, target.runtime.deps.database.db, { customers: 64, actor: 'customer', runId });
    // Warm up the JIT and the pools first (not recorded).
    const warm = await prepareItems(target.sql, shop, `${runId}-w`, 2_000);
    await runLoad({ url: target.url, driver, concurrency, durationSec: 2, timeoutSec: 10, keyPrefix: `${runId}-w`, description: '尺寸不合适', items: warm }, 60_000);
    const items = await prepareItems(target.sql, shop, `${runId}-m`, db === 'pg' ? 30_000 : 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await countAll(target.sql);
    const wal0 = await walStats(target);
    const lsn0 = process.argv.includes('--wal-by-relation') ? await walLsn(target) : null;
    recording = true;
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const loop0 = performance.eventLoopUtilization();
    const profiler = cpuProfile ? await startProfiler(cpuProfile, 'cpu') : heapProfile ? await startProfiler(heapProfile, 'heap') : null;
    const cpu0 = cpuSnapshot();
    const t0 = performance.now();
    const load = await runLoad({ url: target.url, driver, concurrency, durationSec, timeoutSec: 10, keyPrefix: `${runId}-m`, description: '尺寸不合适', items }, (durationSec + 60) * 1000);
    const wallMs = performance.now() - t0;
    const cpu1 = cpuSnapshot();
    const loopBusy = performance.eventLoopUtilization(loop0).utilization;
    await profiler?.stop();
    loopDelay.disable();
    recording = false;
    const wal1 = await walStats(target);
    const lsn1 = lsn0 ? await walLsn(target) : null;
    const check = await checkStep(target, before, load);
    const created = load.created + load.unansweredItemIds.length;

    const rows = [...stats.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs);
    const totalStatements = rows.reduce((n, [, s]) => n + s.count, 0);
    const totalMs = rows.reduce((n, [, s]) => n + s.totalMs, 0);
    console.log(`\nconcurrency ${concurrency}, ${durationSec}s: ${load.created} × 201 (${(load.created / load.durationSec).toFixed(0)}/s), p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms`);
    for (const line of check.lines) console.log(`  ${line}`);
    if (cpu0 && cpu1) {
      const perCase = (seconds: number) => ((seconds * 1000) / created).toFixed(2);
      const cores = (seconds: number) => (seconds / (wallMs / 1000)).toFixed(2);
      const main = cpu1.main - cpu0.main;
      const generator = load.generatorCpuSec ?? 0;
      const other = cpu1.otherThreads - cpu0.otherThreads - generator;
      const postgres = cpu1.postgres - cpu0.postgres;
      console.log(
        `CPU per case: product main thread ${perCase(main)} ms (${cores(main)} cores), load generator ${perCase(generator)} ms (${cores(generator)} cores), other threads of this process (GC, compiler, libuv) ${perCase(other)} ms (${cores(other)} cores), ` +
          `PostgreSQL server ${perCase(postgres)} ms (${cores(postgres)} cores); machine has ${availableParallelism()} CPUs`,
      );
    }
    // A busy event loop answers the database late: every round trip below includes that wait.
    console.log(
      `event loop: busy ${(loopBusy * 100).toFixed(0)}% of wall time; timer delay mean ${(loopDelay.mean / 1e6).toFixed(2)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(2)} ms`,
    );
    if (wal0 && wal1) {
      const per = (n: number, digits = 1) => (n / created).toFixed(digits);
      console.log(`WAL per case: ${per(wal1.records - wal0.records)} records, ${per(wal1.bytes - wal0.bytes, 0)} bytes, ${per(wal1.fpi - wal0.fpi, 2)} full-page images`);
    }
    console.log(`statements sent: ${totalStatements} ≈ ${(totalStatements / created).toFixed(1)} per case (incl. pg-boss maintenance)`);
    console.log(`sum of statement round trips: ${(totalMs / created).toFixed(2)} ms per case; some statement in flight ${((busyMs / wallMs) * 100).toFixed(0)}% of wall time`);
    console.log('\n per case | mean ms | max ms | statement');
    for (const [key, s] of rows) {
      console.log(`${(s.count / created).toFixed(2).padStart(9)} | ${(s.totalMs / s.count).toFixed(2).padStart(7)} | ${s.maxMs.toFixed(1).padStart(6)} | ${key}`);
    }
    if (lsn0 && lsn1) await walByRelation(target.sql, lsn0, lsn1, created);
  } finally {
    clearTimeout(guard);
    await cleanup.runAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exit(1);
  },
);
