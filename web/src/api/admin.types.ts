// Shapes of the admin endpoints' answers, written from src/modules/{policy,sla,routing,replies,kb}
// routes and presenters, and the vocabularies their forms choose from.
import type { LocalizedText } from '../i18n/index.ts';

export interface PageOf<T> {
  items: T[];
  total: number;
}

// ---- Policies (src/modules/policy/policy.rules.ts) ----

export const PRODUCT_FLAGS = ['custom_made', 'intimate_apparel', 'perishable', 'cosmetics', 'digital', 'opened_software', 'periodical', 'warranty_goods'] as const;

export interface PolicyRules {
  noReasonReturn: {
    enabled: boolean;
    days: number;
    startsAt: 'sign_off' | 'receipt_confirmed';
    excludedFlags: string[];
    excludedCategories: string[];
    buyerPaysShipping: boolean;
  };
  noReasonExchange: { enabled: boolean; days: number };
  qualityReturn: { days: number };
  qualityExchange: { days: number };
  notAsDescribed: { days: number };
  logisticsClaim: { days: number };
  repair: { warrantyFallbackMonths: number; failedRepairsBeforeReplacement: number };
  reship: { days: number };
  priceProtection: { enabled: boolean; days: number };
  refund: { withinDays: number; dayType: 'working' | 'natural' };
  freeReturnShipping: boolean;
  fraudCompensation: { multiplier: number; minimumFen: number };
  /** Platform policies only: goodwill above the threshold needs a supervisor's approval (RES-3); above
   * excessiveMultiple times the goods' value it is excessive (RES-7; absent in older versions). */
  goodwill?: { approvalThresholdFen: number; excessiveMultiple?: number };
  /** Platform policies only: which version governs an order (POL-10). */
  versionBasis?: 'order_placed' | 'delivered';
}

export interface PolicyVersion {
  id: string;
  scope: 'platform' | 'merchant';
  merchantId: string | null;
  version: number;
  effectiveFrom: string;
  rules: PolicyRules;
  createdAt?: string;
  createdBy?: { userId: string; displayName: string; role: string } | null;
}

export interface PolicyInForce {
  policy: PolicyVersion | null;
  isMerchantPolicy?: boolean;
  rules: PolicyRules;
  violationsOfBaseline?: PolicyViolation[];
}

export interface PolicyViolation {
  path: string;
  text: LocalizedText;
}

export interface PolicyCheck {
  acceptable: boolean;
  lawViolations: PolicyViolation[];
  baselineViolations: PolicyViolation[];
}

export interface MerchantListing {
  id: string;
  name: string;
  platformOperated: boolean;
  latestVersion: number | null;
  latestPublishedAt: string | null;
}

// ---- SLA (src/modules/sla/sla.targets.ts, calendar.ts) ----

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'working_hours', 'working_days'] as const;
export const BREACH_ACTIONS = ['notify_owner', 'notify_supervisor', 'escalate_severity', 'reassign'] as const;
export const SLA_PARTIES = ['platform', 'merchant', 'customer', 'department'] as const;
export const AUTO_OUTCOMES = [
  'approve_request', 'close_unshipped_return', 'confirm_receipt_and_refund', 'pass_inspection_and_refund', 'decide_without_evidence', 'expire_plan',
  'close_unconfirmed', 'notify_result',
] as const;
/** Each automatic outcome belongs to one obligation clock (src/modules/sla/sla.routes.ts). */
export const OUTCOME_METRIC: Record<(typeof AUTO_OUTCOMES)[number], string> = {
  approve_request: 'merchant_review',
  close_unshipped_return: 'customer_ship_return',
  confirm_receipt_and_refund: 'merchant_confirm_receipt',
  pass_inspection_and_refund: 'merchant_inspection',
  expire_plan: 'plan_answer',
  decide_without_evidence: 'customer_evidence',
  close_unconfirmed: 'customer_confirmation',
  notify_result: 'result_notice',
};
export const MEMBERSHIP_TIERS = ['regular', 'silver', 'gold', 'platinum'] as const;

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
  metric: string;
  metricLabel: LocalizedText;
  match: TargetMatch;
  duration: { amount: number; unit: string };
  warnBeforeMinutes: number;
  pauseStates: string[];
  breachActions: string[];
  reassignQueue: string | null;
  party: string;
  autoOutcome: string | null;
  calendarId: string | null;
  active: boolean;
}

export type SlaTargetInput = Omit<SlaTarget, 'id' | 'version' | 'metricLabel'>;

