// Case rows → API shapes. The actions a caller may take come from the state machine, so the
// console shows exactly the buttons that would be accepted.
import { progressFactsOf, progressSteps } from './case.progress.ts';
import type { CaseRow } from '../../db/schema.ts';
import { mayCompleteTask } from '../execution/task.owners.ts';
import { taskAmountFen } from '../execution/task.describe.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { categoryName, presentShipment } from '../orders/index.ts';
import { lineShareFen } from '../resolution/resolution.rules.ts';
import { freeTextFor, optionalFreeTextFor } from '../privacy/pii.present.ts';
import { routingOffers } from '../routing/routing.offers.ts';
import { customerAppealOpening, type MerchantHistory } from '../routing/routing.appeal.ts';
import { canSeeCase, machineActor, snapshotOf } from './case.access.ts';
import type { CaseDetail } from './case.repository.ts';
import { mayFlagMedia, mayUnflagMedia } from './case.voice.actions.ts';
import {
  acceptsChanges,
  availableActions,
  CASE_COMMAND_LABELS,
  CASE_STATE_LABELS,
  type CaseState,
  isOpenState,
  PROGRESS_STAGE_LABELS,
  progressStage,
} from './case.state.ts';
import { RETURN_VISIT_LABEL, VISIT_STATES, VISITORS } from './case.actions.visit.ts';
import {
  FRAUD_FINDING_WITHDRAWN_EVENT, FRAUD_FOUND_EVENT, mayWithdrawFraudFinding, WITHDRAW_FRAUD_FINDING_LABEL,
} from '../resolution/fraud-finding.ts';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const LINK_LABEL = { 'zh-CN': '关联售后单', 'en-US': 'link a case' };
const RETRIAGE_LABEL = { 'zh-CN': '调整分类与分级', 'en-US': 'change category or severity' };
const FLAG_MEDIA_LABEL = { 'zh-CN': '标记媒体/监管介入', 'en-US': 'flag media or regulator involvement' };
const UNFLAG_MEDIA_LABEL = { 'zh-CN': '解除媒体/监管标记', 'en-US': 'lift the media or regulator flag' };
const RETURN_STATES: ReadonlySet<string> = new Set(['awaiting_return', 'return_in_transit']);

const isStaff = (actor: Actor): boolean => (STAFF_ROLES as readonly string[]).includes(actor.role);

const INTERNAL_EVENTS = new Set([
  'internal_note_added', 'severity_escalated', 'case_reassigned', 'incident_joined', 'triage_overridden', 'triage_raised',
  'case_routed', 'case_assigned', 'case_unassigned',
  // Cross-department collaboration (ORG-2) is the platform's own business.
  'collaboration_requested', 'collaboration_answered', 'collaboration_cancelled', 'collaboration_withdrawn',
  // RISK-5 and CL-6: who speaks outside, legal holds and the retention purge are internal matters.
  'media_flagged', 'media_unflagged', 'legal_hold_placed', 'legal_hold_released', 'case_purged',
  // What staff noted of a call-back is theirs; the customer had the call.
  'return_visit_logged',
  // RES-3: a plan waiting on a supervisor, and the supervisor's answer and its reason, are the
  // platform's own deliberation; the customer gets the plan once it is theirs to answer (RISK-6).
  'plan_submitted_for_approval', 'plan_approved', 'plan_approval_declined',
  // RES-2: the finding shows on the case and its plans; how it was reached and withdrawn is compliance's record.
  FRAUD_FOUND_EVENT, FRAUD_FINDING_WITHDRAWN_EVENT,
]);
function isInternalEvent(type: string): boolean {
  return INTERNAL_EVENTS.has(type) || type.startsWith('sla_');
}

/** Whether the customer's timeline shows an event's reason: its words are then said to the customer (RISK-1). */
export function customerSeesReason(e: { type: string; data?: unknown }): boolean {
  return !isInternalEvent(e.type) && !(e.data as { reasonInternal?: boolean } | null | undefined)?.reasonInternal;
}

/**
 * Offers that waited on a supervisor's approval and never got it (declined, or replaced while
 * waiting): they never reached the customer, so outside the platform only their proposer sees them.
 */
function unapprovedDrafts(events: CaseDetail['events']): Set<string> {
  const offerOf = (e: CaseDetail['events'][number]) => (e.data as { offerId?: unknown } | null)?.offerId;
  const approved = new Set(events.filter((e) => e.type === 'plan_approved').map(offerOf));
  return new Set(
    events
      .filter((e) => e.type === 'plan_submitted_for_approval')
      .map(offerOf)
      .filter((id): id is string => typeof id === 'string' && !approved.has(id)),
  );
}

