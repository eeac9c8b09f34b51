// RISK-1 (S4 §四(一)) for reply templates: a template is reused for many customers, so wording the
// SOP forbids is refused when an admin saves it: unquantifiable promises ("绝对正品", "终身保修") and
// deflections ("这是公司规定", "我需要请示领导"), each with the compliant alternative. Agents' replies
// are checked with the same rules while they type (POST /api/v1/replies/check-wording), and what
// staff send the customer, and help articles, are refused with them on the server. Pure.
// A promise is matched with the word it qualifies when there is one ("绝对正品", "终身保修"), so
// replacing the flagged phrase with the alternative still reads as a sentence.
import { AppError } from '../../shared/errors.ts';
import type { LocalizedText, Role } from '../../shared/vocabulary.ts';

/** The SOP's kinds of forbidden wording, named in flags and refusals. */
export type WordingRule = 'absolute-promise' | 'lifetime-promise' | 'guarantee' | 'policy-deflection' | 'escalation-deflection';

export interface WordingFlag {
  rule: WordingRule;
  phrase: string;
  /** Where the phrase starts in the text (UTF-16 code units, as JavaScript strings count). */
  index: number;
  alternative: LocalizedText;
}

/** A Chinese phrase that still matches when spaced out ("绝 对 正 品"), as evasions of a filter are. */
const spaced = (phrase: string): string => [...phrase].join('\\s*');
const any = (...phrases: string[]): string => `(?:${phrases.map(spaced).join('|')})`;

/** Who a deflection hands the customer off to. */
const BOSS = '(?:我们)?(?:的)?(?:领导|上级|主管|经理|老板)';
const ASK = '(?:请示|请教|申请|问问|问一下|问下|问)';
/**
 * The shop's own rules as the reason for a refusal, wherever they stand in it: "我们公司规定拆封后不能退",
 * "按照本店规定", "公司规定是这样的，没办法". The platform's after-sales rules and the law may be cited
 * ("根据平台售后规则第3条", "按国家规定七天无理由退货"): those are the customer's rights, not a shop's say-so.
 */
const SHOP_RULE =
  '(?:(?:这(?:个)?(?:就)?是|按照|按|根据|依照|依据)\\s*)?(?:我们|我司)?(?:本公司|本店铺|本店|公司|店铺|店里|小店|我司)(?:有|的)?(?:内部)?规定' +
  '(?:(?:就)?是这样(?:的)?)?(?:[，,]\\s*(?:我也|我们也)?没(?:有)?办法)?';

const RULES: { rule: WordingRule; pattern: RegExp; alternative: LocalizedText }[] = [
  {
    rule: 'absolute-promise',
    pattern: new RegExp(`${any('绝对', '百分之百')}(?:\\s*是?\\s*${any('正品', '真品', '原装')})?|100\\s*%(?:是?${any('正品', '真品', '原装')})?|absolutely( genuine| authentic)?|\\b100 ?percent( genuine| authentic)?\\b`, 'gi'),
    alternative: { 'zh-CN': '符合国家质检标准', 'en-US': 'meets the national quality inspection standards' },
  },
  {
    rule: 'lifetime-promise',
    // 终生 is the common homophone of 终身.
    pattern: new RegExp(`${any('终身', '终生', '永久')}(?:\\s*${any('保修', '质保', '包修', '维修')})?|lifetime( warranty)?|forever`, 'gi'),
    alternative: { 'zh-CN': '提供X年质保服务', 'en-US': 'an X-year warranty' },
  },
  {
    rule: 'guarantee',
    // A 保证金 is a deposit (退款保证金, 商家保证金), and the "three guarantees" are the law's name
    // for 三包: neither is a promise.
    pattern: /保证(?!金)|担保|(?<!three[\s-]?)guarantee[ds]?/gi,
    alternative: { 'zh-CN': '我们会尽力帮您争取最优方案', 'en-US': 'we will do our best to get you the best solution' },
  },
  {
    rule: 'policy-deflection',
    // The whole deflection, with what usually comes with it, so the alternative replaces the clause:
    // "这（个）（就）是（公司的）规定", "按照公司规定", "公司有规定"; the platform's rules only in those forms.
    pattern: new RegExp(
      `${SHOP_RULE}|这(?:个)?(?:就)?是(?:我们)?(?:(?:平台|商家)(?:的)?)?规定(?:[，,]\\s*我也没(?:有)?办法)?|(?:按照|按|根据)(?:我们)?平台(?:的)?规定|平台(?:有|的)?规定就是这样|平台有规定|company policy|(those|these) are the rules`,
      'gi',
    ),
    alternative: { 'zh-CN': '我们会尽力帮您争取最优方案', 'en-US': 'we will do our best to get you the best solution' },
  },
  {
    rule: 'escalation-deflection',
    // "我需要请示（一下）领导", "我需要向领导请示一下", "要问下经理", "我得请示一下老板", "跟老板申请一下".
    pattern: new RegExp(
      `(?:我?(?:需要|要|得|先|去|再))?(?:${ASK}(?:一下)?${BOSS}|(?:向|跟|找)${BOSS}${ASK}(?:一下)?)(?:再答复您|再回复您|再给您答复)?|ask my (manager|supervisor|boss)`,
      'gi',
    ),
    // The SOP's answer to both deflections together reads "我们会尽力帮您争取最优方案，预计X小时内给您答复".
    alternative: { 'zh-CN': '预计X小时内给您答复', 'en-US': 'we will reply within X hours' },
  },
];

export function wordingFlags(text: string): WordingFlag[] {
  const flags: WordingFlag[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) flags.push({ rule: rule.rule, phrase: m[0], index: m.index, alternative: rule.alternative });
  }
  // Earliest first; a phrase inside one already flagged is not flagged again, so the flags can
  // be replaced one by one.
  flags.sort((a, b) => a.index - b.index || b.phrase.length - a.phrase.length);
  let end = 0;
  return flags.filter((f) => {
    if (f.index < end) return false;
    end = f.index + f.phrase.length;
    return true;
  });
}

/** Whose texts to customers the rules hold: staff's and merchants', not the customer's own nor the system's fixed texts. */
export function wordingCheckedFor(role: Role): boolean {
  return role !== 'customer' && role !== 'system';
}

/**
 * RISK-1: text that reaches customers (a reply, a plan's basis, a template, a help article) is
 * refused while it has forbidden wording: 422 non-compliant-wording naming each phrase, its rule
 * and the alternative, so the writer can fix it. `what` names the text in the message.
 */
export function assertCompliantWording(text: string, field: string, what: LocalizedText): void {
  const flags = wordingFlags(text);
  if (flags.length === 0) return;
  throw new AppError({
    status: 422,
    type: 'non-compliant-wording',
    field,
    text: {
      'zh-CN': `${what['zh-CN']}含有不合规表述：${flags.map((f) => `「${f.phrase}」→ 建议改为「${f.alternative['zh-CN']}」`).join('；')}`,
      'en-US': `The ${what['en-US']} uses wording that is not allowed: ${flags.map((f) => `"${f.phrase}" → try "${f.alternative['en-US']}"`).join('; ')}`,
    },
    extra: { flags },
  });
}
