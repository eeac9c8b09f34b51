// The case lifecycle: one state machine for every kind (IN-*, VER-1, RES-*, EX-1..4, CL-3, CL-5, SLA-9).
// Pure: everything it knows arrives as input; it never reads a clock, a database or randomness.
import { CHANNELS } from '../../shared/vocabulary.ts';
import type { CaseKind, LocalizedText, Role } from '../../shared/vocabulary.ts';
import { CASE_COMMAND_LABELS, CASE_COMMAND_TYPES } from './case.commands.ts';
import type { CaseCommand, CaseCommandType } from './case.commands.ts';

export { CASE_COMMAND_LABELS, CASE_COMMAND_TYPES };
export type { CaseCommand, CaseCommandType };

export const CASE_STATES = [
  'submitted',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'plan_pending_approval',
  'plan_proposed',
  'compliance_review',
  'awaiting_return',
  'return_in_transit',
  'return_received',
  'inspection_failed',
  'executing',
  'resolved',
  'result_notified',
  'closed',
  'archived',
  'rejected',
  'withdrawn',
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, LocalizedText> = {
  submitted: { 'zh-CN': '已提交', 'en-US': 'Submitted' },
  acknowledged: { 'zh-CN': '已受理', 'en-US': 'Acknowledged' },
  investigating: { 'zh-CN': '调查中', 'en-US': 'Investigating' },
  awaiting_customer: { 'zh-CN': '待客户补充', 'en-US': 'Awaiting customer' },
  plan_pending_approval: { 'zh-CN': '方案待审批', 'en-US': 'Plan awaiting approval' },
  plan_proposed: { 'zh-CN': '方案待确认', 'en-US': 'Plan proposed' },
  compliance_review: { 'zh-CN': '合规评估中', 'en-US': 'Compliance review' },
  awaiting_return: { 'zh-CN': '待寄回', 'en-US': 'Awaiting return' },
  return_in_transit: { 'zh-CN': '退货运输中', 'en-US': 'Return in transit' },
  return_received: { 'zh-CN': '已收货', 'en-US': 'Return received' },
  inspection_failed: { 'zh-CN': '质检未通过', 'en-US': 'Inspection failed' },
  executing: { 'zh-CN': '执行中', 'en-US': 'Executing' },
  resolved: { 'zh-CN': '已解决', 'en-US': 'Resolved' },
  result_notified: { 'zh-CN': '已告知结果', 'en-US': 'Result notified' },
  closed: { 'zh-CN': '已关闭', 'en-US': 'Closed' },
  archived: { 'zh-CN': '已归档', 'en-US': 'Archived' },
  rejected: { 'zh-CN': '已驳回', 'en-US': 'Rejected' },
  withdrawn: { 'zh-CN': '已撤销', 'en-US': 'Withdrawn' },
  merged: { 'zh-CN': '已合并', 'en-US': 'Merged' },
};

export const CLOSED_STATES: readonly CaseState[] = ['closed', 'archived', 'rejected', 'withdrawn', 'merged'];
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !CLOSED_STATES.includes(s));
export const TERMINAL_STATES: readonly CaseState[] = ['archived', 'merged'];
/**
 * Open states in which the case can still be withdrawn or merged, as long as its execution never
 * started (CaseSnapshot.executionStarted): the state alone cannot tell, since compliance review can
 * follow an executing case (a supervisor escalates it) and a new plan can follow a failed
 * inspection or a reopen while the goods are already back with the seller.
 */
export const PRE_EXECUTION_STATES: readonly CaseState[] = [
  'submitted', 'acknowledged', 'investigating', 'awaiting_customer',
  'plan_pending_approval', 'plan_proposed', 'compliance_review', 'awaiting_return',
];
/**
 * Entering one of these starts execution for good: goods are on their way back or with the seller,
 * or the plan's tasks (a refund, a replacement) are being carried out. awaiting_return is not one
 * of them: until the customer ships, nothing has moved.
 */
export const EXECUTION_STATES: readonly CaseState[] = ['return_in_transit', 'return_received', 'inspection_failed', 'executing'];

export function isOpenState(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}

/**
 * Archived and merged cases are records (CL-6, IN-8): they stay readable but take no message, no
 * evidence and no change of any kind (the retention purge and legal holds aside, which act on the
 * record itself). A merged case's conversation continues on the case it was merged into.
 */
export function acceptsChanges(state: CaseState): boolean {
  return !TERMINAL_STATES.includes(state);
}

/** CL-3: how long after closing the customer may still reopen a case; it is archived only after. */
export const REOPEN_WINDOW_DAYS = 15;

/** SLA-9: the original plan and at most 2 revised plans; the third rejection goes to compliance. */
export const MAX_REJECTED_PLANS = 3;

// ---- Customer progress stepper (EX-2) ----

