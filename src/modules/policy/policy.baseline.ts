// POL-9: one platform baseline; a merchant may publish a more generous policy, never a stricter one.
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { formatYuan } from '../../shared/money.ts';
import { workingDaysWorstCaseNatural } from './policy.law.ts';
import { PLATFORM_BASELINE, type PolicyRules, type RefundRules, sellerPaysNoReasonShipping } from './policy.rules.ts';

export type ClauseValue = number | boolean | string | string[] | RefundRules;

/** Category names by code (product_categories), for texts that name excluded categories. */
export type CategoryNames = ReadonlyMap<string, LocalizedText>;

export interface BaselineViolation {
  /** The clause of the policy, e.g. `noReasonReturn.days`. */
  path: string;
  merchantValue: ClauseValue;
  baselineValue: ClauseValue;
  text: LocalizedText;
}

type Unit = 'days' | 'months' | 'times' | 'fen' | 'repairs';

interface NumberClause {
  path: string;
  label: LocalizedText;
  unit: Unit;
  get: (r: PolicyRules) => number;
  /** Which direction is generous to the customer. */
  generous: 'higher' | 'lower';
  /** Only compared when the feature is on in both policies (a disabled feature is its own clause). */
  when?: (r: PolicyRules) => boolean;
}

interface SwitchClause {
  path: string;
  /** Text used when the merchant takes the stricter value. */
  text: LocalizedText;
  get: (r: PolicyRules) => boolean;
  generousValue: boolean;
}

// The no-reason return is the law's (第二十五条): the engine applies its days whatever `enabled`
// says (a policy switching it off is refused by the law check), so its days are always compared.
const NUMBER_CLAUSES: readonly NumberClause[] = [
  { path: 'noReasonReturn.days', label: { 'zh-CN': '七天无理由退货期限', 'en-US': 'No-reason return window' }, unit: 'days', get: (r) => r.noReasonReturn.days, generous: 'higher' },
  { path: 'noReasonExchange.days', label: { 'zh-CN': '无理由换货期限', 'en-US': 'No-reason exchange window' }, unit: 'days', get: (r) => r.noReasonExchange.days, generous: 'higher', when: (r) => r.noReasonExchange.enabled },
  { path: 'qualityReturn.days', label: { 'zh-CN': '质量问题退货期限', 'en-US': 'Quality return window' }, unit: 'days', get: (r) => r.qualityReturn.days, generous: 'higher' },
  { path: 'qualityExchange.days', label: { 'zh-CN': '质量问题换货期限', 'en-US': 'Quality exchange window' }, unit: 'days', get: (r) => r.qualityExchange.days, generous: 'higher' },
  { path: 'notAsDescribed.days', label: { 'zh-CN': '描述不符退货期限', 'en-US': 'Not-as-described return window' }, unit: 'days', get: (r) => r.notAsDescribed.days, generous: 'higher' },
  { path: 'logisticsClaim.days', label: { 'zh-CN': '物流破损/少件申报期限', 'en-US': 'Transit damage / missing item claim window' }, unit: 'days', get: (r) => r.logisticsClaim.days, generous: 'higher' },
  { path: 'repair.warrantyFallbackMonths', label: { 'zh-CN': '默认保修期（三包商品未提供保修期时）', 'en-US': 'Default warranty period (三包 goods sent without one)' }, unit: 'months', get: (r) => r.repair.warrantyFallbackMonths, generous: 'higher' },
  { path: 'repair.failedRepairsBeforeReplacement', label: { 'zh-CN': '换货或退货前的修理次数', 'en-US': 'Failed repairs before replacement or refund' }, unit: 'repairs', get: (r) => r.repair.failedRepairsBeforeReplacement, generous: 'lower' },
  { path: 'reship.days', label: { 'zh-CN': '缺件补发申请期限', 'en-US': 'Missing-part reship window' }, unit: 'days', get: (r) => r.reship.days, generous: 'higher' },
  { path: 'priceProtection.days', label: { 'zh-CN': '价格保护期限', 'en-US': 'Price protection window' }, unit: 'days', get: (r) => r.priceProtection.days, generous: 'higher', when: (r) => r.priceProtection.enabled },
  { path: 'fraudCompensation.multiplier', label: { 'zh-CN': '欺诈赔偿倍数', 'en-US': 'Fraud compensation multiplier' }, unit: 'times', get: (r) => r.fraudCompensation.multiplier, generous: 'higher' },
  { path: 'fraudCompensation.minimumFen', label: { 'zh-CN': '欺诈赔偿最低额', 'en-US': 'Minimum fraud compensation' }, unit: 'fen', get: (r) => r.fraudCompensation.minimumFen, generous: 'higher' },
];

