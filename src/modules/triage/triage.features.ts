// Features of a text for the triage model: jieba words, Chinese character bigrams, English word
// bigrams and the category cue words (triage.lexicon.ts), each present once per text. Pure.
import { cueCounts, extraCues } from './triage.lexicon.ts';
import { normalize } from './triage.match.ts';
import { segment } from './triage.segment.ts';

const CJK_RUN = /[\u3400-\u9fff]+/g;
const LATIN_WORD = /^[a-z][a-z']*$/;

export function features(text: string): string[] {
  const norm = normalize(text);
  const out = new Set<string>();
  const words = segment(norm);
  for (const w of words) out.add(/^\d+(\.\d+)?$/.test(w) ? 'w:#num' : `w:${w}`);
  for (const run of norm.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i += 1) out.add(`b:${run.slice(i, i + 2)}`);
  }
  const latin = words.filter((w) => LATIN_WORD.test(w));
  for (let i = 0; i + 1 < latin.length; i += 1) out.add(`e:${latin[i]} ${latin[i + 1]}`);
  for (const [category, n] of cueCounts(norm)) {
    out.add(`c:${category}`);
    if (n > 1) out.add(`c2:${category}`);
  }
  for (const cue of extraCues(norm)) out.add(`x:${cue}`);
  return [...out];
}
