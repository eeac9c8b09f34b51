// Hot statements run as named prepared statements, so the database parses and plans each once
// instead of on every call: a join of several tables, or a statement writing several tables,
// can cost more to plan than to run.
import { createHash } from 'node:crypto';
import { type Compilable, CompiledQuery } from 'kysely';
import type { Database } from './database.ts';
import { arrayLiteral } from './unnest.ts';

/**
 * Runs the statement as a named prepared statement. The name is drawn from the text, so a
 * statement whose parts vary is prepared once per variant; the text must not grow with the
 * data (bind lists as array parameters, never as a list of parameters). Outside a transaction.
 *
 * PostgreSQL: the driver prepares it once per connection of the pool. PGlite's query API has no
 * named statements, so there it is prepared with PREPARE once per engine and run with EXECUTE,
 * the parameters written as literals (which the engine reads faster than it plans the statement).
 */
export async function executePrepared<R>(database: Database, query: Compilable<R> | CompiledQuery<R>): Promise<R[]> {
  const compiled = 'compile' in query ? query.compile() : query;
  const name = `p_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 32)}`;
  if (database.pool) {
    const result = await database.pool.query({ name, text: compiled.sql, values: [...compiled.parameters] });
    return result.rows as R[];
  }
  const engine = database.pglite ?? database;
  let names = preparedOnEngine.get(engine);
  if (!names) preparedOnEngine.set(engine, (names = new Set()));
  if (!names.has(name)) {
    await database.db.executeQuery(CompiledQuery.raw(`prepare ${name} as ${compiled.sql}`));
    names.add(name);
  }
  const args = compiled.parameters.map(sqlLiteral).join(', ');
  const result = await database.db.executeQuery(CompiledQuery.raw(`execute ${name}${args ? `(${args})` : ''}`));
  return result.rows as R[];
}

const preparedOnEngine = new WeakMap<object, Set<string>>();

/**
 * A parameter as an SQL literal, read as the prepared statement's parameter type (standard
 * conforming strings: only the quote is doubled). A flat array becomes an array literal, written
 * as the batched inserts write theirs (db/unnest.ts).
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return `'${literalText(value).replaceAll("'", "''")}'`;
}

function literalText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
