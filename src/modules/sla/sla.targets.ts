// SLA targets as data (SLA-1..15): what is promised, to whom, in natural or working time, what
// pauses it, when to warn and what to do on breach. Defaults are the SPEC numbers; admins edit
// them through the API. Pure: matching a case to its target is a function of the case's facts.
import type { CaseKind, LocalizedText } from '../../shared/vocabulary.ts';
import type { Duration, DurationUnit } from './calendar.ts';

export const SLA_METRICS = [
  'first_response',
  'acknowledgement',
  'follow_up',
  'plan_due',
  'staged_feedback',
  'collaboration_reply',
  'frontline_escalation',
  'reinvestigation',
  'compliance_review',
  'second_handling',
  'refund_after_receipt',
  'task_deadline',
  // Obligation clocks: a party's move, with an automatic outcome when they do not make it.
  'merchant_review',
  'customer_ship_return',
  'merchant_confirm_receipt',
  'merchant_inspection',
  'customer_evidence',
  'plan_answer',
  'customer_confirmation',
  // CL-1, CL-5: a case carried out is not left without its result.
  'result_notice',
] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const SLA_METRIC_LABELS: Record<SlaMetric, LocalizedText> = {
  first_response: { 'zh-CN': '首次响应', 'en-US': 'First response' },
  acknowledgement: { 'zh-CN': '受理确认', 'en-US': 'Acknowledgement' },
  follow_up: { 'zh-CN': '跟进反馈', 'en-US': 'Follow-up' },
  plan_due: { 'zh-CN': '给出方案', 'en-US': 'Plan due' },
  staged_feedback: { 'zh-CN': '阶段性反馈', 'en-US': 'Staged feedback' },
  collaboration_reply: { 'zh-CN': '协同部门答复', 'en-US': 'Collaboration reply' },
  frontline_escalation: { 'zh-CN': '一线升级', 'en-US': 'Frontline escalation' },
  reinvestigation: { 'zh-CN': '方案被拒后重新核查', 'en-US': 'Re-investigation after rejection' },
  compliance_review: { 'zh-CN': '合规评估', 'en-US': 'Compliance review' },
  second_handling: { 'zh-CN': '不满意二次处理', 'en-US': 'Second handling' },
  refund_after_receipt: { 'zh-CN': '收货后退款/换新', 'en-US': 'Refund or replacement after receipt' },
  task_deadline: { 'zh-CN': '执行任务', 'en-US': 'Execution task' },
  merchant_review: { 'zh-CN': '商家审核申请', 'en-US': 'Merchant reviews the request' },
  customer_ship_return: { 'zh-CN': '买家寄回商品', 'en-US': 'Customer ships the return' },
  merchant_confirm_receipt: { 'zh-CN': '商家确认收货', 'en-US': 'Merchant confirms receipt' },
  merchant_inspection: { 'zh-CN': '商家验货', 'en-US': 'Merchant inspects the return' },
  customer_evidence: { 'zh-CN': '买家补充凭证', 'en-US': 'Customer provides evidence' },
  plan_answer: { 'zh-CN': '买家答复方案', 'en-US': 'Customer answers the plan' },
  customer_confirmation: { 'zh-CN': '买家确认结果', 'en-US': 'Customer confirms the result' },
  result_notice: { 'zh-CN': '告知处理结果', 'en-US': 'Result told' },
};

export const SLA_PARTIES = ['platform', 'merchant', 'customer', 'department'] as const;
export type SlaParty = (typeof SLA_PARTIES)[number];

export const BREACH_ACTIONS = ['notify_owner', 'notify_supervisor', 'escalate_severity', 'reassign'] as const;
export type BreachAction = (typeof BREACH_ACTIONS)[number];

/** What the system does itself when an obligation clock runs out. */
export const AUTO_OUTCOMES = [
  'approve_request',
  'close_unshipped_return',
  'confirm_receipt_and_refund',
  'pass_inspection_and_refund',
  'decide_without_evidence',
  'expire_plan',
  'close_unconfirmed',
  'notify_result',
] as const;
export type AutoOutcome = (typeof AUTO_OUTCOMES)[number];

export interface TargetMatch {
  channel: string | null;
  kind: string | null;
  category: string | null;
  severity: string | null;
  tier: string | null;
  merchantId: string | null;
}

export interface SlaTarget {
  id: string;
  version: number;
  metric: SlaMetric;
  match: TargetMatch;
  duration: Duration;
  warnBeforeMinutes: number;
  pauseStates: string[];
  breachActions: BreachAction[];
  reassignQueue: string | null;
  party: SlaParty;
  autoOutcome: AutoOutcome | null;
  calendarId: string | null;
  active: boolean;
}

/** The facts of a case that targets are keyed by. */
export interface CaseKey {
  channel: string;
  kind: CaseKind;
  category: string | null;
  severity: string;
  tier: string | null;
  merchantId: string | null;
}

