// Pure rules for plans and money (VER-5, RES-1..7): who bears a cost given the responsibility
// finding, whether a plan respects the customer's statutory rights, and how much of it is
// goodwill that needs a reason or a supervisor's approval.
import type { LocalizedText, Party, Responsibility } from '../../shared/vocabulary.ts';

export const PLAN_TYPES = [
  'full_refund',
  'partial_refund',
  'return_and_refund',
  'exchange',
  'repair',
  'reship_parts',
  'compensation',
  'apology',
  'extended_warranty',
  'fraud_compensation',
  'answer',
] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** What the customer is offered; every amount is in fen. */
export interface OfferTerms {
  refundFen: number;
  returnRequired: boolean;
  keepItem: boolean;
  couponFen: number;
  cashFen: number;
  pointsAwarded: number;
  replacement: boolean;
  repair: boolean;
  reshipParts: boolean;
  extendedWarrantyMonths: number;
  apology: boolean;
  fraudCompensationFen: number;
}

export const EMPTY_TERMS: OfferTerms = {
  refundFen: 0,
  returnRequired: false,
  keepItem: false,
  couponFen: 0,
  cashFen: 0,
  pointsAwarded: 0,
  replacement: false,
  repair: false,
  reshipParts: false,
  extendedWarrantyMonths: 0,
  apology: false,
  fraudCompensationFen: 0,
};

export type Seller = 'merchant' | 'platform';

/** The party that bears refunds and compensation for a responsibility finding. */
export function liableParty(responsibility: Responsibility, seller: Seller): Party {
  switch (responsibility) {
    case 'quality_defect':
    case 'packaging':
    case 'not_as_described':
    case 'merchant_error':
    case 'no_fault': // a no-reason refund gives the seller's revenue back
      return seller;
    case 'logistics_damage':
      return 'carrier';
    case 'platform_error':
      return 'platform';
    case 'customer_misuse':
      return 'customer';
    default: {
      const unreachable: never = responsibility;
      return unreachable;
    }
  }
}

/** What points are worth when judged as goodwill: 100 points to the yuan, the usual rate of Chinese shops. */
export const POINTS_PER_YUAN = 100;
export const pointsValueFen = (points: number): number => Math.ceil((points * 100) / POINTS_PER_YUAN);

/** 假一赔三 as the law states it; a policy may promise more (see `PlanContext.fraudMinimumFen`). */
export { statutoryFraudCompensationFen as fraudCompensationFen } from '../policy/policy.law.ts';

export interface PlanContext {
  /** What the customer paid for the items of the case. */
  paidFen: number;
  /** What the case has already refunded of that price (refunds paid out; failed attempts do not count). */
  refundedFen: number;
  /** The policy path that made the case eligible (e.g. 'no_reason_return'). */
  eligibilityPath: string | null;
  /**
   * The path by which the law lets the customer return the goods for their price: the case's own,
   * or for a request heard whatever it asks (a complaint…) the return its goods had when it was filed.
   */
  returnRightPath: string | null;
  responsibility: Responsibility;
  /** Fraud established by the investigation (sold as genuine but fake, false advertising…). */
  fraudFound: boolean;
  goodwillApprovalThresholdFen: number;
  /** Goodwill already paid on this case (RES-3: the limit is per case; two plans under it each cannot add up past it unseen). */
  goodwillGivenFen: number;
  /** What compensation is measured against (RES-7): the goods' price, or the order's for a case about the whole order. */
  goodsValueFen: number;
  /** Goodwill above this multiple of the goods' value (and above the approval threshold) is excessive. */
  excessiveGoodwillMultiple: number;
  /** What the policy in force promises for fraud (never below the law: policyFraudCompensationFen). */
  fraudMinimumFen: number;
  /** A customer's own counter-offer may waive rights; a staff plan may not. */
  proposedByCustomer: boolean;
  /**
   * Price protection: what is left of the drop in price of the case's units, all it owes. Absent
   * (or null) on other kinds of case.
   */
  priceDropLeftFen?: number | null;
}

export interface PlanViolation {
  code: string;
  field: string;
  text: LocalizedText;
}

