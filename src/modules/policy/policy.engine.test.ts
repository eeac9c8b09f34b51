import { describe, it, expect } from 'vitest';
import { evaluateEligibility, summarizeProductPolicy } from './policy.engine.ts';
import type { EligibilityDecision } from './policy.engine.ts';
import { cst, makeInput } from './policy.fixtures.ts';
import { PLATFORM_BASELINE } from './policy.rules.ts';

const codes = (d: EligibilityDecision) => d.reasons.map((r) => r.code);

describe('no-reason return (七天无理由退货)', () => {
  it('counts 7 local days from the day after sign-off', () => {
    const on = evaluateEligibility(makeInput({ now: cst('2026-11-08T23:00:00') }));
    expect(on.eligible).toBe(true);
    expect(on.path).toBe('no_reason_return');
    expect(on.deadline?.toISOString()).toBe(cst('2026-11-08T23:59:59.999').toISOString());
    expect(on.returnRequired).toBe(true);
    expect(on.reasons[0]?.text['zh-CN']).toContain('签收次日起7天内可申请无理由退货');

    const after = evaluateEligibility(makeInput({ now: cst('2026-11-09T00:30:00') }));
    expect(after.eligible).toBe(false);
    expect(codes(after)).toContain('window_expired');
    expect(after.deadline).toEqual(on.deadline);
  });

  describe('counted from the confirmation of receipt (POL-2)', () => {
    const fromConfirmation = { noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, startsAt: 'receipt_confirmed' as const } };

    it('runs the days from the day after the buyer confirmed receipt', () => {
      const input = { rules: fromConfirmation, delivery: { receiptConfirmedAt: cst('2026-11-05T09:00:00') } };
      const d = evaluateEligibility(makeInput({ ...input, now: cst('2026-11-12T22:00:00') }));
      expect(d.eligible).toBe(true);
      expect(d.deadline?.toISOString()).toBe(cst('2026-11-12T23:59:59.999').toISOString());
      expect(d.reasons[0]?.text['zh-CN']).toContain('确认收货次日起7天内可申请无理由退货');
      const after = evaluateEligibility(makeInput({ ...input, now: cst('2026-11-13T00:10:00') }));
      expect(after.eligible).toBe(false);
      expect(codes(after)).toContain('window_expired');
    });

    it('is open, with no end yet, while the buyer has not confirmed', () => {
      const d = evaluateEligibility(makeInput({ rules: fromConfirmation, now: cst('2026-11-20T12:00:00') }));
      expect(d.eligible).toBe(true);
      expect(d.deadline).toBeNull();
      expect(codes(d)[0]).toBe('window_not_started');
    });

    it('never ends before the law’s 7 days after sign-off, however early the confirmation is dated', () => {
      const early = { rules: { noReasonReturn: { ...fromConfirmation.noReasonReturn, days: 3 } }, delivery: { receiptConfirmedAt: cst('2026-10-31T09:00:00') } };
      const d = evaluateEligibility(makeInput({ ...early, now: cst('2026-11-08T20:00:00') }));
      expect(d.eligible).toBe(true);
      expect(d.deadline?.toISOString()).toBe(cst('2026-11-08T23:59:59.999').toISOString());
      expect(codes(d)).toContain('statutory_minimum_applied');
    });

    it('leaves fault returns counted from sign-off', () => {
      const d = evaluateEligibility(makeInput({ reason: 'quality', rules: fromConfirmation, delivery: { receiptConfirmedAt: cst('2026-11-20T09:00:00') }, now: cst('2026-11-10T12:00:00') }));
      expect(d.eligible).toBe(false);
      expect(codes(d)).toContain('window_expired');
    });
  });

  it('excludes custom-made goods whatever their condition', () => {
    const d = evaluateEligibility(makeInput({ product: { flags: ['custom_made'] }, item: { condition: { opened: false } } }));
    expect(d.eligible).toBe(false);
    expect(codes(d)).toEqual(['excluded_custom_made']);
    expect(d.returnShipping.paidBy).toBeNull();
  });

  it('excludes newspapers and periodicals once delivered, sealed or not, but lets one in transit be refused', () => {
    const delivered = evaluateEligibility(makeInput({ product: { flags: ['periodical'] }, item: { condition: { opened: false } } }));
    expect(delivered.eligible).toBe(false);
    expect(codes(delivered)).toEqual(['excluded_periodical']);
    const inTransit = evaluateEligibility(makeInput({ kind: 'refund_only', delivery: { signedAt: null, shipped: true }, product: { flags: ['periodical'] } }));
    expect(inTransit.eligible).toBe(true);
    // Quality problems are not no-reason returns: the exclusion does not touch them.
    expect(evaluateEligibility(makeInput({ reason: 'quality', product: { flags: ['periodical'] } })).eligible).toBe(true);
  });

  it('keeps an item opened for inspection or reasonably tried as intact', () => {
    const d = evaluateEligibility(makeInput({ item: { condition: { opened: true, trialUse: true, packagingComplete: false } } }));
    expect(d.eligible).toBe(true);
    expect(codes(d)).toEqual(expect.arrayContaining(['within_window', 'opened_for_inspection_ok', 'trial_use_ok', 'packaging_incomplete']));
  });

  it('excludes cosmetics and intimate apparel only once unsealed', () => {
    const sealed = evaluateEligibility(makeInput({ product: { flags: ['cosmetics'] }, item: { condition: { opened: false } } }));
    expect(sealed.eligible).toBe(true);
    expect(codes(sealed)).toContain('must_stay_sealed');
    const opened = evaluateEligibility(makeInput({ product: { flags: ['cosmetics', 'intimate_apparel'] }, item: { condition: { opened: true } } }));
    expect(opened.eligible).toBe(false);
    expect(codes(opened)).toEqual(['excluded_cosmetics', 'excluded_intimate_apparel']);
  });

  it('refuses items damaged by use or missing accessories, and admin-excluded categories', () => {
    expect(codes(evaluateEligibility(makeInput({ item: { condition: { damagedByCustomer: true } } })))).toEqual(['not_resaleable']);
    expect(codes(evaluateEligibility(makeInput({ item: { condition: { accessoriesComplete: false } } })))).toEqual(['accessories_incomplete']);
    const rules = { noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, excludedCategories: ['furniture'] } };
    expect(codes(evaluateEligibility(makeInput({ rules, product: { category: 'furniture' } })))).toEqual(['excluded_category']);
  });

  it('ignores exclusions the law does not allow and days below the law', () => {
    const rules = { noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 5, excludedFlags: ['warranty_goods' as const] } };
    const d = evaluateEligibility(makeInput({ rules, product: { flags: ['warranty_goods'] }, now: cst('2026-11-08T12:00:00') }));
    expect(d.eligible).toBe(true);
    expect(codes(d)).toContain('statutory_minimum_applied');
  });

  it('lets the buyer pay return shipping unless insured or the seller offers free returns', () => {
    expect(evaluateEligibility(makeInput()).returnShipping).toEqual({ paidBy: 'customer', reasonCode: 'buyer_no_reason' });
    expect(evaluateEligibility(makeInput({ order: { shippingInsurance: true } })).returnShipping.paidBy).toBe('insurer');
    expect(evaluateEligibility(makeInput({ rules: { freeReturnShipping: true } })).returnShipping.paidBy).toBe('merchant');
    expect(evaluateEligibility(makeInput({ rules: { freeReturnShipping: true }, order: { sellerIsPlatform: true } })).returnShipping.paidBy).toBe('platform');
  });

  it('allows refusing the parcel before delivery, with no window yet', () => {
    const d = evaluateEligibility(makeInput({ delivery: { signedAt: null, shipped: true } }));
    expect(d).toMatchObject({ eligible: true, path: 'no_reason_return', deadline: null, returnRequired: true });
    expect(codes(d)).toContain('not_yet_delivered');
    const custom = evaluateEligibility(makeInput({ delivery: { signedAt: null, shipped: true }, product: { flags: ['custom_made'] } }));
    expect(custom.eligible).toBe(false);
    expect(codes(custom)).toEqual(['not_yet_delivered', 'excluded_custom_made']);
  });

  it('refunds an order that has not shipped without any return', () => {
    const d = evaluateEligibility(makeInput({ delivery: { signedAt: null, shipped: false } }));
    expect(d).toMatchObject({ eligible: true, path: 'not_received_refund', returnRequired: false, returnShipping: { paidBy: null } });
  });
});

