// The law as named rules: the floor no policy may go below (POL-2, POL-3, POL-6, RES-1, RES-2).
// Sources: 消费者权益保护法 第二十四/二十五/五十五条, 网络购买商品七日无理由退货暂行办法,
// 部分商品修理更换退货责任规定 (三包).
import type { LocalizedText, ProductFlag } from '../../shared/vocabulary.ts';
import { formatYuan } from '../../shared/money.ts';
import type { PolicyRules } from './policy.rules.ts';

export const LAW = {
  noReasonReturnDays: 7,
  /** 消保法 第二十四条: a non-conforming item may be returned within 7 days of receipt. */
  qualityReturnDays: 7,
  /** 三包: exchange for a performance defect within 15 days. */
  qualityExchangeDays: 15,
  /** 三包: after two failed repairs within warranty, replacement or refund. */
  failedRepairsBeforeReplacement: 2,
  refundMaxNaturalDays: 7,
  fraudMultiplier: 3,
  fraudMinimumFen: 50_000,
} as const;

/** Excluded outright by 消保法 第二十五条 (定作, 鲜活易腐, 交付的报纸、期刊). */
export const ALWAYS_EXCLUDED_FLAGS: readonly ProductFlag[] = ['custom_made', 'perishable', 'periodical'];
/**
 * Excluded only once unsealed: digital goods once downloaded or opened (第二十五条), and goods whose
 * quality or hygiene suffers once opened (暂行办法 第六条) such as intimate apparel and cosmetics.
 */
export const EXCLUDED_WHEN_OPENED_FLAGS: readonly ProductFlag[] = ['digital', 'opened_software', 'intimate_apparel', 'cosmetics'];
export const STATUTORY_EXCLUDABLE_FLAGS: readonly ProductFlag[] = [...ALWAYS_EXCLUDED_FLAGS, ...EXCLUDED_WHEN_OPENED_FLAGS];

/**
 * The most natural days a run of working days can span with ordinary weekends (a run that starts on a
 * Friday evening). Public holidays can stretch it further, so the business calendar must still cap a
 * working-day due date at the statutory 7 natural days.
 */
export function workingDaysWorstCaseNatural(workingDays: number): number {
  return workingDays + 2 * Math.ceil(workingDays / 5);
}

export type LawValue = number | boolean | string | string[];

export interface LawViolation {
  ruleId: string;
  /** The clause of the policy, e.g. `noReasonReturn.days`. */
  path: string;
  actual: LawValue;
  required: string;
  text: LocalizedText;
}

export interface LawRule {
  id: string;
  title: LocalizedText;
  basis: string;
  check(rules: PolicyRules): LawViolation | null;
}

function violation(rule: { id: string }, path: string, actual: LawValue, required: string, text: LocalizedText): LawViolation {
  return { ruleId: rule.id, path, actual, required, text };
}

export const NO_REASON_RETURN_7_DAYS: LawRule = {
  id: 'LAW-NO-REASON-7D',
  title: { 'zh-CN': '签收次日起七日内可无理由退货', 'en-US': '7-day no-reason return, counted from the day after sign-off' },
  basis: '消费者权益保护法 第二十五条; 网络购买商品七日无理由退货暂行办法 第七条',
  check(rules) {
    if (!rules.noReasonReturn.enabled) {
      return violation(NO_REASON_RETURN_7_DAYS, 'noReasonReturn.enabled', false, 'true', {
        'zh-CN': '网购商品依法享有七天无理由退货,政策不得关闭',
        'en-US': 'Online purchases carry a statutory 7-day no-reason return; the policy may not disable it',
      });
    }
    const days = rules.noReasonReturn.days;
    if (days < LAW.noReasonReturnDays) {
      return violation(NO_REASON_RETURN_7_DAYS, 'noReasonReturn.days', days, `>= ${LAW.noReasonReturnDays}`, {
        'zh-CN': `无理由退货期限为${days}天,少于法定的签收次日起7天`,
        'en-US': `The no-reason return window is ${days} days, below the statutory 7 days from the day after sign-off`,
      });
    }
    return null;
  },
};

