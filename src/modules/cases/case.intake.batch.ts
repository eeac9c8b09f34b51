// Group commit for intake: creates that arrive while a batch is being written wait for the
// next one, which writes them all in one transaction with one statement per table — the keys,
// the cases, their items, first events and jobs — and answers each only after its commit.
// At low load a batch holds one case, so nothing waits; under load the per-case cost of
// round trips and commits is shared. A batch that fails is retried case by case, so one bad
// request never fails another.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { claimKeys, type IdempotentResult, type KeyClaim, keyReused, storeAnswers } from '../../shared/idempotency.ts';
import { compactLocalDate } from '../../shared/time.ts';
import type { Actor } from '../identity/index.ts';
import { type CreateCaseResult, linkDuplicate, type PreparedCase } from './case.intake.ts';
import { presentCaseSummary } from './case.presenter.ts';
import { type CaseEventInput, insertCaseItems, insertCases, insertFirstEvents } from './case.repository.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { stateChangeAudits } from './case.audit.ts';
import type { CaseKey } from '../sla/sla.targets.ts';
import { routeCases } from '../routing/routing.service.ts';
import { loadQueues } from '../routing/routing.repository.ts';
import type { CreateCaseInput } from './case.schemas.ts';
import { mediaFlagFromTriage } from './case.voice.ts';

export interface IntakeEntry {
  actor: Actor;
  input: CreateCaseInput;
  prepared: PreparedCase;
  now: Date;
  claim: KeyClaim | null;
}

type Outcome = { ok: true; result: IdempotentResult<CreateCaseResult> } | { ok: false; error: unknown };

export interface IntakeQueue {
  submit(entry: IntakeEntry): Promise<IdempotentResult<CreateCaseResult>>;
}

const MAX_BATCH = 64;

export function createIntakeQueue(deps: Omit<AppDeps, 'intake'>): IntakeQueue {
  const waiting: { entry: IntakeEntry; resolve: (r: IdempotentResult<CreateCaseResult>) => void; reject: (e: unknown) => void }[] = [];
  let running = false;

  async function run(batch: typeof waiting): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await deps.database.db.transaction().execute((trx) => writeBatch(deps, trx, batch.map((b) => b.entry)));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const one of batch) await run([one]);
      return;
    }
    batch.forEach((b, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) b.resolve(outcome.result);
      else b.reject(outcome?.error ?? new Error('intake outcome missing'));
    });
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (waiting.length > 0) await run(waiting.splice(0, MAX_BATCH));
    } finally {
      running = false;
    }
  }

  return {
    submit(entry) {
      return new Promise((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        if (!running) void drain();
      });
    },
  };
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
    else if (previous) outcomes[i] = { ok: true, result: { ...previous, replayed: true } };
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
  const created = await insertCases(
    trx,
    writers.map((i) => ({ ...caseValues(entries[i]!, ids.get(i)!), version: 1 + slaEvents(i).length })),
  );
  const rowById = new Map(created.map((row) => [row.id, row]));
  const createdIndexes = writers.filter((i) => rowById.has(ids.get(i)!));
  await insertCaseItems(
    trx,
    createdIndexes.flatMap((i) => entries[i]!.input.items.map((item) => ({ caseId: ids.get(i)!, orderItemId: item.orderItemId, quantity: item.quantity }))),
  );
  const firstEvents = createdIndexes.map((i) => {
    const e = entries[i]!;
    return {
      caseId: ids.get(i)!,
      actor: e.actor,
      now: e.now,
      events: [
        { type: 'case_submitted', fromState: null, toState: 'submitted', data: { channel: e.input.channel, kind: e.input.kind, policyVersionId: e.prepared.policyVersionId } },
        ...slaEvents(i),
      ] as CaseEventInput[],
    };
  });
  await insertFirstEvents(trx, firstEvents);
  // Each new case's first state, on the audit trail: one statement for the batch.
  await recordAudit(
    trx,
    firstEvents.flatMap((f) => stateChangeAudits({ id: f.caseId, caseNo: rowById.get(f.caseId)!.case_no }, f.actor, f.events, 1, f.now)),
  );
  await deps.sla.writeNewCases(trx, clocks.filter((c) => rowById.has(c.caseId)));
  // TR-3/TR-4: each new case goes to its queue (and maybe a person) in the same transaction.
  const routed = await routeCases(deps as AppDeps, trx, createdIndexes.map((i) => rowById.get(ids.get(i)!)!), { reason: 'intake' });
  for (const r of routed) rowById.set(r.caseId, { ...rowById.get(r.caseId)!, queue: r.queue, assignee_id: r.assigneeId, version: r.version });
  await deps.jobs.sendMany(
    trx,
    'case-event',
    createdIndexes.map((i) => ({ caseId: ids.get(i)!, seq: 1, type: 'case_submitted' })),
  );
  // Who may take or appeal the new cases depends on their queues' roles: one read per batch.
  const queues = createdIndexes.length > 0 ? await loadQueues(trx) : undefined;
  for (const i of createdIndexes) {
    const e = entries[i]!;
    const row = rowById.get(ids.get(i)!)!;
    outcomes[i] = { ok: true, result: { status: 201, body: { ...presentCaseSummary(row, e.actor, e.now, queues), eligibility: e.prepared.eligibility, duplicateOf: null }, replayed: false } };
  }
  // IN-8: an open case for the same items and kind took the slot (maybe in this very batch).
  for (const i of writers.filter((w) => !createdIndexes.includes(w))) {
    const e = entries[i]!;
    const linked = await linkDuplicate(deps as AppDeps, trx, e.actor, e.input, e.prepared.dedupeKey, e.now);
    outcomes[i] = { ok: true, result: { ...linked, replayed: false } };
  }
  await storeAnswers(
    trx,
    claimants.filter((i) => writers.includes(i)).map((i) => {
      const outcome = outcomes[i] as Extract<Outcome, { ok: true }>;
      return { principal: entries[i]!.claim!.principal, key: entries[i]!.claim!.key, status: outcome.result.status, body: outcome.result.body };
    }),
  );
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
          ? { ok: true, result: { ...firstOutcome.result, replayed: true } }
          : firstOutcome;
  });
  return outcomes.map((o) => o ?? { ok: false, error: new Error('intake outcome missing') });
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
