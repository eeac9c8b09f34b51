// Text of the knowledge base as the search sees it: jieba words (shared with triage), without the
// words that say nothing about the problem, English words cut to a crude stem ("charged" and
// "charge" meet), and the tsquery built from them. Index and query use the same function, so
// what is written is what is looked for.
import { searchTokens } from '../triage/triage.segment.ts';

const STOP_WORDS = new Set([
  // Chinese function words and question words: every article has them.
  '的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '嘛', '么', '我', '我的', '我们', '你', '您', '你们', '他', '她', '它', '是', '在', '和', '与',
  '及', '或', '也', '都', '就', '还', '又', '要', '会', '能', '可以', '可', '怎么', '怎么办', '怎样', '如何', '什么', '为什么', '为何', '哪',
  '哪里', '哪些', '一下', '一个', '这个', '那个', '这', '那', '请问', '请', '谢谢', '把', '被', '给', '让', '对', '向', '从', '等', '着', '过',
  '有', '想', '想要', '啦', '得', '地', '之', '其', '该', '此', '中', '上', '下', '里',
  // English function words.
  'a', 'an', 'the', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'it', 'its', 'is', 'am', 'are', 'was', 'were', 'be', 'been', 'do', 'does',
  'did', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'with', 'and', 'or', 'but', 'if', 'so', 'as', 'that', 'this', 'what', 'how', 'why',
  'when', 'where', 'who', 'which', 'can', 'could', 'will', 'would', 'should', 'have', 'has', 'had', 'not', 'no', 'from', 'there', 'they',
  'them', 'their', 'he', 'she', 'his', 'her', 'about', 'get', 'got', 'please', 'any', 'some', 'up', 'out',
]);

/** A crude English stemmer: enough that plural, past and -ing forms meet their base word. */
export function stemEnglish(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(ch|sh|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1); // shipp → ship, stopp → stop
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Search words of a text: segmented, without stop words, English stemmed, each once. */
export function kbTokens(text: string): string[] {
  const out = new Set<string>();
  for (const token of searchTokens(text)) {
    if (STOP_WORDS.has(token)) continue;
    out.add(stemEnglish(token));
  }
  return [...out];
}

/** What is stored in search_tokens: title, tags and body words (title and tags also count once more). */
export function indexTokens(article: { title: string; body: string; tags: readonly string[] }): { search: string; title: string } {
  const title = kbTokens(article.title);
  const tags = kbTokens(article.tags.join(' '));
  const body = kbTokens(stripMarkdown(article.body));
  return { search: [...title, ...tags, ...body].join(' '), title: [...title, ...tags].join(' ') };
}

/**
 * An OR tsquery of the words, each quoted (quotes and backslashes doubled), for
 * to_tsquery('simple', …); null when nothing searchable is left (empty, punctuation, stop words).
 */
export function orQuery(tokens: readonly string[]): string | null {
  const quoted = tokens.filter((t) => t.length > 0).map((t) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`);
  return quoted.length > 0 ? quoted.join(' | ') : null;
}

/** Markdown marks removed: what a person reads in an excerpt. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A short excerpt of the body where the question's words are densest (each word counted once,
 * longer words more), or its opening when no word occurs literally.
 */
export function excerptOf(body: string, queryTokens: readonly string[], length = 90): string {
  const plain = stripMarkdown(body);
  if (plain.length <= length) return plain;
  const haystack = plain.toLowerCase();
  const words = queryTokens.filter((w) => w.length > 1 || /\p{Script=Han}/u.test(w));
  const before = Math.floor(length / 3);
  let best = { at: -1, score: 0 };
  for (const word of words) {
    for (let at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
      const window = haystack.slice(Math.max(0, at - before), at - before + length);
      const score = words.reduce((n, w) => n + (window.includes(w) ? w.length : 0), 0);
      if (score > best.score || (score === best.score && at < best.at)) best = { at, score };
    }
  }
  if (best.at < 0) return `${plain.slice(0, length).trimEnd()}…`;
  const at = best.at;
  // Start at the beginning of the sentence holding the word, when it is close enough.
  const sentenceStart = Math.max(plain.lastIndexOf('。', at), plain.lastIndexOf('. ', at), plain.lastIndexOf('！', at), plain.lastIndexOf('？', at), plain.lastIndexOf('；', at));
  let start = sentenceStart >= 0 && at - sentenceStart < length / 2 ? sentenceStart + 1 : Math.max(0, at - before);
  start = Math.min(start, Math.max(0, plain.length - length));
  const piece = plain.slice(start, start + length).trim();
  return `${start > 0 ? '…' : ''}${piece}${start + length < plain.length ? '…' : ''}`;
}

/** True when the text contains Chinese characters. */
export function hasChinese(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
