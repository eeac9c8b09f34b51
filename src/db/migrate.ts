// Plain-SQL migrations, applied in file-name order, each in its own transaction.
// Scripts hold many statements, so they run through the driver's simple-query path rather than
// Kysely. On PostgreSQL an advisory lock lets several processes start at once safely.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 7_261_123; // any constant shared by every Afterdesk process
const CREATE_TABLE = `create table if not exists schema_migrations (
  version text primary key,
  applied_at timestamptz not null default now()
)`;

export interface Migration {
  version: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({
      version: name.replace(/\.sql$/, ''),
      sql: readFileSync(`${MIGRATIONS_DIR}${name}`, 'utf8'),
    }));
}

/** A transaction that can run a multi-statement script. */
interface ScriptTransaction {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(script: string): Promise<void>;
}

async function inScriptTransaction<T>(database: Database, work: (tx: ScriptTransaction) => Promise<T>): Promise<T> {
  if (database.pglite) {
    return database.pglite.transaction((tx) =>
      work({
        query: (text, params) => tx.query(text, params),
        exec: async (script) => {
          await tx.exec(script);
        },
      }),
    );
  }
  if (!database.pool) throw new Error('database has neither PGlite nor a pool');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    const result = await work({
      query: (text, params) => client.query(text, params),
      exec: async (script) => {
        await client.query(script);
      },
    });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** Applies every pending migration; returns the versions applied now. */
export async function migrate(database: Database): Promise<string[]> {
  await sql.raw(CREATE_TABLE).execute(database.db);
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    const done = await inScriptTransaction(database, async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const { rows } = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [migration.version]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** Migrations present in the code but not yet applied (readiness check). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  await sql.raw(CREATE_TABLE).execute(database.db);
  const { rows } = await sql<{ version: string }>`select version from schema_migrations`.execute(database.db);
  const applied = new Set(rows.map((row) => row.version));
  return listMigrations()
    .map((m) => m.version)
    .filter((version) => !applied.has(version));
}
