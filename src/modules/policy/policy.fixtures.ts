// Test builders and fast-check arbitraries for the policy module (imported by *.test.ts only).
import fc from 'fast-check';
import { CASE_KINDS, PRODUCT_FLAGS, REQUEST_REASONS } from '../../shared/vocabulary.ts';
import type { ProductFlag } from '../../shared/vocabulary.ts';
import { DAY_MS } from '../../shared/clock.ts';
import type { EligibilityInput } from './policy.types.ts';
import { NO_REASON_START_EVENTS, PLATFORM_BASELINE, REFUND_DAY_TYPES } from './policy.rules.ts';
import type { PolicyRules } from './policy.rules.ts';

export type DeepPartialInput = Partial<Omit<EligibilityInput, 'policy' | 'product' | 'item' | 'order' | 'delivery'>> & {
  rules?: Partial<PolicyRules>;
  product?: Partial<EligibilityInput['product']>;
  item?: Partial<EligibilityInput['item']>;
  order?: Partial<EligibilityInput['order']>;
  delivery?: Partial<EligibilityInput['delivery']>;
};

export const SIGNED = new Date('2026-11-01T15:00:00+08:00');
export const PLACED = new Date('2026-10-30T10:00:00+08:00');

/** A delivered, ordinary product under the platform baseline; override what the test is about. */
export function makeInput(o: DeepPartialInput = {}): EligibilityInput {
  const { rules, product, item, order, delivery, ...rest } = o;
  return {
    kind: 'return_refund',
    reason: 'no_reason',
    now: new Date('2026-11-03T12:00:00+08:00'),
    policy: { versionId: 'pv-1', rules: { ...structuredClone(PLATFORM_BASELINE), ...rules } },
    product: { category: 'electronics', flags: [], warrantyMonths: 12, ...product },
    item: { paidFen: 19_900, quantity: 1, ...item },
    order: { placedAt: PLACED, shippingInsurance: false, sellerIsPlatform: false, ...order },
    delivery: { signedAt: SIGNED, shipped: true, ...delivery },
    ...rest,
  };
}

/** Local wall-clock time in Asia/Shanghai. */
export function cst(local: string): Date {
  return new Date(`${local}+08:00`);
}

const days = fc.integer({ min: 0, max: 60 });

export const arbPolicyRules: fc.Arbitrary<PolicyRules> = fc.record({
  noReasonReturn: fc.record({
    enabled: fc.boolean(),
    days,
    startsAt: fc.constantFrom(...NO_REASON_START_EVENTS),
    excludedFlags: fc.subarray([...PRODUCT_FLAGS]),
    excludedCategories: fc.subarray(['food', 'furniture', 'books']),
    buyerPaysShipping: fc.boolean(),
  }),
  noReasonExchange: fc.record({ enabled: fc.boolean(), days }),
  qualityReturn: fc.record({ days }),
  qualityExchange: fc.record({ days }),
  notAsDescribed: fc.record({ days }),
  logisticsClaim: fc.record({ days }),
  repair: fc.record({ warrantyFallbackMonths: fc.integer({ min: 0, max: 36 }), failedRepairsBeforeReplacement: fc.integer({ min: 1, max: 4 }) }),
  reship: fc.record({ days }),
  priceProtection: fc.record({ enabled: fc.boolean(), days }),
  refund: fc.record({ withinDays: fc.integer({ min: 0, max: 10 }), dayType: fc.constantFrom(...REFUND_DAY_TYPES) }),
  freeReturnShipping: fc.boolean(),
  fraudCompensation: fc.record({ multiplier: fc.integer({ min: 0, max: 10 }), minimumFen: fc.integer({ min: 0, max: 100_000 }) }),
  goodwill: fc.record({ approvalThresholdFen: fc.integer({ min: 0, max: 1_000_000 }) }),
});