export interface PlanAssessment {
  violations: PlanViolation[];
  goodwillFen: number;
  needsGoodwillReason: boolean;
  needsApproval: boolean;
  /**
   * RES-7: goodwill out of proportion to the goods (with what the case already gave), or null. It is
   * flagged on the case and approved by someone other than who proposed it, supervisors included.
   */
  excessiveGoodwill: { goodwillFen: number; limitFen: number; goodsValueFen: number; multiple: number } | null;
}

// Paths on which the law gives a return for the full price: no reason within 7 days, a defect,
// goods not as described, goods damaged in transit (nonconforming too), a third failed repair, non-delivery.
const STATUTORY_RETURN_PATHS = new Set([
  'no_reason_return', 'quality_return', 'not_as_described_return', 'logistics_claim', 'three_guarantees_replacement', 'not_received_refund',
]);

/**
 * What the case may still refund: the price paid less what was already refunded. Compensation
 * (coupon, cash, 假一赔三) is not a refund and is not counted here.
 */
export interface CaseLine {
  orderItemId: string;
  caseQuantity: number;
  orderQuantity: number;
  /** What the whole order line cost. */
  paidFen: number;
}

/** The part of an order line's price a case claims (its units' share). */
export const lineShareFen = (l: CaseLine): number => Math.floor((l.paidFen * Math.min(l.caseQuantity, l.orderQuantity)) / l.orderQuantity);

/** Another case's refunds and the order lines it claims. */
export interface OtherCaseRefunds {
  refundedFen: number;
  lines: CaseLine[];
  /**
   * Price protection: the customer keeps the goods, and each unit the case covers became cheaper by
   * its share of the refund. Other refunds paid for units of their own (a return, a refund instead).
   */
  lowersPrice?: boolean;
}

/** Another case's refund attributed to one of its lines, in proportion to what the line costs within that case. */
function refundOnLine(other: OtherCaseRefunds, line: CaseLine): number {
  const claimed = other.lines.reduce((total, l) => total + lineShareFen(l), 0);
  return claimed === 0 ? 0 : (other.refundedFen * lineShareFen(line)) / claimed;
}

const unitsOf = (l: CaseLine): number => Math.min(l.caseQuantity, l.orderQuantity);

/**
 * What other cases paid on the very units this case claims. A case covering u of a line's n units
 * shares at least u + q − n of them with a case claiming q, and each shared unit carries its share
 * of what was paid on that line (attributed to the line as refundOnLine does).
 */
function paidOnSharedUnits(lines: CaseLine[], otherCases: OtherCaseRefunds[]): number {
  let paid = 0;
  for (const other of otherCases) {
    if (other.refundedFen === 0) continue;
    for (const theirs of other.lines) {
      const mine = lines.find((l) => l.orderItemId === theirs.orderItemId);
      if (!mine || unitsOf(theirs) === 0) continue;
      const shared = Math.max(0, unitsOf(theirs) + unitsOf(mine) - mine.orderQuantity);
      paid += (refundOnLine(other, theirs) * shared) / unitsOf(theirs);
    }
  }
  return Math.round(paid);
}

/**
 * Price-protection refunds of other cases that lowered the price of this case's units: after 100
 * yuan of price protection on two units, one of them is worth 50 yuan less, whichever it is.
 */
export function priceLoweredAgainstGoods(lines: CaseLine[], otherCases: OtherCaseRefunds[]): number {
  return paidOnSharedUnits(lines, otherCases.filter((o) => o.lowersPrice));
}

/**
 * 假一赔三 already paid for this case's units (RES-1, RES-2): the case's own, and what other cases
 * paid for the same units. The law compensates a purchase of each unit once; another unit of the
 * same order line, complained of on its own, is owed its own.
 */
export function fraudCompensatedAgainstGoods(input: { ownFen: number; lines: CaseLine[]; otherCases: { compensatedFen: number; lines: CaseLine[] }[] }): number {
  return input.ownFen + paidOnSharedUnits(input.lines, input.otherCases.map((o) => ({ refundedFen: o.compensatedFen, lines: o.lines })));
}

/**
 * How much of the price of a case's goods counts as already refunded: the case's own refunds, the
 * price protection on its units (priceLoweredAgainstGoods), plus other cases' refunds on the same
 * order lines beyond what is left of the units of those lines this case does not claim. Refunds
 * are recorded per case, not per item, so another case's refund is attributed to the shared lines
 * in proportion to what they cost within that case.
 */