export const PROGRESS_STAGES = ['review', 'return_shipment', 'inspection', 'refund_or_replacement', 'done'] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

export const PROGRESS_STAGE_LABELS: Record<ProgressStage, LocalizedText> = {
  review: { 'zh-CN': '审核', 'en-US': 'Review' },
  return_shipment: { 'zh-CN': '寄回商品', 'en-US': 'Return shipment' },
  inspection: { 'zh-CN': '质检', 'en-US': 'Inspection' },
  refund_or_replacement: { 'zh-CN': '退款/换新', 'en-US': 'Refund / replacement' },
  done: { 'zh-CN': '完成', 'en-US': 'Done' },
};

const STAGE_OF: Record<CaseState, ProgressStage> = {
  submitted: 'review', acknowledged: 'review', investigating: 'review', awaiting_customer: 'review',
  plan_pending_approval: 'review', plan_proposed: 'review', compliance_review: 'review',
  awaiting_return: 'return_shipment', return_in_transit: 'return_shipment',
  return_received: 'inspection', inspection_failed: 'inspection',
  // resolved: execution is done but the customer has not been told yet, so the stepper waits.
  executing: 'refund_or_replacement', resolved: 'refund_or_replacement',
  result_notified: 'done', closed: 'done', archived: 'done', rejected: 'done', withdrawn: 'done', merged: 'done',
};

export function progressStage(state: CaseState): ProgressStage {
  return STAGE_OF[state];
}

// ---- Default plan shape per kind ----

export const PLAN_TASKS = ['refund', 'ship_replacement', 'repair', 'ship_back_repaired', 'compensation', 'answer', 'follow_up'] as const;
export type PlanTask = (typeof PLAN_TASKS)[number];
export interface PlanShape { returnRequired: boolean; tasks: readonly PlanTask[] }

const PLAN_SHAPES: Record<CaseKind, PlanShape> = {
  return_refund: { returnRequired: true, tasks: ['refund'] },
  exchange: { returnRequired: true, tasks: ['ship_replacement'] },
  repair: { returnRequired: true, tasks: ['repair', 'ship_back_repaired'] },
  refund_only: { returnRequired: false, tasks: ['refund'] },
  reship: { returnRequired: false, tasks: ['ship_replacement'] },
  price_protection: { returnRequired: false, tasks: ['refund'] },
  complaint: { returnRequired: false, tasks: ['follow_up'] },
  consultation: { returnRequired: false, tasks: ['answer'] },
  tech_support: { returnRequired: false, tasks: ['answer'] },
  logistics_exception: { returnRequired: false, tasks: ['follow_up'] },
};

/** Kinds whose request is itself a plan (return, refund, exchange…), so review can grant it as filed. */
export function isApprovableAsFiled(kind: CaseKind): boolean {
  return !PLAN_SHAPES[kind].tasks.some((task) => task === 'answer' || task === 'follow_up');
}

export function defaultPlanShape(kind: CaseKind): PlanShape {
  const shape = PLAN_SHAPES[kind];
  return { returnRequired: shape.returnRequired, tasks: [...shape.tasks] };
}

// ---- Decisions ----

export interface CaseSnapshot {
  /** The case's own id: merge_into refuses a target equal to it. */
  id: string;
  state: CaseState;
  kind: CaseKind;
  rejectedPlans: number;
  reopenCount: number;
  resultNotified: boolean;
  unansweredCustomerMessages: number;
  hasPendingCounterOffer: boolean;
  /** Closed (or refused) at most REOPEN_WINDOW_DAYS ago, or neither. */
  reopenWindowOpen: boolean;
  /** The case has been in an EXECUTION_STATE at some point: goods or money have moved for it. */
  executionStarted: boolean;
  /** The case sits in compliance's queue: compliance decides its plans. */
  withCompliance: boolean;
}

export interface Actor {
  role: Role;
  isOwner: boolean;
  isCaseMerchant: boolean;
  /** The case is in a merchant's queue: its merchant decides it; once the platform holds it, the merchant only carries out its part (ORG-3). */
  merchantHolds: boolean;
}

export type SnapshotChanges = Partial<Pick<CaseSnapshot, 'rejectedPlans' | 'reopenCount' | 'resultNotified' | 'hasPendingCounterOffer' | 'executionStarted' | 'unansweredCustomerMessages'>>;

export type DecisionCode =
  | 'illegal_transition'
  | 'forbidden_role'
  | 'not_case_owner'
  | 'not_case_merchant'
  | 'platform_handles'
  | 'not_merchant_refusal'
  | 'not_merchant_result'
  | 'appeal_window_closed'
  | 'reason_required'
  | 'question_required'
  | 'photos_required'
  | 'invalid_payload'
  | 'no_pending_counter_offer'
  | 'close_blocked_unnotified'
  | 'close_blocked_unanswered'
  | 'reopen_window_closed'
  | 'reopen_window_open'
  | 'execution_started'
  | 'already_granted'
  | 'merge_into_self';

