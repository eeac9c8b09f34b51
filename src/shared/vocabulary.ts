// The words of the domain, shared by every module (SPEC "Words used throughout").
// Each list is the single source: types, schemas and database CHECK constraints follow it.

export const CASE_KINDS = [
  'consultation',
  'return_refund',
  'refund_only',
  'exchange',
  'repair',
  'reship',
  'price_protection',
  'complaint',
  'logistics_exception',
  'tech_support',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Why the customer asks: decides the policy path (POL-2, POL-4). */
export const REQUEST_REASONS = ['quality', 'no_reason', 'not_as_described', 'logistics'] as const;
export type RequestReason = (typeof REQUEST_REASONS)[number];

export const ROLES = [
  'customer',
  'agent',
  'specialist',
  'supervisor',
  'compliance',
  'merchant',
  'finance',
  'department', // a collaborating department's staff (ORG-2): sees and answers requests to it, runs no case commands
  'admin',
  'system',
] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['agent', 'specialist', 'supervisor', 'compliance', 'finance', 'admin'] as const satisfies readonly Role[];

/** Departments a case handler can ask for help (ORG-2, SLA-7, TR-3); a 'department' user belongs to one. */
export const DEPARTMENTS = ['supply_chain', 'logistics', 'finance', 'legal', 'pr', 'compliance'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const DEPARTMENT_LABELS: Record<Department, LocalizedText> = {
  supply_chain: { 'zh-CN': '供应链', 'en-US': 'Supply chain' },
  logistics: { 'zh-CN': '物流', 'en-US': 'Logistics' },
  finance: { 'zh-CN': '财务', 'en-US': 'Finance' },
  legal: { 'zh-CN': '法务', 'en-US': 'Legal' },
  pr: { 'zh-CN': '公关', 'en-US': 'Public relations' },
  compliance: { 'zh-CN': '合规', 'en-US': 'Compliance' },
};

/** Responsibility finding (判责, VER-5): decides who bears each cost. */
export const RESPONSIBILITIES = [
  'quality_defect',
  'packaging',
  'logistics_damage',
  'customer_misuse',
  'not_as_described',
  'merchant_error',
  'platform_error',
  'no_fault',
] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

/** Who can bear a cost on the case ledger. */
export const PARTIES = ['merchant', 'platform', 'carrier', 'customer', 'insurer'] as const;
export type Party = (typeof PARTIES)[number];

export const CHANNELS = [
  'web',
  'app',
  'mini_program',
  'chat',
  'phone',
  'email',
  'sms',
  'social',
  'forum',
  'chatbot',
  'qr_card',
  'api',
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Where a customer signed in to Afterdesk can be writing from (the chat widget included). Phone,
 * email, SMS, social posts, forums and the shop system's API are recorded by staff, the mail
 * intake or the integration: a customer naming them would put their case on another channel's
 * clock (a phone call's minute) and skew the per-channel figures (SLA-13).
 */
export const SELF_SERVICE_CHANNELS: readonly Channel[] = ['web', 'app', 'mini_program', 'qr_card', 'chatbot', 'chat'];

export const MEMBERSHIP_TIERS = ['regular', 'silver', 'gold', 'platinum'] as const;
export type MembershipTier = (typeof MEMBERSHIP_TIERS)[number];

export const SEVERITIES = ['L1', 'L2', 'L3'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Product flags that matter to after-sales rules (POL-3 exclusions and warranty goods). */
export const PRODUCT_FLAGS = [
  'custom_made',
  'intimate_apparel',
  'perishable',
  'cosmetics',
  'digital',
  'opened_software',
  'periodical', // 交付的报纸、期刊: excluded from no-reason return by 消保法 第二十五条
  'warranty_goods', // 三包 goods: the repair/exchange/return ladder applies
] as const;
export type ProductFlag = (typeof PRODUCT_FLAGS)[number];

/** zh-CN and en-US text for anything a person reads. */
export interface LocalizedText {
  'zh-CN': string;
  'en-US': string;
}