export const STATUTORY_EXCLUSIONS_ONLY: LawRule = {
  id: 'LAW-NO-REASON-EXCLUSIONS',
  title: {
    'zh-CN': '仅法定商品可排除无理由退货(定作、鲜活易腐、拆封的数字商品、拆封后不宜退货的商品)',
    'en-US': 'Only statutory goods may be excluded from no-reason return (custom-made, perishable, opened digital goods, goods unsuitable once unsealed)',
  },
  basis: '消费者权益保护法 第二十五条; 网络购买商品七日无理由退货暂行办法 第六条',
  check(rules) {
    // Admin-added categories are the lawful way to exclude more (POL-3); flags are the law's own list.
    const extra = rules.noReasonReturn.excludedFlags.filter((f) => !STATUTORY_EXCLUDABLE_FLAGS.includes(f));
    if (extra.length === 0) return null;
    return violation(STATUTORY_EXCLUSIONS_ONLY, 'noReasonReturn.excludedFlags', extra, `subset of [${STATUTORY_EXCLUDABLE_FLAGS.join(', ')}]`, {
      'zh-CN': `排除了法律未允许排除的商品类型:${extra.join('、')}`,
      'en-US': `Excludes product types the law does not allow to exclude: ${extra.join(', ')}`,
    });
  },
};

export const REFUND_WITHIN_7_DAYS: LawRule = {
  id: 'LAW-REFUND-7D',
  title: { 'zh-CN': '收到退货之日起七日内退款', 'en-US': 'Refund within 7 days after the returned goods are received' },
  basis: '消费者权益保护法 第二十五条; 网络购买商品七日无理由退货暂行办法 第二十条',
  check(rules) {
    const { withinDays, dayType } = rules.refund;
    const natural = dayType === 'natural' ? withinDays : workingDaysWorstCaseNatural(withinDays);
    if (natural <= LAW.refundMaxNaturalDays) return null;
    const unit = dayType === 'natural' ? { zh: '个自然日', en: 'natural days' } : { zh: '个工作日', en: 'working days' };
    return violation(REFUND_WITHIN_7_DAYS, 'refund.withinDays', withinDays, dayType === 'natural' ? '<= 7' : '<= 5', {
      'zh-CN': `退款时限为${withinDays}${unit.zh},可能超过法定的收到退货后7天`,
      'en-US': `A refund within ${withinDays} ${unit.en} can exceed the statutory 7 days after the return arrives`,
    });
  },
};

export const FRAUD_TRIPLE_COMPENSATION: LawRule = {
  id: 'LAW-FRAUD-3X',
  title: { 'zh-CN': '欺诈假一赔三,最低500元', 'en-US': 'Triple compensation for fraud, at least 500 yuan' },
  basis: '消费者权益保护法 第五十五条',
  check(rules) {
    const { multiplier, minimumFen } = rules.fraudCompensation;
    if (multiplier < LAW.fraudMultiplier) {
      return violation(FRAUD_TRIPLE_COMPENSATION, 'fraudCompensation.multiplier', multiplier, `>= ${LAW.fraudMultiplier}`, {
        'zh-CN': `欺诈赔偿倍数为${multiplier}倍,低于法定的三倍`,
        'en-US': `Fraud compensation of ${multiplier}× is below the statutory 3×`,
      });
    }
    if (minimumFen < LAW.fraudMinimumFen) {
      return violation(FRAUD_TRIPLE_COMPENSATION, 'fraudCompensation.minimumFen', minimumFen, `>= ${LAW.fraudMinimumFen}`, {
        'zh-CN': `欺诈赔偿最低额为${formatYuan(minimumFen)},低于法定的500元`,
        'en-US': `Minimum fraud compensation of ${formatYuan(minimumFen)} is below the statutory 500 yuan`,
      });
    }
    return null;
  },
};

