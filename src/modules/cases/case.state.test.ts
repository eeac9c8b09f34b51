import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_KINDS, CHANNELS, ROLES } from '../../shared/vocabulary.ts';
import type { CaseKind, Channel, Role } from '../../shared/vocabulary.ts';
import {
  CASE_COMMAND_TYPES,
  CASE_STATES,
  CASE_STATE_LABELS,
  EXECUTION_STATES,
  MAX_REJECTED_PLANS,
  PRE_EXECUTION_STATES,
  PROGRESS_STAGES,
  availableActions,
  decide,
  defaultPlanShape,
  isOpenState,
  progressStage,
} from './case.state.ts';
import type { Actor, CaseCommand, CaseCommandType, CaseSnapshot, CaseState, Decision } from './case.state.ts';

// ---- helpers ----

const base: CaseSnapshot = {
  id: 'case-1',
  state: 'submitted',
  kind: 'return_refund',
  rejectedPlans: 0,
  reopenCount: 0,
  resultNotified: false,
  unansweredCustomerMessages: 0,
  hasPendingCounterOffer: false,
  reopenWindowOpen: true,
  executionStarted: false,
  withCompliance: false,
};
const at = (state: CaseState, extra: Partial<CaseSnapshot> = {}): CaseSnapshot => ({ ...base, state, ...extra });
const as = (role: Role, extra: Partial<Actor> = {}): Actor => ({ role, isOwner: false, isCaseMerchant: false, merchantHolds: true, ...extra });

const customer = as('customer', { isOwner: true });
const strangerCustomer = as('customer');
const agent = as('agent');
const supervisor = as('supervisor');
const compliance = as('compliance');
const finance = as('finance');
const system = as('system');
const merchant = as('merchant', { isCaseMerchant: true });
const otherMerchant = as('merchant');

function apply(s: CaseSnapshot, d: Decision): CaseSnapshot {
  return d.ok ? { ...s, state: d.to, ...d.changes } : s;
}

function accepted(d: Decision, to: CaseState): Extract<Decision, { ok: true }> {
  if (!d.ok) throw new Error(`expected → ${to}, refused with ${d.code}: ${d.message['en-US']}`);
  expect(d.to).toBe(to);
  return d;
}

function refused(d: Decision, code: string): void {
  if (d.ok) throw new Error(`expected refusal ${code}, got → ${d.to}`);
  expect(d.code).toBe(code);
  expect(d.message['zh-CN'].length).toBeGreaterThan(0);
  expect(d.message['en-US'].length).toBeGreaterThan(0);
}

const acceptPlan = (returnRequired: boolean, openTasks: number): CaseCommand => ({ type: 'accept_plan', returnRequired, openTasks });
const inspect = (passed: boolean, reason: string, photoCount: number, openTasks = 1): CaseCommand => ({ type: 'inspect', passed, reason, photoCount, openTasks });

// ---- example tests ----

