import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './routing.defaults.ts';
import {
  type Candidate, evaluateRules, isEligible, noSkills, pickAssignee, route, type RoutingFacts, type RoutingRule, SKILL_DIMENSIONS,
  type SkillNeeds,
} from './routing.rules.ts';
import { ruleSchema } from './routing.schemas.ts';

const MERCHANT = '11111111-1111-4111-8111-111111111111';

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  severity: 'L3',
  kind: 'return_refund',
  category: 'product_quality',
  channel: 'web',
  productCategories: ['electronics'],
  merchantId: MERCHANT,
  merchantPlatformOperated: true,
  customerTier: 'regular',
  language: 'zh-CN',
  platformIntervention: false,
  ...over,
});
const thirdParty = (over: Partial<RoutingFacts> = {}) => facts({ merchantPlatformOperated: false, ...over });
const rules = [...DEFAULT_RULES];

describe('default rules (TR-3, ORG-3)', () => {
  it('the defaults are valid stored rules', () => {
    for (const rule of DEFAULT_RULES) expect(ruleSchema.parse(rule)).toEqual(rule);
  });

  it('L1 goes to the supervisors queue and tells supervisor and compliance at once', () => {
    const d = route(facts({ severity: 'L1' }), rules);
    expect(d).toMatchObject({ queue: 'supervisors', assign: true, rule: 'l1-urgent', notifyRoles: ['supervisor', 'compliance'] });
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]!.rule).toBe('l1-urgent');
    // People read the rule's and the queue's names, not their keys.
    expect(d.reasons[0]!.text['zh-CN']).toContain('一级投诉（紧急）');
    const named = route(facts({ severity: 'L1' }), rules, undefined, (key) => ({ 'zh-CN': `${key}-名称`, 'en-US': `${key} name` }));
    expect(named.reasons[0]!.text['zh-CN']).toContain('→ 队列「supervisors-名称」');
    expect(named.reasons[0]!.text['en-US']).toContain('queue "supervisors name"');
    expect(d.reasons[0]!.text['zh-CN']).toContain('投诉级别为 L1');
    expect(d.reasons[0]!.text['en-US']).toContain('severity is L1');
    expect(d.reasons[0]!.text['en-US']).toContain('L1 urgent');
  });

  it("L1 on a merchant's own goods is still the platform's supervisors'", () => {
    expect(route(thirdParty({ severity: 'L1' }), rules).queue).toBe('supervisors');
  });

  it('L2 goes to a senior specialist', () => {
    const d = route(facts({ severity: 'L2' }), rules);
    expect(d).toMatchObject({ queue: 'specialists', rule: 'l2-complex', assign: true, notifyRoles: [] });
    expect(d.requiredSkills.senior).toBe(true);
    expect(route(thirdParty({ severity: 'L2' }), rules).rule).toBe('l2-complex');
  });

  it("an L3 case on a third-party merchant's goods goes to the merchant first, unassigned", () => {
    const d = route(thirdParty(), rules);
    expect(d).toMatchObject({ queue: 'merchant', rule: 'merchant-first', assign: false, notifyRoles: ['merchant'] });
    expect(d.reasons[0]!.text['zh-CN']).toContain('非平台自营');
    expect(d.reasons[0]!.text['en-US']).toContain('not platform-operated');
    expect(d.reasons[0]!.text['en-US']).toContain('has not intervened');
  });

  it('after the platform intervenes, the merchant case goes to the specialists', () => {
    const d = route(thirdParty({ platformIntervention: true }), rules);
    expect(d).toMatchObject({ queue: 'specialists', rule: 'platform-intervention', assign: true });
    expect(d.requiredSkills.senior).toBe(false);
  });

  it('an L3 case on platform-operated goods, or without a merchant, goes to frontline', () => {
    expect(route(facts(), rules)).toMatchObject({ queue: 'frontline', rule: 'l3-frontline', assign: true });
    expect(route(facts({ merchantId: null, merchantPlatformOperated: null }), rules).rule).toBe('l3-frontline');
  });
});