const SWITCH_CLAUSES: readonly SwitchClause[] = [
  {
    path: 'noReasonReturn.enabled',
    text: { 'zh-CN': '商家关闭了七天无理由退货,平台底线要求提供', 'en-US': 'The merchant disables the 7-day no-reason return, which the baseline provides' },
    get: (r) => r.noReasonReturn.enabled,
    generousValue: true,
  },
  {
    // Either clause can carry the promise (sellerPaysNoReasonShipping): compared as one, so a merchant
    // saying it with the other clause than the baseline's is not refused.
    path: 'noReasonReturn.buyerPaysShipping',
    text: { 'zh-CN': '商家要求买家承担无理由退货运费,平台底线由卖家承担', 'en-US': 'The merchant makes the buyer pay no-reason return shipping, which the baseline does not' },
    get: (r) => !sellerPaysNoReasonShipping(r),
    generousValue: false,
  },
  {
    path: 'noReasonExchange.enabled',
    text: { 'zh-CN': '商家未提供无理由换货,平台底线要求提供', 'en-US': 'The merchant does not offer no-reason exchange, which the baseline provides' },
    get: (r) => r.noReasonExchange.enabled,
    generousValue: true,
  },
  {
    path: 'priceProtection.enabled',
    text: { 'zh-CN': '商家未提供价格保护,平台底线要求提供', 'en-US': 'The merchant does not offer price protection, which the baseline provides' },
    get: (r) => r.priceProtection.enabled,
    generousValue: true,
  },
];

function formatValue(unit: Unit, n: number): LocalizedText {
  switch (unit) {
    case 'days':
      return { 'zh-CN': `${n}天`, 'en-US': `${n} days` };
    case 'months':
      return { 'zh-CN': `${n}个月`, 'en-US': `${n} months` };
    case 'times':
      return { 'zh-CN': `${n}倍`, 'en-US': `${n}×` };
    case 'fen':
      return { 'zh-CN': formatYuan(n), 'en-US': formatYuan(n) };
    case 'repairs':
      return { 'zh-CN': `${n}次`, 'en-US': `${n}` };
  }
}

function formatRefund(r: RefundRules): LocalizedText {
  return r.dayType === 'working'
    ? { 'zh-CN': `${r.withinDays}个工作日`, 'en-US': `${r.withinDays} working days` }
    : { 'zh-CN': `${r.withinDays}个自然日`, 'en-US': `${r.withinDays} natural days` };
}

/**
 * Whether the merchant's refund can come later than the baseline's. Across day types we compare the
 * merchant's longest possible span with the baseline's shortest: N working days last at least N natural
 * days and at most N + 2·⌈N/5⌉ with ordinary weekends (holidays are the business calendar's concern).
 */
export function refundIsSlower(merchant: RefundRules, baseline: RefundRules): boolean {
  if (merchant.dayType === baseline.dayType) return merchant.withinDays > baseline.withinDays;
  const longest = merchant.dayType === 'working' ? workingDaysWorstCaseNatural(merchant.withinDays) : merchant.withinDays;
  return longest > baseline.withinDays;
}

/**
 * The platform's own settings in a merchant policy (RES-3, POL-10): who must approve goodwill is the
 * platform's control over its staff and merchants, which version governs an order is the platform's
 * choice. A merchant policy may leave them out or repeat the platform's value; any other value is
 * named, never applied.
 */
