// The eligibility engine (POL-1..POL-7, POL-11, RES-2): which policy path a request takes, whether it
// is open, until when, and who pays return shipping. Pure: no I/O, no clock, no randomness.
// The law is applied as a floor even when a policy below it slipped through: a decision never takes
// away a statutory right (RES-2).
import type { CaseKind, Party, RequestReason } from '../../shared/vocabulary.ts';
import { DEFAULT_TIME_ZONE, localDate } from '../../shared/time.ts';
import { dayWindowEnd, monthWindowEnd } from './policy.calendar.ts';
import { ALWAYS_EXCLUDED_FLAGS, LAW, STATUTORY_EXCLUDABLE_FLAGS } from './policy.law.ts';
import { type PolicyRules, sellerPaysNoReasonShipping, warrantyMonthsOf } from './policy.rules.ts';
import type { EligibilityDecision, EligibilityInput, RefundTiming, ReturnShipping } from './policy.types.ts';
import { nameOfCategory, REASONS } from './policy.reasons.ts';
import type { EligibilityPath, EligibilityReason, WindowAnchor } from './policy.reasons.ts';

export { ELIGIBILITY_PATHS, PATH_LABELS } from './policy.reasons.ts';
export type { EligibilityPath, EligibilityReason } from './policy.reasons.ts';
export { summarizeProductPolicy } from './policy.summary.ts';
export type { KindSummary, ProductPolicySummary } from './policy.summary.ts';
export type { EligibilityDecision, EligibilityInput, ItemCondition, RefundTiming, ReturnShipping } from './policy.types.ts';

type Outcome = Omit<EligibilityDecision, 'refund' | 'policyVersionId'>;

interface Ctx {
  input: EligibilityInput;
  rules: PolicyRules;
  now: Date;
  tz: string;
  signedAt: Date | null;
}

interface Barriers {
  blocks: EligibilityReason[];
  notes: EligibilityReason[];
}

const NO_SHIPPING: ReturnShipping = { paidBy: null, reasonCode: 'no_return_needed' };

function outcome(
  path: EligibilityPath,
  eligible: boolean,
  reasons: EligibilityReason[],
  opts: { deadline?: Date | null; returnRequired?: boolean; shipping?: ReturnShipping; advisedKind?: CaseKind } = {},
): Outcome {
  return {
    eligible,
    path,
    reasons,
    deadline: opts.deadline ?? null,
    returnRequired: eligible ? (opts.returnRequired ?? false) : false,
    returnShipping: eligible ? (opts.shipping ?? NO_SHIPPING) : { paidBy: null, reasonCode: 'not_eligible' },
    advisedKind: opts.advisedKind ?? null,
  };
}

function sellerParty(ctx: Ctx): Party {
  return ctx.input.order.sellerIsPlatform ? 'platform' : 'merchant';
}

/** Quality, description and transit faults are the seller's to carry (POL-4). */
function sellerPays(ctx: Ctx): ReturnShipping {
  return { paidBy: sellerParty(ctx), reasonCode: 'seller_responsible' };
}

/** No-reason returns: the buyer pays by law unless insured or the seller promised otherwise (POL-4). */
function noReasonShipping(ctx: Ctx): ReturnShipping {
  // Insurance first: a 运费险 claim settles the freight whoever would otherwise pay it.
  if (ctx.input.order.shippingInsurance) return { paidBy: 'insurer', reasonCode: 'shipping_insurance' };
  if (sellerPaysNoReasonShipping(ctx.rules)) return { paidBy: sellerParty(ctx), reasonCode: 'seller_policy' };
  return { paidBy: 'customer', reasonCode: 'buyer_no_reason' };
}

interface Window {
  open: boolean;
  deadline: Date;
  reason: EligibilityReason;
  notes: EligibilityReason[];
}

/** A window whose start event has not happened yet: open, with no end so far. */
type MaybeStartedWindow = Window | (Omit<Window, 'deadline'> & { deadline: null });

function dayWindow(ctx: Ctx, path: EligibilityPath, anchor: WindowAnchor, from: Date, configured: number, statutory: number): Window {
  const days = Math.max(configured, statutory);
  const deadline = dayWindowEnd(from, days, ctx.tz);
  const date = localDate(deadline, ctx.tz);
  const open = ctx.now.getTime() <= deadline.getTime();
  return {
    open,
    deadline,
    reason: open ? REASONS.withinWindow(path, anchor, days, date) : REASONS.windowExpired(path, anchor, days, date),
    notes: configured < statutory ? [REASONS.statutoryMinimumApplied(configured, statutory)] : [],
  };
}

