// Personal numbers typed into free text (RISK-2, RISK-6): a customer writes "身份证 11010119900307851X，
// 卡号 6222 0212 3456 7890 123" into a description or a message, and those numbers are theirs as much
// as the ones on their card. Found here and masked with the card's own masked forms (pure).
//
// Numbers are read as Chinese input methods type them too: full-width digits ("１３９…") count as
// digits, and the characters as written are what is masked. Besides numbers, an e-mail address and
// a WeChat or QQ id after its label ("微信号：zhang_san88", "QQ 12345678") are ways to reach the
// customer, masked as their e-mail is on the card.
//
// What counts: a mainland mobile number (1[3-9] and 9 digits, with or without +86); an
// 18-character resident ID (region, birth date, sequence) and a bank card of 16 to 19 digits,
// each when its check passes (ISO 7064 check character, Luhn) or when the way it is written says
// what it is: an ID ending in X or after a word for an ID, a card in groups of four as cards are
// printed or after a word for a card or an account. Customers mistype a digit, and not every
// Chinese card passes Luhn; a number that only looks like one stays. Numbers are read whole, between anything
// but ASCII letters and digits, so "SF1234567890123" and "DD2026…" are left alone; numbers the
// case itself knows (its case, order and tracking numbers) are never taken for personal data.
import { isValidIdNumber, maskCardNumber, maskEmail, maskIdNumber, maskPhone } from './pii.fields.ts';
import type { PiiField } from './pii.policy.ts';

export type TextPiiKind = 'idNumber' | 'bankCard' | 'phone' | 'email' | 'imId';

/** The customer's field each kind is shown like (RISK-2): a WeChat or QQ id reaches them as their phone does. */
export const TEXT_PII_FIELD: Readonly<Record<TextPiiKind, PiiField>> = {
  idNumber: 'idNumber', bankCard: 'bankCard', phone: 'phone', email: 'email', imId: 'phone',
};

export interface TextPii {
  kind: TextPiiKind;
  /** Where the number starts and ends in the text (UTF-16 code units). */
  start: number;
  end: number;
  /** The number without its spaces and dashes (an ID's x upper-cased). */
  value: string;
}

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;
/**
 * A WeChat or QQ id after its label: the Chinese label with or without a colon, the Latin one
 * ("wx", "vx", "QQ") as a word of its own, so "wxid_…" or "qq音乐" are no labels. An id is 5 to 20
 * letters, digits, underscores and dashes starting with a letter, or a QQ number of 5 to 12 digits.
 */
const IM_ID = /(?:微信号?|威信|企鹅号?|(?<![A-Za-z0-9])(?:wechat|weixin|vx|wx|qq)(?![A-Za-z_])号?)\s*(?:号码|账号|帐号)?\s*(?:[:：=]|是|为)?\s*([A-Za-z][A-Za-z0-9_-]{4,19}|\d{5,12})(?![A-Za-z0-9_-])/gi;
/** Full-width digits, X, plus and dash as input methods type them, and the ideographic space. */
const FULL_WIDTH = /[０-９Ｘｘ＋－\u3000]/g;
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

/** The text with full-width digits and signs read as ASCII: one code unit each, so positions hold. */
const halfWidth = (text: string): string =>
  text.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** Every personal number, e-mail address and WeChat or QQ id in the text, in order; `known` are numbers of the case itself. */
export function findPiiInText(written: string, known: readonly string[] = []): TextPii[] {
  const text = halfWidth(written);
  const knownValues = new Set(known.map(bare).filter((k) => k.length > 0));
  const knownIds = new Set(known.map((k) => k.toUpperCase()));
  // An e-mail comes first: "13912345678@qq.com" is an address, not a phone number before a word.
  const found: TextPii[] = [...text.matchAll(EMAIL)].map((m) => ({ kind: 'email', start: m.index, end: m.index + m[0].length, value: m[0] }));
  const free = (start: number, end: number) => !found.some((p) => p.start < end && start < p.end);
  for (const run of text.matchAll(NUMBER_RUN)) {
    if (!free(run.index, run.index + run[0].length)) continue;
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
  // A labelled id that is also a phone number ("微信 139…") is taken as the phone number.
  for (const m of text.matchAll(IM_ID)) {
    const id = m[1]!;
    const end = m.index + m[0].length;
    if (knownValues.has(id) || knownIds.has(id.toUpperCase()) || !free(end - id.length, end)) continue;
    found.push({ kind: 'imId', start: end - id.length, end, value: id });
  }
  return found.sort((a, b) => a.start - b.start);
}

const MASKS: Record<TextPiiKind, (value: string) => string> = {
  idNumber: maskIdNumber,
  bankCard: maskCardNumber,
  phone: (value) => maskPhone(value.slice(-11)),
  email: maskEmail,
  // wxid_abc123 → w****3: enough to tell two ids apart, not to add either.
  imId: (value) => `${value[0]}****${value[value.length - 1]}`,
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
