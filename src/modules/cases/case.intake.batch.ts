// Group commit for intake: creates that arrive together (in one turn of the event loop, or while
// a batch is being written) go in one batch, and each is answered only after its commit. At low
// load a batch holds one case, so nothing waits; under load the cost of round trips, query plans
// and commits is shared.
//
// Each case is planned as its request arrives, before anything is written (case.intake.plan.ts):
// its row with its case number, routing, clocks, first events and its answer, so the batches,
// written one at a time, only gather and send. The usual batch — new keys, no open
// case for the same items, nobody to pick under lock, no L2 department requests — is then written
// as one statement, which is its own transaction: keys with their answers, cases, items, events,
// audit rows, clocks, notices and jobs. If that statement fails (a key or an open case already
// there), nothing of it is kept, and the batch is written again the careful way, in a transaction
// that claims the keys first and replays, links duplicates and asks departments as needed. A batch
// that still fails is retried case by case, so one bad request never fails another. The order
// facts the policy check needs are read the same way: one query for the requests that arrive
// together.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { createBatcher, type Settled, settle } from '../../shared/batcher.ts';
import { loadOrderItemFacts, type OrderItemFacts } from '../orders/index.ts';
import { answeredKeysInsert, answersUpdate, claimKeys, type IdempotentResult, keyReused } from '../../shared/idempotency.ts';
import { type CreateCaseResult, linkDuplicate } from './case.intake.ts';
import { casesInsert } from './case.repository.ts';
import { askDepartmentsForNewEscalated } from '../routing/routing.service.ts';
import { asksDepartments } from '../collaboration/collaboration.auto.ts';
import { executeTogether, togetherStatement } from '../../db/together.ts';
import { executePrepared } from '../../db/prepared.ts';
import { createCaseNumbers } from './case.numbers.ts';
import { type CasesPlan, createdAnswer, type IntakeEntry, type PlannedCase, planCases, writesOf } from './case.intake.plan.ts';

export type { IntakeEntry } from './case.intake.plan.ts';

type Outcome = Settled<IdempotentResult<CreateCaseResult>>;

export interface IntakeQueue {
  submit(entry: IntakeEntry): Promise<IdempotentResult<CreateCaseResult>>;
  /** The order items' facts, read for concurrent requests with one query. */
  loadFacts(orderItemIds: string[]): Promise<OrderItemFacts[]>;
}

const MAX_BATCH = 64;
// One batch of each kind at a time: on PGlite a second would only queue behind the first in the
// one engine, and on a small PostgreSQL server two half-size batches cost more CPU per case than
// one full one (measured with bench:intake).

/** A request waiting for its batch: its case number drawn, and its case planned for the usual way. */
interface Queued {
  entry: IntakeEntry;
  number: number;
  /** The case as the one-statement write would write it; null when the request needs the careful way. */
  usual: { case: PlannedCase; queues: CasesPlan['queues']; answer: { status: number; body: CreateCaseResult } } | null;
}

export function createIntakeQueue(deps: Omit<AppDeps, 'intake'>): IntakeQueue {
  const db = deps.database.db;
  const caseNumbers = createCaseNumbers(db);
  const writeOne = async (queued: Queued[]): Promise<Outcome[]> =>
    (await writeAtOnce(deps, db, queued)) ??
    db.transaction().execute((trx) => writeCarefully(deps, trx, queued.map((q) => q.entry), queued.map((q) => q.number)));
  const write = createBatcher<Queued, IdempotentResult<CreateCaseResult>>(
    async (queued) => {
      try {
        return await writeOne(queued);
      } catch (error) {
        if (queued.length === 1) return [{ ok: false, error }];
        // One bad request must not fail the others: each is retried on its own.
        const outcomes: Outcome[] = [];
        for (const q of queued) {
          const single = await settle(() => writeOne([q]));
          outcomes.push(single.ok ? single.value[0]! : single);
        }
        return outcomes;
      }
    },
    { maxBatch: MAX_BATCH, inFlight: 1 },
  );
  // Each request is planned as it arrives, so the batch, written one at a time, only gathers
  // what was planned and sends it.
  const submit = async (entry: IntakeEntry) => {
    const [number] = await caseNumbers.take(1);
    return write({ entry, number: number!, usual: await planUsual(deps, db, entry, number!) });
  };
  const loadFacts = createBatcher<string[], OrderItemFacts[]>(
    async (requests) => {
      const facts = await loadOrderItemFacts(deps.database, [...new Set(requests.flat())]);
      const byId = new Map(facts.map((f) => [f.orderItemId, f]));
      return requests.map((ids) => ({ ok: true, value: [...new Set(ids)].flatMap((id) => byId.get(id) ?? []) }));
    },
    { maxBatch: MAX_BATCH, inFlight: 1 },
  );
  return { submit, loadFacts };
}