/**
 * POL-2: the no-reason days count from the policy's start event, and never close before the law's
 * 7 days from sign-off. Counted from the buyer's confirmation of receipt, the window has not started
 * while the buyer has not confirmed (the shop system confirms for them after its own period).
 */
function noReasonWindow(ctx: Ctx, path: EligibilityPath, signedAt: Date): MaybeStartedWindow {
  const { days, startsAt } = ctx.rules.noReasonReturn;
  if (startsAt === 'sign_off') return dayWindow(ctx, path, 'sign_off', signedAt, days, LAW.noReasonReturnDays);
  const confirmedAt = ctx.input.delivery.receiptConfirmedAt ?? null;
  if (confirmedAt === null) return { open: true, deadline: null, reason: REASONS.windowNotStarted(path, days), notes: [] };
  const from = confirmedAt.getTime() > signedAt.getTime() ? confirmedAt : signedAt;
  const promised = dayWindow(ctx, path, 'receipt_confirmed', from, days, 0);
  const statutory = dayWindow(ctx, path, 'sign_off', signedAt, LAW.noReasonReturnDays, LAW.noReasonReturnDays);
  if (promised.deadline.getTime() >= statutory.deadline.getTime()) return promised;
  return { ...statutory, notes: [REASONS.statutoryMinimumApplied(days, LAW.noReasonReturnDays)] };
}

/**
 * The warranty (POL-11) runs from sign-off, and starts again from a replacement made under it
 * (部分商品修理更换退货责任规定: 换货后的三包有效期自换货之日起重新计算).
 */
function warrantyWindow(ctx: Ctx, signedAt: Date): { months: number; open: boolean; deadline: Date | null; reason: EligibilityReason } {
  const months = warrantyMonthsOf(ctx.input.product, ctx.rules);
  if (months <= 0) return { months, open: false, deadline: null, reason: REASONS.noWarranty() };
  const replacedAt = ctx.input.history?.replacedAt ?? null;
  const replaced = replacedAt !== null && replacedAt.getTime() > signedAt.getTime();
  const deadline = monthWindowEnd(replaced ? replacedAt : signedAt, months, ctx.tz);
  const date = localDate(deadline, ctx.tz);
  const open = ctx.now.getTime() <= deadline.getTime();
  return { months, open, deadline, reason: open ? REASONS.withinWarranty(months, date, replaced) : REASONS.outsideWarranty(months, date) };
}

/**
 * No-reason conditions (暂行办法 第六/八条): the law's exclusions only, some of them only once unsealed;
 * opening to inspect and reasonable trial keep the item intact; missing outer packaging does not matter.
 */
function noReasonBarriers(ctx: Ctx): Barriers {
  const { product, item } = ctx.input;
  const c = item.condition ?? {};
  const opened = c.opened === true || c.trialUse === true;
  const blocks: EligibilityReason[] = [];
  const notes: EligibilityReason[] = [];
  const excluded = ctx.rules.noReasonReturn.excludedFlags.filter((f) => STATUTORY_EXCLUDABLE_FLAGS.includes(f));
  let sealedOnly = false;
  for (const flag of new Set(product.flags)) {
    if (!excluded.includes(flag)) continue;
    // The law excludes newspapers and periodicals once delivered (交付的): one in transit can be refused.
    if (flag === 'periodical' && ctx.signedAt === null) continue;
    if (ALWAYS_EXCLUDED_FLAGS.includes(flag) || opened) blocks.push(REASONS.excluded(flag));
    else sealedOnly = true;
  }
  if (ctx.rules.noReasonReturn.excludedCategories.includes(product.category)) blocks.push(REASONS.excludedCategory(nameOfCategory(product)));
  if (c.damagedByCustomer) blocks.push(REASONS.notResaleable());
  if (c.accessoriesComplete === false) blocks.push(REASONS.accessoriesIncomplete());
  if (sealedOnly) notes.push(REASONS.mustStaySealed());
  else if (c.opened) notes.push(REASONS.openedForInspection());
  if (c.trialUse && !sealedOnly) notes.push(REASONS.trialUseOk());
  if (c.packagingComplete === false) notes.push(REASONS.packagingIncomplete());
  return { blocks, notes };
}