function platformSettingViolations(merchant: PolicyRules, baseline: PolicyRules): BaselineViolation[] {
  const out: BaselineViolation[] = [];
  const threshold = (baseline.goodwill ?? PLATFORM_BASELINE.goodwill).approvalThresholdFen;
  if (merchant.goodwill && merchant.goodwill.approvalThresholdFen !== threshold) {
    const mv = formatYuan(merchant.goodwill.approvalThresholdFen);
    const bv = formatYuan(threshold);
    out.push({
      path: 'goodwill.approvalThresholdFen',
      merchantValue: merchant.goodwill.approvalThresholdFen,
      baselineValue: threshold,
      text: {
        'zh-CN': `补偿审批门槛由平台设置,商家政策不能更改:商家为${mv},平台为${bv}`,
        'en-US': `The goodwill approval threshold is set by the platform; a merchant policy cannot change it: merchant ${mv}, platform ${bv}`,
      },
    });
  }
  const basis = baseline.versionBasis ?? 'order_placed';
  if (merchant.versionBasis !== undefined && merchant.versionBasis !== basis) {
    out.push({
      path: 'versionBasis',
      merchantValue: merchant.versionBasis,
      baselineValue: basis,
      text: {
        'zh-CN': '订单适用哪个政策版本由平台设置,商家政策不能更改',
        'en-US': 'Which policy version governs an order is set by the platform; a merchant policy cannot change it',
      },
    });
  }
  return out;
}

const nameOf = (code: string, names: CategoryNames | undefined): LocalizedText => names?.get(code) ?? { 'zh-CN': code, 'en-US': code };

/**
 * Every clause where the merchant policy is stricter than the baseline, or sets what only the
 * platform sets; empty = acceptable. `categoryNames` names excluded categories in the texts.
 */
export function compareWithBaseline(merchant: PolicyRules, baseline: PolicyRules, categoryNames?: CategoryNames): BaselineViolation[] {
  const out: BaselineViolation[] = platformSettingViolations(merchant, baseline);
  for (const c of SWITCH_CLAUSES) {
    const m = c.get(merchant);
    const b = c.get(baseline);
    if (m !== b && b === c.generousValue) out.push({ path: c.path, merchantValue: m, baselineValue: b, text: c.text });
  }
  for (const c of NUMBER_CLAUSES) {
    if (c.when && !(c.when(merchant) && c.when(baseline))) continue;
    const m = c.get(merchant);
    const b = c.get(baseline);
    const stricter = c.generous === 'higher' ? m < b : m > b;
    if (!stricter) continue;
    const mv = formatValue(c.unit, m);
    const bv = formatValue(c.unit, b);
    out.push({
      path: c.path,
      merchantValue: m,
      baselineValue: b,
      text: {
        'zh-CN': `${c.label['zh-CN']}严于平台底线:商家为${mv['zh-CN']},平台底线为${bv['zh-CN']}`,
        'en-US': `${c.label['en-US']} is stricter than the platform baseline: merchant ${mv['en-US']}, baseline ${bv['en-US']}`,
      },
    });
  }
  // Counting from the buyer's confirmation of receipt starts the days later than sign-off (POL-2).
  if (baseline.noReasonReturn.startsAt === 'receipt_confirmed' && merchant.noReasonReturn.startsAt !== 'receipt_confirmed') {
    out.push({
      path: 'noReasonReturn.startsAt',
      merchantValue: merchant.noReasonReturn.startsAt,
      baselineValue: baseline.noReasonReturn.startsAt,
      text: {
        'zh-CN': '商家的无理由退货期限自签收次日起计算,平台底线自确认收货次日起计算',
        'en-US': 'The merchant counts the no-reason return window from sign-off; the baseline counts it from the confirmation of receipt',
      },
    });
  }
  const extraFlags = merchant.noReasonReturn.excludedFlags.filter((f) => !baseline.noReasonReturn.excludedFlags.includes(f));
  if (extraFlags.length > 0) {
    out.push({
      path: 'noReasonReturn.excludedFlags',
      merchantValue: [...merchant.noReasonReturn.excludedFlags],
      baselineValue: [...baseline.noReasonReturn.excludedFlags],
      text: {
        'zh-CN': `商家额外排除了无理由退货的商品类型:${extraFlags.join('、')}`,
        'en-US': `The merchant excludes more product types from no-reason return: ${extraFlags.join(', ')}`,
      },
    });
  }
  // Only the platform admin may add excluded categories (POL-3), so any extra one is a violation.
  const extraCategories = merchant.noReasonReturn.excludedCategories.filter((c) => !baseline.noReasonReturn.excludedCategories.includes(c));
  if (extraCategories.length > 0) {
    out.push({
      path: 'noReasonReturn.excludedCategories',
      merchantValue: [...merchant.noReasonReturn.excludedCategories],
      baselineValue: [...baseline.noReasonReturn.excludedCategories],
      text: {
        'zh-CN': `商家额外排除了无理由退货的类目:${extraCategories.map((c) => nameOf(c, categoryNames)['zh-CN']).join('、')}`,
        'en-US': `The merchant excludes more categories from no-reason return: ${extraCategories.map((c) => nameOf(c, categoryNames)['en-US']).join(', ')}`,
      },
    });
  }
  if (refundIsSlower(merchant.refund, baseline.refund)) {
    const mv = formatRefund(merchant.refund);
    const bv = formatRefund(baseline.refund);
    out.push({
      // Same day type: the number is the whole story; across types both halves of the clause matter.
      ...(merchant.refund.dayType === baseline.refund.dayType
        ? { path: 'refund.withinDays', merchantValue: merchant.refund.withinDays, baselineValue: baseline.refund.withinDays }
        : { path: 'refund', merchantValue: { ...merchant.refund }, baselineValue: { ...baseline.refund } }),
      text: {
        'zh-CN': `退款时效慢于平台底线:商家为收到退货后${mv['zh-CN']},平台底线为${bv['zh-CN']}`,
        'en-US': `Refunds are slower than the platform baseline: merchant ${mv['en-US']} after the return arrives, baseline ${bv['en-US']}`,
      },
    });
  }
  return out;
}