const claimId = (e: IntakeEntry) => (e.claim ? `${e.claim.principal}\u0000${e.claim.key}` : null);

/** The case planned for the one-statement write; null when it needs the careful way (an L2 case, a person to pick under lock). */
async function planUsual(deps: Omit<AppDeps, 'intake'>, db: Kysely<DB>, entry: IntakeEntry, number: number): Promise<Queued['usual']> {
  if (asksDepartments(entry.prepared.triage.severity)) return null;
  const plan = await planCases(deps, db, [entry], [number], { lockAssignees: false });
  const planned = plan.cases[0]!;
  if (planned.routing.assign) return null;
  return { case: planned, queues: plan.queues, answer: createdAnswer(plan, planned) };
}

/**
 * The usual batch in one statement, outside any transaction; null when the batch needs the
 * careful way (a key used twice in it, a person to pick, an L2 case) or the statement failed,
 * in which case nothing of it was written.
 */
async function writeAtOnce(deps: Omit<AppDeps, 'intake'>, db: Kysely<DB>, queued: Queued[]): Promise<Outcome[] | null> {
  const claims = queued.map((q) => claimId(q.entry)).filter((id) => id !== null);
  if (new Set(claims).size !== claims.length) return null;
  const usual = queued.map((q) => q.usual);
  if (usual.some((u) => u === null)) return null;
  const plan: CasesPlan = { cases: usual.map((u) => u!.case), queues: usual[0]!.queues };
  const answers = usual.map((u) => u!.answer);
  const writes = writesOf(deps, plan, plan.cases);
  try {
    const jobs = await deps.jobs.sendManyPart('case-event', plan.cases.map((c) => ({ caseId: c.row.id, seq: 1, type: 'case_submitted' })));
    const statement = togetherStatement(
      [
        // Plain inserts: a key used before, or an open case for the same items, fails the statement.
        answeredKeysInsert(plan.cases.flatMap((c, i) => (c.entry.claim ? [{ claim: c.entry.claim, ...answers[i]! }] : [])), queued[0]!.entry.now),
        casesInsert(plan.cases.map((c) => c.row), { skipTakenDedupe: false }),
        ...writes.parts,
        jobs,
      ],
      { finally: writes.finish },
    );
    // Prepared: its text is one of a few, whatever the batch, so PostgreSQL plans it once per connection.
    await executePrepared(deps.database, statement!.compile(db));
  } catch {
    // Nothing was written (or pg-boss's insert cannot ride along): the careful way decides.
    return null;
  }
  return answers.map((answer) => ({ ok: true, value: { ...answer, replayed: false } }));
}