export type Accepted = { ok: true; from: CaseState; to: CaseState; event: string; changes: SnapshotChanges };
export type Refused = { ok: false; code: DecisionCode; message: LocalizedText };
export type Decision = Accepted | Refused;

export const ROLE_LABELS: Record<Role, LocalizedText> = {
  customer: { 'zh-CN': '客户', 'en-US': 'customer' },
  agent: { 'zh-CN': '一线客服', 'en-US': 'frontline agent' },
  specialist: { 'zh-CN': '售后专员', 'en-US': 'specialist' },
  supervisor: { 'zh-CN': '售后主管', 'en-US': 'supervisor' },
  compliance: { 'zh-CN': '合规', 'en-US': 'compliance' },
  merchant: { 'zh-CN': '商家', 'en-US': 'merchant' },
  finance: { 'zh-CN': '财务', 'en-US': 'finance' },
  department: { 'zh-CN': '协同部门', 'en-US': 'collaborating department' },
  admin: { 'zh-CN': '管理员', 'en-US': 'admin' },
  system: { 'zh-CN': '系统', 'en-US': 'system' },
};

const FIXED_MESSAGES: Record<Exclude<DecisionCode, 'illegal_transition' | 'forbidden_role' | 'invalid_payload'>, LocalizedText> = {
  not_case_owner: { 'zh-CN': '只有提交该售后单的客户本人才能进行此操作。', 'en-US': 'Only the customer who opened this case can do this.' },
  not_case_merchant: { 'zh-CN': '只有该订单的商家才能处理此售后单。', 'en-US': "Only the order's merchant can handle this case." },
  not_merchant_refusal: {
    'zh-CN': '此申请是平台驳回的，不能再申请平台介入；如有异议请联系客服或提出投诉。',
    'en-US': 'The platform itself refused this request, so there is no intervention to ask for; contact customer service or file a complaint instead.',
  },
  not_merchant_result: {
    'zh-CN': '处理结果是平台给出的，不能再申请平台介入；如不满意请重新打开售后单。',
    'en-US': 'The platform itself gave this result, so there is no intervention to ask for; reopen the case if you are not satisfied with it.',
  },
  appeal_window_closed: {
    'zh-CN': `商家驳回已超过 ${REOPEN_WINDOW_DAYS} 天，不能再申请平台介入。`,
    'en-US': `The merchant refused more than ${REOPEN_WINDOW_DAYS} days ago; the platform can no longer be asked to intervene.`,
  },
  platform_handles: {
    'zh-CN': '平台已介入处理此售后单，由平台作出决定；商家可继续完成收货、验货和自己的执行任务。',
    'en-US': 'The platform has taken this case over and decides it; the merchant still receives and inspects the return and does its own tasks.',
  },
  reason_required: { 'zh-CN': '请填写原因。', 'en-US': 'A reason is required.' },
  question_required: { 'zh-CN': '请写明需要客户补充的内容。', 'en-US': 'Say what the customer needs to provide.' },
  photos_required: { 'zh-CN': '质检不通过时，须至少上传一张照片。', 'en-US': 'A failed inspection needs at least one photo.' },
  no_pending_counter_offer: { 'zh-CN': '客户没有待处理的还价方案。', 'en-US': 'There is no pending counter-offer from the customer.' },
  close_blocked_unnotified: { 'zh-CN': '尚未告知客户处理结果，不能关闭售后单。', 'en-US': 'The case cannot close before the customer has been told the result.' },
  close_blocked_unanswered: { 'zh-CN': '客户还有问题未答复，请先答复再关闭。', 'en-US': 'The customer has an unanswered question; reply before closing.' },
  reopen_window_closed: { 'zh-CN': '已超过可重新打开的期限。', 'en-US': 'The period for reopening this case has ended.' },
  reopen_window_open: {
    'zh-CN': `售后单关闭后 ${REOPEN_WINDOW_DAYS} 天内客户仍可重新打开，期满后才能归档。`,
    'en-US': `The customer may reopen the case for ${REOPEN_WINDOW_DAYS} days after it closed; it can be archived once that period has ended.`,
  },
  execution_started: {
    'zh-CN': '售后已进入执行阶段（商品已寄回或退款、换货已在处理），不能再撤销或合并。',
    'en-US': 'Execution has started (the goods were sent back, or a refund or replacement is under way): the case can no longer be withdrawn or merged.',
  },
  already_granted: {
    'zh-CN': '该售后申请已获同意并执行过，不能再以不符合条件驳回；请答复客户或提出新的方案。',
    'en-US': 'This request was granted and carried out; it cannot now be rejected as ineligible. Answer the customer or propose a new plan.',
  },
  merge_into_self: { 'zh-CN': '不能将售后单合并到其自身。', 'en-US': 'A case cannot be merged into itself.' },
};