describe('intake and investigation', () => {
  it('acknowledges a submitted case (staff, own merchant, system)', () => {
    for (const actor of [agent, merchant, system]) accepted(decide(at('submitted'), { type: 'acknowledge' }, actor), 'acknowledged');
    refused(decide(at('submitted'), { type: 'acknowledge' }, customer), 'forbidden_role');
    refused(decide(at('acknowledged'), { type: 'acknowledge' }, agent), 'illegal_transition');
  });

  it('refuses a merchant that does not own the case', () => {
    refused(decide(at('submitted'), { type: 'acknowledge' }, otherMerchant), 'not_case_merchant');
    refused(decide(at('investigating'), { type: 'propose_plan', offerId: 'o', needsApproval: false }, otherMerchant), 'not_case_merchant');
    refused(decide(at('return_received'), inspect(true, '', 0), otherMerchant), 'not_case_merchant');
  });

  it('once the platform holds the case, its merchant no longer decides it but still does its part (ORG-3)', () => {
    const overruled = as('merchant', { isCaseMerchant: true, merchantHolds: false });
    refused(decide(at('investigating'), { type: 'reject_ineligible', reason: '已拆封' }, overruled), 'platform_handles');
    refused(decide(at('submitted'), { type: 'approve_request', offerId: 'o', returnRequired: true, openTasks: 1 }, overruled), 'platform_handles');
    refused(decide(at('investigating'), { type: 'propose_plan', offerId: 'o', needsApproval: false }, overruled), 'platform_handles');
    refused(decide(at('inspection_failed'), { type: 'notify_result', channel: 'web' }, overruled), 'platform_handles');
    accepted(decide(at('return_in_transit'), { type: 'receive_return' }, overruled), 'return_received');
    accepted(decide(at('return_received'), inspect(true, '', 0), overruled), 'executing');
    // It has the goods in hand: what it finds wrong with them it records, with reason and photos.
    accepted(decide(at('return_received'), inspect(false, '屏幕有划痕', 2), overruled), 'inspection_failed');
    refused(decide(at('return_received'), inspect(false, '屏幕有划痕', 0), overruled), 'photos_required');
    // The platform's staff decide as before.
    accepted(decide(at('investigating'), { type: 'reject_ineligible', reason: '已拆封' }, agent), 'rejected');
  });

  it('a case with compliance has its plans decided by compliance, and a declined plan goes back there', () => {
    const withCompliance = { withCompliance: true };
    refused(decide(at('investigating', withCompliance), { type: 'propose_plan', offerId: 'o', needsApproval: false }, agent), 'forbidden_role');
    accepted(decide(at('investigating', withCompliance), { type: 'propose_plan', offerId: 'o', needsApproval: false }, compliance), 'plan_proposed');
    accepted(decide(at('plan_pending_approval', withCompliance), { type: 'decline_plan_approval', reason: '补偿过高' }, supervisor), 'compliance_review');
    accepted(decide(at('plan_pending_approval'), { type: 'decline_plan_approval', reason: '补偿过高' }, supervisor), 'investigating');
  });

  it('a merchant\'s refusal can be appealed to the platform within the reopen window (ORG-3)', () => {
    const appeal = { type: 'appeal', reason: '商家驳回不合理' } as const;
    const d = accepted(decide(at('rejected'), appeal, customer), 'investigating');
    expect(d.event).toBe('platform_intervention');
    accepted(decide(at('rejected'), appeal, agent), 'investigating');
    refused(decide(at('rejected'), appeal, merchant), 'forbidden_role');
    refused(decide(at('rejected'), appeal, strangerCustomer), 'not_case_owner');
    refused(decide(at('rejected'), appeal, as('customer', { isOwner: true, merchantHolds: false })), 'not_merchant_refusal');
    refused(decide(at('rejected', { reopenWindowOpen: false }), appeal, customer), 'appeal_window_closed');
    refused(decide(at('rejected'), { type: 'appeal', reason: ' ' }, customer), 'reason_required');
    refused(decide(at('closed'), appeal, customer), 'illegal_transition');
  });

  it("the merchant's result can be disputed with the platform, which handles the case afresh (ORG-3)", () => {
    const appeal = { type: 'appeal', reason: '商家验货结论不实' } as const;
    const told = at('result_notified', { resultNotified: true, rejectedPlans: 2, reopenWindowOpen: false });
    const d = accepted(decide(told, appeal, customer), 'investigating');
    expect([d.event, d.changes]).toEqual(['platform_intervention', { resultNotified: false, hasPendingCounterOffer: false, rejectedPlans: 0 }]);
    refused(decide(told, appeal, merchant), 'forbidden_role');
    refused(decide(told, appeal, as('customer', { isOwner: true, merchantHolds: false })), 'not_merchant_result');
    refused(decide(told, { type: 'appeal', reason: ' ' }, customer), 'reason_required');
  });

  it('starts an investigation from acknowledged or straight from submitted', () => {
    const d = accepted(decide(at('acknowledged'), { type: 'start_investigation' }, agent), 'investigating');
    expect(d.event).toBe('investigation_started');
    accepted(decide(at('submitted'), { type: 'start_investigation' }, merchant), 'investigating');
    refused(decide(at('submitted'), { type: 'start_investigation' }, system), 'forbidden_role');
  });

  it('asks for evidence and resumes when the owner provides it', () => {
    accepted(decide(at('investigating'), { type: 'request_evidence', question: '请上传破损照片' }, agent), 'awaiting_customer');
    refused(decide(at('investigating'), { type: 'request_evidence', question: ' ' }, agent), 'question_required');
    accepted(decide(at('awaiting_customer'), { type: 'provide_evidence' }, customer), 'investigating');
    refused(decide(at('awaiting_customer'), { type: 'provide_evidence' }, strangerCustomer), 'not_case_owner');
    refused(decide(at('awaiting_customer'), { type: 'provide_evidence' }, agent), 'forbidden_role');
  });

  it('rejects an ineligible request with a reason (VER-1)', () => {
    for (const state of ['submitted', 'acknowledged', 'investigating', 'awaiting_customer'] as const) {
      accepted(decide(at(state), { type: 'reject_ineligible', reason: '超出售后期' }, agent), 'rejected');
    }
    refused(decide(at('investigating'), { type: 'reject_ineligible', reason: '' }, agent), 'reason_required');
    refused(decide(at('plan_proposed'), { type: 'reject_ineligible', reason: 'x' }, agent), 'illegal_transition');
  });
});

describe('approving a request as filed (EX-1 review)', () => {
  const approve = (returnRequired: boolean, openTasks: number): CaseCommand => ({ type: 'approve_request', offerId: 'offer-1', returnRequired, openTasks });

  it('goes to the return step, to execution, or straight to resolved', () => {
    accepted(decide(at('submitted'), approve(true, 1), merchant), 'awaiting_return');
    accepted(decide(at('acknowledged'), approve(false, 1), agent), 'executing');
    accepted(decide(at('investigating'), approve(false, 0), agent), 'resolved');
  });

  it('is the handlers\' decision, never the customer\'s, and only before a plan exists', () => {
    refused(decide(at('submitted'), approve(true, 1), customer), 'forbidden_role');
    refused(decide(at('submitted'), approve(true, 1), otherMerchant), 'not_case_merchant');
    refused(decide(at('plan_proposed'), approve(true, 1), agent), 'illegal_transition');
    refused(decide(at('submitted', { kind: 'complaint' }), approve(false, 1), agent), 'illegal_transition');
    refused(decide(at('submitted', { kind: 'consultation' }), approve(false, 0), agent), 'illegal_transition');
    refused(decide(at('submitted'), { type: 'approve_request', offerId: '', returnRequired: true, openTasks: 1 }, agent), 'invalid_payload');
  });
});

