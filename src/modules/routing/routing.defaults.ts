// The queues and routing rules an empty installation starts with (TR-3, ORG-3). Admins change
// them through /api/v1/routing; these are written once, when the tables are empty.
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { noSkills, type RoutingRule, type RuleActions } from './routing.rules.ts';

export interface QueueDefinition {
  key: string;
  name: LocalizedText;
  role: string;
}

export const DEFAULT_QUEUES: readonly QueueDefinition[] = [
  { key: 'frontline', name: { 'zh-CN': '一线客服', 'en-US': 'Frontline' }, role: 'agent' },
  { key: 'specialists', name: { 'zh-CN': '售后/维权专员', 'en-US': 'Specialists' }, role: 'specialist' },
  { key: 'supervisors', name: { 'zh-CN': '售后主管', 'en-US': 'Supervisors' }, role: 'supervisor' },
  { key: 'compliance', name: { 'zh-CN': '合规', 'en-US': 'Compliance' }, role: 'compliance' },
  { key: 'merchant', name: { 'zh-CN': '商家处理', 'en-US': 'Merchant handles' }, role: 'merchant' },
];

const actions = (a: Partial<RuleActions> & Pick<RuleActions, 'queue'>): RuleActions => ({
  requiredSkills: noSkills(),
  skillsFromCase: [],
  notifyRoles: [],
  assign: true,
  ...a,
});

export const DEFAULT_RULES: readonly RoutingRule[] = [
  {
    // TR-3 (S4 step2.2): 一级投诉立即升级至售后主管+合规专员.
    key: 'l1-urgent',
    name: { 'zh-CN': '一级投诉（紧急）：售后主管，同时通知主管与合规', 'en-US': 'L1 urgent: supervisors, supervisor and compliance told at once' },
    active: true,
    conditions: { severity: ['L1'] },
    actions: actions({ queue: 'supervisors', notifyRoles: ['supervisor', 'compliance'] }),
  },
  {
    // TR-3: 二级投诉分配至资深售后专员.
    key: 'l2-complex',
    name: { 'zh-CN': '二级投诉（复杂）：资深售后专员', 'en-US': 'L2 complex: senior specialist' },
    active: true,
    conditions: { severity: ['L2'] },
    actions: actions({ queue: 'specialists', requiredSkills: { ...noSkills(), senior: true } }),
  },
  {
    // ORG-3 (S4 §一(二)): a third-party merchant's goods go to that merchant first.
    key: 'merchant-first',
    name: { 'zh-CN': '第三方商家商品：先由商家处理', 'en-US': "A merchant's own goods: the merchant handles it first" },
    active: true,
    conditions: { merchantPlatformOperated: false, platformIntervention: false },
    actions: actions({ queue: 'merchant', notifyRoles: ['merchant'], assign: false }),
  },
  {
    // ORG-3: 平台介入 after an appeal or a missed merchant deadline; specialists mediate the dispute.
    key: 'platform-intervention',
    name: { 'zh-CN': '平台介入：售后/维权专员调解', 'en-US': 'Platform intervention: specialists mediate' },
    active: true,
    conditions: { platformIntervention: true },
    actions: actions({ queue: 'specialists' }),
  },
  {
    // TR-3: 三级投诉由一线客服在权限内处理 (SLA-8 escalates it after 2 h).
    key: 'l3-frontline',
    name: { 'zh-CN': '三级投诉（常规）：一线客服', 'en-US': 'L3 routine: frontline' },
    active: true,
    conditions: { severity: ['L3'] },
    actions: actions({ queue: 'frontline' }),
  },
];