describe('fault returns', () => {
  it('accepts a quality return within 7 days, the seller paying shipping', () => {
    const d = evaluateEligibility(makeInput({ reason: 'quality', now: cst('2026-11-08T20:00:00') }));
    expect(d).toMatchObject({ eligible: true, path: 'quality_return', returnShipping: { paidBy: 'merchant', reasonCode: 'seller_responsible' } });
    const platform = evaluateEligibility(makeInput({ reason: 'not_as_described', order: { sellerIsPlatform: true } }));
    expect(platform).toMatchObject({ eligible: true, path: 'not_as_described_return', returnShipping: { paidBy: 'platform' } });
  });

  it('refuses a late quality return, pointing to the exchange while it is open and to the warranty after', () => {
    const late = evaluateEligibility(makeInput({ reason: 'quality', now: cst('2026-11-10T09:00:00') }));
    expect(late).toMatchObject({ eligible: false, advisedKind: 'exchange' });
    expect(codes(late)).toEqual(['window_expired', 'exchange_available']);
    // The same item as warranty goods on a policy of 10 exchange days: the 三包 15 days still apply.
    const floor = evaluateEligibility(
      makeInput({ reason: 'quality', now: cst('2026-11-14T09:00:00'), product: { flags: ['warranty_goods'] }, rules: { qualityExchange: { days: 10 } } }),
    );
    expect(floor).toMatchObject({ eligible: false, advisedKind: 'exchange' });
    expect(floor.reasons.find((r) => r.code === 'exchange_available')?.text['zh-CN']).toContain('2026-11-16');
    const later = evaluateEligibility(makeInput({ reason: 'quality', now: cst('2026-11-20T09:00:00') }));
    expect(later).toMatchObject({ eligible: false, advisedKind: null });
    expect(codes(later)).toEqual(['window_expired', 'repair_available']);
    // The exchange it points to is open at that moment.
    expect(evaluateEligibility(makeInput({ kind: 'exchange', reason: 'quality', now: cst('2026-11-10T09:00:00') })).eligible).toBe(true);
  });

  it('gives the three-guarantees return after two failed repairs within warranty', () => {
    const d = evaluateEligibility(makeInput({ reason: 'quality', now: cst('2027-03-01T09:00:00'), history: { failedRepairs: 2 } }));
    expect(d).toMatchObject({ eligible: true, path: 'three_guarantees_replacement', returnRequired: true });
  });

  it('handles transit damage as a logistics claim, and refuses damage the customer caused', () => {
    expect(evaluateEligibility(makeInput({ reason: 'logistics' }))).toMatchObject({ eligible: true, path: 'logistics_claim' });
    const d = evaluateEligibility(makeInput({ reason: 'quality', item: { condition: { damagedByCustomer: true } } }));
    expect(codes(d)).toEqual(['damaged_by_customer']);
  });
});