describe('plans and negotiation', () => {
  const propose = (needsApproval = false): CaseCommand => ({ type: 'propose_plan', offerId: 'offer-1', needsApproval });

  it('proposes a plan, or sends it for approval', () => {
    for (const state of ['investigating', 'inspection_failed'] as const) accepted(decide(at(state), propose(), agent), 'plan_proposed');
    accepted(decide(at('investigating'), propose(true), merchant), 'plan_pending_approval');
    refused(decide(at('investigating'), { type: 'propose_plan', offerId: '', needsApproval: false }, agent), 'invalid_payload');
    refused(decide(at('acknowledged'), propose(), agent), 'illegal_transition');
  });

  it('replaces a plan the customer has not answered, with the same say over it as over the first', () => {
    accepted(decide(at('plan_proposed'), propose(), agent), 'plan_proposed');
    accepted(decide(at('plan_proposed'), propose(true), merchant), 'plan_pending_approval');
    refused(decide(at('plan_proposed'), propose(), customer), 'forbidden_role');
    // A plan compliance proposed after the third rejection stays compliance's to revise.
    const underReview = at('plan_proposed', { rejectedPlans: MAX_REJECTED_PLANS });
    accepted(decide(underReview, propose(), compliance), 'plan_proposed');
    refused(decide(underReview, propose(), agent), 'forbidden_role');
  });

  it('lets compliance propose only from compliance_review, where frontline and merchants may not', () => {
    accepted(decide(at('compliance_review'), propose(), compliance), 'plan_proposed');
    accepted(decide(at('compliance_review'), propose(), supervisor), 'plan_proposed');
    refused(decide(at('compliance_review'), propose(), agent), 'forbidden_role');
    refused(decide(at('compliance_review'), propose(), merchant), 'forbidden_role');
    refused(decide(at('investigating'), propose(), compliance), 'forbidden_role');
  });

  it('clears a pending counter-offer when a new plan is proposed', () => {
    const d = accepted(decide(at('investigating', { hasPendingCounterOffer: true }), propose(), agent), 'plan_proposed');
    expect(d.changes.hasPendingCounterOffer).toBe(false);
  });

  it('approves or declines a plan above the goodwill threshold (RES-3)', () => {
    accepted(decide(at('plan_pending_approval'), { type: 'approve_plan' }, supervisor), 'plan_proposed');
    accepted(decide(at('plan_pending_approval'), { type: 'approve_plan' }, as('admin')), 'plan_proposed');
    refused(decide(at('plan_pending_approval'), { type: 'approve_plan' }, agent), 'forbidden_role');
    accepted(decide(at('plan_pending_approval'), { type: 'decline_plan_approval', reason: '超出权限' }, supervisor), 'investigating');
    refused(decide(at('plan_pending_approval'), { type: 'decline_plan_approval', reason: '' }, supervisor), 'reason_required');
  });

  it('routes an accepted plan: return first, else execution, else resolved', () => {
    accepted(decide(at('plan_proposed'), acceptPlan(true, 1), customer), 'awaiting_return');
    accepted(decide(at('plan_proposed'), acceptPlan(true, 0), customer), 'awaiting_return');
    accepted(decide(at('plan_proposed'), acceptPlan(false, 2), customer), 'executing');
    accepted(decide(at('plan_proposed'), acceptPlan(false, 0), customer), 'resolved');
    accepted(decide(at('plan_proposed', { kind: 'complaint' }), acceptPlan(true, 1), customer), 'awaiting_return');
    // staff records an acceptance given by phone
    accepted(decide(at('plan_proposed'), acceptPlan(false, 1), agent), 'executing');
    refused(decide(at('plan_proposed'), acceptPlan(false, 1), merchant), 'forbidden_role');
    refused(decide(at('plan_proposed'), acceptPlan(false, 1), strangerCustomer), 'not_case_owner');
    refused(decide(at('plan_proposed'), acceptPlan(false, -1), customer), 'invalid_payload');
  });

  it('counts rejections; the third goes to compliance_review (SLA-9)', () => {
    let s = at('investigating');
    const seen: CaseState[] = [];
    for (let round = 1; round <= 3; round++) {
      s = apply(s, accepted(decide(s, propose(), agent), 'plan_proposed'));
      const d = decide(s, { type: 'reject_plan', reason: '金额太低' }, customer);
      if (!d.ok) throw new Error('refused');
      expect(d.event).toBe('plan_rejected');
      expect(d.changes.rejectedPlans).toBe(round);
      s = apply(s, d);
      seen.push(s.state);
    }
    expect(seen).toEqual(['investigating', 'investigating', 'compliance_review']);
    // a plan proposed by compliance and rejected again stays at the cap and returns to compliance
    s = apply(s, accepted(decide(s, propose(), compliance), 'plan_proposed'));
    const again = accepted(decide(s, { type: 'reject_plan', reason: 'still no' }, customer), 'compliance_review');
    expect(again.changes.rejectedPlans).toBe(MAX_REJECTED_PLANS);
  });

  it('requires a reason and the owner to reject a plan; staff may record the customer’s answer given by phone, the merchant may not', () => {
    refused(decide(at('plan_proposed'), { type: 'reject_plan', reason: '  ' }, customer), 'reason_required');
    refused(decide(at('plan_proposed'), { type: 'reject_plan', reason: 'no' }, strangerCustomer), 'not_case_owner');
    accepted(decide(at('plan_proposed'), { type: 'reject_plan', reason: '客户来电表示不接受' }, agent), 'investigating');
    refused(decide(at('plan_proposed'), { type: 'reject_plan', reason: 'no' }, merchant), 'forbidden_role');
    // A counter-offer is the customer's own proposal.
    refused(decide(at('plan_proposed'), { type: 'counter_offer', offerId: 'o-1', reason: 'no' }, agent), 'forbidden_role');
  });

  it('handles a counter-offer like a rejection, and lets staff accept it', () => {
    const d = accepted(decide(at('plan_proposed', { rejectedPlans: 1 }), { type: 'counter_offer', offerId: 'c-1', reason: '想要全额退款' }, customer), 'investigating');
    expect(d.changes).toMatchObject({ rejectedPlans: 2, hasPendingCounterOffer: true });
    accepted(decide(at('plan_proposed', { rejectedPlans: 2 }), { type: 'counter_offer', offerId: 'c-2', reason: 'x' }, customer), 'compliance_review');
    refused(decide(at('plan_proposed'), { type: 'counter_offer', offerId: 'c', reason: '' }, customer), 'reason_required');
    refused(decide(at('plan_proposed'), { type: 'counter_offer', offerId: '', reason: 'x' }, customer), 'invalid_payload');

    const pending = at('investigating', { hasPendingCounterOffer: true });
    const acc = accepted(decide(pending, { type: 'accept_counter_offer', returnRequired: false, openTasks: 1 }, merchant), 'executing');
    expect(acc.changes.hasPendingCounterOffer).toBe(false);
    accepted(decide(pending, { type: 'accept_counter_offer', returnRequired: true, openTasks: 1 }, agent), 'awaiting_return');
    accepted(decide(pending, { type: 'accept_counter_offer', returnRequired: false, openTasks: 0 }, agent), 'resolved');
    refused(decide(at('investigating'), { type: 'accept_counter_offer', returnRequired: false, openTasks: 1 }, agent), 'no_pending_counter_offer');
    refused(decide(pending, { type: 'accept_counter_offer', returnRequired: false, openTasks: 1 }, customer), 'forbidden_role');
    // RES-3: above the approval limit the handler's acceptance waits on a supervisor, whose approval agrees it.
    const waiting = accepted(decide(pending, { type: 'accept_counter_offer', returnRequired: true, openTasks: 1, needsApproval: true }, merchant), 'plan_pending_approval');
    expect([waiting.event, waiting.changes.hasPendingCounterOffer]).toEqual(['counter_offer_submitted_for_approval', false]);
    const agreed = accepted(decide(at('plan_pending_approval'), { type: 'approve_plan', accepts: { returnRequired: true, openTasks: 1 } }, supervisor), 'awaiting_return');
    expect(agreed.event).toBe('counter_offer_accepted');
    refused(decide(at('plan_pending_approval'), { type: 'approve_plan', accepts: { returnRequired: false, openTasks: 1 } }, merchant), 'forbidden_role');

    // The third answer a counter-offer: compliance review decides on it, frontline no longer may.
    const underReview = at('compliance_review', { rejectedPlans: 3, hasPendingCounterOffer: true });
    accepted(decide(underReview, { type: 'accept_counter_offer', returnRequired: false, openTasks: 1 }, compliance), 'executing');
    refused(decide(underReview, { type: 'accept_counter_offer', returnRequired: false, openTasks: 1 }, agent), 'forbidden_role');
    refused(decide(at('compliance_review', { rejectedPlans: 3 }), { type: 'accept_counter_offer', returnRequired: false, openTasks: 1 }, compliance), 'no_pending_counter_offer');
  });
});