function refuse(code: keyof typeof FIXED_MESSAGES): Refused {
  return { ok: false, code, message: FIXED_MESSAGES[code] };
}

function invalid(zh: string, en: string): Refused {
  return { ok: false, code: 'invalid_payload', message: { 'zh-CN': zh, 'en-US': en } };
}

// A refusal by state or role depends only on them and the command: each is built once and shared,
// since availableActions asks about every command for every case answer.
const sharedRefusals = new Map<string, Refused>();

function share(key: string, refused: Refused): Refused {
  Object.freeze(refused.message);
  sharedRefusals.set(key, Object.freeze(refused));
  return refused;
}

/** Kinds whose request is a question: the answer is the result (IN-1, CL-1). */
const ANSWERED_KINDS: ReadonlySet<CaseKind> = new Set(['consultation', 'tech_support']);
/** Where a question can be answered and the case go to the customer's confirmation at once. */
const QUESTION_ANSWER_STATES: readonly CaseState[] = ['acknowledged', 'investigating'];

function illegal(state: CaseState, type: CaseCommandType): Refused {
  const key = `illegal:${state}:${type}`;
  return sharedRefusals.get(key) ?? share(key, illegalTransition(state, type));
}

function illegalTransition(state: CaseState, type: CaseCommandType): Refused {
  const s = CASE_STATE_LABELS[state];
  const c = CASE_COMMAND_LABELS[type];
  return {
    ok: false,
    code: 'illegal_transition',
    message: { 'zh-CN': `售后单当前为「${s['zh-CN']}」，不能${c['zh-CN']}。`, 'en-US': `Cannot ${c['en-US']} while the case is "${s['en-US']}".` },
  };
}

// Who may act. "Staff" here means the people who handle cases; compliance and finance act only
// where the lifecycle names them. A merchant must be the case's merchant, a customer its owner.
const HANDLERS = ['agent', 'specialist', 'supervisor', 'admin'] as const satisfies readonly Role[];
const HANDLERS_MERCHANT: readonly Role[] = [...HANDLERS, 'merchant'];
/** What a merchant decides only while it holds the case; receiving, inspecting and its tasks stay its own. */
const MERCHANT_DECISIONS: ReadonlySet<CaseCommandType> = new Set([
  'acknowledge', 'start_investigation', 'request_evidence', 'reject_ineligible', 'approve_request', 'propose_plan', 'accept_counter_offer', 'notify_result',
]);
const HANDLERS_MERCHANT_SYSTEM: readonly Role[] = [...HANDLERS_MERCHANT, 'system'];
const HANDLERS_SYSTEM: readonly Role[] = [...HANDLERS, 'system'];
// A case in compliance's queue (SLA-9) is compliance's to see through: it tells the result and closes it.
const HANDLERS_MERCHANT_SYSTEM_COMPLIANCE: readonly Role[] = [...HANDLERS_MERCHANT_SYSTEM, 'compliance'];
const HANDLERS_SYSTEM_COMPLIANCE: readonly Role[] = [...HANDLERS_SYSTEM, 'compliance'];
const CUSTOMER: readonly Role[] = ['customer'];
const CUSTOMER_OR_HANDLER: readonly Role[] = ['customer', ...HANDLERS];
const APPROVERS: readonly Role[] = ['supervisor', 'admin'];
const COMPLIANCE_DECIDERS: readonly Role[] = ['compliance', 'supervisor', 'admin'];
const TASK_EXECUTORS: readonly Role[] = [...HANDLERS_MERCHANT, 'finance', 'system'];
const SYSTEM_ONLY: readonly Role[] = ['system'];

function forbiddenRole(role: Role, type: CaseCommandType): Refused {
  const r = ROLE_LABELS[role] ?? { 'zh-CN': String(role), 'en-US': String(role) };
  const c = CASE_COMMAND_LABELS[type];
  return { ok: false, code: 'forbidden_role', message: { 'zh-CN': `${r['zh-CN']}无权${c['zh-CN']}。`, 'en-US': `A ${r['en-US']} may not ${c['en-US']}.` } };
}

function authorize(actor: Actor, roles: readonly Role[], type: CaseCommandType): Refused | null {
  if (!roles.includes(actor.role)) {
    const key = `forbidden:${actor.role}:${type}`;
    return sharedRefusals.get(key) ?? share(key, forbiddenRole(actor.role, type));
  }
  if (actor.role === 'customer' && !actor.isOwner) return refuse('not_case_owner');
  if (actor.role === 'merchant' && !actor.isCaseMerchant) return refuse('not_case_merchant');
  if (actor.role === 'merchant' && !actor.merchantHolds && MERCHANT_DECISIONS.has(type)) return refuse('platform_handles');
  return null;
}

