// When each clock starts, stops and restarts, read off the case's events (SLA-1..12). Pure.
import { dayWindowEnd } from '../policy/policy.calendar.ts';
import { LAW } from '../policy/policy.law.ts';
import { isApprovableAsFiled, isOpenState, type CaseState } from '../cases/case.state.ts';
import type { CaseKind } from '../../shared/vocabulary.ts';
import { FRAUD_FINDING_WITHDRAWN_EVENT, FRAUD_FOUND_EVENT } from '../resolution/fraud-finding.ts';
import type { SubjectMetric } from './sla.subjects.ts';
import type { SlaMetric } from './sla.targets.ts';

/** One event of a command, as the SLA rules see it. */
export interface SlaEvent {
  type: string;
  actorRole: string;
  toState: string;
  /** When it happened, if earlier than the command that records it: a clock it starts runs from then. */
  happenedAt?: Date;
  /** The task a task_completed event completed. */
  taskType?: string;
  /** For a status step (acknowledged, investigation started): whether it carried words to the customer. */
  replied?: boolean;
}

export interface LifecycleContext {
  kind: CaseKind;
  merchantId: string | null;
  /** The case sits in a merchant's queue after the command: the merchant handles it first (ORG-3). */
  withMerchant: boolean;
  /** L1/L2 after the command: a complex complaint, owed staged feedback rather than a plan in 24 h (SLA-6). */
  complex?: boolean;
  /** The channel the customer came by. */
  channel?: string | null;
}

/** The clocks' own events for a case changing hands between a merchant and the platform (ORG-3). */
export const HANDED_TO_MERCHANT = 'handed_to_merchant';
export const TAKEN_FROM_MERCHANT = 'taken_from_merchant';

// 'department': of the departments only PR and compliance write to the customer, on the media
// cases they speak for (RISK-5); their reply answers the customer like anyone's.
const HANDLING_ROLES = new Set(['agent', 'specialist', 'supervisor', 'compliance', 'admin', 'merchant', 'finance', 'department']);
// Events the customer does not see, or that are the SLA engine's own bookkeeping.
const UNSEEN_EVENTS = new Set([
  'internal_note_added', 'case_linked', 'plan_submitted_for_approval', 'plan_approval_declined', 'plan_approved',
  'severity_escalated', 'case_reassigned', 'triage_overridden', 'triage_raised', 'incident_joined',
  // Routing and assignment move the case inside the platform; they answer nobody (TR-4).
  'case_routed', 'case_assigned', 'case_unassigned', 'platform_intervention',
  // Asking another department is the platform's own work, not an answer to the customer (ORG-2).
  'collaboration_requested', 'collaboration_answered', 'collaboration_cancelled',
  // Sending a case to compliance review is the platform's own step; the customer hears nothing of it.
  'escalated_to_compliance', HANDED_TO_MERCHANT, TAKEN_FROM_MERCHANT,
  // Who may speak outside, legal holds and the retention purge are internal too (RISK-5, CL-6).
  'media_flagged', 'media_unflagged', 'legal_hold_placed', 'legal_hold_released', 'case_purged',
  // A fraud finding is recorded with the plan that makes it; compliance withdrawing it answers nobody (RES-2).
  FRAUD_FOUND_EVENT, FRAUD_FINDING_WITHDRAWN_EVENT,
]);

const STAFF_FILERS = new Set(['agent', 'specialist', 'supervisor', 'compliance', 'admin']);
/**
 * Channels where the customer wrote and waits (an email, a post, a text): staff registering the
 * request is not an answer, so the channel's first-response target runs (SLA-3, SLA-4).
 */
const WRITTEN_CHANNELS = new Set(['email', 'social', 'forum', 'sms']);

