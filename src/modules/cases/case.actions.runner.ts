// Runs one lifecycle command: one transaction that locks the case, lets the pure state machine
// decide, writes the command's own rows, appends the event(s) and enqueues the follow-up job.
// A refused command changes nothing and answers 409 with the machine's reason. An archived or
// merged case takes no command at all (409 case-read-only), whatever the action.
// A command that must ask the outside world (a payment provider) does so between two
// transactions: the first commits what is being asked, the second records the answer.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { conflict } from '../../shared/errors.ts';
import { type IdempotentResult, releaseKey, runIdempotent } from '../../shared/idempotency.ts';
import type { Actor } from '../identity/index.ts';
import { assertAcceptsChanges, assertCanSeeCase, machineActor, snapshotOf, COMPLIANCE_QUEUE } from './case.access.ts';
import { customerSeesReason, presentCaseSummary, type CaseSummary } from './case.presenter.ts';
import { assertCompliantWording, wordingCheckedFor } from '../replies/reply.wording.ts';
import { cachedQueues } from '../routing/routing.repository.ts';
import { withdrawOpenRequests } from '../collaboration/collaboration.repository.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { type CaseEventInput, findCaseById, findCaseByNo } from './case.repository.ts';
import { recordCaseEvents } from './case.events.ts';
import { type Accepted, type CaseCommand, decide, isOpenState, type CaseState } from './case.state.ts';
import { mayWriteToCustomer } from './case.voice.ts';
import { customerTextOf, readCustomerText, rerouteIfRaised } from './case.customer-text.ts';

export interface ActionContext {
  trx: Kysely<DB>;
  deps: AppDeps;
  actor: Actor;
  row: CaseRow;
  now: Date;
  /** The answer of the outside call an earlier pass of this command asked for (see OutsideCall). */
  outsideAnswer?: { value: unknown };
  /** Refuses now (409) if the state machine would refuse: for handlers with outside effects. */
  assertAllowed(command: CaseCommand): void;
}

export interface ApplyResult {
  /** Event type for actions without a transition. */
  eventType?: string;
  caseChanges?: Partial<Omit<CaseRow, 'id' | 'version'>>;
  eventData?: Record<string, unknown>;
  reason?: string | null;
  /** When what the transition records happened, if before now (see CaseEventInput.happenedAt). */
  happenedAt?: Date;
  /** Events that follow the transition (e.g. a refund executed before a task completes). */
  extraEvents?: CaseEventInput[];
  /** Events that precede the transition in the timeline. */
  priorEvents?: CaseEventInput[];
  /** Runs after the events are written, in the same transaction, with the case as it now is. */
  after?: (row: CaseRow) => Promise<void>;
}

export interface PreparedAction {
  /** null: the action records events without a state transition (e.g. a failed refund attempt). */
  command: CaseCommand | null;
  apply?: (decision: Accepted) => Promise<ApplyResult | undefined>;
  /**
   * A call to the outside world that must not happen inside the transaction: what the handler
   * wrote so far commits first (so a lost answer leaves a record of the question), then the call
   * is made and the command runs again with its answer in ctx.outsideAnswer.
   */
  outside?: OutsideCall;
}

export interface OutsideCall {
  call: () => Promise<unknown>;
  /** Records, in a transaction of its own, that the call failed or its answer was lost; the error then reaches the caller. */
  onFailure?: (trx: Kysely<DB>, error: unknown, now: Date) => Promise<void>;
}

export type ActionHandler<I> = (ctx: ActionContext, input: I) => Promise<PreparedAction>;

type CaseAction<I> = { type: string; input: I; handler: ActionHandler<I> };