describe('refund only', () => {
  it('is eligible before shipment and in transit, without a return', () => {
    for (const delivery of [{ signedAt: null, shipped: false }, { signedAt: null, shipped: true }]) {
      const d = evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'quality', delivery }));
      expect(d).toMatchObject({ eligible: true, path: 'not_received_refund', returnRequired: false });
    }
  });

  it('in transit, refusing a parcel without a reason keeps the no-reason exclusions', () => {
    const inTransit = { delivery: { signedAt: null, shipped: true }, product: { flags: ['custom_made' as const] } };
    const custom = evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'no_reason', ...inTransit }));
    expect(custom).toMatchObject({ eligible: false, path: 'not_received_refund' });
    expect(codes(custom)).toEqual(['not_yet_delivered', 'excluded_custom_made']);
    // The same parcel for a fault, or an ordinary item without a reason, can be refused.
    expect(evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'quality', ...inTransit })).eligible).toBe(true);
    expect(evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'no_reason', delivery: inTransit.delivery })).eligible).toBe(true);
    // Before shipping nothing has left the seller: the order is refunded whatever it holds, and a
    // buyer who cancels custom work is told the maker may keep its losses (民法典 第七百八十七条).
    for (const kind of ['refund_only', 'return_refund'] as const) {
      const cancelled = evaluateEligibility(makeInput({ kind, reason: 'no_reason', ...inTransit, delivery: { signedAt: null, shipped: false } }));
      expect(cancelled).toMatchObject({ eligible: true, path: 'not_received_refund', returnRequired: false });
      expect(codes(cancelled)).toEqual(['not_yet_shipped', 'custom_made_cancelled']);
    }
    const ordinary = evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'no_reason', delivery: { signedAt: null, shipped: false } }));
    expect(codes(ordinary)).toEqual(['not_yet_shipped']);
  });

  it('after delivery covers missing or damaged items only, else advises return & refund', () => {
    const missing = evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'logistics' }));
    expect(missing).toMatchObject({ eligible: true, path: 'logistics_claim', returnRequired: false });
    const d = evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'quality' }));
    expect(d).toMatchObject({ eligible: false, path: 'return_refund_advised', advisedKind: 'return_refund' });
    expect(codes(d)).toEqual(['return_required']);
    // Once the return has closed, it is not advised: the answer says why, and what is still open.
    const late = evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'quality', now: cst('2026-11-10T09:00:00') }));
    expect(late).toMatchObject({ eligible: false, path: 'return_refund_advised', advisedKind: 'exchange' });
    expect(codes(late)).toEqual(['refund_only_not_applicable', 'window_expired', 'exchange_available']);
  });

  it('refunds spoiled fresh food on evidence, without sending it back', () => {
    const d = evaluateEligibility(makeInput({ kind: 'refund_only', reason: 'quality', product: { flags: ['perishable'] } }));
    expect(d).toMatchObject({ eligible: true, path: 'quality_return', returnRequired: false });
    expect(codes(d)).toContain('perishable_no_return');
    // Picked as a return and refund, it is not posted back either: rotten fruit does not travel.
    const asReturn = evaluateEligibility(makeInput({ kind: 'return_refund', reason: 'quality', product: { flags: ['perishable'] } }));
    expect(asReturn).toMatchObject({ eligible: true, path: 'quality_return', returnRequired: false });
    expect(codes(asReturn)).toContain('perishable_no_return');
    expect(evaluateEligibility(makeInput({ kind: 'return_refund', reason: 'quality' }))).toMatchObject({ returnRequired: true });
  });
});

