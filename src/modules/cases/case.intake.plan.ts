// What a batch of new cases writes, worked out before anything is written: each case's whole row
// (its number drawn beforehand, routed, its clocks planned), its first events, and the statement
// parts for its items, events, audit rows, clocks and notices. Both ways of writing a batch
// (case.intake.batch.ts) use it, so they write the same rows and give the same answers.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { KeyClaim } from '../../shared/idempotency.ts';
import { type Actor, SYSTEM_ACTOR } from '../identity/index.ts';
import { auditInsert } from '../audit/audit.service.ts';
import { notificationsInsert } from '../notifications/notifications.repository.ts';
import type { Queue } from '../routing/routing.repository.ts';
import type { RoutingFacts } from '../routing/routing.rules.ts';
import { type CaseRouting, newCaseNotices, routeNewCases } from '../routing/routing.service.ts';
import type { NewCaseClocks } from '../sla/sla.service.ts';
import type { CaseKey } from '../sla/sla.targets.ts';
import { schedulerWake } from '../sla/sla.repository.ts';
import { stateChangeAudits } from './case.audit.ts';
import type { CreateCaseResult, PreparedCase } from './case.intake.ts';
import { caseNo } from './case.numbers.ts';
import { presentCaseSummary } from './case.presenter.ts';
import { type CaseEventInput, caseItemsInsert, firstEventsInsert, newCaseRow } from './case.repository.ts';
import type { CreateCaseInput } from './case.schemas.ts';
import { externalVoiceNotices, mediaFlagFromTriage } from './case.voice.ts';
import { maskPiiInText } from '../privacy/pii.text.ts';
import { searchableForms } from '../privacy/pii.present.ts';

export interface IntakeEntry {
  actor: Actor;
  input: CreateCaseInput;
  prepared: PreparedCase;
  now: Date;
  claim: KeyClaim | null;
}

export interface PlannedCase {
  entry: IntakeEntry;
  row: CaseRow;
  routing: CaseRouting;
  clocks: NewCaseClocks;
  /** case_submitted, the clocks it starts, its routing: sequence 1, 2… */
  events: CaseEventInput[];
}

export interface CasesPlan {
  cases: PlannedCase[];
  queues: Map<string, Queue>;
}

/**
 * Plans new cases, one per entry, with the running numbers drawn for them. `lockAssignees`
 * locks the people routing may pick, so concurrent batches count their loads right; it needs
 * a transaction.
 */
export async function planCases(
  deps: Pick<AppDeps, 'sla'>,
  db: Kysely<DB>,
  entries: IntakeEntry[],
  numbers: number[],
  options: { lockAssignees: boolean },
): Promise<CasesPlan> {
  const ids = entries.map(() => crypto.randomUUID());
  // TR-3/TR-4: each new case is inserted already in its queue (and maybe with a person), its
  // case_routed event among its first events, so no second write of the row follows.
  const { routings, queues } = await routeNewCases(
    db,
    entries.map((e) => ({ state: 'submitted', facts: routingFactsOf(e) })),
    { lock: options.lockAssignees },
  );
  // The clocks depend on the queue: a case its merchant handles first runs the merchant's (ORG-3).
  const clocks = await deps.sla.planNewCases(
    db,
    entries.map((e, i) => ({
      caseId: ids[i]!, queue: routings[i]!.routing.queue, key: caseKey(e), customerId: e.prepared.parties.customerId, now: e.now, tier: e.prepared.routingParties.customerTier,
      withMerchant: queues.get(routings[i]!.routing.queue)?.role === 'merchant',
      filedByRole: e.actor.role,
    })),
  );
  const cases = entries.map((entry, i): PlannedCase => {
    const { routing, event } = routings[i]!;
    const events: CaseEventInput[] = [
      { type: 'case_submitted', fromState: null, toState: 'submitted', data: { channel: entry.input.channel, kind: entry.input.kind, policyVersionId: entry.prepared.policyVersionId } },
      ...clocks[i]!.events.map((e) => ({ type: e.type, fromState: 'submitted', toState: 'submitted', data: e.data, actor: SYSTEM_ACTOR })),
      event,
    ];
    const row = newCaseRow({
      ...caseValues(entry, ids[i]!, caseNo(entry.now, numbers[i]!)),
      queue: routing.queue,
      assigneeId: routing.assigneeId,
      version: events.length,
    });
    return { entry, row, routing, clocks: clocks[i]!, events };
  });
  return { cases, queues };
}

/** The statement parts writing these cases' items, first events, audit rows, clocks and notices, and how the statement ends. */
export function writesOf(deps: Pick<AppDeps, 'sla'>, plan: CasesPlan, cases: PlannedCase[]) {
  const now = cases[0]?.entry.now ?? new Date(0);
  const firstEvents = cases.map((c) => ({ caseId: c.row.id, actor: c.entry.actor, now: c.entry.now, events: c.events }));
  const clocks = deps.sla.newCaseWrites(cases.map((c) => c.clocks));
  return {
    parts: [
      caseItemsInsert(cases.flatMap((c) => c.entry.input.items.map((item) => ({ caseId: c.row.id, orderItemId: item.orderItemId, quantity: item.quantity })))),
      firstEventsInsert(firstEvents),
      // Each new case's first state, on the audit trail.
      auditInsert(cases.flatMap((c) => stateChangeAudits({ id: c.row.id, caseNo: c.row.case_no }, c.entry.actor, c.events, 1, c.entry.now))),
      clocks.deadlines,
      notificationsInsert([...newCaseNotices(cases, plan.queues, now), ...cases.filter((c) => c.row.media_flag).flatMap((c) => externalVoiceNotices(c.row, now))]),
    ],
    // A clock due soon wakes the schedulers; the NOTIFY ends the statement (executeTogether's finally).
    finish: clocks.wake ? schedulerWake() : undefined,
  };
}

/** The 201 answer for a case written as planned (at `version`, when more was written since). */
export function createdAnswer(plan: CasesPlan, c: PlannedCase, version = c.row.version): { status: number; body: CreateCaseResult } {
  const { actor, now, prepared } = c.entry;
  return {
    status: 201,
    body: { ...presentCaseSummary({ ...c.row, version }, actor, now, plan.queues), eligibility: prepared.eligibility, duplicateOf: null },
  };
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

function caseValues(e: IntakeEntry, id: string, number: string) {
  const { input, prepared, now } = e;
  const firstProduct = prepared.facts[0]?.product.name;
  const known = [number, ...(input.orderNo ? [input.orderNo] : [])];
  return {
    id,
    caseNo: number,
    kind: input.kind,
    state: 'submitted',
    reason: input.reason,
    channel: input.channel,
    customerId: prepared.parties.customerId,
    merchantId: prepared.parties.merchantId,
    orderId: prepared.parties.orderId,
    // The title labels the case in lists and staff's notices, often cut from the description: it
    // is kept without the personal numbers a customer may have typed (RISK-2).
    title: maskPiiInText(input.title ?? firstProduct ?? input.description.slice(0, 60), known).text,
    description: input.description,
    searchable: searchableForms(input.description, known),
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
