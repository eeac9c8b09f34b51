// SLA timer benchmark: how late does the deadline scheduler fire with 1,000,000 pending deadlines
// while the intake load runs, how fast does it drain a burst of 100,000 deadlines due in the same
// second, and how soon after a `kill -9` and a restart does it fire what fell due meanwhile (each
// exactly once). PostgreSQL only; the real clock. Figures are printed, never asserted.
//
//   npm run bench:sla -- [--pending=1000000] [--cases=4000] [--stream=25] [--every=5] [--idle=5]
//                        [--burst=100000] [--restart=5000] [--concurrency=16] [--load-rate=1500]
//
// BENCH_DATABASE_URL overrides the server (default postgres://postgres@127.0.0.1:5432/postgres); a
// fresh database afterdesk_bench_sla_<timestamp>_<pid> is created on it and dropped at the end.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { type Runtime, startRuntime } from '../src/runtime.ts';
import { runLoad, type LoadOutcome } from './load.ts';
import { prepareItems, seedShop } from './seed.ts';
import {
  benchPool, createDatabase, type DeadlineSet, exactlyOnce, type ExactlyOnce, firingsOf, insertBaseline, insertDeadlines,
  jobBacklog, lagStats, type LagStats, lastDue, pendingIn, queued, seedCases, sweepBaseline, waitAllFired,
} from './sla.data.ts';
import { freePort, type ServerProcess, startServer } from './sla.server.ts';
import { watchVisible } from './sla.watch.ts';
import { Cleanup, withTimeout } from './targets.ts';

interface Options {
  pending: number;
  cases: number;
  streamSec: number;
  everyMs: number;
  idleSec: number;
  burst: number;
  restart: number;
  concurrency: number;
  loadRate: number;
  serverUrl: string;
}

const USAGE = `usage: tsx bench/sla.bench.ts [--pending=N] [--cases=N] [--stream=SECONDS] [--every=MS] [--idle=SECONDS]
                              [--burst=N] [--restart=N] [--concurrency=N] [--load-rate=N]`;

function parseOptions(argv: string[]): Options {
  const defaults: Record<string, number> = {
    pending: 1_000_000, cases: 4_000, stream: 25, every: 5, idle: 5, burst: 100_000, restart: 5_000, concurrency: 16, 'load-rate': 1_500,
  };
  const values = { ...defaults };
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const match = /^--([a-z-]+)=(\d+(?:\.\d+)?)$/.exec(arg);
    if (!match || !(match[1]! in defaults)) throw new Error(`bad argument ${arg}\n${USAGE}`);
    values[match[1]!] = Number(match[2]);
  }
  if (values.cases! < 1 || values.every! <= 0 || values.concurrency! < 1) throw new Error(`--cases, --every and --concurrency must be positive\n${USAGE}`);
  return {
    pending: values.pending!, cases: values.cases!, streamSec: values.stream!, everyMs: values.every!, idleSec: values.idle!,
    burst: values.burst!, restart: values.restart!, concurrency: values.concurrency!, loadRate: values['load-rate']!,
    serverUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-');
const log = (line = '') => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const lagLine = (s: LagStats) => `p50 ${fmt(s.p50, 1)} ms, p90 ${fmt(s.p90, 1)} ms, p99 ${fmt(s.p99, 1)} ms, max ${fmt(s.max, 1)} ms (${fmt(s.count)} firings)`;
const onceLine = (e: ExactlyOnce) =>
  `${fmt(e.deadlines)} deadlines: ${fmt(e.once)} fired exactly once, ${fmt(e.never)} never, ${fmt(e.twice)} more than once; breached_at set on ${fmt(e.breached)}`;
const onceOk = (e: ExactlyOnce) => e.deadlines > 0 && e.once === e.deadlines && e.breached === e.deadlines;

interface Row {
  what: string;
  result: string;
  target: string;
  verdict: string;
}
const rows: Row[] = [];
const judge = (what: string, value: number, limit: number, unit: string, digits = 0) =>
  rows.push({
    what,
    result: `${fmt(value, digits)} ${unit}`,
    target: `≤ ${fmt(limit, digits)} ${unit}`,
    verdict: !Number.isFinite(value) ? 'NOT MEASURED' : value <= limit ? 'MET' : `NOT MET (${fmt(value / limit, 1)}× the target)`,
  });
const note = (what: string, result: string, verdict = '') => rows.push({ what, result, target: '', verdict });

/** Scheduler errors printed by the in-process runtime ("[sla] sweep failed …"), counted and passed through. */
const inProcessSlaErrors: string[] = [];
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[sla]')) {
    inProcessSlaErrors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ').slice(0, 400));
    if (inProcessSlaErrors.length > 3) return;
  }
  consoleError(...args);
};