describe('exchange', () => {
  const warranty = { flags: ['warranty_goods' as const] };
  it('accepts a quality exchange on day 14 and refuses it on day 16', () => {
    const day14 = evaluateEligibility(makeInput({ kind: 'exchange', reason: 'quality', product: warranty, now: cst('2026-11-15T12:00:00') }));
    expect(day14).toMatchObject({ eligible: true, path: 'quality_exchange', returnRequired: true });
    expect(day14.deadline).toEqual(cst('2026-11-16T23:59:59.999'));
    const day16 = evaluateEligibility(makeInput({ kind: 'exchange', reason: 'quality', product: warranty, now: cst('2026-11-17T12:00:00') }));
    expect(day16.eligible).toBe(false);
    expect(codes(day16)).toContain('window_expired');
  });

  it('offers no-reason exchange only when the policy enables it', () => {
    const off = evaluateEligibility(makeInput({ kind: 'exchange', reason: 'no_reason' }));
    expect(off).toMatchObject({ eligible: false, advisedKind: 'return_refund' });
    expect(codes(off)).toEqual(['no_reason_exchange_unavailable']);
    expect(off.reasons[0]?.text['zh-CN']).toContain('退货后重新购买');
    // Custom-made goods cannot be returned without reason either: no advice to return them.
    const custom = evaluateEligibility(makeInput({ kind: 'exchange', reason: 'no_reason', product: { flags: ['custom_made'] } }));
    expect(custom.eligible).toBe(false);
    expect(custom.reasons[0]?.code).toBe('no_reason_exchange_unavailable');
    expect(custom.reasons[0]?.text['zh-CN']).not.toContain('退货');
    expect(codes(custom)).toContain('excluded_custom_made');
    const on = evaluateEligibility(makeInput({ kind: 'exchange', reason: 'no_reason', rules: { noReasonExchange: { enabled: true, days: 7 } } }));
    expect(on).toMatchObject({ eligible: true, path: 'no_reason_exchange', returnShipping: { paidBy: 'customer' } });
  });

  it('cannot start before delivery', () => {
    const d = evaluateEligibility(makeInput({ kind: 'exchange', reason: 'quality', delivery: { signedAt: null } }));
    expect(d.eligible).toBe(false);
    expect(codes(d)).toEqual(['not_yet_delivered']);
  });
});