/** A fault claim fails when the customer caused the damage (三包 excludes 人为损坏). */
function faultBarriers(ctx: Ctx): Barriers {
  return { blocks: ctx.input.item.condition?.damagedByCustomer ? [REASONS.damagedByCustomer()] : [], notes: [] };
}

/** 三包 ladder's last step: within warranty, after enough failed repairs, replacement or refund is due. */
function threeGuarantees(ctx: Ctx, signedAt: Date): Outcome | null {
  const w = warrantyWindow(ctx, signedAt);
  const failed = ctx.input.history?.failedRepairs ?? 0;
  // At least one repair must have failed for the ladder to mean anything; at most the law's two.
  const threshold = Math.max(1, Math.min(ctx.rules.repair.failedRepairsBeforeReplacement, LAW.failedRepairsBeforeReplacement));
  if (!w.open || failed < threshold || ctx.input.item.condition?.damagedByCustomer) return null;
  return outcome('three_guarantees_replacement', true, [REASONS.repeatedRepairFailure(failed), w.reason], {
    deadline: w.deadline,
    returnRequired: true,
    shipping: sellerPays(ctx),
  });
}

/** The exchange window for a fault (quality, not as described): 15 days by 三包 for warranty goods. */
function faultExchangeWindow(ctx: Ctx, signedAt: Date): Window {
  const floor = ctx.input.product.flags.includes('warranty_goods') ? LAW.qualityExchangeDays : 0;
  return dayWindow(ctx, 'quality_exchange', 'sign_off', signedAt, ctx.rules.qualityExchange.days, floor);
}

/** A free warranty repair is pointed to only for a defect: warranty covers faults, not a change of mind or a wrong description. */
function repairHint(ctx: Ctx, signedAt: Date): EligibilityReason[] {
  return ctx.input.reason === 'quality' && warrantyWindow(ctx, signedAt).open ? [REASONS.repairAvailable()] : [];
}

/** Why an undelivered order is refunded: the parcel can still be refused, or the carrier lost it. */
function undeliveredReason(ctx: Ctx): EligibilityReason {
  return ctx.input.delivery.lost ? REASONS.parcelLost() : REASONS.notYetDeliveredRefusable();
}

function notReceived(reason: EligibilityReason): Outcome {
  return outcome('not_received_refund', true, [reason]);
}

/**
 * Before shipment the buyer may cancel, custom-made goods included: the no-reason exclusions start
 * with delivery. A buyer who cancels work already begun owes the maker its losses (民法典 第七百八十七条).
 */
function beforeShipment(ctx: Ctx): Outcome {
  const cancelsCustomWork = ctx.input.reason === 'no_reason' && ctx.input.product.flags.includes('custom_made');
  return outcome('not_received_refund', true, [REASONS.notYetShipped(), ...(cancelsCustomWork ? [REASONS.customMadeCancelled()] : [])]);
}

const RETURN_PATHS: Record<RequestReason, EligibilityPath> = {
  no_reason: 'no_reason_return',
  quality: 'quality_return',
  not_as_described: 'not_as_described_return',
  logistics: 'logistics_claim',
};

function returnDays(rules: PolicyRules, reason: RequestReason): number {
  switch (reason) {
    case 'no_reason':
      return rules.noReasonReturn.days;
    case 'quality':
      return rules.qualityReturn.days;
    case 'not_as_described':
      return rules.notAsDescribed.days;
    case 'logistics':
      return rules.logisticsClaim.days;
  }
}

// Statutory floor for every return reason: no-reason (第二十五条) and nonconforming goods (第二十四条)
// both give 7 days; transit damage happens before delivery, so it is nonconforming goods too.
const RETURN_FLOOR_DAYS = LAW.noReasonReturnDays;

