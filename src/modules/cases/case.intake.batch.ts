// Group commit for intake: creates that arrive together (in one turn of the event loop, or while
// a batch is being written) go in one batch, written in one transaction — the keys, the cases
// (already routed), then one statement for their items, first events, audit rows, clocks, notices
// and stored answers, then their jobs — and each is answered only after its commit. At low load a
// batch holds one case, so nothing waits; under load the cost of round trips, query plans and
// commits is shared. A batch that fails is retried case by case, so one bad request never fails
// another. The order facts the policy check needs are read the same way: one query for the
// requests that arrive together.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { createBatcher, type Settled, settle } from '../../shared/batcher.ts';
import { loadOrderItemFacts, type OrderItemFacts } from '../orders/index.ts';
import { answersUpdate, claimKeys, type IdempotentResult, type KeyClaim, keyReused } from '../../shared/idempotency.ts';
import { compactLocalDate } from '../../shared/time.ts';
import type { Actor } from '../identity/index.ts';
import { type CreateCaseResult, linkDuplicate, type PreparedCase } from './case.intake.ts';
import { presentCaseSummary } from './case.presenter.ts';
import { type CaseEventInput, caseItemsInsert, firstEventsInsert, insertCases } from './case.repository.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { auditInsert } from '../audit/audit.service.ts';
import { stateChangeAudits } from './case.audit.ts';
import type { CaseKey } from '../sla/sla.targets.ts';
import { askDepartmentsForNewL2, newCaseNotices, routeNewCases } from '../routing/routing.service.ts';
import { notificationsInsert } from '../notifications/notifications.repository.ts';
import { notifySchedulers } from '../sla/sla.repository.ts';
import { executeTogether } from '../../db/together.ts';
import type { RoutingFacts } from '../routing/routing.rules.ts';
import type { CreateCaseInput } from './case.schemas.ts';
import { mediaFlagFromTriage } from './case.voice.ts';

export interface IntakeEntry {
  actor: Actor;
  input: CreateCaseInput;
  prepared: PreparedCase;
  now: Date;
  claim: KeyClaim | null;
}

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