describe('repair', () => {
  it('repairs within the product warranty and refuses after it', () => {
    const d = evaluateEligibility(makeInput({ kind: 'repair', reason: 'quality', now: cst('2027-06-01T10:00:00') }));
    expect(d).toMatchObject({ eligible: true, path: 'warranty_repair', returnShipping: { paidBy: 'merchant' } });
    expect(d.deadline).toEqual(cst('2027-11-01T23:59:59.999'));
    const late = evaluateEligibility(makeInput({ kind: 'repair', reason: 'quality', now: cst('2027-11-02T00:00:01') }));
    expect(late.eligible).toBe(false);
    expect(codes(late)).toEqual(['outside_warranty']);
  });

  it('starts the warranty again from a replacement made under it, never from before sign-off', () => {
    const replaced = { kind: 'repair' as const, reason: 'quality' as const, history: { failedRepairs: 0, replacedAt: cst('2027-03-10T14:00:00') } };
    const d = evaluateEligibility(makeInput({ ...replaced, now: cst('2027-12-01T10:00:00') }));
    expect(d).toMatchObject({ eligible: true, path: 'warranty_repair' });
    expect(d.deadline).toEqual(cst('2028-03-10T23:59:59.999'));
    expect(d.reasons[0]?.text['zh-CN']).toContain('换货次日起12个月');
    const early = evaluateEligibility(makeInput({ kind: 'repair', reason: 'quality', history: { failedRepairs: 0, replacedAt: cst('2026-10-01T10:00:00') } }));
    expect(early.deadline).toEqual(cst('2027-11-01T23:59:59.999'));
  });

  it('falls back to the policy warranty, clamping to the month end, and knows products without warranty', () => {
    const d = evaluateEligibility(
      makeInput({ kind: 'repair', reason: 'quality', product: { warrantyMonths: null, flags: ['warranty_goods'] }, rules: { repair: { warrantyFallbackMonths: 1, failedRepairsBeforeReplacement: 2 } }, delivery: { signedAt: cst('2026-01-31T10:00:00') }, now: cst('2026-02-28T23:00:00') }),
    );
    expect(d.eligible).toBe(true);
    expect(d.deadline).toEqual(cst('2026-02-28T23:59:59.999'));
    expect(codes(evaluateEligibility(makeInput({ kind: 'repair', reason: 'quality', product: { warrantyMonths: 0 } })))).toEqual(['no_warranty']);
  });

  it('gives the default warranty only to 三包 goods: fresh food or clothes the shop sent no warranty for have none', () => {
    for (const flags of [[], ['perishable'], ['perishable', 'warranty_goods']] as const) {
      const d = evaluateEligibility(makeInput({ kind: 'repair', reason: 'quality', product: { warrantyMonths: null, flags: [...flags] } }));
      expect(codes(d), flags.join()).toEqual(['no_warranty']);
    }
  });

  it('offers a free repair for a fault only, and points to one only for a quality problem', () => {
    expect(codes(evaluateEligibility(makeInput({ kind: 'repair', reason: 'no_reason' })))).toEqual(['repair_needs_fault']);
    expect(evaluateEligibility(makeInput({ kind: 'repair', reason: 'no_reason' })).eligible).toBe(false);
    expect(evaluateEligibility(makeInput({ kind: 'repair', reason: 'quality' }))).toMatchObject({ eligible: true, path: 'warranty_repair' });
    // A no-reason return or a wrong description past its window is not a warranty matter.
    const late = cst('2026-11-20T09:00:00');
    expect(codes(evaluateEligibility(makeInput({ reason: 'no_reason', now: late })))).not.toContain('repair_available');
    expect(codes(evaluateEligibility(makeInput({ reason: 'not_as_described', now: late })))).not.toContain('repair_available');
    expect(codes(evaluateEligibility(makeInput({ reason: 'quality', now: late })))).toContain('repair_available');
  });

  it('turns into replacement or refund after two failed repairs', () => {
    const d = evaluateEligibility(makeInput({ kind: 'repair', reason: 'quality', history: { failedRepairs: 2 } }));
    expect(d).toMatchObject({ eligible: true, path: 'three_guarantees_replacement' });
    expect(d.reasons[0]?.code).toBe('repeated_repair_failure');
    expect(d.reasons[0]?.text['zh-CN']).toContain('换货或退货');
  });
});

