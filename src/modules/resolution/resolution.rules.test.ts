import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESPONSIBILITIES } from '../../shared/vocabulary.ts';
import {
  assessPlan,
  EMPTY_TERMS,
  fraudCompensatedAgainstGoods,
  fraudCompensationFen,
  ledgerEntriesSettledBy,
  liableParty,
  type OfferTerms,
  plannedLedger,
  pointsValueFen,
  priceLoweredAgainstGoods,
  refundableFen,
  refundedAgainstGoods,
  tasksForTerms,
} from './resolution.rules.ts';

const fen = fc.integer({ min: 0, max: 5_000_000 });
const arbTerms: fc.Arbitrary<OfferTerms> = fc.record({
  refundFen: fen,
  returnRequired: fc.boolean(),
  keepItem: fc.boolean(),
  couponFen: fen,
  cashFen: fen,
  pointsAwarded: fc.nat(10_000),
  replacement: fc.boolean(),
  repair: fc.boolean(),
  reshipParts: fc.boolean(),
  extendedWarrantyMonths: fc.nat(24),
  apology: fc.boolean(),
  fraudCompensationFen: fen,
});
const arbResponsibility = fc.constantFrom(...RESPONSIBILITIES);
const arbSeller = fc.constantFrom('merchant' as const, 'platform' as const);

describe('who bears what (VER-5)', () => {
  it('puts quality and description faults on the seller, transit damage on the carrier, platform errors on the platform', () => {
    expect(liableParty('quality_defect', 'merchant')).toBe('merchant');
    expect(liableParty('not_as_described', 'platform')).toBe('platform');
    expect(liableParty('logistics_damage', 'merchant')).toBe('carrier');
    expect(liableParty('platform_error', 'merchant')).toBe('platform');
    expect(liableParty('customer_misuse', 'merchant')).toBe('customer');
  });

  it('property: the planned ledger accounts for every fen of the plan and never bills the customer for what they receive', () => {
    fc.assert(
      fc.property(arbTerms, arbResponsibility, arbSeller, (terms, responsibility, seller) => {
        const lines = plannedLedger(terms, responsibility, seller);
        const total = lines.reduce((sum, l) => sum + l.amountFen, 0);
        expect(total).toBe(terms.refundFen + terms.couponFen + terms.cashFen + terms.fraudCompensationFen + pointsValueFen(terms.pointsAwarded));
        // Each instrument of compensation is a line of its own; points carry their number.
        const compensation = lines.filter((l) => l.entryType === 'compensation');
        expect(compensation.map((l) => l.instrument)).toEqual(
          [terms.cashFen > 0 && 'money', terms.couponFen > 0 && 'coupon', terms.pointsAwarded > 0 && 'points'].filter(Boolean),
        );
        expect(compensation.find((l) => l.instrument === 'points')?.points).toBe(terms.pointsAwarded || undefined);
        for (const line of lines) {
          expect(line.amountFen).toBeGreaterThan(0);
          expect(line.paidTo).toBe('customer');
          expect(line.borneBy).not.toBe('customer');
        }
      }),
    );
  });

  it('property: every planned ledger line is settled by exactly one task of the same plan', () => {
    fc.assert(
      fc.property(arbTerms, arbResponsibility, arbSeller, (terms, responsibility, seller) => {
        const tasks = tasksForTerms(terms);
        for (const line of plannedLedger(terms, responsibility, seller)) {
          expect(tasks.filter((task) => ledgerEntriesSettledBy(task).includes(line.entryType))).toHaveLength(1);
        }
      }),
    );
  });

  it('property: a task exists exactly for each kind of work the terms promise', () => {
    fc.assert(
      fc.property(arbTerms, (terms) => {
        const tasks = tasksForTerms(terms);
        expect(tasks.includes('refund')).toBe(terms.refundFen > 0);
        expect(tasks.includes('ship_replacement')).toBe(terms.replacement || terms.reshipParts);
        expect(tasks.includes('repair')).toBe(terms.repair);
        expect(tasks.includes('compensation')).toBe(terms.couponFen + terms.cashFen + terms.fraudCompensationFen + terms.pointsAwarded > 0);
        expect(new Set(tasks).size).toBe(tasks.length);
      }),
    );
  });
});