/** What whoever holds the case owes the customer: the merchant's to keep while it holds it (ORG-3). */
export const HOLDER_METRICS: ReadonlySet<SlaMetric> = new Set([
  'first_response', 'acknowledgement', 'follow_up', 'plan_due', 'staged_feedback', 'reinvestigation', 'second_handling', 'result_notice',
]);
/** Of those, the ones that measure answering, not deciding: missing one is reported, the platform does not step in for it. */
export const RESPONSIVENESS_METRICS: ReadonlySet<SlaMetric> = new Set(['first_response', 'acknowledgement', 'follow_up', 'staged_feedback']);

/**
 * SLA-9: while compliance reviews a case the handlers may not propose, so the clocks that measure
 * them stand still (compliance's own review clock runs) and go on from where they stopped after.
 */
const STOPPED_IN_COMPLIANCE_REVIEW: ReadonlySet<string> = new Set(['frontline_escalation', 'plan_due', 'follow_up']);

/** Whether the case's state stops this clock whatever its target says (see the set above). */
export function pausedByState(metric: string, state: string): boolean {
  return state === 'compliance_review' && STOPPED_IN_COMPLIANCE_REVIEW.has(metric);
}

/** Status steps that answer the customer only when they carry a message (SLA-1: a click is not a reply). */
const SILENT_UNLESS_REPLIED = new Set(['acknowledged', 'investigation_started']);

/** A handler did something the customer sees: a reply, a decision, a request. */
export function isCustomerVisibleResponse(event: SlaEvent): boolean {
  if (SILENT_UNLESS_REPLIED.has(event.type) && event.replied !== true) return false;
  return HANDLING_ROLES.has(event.actorRole) && !UNSEEN_EVENTS.has(event.type) && !event.type.startsWith('sla_');
}

/**
 * The customer has been given an answer to their request: a plan, a grant or a refusal. A plan
 * waiting on a supervisor's approval has not reached them yet: it counts once approved.
 */
const PLAN_GIVEN = new Set([
  'plan_proposed', 'plan_approved', 'plan_accepted', 'request_approved', 'rejected_ineligible', 'counter_offer_accepted',
]);
const DONE_STATES = new Set(['resolved', 'result_notified']);

function planGiven(event: SlaEvent): boolean {
  return PLAN_GIVEN.has(event.type) || DONE_STATES.has(event.toState);
}

interface MetricRule {
  starts(event: SlaEvent, context: LifecycleContext): boolean;
  meets(event: SlaEvent): boolean;
  /** Stops without being met: the promise no longer applies (a failed inspection ends the refund clock). */
  cancels?: (event: SlaEvent, context: LifecycleContext) => boolean;
  /** Starts again as soon as it is met, while `starts` would hold (staged feedback). */
  recurring?: (event: SlaEvent) => boolean;
  /** A limit set by law that no target's budget may run past, counted from the clock's start. */
  latestDue?: (startedAt: Date, timeZone: string) => Date;
}

/** A request the merchant can grant as filed, whose silence grants it. Price protection needs the merchant to state the difference. */
const merchantReviews = (c: LifecycleContext): boolean => c.merchantId !== null && isApprovableAsFiled(c.kind) && c.kind !== 'price_protection';

/**
 * Goods sent back for a refund or a replacement: a return or exchange, and any other case whose
 * plan took the goods back (a complaint's 退一赔三, a refund with return). A repair's goods come in
 * to be repaired, which has a clock of its own (its task).
 */
const RETURN_KINDS: readonly CaseKind[] = ['return_refund', 'exchange', 'refund_only', 'complaint', 'logistics_exception', 'reship', 'price_protection'];
/** Where a request can still be granted as filed (approve_request). */
const REVIEWABLE_STATES = new Set(['submitted', 'acknowledged', 'investigating']);
/** Events from which a complex case's staged-feedback clock runs, besides acknowledging it. */
const COMPLEX_FROM = new Set(['case_submitted', 'triage_raised', 'severity_escalated', 'triage_overridden']);

