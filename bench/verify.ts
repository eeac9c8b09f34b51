// After each step: wait until the product has finished every request it received, then check
// that the database holds exactly one case per 201 answer — none lost, none doubled.
import type { LoadOutcome } from './load.ts';
import type { Sql, Target } from './targets.ts';

export interface Counts {
  cases: number;
  caseItems: number;
  events: number;
  jobs: number;
  /** Idempotency records of case.create that stored a 201 (the answer the server committed). */
  created201: number;
}

const num = (value: unknown) => Number(value ?? 0);

export async function countAll(sql: Sql): Promise<Counts> {
  const [row] = await sql.query<Record<keyof Counts, unknown>>(
    `select (select count(*) from cases) as "cases",
            (select count(*) from case_items) as "caseItems",
            (select count(*) from case_events where type = 'case_submitted') as "events",
            (select count(*) from pgboss.job where name = 'case-event') as "jobs",
            (select count(*) from idempotency_keys where operation = 'case.create' and status_code = 201) as "created201"`,
  );
  return { cases: num(row?.cases), caseItems: num(row?.caseItems), events: num(row?.events), jobs: num(row?.jobs), created201: num(row?.created201) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until requests cut off at the end of a step have finished on the server: the product's
 * pool is idle and the counts have not moved for a few polls. Bounded by `limitMs`.
 */
export async function settle(target: Target, limitMs = 15_000): Promise<{ counts: Counts; waitedMs: number; settled: boolean }> {
  const started = Date.now();
  let previous = await countAll(target.sql);
  let stablePolls = 0;
  while (Date.now() - started < limitMs) {
    await sleep(100);
    const counts = await countAll(target.sql);
    const same = counts.cases === previous.cases && counts.created201 === previous.created201 && counts.events === previous.events;
    stablePolls = same && !target.busy() ? stablePolls + 1 : 0;
    previous = counts;
    if (stablePolls >= 3) return { counts, waitedMs: Date.now() - started, settled: true };
  }
  return { counts: previous, waitedMs: Date.now() - started, settled: false };
}

export interface StepCheck {
  ok: boolean;
  lines: string[];
}

/** Order items with more than one case (the product refuses a second open case per item). */
async function doubledItems(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ n: unknown }>(
    'select count(*) as n from (select order_item_id from case_items group by order_item_id having count(*) > 1) d',
  );
  return num(row?.n);
}

async function casesForItems(sql: Sql, itemIds: string[]): Promise<number> {
  if (itemIds.length === 0) return 0;
  const [row] = await sql.query<{ n: unknown }>('select count(distinct order_item_id) as n from case_items where order_item_id = any($1::uuid[])', [
    `{${itemIds.join(',')}}`,
  ]);
  return num(row?.n);
}

export async function checkStep(target: Target, before: Counts, load: LoadOutcome): Promise<StepCheck> {
  const { counts: after, waitedMs, settled } = await settle(target);
  const delta = {
    cases: after.cases - before.cases,
    caseItems: after.caseItems - before.caseItems,
    events: after.events - before.events,
    jobs: after.jobs - before.jobs,
    created201: after.created201 - before.created201,
  };
  // Requests cut off when the step ended (or timed out) still run to completion on the server;
  // their 201 was committed but never read. They are counted separately, by order item.
  const cutOffCreated = await casesForItems(target.sql, load.unansweredItemIds);
  const doubled = await doubledItems(target.sql);
  const expected = load.created + cutOffCreated;
  const checks: [boolean, string][] = [
    [
      delta.cases === expected,
      `cases +${delta.cases} = ${load.created} answered 201 + ${cutOffCreated} created by requests cut off at the end of the step (${load.unansweredItemIds.length} unanswered)`,
    ],
    [delta.cases === delta.created201, `cases +${delta.cases} = 201 answers recorded by the server +${delta.created201} (idempotency records)`],
    [delta.caseItems === delta.cases && delta.events === delta.cases && delta.jobs === delta.cases, `items +${delta.caseItems}, case_submitted events +${delta.events}, pg-boss jobs +${delta.jobs}: one each per case`],
    [doubled === 0, `order items with more than one case: ${doubled}`],
    [settled, `server settled after ${waitedMs} ms`],
  ];
  return {
    ok: checks.every(([ok]) => ok),
    lines: checks.map(([ok, text]) => `${ok ? 'OK      ' : 'MISMATCH'} ${text}`),
  };
}