const filled = (text: string | undefined): boolean => typeof text === 'string' && text.trim().length > 0;
const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

/** The plans are compliance's to decide: the customer rejected the revisions SLA-9 allows. */
/** The plans are compliance's to decide: the customer rejected the revisions SLA-9 allows, or the case sits with compliance (escalated by a supervisor, or reopened after compliance's final word). */
const underReview = (s: CaseSnapshot): boolean => s.rejectedPlans >= MAX_REJECTED_PLANS || s.withCompliance;

/** Where an accepted plan (or counter-offer) leads: return first, else execution, else done. */
function afterAcceptance(returnRequired: boolean, openTasks: number): CaseState {
  if (returnRequired) return 'awaiting_return';
  return openTasks > 0 ? 'executing' : 'resolved';
}

// Module-level rather than closures inside decide: availableActions calls decide for every
// command type on every case answer.
function go(from: CaseState, to: CaseState, event: string, changes: SnapshotChanges = {}): Accepted {
  return { ok: true, from, to, event, changes };
}

function gate(from: CaseState, type: CaseCommandType, actor: Actor, states: readonly CaseState[], roles: readonly Role[]): Refused | null {
  return !states.includes(from) ? illegal(from, type) : authorize(actor, roles, type);
}

/**
 * Decide whether `command`, issued by `actor`, is accepted on a case in `snapshot`.
 * Checks run in a fixed order: state, then actor, then payload, then guards on the snapshot.
 */
export function decide(snapshot: CaseSnapshot, command: CaseCommand, actor: Actor): Decision {
  const decision = decideCommand(snapshot, command, actor);
  // Whichever command leads into execution, the case remembers it: no later state (compliance
  // review, a new plan, a reopen) makes it withdrawable again.
  if (decision.ok && !snapshot.executionStarted && EXECUTION_STATES.includes(decision.to)) {
    return { ...decision, changes: { ...decision.changes, executionStarted: true } };
  }
  return decision;
}