export function refundedAgainstGoods(input: { ownRefundedFen: number; lines: CaseLine[]; otherCases: OtherCaseRefunds[] }): number {
  const mine = new Map(input.lines.map((l) => [l.orderItemId, l]));
  const onMyLines = (other: OtherCaseRefunds) => other.lines.filter((l) => mine.has(l.orderItemId)).reduce((total, l) => total + refundOnLine(other, l), 0);
  const priceLowered = priceLoweredAgainstGoods(input.lines, input.otherCases);
  const priceProtection = input.otherCases.filter((o) => o.lowersPrice).reduce((total, o) => total + onMyLines(o), 0);
  const othersOnMyLines = Math.round(input.otherCases.filter((o) => !o.lowersPrice).reduce((total, o) => total + onMyLines(o), 0));
  // The units this case does not claim absorb other refunds first, up to what they are still worth:
  // their price less the price protection paid on them.
  const unclaimedByMe = input.lines.reduce((total, l) => total + l.paidFen - lineShareFen(l), 0) - Math.round(priceProtection - priceLowered);
  return input.ownRefundedFen + priceLowered + Math.max(0, othersOnMyLines - Math.max(0, unclaimedByMe));
}

export function refundableFen(paidFen: number, refundedFen: number): number {
  return Math.max(0, paidFen - refundedFen);
}

const yuan = (fen: number) => fen / 100;

