// Opens the one database Afterdesk runs on: PGlite (embedded, a data directory) by default,
// PostgreSQL when a connection URL is given. Both speak the same SQL and share the migrations.
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The embedded engine, when running on PGlite (pg-boss and benchmarks use it directly). */
  pglite: PGlite | null;
  /** The connection pool, when running on PostgreSQL. */
  pool: pg.Pool | null;
  /** The PostgreSQL connection URL (services that keep their own pool use it). */
  url: string | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; when absent with no URL, an in-memory database (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

// Money is bigint in SQL; amounts in fen stay far below 2^53, so numbers are exact.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 20);
  return openPglite(options.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection closed by the server (restart, terminate) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (error) => {
    console.warn('[db] idle PostgreSQL connection lost:', error.message);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    pglite: null,
    pool,
    url,
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [pgliteTypes.INT8]: (value: string) => Number(value) },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    pool: null,
    url: null,
    close: async () => {
      await db.destroy();
    },
  };
}