describe('return, inspection and execution (EX-1)', () => {
  it('ships and receives the return', () => {
    accepted(decide(at('awaiting_return'), { type: 'ship_return', trackingNo: 'SF1234567', carrier: 'SF' }, customer), 'return_in_transit');
    refused(decide(at('awaiting_return'), { type: 'ship_return', trackingNo: '', carrier: 'SF' }, customer), 'invalid_payload');
    refused(decide(at('awaiting_return'), { type: 'ship_return', trackingNo: 'SF1', carrier: 'SF' }, strangerCustomer), 'not_case_owner');
    accepted(decide(at('return_in_transit'), { type: 'receive_return' }, merchant), 'return_received');
    accepted(decide(at('awaiting_return'), { type: 'receive_return' }, agent), 'return_received');
    refused(decide(at('return_in_transit'), { type: 'receive_return' }, customer), 'forbidden_role');
  });

  it('records inspection: pass to execution, fail with reason and photos', () => {
    accepted(decide(at('return_received'), inspect(true, '', 0, 1), merchant), 'executing');
    accepted(decide(at('return_received'), inspect(true, '', 0, 0), merchant), 'resolved');
    accepted(decide(at('return_received'), inspect(false, '人为损坏', 2), agent), 'inspection_failed');
    refused(decide(at('return_received'), inspect(false, '人为损坏', 0), agent), 'photos_required');
    refused(decide(at('return_received'), inspect(false, '', 3), agent), 'reason_required');
    refused(decide(at('return_in_transit'), inspect(true, '', 0), agent), 'illegal_transition');
  });

  it('completes tasks until none is left', () => {
    accepted(decide(at('executing'), { type: 'complete_task', taskId: 't1', remainingOpenTasks: 1 }, finance), 'executing');
    const d = accepted(decide(at('executing'), { type: 'complete_task', taskId: 't2', remainingOpenTasks: 0 }, system), 'resolved');
    expect(d.event).toBe('task_completed');
    accepted(decide(at('executing'), { type: 'complete_task', taskId: 't2', remainingOpenTasks: 0 }, merchant), 'resolved');
    refused(decide(at('executing'), { type: 'complete_task', taskId: 't', remainingOpenTasks: 0 }, customer), 'forbidden_role');
    refused(decide(at('executing'), { type: 'complete_task', taskId: '', remainingOpenTasks: 0 }, agent), 'invalid_payload');
    refused(decide(at('executing'), { type: 'complete_task', taskId: 't', remainingOpenTasks: -1 }, agent), 'invalid_payload');
  });
});

