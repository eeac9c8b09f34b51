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

const RULES: { pattern: RegExp; alternative: LocalizedText }[] = [
  {
    pattern: /(?:绝对|百分之百|100\s*%)(?:是?(?:正品|真品|原装))?|absolutely( genuine| authentic)?|\b100 ?percent( genuine| authentic)?\b/gi,
    alternative: { 'zh-CN': '符合国家质检标准', 'en-US': 'meets the national quality inspection standards' },
  },
  {
    pattern: /(?:终身|永久)(?:保修|质保|包修|维修)?|lifetime( warranty)?|forever/gi,
    alternative: { 'zh-CN': '提供X年质保服务', 'en-US': 'an X-year warranty' },
  },
  {
    pattern: /保证|担保|guarantee[ds]?/gi,
    alternative: { 'zh-CN': '我们会尽力帮您争取最优方案', 'en-US': 'we will do our best to get you the best solution' },
  },
  {
    pattern: /这是公司规定|公司规定就是这样|company policy|(those|these) are the rules/gi,
    alternative: { 'zh-CN': '我们会尽力帮您争取最优方案，预计X小时内给您答复', 'en-US': 'we will do our best for you and reply within X hours' },
  },
  {
    pattern: /请示领导|问一下领导|ask my (manager|supervisor|boss)/gi,
    alternative: { 'zh-CN': '我们会尽力帮您争取最优方案，预计X小时内给您答复', 'en-US': 'we will do our best for you and reply within X hours' },
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
