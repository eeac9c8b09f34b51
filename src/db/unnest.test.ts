import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from './schema.ts';
import { unnestInsert } from './unnest.ts';

const pglite = new PGlite();
const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
beforeAll(async () => {
  // The columns unnestInsert writes here, as in the real table.
  await sql`create table idempotency_keys (principal text not null, key text not null, operation text, request_hash text,
    status_code int, response jsonb, created_at timestamptz, primary key (principal, key))`.execute(db);
});
afterAll(() => db.destroy());

describe('unnestInsert', () => {
  it('writes every row in order with its types, jsonb documents whole and missing values as SQL nulls', async () => {
    const at = new Date('2026-11-10T02:00:00.123Z');
    const tricky = 'quotes " and \\ backslashes, {braces}, commas, 中文 and an emoji 🙂';
    const rows = [
      { principal: 'p', key: '1', operation: tricky, request_hash: null, status_code: 201, response: { a: [1, { b: tricky }], n: null }, created_at: at },
      { principal: 'p', key: '2', operation: 'o', request_hash: 'h', status_code: 0, response: null, created_at: at },
      { principal: 'p', key: '3', operation: 'o', request_hash: 'h', status_code: 422, response: '{"already":"json text"}', created_at: at },
      { principal: 'p', key: '4', operation: 'o', request_hash: 'h', status_code: 1, response: '"a JSON string"', created_at: at },
      { principal: 'p', key: '5', operation: 'NULL', request_hash: '', status_code: -1, response: [], created_at: at },
    ];
    await unnestInsert(
      'idempotency_keys',
      { principal: 'text', key: 'text', operation: 'text', request_hash: 'text', status_code: 'int', response: 'jsonb', created_at: 'timestamptz' },
      rows as never,
    )!.execute(db);
    const stored = await sql<{ key: string; operation: string; request_hash: string | null; status_code: number; response: unknown; is_null: boolean; created_at: Date }>`
      select key, operation, request_hash, status_code, response, response is null as is_null, created_at from idempotency_keys order by key`.execute(db);
    expect(stored.rows.map((r) => [r.key, r.operation, r.request_hash, r.status_code, r.response, r.is_null, r.created_at.toISOString()])).toEqual([
      ['1', tricky, null, 201, { a: [1, { b: tricky }], n: null }, false, at.toISOString()],
      ['2', 'o', 'h', 0, null, true, at.toISOString()],
      ['3', 'o', 'h', 422, { already: 'json text' }, false, at.toISOString()],
      ['4', 'o', 'h', 1, 'a JSON string', false, at.toISOString()],
      ['5', 'NULL', '', -1, [], false, at.toISOString()],
    ]);
  });

  it('keeps the order of many rows, and writes nothing for none', async () => {
    expect(unnestInsert('idempotency_keys', { principal: 'text', key: 'text' }, [])).toBeNull();
    const many = Array.from({ length: 300 }, (_, i) => ({ principal: 'm', key: String(i).padStart(3, '0'), response: { i } }));
    await unnestInsert('idempotency_keys', { principal: 'text', key: 'text', response: 'jsonb' }, many as never)!.execute(db);
    const stored = await sql<{ key: string; response: { i: number } }>`select key, response from idempotency_keys where principal = 'm' order by key`.execute(db);
    expect(stored.rows.every((r) => Number(r.key) === r.response.i)).toBe(true);
    expect(stored.rows).toHaveLength(300);
  });

  it('writes each row its own time, the same Date object or not', async () => {
    const a = new Date('2026-11-10T02:00:00.001Z');
    const b = new Date('2026-11-10T02:00:00.002Z');
    const rows = [a, a, b, a, new Date(b), null].map((createdAt, i) => ({ principal: 't', key: String(i), created_at: createdAt }));
    await unnestInsert('idempotency_keys', { principal: 'text', key: 'text', created_at: 'timestamptz' }, rows as never)!.execute(db);
    const stored = await sql<{ created_at: Date | null }>`select created_at from idempotency_keys where principal = 't' order by key`.execute(db);
    expect(stored.rows.map((r) => r.created_at?.toISOString() ?? null)).toEqual([a, a, b, a, b, null].map((d) => d?.toISOString() ?? null));
  });
});
