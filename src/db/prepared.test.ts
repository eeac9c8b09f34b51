import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTestDatabase } from '../../test/helpers/harness.ts';
import { type Database, openDatabase } from './database.ts';
import { executePrepared, sqlLiteral } from './prepared.ts';

// On PGlite by default, on PostgreSQL when TEST_DATABASE_URL names a server (CI runs both).
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  const fresh = await freshTestDatabase();
  drop = fresh.drop;
  database = await openDatabase({ url: fresh.url, poolSize: 2 });
});
afterAll(async () => {
  await database.close();
  await drop();
});

const tricky = `it's "quoted", a back\\slash, {braces}, commas, NULL, 中文 and 🙂`;
const at = new Date('2026-11-10T02:00:00.123Z');

function echo(values: unknown[]) {
  return sql<{ t: string | null; n: number; b: boolean; at: Date; list: string[]; ids: string[]; doc: unknown; bytes: Uint8Array }>`
    select ${values[0]}::text as t, ${values[1]}::int as n, ${values[2]}::boolean as b, ${values[3]}::timestamptz as at,
      ${values[4]}::text[] as list, ${values[5]}::uuid[] as ids, ${values[6]}::jsonb as doc, ${values[7]}::bytea as bytes`;
}

describe('executePrepared', () => {
  it('gives the same rows as the plain statement, whatever the values', async () => {
    const values = [
      tricky,
      -42,
      true,
      at,
      [tricky, null, '', 'NULL', 'a,b'],
      ['7d9d2c1e-0000-4000-8000-000000000001', '7d9d2c1e-0000-4000-8000-000000000002'],
      JSON.stringify({ text: tricky, n: null, list: [1, 'two'] }),
      new Uint8Array([0, 1, 39, 92, 255]),
    ];
    const plain = (await echo(values).execute(database.db)).rows;
    const prepared = await executePrepared(database, echo(values).compile(database.db));
    expect(prepared).toEqual(plain);
    expect(prepared[0]!.list).toEqual([tricky, null, '', 'NULL', 'a,b']);
    expect(prepared[0]!.doc).toEqual({ text: tricky, n: null, list: [1, 'two'] });
  });

  it('takes nulls for every parameter', async () => {
    const values = [null, null, null, null, null, null, null, null];
    expect(await executePrepared(database, echo(values).compile(database.db))).toEqual((await echo(values).execute(database.db)).rows);
  });

  it('prepares a statement once and runs it with each call’s own values', async () => {
    const query = (n: number) => sql<{ doubled: number }>`select ${n}::int * 2 as doubled`.compile(database.db);
    expect(await executePrepared(database, query(2))).toEqual([{ doubled: 4 }]);
    expect(await executePrepared(database, query(21))).toEqual([{ doubled: 42 }]);
    if (database.pglite) {
      // One engine, one connection: the statement is there once, under the name drawn from its text.
      const statements = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like '%::int * 2 as doubled%'`.execute(database.db);
      expect(statements.rows[0]!.n).toBe(1);
    }
  });

  it('fails the call, and keeps nothing, when the statement fails', async () => {
    await sql`create table prepared_probe (id int primary key)`.execute(database.db);
    const insert = (id: number) => sql`insert into prepared_probe (id) select * from unnest(${`{${id},${id}}`}::int[])`.compile(database.db);
    await expect(executePrepared(database, insert(1))).rejects.toThrow();
    expect((await sql<{ n: number }>`select count(*)::int as n from prepared_probe`.execute(database.db)).rows[0]!.n).toBe(0);
  });
});

describe('sqlLiteral', () => {
  it('doubles quotes only, and writes arrays and nulls as PostgreSQL reads them', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b')).toBe("'a\\b'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(['a"b', null, "c'd"])).toBe(`'{"a\\"b",NULL,"c''d"}'`);
  });
});