/** Where nobody has given the customer a plan yet: a case taken over there owes one. */
const AWAITING_PLAN_STATES = new Set(['submitted', 'acknowledged', 'investigating', 'awaiting_customer', 'inspection_failed']);

/** When a silent merchant's automatic refund must run: the day before the law's 7 natural days end (POL-6). */
const automaticRefundBy = (startedAt: Date, timeZone: string): Date => dayWindowEnd(startedAt, LAW.refundMaxNaturalDays - 1, timeZone);

export const METRIC_RULES: Record<Exclude<SlaMetric, SubjectMetric>, MetricRule> = {
  // A case staff file while talking to the customer (a phone call, a chat taken over) was answered
  // as it was filed: no first response is owed (SLA-1..4 measure waiting customers). One they
  // register from an email or a post still owes the written answer the customer waits for.
  first_response: {
    starts: (e, c) => e.type === 'case_submitted' && (!STAFF_FILERS.has(e.actorRole) || WRITTEN_CHANNELS.has(c.channel ?? '')),
    meets: isCustomerVisibleResponse,
  },
  acknowledgement: { starts: (e) => e.type === 'case_submitted', meets: (e) => e.toState !== 'submitted' },
  follow_up: { starts: (e) => e.type === 'acknowledged', meets: (e) => e.type !== 'acknowledged' && isCustomerVisibleResponse(e) },
  // The platform stepping in owes the customer a plan of its own (ORG-3), and a failed inspection
  // or a reopen owes them what happens now (a new plan, or the result in writing): the clock
  // starts again (SLA-11: a reopened case is handled again, not left to wait).
  // A merchant reviewing a request it can grant as filed has the review clock for that instead.
  // SLA-6: a complex complaint (L1/L2) is owed staged feedback every 3 working days instead.
  plan_due: {
    starts: (e, c) =>
      !c.complex && (
        (e.type === 'case_submitted' && !(c.withMerchant && merchantReviews(c)))
        || (e.type === TAKEN_FROM_MERCHANT && AWAITING_PLAN_STATES.has(e.toState))
        || e.type === 'inspection_failed'
        || e.type === 'case_reopened'),
    meets: planGiven,
    // Back with a merchant whose silence grants the request: its review clock is the plan clock.
    // A case raised to L1/L2 keeps the plan its receipt promised, and adds staged feedback.
    cancels: (e, c) => e.type === HANDED_TO_MERCHANT && merchantReviews(c),
  },
  staged_feedback: {
    // From filing, or from the case becoming complex (a raise, an escalation, an override), as well.
    starts: (e, c) => e.type === 'acknowledged' || e.type === 'investigation_started' || (c.complex === true && COMPLEX_FROM.has(e.type)),
    meets: (e) => planGiven(e) || (isCustomerVisibleResponse(e) && e.type !== 'acknowledged' && e.type !== 'investigation_started'),
    recurring: (e) => !planGiven(e),
  },
  // Frontline's 2 h (SLA-8) is the platform's rule: a case its merchant handles first is the
  // merchant's, on the merchant's clock, until the platform steps in (ORG-3).
  frontline_escalation: {
    starts: (e, c) => e.type === 'case_submitted' && !c.withMerchant,
    meets: planGiven,
    cancels: (_e, c) => c.withMerchant,
  },
  reinvestigation: {
    // A rejection that sends the case to compliance review is compliance's to answer: handlers may
    // no longer propose, so no clock of theirs starts (plan_due-like work is compliance's there).
    starts: (e) => ['plan_rejected', 'counter_offered', 'plan_expired'].includes(e.type) && e.toState !== 'compliance_review',
    meets: (e) => planGiven(e) || (isCustomerVisibleResponse(e) && !['plan_rejected', 'counter_offered', 'plan_expired'].includes(e.type)),
  },
  compliance_review: {
    // Entering review only: events inside it (notes, messages) keep that state without restarting it.
    starts: (e) => e.toState === 'compliance_review' && ['plan_rejected', 'counter_offered', 'escalated_to_compliance', 'plan_expired', 'plan_approval_declined'].includes(e.type),
    // Compliance answers with its assessment (a note the handlers read) or its decision (a plan, a
    // counter-offer accepted, a refusal): either ends the wait the SOP limits.
    meets: (e) => e.toState !== 'compliance_review' || (e.actorRole === 'compliance' && e.type === 'internal_note_added'),
  },
  second_handling: { starts: (e) => e.type === 'case_reopened', meets: (e) => e.type !== 'case_reopened' && isCustomerVisibleResponse(e) },
  refund_after_receipt: {
    starts: (e, c) => e.type === 'return_received' && RETURN_KINDS.includes(c.kind),
    // The refund paid or the replacement sent is what SLA-12 promises; other tasks (compensation,
    // the postage paid back) have their own clocks and do not make it late.
    meets: (e) => DONE_STATES.has(e.toState) || (e.type === 'task_completed' && (e.taskType === 'refund' || e.taskType === 'ship_replacement')),
    cancels: (e) => e.type === 'inspection_failed',
    // Working days stretch over holidays; the refund is still due within 7 natural days (POL-6).
    latestDue: (startedAt, timeZone) => dayWindowEnd(startedAt, LAW.refundMaxNaturalDays, timeZone),
  },
  merchant_review: {
    // A marketplace's rule against a silent merchant: it runs while the merchant handles the case,
    // from filing or from the case being put in the merchant's hands before anyone answered it.
    // Price protection needs the merchant to state the difference, so silence cannot grant it.
    starts: (e, c) => (e.type === 'case_submitted' || (e.type === HANDED_TO_MERCHANT && REVIEWABLE_STATES.has(e.toState))) && c.withMerchant && merchantReviews(c),
    meets: planGiven,
    // The case left the merchant (an appeal, a re-route, compliance review): its silence no longer decides.
    cancels: (_e, c) => !c.withMerchant,
  },
  customer_ship_return: {
    starts: (e) => e.toState === 'awaiting_return',
    meets: (e) => e.toState !== 'awaiting_return',
  },
  merchant_confirm_receipt: {
    starts: (e) => e.type === 'return_delivered',
    // Confirming for the merchant refunds at once: that has to happen within the law's 7 days too,
    // so the automatic outcome runs a day before the ceiling, not at it.
    latestDue: automaticRefundBy,
    meets: (e) => e.toState !== 'return_in_transit',
  },
  merchant_inspection: {
    starts: (e, c) => e.type === 'return_received' && RETURN_KINDS.includes(c.kind),
    // Passing the inspection for the merchant refunds at once: within the law's 7 days of arrival,
    // a day before the ceiling so the refund itself is not late.
    latestDue: automaticRefundBy,
    meets: (e) => e.toState !== 'return_received',
  },
  customer_evidence: {
    starts: (e) => e.type === 'evidence_requested',
    meets: (e) => e.toState !== 'awaiting_customer',
  },
  // CL-1, CL-5: a case carried out waits on the result being told; the holder's to tell, and the
  // platform's from a takeover (the case still resolved, a new clock starts for it).
  result_notice: {
    starts: (e) => e.toState === 'resolved',
    meets: (e) => e.toState !== 'resolved',
  },
  customer_confirmation: {
    // From the result, or from staff's reply to a question the customer asked about it.
    starts: (e) => e.toState === 'result_notified' && e.actorRole !== 'customer',
    // A question from the customer is an answer of sorts: staff owe the reply, the silence clock stops.
    meets: (e) => e.toState !== 'result_notified' || (e.actorRole === 'customer' && e.type === 'message_added'),
  },
};

export const LIFECYCLE_METRICS = Object.keys(METRIC_RULES) as (keyof typeof METRIC_RULES)[];

/** A case that has left the open states stops every clock. */
export function endsAllClocks(event: SlaEvent): boolean {
  return !isOpenState(event.toState as CaseState);
}