describe('result, closing and reopening (CL-3, CL-5)', () => {
  const notified = at('result_notified', { resultNotified: true });

  it('notifies the result after resolution or a failed inspection', () => {
    for (const state of ['resolved', 'inspection_failed'] as const) {
      const d = accepted(decide(at(state), { type: 'notify_result', channel: 'sms' }, system), 'result_notified');
      expect(d.changes.resultNotified).toBe(true);
    }
    refused(decide(at('executing'), { type: 'notify_result', channel: 'sms' }, system), 'illegal_transition');
    refused(decide(at('resolved'), { type: 'notify_result', channel: 'pigeon' as Channel }, system), 'invalid_payload');
  });

  it('lets compliance tell the result and close a case it holds, and no other', () => {
    const held = { withCompliance: true };
    accepted(decide(at('resolved', held), { type: 'notify_result', channel: 'web' }, compliance), 'result_notified');
    accepted(decide(at('result_notified', { ...held, resultNotified: true }), { type: 'close' }, compliance), 'closed');
    refused(decide(at('resolved'), { type: 'notify_result', channel: 'web' }, compliance), 'forbidden_role');
    refused(decide(at('result_notified', { resultNotified: true }), { type: 'close' }, compliance), 'forbidden_role');
  });

  it('closes on the customer confirmation or by staff once notified', () => {
    accepted(decide(notified, { type: 'confirm_resolution', rating: 5 }, customer), 'closed');
    accepted(decide(notified, { type: 'confirm_resolution' }, customer), 'closed');
    refused(decide(notified, { type: 'confirm_resolution', rating: 9 }, customer), 'invalid_payload');
    refused(decide(notified, { type: 'confirm_resolution' }, strangerCustomer), 'not_case_owner');
    accepted(decide(notified, { type: 'close' }, agent), 'closed');
    accepted(decide(notified, { type: 'close' }, system), 'closed');
    refused(decide(notified, { type: 'close' }, customer), 'forbidden_role');
  });

  it('refuses to close before the result is notified', () => {
    for (const state of ['resolved', 'executing', 'investigating'] as const) refused(decide(at(state), { type: 'close' }, agent), 'close_blocked_unnotified');
    refused(decide(at('result_notified', { resultNotified: false }), { type: 'close' }, agent), 'close_blocked_unnotified');
    refused(decide(at('closed'), { type: 'close' }, agent), 'illegal_transition');
  });

  it('refuses to close while a customer question is unanswered', () => {
    const waiting = at('result_notified', { resultNotified: true, unansweredCustomerMessages: 1 });
    refused(decide(waiting, { type: 'close' }, agent), 'close_blocked_unanswered');
    // The customer's own confirmation settles their question.
    expect(accepted(decide(waiting, { type: 'confirm_resolution' }, customer), 'closed').changes).toEqual({ unansweredCustomerMessages: 0 });
  });

  it('reopens a notified or recently closed case (CL-3)', () => {
    const d = accepted(decide(at('closed', { resultNotified: true, reopenCount: 1, rejectedPlans: 2 }), { type: 'reopen', reason: '问题未解决' }, customer), 'investigating');
    expect(d.changes).toMatchObject({ reopenCount: 2, resultNotified: false, rejectedPlans: 0 });
    accepted(decide(notified, { type: 'reopen', reason: '不满意' }, agent), 'investigating');
    accepted(decide(notified, { type: 'reopen', reason: '不满意' }, customer), 'investigating');
    refused(decide(at('closed', { reopenWindowOpen: false }), { type: 'reopen', reason: 'x' }, customer), 'reopen_window_closed');
    refused(decide(notified, { type: 'reopen', reason: '' }, customer), 'reason_required');
    refused(decide(notified, { type: 'reopen', reason: 'x' }, strangerCustomer), 'not_case_owner');
    refused(decide(at('archived'), { type: 'reopen', reason: 'x' }, customer), 'illegal_transition');
  });

  it('archives closed, rejected and withdrawn cases', () => {
    for (const state of ['rejected', 'withdrawn'] as const) accepted(decide(at(state, { reopenWindowOpen: false }), { type: 'archive' }, system), 'archived');
    // A refusal made by the platform has no appeal to wait for; a merchant's waits for the window.
    accepted(decide(at('rejected'), { type: 'archive' }, as('system', { merchantHolds: false })), 'archived');
    refused(decide(at('rejected'), { type: 'archive' }, system), 'reopen_window_open');
    accepted(decide(at('closed', { reopenWindowOpen: false }), { type: 'archive' }, system), 'archived');
    refused(decide(at('result_notified'), { type: 'archive' }, system), 'illegal_transition');
    refused(decide(at('closed', { reopenWindowOpen: false }), { type: 'archive' }, customer), 'forbidden_role');
  });

  it('archives a closed case only once the customer can no longer reopen it (CL-3 before CL-6)', () => {
    const recent = at('closed', { resultNotified: true, reopenWindowOpen: true });
    for (const actor of [agent, supervisor, system]) refused(decide(recent, { type: 'archive' }, actor), 'reopen_window_open');
    expect(availableActions(recent, agent)).not.toContain('archive');
    expect(availableActions(recent, customer)).toContain('reopen');
    const old = { ...recent, reopenWindowOpen: false };
    expect(availableActions(old, agent)).toContain('archive');
    expect(availableActions(old, customer)).not.toContain('reopen');
  });
});

