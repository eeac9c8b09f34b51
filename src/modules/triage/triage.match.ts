// Pattern matching for the triage rules: text is compared after NFKC and lower-casing, so full-width
// punctuation (！？，) reads as ASCII (!?,) and "ＵＳＢ" as "usb". Pure.
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { normalizeText } from './triage.segment.ts';
import type { ReasonField, TriageReason } from './triage.vocabulary.ts';

export interface PatternRule {
  /** Stable name, recorded in reasons (TR-7). */
  id: string;
  patterns: RegExp[];
  text: LocalizedText;
}

export interface Hit {
  word: string;
  index: number;
}

/** Where a clause ends: commas, sentence marks, line breaks (a dot only when a space or the end follows). */
const BOUNDARY = /[,!?;:。；\n]|\.(?=\s|$)/g;

export function normalize(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

// The global twin of each pattern, built once: triage runs on every new case.
const globalTwins = new WeakMap<RegExp, RegExp>();
function globalTwin(pattern: RegExp): RegExp {
  let twin = globalTwins.get(pattern);
  if (!twin) {
    twin = pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    globalTwins.set(pattern, twin);
  }
  return twin;
}

/** Every match of every pattern, in order of position. Patterns need not carry the g flag. */
export function hits(patterns: readonly RegExp[], text: string): Hit[] {
  const found: Hit[] = [];
  for (const pattern of patterns) {
    // exec on the shared twin rather than matchAll, which copies the pattern on every call.
    const twin = globalTwin(pattern);
    twin.lastIndex = 0;
    for (let m = twin.exec(text); m !== null; m = twin.exec(text)) {
      if (m[0].length > 0) found.push({ word: m[0], index: m.index });
      else twin.lastIndex = afterEmptyMatch(text, twin);
    }
    twin.lastIndex = 0;
  }
  return found.sort((a, b) => a.index - b.index || b.word.length - a.word.length);
}

/** Where the search goes on after an empty match: one character on, a whole code point for a unicode pattern. */
function afterEmptyMatch(text: string, pattern: RegExp): number {
  const at = pattern.lastIndex;
  if (!pattern.flags.includes('u') && !pattern.flags.includes('v')) return at + 1;
  if (at + 1 >= text.length) return at + 1;
  const code = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? at + 2 : at + 1;
}

/** The part of the clause before and after a hit. */
export function clauseAround(text: string, hit: Hit): { before: string; after: string } {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(BOUNDARY)) {
    if (m.index < hit.index) start = m.index + 1;
    else if (m.index >= hit.index + hit.word.length) {
      end = m.index;
      break;
    }
  }
  return { before: text.slice(start, hit.index), after: text.slice(hit.index + hit.word.length, end) };
}

export function unique(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.trim()))];
}

export function reason(rule: { id: string; text: LocalizedText }, field: ReasonField, matched?: string[]): TriageReason {
  return matched && matched.length > 0 ? { rule: rule.id, field, matched: unique(matched), text: rule.text } : { rule: rule.id, field, text: rule.text };
}

/** The words of a rule found in the (normalized) text, or none. */
export function matchRule(rule: PatternRule, text: string): string[] {
  return unique(hits(rule.patterns, text).map((h) => h.word));
}