/**
 * The merchant's policy with every clause that is stricter than this baseline replaced by the
 * baseline's. A merchant policy is checked against the baseline when it is published, but the
 * platform may raise its baseline later: from then on the customer gets the more generous of the
 * two, clause by clause, until the merchant publishes again (POL-9: never stricter than the baseline).
 */
export function raiseToBaseline(merchant: PolicyRules, baseline: PolicyRules): PolicyRules {
  let rules = merchant;
  // A clause compared only while its feature is on in both (e.g. price protection days) can only
  // show up once the feature itself was raised: a second pass settles it.
  for (let pass = 0; pass < 3; pass++) {
    const violations = compareWithBaseline(rules, baseline);
    if (violations.length === 0) return rules;
    rules = violations.reduce((r, v) => raiseClause(r, baseline, v.path), rules);
  }
  return rules;
}

function raiseClause(r: PolicyRules, b: PolicyRules, path: string): PolicyRules {
  const [section, field] = path.split('.') as [keyof PolicyRules, string | undefined];
  switch (path) {
    case 'noReasonReturn.buyerPaysShipping':
      // Either clause may carry the promise: both take the baseline's.
      return { ...r, freeReturnShipping: b.freeReturnShipping, noReasonReturn: { ...r.noReasonReturn, buyerPaysShipping: b.noReasonReturn.buyerPaysShipping } };
    case 'noReasonReturn.excludedFlags':
      return { ...r, noReasonReturn: { ...r.noReasonReturn, excludedFlags: r.noReasonReturn.excludedFlags.filter((f) => b.noReasonReturn.excludedFlags.includes(f)) } };
    case 'noReasonReturn.excludedCategories':
      return {
        ...r,
        noReasonReturn: { ...r.noReasonReturn, excludedCategories: r.noReasonReturn.excludedCategories.filter((c) => b.noReasonReturn.excludedCategories.includes(c)) },
      };
    case 'refund':
    case 'refund.withinDays':
      return { ...r, refund: { ...b.refund } };
    // Never the merchant's to set: dropped, and the platform's value governs (policyInForce, rulesForCase).
    case 'goodwill.approvalThresholdFen': {
      const { goodwill: _platformOnly, ...rest } = r;
      return rest;
    }
    case 'versionBasis': {
      const { versionBasis: _platformOnly, ...rest } = r;
      return rest;
    }
  }
  if (field === undefined || typeof r[section] !== 'object') return { ...r, [section]: b[section] };
  // A feature the merchant switched off comes back as the baseline has it, days included.
  if (field === 'enabled') return { ...r, [section]: { ...(b[section] as object) } };
  return { ...r, [section]: { ...(r[section] as object), [field]: (b[section] as Record<string, unknown>)[field] } };
}