export function createIntakeQueue(deps: Omit<AppDeps, 'intake'>): IntakeQueue {
  const writeOne = async (entries: IntakeEntry[]): Promise<Outcome[]> =>
    deps.database.db.transaction().execute((trx) => writeBatch(deps, trx, entries));
  const submit = createBatcher<IntakeEntry, IdempotentResult<CreateCaseResult>>(
    async (entries) => {
      try {
        return await writeOne(entries);
      } catch (error) {
        if (entries.length === 1) return [{ ok: false, error }];
        // One bad request must not fail the others: each is retried on its own.
        const outcomes: Outcome[] = [];
        for (const entry of entries) {
          const single = await settle(() => writeOne([entry]));
          outcomes.push(single.ok ? single.value[0]! : single);
        }
        return outcomes;
      }
    },
    { maxBatch: MAX_BATCH, inFlight: 1 },
  );
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

async function writeBatch(deps: Omit<AppDeps, 'intake'>, trx: Kysely<DB>, entries: IntakeEntry[]): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = new Array(entries.length);
  // Keys: the first use of a key in the batch claims it; later uses in the batch follow it.
  const firstIndexOfKey = new Map<string, number>();
  const claimants: number[] = [];
  entries.forEach((e, i) => {
    if (!e.claim) return;
    const id = `${e.claim.principal}\u0000${e.claim.key}`;
    if (!firstIndexOfKey.has(id)) {
      firstIndexOfKey.set(id, i);
      claimants.push(i);
    }
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

  const ids = new Map(writers.map((i) => [i, randomUUID()]));
  const clocks = await deps.sla.planNewCases(
    trx,
    writers.map((i) => ({ caseId: ids.get(i)!, key: caseKey(entries[i]!), customerId: entries[i]!.prepared.parties.customerId, now: entries[i]!.now })),
  );
  const clocksOf = new Map(clocks.map((c) => [c.caseId, c]));
  const slaEvents = (i: number): CaseEventInput[] =>
    (clocksOf.get(ids.get(i)!)?.events ?? []).map((e) => ({ type: e.type, fromState: 'submitted', toState: 'submitted', data: e.data, actor: SYSTEM_ACTOR }));
  // TR-3/TR-4: each new case is inserted already in its queue (and maybe with a person), its
  // case_routed event among its first events, so no second write of the row follows.
  const { routings, queues } = await routeNewCases(trx, writers.map((i) => ({ state: 'submitted', facts: routingFactsOf(entries[i]!) })));
  const routingOf = new Map(writers.map((i, n) => [i, routings[n]!]));
  const firstEventsOf = (i: number): CaseEventInput[] => {
    const e = entries[i]!;
    return [
      { type: 'case_submitted', fromState: null, toState: 'submitted', data: { channel: e.input.channel, kind: e.input.kind, policyVersionId: e.prepared.policyVersionId } },
      ...slaEvents(i),
      routingOf.get(i)!.event,
    ];
  };
  const inserted = await insertCases(
    trx,
    writers.map((i) => {
      const { routing } = routingOf.get(i)!;
      return { ...caseValues(entries[i]!, ids.get(i)!), queue: routing.queue, assigneeId: routing.assigneeId, version: firstEventsOf(i).length };
    }),
  );
  const rowById = new Map(inserted.map((row) => [row.id, row]));
  const createdIndexes = writers.filter((i) => rowById.has(ids.get(i)!));
  const firstEvents = createdIndexes.map((i) => ({ caseId: ids.get(i)!, actor: entries[i]!.actor, now: entries[i]!.now, events: firstEventsOf(i) }));
  const created = createdIndexes.map((i) => ({ row: rowById.get(ids.get(i)!)!, routing: routingOf.get(i)!.routing }));
  const newClocks = deps.sla.newCaseWrites(trx, clocks.filter((c) => rowById.has(c.caseId)));
  const answer = (i: number, row: CaseRow): Outcome => {
    const e = entries[i]!;
    return { ok: true, value: { status: 201, body: { ...presentCaseSummary(row, e.actor, e.now, queues), eligibility: e.prepared.eligibility, duplicateOf: null }, replayed: false } };
  };
  createdIndexes.forEach((i) => (outcomes[i] = answer(i, rowById.get(ids.get(i)!)!)));
  // Stored with the rest when nothing below changes a case: an L2 case asking its departments
  // moves on a version, and a duplicate's answer is only known once it is linked.
  const answersNow = writers.length === createdIndexes.length && !created.some((c) => c.row.severity === 'L2');
  const storedAnswers = () =>
    answersUpdate(
      claimants.filter((i) => writers.includes(i)).map((i) => {
        const outcome = outcomes[i] as Extract<Outcome, { ok: true }>;
        return { principal: entries[i]!.claim!.principal, key: entries[i]!.claim!.key, status: outcome.value.status, body: outcome.value.body };
      }),
    );
  await executeTogether(trx, [
    caseItemsInsert(
      createdIndexes.flatMap((i) => entries[i]!.input.items.map((item) => ({ caseId: ids.get(i)!, orderItemId: item.orderItemId, quantity: item.quantity }))),
    ),
    firstEventsInsert(firstEvents),
    // Each new case's first state, on the audit trail.
    auditInsert(firstEvents.flatMap((f) => stateChangeAudits({ id: f.caseId, caseNo: rowById.get(f.caseId)!.case_no }, f.actor, f.events, 1, f.now))),
    newClocks.deadlines,
    notificationsInsert(newCaseNotices(created, queues, entries[0]!.now)),
    answersNow ? storedAnswers() : null,
  ]);
  if (newClocks.wake) await notifySchedulers(trx);
  await deps.jobs.sendMany(
    trx,
    'case-event',
    createdIndexes.map((i) => ({ caseId: ids.get(i)!, seq: 1, type: 'case_submitted' })),
  );
  if (!answersNow) {
    const versions = await askDepartmentsForNewL2(deps as AppDeps, trx, created.map((c) => c.row), entries[0]!.now);
    for (const [caseId, version] of versions) {
      const i = createdIndexes.find((n) => ids.get(n) === caseId)!;
      outcomes[i] = answer(i, { ...rowById.get(caseId)!, version });
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
    const first = firstIndexOfKey.get(`${e.claim.principal}\u0000${e.claim.key}`)!;
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

/** What routing reads about a new case: all of it known at intake. */
function routingFactsOf(e: IntakeEntry): RoutingFacts {
  const { input, prepared } = e;
  return {
    severity: prepared.triage.severity,
    kind: input.kind,
    category: prepared.triage.category,
    channel: input.channel,
    productCategories: [...new Set(prepared.facts.map((f) => f.product.category))].sort(),
    merchantId: prepared.parties.merchantId,
    merchantPlatformOperated: prepared.parties.merchantId === null ? null : prepared.routingParties.merchantPlatformOperated,
    customerTier: prepared.routingParties.customerTier,
    language: prepared.routingParties.customerLocale,
    platformIntervention: false,
  };
}

function caseKey(e: IntakeEntry): CaseKey {
  return {
    channel: e.input.channel,
    kind: e.input.kind,
    category: e.prepared.triage.category,
    severity: e.prepared.triage.severity,
    tier: null,
    merchantId: e.prepared.parties.merchantId,
  };
}

function caseValues(e: IntakeEntry, id: string) {
  const { input, prepared, now } = e;
  const firstProduct = prepared.facts[0]?.product.name;
  return {
    id,
    caseNoPrefix: `AS${compactLocalDate(now)}`,
    kind: input.kind,
    state: 'submitted',
    reason: input.reason,
    channel: input.channel,
    customerId: prepared.parties.customerId,
    merchantId: prepared.parties.merchantId,
    orderId: prepared.parties.orderId,
    title: input.title ?? firstProduct ?? input.description.slice(0, 60),
    description: input.description,
    desiredResolution: input.desiredResolution ?? null,
    severity: prepared.triage.severity,
    category: prepared.triage.category,
    emotion: prepared.triage.emotion,
    priority: prepared.triage.priority,
    triage: prepared.triage,
    mediaFlag: mediaFlagFromTriage(prepared.triage.reasons, now),
    policyVersionId: prepared.policyVersionId,
    eligibility: prepared.eligibility,
    openDedupeKey: prepared.dedupeKey,
    now,
  };
}