describe('reship, price protection and always-accepted kinds', () => {
  it('reships missing parts within the window, not for no-reason requests', () => {
    expect(evaluateEligibility(makeInput({ kind: 'reship', reason: 'logistics' }))).toMatchObject({ eligible: true, path: 'reship', returnRequired: false });
    expect(codes(evaluateEligibility(makeInput({ kind: 'reship', reason: 'no_reason' })))).toEqual(['reason_not_applicable']);
    expect(evaluateEligibility(makeInput({ kind: 'reship', reason: 'quality', now: cst('2026-11-17T00:00:00') })).eligible).toBe(false);
  });

  it('reships or refunds a parcel the carrier lost, which will never be signed for (EX-6)', () => {
    const lost = (kind: 'reship' | 'refund_only' | 'return_refund') =>
      evaluateEligibility(makeInput({ kind, reason: 'logistics', delivery: { signedAt: null, shipped: true, lost: true } }));
    expect(lost('reship')).toMatchObject({ eligible: true, path: 'reship', returnRequired: false });
    expect(codes(lost('reship'))).toEqual(['parcel_lost']);
    expect(lost('refund_only')).toMatchObject({ eligible: true, path: 'not_received_refund' });
    expect(codes(lost('refund_only'))).toEqual(['parcel_lost']);
    expect(codes(lost('return_refund'))).toEqual(['parcel_lost']);
    // Merely in transit: wait for it, or refuse it.
    const moving = evaluateEligibility(makeInput({ kind: 'reship', reason: 'logistics', delivery: { signedAt: null, shipped: true } }));
    expect(moving.eligible).toBe(false);
  });

  it('counts price protection from the order when enabled', () => {
    expect(codes(evaluateEligibility(makeInput({ kind: 'price_protection' })))).toEqual(['price_protection_unavailable']);
    const rules = { priceProtection: { enabled: true, days: 7 } };
    const d = evaluateEligibility(makeInput({ kind: 'price_protection', rules, now: cst('2026-11-06T23:59:00') }));
    expect(d).toMatchObject({ eligible: true, path: 'price_protection', deadline: cst('2026-11-06T23:59:59.999') });
    expect(evaluateEligibility(makeInput({ kind: 'price_protection', rules, now: cst('2026-11-07T00:00:00') })).eligible).toBe(false);
    // Within the window but no cheaper today than what each unit cost: nothing to give back.
    const same = evaluateEligibility(makeInput({ kind: 'price_protection', rules, now: cst('2026-11-06T12:00:00'), product: { priceFen: 19_900 } }));
    expect(same.eligible).toBe(false);
    expect(codes(same)).toContain('no_price_drop');
    const cheaper = makeInput({ kind: 'price_protection', rules, now: cst('2026-11-06T12:00:00'), product: { priceFen: 9_900 }, item: { paidFen: 39_800, quantity: 2 } });
    expect(evaluateEligibility(cheaper).eligible).toBe(true);
  });

  it('always accepts consultations, complaints, tech support and logistics exceptions', () => {
    for (const kind of ['consultation', 'complaint', 'tech_support', 'logistics_exception'] as const) {
      const d = evaluateEligibility(makeInput({ kind, delivery: { signedAt: null, shipped: false } }));
      expect(d).toMatchObject({ eligible: true, path: 'always_accepted', returnRequired: false, deadline: null });
    }
  });
});