export const THREE_GUARANTEES_RETURN_7_DAYS: LawRule = {
  id: 'LAW-3G-RETURN-7D',
  title: { 'zh-CN': '三包:7日内性能故障可退货', 'en-US': 'Three guarantees: return within 7 days for a performance defect' },
  basis: '部分商品修理更换退货责任规定 第八条; 消费者权益保护法 第二十四条',
  check(rules) {
    const days = rules.qualityReturn.days;
    if (days >= LAW.qualityReturnDays) return null;
    return violation(THREE_GUARANTEES_RETURN_7_DAYS, 'qualityReturn.days', days, `>= ${LAW.qualityReturnDays}`, {
      'zh-CN': `质量问题退货期限为${days}天,少于法定的7天`,
      'en-US': `The quality return window is ${days} days, below the statutory 7 days`,
    });
  },
};

export const THREE_GUARANTEES_EXCHANGE_15_DAYS: LawRule = {
  id: 'LAW-3G-EXCHANGE-15D',
  title: { 'zh-CN': '三包:15日内性能故障可换货', 'en-US': 'Three guarantees: exchange within 15 days for a performance defect' },
  basis: '部分商品修理更换退货责任规定 第九条',
  check(rules) {
    const days = rules.qualityExchange.days;
    if (days >= LAW.qualityExchangeDays) return null;
    return violation(THREE_GUARANTEES_EXCHANGE_15_DAYS, 'qualityExchange.days', days, `>= ${LAW.qualityExchangeDays}`, {
      'zh-CN': `质量问题换货期限为${days}天,少于法定的15天`,
      'en-US': `The quality exchange window is ${days} days, below the statutory 15 days`,
    });
  },
};

export const THREE_GUARANTEES_AFTER_2_REPAIRS: LawRule = {
  id: 'LAW-3G-REPLACE-AFTER-2',
  title: {
    'zh-CN': '三包:保修期内修理两次仍不能正常使用的,予以换货或退货',
    'en-US': 'Three guarantees: after two failed repairs within warranty, replacement or refund',
  },
  basis: '部分商品修理更换退货责任规定 第十条',
  check(rules) {
    const n = rules.repair.failedRepairsBeforeReplacement;
    if (n <= LAW.failedRepairsBeforeReplacement) return null;
    return violation(THREE_GUARANTEES_AFTER_2_REPAIRS, 'repair.failedRepairsBeforeReplacement', n, `<= ${LAW.failedRepairsBeforeReplacement}`, {
      'zh-CN': `要求修理${n}次后才换货或退货,法律规定两次修理失败即应换货或退货`,
      'en-US': `Requires ${n} failed repairs before replacement or refund; the law allows at most two`,
    });
  },
};

export const LAW_RULES: readonly LawRule[] = [
  NO_REASON_RETURN_7_DAYS,
  STATUTORY_EXCLUSIONS_ONLY,
  REFUND_WITHIN_7_DAYS,
  FRAUD_TRIPLE_COMPENSATION,
  THREE_GUARANTEES_RETURN_7_DAYS,
  THREE_GUARANTEES_EXCHANGE_15_DAYS,
  THREE_GUARANTEES_AFTER_2_REPAIRS,
];

/** Every statutory floor the policy goes below; empty = lawful. */
export function checkLaw(rules: PolicyRules): LawViolation[] {
  return LAW_RULES.map((r) => r.check(rules)).filter((v): v is LawViolation => v !== null);
}

/** 假一赔三: max(3 × price paid, 500 yuan), in integer fen (消保法 第五十五条). */
export function statutoryFraudCompensationFen(paidFen: number): number {
  if (!Number.isSafeInteger(paidFen) || paidFen < 0) throw new RangeError(`paidFen must be a non-negative integer, got ${paidFen}`);
  return Math.max(LAW.fraudMultiplier * paidFen, LAW.fraudMinimumFen);
}

/** What the policy promises for fraud: its own multiplier and minimum, never below the statutory amount. */
export function policyFraudCompensationFen(rules: PolicyRules, paidFen: number): number {
  const promised = Math.max(Math.round(rules.fraudCompensation.multiplier * paidFen), rules.fraudCompensation.minimumFen);
  return Math.max(promised, statutoryFraudCompensationFen(paidFen));
}