let tagCounter = 1;
const newSet = (name: string, count: number, firstDue: number, spanMs: number): DeadlineSet => ({
  name, tag: (tagCounter++).toString(16).padStart(4, '0'), count, firstDue, spanMs,
});

async function notifySchedulers(pool: pg.Pool) {
  await pool.query(`select pg_notify('afterdesk_deadlines', '')`);
}

const DELAY_RESOLUTION_MS = 5;
const ACTION_WINDOW_MS = 10_000;
const CANARIES = 10;

/** A stream of deadlines due every `everyMs` for `seconds`, optionally under the intake load. */
async function streamPhase(
  label: string,
  ctx: { pool: pg.Pool; caseIds: string[]; url: string; items: Awaited<ReturnType<typeof prepareItems>> | null },
  options: Options,
  seconds: number,
) {
  const leadMs = 3_000;
  const set = newSet(label, Math.round((seconds * 1000) / options.everyMs), Date.now() + leadMs, seconds * 1000);
  await insertDeadlines(ctx.pool, ctx.caseIds, set);
  await notifySchedulers(ctx.pool);
  log(`  ${label}: ${fmt(set.count)} deadlines due every ${options.everyMs} ms over ${seconds}s, first in ${fmt(set.firstDue - Date.now())} ms`);
  const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  delay.enable();
  const errorsBefore = inProcessSlaErrors.length;
  const load: Promise<LoadOutcome> | null = ctx.items
    ? runLoad(
        {
          url: ctx.url, concurrency: options.concurrency, durationSec: Math.ceil((set.firstDue - Date.now()) / 1000 + seconds + 1), timeoutSec: 10,
          keyPrefix: `sla-bench-${set.tag}`, description: '尺寸不合适', items: ctx.items,
        },
        (seconds + 90) * 1000,
      )
    : null;
  const visible = await watchVisible(ctx.pool, set, 10, 30_000);
  const outcome = load ? await load : null;
  delay.disable();
  const fired = await waitAllFired(ctx.pool, set, 30_000);
  const firings = await firingsOf(ctx.pool, set);
  const scheduler = lagStats(firings.lags);
  const seen = lagStats(visible);
  log(`    scheduler lag (event occurred_at − due_at): ${lagLine(scheduler)}`);
  log(`    visible lag (committed, seen by a 10 ms poll − due_at): ${lagLine(seen)}`);
  const late = (ns: number) => Math.max(0, ns / 1e6 - DELAY_RESOLUTION_MS);
  log(`    product event loop delay (beyond the ${DELAY_RESOLUTION_MS} ms sampling): p50 ${fmt(late(delay.percentile(50)), 1)} ms, p99 ${fmt(late(delay.percentile(99)), 1)} ms, max ${fmt(late(delay.max), 1)} ms`);
  if (fired.doneAt === null) log(`    ! ${fmt(fired.pending)} deadlines still pending 30 s after the last was due`);
  if (outcome) {
    log(
      `    intake load c=${options.concurrency}: ${fmt(outcome.created)} cases in ${outcome.durationSec}s = ${fmt(outcome.created / outcome.durationSec)}/s; ` +
        `latency p50 ${outcome.latency.p50} ms, p99 ${outcome.latency.p99} ms; non-2xx ${outcome.non2xx}, errors ${outcome.errors}` +
        `${outcome.exhausted ? '; ITEM POOL EXHAUSTED — raise --load-rate' : ''}`,
    );
  }
  const newErrors = inProcessSlaErrors.slice(errorsBefore);
  if (newErrors.length > 0) log(`    ! ${newErrors.length} scheduler errors, first: ${newErrors[0]}`);
  return { set, scheduler, seen, outcome };
}

