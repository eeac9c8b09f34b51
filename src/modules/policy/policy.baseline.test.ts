import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareWithBaseline, raiseToBaseline, refundIsSlower } from './policy.baseline.ts';
import { evaluateEligibility } from './policy.engine.ts';
import { arbInput, arbPolicyRules, raiseDays } from './policy.fixtures.ts';
import { PLATFORM_BASELINE } from './policy.rules.ts';
import type { PolicyRules } from './policy.rules.ts';

function merchant(patch: Partial<PolicyRules>): PolicyRules {
  return { ...structuredClone(PLATFORM_BASELINE), ...patch };
}
const nr = (patch: Partial<PolicyRules['noReasonReturn']>) => merchant({ noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, ...patch } });

describe('compareWithBaseline', () => {
  it('refuses 5 no-reason days, naming the clause', () => {
    const v = compareWithBaseline(nr({ days: 5 }), PLATFORM_BASELINE);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ path: 'noReasonReturn.days', merchantValue: 5, baselineValue: 7 });
    expect(v[0]?.text['zh-CN']).toContain('商家为5天');
    expect(v[0]?.text['en-US']).toContain('merchant 5 days');
  });

  it('accepts 15 no-reason days', () => {
    expect(compareWithBaseline(nr({ days: 15 }), PLATFORM_BASELINE)).toEqual([]);
  });

  it('flags more exclusions, buyer-paid shipping and disabled features the baseline provides', () => {
    const generousBaseline = merchant({
      noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, buyerPaysShipping: false, excludedFlags: ['custom_made'] },
      freeReturnShipping: true,
      priceProtection: { enabled: true, days: 15 },
      noReasonExchange: { enabled: true, days: 7 },
    });
    const strict = merchant({
      noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, excludedFlags: ['custom_made', 'cosmetics'], excludedCategories: ['furniture'] },
    });
    expect(compareWithBaseline(strict, generousBaseline).map((v) => v.path)).toEqual([
      'noReasonReturn.buyerPaysShipping',
      'noReasonExchange.enabled',
      'priceProtection.enabled',
      'noReasonReturn.excludedFlags',
      'noReasonReturn.excludedCategories',
    ]);
    const shorter = merchant({ priceProtection: { enabled: true, days: 10 }, noReasonExchange: { enabled: true, days: 7 }, freeReturnShipping: true, noReasonReturn: { ...generousBaseline.noReasonReturn } });
    expect(compareWithBaseline(shorter, generousBaseline).map((v) => v.path)).toEqual(['priceProtection.days']);
  });

  it('names an excluded category by the name given, the code when there is none', () => {
    const strict = nr({ excludedCategories: ['furniture', 'cat-1'] });
    const [v] = compareWithBaseline(strict, PLATFORM_BASELINE, new Map([['furniture', { 'zh-CN': '家具', 'en-US': 'Furniture' }]]));
    expect(v?.text).toEqual({
      'zh-CN': '商家额外排除了无理由退货的类目:家具、cat-1',
      'en-US': 'The merchant excludes more categories from no-reason return: Furniture, cat-1',
    });
  });

  it('names the platform’s own settings a merchant policy sets otherwise, and lets it leave them out or repeat them', () => {
    const lifted = merchant({ goodwill: { approvalThresholdFen: 99_999_999 }, versionBasis: 'delivered' });
    expect(compareWithBaseline(lifted, PLATFORM_BASELINE).map((v) => v.path)).toEqual(['goodwill.approvalThresholdFen', 'versionBasis']);
    const { goodwill: _g, versionBasis: _b, ...terms } = PLATFORM_BASELINE;
    expect(compareWithBaseline(terms, PLATFORM_BASELINE)).toEqual([]);
    expect(raiseToBaseline(lifted, PLATFORM_BASELINE)).toEqual(terms);
  });

  it('judges who pays no-reason return shipping by the promise, whichever clause makes it', () => {
    const sellerPaysByFlag = merchant({ freeReturnShipping: true });
    const sellerPaysByClause = merchant({ noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, buyerPaysShipping: false } });
    expect(compareWithBaseline(sellerPaysByFlag, sellerPaysByClause)).toEqual([]);
    expect(compareWithBaseline(sellerPaysByClause, sellerPaysByFlag)).toEqual([]);
    // Neither clause: the buyer pays, stricter than either baseline.
    expect(compareWithBaseline(merchant({}), sellerPaysByFlag).map((v) => v.path)).toEqual(['noReasonReturn.buyerPaysShipping']);
    expect(compareWithBaseline(merchant({}), sellerPaysByClause).map((v) => v.path)).toEqual(['noReasonReturn.buyerPaysShipping']);
  });

  it('flags slower refunds and more repairs before replacement', () => {
    expect(compareWithBaseline(merchant({ refund: { withinDays: 5, dayType: 'working' } }), PLATFORM_BASELINE)[0]).toMatchObject({
      path: 'refund.withinDays',
      merchantValue: 5,
      baselineValue: 3,
    });
    expect(compareWithBaseline(merchant({ repair: { warrantyFallbackMonths: 12, failedRepairsBeforeReplacement: 3 } }), PLATFORM_BASELINE).map((v) => v.path)).toEqual([
      'repair.failedRepairsBeforeReplacement',
    ]);
    expect(refundIsSlower({ withinDays: 3, dayType: 'natural' }, { withinDays: 3, dayType: 'working' })).toBe(false);
    expect(refundIsSlower({ withinDays: 5, dayType: 'natural' }, { withinDays: 3, dayType: 'working' })).toBe(true);
    expect(refundIsSlower({ withinDays: 3, dayType: 'working' }, { withinDays: 7, dayType: 'natural' })).toBe(false);
    expect(refundIsSlower({ withinDays: 5, dayType: 'working' }, { withinDays: 6, dayType: 'natural' })).toBe(true);
  });

  it('refuses counting from sign-off where the baseline counts from the confirmation of receipt, not the other way round', () => {
    const fromConfirmation = nr({ startsAt: 'receipt_confirmed' });
    const v = compareWithBaseline(PLATFORM_BASELINE, fromConfirmation);
    expect(v.map((x) => x.path)).toEqual(['noReasonReturn.startsAt']);
    expect(v[0]).toMatchObject({ merchantValue: 'sign_off', baselineValue: 'receipt_confirmed' });
    expect(compareWithBaseline(fromConfirmation, PLATFORM_BASELINE)).toEqual([]);
    expect(raiseToBaseline(PLATFORM_BASELINE, fromConfirmation).noReasonReturn.startsAt).toBe('receipt_confirmed');
  });

  it('finds nothing when a policy meets itself', () => {
    fc.assert(
      fc.property(arbPolicyRules, (rules) => {
        expect(compareWithBaseline(rules, rules)).toEqual([]);
      }),
    );
  });

  it('accepts any policy that raises every day count of the baseline', () => {
    fc.assert(
      fc.property(arbPolicyRules, fc.func(fc.integer({ min: 0, max: 30 })), (baseline, by) => {
        expect(compareWithBaseline(raiseDays(baseline, by), baseline)).toEqual([]);
      }),
    );
  });

  it('every violation has text in both languages', () => {
    fc.assert(
      fc.property(arbPolicyRules, arbPolicyRules, (m, b) => {
        for (const v of compareWithBaseline(m, b)) {
          expect(v.text['zh-CN'].length).toBeGreaterThan(0);
          expect(v.text['en-US'].length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('raiseToBaseline', () => {
  it('keeps a policy that meets the baseline as it is', () => {
    const m = nr({ days: 15 });
    expect(raiseToBaseline(m, PLATFORM_BASELINE)).toBe(m);
  });

  it('gives the customer the baseline on the clauses a later, more generous baseline raised', () => {
    const published = merchant({ noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 10, excludedCategories: ['furniture'] } });
    const raisedBaseline = merchant({
      noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 15, buyerPaysShipping: false },
      priceProtection: { enabled: true, days: 30 },
      refund: { withinDays: 1, dayType: 'working' },
    });
    const effective = raiseToBaseline({ ...published, priceProtection: { enabled: false, days: 0 } }, raisedBaseline);
    expect(effective.noReasonReturn).toMatchObject({ days: 15, buyerPaysShipping: false, excludedCategories: [] });
    expect(effective.priceProtection).toEqual({ enabled: true, days: 30 });
    expect(effective.refund).toEqual({ withinDays: 1, dayType: 'working' });
    // What the merchant gives beyond the baseline stays.
    expect(raiseToBaseline(merchant({ qualityExchange: { days: 30 } }), raisedBaseline).qualityExchange.days).toBe(30);
  });

  it('property: the result never breaks the baseline, and clauses that did not keep the merchant value', () => {
    fc.assert(
      fc.property(arbPolicyRules, arbPolicyRules, (m, b) => {
        const effective = raiseToBaseline(m, b);
        expect(compareWithBaseline(effective, b)).toEqual([]);
        if (compareWithBaseline(m, b).every((v) => !v.path.startsWith('fraudCompensation'))) {
          expect(effective.fraudCompensation).toEqual(m.fraudCompensation);
        }
        // The approval threshold is the platform's: a merchant's own value is dropped, never kept.
        if (m.goodwill?.approvalThresholdFen === b.goodwill?.approvalThresholdFen) expect(effective.goodwill).toEqual(m.goodwill);
        else expect(effective.goodwill).toBeUndefined();
      }),
    );
  });

  it('property: a case judged under the raised policy is eligible whenever it is under the baseline', () => {
    fc.assert(
      fc.property(arbInput, arbPolicyRules, (input, baseline) => {
        const underBaseline = evaluateEligibility({ ...input, policy: { ...input.policy, rules: baseline } });
        const underRaised = evaluateEligibility({ ...input, policy: { ...input.policy, rules: raiseToBaseline(input.policy.rules, baseline) } });
        if (underBaseline.eligible) expect(underRaised.eligible).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
