// The engine's input and decision shapes (see policy.engine.ts).
import type { CaseKind, LocalizedText, Party, ProductFlag, RequestReason } from '../../shared/vocabulary.ts';
import type { EligibilityPath, EligibilityReason } from './policy.reasons.ts';
import type { PolicyRules, RefundDayType } from './policy.rules.ts';

export interface ItemCondition {
  /** Unsealed or (for digital goods) downloaded. */
  opened?: boolean;
  trialUse?: boolean;
  damagedByCustomer?: boolean;
  accessoriesComplete?: boolean;
  packagingComplete?: boolean;
}

export interface EligibilityInput {
  kind: CaseKind;
  reason: RequestReason;
  now: Date;
  policy: { versionId: string; rules: PolicyRules };
  /** `categoryName` is what people read for the category code; without it the code is shown. */
  /** priceFen: today's price (price protection gives back a drop from what was paid). */
  product: { category: string; categoryName?: LocalizedText; flags: ProductFlag[]; warrantyMonths: number | null; priceFen?: number };
  item: { paidFen: number; quantity: number; condition?: ItemCondition };
  /** status: the shop's order status; unpaid and cancelled orders have nothing to give back. */
  order: { placedAt: Date; shippingInsurance: boolean; sellerIsPlatform: boolean; status?: string };
  /** receiptConfirmedAt: the buyer's confirmation of receipt (确认收货), when the shop system sent one. */
  /** lost: the carrier reported an undelivered outbound parcel lost (EX-6): it will never be signed for. */
  delivery: { signedAt: Date | null; shipped: boolean; receiptConfirmedAt?: Date | null; lost?: boolean };
  /** replacedAt: when the item was last replaced under warranty (its warranty starts again then). */
  history?: { failedRepairs: number; returnReceivedAt?: Date | null; replacedAt?: Date | null };
  /** Day boundaries are local days in this zone. */
  timeZone?: string;
}

export interface ReturnShipping {
  paidBy: Party | null;
  reasonCode: 'seller_responsible' | 'buyer_no_reason' | 'shipping_insurance' | 'seller_policy' | 'no_return_needed' | 'not_eligible';
}

export interface RefundTiming {
  withinDays: number;
  dayType: RefundDayType;
  /** Set for natural days once the return has arrived; working days are left to the business calendar. */
  dueBy: Date | null;
  /** The statutory ceiling: end of the 7th natural day after the return arrived. */
  statutoryDueBy: Date | null;
}

export interface EligibilityDecision {
  eligible: boolean;
  path: EligibilityPath;
  reasons: EligibilityReason[];
  /** End of the last local day of the window, or null when no window applies (yet). */
  deadline: Date | null;
  returnShipping: ReturnShipping;
  returnRequired: boolean;
  refund: RefundTiming;
  policyVersionId: string;
  /** The kind the customer should use instead, when this one does not fit. */
  advisedKind: CaseKind | null;
  /**
   * For a request heard whatever it asks (a complaint…): the return the goods had when it was made
   * (its path), or null. A plan that takes them back owes the price then (RES-2). Absent for the
   * other kinds, whose own path says it.
   */
  returnRight?: EligibilityPath | null;
}