/** Queue key → the role that works it (routing's queues); decides who may take or appeal a case. */
export type QueueRoles = ReadonlyMap<string, { role: string }>;

/**
 * The numbers a case knows as its own (case, order, parcels): in free text they are references,
 * never personal numbers to mask.
 */
export function caseNumbers(row: Pick<CaseRow, 'case_no'>, detail?: Pick<CaseDetail, 'order' | 'shipments'>): string[] {
  return [row.case_no, ...(detail?.order ? [detail.order.order_no] : []), ...(detail?.shipments ?? []).map((s) => s.tracking_no)];
}

/** Strings anywhere in an event's data, as the free text they may be (a rating's comment, a question). */
function maskedData(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskedData(v, mask));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskedData(v, mask)]));
  return value;
}

/**
 * `merchant`: the merchant's history on the case (its decisions and clocks), read for a customer's
 * case page so that the appeal is offered exactly when the merchant has had its turn; without it
 * only the case row says (a failed inspection, a rejected plan), as on a list.
 * `known` are the case's own numbers besides its case number (its order's, see caseNumbers): a
 * title is stored without personal numbers, but one stored before that may still quote the
 * customer's description, numbers and all (RISK-2).
 */
export function presentCaseSummary(
  row: CaseRow,
  actor: Actor,
  now: Date,
  queues?: QueueRoles,
  seen: { merchant?: MerchantHistory; known?: readonly string[] } = {},
) {
  const { known = [] } = seen;
  const merchant = seen.merchant ?? { decided: row.state === 'inspection_failed' || row.rejected_plans > 0, clocks: [] };
  const state = row.state as CaseState;
  const stage = progressStage(state);
  // How the platform graded the customer (severity, emotion, priority) and where the case sits inside
  // it are the platform's own bookkeeping, like the triage reasons: not shown to the customer.
  const internal = actor.role !== 'customer';
  // Archived and merged cases are read-only: no action at all is offered on them.
  const writable = acceptsChanges(state);
  return {
    id: row.id,
    caseNo: row.case_no,
    kind: row.kind,
    state,
    stateLabel: CASE_STATE_LABELS[state],
    progressStage: stage,
    progressStageLabel: PROGRESS_STAGE_LABELS[stage],
    reason: row.reason,
    channel: row.channel,
    severity: internal ? row.severity : undefined,
    emotion: internal ? row.emotion : undefined,
    priority: internal ? row.priority : undefined,
    queue: internal ? row.queue : undefined,
    assigneeId: internal ? row.assignee_id : undefined,
    category: row.category,
    title: freeTextFor(actor, row.customer_id, row.title, [row.case_no, ...known]).text,
    customerId: row.customer_id,
    merchantId: row.merchant_id,
    orderId: row.order_id,
    rejectedPlans: row.rejected_plans,
    reopenCount: row.reopen_count,
    resultNotifiedAt: iso(row.result_notified_at),
    unansweredCustomerMessages: row.unanswered_customer_messages,
    mergedIntoId: row.merged_into_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: iso(row.closed_at),
    archivedAt: iso(row.archived_at),
    // RISK-5: media or a regulator is involved, only PR and compliance write to the customer.
    // Not shown to the customer.
    mediaFlag: actor.role === 'customer' ? undefined : row.media_flag,
    // CL-6: the retention period ended and the personal data was removed.
    purgedAt: iso(row.purged_at),
    // RES-2: fraud found on the case holds every plan to 假一赔三; who found it is staff's to know.
    fraudFinding: row.fraud_found_at ? { foundAt: row.fraud_found_at.toISOString(), foundBy: isStaff(actor) ? row.fraud_found_by : undefined } : null,
    actions: [
      // Without the queue roles at hand the merchant is offered what it could do holding the case; the command decides.
      // The appeal on an open case (the merchant's result disputed) is routing's to offer below, by
      // whether the merchant has had its turn; the state machine offers it on a refusal.
      ...availableActions(snapshotOf(row, now), machineActor(actor, row, queues ? queues.get(row.queue)?.role === 'merchant' : true))
        .filter((action) => action !== 'appeal' || !isOpenState(state)).map((action) => ({
        action: action as string,
        label: CASE_COMMAND_LABELS[action],
      })),
      // Actions that change no state: open to staff until the case is archived or merged.
      ...(writable && isStaff(actor) ? [{ action: 'link', label: LINK_LABEL }] : []),
      ...(writable && isStaff(actor) && actor.role !== 'finance' ? [{ action: 'retriage', label: RETRIAGE_LABEL }] : []),
      ...(writable && VISITORS.has(actor.role) && VISIT_STATES.has(row.state) ? [{ action: 'log_return_visit', label: RETURN_VISIT_LABEL }] : []),
      // Assign, take, release, re-route, appeal: by role, the case's holder and its queue.
      ...routingOffers(row, actor, queues ? (queues.get(row.queue)?.role ?? null) : null, actor.role === 'customer' && customerAppealOpening(merchant, now).open),
      ...(writable && !row.media_flag && !row.purged_at && mayFlagMedia(actor) ? [{ action: 'flag_media', label: FLAG_MEDIA_LABEL }] : []),
      ...(writable && row.media_flag && mayUnflagMedia(actor) ? [{ action: 'unflag_media', label: UNFLAG_MEDIA_LABEL }] : []),
      ...(writable && row.fraud_found_at && mayWithdrawFraudFinding(actor) ? [{ action: 'withdraw_fraud_finding', label: WITHDRAW_FRAUD_FINDING_LABEL }] : []),
    ],
  };
}
export type CaseSummary = ReturnType<typeof presentCaseSummary>;