// Merchant first: a merchant-specific target beats any platform-wide one, then severity, kind…
const WEIGHTS: Record<keyof TargetMatch, number> = { merchantId: 32, severity: 16, kind: 8, category: 4, channel: 2, tier: 1 };
const CASE_FIELD: Record<keyof TargetMatch, keyof CaseKey> = {
  merchantId: 'merchantId', severity: 'severity', kind: 'kind', category: 'category', channel: 'channel', tier: 'tier',
};

function specificity(match: TargetMatch): number {
  let score = 0;
  for (const field of Object.keys(WEIGHTS) as (keyof TargetMatch)[]) if (match[field] !== null) score += WEIGHTS[field];
  return score;
}

export function targetMatches(target: SlaTarget, key: CaseKey): boolean {
  if (!target.active) return false;
  for (const field of Object.keys(WEIGHTS) as (keyof TargetMatch)[]) {
    const wanted = target.match[field];
    if (wanted !== null && wanted !== key[CASE_FIELD[field]]) return false;
  }
  return true;
}

/** The most specific active target for the metric, or null when the metric does not apply. */
export function bestTarget(targets: readonly SlaTarget[], metric: SlaMetric, key: CaseKey): SlaTarget | null {
  let best: SlaTarget | null = null;
  let bestScore = -1;
  for (const target of targets) {
    if (target.metric !== metric || !targetMatches(target, key)) continue;
    const score = specificity(target.match);
    // Ties go to the lower id so the choice never depends on load order.
    if (score > bestScore || (score === bestScore && best !== null && target.id < best.id)) {
      best = target;
      bestScore = score;
    }
  }
  return best;
}

/** Whether any target keys on the customer's tier: only then does a command need to read it. */
export function usesTier(targets: readonly SlaTarget[]): boolean {
  return targets.some((t) => t.active && t.match.tier !== null);
}

// ---- Defaults: the SPEC numbers ----

export type TargetDefinition = Omit<SlaTarget, 'id' | 'version' | 'calendarId' | 'active' | 'match'> & { match: Partial<TargetMatch> };

const d = (amount: number, unit: DurationUnit): Duration => ({ amount, unit });
const CUSTOMER_WAIT = ['awaiting_customer'];
const NOTIFY = ['notify_owner', 'notify_supervisor'] as BreachAction[];

function def(
  metric: SlaMetric,
  duration: Duration,
  options: Partial<Omit<TargetDefinition, 'metric' | 'duration'>> = {},
): TargetDefinition {
  return {
    metric,
    duration,
    match: options.match ?? {},
    warnBeforeMinutes: options.warnBeforeMinutes ?? 0,
    pauseStates: options.pauseStates ?? [],
    breachActions: options.breachActions ?? NOTIFY,
    reassignQueue: options.reassignQueue ?? null,
    party: options.party ?? 'platform',
    autoOutcome: options.autoOutcome ?? null,
  };
}