describe('plan assessment (RES-2, RES-3)', () => {
  const context = { fraudMinimumFen: 89_700, paidFen: 29_900, refundedFen: 0, eligibilityPath: 'no_reason_return', responsibility: 'no_fault' as const, fraudFound: false, goodwillApprovalThresholdFen: 20_000, goodwillGivenFen: 0, proposedByCustomer: false, returnRightPath: null, goodsValueFen: 29_900, excessiveGoodwillMultiple: 1 };

  it('fraud compensation is three times the price, at least 500 yuan', () => {
    expect(fraudCompensationFen(10_000)).toBe(50_000);
    expect(fraudCompensationFen(40_000)).toBe(120_000);
    fc.assert(
      fc.property(fen, (paid) => {
        expect(fraudCompensationFen(paid)).toBe(Math.max(3 * paid, 50_000));
      }),
    );
  });

  it('refuses a staff return plan below a full refund on a statutory path, but not the customer’s own counter-offer', () => {
    const partial = { ...EMPTY_TERMS, refundFen: 20_000, returnRequired: true };
    expect(assessPlan(partial, context).violations.map((v) => v.code)).toEqual(['below_statutory_refund']);
    expect(assessPlan(partial, { ...context, proposedByCustomer: true }).violations).toEqual([]);
    expect(assessPlan({ ...partial, refundFen: 29_900 }, context).violations).toEqual([]);
  });

  it('holds goods not as described and goods damaged in transit to a full refund as well', () => {
    const partial = { ...EMPTY_TERMS, refundFen: 5_000, returnRequired: true };
    for (const eligibilityPath of ['not_as_described_return', 'logistics_claim', 'quality_return']) {
      expect(assessPlan(partial, { ...context, eligibilityPath }).violations.map((v) => v.code)).toEqual(['below_statutory_refund']);
    }
    // An exchange path has no statutory full refund to fall below.
    expect(assessPlan(partial, { ...context, eligibilityPath: 'quality_exchange' }).violations).toEqual([]);
  });

  it('after two failed repairs (三包) holds staff to a replacement or a full refund', () => {
    const ladder = { ...context, eligibilityPath: 'three_guarantees_replacement', responsibility: 'quality_defect' as const };
    const codes = (terms: typeof EMPTY_TERMS) => assessPlan(terms, ladder).violations.map((v) => v.code);
    expect(codes({ ...EMPTY_TERMS, repair: true, returnRequired: true })).toEqual(['below_three_guarantees']);
    expect(codes({ ...EMPTY_TERMS, repair: true })).toEqual(['below_three_guarantees']);
    expect(codes({ ...EMPTY_TERMS, couponFen: 5_000 })).toEqual(['below_three_guarantees']);
    expect(codes({ ...EMPTY_TERMS, refundFen: 20_000, returnRequired: true })).toEqual(['below_three_guarantees']);
    expect(codes({ ...EMPTY_TERMS, replacement: true, returnRequired: true })).toEqual([]);
    expect(codes({ ...EMPTY_TERMS, refundFen: 29_900, returnRequired: true })).toEqual([]);
    // The customer may ask for another repair; goods they damaged are outside 三包.
    expect(assessPlan({ ...EMPTY_TERMS, repair: true }, { ...ladder, proposedByCustomer: true }).violations).toEqual([]);
    expect(assessPlan({ ...EMPTY_TERMS, repair: true }, { ...ladder, responsibility: 'customer_misuse' }).violations).toEqual([]);
  });

  it('退一赔三: goods taken back for fraud are refunded in full, the compensation on top', () => {
    const fraud = { ...context, eligibilityPath: 'always_accepted', fraudFound: true, responsibility: 'merchant_error' as const };
    const onlyCompensation = { ...EMPTY_TERMS, returnRequired: true, fraudCompensationFen: 89_700 };
    expect(assessPlan(onlyCompensation, fraud).violations.map((v) => v.code)).toEqual(['fraud_refund_required']);
    expect(assessPlan({ ...onlyCompensation, refundFen: 29_900 }, fraud).violations).toEqual([]);
    // Kept goods: the threefold compensation alone is what the law requires.
    expect(assessPlan({ ...onlyCompensation, returnRequired: false }, fraud).violations).toEqual([]);
  });

  it('a refund for goods the customer damaged is goodwill, not a statutory right', () => {
    const misuse = { ...context, responsibility: 'customer_misuse' as const, eligibilityPath: 'quality_return' };
    const partial = { ...EMPTY_TERMS, refundFen: 10_000, returnRequired: true };
    const a = assessPlan(partial, misuse);
    expect(a.violations).toEqual([]);
    expect(a).toMatchObject({ goodwillFen: 10_000, needsGoodwillReason: true, needsApproval: false });
    expect(assessPlan({ ...partial, refundFen: 29_900 }, misuse)).toMatchObject({ goodwillFen: 29_900, needsApproval: true });
    // Without the finding, the same refund is the price given back.
    expect(assessPlan({ ...partial, refundFen: 29_900 }, { ...misuse, responsibility: 'quality_defect' })).toMatchObject({ goodwillFen: 0, needsGoodwillReason: false });
  });

  it('property: approval is needed exactly when new goodwill takes the case past the threshold, and goodwill always needs a reason', () => {
    fc.assert(
      fc.property(arbTerms, fen, fen, fc.boolean(), (terms, threshold, given, fraudFound) => {
        const a = assessPlan(terms, { ...context, fraudFound, goodwillApprovalThresholdFen: threshold, goodwillGivenFen: given });
        expect(a.needsApproval).toBe(a.goodwillFen > 0 && a.goodwillFen + given > threshold);
        if (a.goodwillFen > 0) expect(a.needsGoodwillReason).toBe(true);
        expect(a.goodwillFen).toBeGreaterThanOrEqual(terms.couponFen + terms.cashFen);
      }),
    );
  });

  it('counts goodwill already paid on the case towards the limit: two plans under it cannot pass it unseen', () => {
    const coupon = { ...EMPTY_TERMS, couponFen: 19_900, keepItem: true };
    expect(assessPlan(coupon, context).needsApproval).toBe(false);
    expect(assessPlan(coupon, { ...context, goodwillGivenFen: 19_900 }).needsApproval).toBe(true);
    // A plan with no goodwill of its own needs no approval, whatever was given before.
    expect(assessPlan({ ...EMPTY_TERMS, refundFen: 29_900, returnRequired: true }, { ...context, goodwillGivenFen: 50_000 }).needsApproval).toBe(false);
  });

  it('holds a complaint’s plan that takes the goods back to the return they had when it was filed, and leaves repairs and apologies open', () => {
    const complaint = { ...context, eligibilityPath: 'always_accepted', returnRightPath: 'quality_return', responsibility: 'quality_defect' as const };
    const codes = (terms: typeof EMPTY_TERMS) => assessPlan(terms, complaint).violations.map((v) => v.code);
    expect(codes({ ...EMPTY_TERMS, refundFen: 20_000, returnRequired: true })).toEqual(['below_statutory_refund']);
    expect(codes({ ...EMPTY_TERMS, refundFen: 29_900, returnRequired: true })).toEqual([]);
    expect(codes({ ...EMPTY_TERMS, repair: true, returnRequired: true })).toEqual([]);
    expect(codes({ ...EMPTY_TERMS, couponFen: 2_000, apology: true, keepItem: true })).toEqual([]);
    // Past the return's days, or goods the customer damaged: no return right to fall below.
    expect(assessPlan({ ...EMPTY_TERMS, refundFen: 20_000, returnRequired: true }, { ...complaint, returnRightPath: null }).violations).toEqual([]);
    expect(assessPlan({ ...EMPTY_TERMS, refundFen: 20_000, returnRequired: true }, { ...complaint, responsibility: 'customer_misuse' }).violations).toEqual([]);
  });

  it('flags goodwill above the multiple of the goods’ value as excessive (RES-7); statutory fraud compensation is not goodwill', () => {
    const cash = (cashFen: number) => ({ ...EMPTY_TERMS, cashFen, keepItem: true });
    expect(assessPlan(cash(29_900), context).excessiveGoodwill).toBeNull();
    expect(assessPlan(cash(1_000_000), context)).toMatchObject({
      needsApproval: true, excessiveGoodwill: { goodwillFen: 1_000_000, limitFen: 29_900, goodsValueFen: 29_900, multiple: 1 },
    });
    // What the case already gave counts; a configured multiple moves the limit.
    expect(assessPlan(cash(20_000), { ...context, goodwillGivenFen: 10_000 }).excessiveGoodwill).toMatchObject({ goodwillFen: 30_000 });
    expect(assessPlan(cash(50_000), { ...context, excessiveGoodwillMultiple: 2 }).excessiveGoodwill).toBeNull();
    // On a cheap item goodwill within the approval threshold is never excessive.
    expect(assessPlan(cash(15_000), { ...context, goodsValueFen: 1_000 }).excessiveGoodwill).toBeNull();
    const fraud = { ...context, eligibilityPath: 'always_accepted', fraudFound: true, responsibility: 'merchant_error' as const };
    expect(assessPlan({ ...EMPTY_TERMS, keepItem: true, fraudCompensationFen: 89_700 }, fraud)).toMatchObject({ goodwillFen: 0, needsApproval: false, excessiveGoodwill: null });
  });

  it('property: excessive goodwill always needs approval', () => {
    fc.assert(
      fc.property(arbTerms, fen, fen, fen, (terms, threshold, given, value) => {
        const a = assessPlan(terms, { ...context, goodwillApprovalThresholdFen: threshold, goodwillGivenFen: given, goodsValueFen: value });
        expect(a.excessiveGoodwill !== null).toBe(a.goodwillFen > 0 && a.goodwillFen + given > Math.max(threshold, value));
        if (a.excessiveGoodwill) expect(a.needsApproval).toBe(true);
      }),
    );
  });

  it('property: when fraud is found, a staff plan below max(3×, 500 yuan) is always refused', () => {
    fc.assert(
      fc.property(arbTerms, fen, (terms, paid) => {
        const a = assessPlan(terms, { ...context, paidFen: paid, fraudMinimumFen: fraudCompensationFen(paid), fraudFound: true, eligibilityPath: null });
        const refused = a.violations.some((v) => v.code === 'below_statutory_fraud_compensation');
        expect(refused).toBe(terms.fraudCompensationFen < fraudCompensationFen(paid));
      }),
    );
  });
});

