import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import { caseNo, createCaseNumbers } from './case.numbers.ts';

const pglite = new PGlite();
const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
beforeAll(async () => {
  await sql`create sequence case_no_seq`.execute(db);
});
afterAll(() => db.destroy());

describe('case numbers', () => {
  it('are AS, the local (Beijing) date and six digits at least, a longer running number kept whole', () => {
    const lateEvening = new Date('2026-11-10T17:30:00Z'); // 01:30 on 11 November in Beijing
    expect(caseNo(lateEvening, 42)).toBe('AS20261111000042');
    expect(caseNo(lateEvening, 999_999)).toBe('AS20261111999999');
    expect(caseNo(lateEvening, 1_000_001)).toBe('AS202611111000001');
    expect(caseNo(lateEvening, 1_000_001)).not.toBe(caseNo(lateEvening, 100_000));
  });

  it('are never handed out twice, by concurrent takers or across blocks and reserves', async () => {
    const first = createCaseNumbers(db, 4);
    const second = createCaseNumbers(db, 4);
    const taken = (await Promise.all([first.take(3), first.take(3), second.take(5), first.take(1), second.take(2)])).flat();
    expect(taken).toHaveLength(14);
    expect(new Set(taken).size).toBe(14);
    // Each reserve draws blocks of at least four; together they drew no more than they needed plus a block each.
    const { rows } = await sql<{ last: string }>`select last_value as last from case_no_seq`.execute(db);
    expect(Number(rows[0]!.last)).toBeLessThanOrEqual(14 + 2 * 4);
    expect(Math.max(...taken)).toBeLessThanOrEqual(Number(rows[0]!.last));
  });
});
