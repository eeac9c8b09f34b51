// Checks of our own in request schemas (refine, superRefine, patterns) say what is wrong in both
// languages: zod keeps one message, so the en-US text is its message and both texts ride along in
// the params, where the problem answer (http/problem.ts) finds them.
import type { z } from 'zod';
import type { LocalizedText } from './vocabulary.ts';

export interface CheckMessage {
  message: string;
  params: { text: LocalizedText };
}

/** For `.refine(fn, checkMessage(…))` and `ctx.addIssue({ code: 'custom', path, ...checkMessage(…) })`. */
export function checkMessage(text: LocalizedText): CheckMessage {
  return { message: text['en-US'], params: { text } };
}

/** The texts checkMessage gave an issue, from its params; null for any other issue. */
export function checkText(params: unknown): LocalizedText | null {
  const text = (params as { text?: unknown } | null | undefined)?.text as Partial<LocalizedText> | undefined;
  return typeof text?.['zh-CN'] === 'string' && typeof text['en-US'] === 'string' ? (text as LocalizedText) : null;
}

/** A string that must match a pattern, said in both languages; the pattern stays in the OpenAPI document. */
export function matching(schema: z.ZodString, pattern: RegExp, text: LocalizedText) {
  return schema.refine((s) => pattern.test(s), checkMessage(text)).meta({ pattern: pattern.source });
}