describe('refunds never exceed what was paid (RES-1, RES-7)', () => {
  const context = { fraudMinimumFen: 89_700, paidFen: 29_900, refundedFen: 0, eligibilityPath: 'no_reason_return', responsibility: 'no_fault' as const, fraudFound: false, goodwillApprovalThresholdFen: 20_000, goodwillGivenFen: 0, proposedByCustomer: false, returnRightPath: null, goodsValueFen: 29_900, excessiveGoodwillMultiple: 1 };
  const above = (a: ReturnType<typeof assessPlan>) => a.violations.filter((v) => v.code === 'refund_above_refundable');

  it('refuses a second full refund after a full refund, naming the field, for staff and customer alike', () => {
    const full = { ...EMPTY_TERMS, refundFen: 29_900 };
    expect(above(assessPlan(full, context))).toEqual([]);
    for (const proposedByCustomer of [false, true]) {
      const a = assessPlan(full, { ...context, refundedFen: 29_900, proposedByCustomer });
      expect(above(a).map((v) => v.field)).toEqual(['terms.refundFen']);
      expect(above(a)[0]!.text['en-US']).toContain('0 yuan');
      expect(above(a)[0]!.text['zh-CN']).toContain('已退 299 元');
    }
  });

  it('holds a return plan to the remainder of the price, not the whole price, once part was refunded', () => {
    const rest = { ...EMPTY_TERMS, refundFen: 19_900, returnRequired: true };
    expect(assessPlan(rest, { ...context, refundedFen: 10_000 }).violations).toEqual([]);
    expect(assessPlan({ ...rest, refundFen: 19_000 }, { ...context, refundedFen: 10_000 }).violations.map((v) => v.code)).toEqual(['below_statutory_refund']);
    expect(assessPlan({ ...rest, refundFen: 29_900 }, { ...context, refundedFen: 10_000 }).violations.map((v) => v.code)).toEqual(['refund_above_refundable']);
  });

  it('property: a refund is refused exactly when it is above paid − refunded; compensation is never capped by it', () => {
    fc.assert(
      fc.property(arbTerms, fen, fen, fc.boolean(), fc.boolean(), (terms, paidFen, refundedFen, proposedByCustomer, fraudFound) => {
        const ctx = { ...context, paidFen, refundedFen, proposedByCustomer, fraudFound, fraudMinimumFen: fraudCompensationFen(paidFen) };
        const refundable = refundableFen(paidFen, refundedFen);
        expect(refundable).toBe(Math.max(0, paidFen - refundedFen));
        expect(above(assessPlan(terms, ctx)).length).toBe(terms.refundFen > refundable ? 1 : 0);
        // The same plan with its refund brought within the cap is never refused for it, whatever it compensates.
        expect(above(assessPlan({ ...terms, refundFen: Math.min(terms.refundFen, refundable) }, ctx))).toEqual([]);
      }),
    );
  });

  it('property: on a statutory return path the floor and the cap never contradict each other', () => {
    fc.assert(
      fc.property(fen, fen, (paidFen, refundedFen) => {
        const terms = { ...EMPTY_TERMS, returnRequired: true, refundFen: refundableFen(paidFen, refundedFen) };
        const codes = assessPlan(terms, { ...context, paidFen, refundedFen }).violations.map((v) => v.code);
        expect(codes).toEqual([]);
      }),
    );
  });
});

