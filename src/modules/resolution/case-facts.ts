// The facts a plan is judged against: what was paid and already refunded, which policy path made the case
// eligible, who sells (merchant or platform), and the policy rules in force for the order (with the
// platform's goodwill approval threshold in force now).
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { Party } from '../../shared/vocabulary.ts';
import type { GoverningRules } from '../policy/policy.rules.ts';
import { rulesForCase } from '../policy/policy.service.ts';
import { fraudCompensatedForGoods, goodwillGivenForGoods, paidForCase, priceDropFen, refundedForCase } from './offer.repository.ts';
import type { Seller } from './resolution.rules.ts';

export interface CaseFacts {
  /** What the customer paid that a refund can give back: the goods, and the order's shipping fee where it goes back too. */
  paidFen: number;
  /** The price of the goods alone (假一赔三 is counted on it, 消保法 第五十五条: 购买商品的价款). */
  goodsPaidFen: number;
  /** Refunds already paid for these goods (this case, any plan, and other cases on the same order lines): a new plan refunds at most paidFen − refundedFen. */
  refundedFen: number;
  /** Price protection already paid on these units: a price drop is given back once. */
  priceProtectedFen: number;
  /** 假一赔三 already paid for these units, on this case or another claiming the same units (owed once per unit). */
  fraudCompensatedFen: number;
  /**
   * Goodwill (coupons, cash, points) already given for these goods: paid on this case, or given on
   * another case about the same order lines. The limits are not per plan, nor renewed by a new case.
   */
  goodwillPaidFen: number;
  /**
   * Price protection (a price_protection case): the drop in price of its units and what is left of
   * it after price protection already paid on them. Null on other kinds of case.
   */
  priceDrop: { dropFen: number; leftFen: number } | null;
  eligibilityPath: string | null;
  /**
   * The path by which the customer may return the goods for their price: the case's own, or, for a
   * request heard whatever it asks (a complaint…), the return its goods had when it was filed.
   */
  returnRightPath: string | null;
  /** What compensation is measured against (RES-7): the goods' price, or the order's for a case about the whole order. */
  goodsValueFen: number;
  returnShippingPaidBy: Party | null;
  /** Whether the policy decision at intake asked for the goods back. */
  eligibilityReturnRequired: boolean | null;
  seller: Seller;
  rules: GoverningRules;
  /** Fraud was found on the case (cases.fraud_found_at): every later plan owes 假一赔三 until compliance withdraws it. */
  fraudFound: boolean;
}

interface StoredEligibility {
  items?: { path?: string; returnShippingPaidBy?: Party | null; returnRequired?: boolean; returnRight?: string | null }[];
}

/** Where the order's own shipping fee goes back with a whole-order refund: it never arrived, or the seller was at fault. */
const SHIPPING_REFUNDED_PATHS = new Set(['not_received_refund', 'quality_return', 'not_as_described_return', 'logistics_claim', 'three_guarantees_replacement']);

export async function caseFacts(db: Kysely<DB>, row: CaseRow, now: Date): Promise<CaseFacts> {
  const eligibility = row.eligibility as StoredEligibility | null;
  const path = eligibility?.items?.[0]?.path ?? null;
  const [paid, refunded, fraudCompensatedFen, goodwillPaidFen, merchant, rules, order] = await Promise.all([
    paidForCase(db, row.id, path !== null && SHIPPING_REFUNDED_PATHS.has(path)),
    refundedForCase(db, row.id),
    fraudCompensatedForGoods(db, row.id),
    goodwillGivenForGoods(db, row.id),
    row.merchant_id
      ? db.selectFrom('merchants').select('platform_operated').where('id', '=', row.merchant_id).executeTakeFirst()
      : Promise.resolve(undefined),
    rulesForCase(db, row.policy_version_id, now),
    row.order_id ? db.selectFrom('orders').select('total_fen').where('id', '=', row.order_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const first = eligibility?.items?.[0];
  const priceDrop = row.kind === 'price_protection' ? await priceDropFen(db, row.id, refunded.priceProtectedFen) : null;
  return {
    paidFen: paid.totalFen,
    goodsPaidFen: paid.goodsFen,
    refundedFen: refunded.refundedFen,
    priceProtectedFen: refunded.priceProtectedFen,
    fraudCompensatedFen,
    goodwillPaidFen,
    priceDrop,
    eligibilityPath: first?.path ?? null,
    returnRightPath: first?.path === 'always_accepted' ? (first.returnRight ?? null) : (first?.path ?? null),
    goodsValueFen: paid.goodsFen > 0 ? paid.goodsFen : Number(order?.total_fen ?? 0),
    returnShippingPaidBy: first?.returnShippingPaidBy ?? null,
    eligibilityReturnRequired: first?.returnRequired ?? null,
    seller: !merchant || merchant.platform_operated ? 'platform' : 'merchant',
    rules,
    fraudFound: row.fraud_found_at !== null,
  };
}