describe('rule evaluation', () => {
  it('order matters: the first matching rule wins', () => {
    const l3First = [rules[4]!, ...rules.slice(0, 4)];
    expect(route(thirdParty(), l3First).queue).toBe('frontline');
    expect(route(thirdParty(), rules).queue).toBe('merchant');
  });

  it('inactive rules are skipped; with no match the default queue applies and says so', () => {
    const off = rules.map((r) => (r.key === 'l3-frontline' ? { ...r, active: false } : r));
    expect(route(facts(), off).rule).toBeNull();
    const d = route(facts(), []);
    expect(d).toMatchObject({ queue: 'frontline', rule: null, assign: true });
    expect(d.reasons[0]).toMatchObject({ rule: 'default' });
  });

  it('conditions on product category, tier, language, kind and channel; skills taken from the case', () => {
    const vip: RoutingRule = ruleSchema.parse({
      key: 'vip-english-phones',
      name: { 'zh-CN': '英文金卡手机', 'en-US': 'English gold phones' },
      conditions: { productCategory: ['phones'], customerTier: ['gold', 'platinum'], language: ['en-US'], kind: ['repair'], channel: ['email'] },
      actions: { queue: 'specialists', skillsFromCase: ['language', 'productCategory'], requiredSkills: { kinds: ['repair'] } },
    });
    const f = facts({ productCategories: ['cables', 'phones'], customerTier: 'gold', language: 'en-US', kind: 'repair', channel: 'email' });
    const d = route(f, [vip, ...rules]);
    expect(d.rule).toBe('vip-english-phones');
    expect(d.requiredSkills).toEqual({ ...noSkills(), kinds: ['repair'], languages: ['en-US'], productCategories: ['cables', 'phones'] });
    expect(d.reasons[0]!.text['en-US']).toContain('product category is phones');
    expect(d.reasons[0]!.text['en-US']).toContain('customer tier is gold');
    expect(route({ ...f, customerTier: 'regular' }, [vip, ...rules]).rule).toBe('l3-frontline');
  });

  it('explains why each rule did or did not match', () => {
    const evaluations = evaluateRules(thirdParty({ severity: 'L3' }), rules);
    expect(evaluations.map((e) => [e.rule, e.matched])).toEqual([
      ['l1-urgent', false], ['l2-complex', false], ['merchant-first', true], ['platform-intervention', false], ['l3-frontline', true],
    ]);
    const l1 = evaluations[0]!.checks[0]!;
    expect(l1).toMatchObject({ condition: 'severity', matched: false });
    expect(l1.text['en-US']).toBe('severity is L3, the rule wants L1');
  });

  it('a rule without conditions is a catch-all', () => {
    const all = ruleSchema.parse({ key: 'all', name: { 'zh-CN': '全部', 'en-US': 'All' }, actions: { queue: 'compliance' } });
    const d = route(facts({ severity: 'L1' }), [all, ...rules]);
    expect(d.queue).toBe('compliance');
    expect(d.reasons[0]!.text['en-US']).toContain('catch-all');
  });
});

// ---- Assignment ----

const agent = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  skills: { categories: [], kinds: [], languages: ['zh-CN'], productCategories: [] },
  openCases: 0,
  cap: 5,
  available: true,
  senior: false,
  ...over,
});

describe('pickAssignee', () => {
  it('picks the least loaded, ties by user id', () => {
    expect(pickAssignee([agent('b', { openCases: 2 }), agent('a', { openCases: 3 }), agent('c', { openCases: 2 })], noSkills())).toBe('b');
  });

  it('skips the unavailable, those at their cap and those missing a skill or seniority', () => {
    const needs: SkillNeeds = { ...noSkills(), languages: ['en-US'], senior: true };
    const pool = [
      agent('a', { available: false, skills: { ...agent('a').skills, languages: ['en-US'] }, senior: true }),
      agent('b', { openCases: 5, cap: 5, skills: { ...agent('b').skills, languages: ['en-US'] }, senior: true }),
      agent('c', { senior: true }),
      agent('d', { skills: { ...agent('d').skills, languages: ['en-US'] } }),
      agent('e', { openCases: 4, skills: { ...agent('e').skills, languages: ['zh-CN', 'en-US'] }, senior: true }),
    ];
    expect(pickAssignee(pool, needs)).toBe('e');
  });

  it('returns null when everyone is at their cap', () => {
    expect(pickAssignee([agent('a', { openCases: 2, cap: 2 }), agent('b', { cap: 0 })], noSkills())).toBeNull();
    expect(pickAssignee([], noSkills())).toBeNull();
  });

  const SKILLS = ['x', 'y', 'z'];
  const arbSkills = fc.record(
    Object.fromEntries(SKILL_DIMENSIONS.map((d) => [d, fc.subarray(SKILLS)])) as Record<(typeof SKILL_DIMENSIONS)[number], fc.Arbitrary<string[]>>,
  );
  const arbCandidate = fc.record({
    userId: fc.string({ minLength: 1, maxLength: 3 }),
    skills: arbSkills,
    openCases: fc.nat(8),
    cap: fc.nat(8),
    available: fc.boolean(),
    senior: fc.boolean(),
  });
  const needsArb: fc.Arbitrary<SkillNeeds> = fc.tuple(arbSkills, fc.boolean()).map(([s, senior]) => ({ ...s, senior }));

  it('never picks someone unavailable, at cap or missing a skill, and always a least-loaded eligible one', () => {
    fc.assert(
      fc.property(fc.array(arbCandidate, { maxLength: 12 }), needsArb, (pool, needs) => {
        const picked = pickAssignee(pool, needs);
        const eligible = pool.filter((c) => c.available && c.openCases < c.cap && (!needs.senior || c.senior)
          && SKILL_DIMENSIONS.every((d) => needs[d].every((s) => c.skills[d].includes(s))));
        if (eligible.length === 0) return picked === null;
        if (picked === null) return false;
        const minLoad = Math.min(...eligible.map((c) => c.openCases));
        const chosen = eligible.filter((c) => c.userId === picked);
        const lowestId = eligible.filter((c) => c.openCases === minLoad).map((c) => c.userId).sort()[0];
        return chosen.some((c) => c.openCases === minLoad && isEligible(c, needs)) && picked === lowestId;
      }),
      { numRuns: 500 },
    );
  });
});
