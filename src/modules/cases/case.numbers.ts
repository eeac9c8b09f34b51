// Case numbers (AS + local date + running number) are drawn from the sequence in blocks, so a
// new case's row — and the answer its customer gets — is complete before it is written, and a
// batch of new cases goes to the database as one statement. A block left unused when the process
// stops leaves a gap in the running numbers, as a rolled-back insert always could.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { compactLocalDate } from '../../shared/time.ts';

export interface CaseNumbers {
  /** `count` running numbers never handed out before. */
  take(count: number): Promise<number[]>;
}

const BLOCK = 64;

export function createCaseNumbers(db: Kysely<DB>, block = BLOCK): CaseNumbers {
  let reserved: number[] = [];
  // One refill at a time: concurrent takers wait for it instead of drawing a second block.
  let refill: Promise<void> | null = null;

  async function draw(count: number): Promise<void> {
    const result = await sql<{ n: string }>`select nextval('case_no_seq') as n from generate_series(1, ${count}::int)`.execute(db);
    reserved.push(...result.rows.map((r) => Number(r.n)));
  }

  return {
    async take(count) {
      while (reserved.length < count) {
        refill ??= draw(Math.max(block, count - reserved.length)).finally(() => (refill = null));
        await refill;
      }
      return reserved.splice(0, count);
    },
  };
}

/** AS, the local date of `now`, and the running number: six digits at least, a longer one kept whole. */
export function caseNo(now: Date, n: number): string {
  return `AS${compactLocalDate(now)}${String(n).padStart(6, '0')}`;
}
