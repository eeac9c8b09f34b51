import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  FRAUD_TRIPLE_COMPENSATION,
  LAW_RULES,
  NO_REASON_RETURN_7_DAYS,
  REFUND_WITHIN_7_DAYS,
  STATUTORY_EXCLUSIONS_ONLY,
  THREE_GUARANTEES_AFTER_2_REPAIRS,
  THREE_GUARANTEES_EXCHANGE_15_DAYS,
  THREE_GUARANTEES_RETURN_7_DAYS,
  checkLaw,
  policyFraudCompensationFen,
  statutoryFraudCompensationFen,
} from './policy.law.ts';
import { arbPolicyRules } from './policy.fixtures.ts';
import { PLATFORM_BASELINE, policyRulesSchema } from './policy.rules.ts';
import type { PolicyRules } from './policy.rules.ts';

function withRules(patch: Partial<PolicyRules>): PolicyRules {
  return { ...structuredClone(PLATFORM_BASELINE), ...patch };
}
const nr = (patch: Partial<PolicyRules['noReasonReturn']>) => withRules({ noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, ...patch } });

describe('the platform baseline', () => {
  it('is a valid policy document within the law', () => {
    expect(policyRulesSchema.parse(PLATFORM_BASELINE)).toEqual(PLATFORM_BASELINE);
    expect(checkLaw(PLATFORM_BASELINE)).toEqual([]);
  });

  it('rejects unknown keys and fractional days', () => {
    expect(policyRulesSchema.safeParse({ ...PLATFORM_BASELINE, extra: 1 }).success).toBe(false);
    expect(policyRulesSchema.safeParse(withRules({ qualityReturn: { days: 7.5 } })).success).toBe(false);
  });
});

describe('law rules', () => {
  it('every rule has an id and a title in both languages', () => {
    expect(new Set(LAW_RULES.map((r) => r.id)).size).toBe(LAW_RULES.length);
    for (const r of LAW_RULES) {
      expect(r.title['zh-CN'].length).toBeGreaterThan(0);
      expect(r.title['en-US'].length).toBeGreaterThan(0);
    }
  });

  it('7-day no-reason return may not be shortened or switched off', () => {
    expect(NO_REASON_RETURN_7_DAYS.check(nr({ days: 6 }))).toMatchObject({ ruleId: 'LAW-NO-REASON-7D', path: 'noReasonReturn.days', actual: 6 });
    expect(NO_REASON_RETURN_7_DAYS.check(nr({ enabled: false }))?.path).toBe('noReasonReturn.enabled');
    expect(NO_REASON_RETURN_7_DAYS.check(nr({ days: 15 }))).toBeNull();
  });

  it('only statutory goods may be excluded by flag; admin categories are allowed', () => {
    const v = STATUTORY_EXCLUSIONS_ONLY.check(nr({ excludedFlags: ['custom_made', 'warranty_goods'] }));
    expect(v).toMatchObject({ path: 'noReasonReturn.excludedFlags', actual: ['warranty_goods'] });
    expect(v?.text['zh-CN']).toContain('warranty_goods');
    expect(STATUTORY_EXCLUSIONS_ONLY.check(nr({ excludedCategories: ['furniture'] }))).toBeNull();
    expect(STATUTORY_EXCLUSIONS_ONLY.check(nr({ excludedFlags: [] }))).toBeNull();
  });

  it('refunds may not take longer than 7 natural days', () => {
    const eight = checkLaw(withRules({ refund: { withinDays: 8, dayType: 'natural' } }));
    expect(eight.map((v) => v.ruleId)).toEqual(['LAW-REFUND-7D']);
    expect(eight[0]?.path).toBe('refund.withinDays');
    expect(REFUND_WITHIN_7_DAYS.check(withRules({ refund: { withinDays: 7, dayType: 'natural' } }))).toBeNull();
    expect(REFUND_WITHIN_7_DAYS.check(withRules({ refund: { withinDays: 5, dayType: 'working' } }))).toBeNull();
    expect(REFUND_WITHIN_7_DAYS.check(withRules({ refund: { withinDays: 6, dayType: 'working' } }))).not.toBeNull();
  });

  it('fraud compensation is at least 3 times, at least 500 yuan', () => {
    expect(FRAUD_TRIPLE_COMPENSATION.check(withRules({ fraudCompensation: { multiplier: 2, minimumFen: 50_000 } }))?.path).toBe('fraudCompensation.multiplier');
    expect(FRAUD_TRIPLE_COMPENSATION.check(withRules({ fraudCompensation: { multiplier: 3, minimumFen: 49_999 } }))?.path).toBe('fraudCompensation.minimumFen');
    expect(FRAUD_TRIPLE_COMPENSATION.check(withRules({ fraudCompensation: { multiplier: 10, minimumFen: 100_000 } }))).toBeNull();
  });

  it('三包: return 7 days, exchange 15 days, replacement after 2 failed repairs', () => {
    expect(THREE_GUARANTEES_RETURN_7_DAYS.check(withRules({ qualityReturn: { days: 6 } }))?.path).toBe('qualityReturn.days');
    expect(THREE_GUARANTEES_EXCHANGE_15_DAYS.check(withRules({ qualityExchange: { days: 14 } }))?.path).toBe('qualityExchange.days');
    expect(THREE_GUARANTEES_AFTER_2_REPAIRS.check(withRules({ repair: { warrantyFallbackMonths: 12, failedRepairsBeforeReplacement: 3 } }))?.path).toBe(
      'repair.failedRepairsBeforeReplacement',
    );
    expect(THREE_GUARANTEES_AFTER_2_REPAIRS.check(withRules({ repair: { warrantyFallbackMonths: 12, failedRepairsBeforeReplacement: 1 } }))).toBeNull();
  });

  it('reports every violation at once, each with text in both languages', () => {
    fc.assert(
      fc.property(arbPolicyRules, (rules) => {
        for (const v of checkLaw(rules)) {
          expect(v.text['zh-CN'].length).toBeGreaterThan(0);
          expect(v.text['en-US'].length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('statutoryFraudCompensationFen (假一赔三)', () => {
  it('is three times the price, at least 500 yuan', () => {
    expect(statutoryFraudCompensationFen(10_000)).toBe(50_000); // 3 × 100 yuan → 500 yuan
    expect(statutoryFraudCompensationFen(40_000)).toBe(120_000); // 3 × 400 yuan → 1200 yuan
    expect(statutoryFraudCompensationFen(0)).toBe(50_000);
  });

  it('rejects amounts that are not integer fen', () => {
    expect(() => statutoryFraudCompensationFen(-1)).toThrow(RangeError);
    expect(() => statutoryFraudCompensationFen(1.5)).toThrow(RangeError);
  });

  it('a policy may promise more, never less', () => {
    expect(policyFraudCompensationFen(withRules({ fraudCompensation: { multiplier: 10, minimumFen: 50_000 } }), 10_000)).toBe(100_000);
    fc.assert(
      fc.property(arbPolicyRules, fc.integer({ min: 0, max: 10_000_000 }), (rules, paid) => {
        expect(policyFraudCompensationFen(rules, paid)).toBeGreaterThanOrEqual(statutoryFraudCompensationFen(paid));
      }),
    );
  });
});