function decideCommand(snapshot: CaseSnapshot, command: CaseCommand, actor: Actor): Decision {
  const s = snapshot;
  const from = s.state;
  const type = command.type;

  switch (command.type) {
    case 'acknowledge':
      return gate(from, type, actor, ['submitted'], HANDLERS_MERCHANT_SYSTEM) ?? go(from, 'acknowledged', 'acknowledged');
    case 'start_investigation':
      return gate(from, type, actor, ['submitted', 'acknowledged'], HANDLERS_MERCHANT) ?? go(from, 'investigating', 'investigation_started');
    case 'request_evidence':
      return gate(from, type, actor, ['investigating'], HANDLERS_MERCHANT)
        ?? (filled(command.question) ? go(from, 'awaiting_customer', 'evidence_requested') : refuse('question_required'));
    case 'provide_evidence':
      return gate(from, type, actor, ['awaiting_customer'], CUSTOMER) ?? go(from, 'investigating', 'evidence_provided');
    case 'reject_ineligible':
      // A reopened case whose plan was carried out is about the result, not eligibility any more.
      return gate(from, type, actor, ['submitted', 'acknowledged', 'investigating', 'awaiting_customer'], HANDLERS_MERCHANT)
        ?? (s.executionStarted ? refuse('already_granted') : null)
        ?? (filled(command.reason) ? go(from, 'rejected', 'rejected_ineligible') : refuse('reason_required'));
    case 'approve_request': {
      // The system grants it when the merchant stays silent past the review clock.
      const refused = gate(from, type, actor, ['submitted', 'acknowledged', 'investigating'], HANDLERS_MERCHANT_SYSTEM);
      if (refused) return refused;
      // Complaints, questions and logistics problems have no request to grant as filed: they need a plan.
      if (!isApprovableAsFiled(s.kind)) return illegal(from, type);
      if (!filled(command.offerId)) return invalid('缺少报价编号。', 'The offer id is missing.');
      if (!isCount(command.openTasks)) return invalid('未完成任务数必须是非负整数。', 'The number of open tasks must be a whole number, zero or more.');
      return go(from, afterAcceptance(command.returnRequired, command.openTasks), 'request_approved');
    }
    case 'propose_plan': {
      // In compliance review (SLA-9) the legal-risk assessment decides the plan, not frontline,
      // and a plan it proposed is revised only by it too.
      const underCompliance = from === 'compliance_review' || ((from === 'plan_proposed' || from === 'investigating') && underReview(s));
      const roles: readonly Role[] = underCompliance ? COMPLIANCE_DECIDERS : HANDLERS_MERCHANT;
      // From plan_proposed: a plan the customer has not answered (or let expire) is replaced, not stranded.
      const refused = gate(from, type, actor, ['investigating', 'inspection_failed', 'compliance_review', 'plan_proposed'], roles);
      if (refused) return refused;
      if (!filled(command.offerId)) return invalid('方案缺少报价编号。', 'The plan has no offer id.');
      const changes: SnapshotChanges = { hasPendingCounterOffer: false };
      return command.needsApproval
        ? go(from, 'plan_pending_approval', 'plan_submitted_for_approval', changes)
        : go(from, 'plan_proposed', 'plan_proposed', changes);
    }
    case 'approve_plan': {
      const refused = gate(from, type, actor, ['plan_pending_approval'], APPROVERS);
      if (refused) return refused;
      // A counter-offer its handler accepted needs no answer from the customer who made it: approved, it is agreed.
      const accepts = command.accepts;
      if (!accepts) return go(from, 'plan_proposed', 'plan_approved');
      if (!isCount(accepts.openTasks)) return invalid('未完成任务数必须是非负整数。', 'The number of open tasks must be a whole number, zero or more.');
      return go(from, afterAcceptance(accepts.returnRequired, accepts.openTasks), 'counter_offer_accepted');
    }
    case 'decline_plan_approval':
      // A declined plan goes back to whoever drafts the next one: compliance, once it decides the plan.
      return gate(from, type, actor, ['plan_pending_approval'], APPROVERS)
        ?? (filled(command.reason) ? go(from, underReview(s) ? 'compliance_review' : 'investigating', 'plan_approval_declined') : refuse('reason_required'));
    case 'accept_plan':
    case 'accept_counter_offer': {
      const counter = command.type === 'accept_counter_offer';
      // A counter-offer that was the customer's third answer sent the case to compliance review:
      // there, compliance decides on it as on any plan.
      const refused = counter
        ? gate(from, type, actor, ['investigating', 'compliance_review'], from === 'compliance_review' || underReview(s) ? COMPLIANCE_DECIDERS : HANDLERS_MERCHANT)
        : gate(from, type, actor, ['plan_proposed'], CUSTOMER_OR_HANDLER);
      if (refused) return refused;
      if (!isCount(command.openTasks)) return invalid('未完成任务数必须是非负整数。', 'The number of open tasks must be a whole number, zero or more.');
      if (counter && !s.hasPendingCounterOffer) return refuse('no_pending_counter_offer');
      // RES-3: a handler's acceptance above the approval limit waits on a supervisor, as its plan would.
      if (counter && command.needsApproval) return go(from, 'plan_pending_approval', 'counter_offer_submitted_for_approval', { hasPendingCounterOffer: false });
      const to = afterAcceptance(command.returnRequired, command.openTasks);
      return counter
        ? go(from, to, 'counter_offer_accepted', { hasPendingCounterOffer: false })
        : go(from, to, 'plan_accepted');
    }
    case 'reject_plan':
    case 'counter_offer': {
      // Staff record a plan's answer the customer gave by phone, as they record an acceptance; a
      // counter-offer is the customer's own proposal.
      const refused = gate(from, type, actor, ['plan_proposed'], command.type === 'reject_plan' ? CUSTOMER_OR_HANDLER : CUSTOMER);
      if (refused) return refused;
      if (command.type === 'counter_offer' && !filled(command.offerId)) return invalid('还价方案缺少报价编号。', 'The counter-offer has no offer id.');
      if (!filled(command.reason)) return refuse('reason_required');
      const rejectedPlans = Math.min(MAX_REJECTED_PLANS, s.rejectedPlans + 1);
      const to: CaseState = rejectedPlans >= MAX_REJECTED_PLANS ? 'compliance_review' : 'investigating';
      const hasPendingCounterOffer = command.type === 'counter_offer';
      return go(from, to, hasPendingCounterOffer ? 'counter_offered' : 'plan_rejected', { rejectedPlans, hasPendingCounterOffer });
    }
    case 'ship_return': {
      // The customer enters it, or platform staff record what the customer gave them by phone.
      const refused = gate(from, type, actor, ['awaiting_return'], CUSTOMER_OR_HANDLER);
      if (refused) return refused;
      if (!filled(command.trackingNo) || !filled(command.carrier)) return invalid('请填写退货运单号和承运商。', 'The return needs a tracking number and a carrier.');
      return go(from, 'return_in_transit', 'return_shipped');
    }
    case 'receive_return':
      return gate(from, type, actor, ['awaiting_return', 'return_in_transit'], HANDLERS_MERCHANT_SYSTEM) ?? go(from, 'return_received', 'return_received');
    case 'inspect': {
      // The system passes the goods when the merchant leaves a delivered return unconfirmed too long.
      const refused = gate(from, type, actor, ['return_received'], HANDLERS_MERCHANT_SYSTEM);
      if (refused) return refused;
      if (!isCount(command.photoCount) || !isCount(command.openTasks)) return invalid('照片数和任务数必须是非负整数。', 'Photo and task counts must be whole numbers, zero or more.');
      if (command.passed) return go(from, command.openTasks > 0 ? 'executing' : 'resolved', 'inspection_passed');
      // The merchant has the goods in hand, also on a case the platform decides (ORG-3): it records
      // what it found, with photos, and the platform holder decides what follows (a new plan, the result).
      if (!filled(command.reason)) return refuse('reason_required');
      if (command.photoCount < 1) return refuse('photos_required');
      return go(from, 'inspection_failed', 'inspection_failed');
    }
    case 'complete_task': {
      const refused = gate(from, type, actor, ['executing'], TASK_EXECUTORS);
      if (refused) return refused;
      if (!filled(command.taskId)) return invalid('缺少任务编号。', 'The task id is missing.');
      if (!isCount(command.remainingOpenTasks)) return invalid('剩余任务数必须是非负整数。', 'Remaining tasks must be a whole number, zero or more.');
      return go(from, command.remainingOpenTasks > 0 ? 'executing' : 'resolved', 'task_completed');
    }
    case 'notify_result': {
      // From compliance review: compliance's final word in writing (CL-4), where the customer's
      // demand goes beyond what the law and the policy give; the customer may still reopen.
      // Otherwise whoever handles the case tells the result: compliance too, on a case it holds.
      // A question (consultation, tech support) is settled by its answer: no plan to carry out first.
      const answerable = ANSWERED_KINDS.has(s.kind) ? QUESTION_ANSWER_STATES : [];
      const refused = from === 'compliance_review'
        ? gate(from, type, actor, ['compliance_review'], COMPLIANCE_DECIDERS)
        : gate(from, type, actor, ['resolved', 'inspection_failed', ...answerable], s.withCompliance ? HANDLERS_MERCHANT_SYSTEM_COMPLIANCE : HANDLERS_MERCHANT_SYSTEM);
      if (refused) return refused;
      if (!CHANNELS.includes(command.channel)) return invalid('不支持的通知渠道。', 'Unknown notification channel.');
      return go(from, 'result_notified', 'result_notified', { resultNotified: true });
    }
    case 'confirm_resolution':
    case 'close': {
      // CL-5 holds for every way into `closed`, the customer's own confirmation included.
      const confirm = command.type === 'confirm_resolution';
      const refused = confirm
        ? gate(from, type, actor, ['result_notified'], CUSTOMER)
        : gate(from, type, actor, OPEN_STATES, s.withCompliance ? HANDLERS_SYSTEM_COMPLIANCE : HANDLERS_SYSTEM);
      if (refused) return refused;
      if (confirm && command.rating !== undefined && !(Number.isInteger(command.rating) && command.rating >= 1 && command.rating <= 5)) {
        return invalid('评分须为 1 到 5 的整数。', 'The rating must be a whole number from 1 to 5.');
      }
      if (from !== 'result_notified' || !s.resultNotified) return refuse('close_blocked_unnotified');
      // The customer confirming the problem solved settles their own open question; staff may not close over it.
      if (confirm) return go(from, 'closed', 'resolution_confirmed', s.unansweredCustomerMessages > 0 ? { unansweredCustomerMessages: 0 } : {});
      if (s.unansweredCustomerMessages > 0) return refuse('close_blocked_unanswered');
      return go(from, 'closed', 'case_closed');
    }
    case 'reopen': {
      const refused = gate(from, type, actor, ['result_notified', 'closed'], CUSTOMER_OR_HANDLER);
      if (refused) return refused;
      if (!filled(command.reason)) return refuse('reason_required');
      if (from === 'closed' && !s.reopenWindowOpen) return refuse('reopen_window_closed');
      // A reopened case negotiates afresh: the plans rejected before were about a result the customer
      // had accepted, so its first rejection now does not go straight to compliance.
      return go(from, 'investigating', 'case_reopened', { reopenCount: s.reopenCount + 1, resultNotified: false, hasPendingCounterOffer: false, rejectedPlans: 0 });
    }
    case 'appeal': {
      // 平台介入 (ORG-3): a refusal the merchant made is not the last word; within the reopen window
      // the customer (or staff for them) brings the platform in, and the case is investigated again.
      // Nor is the result the merchant told: the customer disputes it with the platform rather than
      // reopening it to the same merchant, and the platform handles it afresh as a reopen would
      // (its plan owed, the merchant's rejected plans no longer counting towards SLA-9's limit).
      const refused = gate(from, type, actor, ['rejected', 'result_notified'], CUSTOMER_OR_HANDLER);
      if (refused) return refused;
      if (!actor.merchantHolds) return refuse(from === 'rejected' ? 'not_merchant_refusal' : 'not_merchant_result');
      if (from === 'rejected' && !s.reopenWindowOpen) return refuse('appeal_window_closed');
      if (!filled(command.reason)) return refuse('reason_required');
      return from === 'result_notified'
        ? go(from, 'investigating', 'platform_intervention', { resultNotified: false, hasPendingCounterOffer: false, rejectedPlans: 0 })
        : go(from, 'investigating', 'platform_intervention');
    }
    case 'withdraw': {
      // Withdrawing (or merging) once goods or money have moved would strand them: before execution only.
      const refused = gate(from, type, actor, PRE_EXECUTION_STATES, CUSTOMER);
      if (refused) return refused;
      return s.executionStarted ? refuse('execution_started') : go(from, 'withdrawn', 'case_withdrawn');
    }
    case 'merge_into': {
      const refused = gate(from, type, actor, PRE_EXECUTION_STATES, HANDLERS);
      if (refused) return refused;
      if (!filled(command.targetCaseId)) return invalid('请指定要合并到的售后单。', 'Name the case to merge into.');
      if (command.targetCaseId === s.id) return refuse('merge_into_self');
      if (s.executionStarted) return refuse('execution_started');
      return go(from, 'merged', 'case_merged');
    }
    case 'archive': {
      const refused = gate(from, type, actor, ['closed', 'rejected', 'withdrawn'], HANDLERS_SYSTEM);
      if (refused) return refused;
      // CL-3 before CL-6: archiving a closed case would take away the customer's right to reopen it.
      if (from === 'closed' && s.reopenWindowOpen) return refuse('reopen_window_open');
      // Nor may a merchant's refusal be archived while the customer may still appeal it.
      if (from === 'rejected' && actor.merchantHolds && s.reopenWindowOpen) return refuse('reopen_window_open');
      return go(from, 'archived', 'case_archived');
    }
    case 'escalate_to_compliance': {
      const refused = gate(from, type, actor, OPEN_STATES.filter((st) => st !== 'compliance_review'), ['supervisor']);
      if (refused) return refused;
      return filled(command.reason) ? go(from, 'compliance_review', 'escalated_to_compliance') : refuse('reason_required');
    }
    case 'lapse_return':
      return gate(from, type, actor, ['awaiting_return'], SYSTEM_ONLY) ?? go(from, 'result_notified', 'return_lapsed', { resultNotified: true });
    case 'lapse_evidence_request':
      return gate(from, type, actor, ['awaiting_customer'], SYSTEM_ONLY) ?? go(from, 'investigating', 'evidence_request_lapsed');
    case 'lapse_plan':
      return gate(from, type, actor, ['plan_proposed'], SYSTEM_ONLY) ?? go(from, underReview(s) ? 'compliance_review' : 'investigating', 'plan_expired');
    default: {
      const unknown: never = command; // commands arrive from outside: refuse, never throw
      const name = String((unknown as { type?: unknown }).type);
      return { ok: false, code: 'illegal_transition', message: { 'zh-CN': `未知的操作「${name}」。`, 'en-US': `Unknown command "${name}".` } };
    }
  }
}

