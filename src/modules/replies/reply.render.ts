// Suggested replies (AN-5): filling a template's {{variables}} for one case. Pure.
// A value is inserted as plain text in one pass (it is never read as markup or as another
// placeholder); a variable without a value, or one this product does not know, stays visible as
// written and is reported, so the agent sees what to fill in by hand. Nothing here throws.

export const REPLY_VARIABLES = ['customerName', 'orderNo', 'caseNo', 'dueAt', 'productName', 'refundAmount'] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];
export type ReplyValues = Partial<Record<ReplyVariable, string | null>>;

export interface RenderedReply {
  text: string;
  /** Variables replaced by a value. */
  filled: ReplyVariable[];
  /** Placeholders left as written: no value for this case, or unknown. */
  missing: string[];
  /** The subset of `missing` that this product does not know at all (a typo in the template). */
  unknown: string[];
}

const PLACEHOLDER = /\{\{\s*([^{}\s]{1,64})\s*\}\}/g;
const KNOWN = new Set<string>(REPLY_VARIABLES);

export function isReplyVariable(name: string): name is ReplyVariable {
  return KNOWN.has(name);
}

/** The placeholders a template uses, in order of first appearance. */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function renderTemplate(body: string, values: ReplyValues): RenderedReply {
  const filled = new Set<ReplyVariable>();
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const text = body.replace(PLACEHOLDER, (whole: string, name: string) => {
    if (!isReplyVariable(name)) {
      missing.add(name);
      unknown.add(name);
      return whole;
    }
    const value = values[name];
    if (value === null || value === undefined || value.trim() === '') {
      missing.add(name);
      return whole;
    }
    filled.add(name);
    return plain(value);
  });
  return { text, filled: REPLY_VARIABLES.filter((v) => filled.has(v)), missing: [...missing], unknown: [...unknown] };
}

/** One line of plain text: control characters (line breaks included) become spaces, runs of spaces one. */
function plain(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}
