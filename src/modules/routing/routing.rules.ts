// Routing as pure functions (TR-3, TR-4, TR-7, ORG-3): ordered rules over a case's facts decide
// the queue, the skills a handler needs, who is told, and whether a person is picked; the first
// active rule that matches wins and the decision says which rule and which of its conditions
// matched. Assignment picks the least-loaded available agent with the skills, below their cap.
import type { LocalizedText } from '../../shared/vocabulary.ts';

// ---- Facts, rules, decisions ----

/** What routing knows about a case. */
export interface RoutingFacts {
  severity: string;
  kind: string;
  category: string | null;
  channel: string;
  /** Categories of the products on the case (none for a case without items). */
  productCategories: string[];
  merchantId: string | null;
  /** null when the case has no merchant. */
  merchantPlatformOperated: boolean | null;
  customerTier: string | null;
  language: string | null;
  /** The platform has stepped in (平台介入): the customer appealed or the merchant missed a deadline. */
  platformIntervention: boolean;
}

/** Every condition present must hold; a list matches when the case's value is one of it. */
export interface RuleConditions {
  severity?: string[];
  kind?: string[];
  category?: string[];
  channel?: string[];
  /** Matches when any product on the case is in one of these categories. */
  productCategory?: string[];
  merchantId?: string[];
  merchantPlatformOperated?: boolean;
  customerTier?: string[];
  language?: string[];
  platformIntervention?: boolean;
}

export const SKILL_DIMENSIONS = ['categories', 'kinds', 'languages', 'productCategories'] as const;
export type SkillDimension = (typeof SKILL_DIMENSIONS)[number];
export type Skills = Record<SkillDimension, string[]>;
export interface SkillNeeds extends Skills {
  senior: boolean;
}

/** Case facts whose own value becomes a needed skill (an English-speaking customer needs English). */
export const CASE_SKILL_SOURCES = ['category', 'kind', 'language', 'productCategory'] as const;
export type CaseSkillSource = (typeof CASE_SKILL_SOURCES)[number];

export interface RuleActions {
  queue: string;
  requiredSkills: SkillNeeds;
  skillsFromCase: CaseSkillSource[];
  /** Roles told at once; 'merchant' means the case's merchant's staff. */
  notifyRoles: string[];
  /** Pick a person now; otherwise the case waits in the queue for whoever takes it. */
  assign: boolean;
}

export interface RoutingRule {
  key: string;
  name: LocalizedText;
  active: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
}

export interface RoutingReason {
  /** The rule's key ('default' when no rule matched, 'assignment' for the choice of a person). */
  rule: string;
  text: LocalizedText;
}

export interface RoutingDecision {
  queue: string;
  requiredSkills: SkillNeeds;
  notifyRoles: string[];
  assign: boolean;
  /** The key of the rule that matched, or null when none did and the default queue applies. */
  rule: string | null;
  reasons: RoutingReason[];
}

export const DEFAULT_QUEUE = 'frontline';

export const noSkills = (): SkillNeeds => ({ categories: [], kinds: [], languages: [], productCategories: [], senior: false });

// ---- Conditions ----

type ConditionKey = keyof RuleConditions;

const LABELS: Record<ConditionKey, LocalizedText> = {
  severity: { 'zh-CN': '投诉级别', 'en-US': 'severity' },
  kind: { 'zh-CN': '售后类型', 'en-US': 'kind' },
  category: { 'zh-CN': '问题分类', 'en-US': 'category' },
  channel: { 'zh-CN': '渠道', 'en-US': 'channel' },
  productCategory: { 'zh-CN': '商品类目', 'en-US': 'product category' },
  merchantId: { 'zh-CN': '商家', 'en-US': 'merchant' },
  merchantPlatformOperated: { 'zh-CN': '平台自营', 'en-US': 'platform-operated' },
  customerTier: { 'zh-CN': '会员等级', 'en-US': 'customer tier' },
  language: { 'zh-CN': '语言', 'en-US': 'language' },
  platformIntervention: { 'zh-CN': '平台介入', 'en-US': 'platform intervention' },
};

const LIST_FACT: Record<Exclude<ConditionKey, 'merchantPlatformOperated' | 'platformIntervention'>, (f: RoutingFacts) => (string | null)[]> = {
  severity: (f) => [f.severity],
  kind: (f) => [f.kind],
  category: (f) => [f.category],
  channel: (f) => [f.channel],
  productCategory: (f) => f.productCategories,
  merchantId: (f) => [f.merchantId],
  customerTier: (f) => [f.customerTier],
  language: (f) => [f.language],
};