/** The batch in a transaction, each step deciding the next: claims, replays, duplicates, L2 requests. */
async function writeCarefully(deps: Omit<AppDeps, 'intake'>, trx: Kysely<DB>, entries: IntakeEntry[], numbers: number[]): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = new Array(entries.length);
  // Keys: the first use of a key in the batch claims it; later uses in the batch follow it.
  const firstIndexOfKey = new Map<string, number>();
  const claimants: number[] = [];
  entries.forEach((e, i) => {
    const id = claimId(e);
    if (id === null || firstIndexOfKey.has(id)) return;
    firstIndexOfKey.set(id, i);
    claimants.push(i);
  });
  const stored = await claimKeys<CreateCaseResult>(
    trx,
    claimants.map((i) => entries[i]!.claim!),
    entries[0]!.now,
  );
  claimants.forEach((i, n) => {
    const previous = stored[n];
    if (previous instanceof Error) outcomes[i] = { ok: false, error: previous };
    else if (previous) outcomes[i] = { ok: true, value: { ...previous, replayed: true } };
  });
  const writers = entries.map((_, i) => i).filter((i) => outcomes[i] === undefined && (!entries[i]!.claim || claimants.includes(i)));

  const plan = await planCases(deps, trx, writers.map((i) => entries[i]!), writers.map((i) => numbers[i]!), { lockAssignees: true });
  const plannedOf = new Map(writers.map((i, n) => [i, plan.cases[n]!]));
  const inserted = await casesInsert(plan.cases.map((c) => c.row), { skipTakenDedupe: true })?.execute(trx);
  const insertedIds = new Set((inserted?.rows ?? []).map((r) => (r as { id: string }).id));
  const createdIndexes = writers.filter((i) => insertedIds.has(plannedOf.get(i)!.row.id));
  const created = createdIndexes.map((i) => plannedOf.get(i)!);
  createdIndexes.forEach((i) => (outcomes[i] = { ok: true, value: { ...createdAnswer(plan, plannedOf.get(i)!), replayed: false } }));
  // Stored with the rest when nothing below changes a case: an L2 case asking its departments
  // moves on a version, and a duplicate's answer is only known once it is linked.
  const answersNow = writers.length === createdIndexes.length && !created.some((c) => asksDepartments(c.row.severity));
  const storedAnswers = () =>
    answersUpdate(
      claimants.filter((i) => writers.includes(i)).map((i) => {
        const outcome = outcomes[i] as Extract<Outcome, { ok: true }>;
        return { principal: entries[i]!.claim!.principal, key: entries[i]!.claim!.key, status: outcome.value.status, body: outcome.value.body };
      }),
    );
  const writes = writesOf(deps, plan, created);
  await executeTogether(trx, [...writes.parts, answersNow ? storedAnswers() : null], { finally: writes.finish });
  await deps.jobs.sendMany(
    trx,
    'case-event',
    created.map((c) => ({ caseId: c.row.id, seq: 1, type: 'case_submitted' })),
  );
  if (!answersNow) {
    const versions = await askDepartmentsForNewEscalated(deps as AppDeps, trx, created.map((c) => c.row), entries[0]!.now);
    for (const [caseId, version] of versions) {
      const i = createdIndexes.find((n) => plannedOf.get(n)!.row.id === caseId)!;
      outcomes[i] = { ok: true, value: { ...createdAnswer(plan, plannedOf.get(i)!, version), replayed: false } };
    }
    // IN-8: an open case for the same items and kind took the slot (maybe in this very batch).
    for (const i of writers.filter((w) => !createdIndexes.includes(w))) {
      const e = entries[i]!;
      const linked = await linkDuplicate(deps as AppDeps, trx, e.actor, e.input, e.prepared.dedupeKey, e.now);
      outcomes[i] = { ok: true, value: { ...linked, replayed: false } };
    }
    await storedAnswers()?.execute(trx);
  }
  // Later uses of a key within the batch replay the first use's answer.
  entries.forEach((e, i) => {
    if (outcomes[i] !== undefined || !e.claim) return;
    const first = firstIndexOfKey.get(claimId(e)!)!;
    const firstClaim = entries[first]!.claim!;
    const firstOutcome = outcomes[first]!;
    outcomes[i] =
      firstClaim.hash !== e.claim.hash || firstClaim.operation !== e.claim.operation
        ? { ok: false, error: keyReused() }
        : firstOutcome.ok
          ? { ok: true, value: { ...firstOutcome.value, replayed: true } }
          : firstOutcome;
  });
  return outcomes.map((o) => o ?? { ok: false, error: new Error('intake outcome missing') });
}