export function presentCaseDetail(row: CaseRow, detail: CaseDetail, actor: Actor, now: Date, queues?: QueueRoles, merchant?: MerchantHistory) {
  const staff = isStaff(actor);
  const seesMoneyBearer = staff || actor.role === 'merchant';
  const known = caseNumbers(row, detail);
  const summary = presentCaseSummary(row, actor, now, queues, { merchant, known });
  // Free text as this caller may see it: ID, card and phone numbers in it masked (RISK-2, RISK-6).
  const shown = (text: string) => freeTextFor(actor, row.customer_id, text, known);
  const shownOrNull = (text: string | null) => optionalFreeTextFor(actor, row.customer_id, text, known);
  const description = shown(row.description);
  // "Complete a task" is offered only to someone who may complete one of the open tasks.
  const completes = detail.tasks.some((t) => t.status === 'open' && mayCompleteTask(t.owner_role, actor.role));
  // Approval is a second pair of eyes: the one who proposed the waiting plan is not offered it.
  const ownPlanWaits = detail.offers.some((o) => o.status === 'pending_approval' && o.proposed_by === actor.userId);
  const hidden = new Set([...(completes ? [] : ['complete_task']), ...(ownPlanWaits ? ['approve_plan'] : [])]);
  const drafts = staff ? new Set<string>() : unapprovedDrafts(detail.events);
  return {
    ...summary,
    actions: summary.actions.filter((a) => !hidden.has(a.action)),
    description: description.text,
    /** Numbers in the description are masked for this caller (compliance may reveal it). */
    descriptionMasked: description.masked,
    desiredResolution: row.desired_resolution,
    progressSteps: progressSteps(progressFactsOf(row, detail)),
    // RES-6: the buyer needs it from the moment the return is agreed until the parcel arrives; staff
    // and the merchant always see what is on file. Null: the shop has not sent one.
    returnAddress: staff || actor.role === 'merchant' || RETURN_STATES.has(row.state) ? detail.returnAddress : null,
    eligibility: row.eligibility,
    policyVersionId: row.policy_version_id,
    responsibility: row.responsibility,
    // Why the case was graded as it is (TR-7): staff only, like the rest of the platform's reasoning.
    triage: staff ? row.triage : undefined,
    // IN-3: the order the case is about, also when it names no item (a complaint about the order).
    order: detail.order ? { orderNo: detail.order.order_no, placedAt: iso(detail.order.placed_at), totalFen: Number(detail.order.total_fen) } : null,
    items: detail.items.map((i) => ({
      id: i.id,
      orderItemId: i.order_item_id,
      productId: i.product_id,
      name: i.name,
      category: i.category,
      categoryName: categoryName(i.category, i.category_name_zh, i.category_name_en),
      quantity: i.quantity,
      // What the units the case claims cost, as plans and refunds count it; the whole order line beside it.
      paidFen: lineShareFen({ orderItemId: i.order_item_id, caseQuantity: i.quantity, orderQuantity: i.line_quantity, paidFen: i.paid_fen }),
      orderLine: { quantity: i.line_quantity, paidFen: i.paid_fen },
    })),
    // Internal notes and the platform's own bookkeeping (SLA clocks, severity, queues) stay internal:
    // not even their existence is shown outside the platform's staff.
    timeline: detail.events.filter((e) => staff || !isInternalEvent(e.type)).map((e) => {
      // RISK-5: a reason written on a media-flagged case by someone who does not speak outside.
      const reason = actor.role === 'customer' && (e.data as { reasonInternal?: boolean } | null)?.reasonInternal ? null : e.reason;
      const shownReason = reason === null ? null : shown(reason);
      return {
        seq: e.seq,
        type: e.type,
        fromState: e.from_state,
        toState: e.to_state,
        actorRole: e.actor_role,
        reason: shownReason?.text ?? null,
        reasonMasked: shownReason?.masked ?? false,
        data: staff ? maskedData(e.data, (text) => shown(text).text) : undefined,
        occurredAt: e.occurred_at.toISOString(),
      };
    }),
    messages: detail.messages
      .filter((m) => staff || m.visibility === 'public')
      .map((m) => {
        const body = shown(m.body);
        return {
          id: m.id,
          authorRole: m.author_role,
          visibility: m.visibility,
          channel: m.channel,
          body: body.text,
          /** Numbers in the body are masked for this caller (compliance may reveal it). */
          masked: body.masked,
          createdAt: m.created_at.toISOString(),
        };
      }),
    attachments: detail.attachments.map((a) => ({
      id: a.id,
      caseItemId: a.case_item_id,
      purpose: a.purpose,
      uploaderRole: a.uploader_role,
      fileName: shown(a.file_name).text,
      contentType: a.content_type,
      sizeBytes: a.size_bytes,
      sha256: a.sha256,
      createdAt: a.created_at.toISOString(),
    })),
    // A link to someone else's case (a duplicate filed by another buyer, a merged case on another
    // shop's goods) would show a case the caller may not see: customers and merchants get their own.
    links: detail.links
      .filter((l) => canSeeCase(actor, l))
      .map((l) => ({ caseNo: l.case_no, caseId: l.id, state: l.state, linkType: l.link_type })),
    offers: detail.offers.filter((o) => staff || (actor.role === 'merchant' && o.proposer_role === 'merchant') || !drafts.has(o.id)).map((o) => ({
      id: o.id,
      revision: o.revision,
      parentOfferId: o.parent_offer_id,
      proposerRole: o.proposer_role,
      status: o.status,
      planType: o.plan_type,
      terms: o.terms,
      steps: o.steps,
      responsibility: o.responsibility,
      basis: actor.role === 'customer' && o.basis_internal ? null : shownOrNull(o.basis),
      goodwillReason: staff ? shownOrNull(o.goodwill_reason) : undefined,
      expiresAt: iso(o.expires_at),
      answeredAt: iso(o.answered_at),
      // A supervisor's reason for declining a plan is internal (RES-3); the customer's own answers are not.
      answerReason: staff || o.status !== 'declined' ? shownOrNull(o.answer_reason) : null,
      fraudFound: o.fraud_found,
      createdAt: o.created_at.toISOString(),
    })),
    tasks: detail.tasks.map((t) => ({
      id: t.id,
      type: t.type,
      title: t.title,
      ownerRole: t.owner_role,
      /** The money it moves to the customer (refund, compensation, reimbursement); null for other work. */
      amountFen: taskAmountFen(t, detail.ledger),
      /** Whether the caller may mark it done (the owner, or staff above it; money only by finance). */
      mayComplete: t.status === 'open' && mayCompleteTask(t.owner_role, actor.role),
      dueAt: iso(t.due_at),
      verification: t.verification,
      status: t.status,
      proof: t.proof,
      doneAt: iso(t.done_at),
    })),
    refunds: detail.refunds.map((r) => ({
      id: r.id,
      amountFen: r.amount_fen,
      currency: r.currency,
      status: r.status,
      providerRef: r.provider_ref,
      createdAt: r.created_at.toISOString(),
      completedAt: iso(r.completed_at),
    })),
    // EX-4: besides refunds, what the customer is paid (compensation, 假一赔三, a return fee paid
    // back, shipping insurance), planned or paid; who bears it stays with staff and the merchant.
    paymentsToCustomer: detail.ledger
      .filter((l) => l.paid_to === 'customer' && l.entry_type !== 'refund' && l.status !== 'cancelled')
      .map((l) => ({ id: l.id, entryType: l.entry_type, instrument: l.instrument, points: l.points, amountFen: l.amount_fen, status: l.status })),
    ledger: seesMoneyBearer
      ? detail.ledger.map((l) => ({
          id: l.id,
          entryType: l.entry_type,
          instrument: l.instrument,
          points: l.points,
          amountFen: l.amount_fen,
          currency: l.currency,
          borneBy: l.borne_by,
          paidTo: l.paid_to,
          responsibility: l.responsibility,
          reason: shownOrNull(l.reason),
          status: l.status,
        }))
      : undefined,
    shipments: detail.shipments.map(presentShipment),
  };
}
