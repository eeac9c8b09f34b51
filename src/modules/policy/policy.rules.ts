// The after-sales policy document (POL-1..POL-11) and the platform baseline (POL-9).
// A policy is plain JSON so it can be versioned in `policy_versions.rules` and published as-is (POL-8).
import { z } from 'zod';
import { PRODUCT_FLAGS } from '../../shared/vocabulary.ts';
import type { ProductFlag } from '../../shared/vocabulary.ts';

export const REFUND_DAY_TYPES = ['working', 'natural'] as const;
export type RefundDayType = (typeof REFUND_DAY_TYPES)[number];

/**
 * What the no-reason days are counted from (POL-2): sign-off (签收, the law's), or the buyer's
 * confirmation of receipt (确认收货, sent by the shop system), which never comes before it. Whatever the
 * start, the window never closes before the law's 7 days after sign-off.
 */
export const NO_REASON_START_EVENTS = ['sign_off', 'receipt_confirmed'] as const;
export type NoReasonStartEvent = (typeof NO_REASON_START_EVENTS)[number];

/**
 * Which version of the policies governs an order (POL-10): the one in force when the order was placed,
 * or when it was delivered (orders not yet delivered go by placement). A platform setting: on a
 * merchant policy it is not stored.
 */
export const VERSION_BASES = ['order_placed', 'delivered'] as const;
export type VersionBasis = (typeof VERSION_BASES)[number];

export interface NoReasonReturnRules {
  enabled: boolean;
  /** Counted from the day after the start event (签收次日起 by default). Law floor: 7 from sign-off. */
  days: number;
  startsAt: NoReasonStartEvent;
  /** Product flags excluded from no-reason return; only statutory ones are lawful (see policy.law.ts). */
  excludedFlags: ProductFlag[];
  /** Categories the platform admin excludes on top of the law (shown before ordering, POL-3). */
  excludedCategories: string[];
  buyerPaysShipping: boolean;
}

export interface RefundRules {
  /** Refund or replacement after the returned goods arrive (POL-6); law ceiling 7 natural days. */
  withinDays: number;
  dayType: RefundDayType;
}

export interface PolicyRules {
  noReasonReturn: NoReasonReturnRules;
  /** Optional generosity: exchange without a reason. */
  noReasonExchange: { enabled: boolean; days: number };
  /** Quality return window from sign-off (三包: 7 days). */
  qualityReturn: { days: number };
  /** Quality exchange window from sign-off (三包: 15 days). */
  qualityExchange: { days: number };
  notAsDescribed: { days: number };
  /** Transit damage or missing items, reported within this many days after delivery. */
  logisticsClaim: { days: number };
  repair: {
    /** Used when a product has no own warranty period (POL-11). */
    warrantyFallbackMonths: number;
    /** 三包: after this many failed repairs the buyer gets a replacement or refund (law: at most 2). */
    failedRepairsBeforeReplacement: number;
  };
  /** Missing or damaged parts reported within this many days after sign-off. */
  reship: { days: number };
  /** Price drops within this many days after the order was placed are refunded. */
  priceProtection: { enabled: boolean; days: number };
  refund: RefundRules;
  /**
   * Merchant generosity: the seller pays return shipping for every return. Faulty goods go back at
   * the seller's cost anyway, so in effect this and `noReasonReturn.buyerPaysShipping: false` are
   * one promise (see sellerPaysNoReasonShipping).
   */
  freeReturnShipping: boolean;
  /** 假一赔三 (消费者权益保护法 第五十五条): a policy may promise more, never less. */
  fraudCompensation: { multiplier: number; minimumFen: number };
  /**
   * RES-3: goodwill above `approvalThresholdFen` (integer fen) needs a supervisor's approval. RES-7:
   * goodwill above `excessiveMultiple` times the goods' value (and above that threshold) is
   * excessive: flagged, and approved by someone other than who proposed it; absent in versions
   * stored before it existed (EXCESSIVE_GOODWILL_MULTIPLE then). The platform's control over its
   * staff and merchants, not a promise to buyers: platform policies only, and the values in force
   * now apply to every case (see rulesForCase).
   */
  goodwill?: GoodwillRules;
  /** Platform policies only (see VERSION_BASES); absent means by order placement. */
  versionBasis?: VersionBasis;
}

export interface GoodwillRules {
  approvalThresholdFen: number;
  excessiveMultiple?: number;
}

/** The rules that govern an order or a case: a policy with the platform's own settings filled in. */
export type GoverningRules = PolicyRules & { goodwill: GoodwillRules };

/** The clauses only the platform sets (POL-9, POL-10, RES-3): a merchant policy leaves them out. */
export const PLATFORM_SETTINGS = ['goodwill', 'versionBasis'] as const satisfies readonly (keyof PolicyRules)[];

// Ten years of days is far beyond any sensible policy and keeps date arithmetic in range.
const dayCount = z.number().int().min(0).max(3650);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const goodwillSchema = z.strictObject({ approvalThresholdFen: fen, excessiveMultiple: z.number().min(0).max(100).optional() });