describe('withdraw, merge, escalate', () => {
  it('lets the owner withdraw before execution only', () => {
    for (const state of PRE_EXECUTION_STATES) accepted(decide(at(state), { type: 'withdraw' }, customer), 'withdrawn');
    for (const state of ['executing', 'return_in_transit', 'return_received', 'resolved', 'result_notified'] as const) {
      refused(decide(at(state), { type: 'withdraw', reason: '不想要了' }, customer), 'illegal_transition');
    }
    refused(decide(at('investigating'), { type: 'withdraw' }, strangerCustomer), 'not_case_owner');
    refused(decide(at('investigating'), { type: 'withdraw' }, agent), 'forbidden_role');
  });

  it('refuses withdrawal and merging once execution started, whatever state followed', () => {
    // compliance review after an escalation, a new plan after a failed inspection, a reopen…
    for (const state of PRE_EXECUTION_STATES) {
      const started = at(state, { executionStarted: true });
      refused(decide(started, { type: 'withdraw' }, customer), 'execution_started');
      refused(decide(started, { type: 'merge_into', targetCaseId: 'case-2' }, agent), 'execution_started');
      expect(availableActions(started, customer)).not.toContain('withdraw');
      expect(availableActions(started, agent)).not.toContain('merge_into');
    }
  });

  it('does not reject as ineligible a request already granted and carried out, when it is reopened', () => {
    const reopened = at('investigating', { executionStarted: true, reopenCount: 1 });
    refused(decide(reopened, { type: 'reject_ineligible', reason: '超出期限' }, agent), 'already_granted');
    expect(availableActions(reopened, agent)).not.toContain('reject_ineligible');
    expect(availableActions(reopened, agent)).toContain('propose_plan');
    accepted(decide(at('investigating', { reopenCount: 1 }), { type: 'reject_ineligible', reason: '超出期限' }, agent), 'rejected');
  });

  it('remembers execution through an escalation: executing → compliance review cannot be withdrawn', () => {
    let s = at('plan_proposed');
    s = apply(s, accepted(decide(s, acceptPlan(false, 1), customer), 'executing'));
    expect(s.executionStarted).toBe(true);
    s = apply(s, accepted(decide(s, { type: 'escalate_to_compliance', reason: '法律风险' }, supervisor), 'compliance_review'));
    refused(decide(s, { type: 'withdraw', reason: '不要了' }, customer), 'execution_started');
    s = apply(s, accepted(decide(s, { type: 'propose_plan', offerId: 'o', needsApproval: false }, compliance), 'plan_proposed'));
    refused(decide(s, { type: 'merge_into', targetCaseId: 'case-2' }, agent), 'execution_started');

    // Awaiting the return, nothing has moved yet: withdrawal stays possible, also via compliance.
    let r = apply(at('plan_proposed'), accepted(decide(at('plan_proposed'), acceptPlan(true, 1), customer), 'awaiting_return'));
    expect(r.executionStarted).toBe(false);
    r = apply(r, accepted(decide(r, { type: 'escalate_to_compliance', reason: 'x' }, supervisor), 'compliance_review'));
    accepted(decide(r, { type: 'withdraw' }, customer), 'withdrawn');
    // Once shipped, the goods are on their way: the case is in execution for good.
    const shipped = accepted(decide(at('awaiting_return'), { type: 'ship_return', trackingNo: 'SF1234567', carrier: 'SF' }, customer), 'return_in_transit');
    expect(shipped.changes.executionStarted).toBe(true);
  });

  it('marks execution started on entering an execution state, and only then', () => {
    const entries: [CaseSnapshot, CaseCommand, Actor, CaseState][] = [
      [at('awaiting_return'), { type: 'receive_return' }, merchant, 'return_received'],
      [at('plan_proposed'), acceptPlan(false, 2), customer, 'executing'],
      [at('investigating', { hasPendingCounterOffer: true }), { type: 'accept_counter_offer', returnRequired: false, openTasks: 1 }, agent, 'executing'],
      [at('submitted'), { type: 'approve_request', offerId: 'o', returnRequired: false, openTasks: 1 }, merchant, 'executing'],
    ];
    for (const [snapshot, command, actor, to] of entries) {
      expect(EXECUTION_STATES).toContain(to);
      expect(accepted(decide(snapshot, command, actor), to).changes.executionStarted).toBe(true);
    }
    expect(accepted(decide(at('plan_proposed'), acceptPlan(false, 0), customer), 'resolved').changes.executionStarted).toBeUndefined();
    expect(accepted(decide(at('plan_proposed'), acceptPlan(true, 1), customer), 'awaiting_return').changes.executionStarted).toBeUndefined();
    // Already started: nothing new to record.
    expect(accepted(decide(at('executing', { executionStarted: true }), { type: 'complete_task', taskId: 't', remainingOpenTasks: 1 }, finance), 'executing').changes.executionStarted).toBeUndefined();
  });

  it('merges a duplicate into another case, never into itself (IN-8)', () => {
    accepted(decide(at('acknowledged'), { type: 'merge_into', targetCaseId: 'case-2' }, agent), 'merged');
    refused(decide(at('acknowledged'), { type: 'merge_into', targetCaseId: 'case-1' }, agent), 'merge_into_self');
    refused(decide(at('acknowledged'), { type: 'merge_into', targetCaseId: '' }, agent), 'invalid_payload');
    refused(decide(at('executing'), { type: 'merge_into', targetCaseId: 'case-2' }, agent), 'illegal_transition');
    refused(decide(at('acknowledged'), { type: 'merge_into', targetCaseId: 'case-2' }, merchant), 'forbidden_role');
  });

  it('lets a supervisor escalate any open case to compliance', () => {
    for (const state of ['submitted', 'executing', 'result_notified', 'plan_proposed'] as const) {
      accepted(decide(at(state), { type: 'escalate_to_compliance', reason: '媒体曝光风险' }, supervisor), 'compliance_review');
    }
    refused(decide(at('executing'), { type: 'escalate_to_compliance', reason: 'x' }, agent), 'forbidden_role');
    refused(decide(at('executing'), { type: 'escalate_to_compliance', reason: '' }, supervisor), 'reason_required');
    refused(decide(at('closed'), { type: 'escalate_to_compliance', reason: 'x' }, supervisor), 'illegal_transition');
    refused(decide(at('compliance_review'), { type: 'escalate_to_compliance', reason: 'x' }, supervisor), 'illegal_transition');
  });

  it('refuses an unknown command without throwing', () => {
    refused(decide(at('submitted'), { type: 'teleport' } as unknown as CaseCommand, agent), 'illegal_transition');
  });
});

describe('labels, stages and plan shapes', () => {
  it('labels every state in both languages', () => {
    for (const state of CASE_STATES) {
      expect(CASE_STATE_LABELS[state]['zh-CN']).not.toBe('');
      expect(CASE_STATE_LABELS[state]['en-US']).not.toBe('');
    }
    expect(CASE_STATE_LABELS.awaiting_customer['zh-CN']).toBe('待客户补充');
    expect(CASE_STATE_LABELS.result_notified['zh-CN']).toBe('已告知结果');
  });

  it('knows which states are open', () => {
    const closedLike = CASE_STATES.filter((s) => !isOpenState(s));
    expect(closedLike.sort()).toEqual(['archived', 'closed', 'merged', 'rejected', 'withdrawn']);
  });

  it('maps states onto the customer progress stepper (EX-2)', () => {
    expect(progressStage('plan_proposed')).toBe('review');
    expect(progressStage('return_in_transit')).toBe('return_shipment');
    expect(progressStage('inspection_failed')).toBe('inspection');
    expect(progressStage('executing')).toBe('refund_or_replacement');
    expect(progressStage('closed')).toBe('done');
    for (const state of CASE_STATES) expect(PROGRESS_STAGES).toContain(progressStage(state));
  });

  it('gives each kind its default plan', () => {
    expect(defaultPlanShape('return_refund')).toEqual({ returnRequired: true, tasks: ['refund'] });
    expect(defaultPlanShape('exchange')).toEqual({ returnRequired: true, tasks: ['ship_replacement'] });
    expect(defaultPlanShape('repair')).toEqual({ returnRequired: true, tasks: ['repair', 'ship_back_repaired'] });
    expect(defaultPlanShape('refund_only')).toEqual({ returnRequired: false, tasks: ['refund'] });
    expect(defaultPlanShape('reship')).toEqual({ returnRequired: false, tasks: ['ship_replacement'] });
    expect(defaultPlanShape('price_protection')).toEqual({ returnRequired: false, tasks: ['refund'] });
    expect(defaultPlanShape('complaint')).toEqual({ returnRequired: false, tasks: ['follow_up'] });
    expect(defaultPlanShape('logistics_exception')).toEqual({ returnRequired: false, tasks: ['follow_up'] });
    for (const kind of ['consultation', 'tech_support'] as const) expect(defaultPlanShape(kind)).toEqual({ returnRequired: false, tasks: ['answer'] });
    for (const kind of CASE_KINDS) expect(defaultPlanShape(kind).tasks.length).toBeGreaterThan(0);
  });
});