/** Raises every day and month count by a non-negative amount: a policy at least as generous. */
export function raiseDays(r: PolicyRules, by: (n: number) => number): PolicyRules {
  const up = (n: number) => n + Math.max(0, by(n));
  return {
    ...r,
    noReasonReturn: { ...r.noReasonReturn, days: up(r.noReasonReturn.days) },
    noReasonExchange: { ...r.noReasonExchange, days: up(r.noReasonExchange.days) },
    qualityReturn: { days: up(r.qualityReturn.days) },
    qualityExchange: { days: up(r.qualityExchange.days) },
    notAsDescribed: { days: up(r.notAsDescribed.days) },
    logisticsClaim: { days: up(r.logisticsClaim.days) },
    repair: { ...r.repair, warrantyFallbackMonths: up(r.repair.warrantyFallbackMonths) },
    reship: { days: up(r.reship.days) },
    priceProtection: { ...r.priceProtection, days: up(r.priceProtection.days) },
  };
}

const BASE_MS = Date.parse('2025-01-01T00:00:00Z');
const ALWAYS_ACCEPTED = ['consultation', 'complaint', 'tech_support', 'logistics_exception'] as const;
const WINDOW_KINDS = CASE_KINDS.filter((k) => !(ALWAYS_ACCEPTED as readonly string[]).includes(k));
/** Mostly false, so that generated cases are not all blocked by a bad condition. */
const rarely = fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 });
const mostly = rarely.map((b) => !b);

export const arbInput: fc.Arbitrary<EligibilityInput> = fc
  .record({
    kind: fc.oneof({ arbitrary: fc.constantFrom(...WINDOW_KINDS), weight: 6 }, { arbitrary: fc.constantFrom(...ALWAYS_ACCEPTED), weight: 1 }),
    reason: fc.constantFrom(...REQUEST_REASONS),
    rules: arbPolicyRules,
    category: fc.constantFrom('electronics', 'food', 'books'),
    flags: fc.oneof({ arbitrary: fc.constant<ProductFlag[]>([]), weight: 2 }, { arbitrary: fc.subarray([...PRODUCT_FLAGS], { maxLength: 2 }), weight: 1 }),
    warrantyMonths: fc.option(fc.integer({ min: 0, max: 36 }), { nil: null }),
    condition: fc.option(
      fc.record(
        { opened: fc.boolean(), trialUse: fc.boolean(), damagedByCustomer: rarely, accessoriesComplete: mostly, packagingComplete: mostly },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    placedOffset: fc.integer({ min: 0, max: 700 * DAY_MS }),
    signedAfter: fc.option(fc.integer({ min: 0, max: 20 * DAY_MS }), { nil: null }),
    confirmedAfter: fc.option(fc.integer({ min: 0, max: 15 * DAY_MS }), { nil: null }),
    shipped: fc.boolean(),
    nowAfter: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 * DAY_MS }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 500 * DAY_MS }), weight: 1 }),
    shippingInsurance: fc.boolean(),
    sellerIsPlatform: fc.boolean(),
    failedRepairs: fc.integer({ min: 0, max: 3 }),
    receivedAfter: fc.option(fc.integer({ min: 0, max: 30 * DAY_MS }), { nil: null }),
    timeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin'),
  })
  .map((g) => {
    const placedAt = new Date(BASE_MS + g.placedOffset);
    const signedAt = g.signedAfter === null ? null : new Date(placedAt.getTime() + g.signedAfter);
    return {
      kind: g.kind,
      reason: g.reason,
      now: new Date(placedAt.getTime() + g.nowAfter),
      policy: { versionId: 'pv-prop', rules: g.rules },
      product: { category: g.category, flags: g.flags, warrantyMonths: g.warrantyMonths },
      item: { paidFen: 10_000, quantity: 1, ...(g.condition ? { condition: g.condition } : {}) },
      order: { placedAt, shippingInsurance: g.shippingInsurance, sellerIsPlatform: g.sellerIsPlatform },
      delivery: {
        signedAt,
        shipped: g.shipped,
        receiptConfirmedAt: signedAt && g.confirmedAfter !== null ? new Date(signedAt.getTime() + g.confirmedAfter) : null,
      },
      history: {
        failedRepairs: g.failedRepairs,
        returnReceivedAt: signedAt && g.receivedAfter !== null ? new Date(signedAt.getTime() + g.receivedAfter) : null,
      },
      timeZone: g.timeZone,
    };
  });