export function assessPlan(terms: OfferTerms, context: PlanContext): PlanAssessment {
  const violations: PlanViolation[] = [];
  const refundable = refundableFen(context.paidFen, context.refundedFen);
  // A refund gives the price back, so it can never exceed what is left of it: after a full refund
  // and a reopen there is nothing more to refund. Goodwill goes through compensation instead.
  // This holds for the customer's own counter-offer too.
  if (terms.refundFen > refundable) {
    violations.push({
      code: 'refund_above_refundable',
      field: 'terms.refundFen',
      text: {
        'zh-CN': `退款金额（${yuan(terms.refundFen)} 元）超过可退金额（${yuan(refundable)} 元：实付 ${yuan(context.paidFen)} 元，已退 ${yuan(context.refundedFen)} 元）；额外补偿请使用优惠券或现金补偿`,
        'en-US': `The refund (${yuan(terms.refundFen)} yuan) is more than what is still refundable (${yuan(refundable)} yuan: ${yuan(context.paidFen)} paid, ${yuan(context.refundedFen)} already refunded); give goodwill as a coupon or cash compensation`,
      },
    });
  }
  // The statutory full refund is whatever of the price is still unrefunded (money already paid
  // back on the case counts towards it).
  // Goods the customer damaged are neither 完好 for a no-reason return nor covered by 三包 (人为损坏):
  // the finding takes the statutory full refund away, and any refund given is goodwill.
  const customerAtFault = context.responsibility === 'customer_misuse';
  const returnPath = (path: string | null) => path !== null && STATUTORY_RETURN_PATHS.has(path);
  // A request that asked for no return (a complaint…) keeps the return its goods had: a plan taking
  // them back for good owes their price, while a repair (they come back) stays open to offer.
  const statutoryReturn = !customerAtFault && (returnPath(context.eligibilityPath) || (returnPath(context.returnRightPath) && !terms.repair));
  const fullRefund = terms.refundFen >= refundable;
  // 三包 after two failed repairs: the customer is owed a replacement or a refund; a third repair
  // or a coupon in their place is below the law (a customer may still ask for one themselves).
  const ladder = !customerAtFault && context.eligibilityPath === 'three_guarantees_replacement';
  if (!context.proposedByCustomer && ladder && !terms.replacement && !fullRefund) {
    violations.push({
      code: 'below_three_guarantees',
      field: 'terms',
      text: {
        'zh-CN': `商品经两次修理仍不能正常使用，依三包规定应为客户更换或退货并全额退款（${yuan(refundable)} 元），不得再修理或以补偿代替`,
        'en-US': `Two repairs did not fix the goods: by the three-guarantees rules the customer is owed a replacement or a return with a full refund (${yuan(refundable)} yuan), not another repair or compensation instead`,
      },
    });
  } else if (!context.proposedByCustomer && statutoryReturn && terms.returnRequired && !fullRefund && !terms.replacement) {
    violations.push({
      code: 'below_statutory_refund',
      field: 'terms.refundFen',
      text: {
        'zh-CN': `客户依法可退货并全额退款（${yuan(refundable)} 元），退货方案不得低于全额退款`,
        'en-US': `The customer may by law return the goods for a full refund (${yuan(refundable)} yuan); a return plan may not refund less`,
      },
    });
  }
  // 退一赔三 (消保法 第五十五条): goods taken back for fraud are refunded in full, and the
  // compensation comes on top of the refund, never in its place.
  if (context.fraudFound && !context.proposedByCustomer && terms.returnRequired && !fullRefund && !terms.replacement && !statutoryReturn) {
    violations.push({
      code: 'fraud_refund_required',
      field: 'terms.refundFen',
      text: {
        'zh-CN': `经营者存在欺诈，退回商品须全额退还价款（${yuan(refundable)} 元），三倍赔偿另行支付`,
        'en-US': `Fraud was found: goods taken back are refunded in full (${yuan(refundable)} yuan), with the threefold compensation on top`,
      },
    });
  }
  const fraudMinimum = context.fraudMinimumFen;
  if (context.fraudFound && !context.proposedByCustomer && terms.fraudCompensationFen < fraudMinimum) {
    violations.push({
      code: 'below_statutory_fraud_compensation',
      field: 'terms.fraudCompensationFen',
      text: {
        'zh-CN': `经营者存在欺诈，依法应赔偿价款的三倍且不少于 500 元（至少 ${fraudMinimum / 100} 元）`,
        'en-US': `Fraud was found: the law requires three times the price, at least 500 yuan (at least ${fraudMinimum / 100} yuan)`,
      },
    });
  }
  if (terms.refundFen < 0 || terms.couponFen < 0 || terms.cashFen < 0 || terms.fraudCompensationFen < 0) {
    violations.push({ code: 'negative_amount', field: 'terms', text: { 'zh-CN': '金额不能为负数', 'en-US': 'Amounts cannot be negative' } });
  }
  // Goodwill: whatever goes beyond giving the money back and the statutory compensation (a refund
  // above what is refundable is refused above, never counted as goodwill).
  const fraudAboveStatute = context.fraudFound ? Math.max(0, terms.fraudCompensationFen - fraudMinimum) : terms.fraudCompensationFen;
  // Price protection owes the drop in price: a refund above it with the goods kept gives more than
  // the price fell. The policy lets staff give more for a reason (RES-3), so it is goodwill like a
  // refund to a customer at fault, with its reason and approval; taking the goods back is a return,
  // judged as one above.
  const priceDropLeft = context.priceDropLeftFen ?? null;
  const aboveDrop = priceDropLeft !== null && !terms.returnRequired ? Math.max(0, terms.refundFen - priceDropLeft) : 0;
  const refundAsGoodwill = customerAtFault ? terms.refundFen : aboveDrop;
  const goodwillFen = terms.couponFen + terms.cashFen + fraudAboveStatute + pointsValueFen(terms.pointsAwarded) + refundAsGoodwill;
  const goodwillMonths = terms.extendedWarrantyMonths > 0;
  const caseGoodwill = goodwillFen + context.goodwillGivenFen;
  // Within the approval threshold goodwill is never excessive: a small apology on a cheap item is not.
  const excessiveLimit = Math.max(context.goodwillApprovalThresholdFen, Math.floor(context.goodsValueFen * context.excessiveGoodwillMultiple));
  const excessive = goodwillFen > 0 && caseGoodwill > excessiveLimit;
  return {
    violations,
    goodwillFen,
    needsGoodwillReason: !context.proposedByCustomer && (goodwillFen > 0 || goodwillMonths),
    needsApproval: goodwillFen > 0 && (caseGoodwill > context.goodwillApprovalThresholdFen || excessive),
    excessiveGoodwill: excessive
      ? { goodwillFen: caseGoodwill, limitFen: excessiveLimit, goodsValueFen: context.goodsValueFen, multiple: context.excessiveGoodwillMultiple }
      : null,
  };
}

export interface LedgerLine {
  entryType: 'refund' | 'compensation' | 'fraud_compensation';
  amountFen: number;
  borneBy: Party;
  paidTo: 'customer';
  reason: string;
  /** How compensation is given (money when absent); points also carry their number. */
  instrument?: 'money' | 'coupon' | 'points';
  points?: number;
}

