// Rows inserted with one array parameter per column (`insert … select * from unnest(…)`): the
// statement's text, and the work of parsing and planning it, stay the same whatever the number of
// rows — a multi-row VALUES list grows by a parameter per cell. Used for the batches intake writes.
import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { DB } from './schema.ts';

export type ColumnType = 'uuid' | 'int' | 'bigint' | 'text' | 'jsonb' | 'timestamptz' | 'boolean';

/**
 * A column's values as one array literal (`{"a","b",NULL}`), which the cast reads as its type on
 * pg and PGlite alike. Written here in one pass rather than handed to the driver as an array,
 * which serialises (and escapes) it element by element.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const elements = new Array<string>(values.length);
  // A batch's timestamps are mostly one and the same Date (the command's now): written once.
  let lastDate: Date | null = null;
  let lastDateElement = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) elements[i] = 'NULL';
    else if (typeof value === 'number' || typeof value === 'boolean') elements[i] = String(value);
    else if (value instanceof Date) {
      if (value !== lastDate) {
        lastDate = value;
        lastDateElement = `"${value.toISOString()}"`;
      }
      elements[i] = lastDateElement;
    } else {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      elements[i] = `"${NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, '\\$&') : text}"`;
    }
  }
  return `{${elements.join(',')}}`;
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/**
 * A jsonb[] from one JSON array parameter: the documents are parsed once as JSON, instead of
 * escaped into an array literal by the driver and unescaped again by the server. A string is
 * taken as JSON text already (as a jsonb cast takes it); missing values become SQL nulls.
 */
export function jsonbArray(values: readonly unknown[]): RawBuilder<unknown> {
  const documents = `[${values.map((v) => (v === null || v === undefined ? 'null' : typeof v === 'string' ? v : JSON.stringify(v))).join(',')}]`;
  return sql`array(select nullif(e, 'null'::jsonb) from jsonb_array_elements(${documents}::jsonb) with ordinality as x(e, i) order by i)`;
}

export function unnestInsert<T extends keyof DB & string>(
  table: T,
  columns: { [K in keyof Insertable<DB[T]> & string]?: ColumnType },
  rows: readonly Insertable<DB[T]>[],
  options: { onConflictDoNothing?: string | RawBuilder<unknown>; returning?: string } = {},
): RawBuilder<unknown> | null {
  if (rows.length === 0) return null;
  const names = Object.keys(columns) as (keyof Insertable<DB[T]> & string)[];
  const arrays = names.map((name) => (columns[name] === 'jsonb' ? jsonbArray(rows.map((row) => row[name])) : sql`${arrayLiteral(rows.map((row) => row[name]))}::${sql.raw(columns[name]!)}[]`));
  const target = options.onConflictDoNothing;
  const conflict = target === undefined ? sql`` : sql` on conflict ${typeof target === 'string' ? sql`(${sql.ref(target)})` : target} do nothing`;
  const returning = options.returning ? sql` returning ${sql.ref(options.returning)}` : sql``;
  return sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))}) select * from unnest(${sql.join(arrays)})${conflict}${returning}`;
}
