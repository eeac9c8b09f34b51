// The reasons an eligibility decision gives, in plain zh-CN and en-US (POL-8).
import type { LocalizedText, ProductFlag } from '../../shared/vocabulary.ts';

export const ELIGIBILITY_PATHS = [
  'no_reason_return',
  'quality_return',
  'not_as_described_return',
  'logistics_claim',
  'not_received_refund',
  'order_without_payment',
  'quality_exchange',
  'no_reason_exchange',
  'warranty_repair',
  'three_guarantees_replacement',
  'reship',
  'price_protection',
  'always_accepted',
  'return_refund_advised',
] as const;
export type EligibilityPath = (typeof ELIGIBILITY_PATHS)[number];

export interface EligibilityReason {
  code: string;
  text: LocalizedText;
}

/** What the customer would be asking for, as it reads in a sentence. */
export const PATH_LABELS: Record<EligibilityPath, LocalizedText> = {
  no_reason_return: { 'zh-CN': '无理由退货', 'en-US': 'no-reason return' },
  quality_return: { 'zh-CN': '质量问题退货', 'en-US': 'quality return' },
  not_as_described_return: { 'zh-CN': '描述不符退货', 'en-US': 'not-as-described return' },
  logistics_claim: { 'zh-CN': '运输破损或少件售后', 'en-US': 'transit damage or missing item claim' },
  not_received_refund: { 'zh-CN': '未收货退款', 'en-US': 'refund for an undelivered order' },
  order_without_payment: { 'zh-CN': '未付款或已取消订单的售后', 'en-US': 'after-sales on an unpaid or cancelled order' },
  quality_exchange: { 'zh-CN': '质量问题换货', 'en-US': 'quality exchange' },
  no_reason_exchange: { 'zh-CN': '无理由换货', 'en-US': 'no-reason exchange' },
  warranty_repair: { 'zh-CN': '保修维修', 'en-US': 'warranty repair' },
  three_guarantees_replacement: { 'zh-CN': '三包换货或退货', 'en-US': 'three-guarantees replacement or refund' },
  reship: { 'zh-CN': '补发', 'en-US': 'reship' },
  price_protection: { 'zh-CN': '价格保护', 'en-US': 'price protection' },
  always_accepted: { 'zh-CN': '受理', 'en-US': 'handling' },
  return_refund_advised: { 'zh-CN': '退货退款', 'en-US': 'return & refund' },
};

export type WindowAnchor = 'sign_off' | 'receipt_confirmed' | 'order';
const ANCHORS: Record<WindowAnchor, LocalizedText> = {
  sign_off: { 'zh-CN': '签收次日起', 'en-US': 'from the day after sign-off' },
  receipt_confirmed: { 'zh-CN': '确认收货次日起', 'en-US': 'from the day after receipt was confirmed' },
  order: { 'zh-CN': '下单次日起', 'en-US': 'from the day after the order was placed' },
};