const FLAG_TEXT: Record<'merchantPlatformOperated' | 'platformIntervention', Record<'true' | 'false' | 'null', LocalizedText>> = {
  merchantPlatformOperated: {
    true: { 'zh-CN': '平台自营商品', 'en-US': 'the goods are platform-operated' },
    false: { 'zh-CN': '第三方商家的商品（非平台自营）', 'en-US': "the goods are a third-party merchant's (not platform-operated)" },
    null: { 'zh-CN': '售后单没有商家', 'en-US': 'the case has no merchant' },
  },
  platformIntervention: {
    true: { 'zh-CN': '平台已介入（客户申诉或商家超时）', 'en-US': 'the platform has intervened (appeal or missed merchant deadline)' },
    false: { 'zh-CN': '平台尚未介入', 'en-US': 'the platform has not intervened' },
    null: { 'zh-CN': '平台尚未介入', 'en-US': 'the platform has not intervened' },
  },
};

export interface ConditionCheck {
  condition: ConditionKey;
  matched: boolean;
  text: LocalizedText;
}

const shown = (values: (string | null)[]): string => (values.filter((v) => v !== null).join(', ') || '—');

/** Each condition of the rule checked against the facts, with what was seen. */
export function checkConditions(conditions: RuleConditions, facts: RoutingFacts): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  for (const key of Object.keys(LABELS) as ConditionKey[]) {
    const wanted = conditions[key];
    if (wanted === undefined) continue;
    const label = LABELS[key];
    if (key === 'merchantPlatformOperated' || key === 'platformIntervention') {
      const actual = key === 'merchantPlatformOperated' ? facts.merchantPlatformOperated : facts.platformIntervention;
      const text = FLAG_TEXT[key][String(actual) as 'true' | 'false' | 'null'];
      checks.push({ condition: key, matched: actual === wanted, text });
      continue;
    }
    const values = LIST_FACT[key](facts);
    const list = wanted as string[];
    const hits = values.filter((v): v is string => v !== null && list.includes(v));
    const matched = hits.length > 0;
    checks.push({
      condition: key,
      matched,
      text: matched
        ? { 'zh-CN': `${label['zh-CN']}为 ${hits.join(', ')}`, 'en-US': `${label['en-US']} is ${hits.join(', ')}` }
        : {
            'zh-CN': `${label['zh-CN']}为 ${shown(values)}，规则要求 ${list.join(' / ')}`,
            'en-US': `${label['en-US']} is ${shown(values)}, the rule wants ${list.join(' / ')}`,
          },
    });
  }
  return checks;
}

// ---- Routing ----

export interface RuleEvaluation {
  rule: string;
  name: LocalizedText;
  active: boolean;
  matched: boolean;
  checks: ConditionCheck[];
}

/** Every rule in order with its condition checks (for the explain endpoint). */
export function evaluateRules(facts: RoutingFacts, rules: readonly RoutingRule[]): RuleEvaluation[] {
  return rules.map((r) => {
    const checks = checkConditions(r.conditions, facts);
    return { rule: r.key, name: r.name, active: r.active, matched: r.active && checks.every((c) => c.matched), checks };
  });
}

function join(texts: LocalizedText[]): LocalizedText {
  if (texts.length === 0) return { 'zh-CN': '无条件（兜底规则）', 'en-US': 'no conditions (catch-all)' };
  return { 'zh-CN': texts.map((t) => t['zh-CN']).join('；'), 'en-US': texts.map((t) => t['en-US']).join('; ') };
}

const unique = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v !== ''))];

/** The rule's needed skills plus those its `skillsFromCase` takes from the case itself. */
export function skillNeeds(actions: RuleActions, facts: RoutingFacts): SkillNeeds {
  const need = actions.requiredSkills;
  const from = new Set(actions.skillsFromCase);
  return {
    categories: unique([...need.categories, ...(from.has('category') ? [facts.category] : [])]),
    kinds: unique([...need.kinds, ...(from.has('kind') ? [facts.kind] : [])]),
    languages: unique([...need.languages, ...(from.has('language') ? [facts.language] : [])]),
    productCategories: unique([...need.productCategories, ...(from.has('productCategory') ? facts.productCategories : [])]),
    senior: need.senior,
  };
}

/** A queue's name as people read it; its key where no name is known. */
export type QueueNames = (key: string) => LocalizedText;
const keysOnly: QueueNames = (key) => ({ 'zh-CN': key, 'en-US': key });

/** First active rule that matches wins; with none, the case waits in the default queue. */
/**
 * The decision for a case that stays where it is whatever the rules say (a case in compliance
 * review, see heldByCompliance): the queue is kept, nobody new is picked, and the roles the rule
 * names are still told, all but the merchant, to whom the case is not handed.
 */