describe('the return a complaint’s goods keep (RES-2)', () => {
  it('names the return the goods had when the complaint was made, by its reason or else without one', () => {
    const complaint = (o: Parameters<typeof makeInput>[0]) => evaluateEligibility(makeInput({ kind: 'complaint', ...o })).returnRight;
    expect(complaint({ reason: 'quality' })).toBe('quality_return');
    expect(complaint({ reason: 'logistics', product: { category: 'electronics', flags: ['custom_made'], warrantyMonths: 12 } })).toBe('logistics_claim');
    // Past the 7 days of a faulty item's return but within the policy's 15 days without a reason.
    const noReason15 = { noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 15 } };
    expect(complaint({ reason: 'quality', rules: noReason15, now: cst('2026-11-12T12:00:00') })).toBe('no_reason_return');
    expect(complaint({ reason: 'quality', item: { paidFen: 19_900, quantity: 1, condition: { damagedByCustomer: true } } })).toBeNull();
    expect(complaint({ reason: 'quality', now: cst('2026-12-30T12:00:00') })).toBeNull();
    expect(complaint({ reason: 'quality', order: { placedAt: cst('2026-10-28T12:00:00'), shippingInsurance: false, sellerIsPlatform: false, status: 'cancelled' } })).toBeNull();
    // The other kinds say it with their own path.
    expect(evaluateEligibility(makeInput({ kind: 'return_refund' })).returnRight).toBeUndefined();
  });
});

