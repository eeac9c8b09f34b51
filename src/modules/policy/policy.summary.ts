// POL-3, POL-8: the plain-language after-sales summary of one product, shown before the order is placed.
// Day counts use the same statutory floors as the engine, so the page never promises less than a case gets.
import type { CaseKind, LocalizedText, Party, ProductFlag } from '../../shared/vocabulary.ts';
import { ALWAYS_EXCLUDED_FLAGS, LAW, STATUTORY_EXCLUDABLE_FLAGS } from './policy.law.ts';
import { type NoReasonStartEvent, type PolicyRules, sellerPaysNoReasonShipping, warrantyMonthsOf } from './policy.rules.ts';
import { nameOfCategory } from './policy.reasons.ts';

export interface KindSummary {
  kind: CaseKind;
  available: boolean;
  days: number | null;
  months: number | null;
  text: LocalizedText;
}

export interface ProductPolicySummary {
  noReasonReturn: {
    applies: boolean;
    days: number;
    /** What the days count from (POL-2). */
    startsAt: NoReasonStartEvent;
    /** Applies only while the item stays sealed (cosmetics, intimate apparel, digital goods). */
    onlyWhileSealed: boolean;
    /** Why it does not apply (or only while sealed): `excluded_<flag>`, `excluded_category`. */
    reasonCodes: string[];
  };
  warrantyMonths: number;
  returnShipping: { noReason: Party; fault: Party; insuranceCovers: boolean };
  kinds: KindSummary[];
  text: LocalizedText;
}

const FLAG_NOUNS: Record<ProductFlag, LocalizedText> = {
  custom_made: { 'zh-CN': '定作商品', 'en-US': 'custom-made goods' },
  perishable: { 'zh-CN': '鲜活易腐商品', 'en-US': 'fresh or perishable goods' },
  digital: { 'zh-CN': '数字化商品', 'en-US': 'digital goods' },
  opened_software: { 'zh-CN': '软件', 'en-US': 'software' },
  periodical: { 'zh-CN': '报纸、期刊', 'en-US': 'a newspaper or periodical' },
  intimate_apparel: { 'zh-CN': '贴身衣物', 'en-US': 'intimate apparel' },
  cosmetics: { 'zh-CN': '化妆品', 'en-US': 'cosmetics' },
  warranty_goods: { 'zh-CN': '三包商品', 'en-US': 'three-guarantees goods' },
};

const PARTY_NAMES: Record<Party, LocalizedText> = {
  merchant: { 'zh-CN': '商家', 'en-US': 'the seller' },
  platform: { 'zh-CN': '平台', 'en-US': 'the platform' },
  carrier: { 'zh-CN': '承运商', 'en-US': 'the carrier' },
  customer: { 'zh-CN': '买家', 'en-US': 'the buyer' },
  insurer: { 'zh-CN': '保险公司', 'en-US': 'the insurer' },
};

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