function returnRefund(ctx: Ctx): Outcome {
  const { reason, delivery } = ctx.input;
  if (!delivery.shipped) return beforeShipment(ctx);
  if (reason === 'logistics' && ctx.signedAt === null) return notReceived(undeliveredReason(ctx));
  const path = RETURN_PATHS[reason];
  const shipping = reason === 'no_reason' ? noReasonShipping(ctx) : sellerPays(ctx);
  const b = reason === 'no_reason' ? noReasonBarriers(ctx) : faultBarriers(ctx);
  if (ctx.signedAt === null) {
    // Before sign-off the buyer can refuse the parcel; the window itself has not started yet.
    return outcome(path, b.blocks.length === 0, [REASONS.notYetDeliveredRefusable(), ...b.blocks, ...b.notes], { returnRequired: true, shipping });
  }
  if (b.blocks.length > 0) return outcome(path, false, b.blocks);
  const w = reason === 'no_reason' ? noReasonWindow(ctx, path, ctx.signedAt) : dayWindow(ctx, path, 'sign_off', ctx.signedAt, returnDays(ctx.rules, reason), RETURN_FLOOR_DAYS);
  if (w.open) {
    // Spoiled fresh food is not posted back, whichever kind the buyer picked: photos stand in for it.
    if (reason === 'quality' && ctx.input.product.flags.includes('perishable')) {
      return outcome(path, true, [w.reason, ...w.notes, ...b.notes, REASONS.perishableNoReturn()], { deadline: w.deadline });
    }
    return outcome(path, true, [w.reason, ...w.notes, ...b.notes], { deadline: w.deadline, returnRequired: true, shipping });
  }
  if (reason !== 'no_reason') {
    const ladder = threeGuarantees(ctx, ctx.signedAt);
    if (ladder) return ladder;
  }
  // 三包: after the 7 days of return, a faulty item can still be exchanged (15 days for warranty
  // goods), so the customer is pointed there before repair.
  if (reason === 'quality' || reason === 'not_as_described') {
    const ex = faultExchangeWindow(ctx, ctx.signedAt);
    if (ex.open) return outcome(path, false, [w.reason, REASONS.exchangeStillOpen(localDate(ex.deadline, ctx.tz))], { deadline: w.deadline, advisedKind: 'exchange' });
  }
  return outcome(path, false, [w.reason, ...repairHint(ctx, ctx.signedAt)], { deadline: w.deadline });
}

function refundOnly(ctx: Ctx): Outcome {
  const { reason, delivery, product } = ctx.input;
  if (!delivery.shipped) return beforeShipment(ctx);
  // In transit: the parcel is intercepted or refused and goes back to the seller by the carrier.
  // Refusing it without a reason is a no-reason return, so its exclusions (custom-made…) hold.
  if (ctx.signedAt === null) {
    const blocks = reason === 'no_reason' ? noReasonBarriers(ctx).blocks : [];
    if (ctx.input.delivery.lost) return notReceived(REASONS.parcelLost());
    return blocks.length > 0 ? outcome('not_received_refund', false, [REASONS.notYetDeliveredRefusable(), ...blocks]) : notReceived(REASONS.notYetDeliveredRefusable());
  }
  const noReturn = (path: EligibilityPath, days: number, extra: EligibilityReason[]): Outcome => {
    const b = faultBarriers(ctx);
    if (ctx.signedAt === null || b.blocks.length > 0) return outcome(path, false, b.blocks);
    const w = dayWindow(ctx, path, 'sign_off', ctx.signedAt, days, RETURN_FLOOR_DAYS);
    return outcome(path, w.open, [w.reason, ...(w.open ? [...w.notes, ...extra] : [])], { deadline: w.deadline });
  };
  // Missing items or goods wrecked in transit: nothing (useful) to send back.
  if (reason === 'logistics') return noReturn('logistics_claim', ctx.rules.logisticsClaim.days, []);
  // Spoiled fresh food cannot travel back; photo evidence stands in for the return.
  if (reason === 'quality' && product.flags.includes('perishable')) {
    return noReturn('quality_return', ctx.rules.qualityReturn.days, [REASONS.perishableNoReturn()]);
  }
  // Delivered goods come back before a refund.
  return pointToReturn(ctx, 'return_refund_advised', REASONS.returnRequired(), REASONS.refundOnlyNotForDelivered());
}

/**
 * A refusal that sends the customer to a return & refund instead: advised only when that return is
 * open; otherwise the answer carries why it is not, and what is open in its place (exchange, repair).
 */