describe('refundedAgainstGoods: one price is refunded once, whatever the number of cases', () => {
  const line = (orderItemId: string, caseQuantity: number, orderQuantity: number, paidFen: number) => ({ orderItemId, caseQuantity, orderQuantity, paidFen });

  it('counts another case’s refund on the same single-unit line in full', () => {
    expect(refundedAgainstGoods({ ownRefundedFen: 0, lines: [line('a', 1, 1, 10_000)], otherCases: [{ refundedFen: 6_000, lines: [line('a', 1, 1, 10_000)] }] })).toBe(6_000);
  });

  it('lets the other units of a multi-unit line absorb what another case refunded first', () => {
    // Two units for 200 yuan: the first case refunded one unit; the second unit is still refundable in full.
    const mine = [line('a', 1, 2, 20_000)];
    expect(refundedAgainstGoods({ ownRefundedFen: 0, lines: mine, otherCases: [{ refundedFen: 10_000, lines: [line('a', 1, 2, 20_000)] }] })).toBe(0);
    // …but not twice: after 150 yuan refunded elsewhere, only 50 yuan of the line is left.
    expect(refundedAgainstGoods({ ownRefundedFen: 0, lines: mine, otherCases: [{ refundedFen: 15_000, lines: [line('a', 2, 2, 20_000)] }] })).toBe(5_000);
  });

  it('attributes a multi-item case’s refund to the shared line by its share of that case', () => {
    const other = { refundedFen: 9_000, lines: [line('a', 1, 1, 10_000), line('b', 1, 1, 20_000)] };
    expect(refundedAgainstGoods({ ownRefundedFen: 1_000, lines: [line('a', 1, 1, 10_000)], otherCases: [other] })).toBe(1_000 + 3_000);
  });

  it('charges price protection to every unit it covered: a unit returned afterwards gives back its price less its share', () => {
    // Two units for 399 yuan each, 100 yuan of price protection on both: one unit is worth 349 yuan.
    const protection = { refundedFen: 10_000, lines: [line('a', 2, 2, 79_800)], lowersPrice: true };
    const oneUnit = [line('a', 1, 2, 79_800)];
    expect(priceLoweredAgainstGoods(oneUnit, [protection])).toBe(5_000);
    expect(refundedAgainstGoods({ ownRefundedFen: 0, lines: oneUnit, otherCases: [protection] })).toBe(5_000);
    // The second unit after the first came back for 349 yuan: 349 yuan again, 798 in all.
    const firstReturn = { refundedFen: 34_900, lines: oneUnit };
    expect(refundedAgainstGoods({ ownRefundedFen: 0, lines: oneUnit, otherCases: [protection, firstReturn] })).toBe(5_000);
    // A second price protection on both units counts the first in full.
    expect(priceLoweredAgainstGoods([line('a', 2, 2, 79_800)], [protection])).toBe(10_000);
    // A refund for units of their own is not spread: the other unit absorbs it.
    expect(priceLoweredAgainstGoods(oneUnit, [{ ...protection, lowersPrice: false }])).toBe(0);
  });

  it('counts 假一赔三 paid on the same units only: another unit of the line is owed its own (RES-2)', () => {
    const first = { compensatedFen: 89_700, lines: [line('a', 1, 2, 59_800)] };
    expect(fraudCompensatedAgainstGoods({ ownFen: 0, lines: [line('a', 1, 2, 59_800)], otherCases: [first] })).toBe(0);
    expect(fraudCompensatedAgainstGoods({ ownFen: 0, lines: [line('a', 2, 2, 59_800)], otherCases: [first] })).toBe(89_700);
    // A single unit complained of twice, and the case's own compensation (a reopen), count in full.
    expect(fraudCompensatedAgainstGoods({ ownFen: 0, lines: [line('a', 1, 1, 29_900)], otherCases: [{ compensatedFen: 89_700, lines: [line('a', 1, 1, 29_900)] }] })).toBe(89_700);
    expect(fraudCompensatedAgainstGoods({ ownFen: 50_000, lines: [line('a', 1, 2, 59_800)], otherCases: [] })).toBe(50_000);
  });

  it('never counts less than the case’s own refunds, and refundable never goes below zero', () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.array(fc.record({ refundedFen: fc.nat(100_000), share: fc.integer({ min: 1, max: 3 }) }), { maxLength: 4 }),
        (own, others) => {
          const mine = [line('a', 1, 3, 30_000)];
          const refunded = refundedAgainstGoods({
            ownRefundedFen: own,
            lines: mine,
            otherCases: others.map((o) => ({ refundedFen: o.refundedFen, lines: [line('a', o.share, 3, 30_000)] })),
          });
          expect(refunded).toBeGreaterThanOrEqual(own);
          expect(refundableFen(10_000, refunded)).toBeGreaterThanOrEqual(0);
          // What all cases together may refund of the line never exceeds the line's price.
          const othersTotal = others.reduce((sum, o) => sum + o.refundedFen, 0);
          if (own === 0 && othersTotal <= 30_000) expect(refundableFen(10_000, refunded) + othersTotal).toBeLessThanOrEqual(30_000);
        },
      ),
    );
  });
});