/** The money lines an accepted plan commits to, each naming who bears it and why. */
export function plannedLedger(terms: OfferTerms, responsibility: Responsibility, seller: Seller): LedgerLine[] {
  const payer = liableParty(responsibility, seller);
  // A customer at fault still gets goodwill from the seller, never from themselves.
  const goodwillPayer: Party = payer === 'customer' ? seller : payer;
  const lines: LedgerLine[] = [];
  if (terms.refundFen > 0) {
    lines.push({ entryType: 'refund', amountFen: terms.refundFen, borneBy: payer === 'customer' ? seller : payer, paidTo: 'customer', reason: responsibility });
  }
  // Each instrument is its own line: cash, coupons and points are paid by different systems.
  if (terms.cashFen > 0) {
    lines.push({ entryType: 'compensation', amountFen: terms.cashFen, borneBy: goodwillPayer, paidTo: 'customer', reason: responsibility, instrument: 'money' });
  }
  if (terms.couponFen > 0) {
    lines.push({ entryType: 'compensation', amountFen: terms.couponFen, borneBy: goodwillPayer, paidTo: 'customer', reason: responsibility, instrument: 'coupon' });
  }
  if (terms.pointsAwarded > 0) {
    lines.push({
      entryType: 'compensation', amountFen: pointsValueFen(terms.pointsAwarded), borneBy: goodwillPayer, paidTo: 'customer', reason: responsibility,
      instrument: 'points', points: terms.pointsAwarded,
    });
  }
  if (terms.fraudCompensationFen > 0) {
    lines.push({ entryType: 'fraud_compensation', amountFen: terms.fraudCompensationFen, borneBy: seller, paidTo: 'customer', reason: 'fraud' });
  }
  return lines;
}

/**
 * The ledger lines a task settles: doing it executes them, cancelling it cancels them. Each
 * planned line belongs to the plan (offer) of its task, so a task never pays another plan's line.
 * A shipping reimbursement pays back the return fee the customer advanced (no plan of its own).
 */
export function ledgerEntriesSettledBy(taskType: string): string[] {
  switch (taskType) {
    case 'refund':
      return ['refund'];
    case 'compensation':
      return ['compensation', 'fraud_compensation'];
    case 'shipping_reimbursement':
      return ['return_shipping'];
    default:
      return [];
  }
}

/** Execution tasks an accepted plan needs, in the order they happen. */
/**
 * Tasks that cannot be done before another task of the same plan: the repaired item goes back only
 * once repaired; a refund for a parcel still on its way waits until the parcel is stopped, or the
 * buyer would keep both the goods and the money.
 */
const TASK_PREREQUISITE: Readonly<Record<string, string>> = { ship_back_repaired: 'repair', refund: 'intercept_parcel' };

/** Why a task waits for its prerequisite, for the refusal. */
export const PREREQUISITE_TEXT: Readonly<Record<string, LocalizedText>> = {
  repair: { 'zh-CN': '请先完成维修，再寄回商品', 'en-US': 'Complete the repair before shipping the item back' },
  intercept_parcel: { 'zh-CN': '包裹仍在途中：拦截成功或包裹退回商家后才能退款', 'en-US': 'The parcel is still on its way: refund once it is intercepted or back with the seller' },
};

/** The type of the still-open task of the same plan that `type` has to wait for, or null. */
export function taskWaitingFor(type: string, openTypesOfPlan: readonly string[]): string | null {
  const before = TASK_PREREQUISITE[type];
  return before !== undefined && openTypesOfPlan.includes(before) ? before : null;
}

export function tasksForTerms(terms: OfferTerms): ('refund' | 'ship_replacement' | 'repair' | 'ship_back_repaired' | 'compensation')[] {
  const tasks: ('refund' | 'ship_replacement' | 'repair' | 'ship_back_repaired' | 'compensation')[] = [];
  if (terms.refundFen > 0) tasks.push('refund');
  if (terms.replacement || terms.reshipParts) tasks.push('ship_replacement');
  if (terms.repair) tasks.push('repair', 'ship_back_repaired');
  if (terms.couponFen + terms.cashFen + terms.fraudCompensationFen + terms.pointsAwarded > 0) tasks.push('compensation');
  return tasks;
}