export const DEFAULT_TARGETS: readonly TargetDefinition[] = [
  // SLA-1..4: first response by channel.
  def('first_response', d(3, 'minutes'), { match: { channel: 'chat' }, warnBeforeMinutes: 1 }),
  def('first_response', d(3, 'minutes'), { match: { channel: 'chatbot' }, warnBeforeMinutes: 1 }),
  def('first_response', d(1, 'minutes'), { match: { channel: 'phone' } }),
  def('first_response', d(2, 'hours'), { match: { channel: 'email' }, warnBeforeMinutes: 30 }),
  def('first_response', d(48, 'hours'), { match: { channel: 'email', kind: 'tech_support' }, warnBeforeMinutes: 240 }),
  def('first_response', d(24, 'hours'), { match: { channel: 'forum' }, warnBeforeMinutes: 120 }),
  def('first_response', d(30, 'minutes'), { match: { channel: 'social' }, warnBeforeMinutes: 10 }),
  def('first_response', d(2, 'hours'), { warnBeforeMinutes: 30 }),
  // SLA-5: a complaint is acknowledged within 1 natural hour; follow-up promised by type.
  def('acknowledgement', d(1, 'hours'), { match: { kind: 'complaint' }, warnBeforeMinutes: 15 }),
  def('acknowledgement', d(1, 'hours'), { match: { kind: 'logistics_exception' }, warnBeforeMinutes: 15 }),
  def('follow_up', d(2, 'hours'), { match: { kind: 'complaint', category: 'logistics' }, warnBeforeMinutes: 30 }),
  def('follow_up', d(4, 'hours'), { match: { kind: 'complaint', category: 'product_quality' }, warnBeforeMinutes: 60 }),
  def('follow_up', d(2, 'hours'), { match: { kind: 'logistics_exception' }, warnBeforeMinutes: 30 }),
  // SLA-6: a plan within 24 h; complex (L1/L2) cases get staged feedback every 3 working days.
  def('plan_due', d(24, 'hours'), { warnBeforeMinutes: 240, pauseStates: CUSTOMER_WAIT }),
  def('staged_feedback', d(3, 'working_days'), { match: { severity: 'L1' }, warnBeforeMinutes: 240, pauseStates: CUSTOMER_WAIT }),
  def('staged_feedback', d(3, 'working_days'), { match: { severity: 'L2' }, warnBeforeMinutes: 240, pauseStates: CUSTOMER_WAIT }),
  // SLA-7: a department answers a collaboration request within 2 h.
  def('collaboration_reply', d(2, 'hours'), { party: 'department', warnBeforeMinutes: 30 }),
  // SLA-8: an L3 case frontline cannot resolve goes up within 2 h.
  def('frontline_escalation', d(2, 'hours'), {
    match: { severity: 'L3' },
    warnBeforeMinutes: 30,
    pauseStates: CUSTOMER_WAIT,
    breachActions: ['escalate_severity', 'reassign', 'notify_supervisor'],
    reassignQueue: 'specialists',
  }),
  // SLA-9, SLA-11.
  def('reinvestigation', d(1, 'hours'), { warnBeforeMinutes: 15 }),
  // SLA-9 with S4 §二(三): after the second rejected revision compliance assesses the legal risk,
  // answering as a collaborating group does, within 2 h; a silent review goes to the supervisor.
  def('compliance_review', d(2, 'hours'), { warnBeforeMinutes: 30 }),
  def('second_handling', d(2, 'hours'), { warnBeforeMinutes: 30 }),
  // SLA-12: refund or replacement within 3 working days after the return arrives.
  def('refund_after_receipt', d(3, 'working_days'), { warnBeforeMinutes: 240 }),
  // SLA-10: every execution task has a deadline; its owner is reminded 1 h before.
  def('task_deadline', d(2, 'working_days'), { warnBeforeMinutes: 60, breachActions: ['notify_owner', 'notify_supervisor'] }),
  // Obligation clocks with automatic outcomes (as marketplaces run them).
  def('merchant_review', d(48, 'hours'), {
    party: 'merchant', warnBeforeMinutes: 12 * 60, pauseStates: CUSTOMER_WAIT, breachActions: [], autoOutcome: 'approve_request',
  }),
  def('customer_ship_return', d(7, 'days'), {
    party: 'customer', warnBeforeMinutes: 24 * 60, breachActions: [], autoOutcome: 'close_unshipped_return',
  }),
  // Confirming for a silent merchant refunds at once: before the 3 working days of refund_after_receipt run out.
  def('merchant_confirm_receipt', d(2, 'working_days'), {
    party: 'merchant', warnBeforeMinutes: 8 * 60, breachActions: [], autoOutcome: 'confirm_receipt_and_refund',
  }),
  // A merchant who confirmed the return but does not inspect it cannot hold the refund past the law.
  def('merchant_inspection', d(2, 'working_days'), {
    party: 'merchant', warnBeforeMinutes: 8 * 60, breachActions: [], autoOutcome: 'pass_inspection_and_refund',
  }),
  def('customer_evidence', d(3, 'days'), {
    party: 'customer', warnBeforeMinutes: 24 * 60, breachActions: [], autoOutcome: 'decide_without_evidence',
  }),
  // A plan's answer window is the plan's own (expiresInHours); the target gives the warning and the outcome.
  def('plan_answer', d(72, 'hours'), {
    party: 'customer', warnBeforeMinutes: 12 * 60, breachActions: [], autoOutcome: 'expire_plan',
  }),
  // CL-3: told the result, the customer confirms it, reopens or asks; silence for 7 days closes
  // the case as accepted (recorded as such), the 15-day reopen window then runs from the close.
  def('customer_confirmation', d(7, 'days'), {
    party: 'customer', warnBeforeMinutes: 24 * 60, breachActions: [], autoOutcome: 'close_unconfirmed',
  }),
  // CL-1, CL-5: once the plan is carried out the holder tells the result (the merchant while it
  // holds the case); one who stays silent is reported to itself, and the system tells the result
  // as carried out, so the customer can confirm it, reopen it or bring the platform in.
  def('result_notice', d(24, 'working_hours'), {
    warnBeforeMinutes: 4 * 60, breachActions: ['notify_owner'], autoOutcome: 'notify_result',
  }),
];

export function fullMatch(partial: Partial<TargetMatch>): TargetMatch {
  return {
    channel: partial.channel ?? null,
    kind: partial.kind ?? null,
    category: partial.category ?? null,
    severity: partial.severity ?? null,
    tier: partial.tier ?? null,
    merchantId: partial.merchantId ?? null,
  };
}