// ---- property tests ----

// Mostly valid payloads, so that walks get deep into the lifecycle, with enough invalid ones to
// exercise every refusal.
const pick = <T>(valid: T, ...invalid: T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });

interface Payload {
  reason: string; question: string; offerId: string; needsApproval: boolean; returnRequired: boolean;
  openTasks: number; taskId: string; remaining: number; trackingNo: string; carrier: string; passed: boolean;
  photoCount: number; channel: Channel; rating: number | undefined; targetCaseId: string;
}
const payloadArb: fc.Arbitrary<Payload> = fc.record({
  reason: pick('不满意', '', '  '),
  question: pick('请补充照片', ''),
  offerId: pick('offer-1', ''),
  needsApproval: fc.boolean(),
  returnRequired: fc.boolean(),
  openTasks: fc.integer({ min: -1, max: 3 }),
  taskId: pick('task-1', ''),
  remaining: fc.integer({ min: -1, max: 2 }),
  trackingNo: pick('SF123', ''),
  carrier: pick('SF', ''),
  passed: fc.boolean(),
  photoCount: fc.integer({ min: 0, max: 2 }),
  channel: fc.constantFrom(...CHANNELS),
  rating: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  targetCaseId: pick('case-2', '', 'case-1'),
});

function build(type: CaseCommandType, p: Payload): CaseCommand {
  switch (type) {
    case 'acknowledge': case 'start_investigation': case 'provide_evidence': case 'approve_plan':
    case 'receive_return': case 'close': case 'archive': case 'lapse_return': case 'lapse_evidence_request': case 'lapse_plan':
      return { type };
    case 'request_evidence': return { type, question: p.question };
    case 'reject_ineligible': case 'decline_plan_approval': case 'reject_plan': case 'reopen': case 'escalate_to_compliance': case 'appeal':
      return { type, reason: p.reason };
    case 'propose_plan': return { type, offerId: p.offerId, needsApproval: p.needsApproval };
    case 'approve_request': return { type, offerId: p.offerId, returnRequired: p.returnRequired, openTasks: p.openTasks };
    case 'accept_plan': case 'accept_counter_offer': return { type, returnRequired: p.returnRequired, openTasks: p.openTasks };
    case 'counter_offer': return { type, offerId: p.offerId, reason: p.reason };
    case 'ship_return': return { type, trackingNo: p.trackingNo, carrier: p.carrier };
    case 'inspect': return { type, passed: p.passed, reason: p.reason, photoCount: p.photoCount, openTasks: p.openTasks };
    case 'complete_task': return { type, taskId: p.taskId, remainingOpenTasks: p.remaining };
    case 'notify_result': return { type, channel: p.channel };
    case 'confirm_resolution': return p.rating === undefined ? { type } : { type, rating: p.rating };
    case 'withdraw': return p.reason === '' ? { type } : { type, reason: p.reason };
    case 'merge_into': return { type, targetCaseId: p.targetCaseId };
  }
}

/** Test-owned valid payloads: an action listed as available must accept one of them. */
function validCandidates(type: CaseCommandType): CaseCommand[] {
  const p: Payload = {
    reason: 'because', question: 'photo?', offerId: 'offer-9', needsApproval: false, returnRequired: false, openTasks: 1,
    taskId: 'task-9', remaining: 0, trackingNo: 'YT1', carrier: 'YTO', passed: true, photoCount: 1, channel: 'app',
    rating: 4, targetCaseId: 'some-other-case',
  };
  return [build(type, p), build(type, { ...p, passed: false, needsApproval: true, returnRequired: true, openTasks: 0, remaining: 1 })];
}

const actorArb: fc.Arbitrary<Actor> = fc.record({
  role: fc.constantFrom(...ROLES),
  isOwner: pick(true, false),
  isCaseMerchant: pick(true, false),
  merchantHolds: pick(true, false),
});

type Step =
  | { tag: 'command'; guided: boolean; pick: number; payload: Payload; actor: Actor }
  | { tag: 'env'; unanswered: number; reopenWindowOpen: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ tag: fc.constant('command' as const), guided: pick(true, false), pick: fc.nat(), payload: payloadArb, actor: actorArb }) },
  { weight: 1, arbitrary: fc.record({ tag: fc.constant('env' as const), unanswered: fc.integer({ min: 0, max: 2 }), reopenWindowOpen: fc.boolean() }) },
);
const runArb = fc.record({ kind: fc.constantFrom<CaseKind>(...CASE_KINDS), steps: fc.array(stepArb, { maxLength: 120, size: 'max' }) });

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v !== null && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}

interface Observed { snapshot: CaseSnapshot; command: CaseCommand; actor: Actor; decision: Decision; listed: CaseCommandType[] }

const EXITS: readonly CaseCommandType[] = ['withdraw', 'merge_into', 'reject_ineligible', 'escalate_to_compliance', 'archive'];