export function keepInQueue(decision: RoutingDecision, queue: string, queueName: QueueNames = keysOnly): RoutingDecision {
  return {
    ...decision,
    queue,
    requiredSkills: noSkills(),
    notifyRoles: decision.notifyRoles.filter((role) => role !== 'merchant'),
    assign: false,
    reasons: [
      ...decision.reasons,
      {
        rule: 'compliance_review',
        text: {
          'zh-CN': `售后单正在合规评估中，留在队列「${queueName(queue)['zh-CN']}」由合规处理`,
          'en-US': `The case is under compliance review: it stays in queue "${queueName(queue)['en-US']}" with compliance`,
        },
      },
    ],
  };
}

/**
 * SLA-8: a target whose breach reassigns names the queue the case goes to, whatever the rules say;
 * the person is then picked there as routing always does (the queue's own people, by load).
 */
export function sendToQueue(decision: RoutingDecision, queue: string, queueName: QueueNames = keysOnly): RoutingDecision {
  if (decision.queue === queue) return decision;
  return {
    ...decision,
    queue,
    requiredSkills: noSkills(),
    notifyRoles: decision.notifyRoles.filter((role) => role !== 'merchant'),
    assign: true,
    reasons: [
      ...decision.reasons,
      {
        rule: 'sla_escalation',
        text: {
          'zh-CN': `时限超时，按时效规则转入队列「${queueName(queue)['zh-CN']}」`,
          'en-US': `A deadline was missed: the SLA target moves the case to queue "${queueName(queue)['en-US']}"`,
        },
      },
    ],
  };
}

export function route(facts: RoutingFacts, rules: readonly RoutingRule[], defaultQueue = DEFAULT_QUEUE, queueName: QueueNames = keysOnly): RoutingDecision {
  for (const rule of rules) {
    if (!rule.active) continue;
    const checks = checkConditions(rule.conditions, facts);
    if (!checks.every((c) => c.matched)) continue;
    const why = join(checks.map((c) => c.text));
    return {
      queue: rule.actions.queue,
      requiredSkills: skillNeeds(rule.actions, facts),
      notifyRoles: [...new Set(rule.actions.notifyRoles)],
      assign: rule.actions.assign,
      rule: rule.key,
      reasons: [
        {
          rule: rule.key,
          text: {
            'zh-CN': `规则「${rule.name['zh-CN']}」命中：${why['zh-CN']} → 队列「${queueName(rule.actions.queue)['zh-CN']}」`,
            'en-US': `Rule "${rule.name['en-US']}" matched: ${why['en-US']} → queue "${queueName(rule.actions.queue)['en-US']}"`,
          },
        },
      ],
    };
  }
  return {
    queue: defaultQueue,
    requiredSkills: noSkills(),
    notifyRoles: [],
    assign: true,
    rule: null,
    reasons: [
      {
        rule: 'default',
        text: {
          'zh-CN': `没有启用的规则命中，进入默认队列「${queueName(defaultQueue)['zh-CN']}」`,
          'en-US': `No active rule matched; default queue "${queueName(defaultQueue)['en-US']}"`,
        },
      },
    ],
  };
}

// ---- Assignment ----

export interface Candidate {
  userId: string;
  skills: Skills;
  openCases: number;
  cap: number;
  available: boolean;
  senior: boolean;
}

export function hasSkills(candidate: Pick<Candidate, 'skills' | 'senior'>, needs: SkillNeeds): boolean {
  if (needs.senior && !candidate.senior) return false;
  return SKILL_DIMENSIONS.every((d) => needs[d].every((skill) => candidate.skills[d].includes(skill)));
}

export function isEligible(candidate: Candidate, needs: SkillNeeds): boolean {
  return candidate.available && candidate.openCases < candidate.cap && hasSkills(candidate, needs);
}

/**
 * The least-loaded available candidate with every needed skill and below their cap; ties go to
 * the lower user id. null when no one qualifies: the case stays unassigned in its queue.
 */
export function pickAssignee(candidates: readonly Candidate[], needs: SkillNeeds): string | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (!isEligible(c, needs)) continue;
    if (best === null || c.openCases < best.openCases || (c.openCases === best.openCases && c.userId < best.userId)) best = c;
  }
  return best?.userId ?? null;
}

/** The reason a person was (or was not) picked, for the timeline. */
export function assignmentReason(picked: Candidate | null, queue: LocalizedText, considered: number): RoutingReason {
  if (!picked) {
    return {
      rule: 'assignment',
      text: {
        'zh-CN': `队列「${queue['zh-CN']}」中没有可用、具备所需技能且未满额的处理人（共 ${considered} 人），售后单在队列中等待认领`,
        'en-US': `No available agent in queue "${queue['en-US']}" with the needed skills is below their cap (${considered} considered); the case waits in the queue`,
      },
    };
  }
  return {
    rule: 'assignment',
    text: {
      'zh-CN': `分配给负载最低的合格处理人（在办 ${picked.openCases}/${picked.cap}，共 ${considered} 人）`,
      'en-US': `Assigned to the least-loaded eligible agent (${picked.openCases}/${picked.cap} open, ${considered} considered)`,
    },
  };
}