function pointToReturn(ctx: Ctx, path: EligibilityPath, whenOpen: EligibilityReason, whenClosed: EligibilityReason): Outcome {
  const viaReturn = returnRefund(ctx);
  if (viaReturn.eligible) return outcome(path, false, [whenOpen], { advisedKind: 'return_refund' });
  return outcome(path, false, [whenClosed, ...viaReturn.reasons], {
    deadline: viaReturn.deadline,
    ...(viaReturn.advisedKind ? { advisedKind: viaReturn.advisedKind } : {}),
  });
}

function exchange(ctx: Ctx): Outcome {
  const { reason } = ctx.input;
  const path: EligibilityPath = reason === 'no_reason' ? 'no_reason_exchange' : reason === 'logistics' ? 'logistics_claim' : 'quality_exchange';
  if (ctx.signedAt === null) return outcome(path, false, [REASONS.notYetDeliveredWait(path)]);
  if (reason === 'no_reason' && !ctx.rules.noReasonExchange.enabled) {
    return pointToReturn(ctx, path, REASONS.noReasonExchangeUnavailable(), REASONS.noReasonExchangeUnavailableNoReturn());
  }
  const b = reason === 'no_reason' ? noReasonBarriers(ctx) : faultBarriers(ctx);
  if (b.blocks.length > 0) return outcome(path, false, b.blocks);
  const w =
    reason === 'no_reason'
      ? dayWindow(ctx, path, 'sign_off', ctx.signedAt, ctx.rules.noReasonExchange.days, 0)
      : reason === 'logistics'
        ? dayWindow(ctx, path, 'sign_off', ctx.signedAt, ctx.rules.logisticsClaim.days, RETURN_FLOOR_DAYS)
        : faultExchangeWindow(ctx, ctx.signedAt);
  const shipping = reason === 'no_reason' ? noReasonShipping(ctx) : sellerPays(ctx);
  if (w.open) return outcome(path, true, [w.reason, ...w.notes, ...b.notes], { deadline: w.deadline, returnRequired: true, shipping });
  if (reason !== 'no_reason') {
    const ladder = threeGuarantees(ctx, ctx.signedAt);
    if (ladder) return ladder;
  }
  return outcome(path, false, [w.reason, ...repairHint(ctx, ctx.signedAt)], { deadline: w.deadline });
}

function repair(ctx: Ctx): Outcome {
  if (ctx.signedAt === null) return outcome('warranty_repair', false, [REASONS.notYetDeliveredWait('warranty_repair')]);
  // POL-4: warranty repair is the seller's answer to a fault; without one there is nothing it owes.
  if (ctx.input.reason === 'no_reason') return outcome('warranty_repair', false, [REASONS.repairNeedsFault()]);
  const w = warrantyWindow(ctx, ctx.signedAt);
  const blocks = [...(w.open ? [] : [w.reason]), ...faultBarriers(ctx).blocks];
  if (blocks.length > 0) return outcome('warranty_repair', false, blocks, { deadline: w.deadline });
  return (
    threeGuarantees(ctx, ctx.signedAt) ??
    outcome('warranty_repair', true, [w.reason], { deadline: w.deadline, returnRequired: true, shipping: sellerPays(ctx) })
  );
}

function reship(ctx: Ctx): Outcome {
  // A parcel the carrier lost will never be signed for: the goods are sent again (EX-6).
  if (ctx.signedAt === null && ctx.input.delivery.lost) return outcome('reship', true, [REASONS.parcelLost()]);
  if (ctx.signedAt === null) return outcome('reship', false, [REASONS.notYetDeliveredWait('reship')]);
  if (ctx.input.reason === 'no_reason') return outcome('reship', false, [REASONS.reasonNotApplicable()]);
  const b = faultBarriers(ctx);
  if (b.blocks.length > 0) return outcome('reship', false, b.blocks);
  const w = dayWindow(ctx, 'reship', 'sign_off', ctx.signedAt, ctx.rules.reship.days, 0);
  return outcome('reship', w.open, [w.reason], { deadline: w.deadline });
}