/** Runs a sequence of steps from `submitted`, reporting every command decision. */
function run(kind: CaseKind, steps: Step[], observe: (o: Observed) => void): CaseSnapshot {
  let s: CaseSnapshot = { ...base, kind };
  for (const step of steps) {
    if (step.tag === 'env') {
      s = { ...s, unansweredCustomerMessages: step.unanswered, reopenWindowOpen: step.reopenWindowOpen };
      continue;
    }
    const listed = availableActions(s, step.actor);
    // Guided steps mostly avoid the exits (withdraw, merge…) so that walks get deep into the lifecycle.
    const forward = listed.filter((t) => !EXITS.includes(t));
    const pool = !step.guided || listed.length === 0 ? CASE_COMMAND_TYPES : step.pick % 5 > 0 && forward.length > 0 ? forward : listed;
    const type = pool[Math.floor(step.pick / 5) % pool.length] ?? 'acknowledge';
    const command = build(type, step.payload);
    const decision = decide(s, command, step.actor);
    observe({ snapshot: s, command, actor: step.actor, decision, listed });
    s = apply(s, decision);
  }
  return s;
}

describe('properties over random command sequences', () => {
  it('every state reached is a CASE_STATE and refusals change nothing', () => {
    fc.assert(
      fc.property(runArb, ({ kind, steps }) => {
        run(kind, steps, ({ snapshot, command, actor, decision }) => {
          const frozen = deepFreeze(structuredClone(snapshot));
          const before = structuredClone(frozen);
          const again = decide(frozen, deepFreeze(structuredClone(command)), deepFreeze({ ...actor }));
          expect(frozen).toEqual(before);
          expect(again).toEqual(decision); // deterministic
          expect(CASE_STATES).toContain(apply(snapshot, decision).state);
          if (decision.ok) expect(decision.from).toBe(snapshot.state);
          else expect(apply(snapshot, decision)).toBe(snapshot);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('availableActions agrees with decide', () => {
    fc.assert(
      fc.property(runArb, ({ kind, steps }) => {
        run(kind, steps, ({ snapshot, command, actor, decision, listed }) => {
          if (decision.ok) expect(listed).toContain(command.type);
          for (const type of listed) {
            expect(validCandidates(type).some((c) => decide(snapshot, c, actor).ok)).toBe(true);
          }
          for (const type of CASE_COMMAND_TYPES.filter((t) => !listed.includes(t))) {
            for (const c of validCandidates(type)) expect(decide(snapshot, c, actor).ok).toBe(false);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('closed is only reached through result_notified, with no unanswered question left', () => {
    fc.assert(
      fc.property(runArb, ({ kind, steps }) => {
        run(kind, steps, ({ snapshot, decision }) => {
          if (decision.ok && decision.to === 'closed') {
            expect(decision.from).toBe('result_notified');
            expect(snapshot.resultNotified).toBe(true);
            // Staff never close over a question; the customer's confirmation settles it.
            expect(apply(snapshot, decision).unansweredCustomerMessages).toBe(0);
            if (decision.event === 'case_closed') expect(snapshot.unansweredCustomerMessages).toBe(0);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('rejectedPlans never exceeds 3, falls back only when the result is reopened or disputed, and compliance_review follows a rejection exactly when it hits 3', () => {
    fc.assert(
      fc.property(runArb, ({ kind, steps }) => {
        run(kind, steps, ({ snapshot, command, decision }) => {
          const next = apply(snapshot, decision);
          expect(next.rejectedPlans).toBeLessThanOrEqual(MAX_REJECTED_PLANS);
          const afresh = command.type === 'reopen' || (command.type === 'appeal' && snapshot.state === 'result_notified');
          if (decision.ok && afresh) expect(next.rejectedPlans).toBe(0);
          else expect(next.rejectedPlans).toBeGreaterThanOrEqual(snapshot.rejectedPlans);
          if (decision.ok && (command.type === 'reject_plan' || command.type === 'counter_offer')) {
            expect(decision.to === 'compliance_review').toBe(next.rejectedPlans === MAX_REJECTED_PLANS);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('execution once started is never forgotten, and no withdrawal or merge follows it', () => {
    fc.assert(
      fc.property(runArb, ({ kind, steps }) => {
        run(kind, steps, ({ snapshot, command, decision }) => {
          const next = apply(snapshot, decision);
          if (snapshot.executionStarted) expect(next.executionStarted).toBe(true);
          if (EXECUTION_STATES.includes(next.state)) expect(next.executionStarted).toBe(true);
          if (snapshot.executionStarted && (command.type === 'withdraw' || command.type === 'merge_into')) expect(decision.ok).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a closed case is archived only after its reopen window, and reopened only within it', () => {
    fc.assert(
      fc.property(runArb, ({ kind, steps }) => {
        run(kind, steps, ({ snapshot, command, decision }) => {
          if (!decision.ok || snapshot.state !== 'closed') return;
          if (command.type === 'archive') expect(snapshot.reopenWindowOpen).toBe(false);
          if (command.type === 'reopen') expect(snapshot.reopenWindowOpen).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('random walks come back to withdrawable states after execution started (the property above bites)', () => {
    let seen = 0;
    for (const { kind, steps } of fc.sample(runArb, { numRuns: 400, seed: 7 })) {
      run(kind, steps, ({ snapshot }) => {
        if (snapshot.executionStarted && PRE_EXECUTION_STATES.includes(snapshot.state)) seen += 1;
      });
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('archived and merged accept nothing at all', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CaseState>('archived', 'merged'),
        fc.constantFrom(...CASE_COMMAND_TYPES),
        payloadArb,
        actorArb,
        (state, type, payload, actor) => {
          const s = at(state, { resultNotified: true, hasPendingCounterOffer: true });
          expect(decide(s, build(type, payload), actor).ok).toBe(false);
          expect(availableActions(s, actor)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random walks reach every state (the generator is meaningful)', () => {
    const seen = new Set<CaseState>();
    for (const { kind, steps } of fc.sample(runArb, { numRuns: 400, seed: 42 })) {
      run(kind, steps, ({ snapshot, decision }) => {
        seen.add(snapshot.state);
        seen.add(apply(snapshot, decision).state);
      });
    }
    expect([...seen].sort()).toEqual([...CASE_STATES].sort());
  });
});