/** A platform baseline: every clause, the platform's own settings included. */
export const policyRulesSchema = z.strictObject({
  noReasonReturn: z.strictObject({
    enabled: z.boolean(),
    days: dayCount,
    // Versions stored before the start event was configurable count from sign-off.
    startsAt: z.enum(NO_REASON_START_EVENTS).default('sign_off'),
    excludedFlags: z.array(z.enum(PRODUCT_FLAGS)),
    excludedCategories: z.array(z.string().trim().min(1).max(100)),
    buyerPaysShipping: z.boolean(),
  }),
  noReasonExchange: z.strictObject({ enabled: z.boolean(), days: dayCount }),
  qualityReturn: z.strictObject({ days: dayCount }),
  qualityExchange: z.strictObject({ days: dayCount }),
  notAsDescribed: z.strictObject({ days: dayCount }),
  logisticsClaim: z.strictObject({ days: dayCount }),
  repair: z.strictObject({
    warrantyFallbackMonths: z.number().int().min(0).max(1200),
    failedRepairsBeforeReplacement: z.number().int().min(1).max(100),
  }),
  reship: z.strictObject({ days: dayCount }),
  priceProtection: z.strictObject({ enabled: z.boolean(), days: dayCount }),
  refund: z.strictObject({ withinDays: z.number().int().min(0).max(365), dayType: z.enum(REFUND_DAY_TYPES) }),
  freeReturnShipping: z.boolean(),
  fraudCompensation: z.strictObject({ multiplier: z.number().min(0).max(100), minimumFen: fen }),
  goodwill: goodwillSchema,
  versionBasis: z.enum(VERSION_BASES).optional(),
}) satisfies z.ZodType<GoverningRules>;

/**
 * A merchant policy: the same clauses, the platform's settings optional. A form started from the
 * platform's rules may send them back as they are; any other value is refused by name (compareWithBaseline).
 */
export const merchantPolicyRulesSchema = policyRulesSchema.extend({ goodwill: goodwillSchema.optional() }) satisfies z.ZodType<PolicyRules>;

/** Parses untrusted JSON (an admin form, a stored version) into a policy; throws a ZodError when invalid. */
export function parsePolicyRules(json: unknown): PolicyRules {
  return policyRulesSchema.parse(json);
}

/** Goodwill worth more than the goods themselves is out of proportion to any fault in them (RES-7). */
export const EXCESSIVE_GOODWILL_MULTIPLE = 1;

/**
 * The platform baseline (POL-9): every merchant policy must be at least this generous.
 * Numbers the SPEC leaves open are our defaults: 7 days for not-as-described and transit claims
 * (the same as the quality return the law gives), 15 days for missing parts (they show up on
 * assembly), 12 months of warranty (the usual 三包 period), and price protection left to merchants.
 */
export const PLATFORM_BASELINE: GoverningRules = {
  noReasonReturn: {
    enabled: true,
    days: 7,
    startsAt: 'sign_off',
    excludedFlags: ['custom_made', 'perishable', 'periodical', 'digital', 'opened_software', 'intimate_apparel', 'cosmetics'],
    excludedCategories: [],
    buyerPaysShipping: true,
  },
  noReasonExchange: { enabled: false, days: 7 },
  qualityReturn: { days: 7 },
  qualityExchange: { days: 15 },
  notAsDescribed: { days: 7 },
  logisticsClaim: { days: 7 },
  repair: { warrantyFallbackMonths: 12, failedRepairsBeforeReplacement: 2 },
  reship: { days: 15 },
  priceProtection: { enabled: false, days: 7 },
  refund: { withinDays: 3, dayType: 'working' },
  freeReturnShipping: false,
  fraudCompensation: { multiplier: 3, minimumFen: 50_000 },
  goodwill: { approvalThresholdFen: 20_000, excessiveMultiple: EXCESSIVE_GOODWILL_MULTIPLE },
  versionBasis: 'order_placed',
};

/**
 * Whether the seller pays the return shipping of a no-reason return (POL-4). Two clauses can make
 * that promise; either is enough, and a policy is judged by the promise, not by which clause says it.
 */
export function sellerPaysNoReasonShipping(rules: Pick<PolicyRules, 'freeReturnShipping' | 'noReasonReturn'>): boolean {
  return rules.freeReturnShipping || !rules.noReasonReturn.buyerPaysShipping;
}

/**
 * POL-11: the warranty of a product. The shop's own figure when it sent one; otherwise the default
 * only for 三包 goods (flagged warranty_goods) and never for perishables: fresh salmon or jeans
 * the shop sent no warranty for have none.
 */
export function warrantyMonthsOf(product: { flags: readonly ProductFlag[]; warrantyMonths: number | null }, rules: Pick<PolicyRules, 'repair'>): number {
  if (product.warrantyMonths !== null) return Math.max(0, product.warrantyMonths);
  if (product.flags.includes('perishable') || !product.flags.includes('warranty_goods')) return 0;
  return rules.repair.warrantyFallbackMonths;
}