/** One payload per command type that passes every payload check, so acceptance hinges on state, actor and guards. */
function witness(type: CaseCommandType, s: CaseSnapshot): CaseCommand {
  switch (type) {
    case 'acknowledge': case 'start_investigation': case 'provide_evidence': case 'approve_plan':
    case 'receive_return': case 'close': case 'archive': case 'lapse_return': case 'lapse_evidence_request': case 'lapse_plan':
      return { type };
    case 'request_evidence': return { type, question: '?' };
    case 'reject_ineligible': case 'decline_plan_approval': case 'reject_plan': case 'reopen': case 'appeal':
    case 'escalate_to_compliance':
      return { type, reason: '-' };
    case 'propose_plan': return { type, offerId: 'offer', needsApproval: false };
    case 'approve_request': return { type, offerId: 'offer', returnRequired: false, openTasks: 0 };
    case 'accept_plan': case 'accept_counter_offer': return { type, returnRequired: false, openTasks: 0 };
    case 'counter_offer': return { type, offerId: 'offer', reason: '-' };
    case 'ship_return': return { type, trackingNo: '-', carrier: '-' };
    case 'inspect': return { type, passed: true, reason: '', photoCount: 0, openTasks: 1 };
    case 'complete_task': return { type, taskId: 'task', remainingOpenTasks: 0 };
    case 'notify_result': return { type, channel: 'web' };
    case 'confirm_resolution': return { type };
    case 'withdraw': return { type };
    case 'merge_into': return { type, targetCaseId: `${s.id}#other` };
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** Exactly the command types for which some valid payload would be accepted from this actor now. */
export function availableActions(snapshot: CaseSnapshot, actor: Actor): CaseCommandType[] {
  return CASE_COMMAND_TYPES.filter((type) => decide(snapshot, witness(type, snapshot), actor).ok);
}
