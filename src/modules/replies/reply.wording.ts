// RISK-1 (S4 §四(一)) for reply templates: a template is reused for many customers, so wording the
// SOP forbids is refused when an admin saves it: unquantifiable promises ("绝对正品", "终身保修") and
// deflections ("这是公司规定", "我需要请示领导"), each with the compliant alternative. Agents' replies
// are checked with the same rules while they type (POST /api/v1/replies/check-wording). Pure.
// A promise is matched with the word it qualifies when there is one ("绝对正品", "终身保修"), so
// replacing the flagged phrase with the alternative still reads as a sentence.
import type { LocalizedText } from '../../shared/vocabulary.ts';

export interface WordingFlag {
  phrase: string;
  /** Where the phrase starts in the text (UTF-16 code units, as JavaScript strings count). */
  index: number;
  alternative: LocalizedText;
}

/** A Chinese phrase that still matches when spaced out ("绝 对 正 品"), as evasions of a filter are. */
const spaced = (phrase: string): string => [...phrase].join('\\s*');
const any = (...phrases: string[]): string => `(?:${phrases.map(spaced).join('|')})`;

const RULES: { pattern: RegExp; alternative: LocalizedText }[] = [
  {
    pattern: new RegExp(`${any('绝对', '百分之百')}(?:\\s*是?\\s*${any('正品', '真品', '原装')})?|100\\s*%(?:是?${any('正品', '真品', '原装')})?|absolutely( genuine| authentic)?|\\b100 ?percent( genuine| authentic)?\\b`, 'gi'),
    alternative: { 'zh-CN': '符合国家质检标准', 'en-US': 'meets the national quality inspection standards' },
  },
  {
    pattern: new RegExp(`${any('终身', '永久')}(?:\\s*${any('保修', '质保', '包修', '维修')})?|lifetime( warranty)?|forever`, 'gi'),
    alternative: { 'zh-CN': '提供X年质保服务', 'en-US': 'an X-year warranty' },
  },
  {
    pattern: /保证|担保|guarantee[ds]?/gi,
    alternative: { 'zh-CN': '我们会尽力帮您争取最优方案', 'en-US': 'we will do our best to get you the best solution' },
  },
  {
    // The whole deflection, with what usually comes with it, so the alternative replaces the clause.
    pattern: /这(?:就)?是(?:我们)?(?:公司|平台|店铺|商家)(?:的)?规定(?:[，,]\s*我也没(?:有)?办法)?|(?:公司|平台)规定就是这样|company policy|(those|these) are the rules/gi,
    alternative: { 'zh-CN': '我们会尽力帮您争取最优方案', 'en-US': 'we will do our best to get you the best solution' },
  },
  {
    pattern: /(?:我(?:需要|要|得|先|去))?(?:请示|问问|问一下)(?:一下)?(?:我们)?(?:领导|上级|主管)(?:再答复您|再回复您|再给您答复)?|ask my (manager|supervisor|boss)/gi,
    // The SOP's answer to both deflections together reads "我们会尽力帮您争取最优方案，预计X小时内给您答复".
    alternative: { 'zh-CN': '预计X小时内给您答复', 'en-US': 'we will reply within X hours' },
  },
];

export function wordingFlags(text: string): WordingFlag[] {
  const flags: WordingFlag[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) flags.push({ phrase: m[0], index: m.index, alternative: rule.alternative });
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