describe('refund timing and time zones', () => {
  it('computes natural-day due dates, capped by the statutory 7 days, and leaves working days to the calendar', () => {
    const returnReceivedAt = cst('2026-11-10T10:00:00');
    const natural = evaluateEligibility(makeInput({ rules: { refund: { withinDays: 3, dayType: 'natural' } }, history: { failedRepairs: 0, returnReceivedAt } }));
    expect(natural.refund).toEqual({ withinDays: 3, dayType: 'natural', dueBy: cst('2026-11-13T23:59:59.999'), statutoryDueBy: cst('2026-11-17T23:59:59.999') });
    const working = evaluateEligibility(makeInput({ history: { failedRepairs: 0, returnReceivedAt } }));
    expect(working.refund).toMatchObject({ withinDays: 3, dayType: 'working', dueBy: null });
    expect(working.policyVersionId).toBe('pv-1');
  });

  it('uses local days of the given zone', () => {
    const signedAt = new Date('2026-11-01T23:30:00-05:00'); // already 11-02 in Shanghai
    const ny = evaluateEligibility(makeInput({ delivery: { signedAt }, timeZone: 'America/New_York', now: new Date('2026-11-08T23:00:00-05:00') }));
    expect(ny.deadline?.toISOString()).toBe(new Date('2026-11-08T23:59:59.999-05:00').toISOString());
    expect(evaluateEligibility(makeInput({ delivery: { signedAt } })).deadline).toEqual(cst('2026-11-09T23:59:59.999'));
  });
});

describe('summarizeProductPolicy', () => {
  it('states the 7-day no-reason return, warranty and shipping in plain words', () => {
    const s = summarizeProductPolicy(PLATFORM_BASELINE, { category: 'electronics', flags: ['warranty_goods'], warrantyMonths: 24 });
    expect(s.noReasonReturn).toEqual({ applies: true, days: 7, startsAt: 'sign_off', onlyWhileSealed: false, reasonCodes: [] });
    expect(s.text['zh-CN']).toContain('签收次日起7天内可无理由退货');
    expect(s.text['zh-CN']).toContain('保修24个月');
    expect(s.text['en-US']).toContain('24-month warranty');
    expect(s.returnShipping).toEqual({ noReason: 'customer', fault: 'merchant', insuranceCovers: true });
  });

  it('says why no-reason return does not apply', () => {
    const s = summarizeProductPolicy(PLATFORM_BASELINE, { category: 'food', flags: ['perishable'], warrantyMonths: 0 });
    expect(s.noReasonReturn.applies).toBe(false);
    expect(s.noReasonReturn.reasonCodes).toEqual(['excluded_perishable']);
    expect(s.text['zh-CN']).toContain('鲜活易腐商品,不支持七天无理由退货');
    expect(s.text['zh-CN']).toContain('不提供保修');
    const sealed = summarizeProductPolicy(PLATFORM_BASELINE, { category: 'beauty', flags: ['cosmetics'], warrantyMonths: null });
    expect(sealed.noReasonReturn).toMatchObject({ applies: true, onlyWhileSealed: true });
    expect(sealed.text['zh-CN']).toContain('化妆品拆封后不支持');
  });
});

describe('orders with nothing paid (VER-1)', () => {
  const kindsWithMoneyOrGoods = ['return_refund', 'refund_only', 'exchange', 'repair', 'reship', 'price_protection'] as const;

  it('refuses money or goods on an unpaid or a cancelled order, and says why', () => {
    for (const kind of kindsWithMoneyOrGoods) {
      const unpaid = evaluateEligibility(makeInput({ kind, reason: 'quality', order: { status: 'pending_payment' }, delivery: { signedAt: null, shipped: false } }));
      expect(unpaid).toMatchObject({ eligible: false, path: 'order_without_payment' });
      expect(codes(unpaid)).toEqual(['order_not_paid']);
      const cancelled = evaluateEligibility(makeInput({ kind, reason: 'quality', order: { status: 'cancelled' } }));
      expect(codes(cancelled)).toEqual(['order_cancelled']);
      expect(cancelled.eligible).toBe(false);
    }
  });

  it('still hears a complaint or a question about such an order, and judges paid orders as before', () => {
    expect(evaluateEligibility(makeInput({ kind: 'complaint', reason: 'quality', order: { status: 'cancelled' } })).eligible).toBe(true);
    const paid = evaluateEligibility(makeInput({ order: { status: 'delivered' }, now: cst('2026-11-05T10:00:00') }));
    expect(paid).toMatchObject({ eligible: true, path: 'no_reason_return' });
  });
});
