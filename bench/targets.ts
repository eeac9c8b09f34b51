// The two databases the benchmark runs on. Each target owns its storage (a fresh PostgreSQL
// database or a temporary PGlite directory), starts the real product on it, gives direct SQL
// for preparing data and checking results, and runs the raw-INSERT baseline.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { type Config, loadConfig } from '../src/config.ts';
import { type Runtime, startRuntime } from '../src/runtime.ts';

export type TargetKind = 'pg' | 'pglite';

/** Direct SQL on the benchmark database (PostgreSQL: a small pool of its own; PGlite: the runtime's engine). */
export interface Sql {
  query<T extends object>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface BaselineResult {
  inserts: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
}

export interface Target {
  kind: TargetKind;
  label: string;
  runtime: Runtime;
  /** http://127.0.0.1:port */
  url: string;
  sql: Sql;
  /** Facts about the engine worth printing next to the figures. */
  describe(): Promise<string>;
  /** True while the product holds database work in progress (PostgreSQL pool busy). */
  busy(): boolean;
  /** Raw single-row INSERTs into bench_baseline at this concurrency for this long. */
  baseline(concurrency: number, durationMs: number, payload: string): Promise<BaselineResult>;
}

/** Cleanup actions, run last-in first-out, each at most once, even after an error. */
export class Cleanup {
  private readonly actions: { label: string; run: () => Promise<void> }[] = [];

  add(label: string, run: () => Promise<void>): void {
    this.actions.push({ label, run });
  }

  async runAll(limitMs = 20_000): Promise<void> {
    while (this.actions.length > 0) {
      const action = this.actions.pop()!;
      const started = performance.now();
      try {
        await withTimeout(action.run(), limitMs, `cleanup: ${action.label}`);
        const ms = performance.now() - started;
        if (ms > 1_000) console.log(`    cleanup "${action.label}" took ${Math.round(ms)} ms`);
      } catch (error) {
        console.error(`  ! cleanup "${action.label}" failed: ${(error as Error).message}`);
      }
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function benchConfig(dataDir: string, databaseUrl: string | undefined): Config {
  return loadConfig({
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    // PostgreSQL is run as in production, which needs the personal-data key; a fresh one per run.
    PII_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    // The load generator is one caller with a few tokens: measure the pipeline, not the throttle.
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
  });
}

async function listen(runtime: Runtime): Promise<string> {
  await runtime.app.listen({ host: '127.0.0.1', port: 0 });
  const address = runtime.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** `concurrency` loops each issuing one statement at a time until the duration ends. */
async function insertLoops(concurrency: number, durationMs: number, insert: () => Promise<unknown>): Promise<BaselineResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await insert();
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return { inserts: latencies.length, errors, seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/**
 * node-pg pools emit 'error' when an idle connection is terminated by the server — which
 * `drop database … with (force)` does to connections still closing after pool.end() resolved.
 * Without a listener that event would crash the process, so every pool here gets one.
 */
function tolerateIdleErrors(pool: pg.Pool, label: string): void {
  pool.on('error', (error) => {
    if ((error as { code?: string }).code !== '57P01') console.error(`    ! idle connection error in ${label}: ${error.message}`);
  });
}

const BASELINE_DDL = 'create table if not exists bench_baseline (id bigserial primary key, payload text not null)';
const BASELINE_INSERT = 'insert into bench_baseline (payload) values ($1)';

/** A fresh database `afterdesk_bench_<timestamp>` on the server of BENCH_DATABASE_URL (or the local one). */
export async function openPostgresTarget(cleanup: Cleanup, serverUrl: string): Promise<Target> {
  const name = `afterdesk_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const maintenanceUrl = new URL(serverUrl);
  const admin = new pg.Client({ connectionString: maintenanceUrl.toString() });
  await withTimeout(admin.connect(), 10_000, `connect to ${maintenanceUrl.host}`);
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  cleanup.add(`drop database ${name}`, async () => {
    const client = new pg.Client({ connectionString: maintenanceUrl.toString() });
    await client.connect();
    try {
      await client.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await client.end();
    }
  });
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const databaseUrl = dbUrl.toString();

  const dataDir = mkdtempSync(join(tmpdir(), 'afterdesk-bench-pg-'));
  cleanup.add(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
  const runtime = await withTimeout(startRuntime(benchConfig(dataDir, databaseUrl), { logger: false }), 120_000, 'start runtime (PostgreSQL)');
  cleanup.add('close runtime (PostgreSQL)', () => runtime.close());
  const productPool = runtime.deps.database.pool;
  if (!productPool) throw new Error('expected the runtime to run on PostgreSQL');
  tolerateIdleErrors(productPool, "the product's pool");
  const url = await listen(runtime);

  const tools = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  tolerateIdleErrors(tools, 'bench SQL pool');
  cleanup.add('close bench SQL pool', () => tools.end());
  const sql: Sql = {
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await tools.query(text, params)).rows as T[];
    },
  };
  await sql.query(BASELINE_DDL);

  return {
    kind: 'pg',
    label: `PostgreSQL (${maintenanceUrl.host}, database ${name})`,
    runtime,
    url,
    sql,
    async describe() {
      const [row] = await sql.query<{ v: string; sc: string; fs: string; sb: string }>(
        "select current_setting('server_version') as v, current_setting('synchronous_commit') as sc, current_setting('fsync') as fs, current_setting('shared_buffers') as sb",
      );
      return `PostgreSQL ${row?.v}, synchronous_commit=${row?.sc}, fsync=${row?.fs}, shared_buffers=${row?.sb}; product pool max ${productPool.options.max}`;
    },
    busy() {
      return productPool.waitingCount > 0 || productPool.totalCount > productPool.idleCount;
    },
    async baseline(concurrency, durationMs, payload) {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
      tolerateIdleErrors(pool, 'baseline pool');
      try {
        // Open every connection before timing, as the product's pool is warm too.
        const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
        for (const client of clients) client.release();
        return await insertLoops(concurrency, durationMs, () => pool.query(BASELINE_INSERT, [payload]));
      } finally {
        await pool.end();
      }
    },
  };
}

/** PGlite in a temporary data directory, the way the product runs without DATABASE_URL. */
export async function openPgliteTarget(cleanup: Cleanup): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'afterdesk-bench-pglite-'));
  cleanup.add(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
  const runtime = await withTimeout(startRuntime(benchConfig(dataDir, undefined), { logger: false }), 180_000, 'start runtime (PGlite)');
  cleanup.add('close runtime (PGlite)', () => runtime.close());
  const url = await listen(runtime);
  const pglite = runtime.deps.database.pglite;
  if (!pglite) throw new Error('expected the runtime to run on PGlite');
  const sql: Sql = {
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await pglite.query<T>(text, params)).rows;
    },
  };
  await sql.query(BASELINE_DDL);
  return {
    kind: 'pglite',
    label: `PGlite (${dataDir})`,
    runtime,
    url,
    sql,
    async describe() {
      const [row] = await sql.query<{ v: string }>("select current_setting('server_version') as v");
      return `PGlite (PostgreSQL ${row?.v}) in-process, single connection, data directory on ${tmpdir()}`;
    },
    busy() {
      return false;
    },
    async baseline(concurrency, durationMs, payload) {
      return insertLoops(concurrency, durationMs, () => pglite.query(BASELINE_INSERT, [payload]));
    },
  };
}
