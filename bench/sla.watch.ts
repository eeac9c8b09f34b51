// Visible lag: when did a fired deadline become visible to other connections (its transaction
// committed), measured from outside the product by polling the deadlines already due every few
// ms. Complements the event's occurred_at, which is the instant the sweep began — before its
// transaction did the work and committed.
import type pg from 'pg';
import { type DeadlineSet, lastDue } from './sla.data.ts';

/**
 * Polls every `everyMs` until every deadline of the set was seen breached, or `tailMs` after the
 * last was due. A deadline's lag is the start of the first poll that saw it minus its due time
 * (resolution: the poll interval plus one round trip).
 */
export async function watchVisible(pool: pg.Pool, set: DeadlineSet, everyMs: number, tailMs: number): Promise<number[]> {
  const { rows } = await pool.query<{ id: string; due: number }>(
    `select id, extract(epoch from due_at) * 1000 as due from case_deadlines
     where next_fire_at >= to_timestamp($1::float8 / 1000) - interval '1 millisecond'
       and next_fire_at <= to_timestamp($2::float8 / 1000) + interval '1 millisecond'
     order by due_at`,
    [set.firstDue, lastDue(set)],
  );
  const waiting = rows.map((r) => ({ id: r.id, due: Number(r.due) }));
  const lags: number[] = [];
  const stopAt = lastDue(set) + tailMs;
  let next = 0; // waiting[0, next) are due
  const open = new Map<string, number>();
  const client = await pool.connect();
  try {
    while ((open.size > 0 || next < waiting.length) && Date.now() < stopAt) {
      const at = Date.now();
      while (next < waiting.length && waiting[next]!.due <= at) {
        open.set(waiting[next]!.id, waiting[next]!.due);
        next += 1;
      }
      if (open.size > 0) {
        const seen = await client.query<{ id: string }>('select id from case_deadlines where id = any($1::uuid[]) and breached_at is not null', [
          `{${[...open.keys()].join(',')}}`,
        ]);
        for (const { id } of seen.rows) {
          lags.push(at - open.get(id)!);
          open.delete(id);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at + everyMs - Date.now())));
    }
  } finally {
    client.release();
  }
  return lags;
}
