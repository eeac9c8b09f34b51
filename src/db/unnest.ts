// Rows inserted with one array parameter per column (`insert … select * from unnest(…)`): the
// statement's text, and the work of parsing and planning it, stay the same whatever the number of
// rows — a multi-row VALUES list grows by a parameter per cell. Used for the batches intake writes.
import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { DB } from './schema.ts';

export type ColumnType = 'uuid' | 'int' | 'bigint' | 'text' | 'jsonb' | 'timestamptz' | 'boolean';

/** Every value goes as text in its column's array; the cast gives it its type (on pg and PGlite alike). */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function unnestInsert<T extends keyof DB & string>(
  table: T,
  columns: { [K in keyof Insertable<DB[T]> & string]?: ColumnType },
  rows: readonly Insertable<DB[T]>[],
  options: { onConflictDoNothing?: string | RawBuilder<unknown>; returning?: string } = {},
): RawBuilder<unknown> | null {
  if (rows.length === 0) return null;
  const names = Object.keys(columns) as (keyof Insertable<DB[T]> & string)[];
  const arrays = names.map((name) => {
    const values = rows.map((row) => asText(row[name]));
    return sql`${values}::${sql.raw(columns[name]!)}[]`;
  });
  const target = options.onConflictDoNothing;
  const conflict = target === undefined ? sql`` : sql` on conflict ${typeof target === 'string' ? sql`(${sql.ref(target)})` : target} do nothing`;
  const returning = options.returning ? sql` returning ${sql.ref(options.returning)}` : sql``;
  return sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))}) select * from unnest(${sql.join(arrays)})${conflict}${returning}`;
}