const EXCLUSION_TEXTS: Record<ProductFlag, LocalizedText> = {
  custom_made: { 'zh-CN': '定作商品不支持无理由退换货', 'en-US': 'Custom-made goods cannot be returned without a reason' },
  perishable: { 'zh-CN': '鲜活易腐商品不支持无理由退换货', 'en-US': 'Fresh and perishable goods cannot be returned without a reason' },
  digital: { 'zh-CN': '数字化商品一经下载或拆封,不支持无理由退换货', 'en-US': 'Digital goods cannot be returned without a reason once downloaded or opened' },
  periodical: { 'zh-CN': '已交付的报纸、期刊不支持无理由退换货', 'en-US': 'Newspapers and periodicals cannot be returned without a reason once delivered' },
  opened_software: { 'zh-CN': '软件拆封后不支持无理由退换货', 'en-US': 'Software cannot be returned without a reason once opened' },
  intimate_apparel: { 'zh-CN': '贴身衣物拆封后不支持无理由退换货', 'en-US': 'Intimate apparel cannot be returned without a reason once unsealed' },
  cosmetics: { 'zh-CN': '化妆品拆封后不支持无理由退换货', 'en-US': 'Cosmetics cannot be returned without a reason once opened' },
  warranty_goods: { 'zh-CN': '该商品不支持无理由退换货', 'en-US': 'This product cannot be returned without a reason' },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const r = (code: string, zh: string, en: string): EligibilityReason => ({ code, text: { 'zh-CN': zh, 'en-US': en } });

/** Reason builders; `date` arguments are local `YYYY-MM-DD` strings. */
export const REASONS = {
  withinWindow: (path: EligibilityPath, anchor: WindowAnchor, days: number, date: string) =>
    r(
      'within_window',
      `${ANCHORS[anchor]['zh-CN']}${days}天内可申请${PATH_LABELS[path]['zh-CN']},截至${date}当天`,
      `${capitalize(PATH_LABELS[path]['en-US'])} is available for ${days} days ${ANCHORS[anchor]['en-US']}, until the end of ${date}`,
    ),
  windowExpired: (path: EligibilityPath, anchor: WindowAnchor, days: number, date: string) =>
    r(
      'window_expired',
      `${PATH_LABELS[path]['zh-CN']}期限(${ANCHORS[anchor]['zh-CN']}${days}天)已于${date}届满`,
      `The ${days}-day ${PATH_LABELS[path]['en-US']} window (${ANCHORS[anchor]['en-US']}) ended on ${date}`,
    ),
  windowNotStarted: (path: EligibilityPath, days: number) =>
    r(
      'window_not_started',
      `${PATH_LABELS[path]['zh-CN']}期限自确认收货次日起计算${days}天,您尚未确认收货,现在即可申请`,
      `The ${days}-day ${PATH_LABELS[path]['en-US']} window starts the day after you confirm receipt; you have not confirmed yet, so you can apply now`,
    ),
  statutoryMinimumApplied: (configured: number, statutory: number) =>
    r(
      'statutory_minimum_applied',
      `政策规定的${configured}天低于法定标准,按法定的${statutory}天执行`,
      `The policy's ${configured} days are below the law, so the statutory ${statutory} days apply`,
    ),
  withinWarranty: (months: number, date: string, replaced = false) =>
    r(
      'within_warranty',
      `在保修期内:${replaced ? '换货次日起' : '签收次日起'}${months}个月,至${date}当天`,
      `Within warranty: ${months} months from the day after ${replaced ? 'the replacement' : 'sign-off'}, until the end of ${date}`,
    ),
  outsideWarranty: (months: number, date: string) =>
    r('outside_warranty', `已过保修期(${months}个月,已于${date}届满),可申请付费维修`, `Out of warranty (${months} months, ended on ${date}); a paid repair is possible`),
  noWarranty: () => r('no_warranty', '该商品不提供保修,可申请付费维修', 'This product has no warranty; a paid repair is possible'),
  repeatedRepairFailure: (count: number) =>
    r(
      'repeated_repair_failure',
      `保修期内已修理${count}次仍不能正常使用,依三包规定应为您换货或退货`,
      `Repaired ${count} times within warranty and still faulty: under the three guarantees an exchange or refund is due`,
    ),
  exchangeStillOpen: (date: string) =>
    r('exchange_available', `退货期限已过,但仍可在${date}当天结束前申请换货`, `The return window has passed, but an exchange can still be requested until the end of ${date}`),
  repairAvailable: () => r('repair_available', '已过退换货期限,保修期内可申请免费维修', 'The return and exchange windows have passed; a free repair is available within warranty'),
  notYetShipped: () => r('not_yet_shipped', '订单尚未发货,可直接退款,无需寄回商品', 'The order has not shipped yet: it is refunded directly, nothing to send back'),
  customMadeCancelled: () =>
    r(
      'custom_made_cancelled',
      '定制商品发货前可取消并退款;如商家已开始制作,可凭证明依《民法典》第七百八十七条扣除已产生的损失',
      'A custom-made item can be cancelled and refunded before it ships; if the merchant has started making it, the losses already incurred may be deducted with proof (Civil Code art. 787)',
    ),
  notYetDeliveredRefusable: () =>
    r('not_yet_delivered', '商品尚未签收:可拒收或拦截包裹;各项期限自签收次日起计算', 'Not yet delivered: the parcel can be refused or intercepted; the windows start the day after sign-off'),
  parcelLost: () =>
    r('parcel_lost', '承运商已报告包裹丢失:可申请补发或退款,无需等待签收', 'The carrier reported the parcel lost: a reship or a refund can be requested without waiting for sign-off'),
  notYetDeliveredWait: (path: EligibilityPath) =>
    r('not_yet_delivered', `商品尚未签收,签收后才能申请${PATH_LABELS[path]['zh-CN']}`, `Not yet delivered: ${PATH_LABELS[path]['en-US']} can be requested after sign-off`),
  excluded: (flag: ProductFlag) => ({ code: `excluded_${flag}`, text: EXCLUSION_TEXTS[flag] }),
  mustStaySealed: () =>
    r('must_stay_sealed', '该商品拆封后不支持无理由退换货,请保持包装密封', 'This item can only be returned without a reason while it is still sealed'),
  excludedCategory: (name: LocalizedText) =>
    r('excluded_category', `「${name['zh-CN']}」类目不支持无理由退换货`, `The category "${name['en-US']}" cannot be returned without a reason`),
  notResaleable: () =>
    r('not_resaleable', '商品已超出查验需要被使用或损坏,不再完好,不支持无理由退换货', 'The item was used beyond inspection or damaged and is no longer intact, so it cannot be returned without a reason'),
  accessoriesIncomplete: () =>
    r('accessories_incomplete', '商品配件、赠品或商标标识不齐全,补齐后方可退换', 'Accessories, gifts or labels are missing; the item can be returned once they are included'),
  packagingIncomplete: () =>
    r('packaging_incomplete', '外包装不全不影响退货:商品本身、配件和商标标识齐全即视为完好', 'Missing outer packaging does not block the return: the item counts as intact when it, its accessories and labels are complete'),
  openedForInspection: () => r('opened_for_inspection_ok', '为查验而拆开包装不影响商品完好', 'Opening the package to inspect the item does not affect its condition'),
  trialUseOk: () => r('trial_use_ok', '为确认品质和功能而进行的合理试用不影响商品完好', 'Reasonable trial use to check quality and function does not affect its condition'),
  damagedByCustomer: () =>
    r('damaged_by_customer', '损坏由使用、维护或保管不当造成,不属于质量问题,可申请付费维修', 'The damage comes from use, care or storage, not a quality defect; a paid repair is possible'),
  returnRequired: () =>
    r('return_required', '商品已签收,请申请退货退款;仅退款只适用于未收到货、少件或运输破损', 'The item was delivered, so please request a return & refund; refund only is for undelivered, missing or transit-damaged goods'),
  refundOnlyNotForDelivered: () =>
    r('refund_only_not_applicable', '商品已签收,仅退款只适用于未收到货、少件或运输破损;退货退款的情况如下', 'The item was delivered, and refund only is for undelivered, missing or transit-damaged goods; for a return & refund:'),
  perishableNoReturn: () =>
    r('perishable_no_return', '生鲜商品有质量问题的,凭照片等凭证即可退款,无需寄回', 'Fresh goods with a quality problem are refunded on photo evidence, without sending them back'),
  noReasonExchangeUnavailable: () =>
    r('no_reason_exchange_unavailable', '不支持无理由换货,可在七天无理由期限内退货后重新购买', 'No-reason exchange is not offered; return the item within the 7-day no-reason window and order again'),
  // The same refusal when the no-reason return is not open either: no advice to return.
  noReasonExchangeUnavailableNoReturn: () => r('no_reason_exchange_unavailable', '不支持无理由换货', 'No-reason exchange is not offered'),
  priceProtectionUnavailable: () => r('price_protection_unavailable', '该商品不提供价格保护', 'This product has no price protection'),
  noPriceDrop: () => r('no_price_drop', '商品现价不低于您的实付单价，暂无差价可退', 'The price today is not below what you paid per unit: there is no difference to refund'),
  reasonNotApplicable: () => r('reason_not_applicable', '补发仅适用于缺件、少件或配件损坏', 'Reshipping is only for missing or damaged parts'),
  repairNeedsFault: () =>
    r('repair_needs_fault', '免费维修仅适用于质量问题;非质量问题可联系商家付费维修', 'A free repair is for quality faults; for anything else the merchant can offer a paid repair'),
  alwaysAccepted: () => r('always_accepted', '此类请求随时受理', 'This kind of request is always accepted'),
  orderNotPaid: () => r('order_not_paid', '订单尚未付款，没有可退的款项；不需要的话可直接取消订单', 'The order has not been paid: there is nothing to refund. Cancel the order if you no longer want it'),
  orderCancelled: () =>
    r('order_cancelled', '订单已取消，已付款项随取消原路退回，无需再申请退款或退换货', 'The order was cancelled: what was paid goes back with the cancellation, so no refund, return or exchange is needed'),
} as const;

/** The name to show for a product's category: its given name, else the code itself. */
export function nameOfCategory(product: { category: string; categoryName?: LocalizedText }): LocalizedText {
  return product.categoryName ?? { 'zh-CN': product.category, 'en-US': product.category };
}