/** `count` deadlines due within one second, spread round-robin over `caseIds`; waits until all fired or nothing moves for 15 s. */
async function burstPhase(
  label: string,
  ctx: { pool: pg.Pool; caseIds: string[]; otherCases: string[]; count: number; insertPerSec: number; server: ServerProcess },
) {
  const { count } = ctx;
  const leadMs = Math.max(3_000, (1.5 * count * 1000) / ctx.insertPerSec + 2_000);
  const set = newSet(label, count, Date.now() + leadMs, 1_000);
  const t0 = performance.now();
  await insertDeadlines(ctx.pool, ctx.caseIds, set);
  // A few deadlines of other cases, due 1 s after the burst's second: do they fire meanwhile?
  const canary = newSet(`${label}, other cases`, CANARIES, set.firstDue + 2_000, CANARIES);
  await insertDeadlines(ctx.pool, ctx.otherCases, canary);
  await notifySchedulers(ctx.pool);
  log(`  ${label}: inserted in ${fmt(performance.now() - t0)} ms, due ${fmt(set.firstDue - Date.now())} ms from now`);
  const errorsBefore = ctx.server.slaErrors().length;
  const done = await waitAllFired(ctx.pool, set, 120_000, 100, 15_000);
  // They are due after the burst, so they fire after it (due order): wait briefly for them unless stuck.
  const canariesFired = CANARIES - (done.stalled ? await pendingIn(ctx.pool, canary) : (await waitAllFired(ctx.pool, canary, 5_000)).pending);
  const firings = await firingsOf(ctx.pool, set);
  const once = await exactlyOnce(ctx.pool, set);
  const allFiredS = done.doneAt === null ? Number.NaN : (done.doneAt - set.firstDue) / 1000;
  const rate = firings.lags.length / Math.max(0.001, (firings.lastFired - set.firstDue) / 1000);
  if (done.doneAt === null) log(`    ! not all fired: ${fmt(done.pending)} still pending${done.stalled ? ', none fired in the last 15 s (stuck)' : ''}`);
  else log(`    all fired (seen committed) ${fmt(allFiredS, 2)} s after the second began; last firing (occurred_at) +${fmt((firings.lastFired - set.firstDue) / 1000, 2)} s`);
  log(`    firing rate ${fmt(rate)} /s (due start → last firing); lag ${lagLine(lagStats(firings.lags))}`);
  log(`    ${fmt(canariesFired)} of ${CANARIES} deadlines of other cases (due 1 s after the burst's second) fired${done.stalled ? ' — the stuck sweep blocks every deadline due later' : ''}`);
  log(`    ${onceLine(once)}; jobs queued now: ${await jobBacklog(ctx.pool)}`);
  for (const line of ctx.server.slaErrors().slice(errorsBefore, errorsBefore + 2)) log(`    ! server: ${line.slice(0, 200)}`);
  // The firing only records the breach; its effects run as 'sla-action' jobs: how fast do they drain?
  let actionsPerSec = Number.NaN;
  if (!done.stalled) {
    const q0 = await queued(ctx.pool, 'sla-action');
    await sleep(ACTION_WINDOW_MS);
    const q1 = await queued(ctx.pool, 'sla-action');
    actionsPerSec = ((q0 - q1) * 1000) / ACTION_WINDOW_MS;
    log(`    sla-action jobs: ${fmt(q0)} queued when all had fired, drained at ${fmt(actionsPerSec)}/s over ${ACTION_WINDOW_MS / 1000} s (${fmt(q1)} left: ~${fmt(q1 / Math.max(1, actionsPerSec))} s more)`);
  }
  return { allFiredS, rate, once, stalled: done.stalled, actionsPerSec, canariesFired };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const runId = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const hardLimitMs = 480_000;
  log(`Afterdesk SLA timer benchmark — run ${runId}`);
  log(`  node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}); hard time limit ${hardLimitMs / 1000}s`);

  const cleanup = new Cleanup();
  let aborting = false;
  const abort = (reason: string, code: number) => {
    if (aborting) return;
    aborting = true;
    consoleError(`\n! ${reason} — cleaning up`);
    void withTimeout(cleanup.runAll(), 60_000, 'cleanup').catch(() => undefined).finally(() => process.exit(code));
  };
  const hardLimit = setTimeout(() => abort(`hard time limit of ${hardLimitMs / 1000}s reached`, 2), hardLimitMs);
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));

  try {
    const name = `afterdesk_bench_sla_${runId}_${process.pid}`;
    const database = await withTimeout(createDatabase(options.serverUrl, name), 15_000, 'create database');
    cleanup.add(`drop database ${name}`, database.drop);
    const dataDir = mkdtempSync(join(tmpdir(), 'afterdesk-bench-sla-'));
    cleanup.add(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
    const pool = benchPool(database.url, 4);
    // Not waiting for queries still running on abort: the database is dropped with (force) next.
    cleanup.add('close bench pool', () => Promise.race([pool.end(), sleep(2_000)]).then(() => undefined));

    // The product in this process, as the server runs it: migrations, pg-boss, job workers, scheduler.
    const config = loadConfig({
      DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
      PII_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    });
    const runtime: Runtime = await withTimeout(startRuntime(config, { workers: true, logger: false }), 120_000, 'start runtime');
    let closed: Promise<void> | null = null;
    const closeRuntime = () => (closed ??= runtime.close());
    cleanup.add('close runtime', closeRuntime);
    await runtime.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(runtime.app.server.address() as AddressInfo).port}`;
    const [engine] = (await pool.query(`select current_setting('server_version') as v, current_setting('synchronous_commit') as sc, current_setting('shared_buffers') as sb`)).rows;
    log(`  PostgreSQL ${engine.v} (${new URL(options.serverUrl).host}, database ${name}), synchronous_commit=${engine.sc}, shared_buffers=${engine.sb}`);

    // --- Data: cases, 1 M pending deadlines far ahead (10 min … 30 days), the intake shop.
    log(`\n=== Seeding`);
    let t0 = performance.now();
    const caseIds = await seedCases(pool, options.cases, runId);
    const background = newSet('pending', options.pending, Date.now() + 10 * 60_000, 30 * 86_400_000);
    const chunk = 250_000;
    for (let from = 0; from < background.count; from += chunk) await insertDeadlines(pool, caseIds, background, from, Math.min(background.count, from + chunk) - 1);
    const insertPerSec = background.count / ((performance.now() - t0) / 1000);
    log(`  ${fmt(options.cases)} cases, ${fmt(background.count)} pending deadlines (due in 10 min … 30 days) in ${fmt((performance.now() - t0) / 1000, 1)} s (${fmt(insertPerSec)} rows/s)`);
    t0 = performance.now();
    await pool.query('vacuum analyze case_deadlines, cases');
    log(`  vacuum analyze: ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const sql = { query: async <T extends object>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[] };
    const shop = await seedShop(sql, runtime.deps.database.db, { customers: 64, actor: 'customer', runId });
    const loadItems = Math.ceil(options.loadRate * (options.streamSec + 5));
    t0 = performance.now();
    const items = options.streamSec > 0 ? await prepareItems(sql, shop, `sla-${runId}`, loadItems) : null;
    log(`  intake: 64 customers, ${fmt(loadItems)} delivered orders in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    // --- Baselines on the same database.
    log(`\n=== Baselines`);
    const inserts = await insertBaseline(pool, 5_000);
    log(`  raw single-row INSERT, 1 connection: ${fmt(inserts.perSec)}/s (p50 ${fmt(inserts.p50, 2)} ms, p99 ${fmt(inserts.p99, 2)} ms)`);
    const sweep = await sweepBaseline(pool, options.pending, options.burst, 500);
    log(`  plain SKIP LOCKED sweep (${fmt(sweep.fired)} due among ${fmt(options.pending)} pending, batches of 500): ${fmt(sweep.perSec)} rows/s (${fmt(sweep.seconds, 1)} s)`);
    note('baseline: raw single-row INSERTs', `${fmt(inserts.perSec)}/s`);
    note('baseline: plain FOR UPDATE SKIP LOCKED sweep', `${fmt(sweep.perSec)} rows/s`);

    // --- Lag of a stream of deadlines, idle, then under the intake load.
    log(`\n=== Firing lag at ${fmt(options.pending)} pending (in-process scheduler, pool ${runtime.deps.database.pool?.options.max})`);
    const ctx = { pool, caseIds, url, items };
    if (options.idleSec > 0) {
      const idle = await streamPhase('idle stream', { ...ctx, items: null }, options, options.idleSec);
      note('lag without load, p50 / p99', `${fmt(idle.scheduler.p50, 1)} / ${fmt(idle.scheduler.p99, 1)} ms`);
    }
    if (options.streamSec > 0) {
      const loaded = await streamPhase('stream under intake load', ctx, options, options.streamSec);
      judge('lag under intake load, p50', loaded.scheduler.p50, 100, 'ms', 1);
      judge('lag under intake load, p99', loaded.scheduler.p99, 1_000, 'ms', 1);
      note('visible (committed) lag under load, p50 / p99', `${fmt(loaded.seen.p50, 1)} / ${fmt(loaded.seen.p99, 1)} ms`);
      if (loaded.outcome) note('intake during the stream', `${fmt(loaded.outcome.created / loaded.outcome.durationSec)} cases/s, p99 ${loaded.outcome.latency.p99} ms`);
    }
    await closeRuntime();
    log(`  in-process product closed; jobs still queued: ${await jobBacklog(pool)}`);

    // --- kill -9 and restart of a separate server process.
    log(`\n=== Restart after kill -9 (server process: tsx src/main.ts serve)`);
    const port = await freePort();
    const first = startServer({ databaseUrl: database.url, port, dataDir });
    cleanup.add('stop first server', () => first.stop());
    const firstReady = await first.ready(60_000);
    log(`  server ready ${fmt(firstReady - first.spawnedAt)} ms after spawn`);
    await sleep(2_000);
    const killAt = Date.now() + 3_000;
    // One set due around the kill (so a sweep is likely in flight when it lands), one due while the server is down.
    const inflight = newSet('due around the kill', Math.max(1, Math.round(options.restart / 5)), killAt - 1_000, 1_200);
    const down = newSet('due while down', options.restart, killAt + 200, 2_000);
    await insertDeadlines(pool, caseIds, inflight);
    await insertDeadlines(pool, caseIds, down);
    await notifySchedulers(pool);
    if (Date.now() > inflight.firstDue) log(`  ! inserting took longer than planned: the first deadline was due before it was inserted`);
    await sleep(killAt - Date.now());
    const killedAt = Date.now();
    await first.kill9();
    log(`  SIGKILL sent to the server's process group; all its processes gone (reaped) after ${fmt(Date.now() - killedAt)} ms`);
    const firedBeforeKill = inflight.count - (await pendingIn(pool, inflight));
    log(`  SIGKILL ${fmt(killedAt - inflight.firstDue)} ms after the first of "${inflight.name}" was due: ${fmt(firedBeforeKill)} of ${fmt(inflight.count)} had fired`);
    await sleep(lastDue(down) + 300 - Date.now());
    const overdue = (await pendingIn(pool, inflight)) + (await pendingIn(pool, down));
    log(`  down for ${fmt((Date.now() - killedAt) / 1000, 1)} s; ${fmt(overdue)} deadlines overdue; jobs queued: ${await jobBacklog(pool)}`);
    const second = startServer({ databaseUrl: database.url, port, dataDir });
    cleanup.add('stop second server', () => second.stop());
    const readyP = second.ready(60_000);
    const allDown = await waitAllFired(pool, down, 60_000, 25);
    const allInflight = await waitAllFired(pool, inflight, 10_000, 25);
    const secondReady = await readyP;
    const doneAt = Math.max(allDown.doneAt ?? Number.NaN, allInflight.doneAt ?? Number.NaN);
    log(`  restarted: ready ${fmt(secondReady - second.spawnedAt)} ms after spawn; all ${fmt(overdue)} fired ${fmt(doneAt - second.spawnedAt)} ms after spawn (${fmt(doneAt - secondReady)} ms after ready)`);
    const onceDown = await exactlyOnce(pool, down);
    const onceInflight = await exactlyOnce(pool, inflight);
    log(`  "${down.name}": ${onceLine(onceDown)}`);
    log(`  "${inflight.name}": ${onceLine(onceInflight)}`);
    const lateLag = lagStats((await firingsOf(pool, down)).lags);
    log(`  lag of "${down.name}" (includes the downtime): ${lagLine(lateLag)}`);
    judge('restart: all overdue fired, after spawn', (doneAt - second.spawnedAt) / 1000, 5, 's', 2);
    note('restart: all overdue fired, after ready (/healthz)', `${fmt((doneAt - secondReady) / 1000, 2)} s`);
    note('restart: exactly once (down + in flight)', `${fmt(onceDown.once + onceInflight.once)} of ${fmt(onceDown.deadlines + onceInflight.deadlines)}`, onceOk(onceDown) && onceOk(onceInflight) ? 'OK' : 'MISMATCH');

    // --- Bursts: N deadlines due in the same second, fired by the restarted server. First one
    // deadline per case (the usual shape: a case has a few clocks), then the same number spread
    // over the benchmark's cases (many due deadlines per case).
    t0 = performance.now();
    const burstCases = await seedCases(pool, options.burst, `${runId}-burst`);
    log(`\n=== Bursts of ${fmt(options.burst)} deadlines due in the same second (server process; ${fmt(options.burst)} more cases in ${fmt((performance.now() - t0) / 1000, 1)} s)`);
    const shapes = [
      { label: 'one deadline per case', cases: burstCases, otherCases: caseIds },
      { label: `${fmt(options.burst / caseIds.length, 1)} per case over ${fmt(caseIds.length)} cases`, cases: caseIds, otherCases: burstCases },
    ];
    for (const shape of shapes) {
      const b = await burstPhase(`burst, ${shape.label}`, { pool, caseIds: shape.cases, otherCases: shape.otherCases, count: options.burst, insertPerSec, server: second });
      judge(`burst ${fmt(options.burst)} (${shape.label}): all fired after the second began`, b.allFiredS, 60, 's', 1);
      if (b.stalled) rows[rows.length - 1]!.verdict = `NOT MET: stuck, ${fmt(b.once.never)} never fired`;
      note(`burst (${shape.label}): firing rate`, `${fmt(b.rate)} /s${b.stalled ? ' until it stopped' : ''} (${fmt(b.rate / sweep.perSec, 2)}× the plain sweep)`);
      note(`burst (${shape.label}): other cases' deadlines due meanwhile`, `${b.canariesFired} of ${CANARIES} fired`, b.canariesFired === CANARIES ? 'OK' : 'BLOCKED');
      if (Number.isFinite(b.actionsPerSec)) note(`burst (${shape.label}): sla-action jobs run after firing`, `${fmt(b.actionsPerSec)} /s`);
      const verdict = b.once.twice > 0 ? 'MISMATCH' : b.once.never > 0 ? 'NOT ALL FIRED' : onceOk(b.once) ? 'OK' : 'MISMATCH';
      note(`burst (${shape.label}): exactly once`, `${fmt(b.once.once)} of ${fmt(b.once.deadlines)}`, verdict);
    }
    await second.stop();
    const errors = first.slaErrors().length + second.slaErrors().length + inProcessSlaErrors.length;
    if (errors > 0) note('scheduler error lines ("[sla] …", first 20 per process)', fmt(errors), 'see above');
  } catch (error) {
    consoleError(`\n! run failed: ${(error as Error).stack ?? String(error)}`);
    await cleanup.runAll();
    clearTimeout(hardLimit);
    return 1;
  }
  await cleanup.runAll();
  clearTimeout(hardLimit);

  log('\n=== Results');
  const header: Row = { what: 'measurement', result: 'result', target: 'target', verdict: 'verdict' };
  const keys = ['what', 'result', 'target', 'verdict'] as const;
  const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => r[k].length)));
  const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ')} |`;
  log(line(header));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) log(line(r));
  return rows.some((r) => r.verdict === 'MISMATCH') ? 1 : 0;
}

// A closed pipe (`… | head`) must not kill the process before it has cleaned up.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    consoleError((error as Error).stack ?? String(error));
    process.exit(1);
  },
);
