// Personal numbers typed into free text (RISK-2, RISK-6): a customer writes "身份证 11010119900307851X，
// 卡号 6222 0212 3456 7890 123" into a description or a message, and those numbers are theirs as much
// as the ones on their card. Found here and masked with the card's own masked forms (pure).
//
// What counts: a mainland mobile number (1[3-9] and 9 digits, with or without +86); an
// 18-character resident ID (region, birth date, sequence) and a bank card of 16 to 19 digits,
// each when its check passes (ISO 7064 check character, Luhn) or when the way it is written says
// what it is: an ID ending in X or after a word for an ID, a card in groups of four as cards are
// printed or after a word for a card or an account. Customers mistype a digit, and not every
// Chinese card passes Luhn; a number that only looks like one stays. Numbers are read whole, between anything
// but ASCII letters and digits, so "SF1234567890123" and "DD2026…" are left alone; numbers the
// case itself knows (its case, order and tracking numbers) are never taken for personal data.
import { isValidIdNumber, maskCardNumber, maskIdNumber, maskPhone } from './pii.fields.ts';

export type TextPiiKind = 'idNumber' | 'bankCard' | 'phone';

export interface TextPii {
  kind: TextPiiKind;
  /** Where the number starts and ends in the text (UTF-16 code units). */
  start: number;
  end: number;
  /** The number without its spaces and dashes (an ID's x upper-cased). */
  value: string;
}

/** Digit groups split by single spaces or dashes, an ID's final X included, whole between non-alphanumerics. */
const NUMBER_RUN = /(?<![A-Za-z0-9])(?:\+\s?)?\d+(?:[ \-\u00a0]\d+)*[Xx]?(?![A-Za-z0-9])/g;
const GROUP = /\d+[Xx]?/g;
const ID_SHAPE = /^[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
const ID_WORD = /(?:身份证|证件|身份号|\bID\b)[^\n]{0,8}$/i;
const CARD_WORD = /(?:卡|账号|账户|帐号|帐户|card|account|acct)[^\n]{0,8}$/i;
/** How far before a number a word naming it is looked for. */
const WORD_CONTEXT = 12;
/** A run longer than this is no single personal number glued to others: only its groups are tried. */
const MAX_DIGITS = 40;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A number as the comparison with known numbers sees it: digits (and an X) only. */
const bare = (value: string): string => value.replace(/[^0-9Xx]/g, '').toUpperCase();

function classify(value: string, groups: readonly string[], before: string): TextPiiKind | null {
  if (ID_SHAPE.test(value) && (isValidIdNumber(value) || value.endsWith('X') || ID_WORD.test(before))) return 'idNumber';
  if (value.includes('X')) return null;
  if (/^(?:86)?1[3-9]\d{9}$/.test(value)) return 'phone';
  if (value.length >= 16 && value.length <= 19) {
    const printed = groups.length > 1 && groups.slice(0, -1).every((g) => g.length === 4);
    if (luhn(value) || printed || CARD_WORD.test(before)) return 'bankCard';
  }
  return null;
}

/** Every personal number in the text, in order; `known` are numbers of the case itself. */
export function findPiiInText(text: string, known: readonly string[] = []): TextPii[] {
  const knownValues = new Set(known.map(bare).filter((k) => k.length > 0));
  const found: TextPii[] = [];
  for (const run of text.matchAll(NUMBER_RUN)) {
    const groups = [...run[0].matchAll(GROUP)].map((g) => ({ text: g[0].toUpperCase(), start: run.index + g.index, end: run.index + g.index + g[0].length }));
    // The longest span of whole groups that is a number, from each group on: two numbers
    // written one after the other ("13800138000 6222…") are two, not one too long for either.
    for (let i = 0; i < groups.length; ) {
      let taken = i;
      let length = 0;
      const spans: number[] = [];
      for (let j = i; j < groups.length && (length += groups[j]!.text.length) <= MAX_DIGITS; j++) spans.push(j);
      for (const j of spans.reverse()) {
        const parts = groups.slice(i, j + 1);
        const value = parts.map((p) => p.text).join('');
        if (knownValues.has(value)) {
          taken = j + 1;
          break;
        }
        const first = parts[0]!.start;
        const kind = classify(value, parts.map((p) => p.text), text.slice(Math.max(0, first - WORD_CONTEXT), first));
        if (kind) {
          // "+86 138…": the plus goes with the country code.
          const start = kind === 'phone' && value.length === 13 && i === 0 ? run.index : first;
          found.push({ kind, start, end: parts[parts.length - 1]!.end, value });
          taken = j + 1;
          break;
        }
      }
      i = taken > i ? taken : i + 1;
    }
  }
  return found;
}

const MASKS: Record<TextPiiKind, (value: string) => string> = {
  idNumber: maskIdNumber,
  bankCard: maskCardNumber,
  phone: (value) => maskPhone(value.slice(-11)),
};

/**
 * The text with its personal numbers masked, except the kinds `shown` lets through; `masked` says
 * whether anything was hidden (so a reveal can be offered).
 */
export function maskPiiInText(
  text: string,
  known: readonly string[] = [],
  shown: (kind: TextPiiKind) => boolean = () => false,
): { text: string; masked: boolean } {
  const hidden = findPiiInText(text, known).filter((p) => !shown(p.kind));
  if (hidden.length === 0) return { text, masked: false };
  let out = '';
  let at = 0;
  for (const p of hidden) {
    out += text.slice(at, p.start) + MASKS[p.kind](p.value);
    at = p.end;
  }
  return { text: out + text.slice(at), masked: true };
}