export interface CalendarSpec {
  timeZone: string;
  workingHours: { start: string; end: string }[];
  chineseHolidays: boolean;
  closures: string[];
  extraWorkingDays: string[];
}

export interface BusinessCalendar {
  id: string;
  name: string;
  spec: CalendarSpec;
  isDefault: boolean;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday' | 'closure' | 'extra_workday';

export interface CalendarDay {
  date: string;
  working: boolean;
  kind: DayKind;
  name?: string;
  nameEn?: string;
}

export interface CalendarDays {
  calendar: string;
  days: CalendarDay[];
  holidayDataMissing: number[];
}

// ---- Routing (src/modules/routing/routing.rules.ts, routing.schemas.ts) ----

export const CASE_SKILL_SOURCES = ['category', 'kind', 'language', 'productCategory'] as const;
export const QUEUE_ROLES = ['agent', 'specialist', 'supervisor', 'compliance', 'finance', 'admin', 'merchant'] as const;
export const UI_LANGUAGES = ['zh-CN', 'en-US'] as const;

export interface RuleConditions {
  severity?: string[];
  kind?: string[];
  category?: string[];
  channel?: string[];
  productCategory?: string[];
  merchantId?: string[];
  merchantPlatformOperated?: boolean;
  customerTier?: string[];
  language?: string[];
  platformIntervention?: boolean;
}

export interface SkillNeeds {
  categories: string[];
  kinds: string[];
  languages: string[];
  productCategories: string[];
  senior: boolean;
}

export interface RoutingRule {
  key: string;
  name: LocalizedText;
  active: boolean;
  conditions: RuleConditions;
  actions: { queue: string; requiredSkills: SkillNeeds; skillsFromCase: string[]; notifyRoles: string[]; assign: boolean };
}

export interface RoutingRules {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  items: RoutingRule[];
}

export interface Queue {
  key: string;
  name: LocalizedText;
  role: string;
  active: boolean;
}

export interface AgentProfile {
  userId: string;
  displayName: string;
  role: string;
  skills: { categories: string[]; kinds: string[]; languages: string[]; productCategories: string[] };
  maxOpenCases: number;
  available: boolean;
  /** false: the user is deactivated and takes no case (shown unavailable). */
  active: boolean;
  senior: boolean;
  openCases: number;
  /** false: staff without a profile yet, shown with the defaults; saving gives them one. */
  hasProfile: boolean;
}

export interface RoutingFactsInput {
  severity: string;
  kind: string;
  category: string | null;
  channel: string;
  productCategories: string[];
  merchantId: string | null;
  customerTier: string | null;
  language: string | null;
  platformIntervention: boolean;
}

export interface RuleEvaluation {
  rule: string;
  name: LocalizedText;
  active: boolean;
  matched: boolean;
  checks: { condition: string; matched: boolean; text: LocalizedText }[];
}

export interface RoutingExplanation {
  decision: {
    queue: string;
    queueName: LocalizedText | null;
    rule: string | null;
    assign: boolean;
    notifyRoles: string[];
    requiredSkills: SkillNeeds;
    reasons: { rule: string; text: LocalizedText }[];
    assigneeId?: string | null;
  };
  rules: RuleEvaluation[];
  rulesVersion: number | null;
  draft: boolean;
}

// ---- Reply templates (src/modules/replies) ----

export const REPLY_VARIABLES = ['customerName', 'orderNo', 'caseNo', 'dueAt', 'productName', 'refundAmount'] as const;

export interface ReplyTemplate {
  id: string;
  slug: string | null;
  name: string;
  locale: 'zh-CN' | 'en-US';
  category: string | null;
  kind: string | null;
  state: string | null;
  severity: string | null;
  body: string;
  active: boolean;
  version: number;
  variables: string[];
  unknownVariables: string[];
  createdAt: string;
  updatedAt: string;
}

export type ReplyTemplateInput = Pick<ReplyTemplate, 'name' | 'locale' | 'category' | 'kind' | 'state' | 'severity' | 'body' | 'active'>;

export interface TemplatePreview {
  text: string;
  filled: string[];
  missing: string[];
  unknown: string[];
  variables: string[];
  values: Record<string, string | null>;
  source: 'sample' | 'case';
  wordingFlags: { phrase: string; alternative: LocalizedText }[];
}

// ---- Knowledge base (src/modules/kb/kb.routes.ts) ----

export const KB_STATUSES = ['draft', 'published', 'archived'] as const;

export interface KbArticleInput {
  slug: string;
  locale: 'zh-CN' | 'en-US';
  category: string;
  title: string;
  body: string;
  tags: string[];
}

export interface KbVersion extends KbArticleInput {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName: string | null;
}