export function summarizeProductPolicy(
  rules: PolicyRules,
  product: { category: string; categoryName?: LocalizedText; flags: ProductFlag[]; warrantyMonths: number | null },
  seller: { isPlatform: boolean } = { isPlatform: false },
): ProductPolicySummary {
  const excludedFlags = rules.noReasonReturn.excludedFlags.filter((f) => STATUTORY_EXCLUDABLE_FLAGS.includes(f) && product.flags.includes(f));
  const hardFlags = excludedFlags.filter((f) => ALWAYS_EXCLUDED_FLAGS.includes(f));
  const sealedFlags = excludedFlags.filter((f) => !ALWAYS_EXCLUDED_FLAGS.includes(f));
  const categoryExcluded = rules.noReasonReturn.excludedCategories.includes(product.category);
  const applies = hardFlags.length === 0 && !categoryExcluded;
  const onlyWhileSealed = applies && sealedFlags.length > 0;
  const noReasonDays = Math.max(rules.noReasonReturn.days, LAW.noReasonReturnDays);
  const reasonCodes = [...(applies ? sealedFlags : hardFlags).map((f) => `excluded_${f}`), ...(categoryExcluded ? ['excluded_category'] : [])];

  const qualityReturnDays = Math.max(rules.qualityReturn.days, LAW.qualityReturnDays);
  const qualityExchangeDays = Math.max(rules.qualityExchange.days, product.flags.includes('warranty_goods') ? LAW.qualityExchangeDays : 0);
  const warrantyMonths = warrantyMonthsOf(product, rules);
  const repairsBeforeReplacement = Math.max(1, Math.min(rules.repair.failedRepairsBeforeReplacement, LAW.failedRepairsBeforeReplacement));
  const sellerParty: Party = seller.isPlatform ? 'platform' : 'merchant';
  const noReasonPayer: Party = sellerPaysNoReasonShipping(rules) ? sellerParty : 'customer';
  const sellerName = PARTY_NAMES[sellerParty];

  const noReasonText = (() => {
    if (!applies) {
      const why = categoryExcluded && hardFlags.length === 0
        ? t(`「${nameOfCategory(product)['zh-CN']}」类目`, `the category "${nameOfCategory(product)['en-US']}"`)
        : t(hardFlags.map((f) => FLAG_NOUNS[f]['zh-CN']).join('、'), hardFlags.map((f) => FLAG_NOUNS[f]['en-US']).join(' and '));
      return t(`本商品属于${why['zh-CN']},不支持七天无理由退货。`, `No 7-day no-reason return: this product is ${why['en-US']}.`);
    }
    const base =
      rules.noReasonReturn.startsAt === 'receipt_confirmed'
        ? t(
            `确认收货次日起${rules.noReasonReturn.days}天内可无理由退货(不少于签收次日起${LAW.noReasonReturnDays}天)`,
            `No-reason return within ${rules.noReasonReturn.days} days from the day after you confirm receipt (never less than ${LAW.noReasonReturnDays} days from the day after delivery)`,
          )
        : t(`签收次日起${noReasonDays}天内可无理由退货`, `No-reason return within ${noReasonDays} days from the day after delivery`);
    if (!onlyWhileSealed) return t(`${base['zh-CN']}。`, `${base['en-US']}.`);
    const nouns = t(sealedFlags.map((f) => FLAG_NOUNS[f]['zh-CN']).join('、'), sealedFlags.map((f) => FLAG_NOUNS[f]['en-US']).join(' and '));
    return t(`${base['zh-CN']},${nouns['zh-CN']}拆封后不支持。`, `${base['en-US']}, as long as it stays sealed (${nouns['en-US']}).`);
  })();

  const qualityText = t(
    `质量问题:签收次日起${qualityReturnDays}天内可退货,${qualityExchangeDays}天内可换货。`,
    `Quality problems: return within ${qualityReturnDays} days or exchange within ${qualityExchangeDays} days from the day after delivery.`,
  );
  const warrantyText =
    warrantyMonths > 0
      ? t(
          `保修${warrantyMonths}个月,保修期内修理${repairsBeforeReplacement}次仍不能正常使用的可换货或退货。`,
          `${warrantyMonths}-month warranty; if ${repairsBeforeReplacement} repairs within warranty do not fix it, you get an exchange or refund.`,
        )
      : t('本商品不提供保修。', 'This product has no warranty.');
  const shippingText =
    noReasonPayer === 'customer'
      ? t(
          `退货运费:质量问题由${sellerName['zh-CN']}承担;无理由退货由买家承担,已购运费险的由保险理赔。`,
          `Return shipping: ${sellerName['en-US']} pays for quality problems; the buyer pays for no-reason returns unless return-shipping insurance covers it.`,
        )
      : t(`退货运费由${sellerName['zh-CN']}承担。`, `Return shipping is paid by ${sellerName['en-US']}.`);
  const pp = rules.priceProtection;
  const priceText = pp.enabled ? t(`下单次日起${pp.days}天内降价可申请价格保护。`, `Price protection for ${pp.days} days from the day after the order.`) : null;
  const nre = rules.noReasonExchange;

  const kinds: KindSummary[] = [
    { kind: 'return_refund', available: true, days: applies ? noReasonDays : qualityReturnDays, months: null, text: t(`${noReasonText['zh-CN']}${qualityText['zh-CN']}`, `${noReasonText['en-US']} ${qualityText['en-US']}`) },
    {
      kind: 'exchange',
      available: true,
      days: qualityExchangeDays,
      months: null,
      text: nre.enabled && applies
        ? t(`质量问题${qualityExchangeDays}天内可换货,签收次日起${nre.days}天内可无理由换货。`, `Exchange within ${qualityExchangeDays} days for quality problems, or within ${nre.days} days without a reason.`)
        : t(`质量问题${qualityExchangeDays}天内可换货。`, `Exchange within ${qualityExchangeDays} days for quality problems.`),
    },
    { kind: 'repair', available: warrantyMonths > 0, days: null, months: warrantyMonths, text: warrantyText },
    { kind: 'reship', available: true, days: rules.reship.days, months: null, text: t(`签收次日起${rules.reship.days}天内发现缺件可申请补发。`, `Missing parts can be reshipped if reported within ${rules.reship.days} days from the day after delivery.`) },
    { kind: 'price_protection', available: pp.enabled, days: pp.enabled ? pp.days : null, months: null, text: priceText ?? t('本商品不提供价格保护。', 'No price protection for this product.') },
  ];

  const parts = [noReasonText, qualityText, warrantyText, shippingText, ...(priceText ? [priceText] : [])];
  return {
    noReasonReturn: { applies, days: noReasonDays, startsAt: rules.noReasonReturn.startsAt, onlyWhileSealed, reasonCodes },
    warrantyMonths,
    returnShipping: { noReason: noReasonPayer, fault: sellerParty, insuranceCovers: noReasonPayer === 'customer' },
    kinds,
    text: { 'zh-CN': parts.map((p) => p['zh-CN']).join(''), 'en-US': parts.map((p) => p['en-US']).join(' ') },
  };
}