export async function runCaseAction<I>(
  deps: AppDeps,
  actor: Actor,
  caseNo: string,
  action: CaseAction<I>,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<CaseSummary>> {
  let answer: { value: unknown } | undefined;
  for (;;) {
    const pass = await runPass(deps, actor, caseNo, action, idempotencyKey, answer);
    if (!pass.outside) return pass.result;
    if (answer) throw new Error(`case action ${action.type} asked the outside world twice`);
    const outside = pass.outside;
    try {
      answer = { value: await outside.call() };
    } catch (error) {
      if (outside.onFailure) await deps.database.db.transaction().execute((trx) => outside.onFailure!(trx, error, deps.clock.now()));
      throw error;
    }
  }
}

async function runPass<I>(
  deps: AppDeps,
  actor: Actor,
  caseNo: string,
  action: CaseAction<I>,
  idempotencyKey: string | undefined,
  outsideAnswer: { value: unknown } | undefined,
): Promise<{ result: IdempotentResult<CaseSummary>; outside?: undefined } | { outside: OutsideCall }> {
  const now = deps.clock.now();
  const principal = actor.userId ?? 'system';
  let outside: OutsideCall | undefined;
  const result = await deps.database.db.transaction().execute((trx) =>
    runIdempotent(
      trx,
      { principal, key: idempotencyKey, operation: `case.${action.type}:${caseNo}`, input: action.input, now },
      async () => {
        const row = assertCanSeeCase(actor, await findCaseByNo(trx, caseNo, true));
        // Before the handler: link, retriage, routing and flags change a case without a transition.
        assertAcceptsChanges(row);
        const merchantHolds = (await cachedQueues(trx)).get(row.queue)?.role === 'merchant';
        const decideNow = (command: CaseCommand) => decide(snapshotOf(row, now), command, machineActor(actor, row, merchantHolds));
        const refuse = (decision: ReturnType<typeof decideNow>) => {
          if (!decision.ok) throw conflict('transition-refused', decision.message, { code: decision.code, state: row.state, action: action.type });
          return decision;
        };
        const ctx: ActionContext = { trx, deps, actor, row, now, outsideAnswer, assertAllowed: (command) => void refuse(decideNow(command)) };
        const prepared = await action.handler(ctx, action.input);
        if (prepared.outside) {
          // The question commits without an answer under the key: the retry of a lost answer asks again.
          outside = prepared.outside;
          if (idempotencyKey) await releaseKey(trx, principal, idempotencyKey);
          return { status: 0, body: undefined as never };
        }
        const decision = prepared.command ? refuse(decideNow(prepared.command)) : null;
        const applied = (await prepared.apply?.(decision ?? NO_TRANSITION(row))) ?? {};
        const changes = decision ? caseChangesFor(decision, row, now, applied.caseChanges ?? {}) : (applied.caseChanges ?? {});
        // SLA-9, SLA-15: a case sent to compliance review waits in compliance's queue, not in the
        // queue of handlers who may no longer propose its plan; compliance is told.
        const toCompliance = decision !== null && decision.to === 'compliance_review' && decision.from !== 'compliance_review';
        if (toCompliance && (await cachedQueues(trx)).get(COMPLIANCE_QUEUE)?.active) {
          changes.queue = COMPLIANCE_QUEUE;
          changes.assignee_id = null;
        }
        const eventType = decision?.event ?? applied.eventType ?? action.type;
        const withdrawnRequests = decision && leavesOpenStates(decision) ? await withdrawOpenRequests(trx, row.id, now) : [];
        const events: CaseEventInput[] = [
          ...(applied.priorEvents ?? []),
          {
            type: eventType,
            fromState: row.state,
            // An action outside the lifecycle commands may still move the state (an intervention
            // withdrawing a pending plan): its event says so, as every state change's does.
            toState: decision?.to ?? changes.state ?? row.state,
            reason: applied.reason ?? null,
            // RISK-5: on a media-flagged case only PR and compliance write what the customer reads.
            data: applied.reason && !mayWriteToCustomer(actor, row) ? { ...applied.eventData, reasonInternal: true } : (applied.eventData ?? {}),
            ...(applied.happenedAt ? { happenedAt: applied.happenedAt } : {}),
          },
          ...(applied.extraEvents ?? []),
          // A department should not go on working on a question for a case that has ended.
          ...(withdrawnRequests.length > 0
            ? [{ type: 'collaboration_withdrawn', fromState: decision!.to, toState: decision!.to, reason: null, data: { requestIds: withdrawnRequests } }]
            : []),
        ];
        assertTimelineWording(actor, action.type, action.input, events);
        // TR-2, RISK-5: a customer's reason or note is read as a message is (a threat, a safety word).
        if (actor.role === 'customer') {
          const read = await readCustomerText(trx, { ...row, ...changes } as CaseRow, customerTextOf(action.input), row.channel, now, { action: action.type });
          Object.assign(changes, read.changes);
          events.push(...read.events);
        }
        let version = await recordCaseEvents(deps, trx, row, actor, events, now, changes);
        version = await rerouteIfRaised(deps, trx, row, changes, version);
        if (toCompliance) await notify(trx, complianceNotice(row, version, now));
        await deps.jobs.send(trx, 'case-event', { caseId: row.id, seq: version, type: eventType });
        if (applied.after) await applied.after((await findCaseById(trx, row.id)) ?? row);
        const fresh = await findCaseById(trx, row.id);
        return { status: 200, body: presentCaseSummary(fresh ?? row, actor, now, await cachedQueues(trx)) };
      },
    ),
  );
  return outside ? { outside } : { result };
}

/** Commands whose reason is the customer's own, even when staff record it for them (an answer given by phone). */
const CUSTOMERS_WORDS: ReadonlySet<string> = new Set(['reject_plan']);
const TIMELINE_NOTE = { 'zh-CN': '客户可见的说明', 'en-US': 'note the customer sees' };

/**
 * RISK-1: a reason staff or the merchant write on an event the customer's timeline shows (a failed
 * inspection, a receipt note, a close or withdrawal note, a merge reason) is said to the customer,
 * so it is held to the rules replies are. The refusal names the input field the text came from.
 */
function assertTimelineWording(actor: Actor, actionType: string, input: unknown, events: readonly CaseEventInput[]): void {
  if (CUSTOMERS_WORDS.has(actionType)) return;
  const fields = Object.entries(input !== null && typeof input === 'object' ? input : {});
  for (const e of events) {
    if (!e.reason || !wordingCheckedFor((e.actor ?? actor).role) || !customerSeesReason(e)) continue;
    assertCompliantWording(e.reason, fields.find(([, value]) => value === e.reason)?.[0] ?? 'reason', TIMELINE_NOTE);
  }
}

function complianceNotice(row: CaseRow, version: number, now: Date) {
  return {
    recipientRole: 'compliance',
    caseId: row.id,
    type: 'compliance_review',
    title: { 'zh-CN': '售后单待合规评估', 'en-US': 'A case awaits compliance review' },
    body: {
      'zh-CN': `售后单 ${row.case_no} 已转入合规评估（方案多次被拒或主管升级），请评估并给出方案。`,
      'en-US': `Case ${row.case_no} is in compliance review (plans rejected repeatedly, or escalated by a supervisor): review it and propose the plan.`,
    },
    dedupeKey: `${row.id}:${version}:compliance_review`,
    now,
  };
}

const leavesOpenStates = (d: Accepted) => isOpenState(d.from) && !isOpenState(d.to);

const NO_TRANSITION = (row: CaseRow): Accepted => ({
  ok: true,
  from: row.state as CaseState,
  to: row.state as CaseState,
  event: 'none',
  changes: {},
});

function caseChangesFor(
  decision: Accepted,
  row: CaseRow,
  now: Date,
  extra: Partial<Omit<CaseRow, 'id' | 'version'>>,
): Partial<Omit<CaseRow, 'id' | 'version'>> {
  const changes: Partial<Omit<CaseRow, 'id' | 'version'>> = { state: decision.to };
  const c = decision.changes;
  if (c.rejectedPlans !== undefined) changes.rejected_plans = c.rejectedPlans;
  if (c.reopenCount !== undefined) changes.reopen_count = c.reopenCount;
  if (c.resultNotified !== undefined) changes.result_notified_at = c.resultNotified ? (row.result_notified_at ?? now) : null;
  if (c.hasPendingCounterOffer === false) changes.pending_counter_offer_id = null;
  if (c.executionStarted === true) changes.execution_started_at = row.execution_started_at ?? now;
  if (c.unansweredCustomerMessages !== undefined) changes.unanswered_customer_messages = c.unansweredCustomerMessages;
  const wasOpen = isOpenState(decision.from as CaseState);
  const isOpen = isOpenState(decision.to as CaseState);
  // IN-8: only open cases hold the duplicate slot. A reopened case takes it back in the reopen
  // handler (case.actions.basic.ts), which first checks whether a newer open case holds it.
  if (wasOpen && !isOpen) changes.open_dedupe_key = null;
  // A refusal ends the case as a close does; the merchant's can be appealed within the same window.
  if (decision.to === 'closed' || decision.to === 'rejected') changes.closed_at = now;
  if (decision.to === 'archived') changes.archived_at = now;
  if (!wasOpen && isOpen) changes.closed_at = null;
  return { ...changes, ...extra };
}
