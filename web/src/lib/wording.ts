// Replacing a phrase the wording check flagged (RISK-1) with its compliant alternative.
import type { WordingFlag } from '../api/casework.types.ts';
import type { Language } from '../i18n/index.ts';

/** The alternative in the phrase's own language: a Chinese phrase gets the Chinese wording. */
export function alternativeFor(flag: WordingFlag): string {
  const language: Language = /[\u3400-\u9fff]/.test(flag.phrase) ? 'zh-CN' : 'en-US';
  return flag.alternative[language];
}

/**
 * The text with the flagged phrase replaced. The flag may come from a check of a slightly older
 * text (the check runs after typing stops): at its index when the phrase is still there, else at
 * the phrase's first occurrence; unchanged when the phrase is gone.
 */
export function replaceFlag(text: string, flag: WordingFlag): string {
  const at = text.slice(flag.index, flag.index + flag.phrase.length) === flag.phrase ? flag.index : text.indexOf(flag.phrase);
  if (at < 0) return text;
  return text.slice(0, at) + alternativeFor(flag) + text.slice(at + flag.phrase.length);
}