function priceProtection(ctx: Ctx): Outcome {
  const pp = ctx.rules.priceProtection;
  if (!pp.enabled) return outcome('price_protection', false, [REASONS.priceProtectionUnavailable()]);
  const w = dayWindow(ctx, 'price_protection', 'order', ctx.input.order.placedAt, pp.days, 0);
  // Nothing to give back while the price has not dropped below what each unit cost.
  const { priceFen } = ctx.input.product;
  const unitPaid = ctx.input.item.paidFen / Math.max(1, ctx.input.item.quantity);
  if (w.open && priceFen !== undefined && priceFen >= unitPaid) return outcome('price_protection', false, [w.reason, REASONS.noPriceDrop()], { deadline: w.deadline });
  return outcome('price_protection', w.open, [w.reason], { deadline: w.deadline });
}

function refundTiming(ctx: Ctx): RefundTiming {
  const { withinDays, dayType } = ctx.rules.refund;
  const received = ctx.input.history?.returnReceivedAt ?? null;
  if (!received) return { withinDays, dayType, dueBy: null, statutoryDueBy: null };
  const statutoryDueBy = dayWindowEnd(received, LAW.refundMaxNaturalDays, ctx.tz);
  if (dayType === 'working') return { withinDays, dayType, dueBy: null, statutoryDueBy };
  const configured = dayWindowEnd(received, withinDays, ctx.tz);
  return { withinDays, dayType, dueBy: configured < statutoryDueBy ? configured : statutoryDueBy, statutoryDueBy };
}

/** Money back, goods back or goods sent: none of it applies to an order that was never paid or was cancelled. */
function withoutPayment(ctx: Ctx): Outcome | null {
  const status = ctx.input.order.status;
  if (status === 'pending_payment') return outcome('order_without_payment', false, [REASONS.orderNotPaid()]);
  if (status === 'cancelled') return outcome('order_without_payment', false, [REASONS.orderCancelled()]);
  return null;
}

/** Requests heard whatever the order: they ask for no money or goods. */
const ALWAYS_HEARD = new Set<CaseKind>(['consultation', 'complaint', 'tech_support', 'logistics_exception']);

/**
 * The return the law (and the policy) gives for the goods of a request that asks for none: for its
 * reason, or else without one (the 7 days hold whatever the complaint is about). A complaint about
 * a faulty item keeps the customer's right to send it back for its price.
 */
function returnRight(ctx: Ctx): EligibilityPath | null {
  if (withoutPayment(ctx)) return null;
  for (const reason of new Set<RequestReason>([ctx.input.reason, 'no_reason'])) {
    const asReturn = returnRefund({ ...ctx, input: { ...ctx.input, kind: 'return_refund', reason } });
    if (asReturn.eligible) return asReturn.path;
  }
  return null;
}

function decide(ctx: Ctx): Outcome {
  const refused = ALWAYS_HEARD.has(ctx.input.kind) ? null : withoutPayment(ctx);
  if (refused) return refused;
  switch (ctx.input.kind) {
    case 'return_refund':
      return returnRefund(ctx);
    case 'refund_only':
      return refundOnly(ctx);
    case 'exchange':
      return exchange(ctx);
    case 'repair':
      return repair(ctx);
    case 'reship':
      return reship(ctx);
    case 'price_protection':
      return priceProtection(ctx);
    case 'consultation':
    case 'complaint':
    case 'tech_support':
    case 'logistics_exception':
      return { ...outcome('always_accepted', true, [REASONS.alwaysAccepted()]), returnRight: returnRight(ctx) };
  }
}

function assertDate(name: string, d: Date | null | undefined): void {
  if (d != null && Number.isNaN(d.getTime())) throw new RangeError(`${name} is not a valid date`);
}

/** Decides the policy path of a request and whether it is open at `now`. */
export function evaluateEligibility(input: EligibilityInput): EligibilityDecision {
  assertDate('now', input.now);
  assertDate('order.placedAt', input.order.placedAt);
  assertDate('delivery.signedAt', input.delivery.signedAt);
  assertDate('history.returnReceivedAt', input.history?.returnReceivedAt);
  // A signed-for parcel was shipped, whatever the flag says.
  const delivery = { ...input.delivery, shipped: input.delivery.shipped || input.delivery.signedAt !== null };
  const tz = input.timeZone ?? DEFAULT_TIME_ZONE;
  const ctx: Ctx = { input: { ...input, delivery }, rules: input.policy.rules, now: input.now, tz, signedAt: delivery.signedAt };
  const result = decide(ctx);
  return { ...result, refund: refundTiming(ctx), policyVersionId: input.policy.versionId };
}
