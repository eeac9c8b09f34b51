// Applying the masking policy to values other modules show (an order's delivery address and its
// changes, the free text of a case): the caller passes the actor and whose data it is, and gets
// what that actor may see.
import type { Actor } from '../identity/index.ts';
import { maskAddress, maskPhone } from './pii.fields.ts';
import { isSecretField, maskingPolicy, readsContacts } from './pii.policy.ts';
import { maskPiiInText, TEXT_PII_FIELD, type TextPiiKind } from './pii.text.ts';

/** Whether the actor sees this customer's contact details (phone, email, address) in full. */
export function seesContactOf(actor: Actor, customerId: string): boolean {
  return maskingPolicy(actor.role, 'address', { self: actor.customerId === customerId }) === 'clear';
}

/** An address as the actor may see it. */
export function addressFor(actor: Actor, customerId: string, address: string | null): string | null {
  if (address === null) return null;
  return seesContactOf(actor, customerId) ? address : maskAddress(address);
}

/** A structured address (recipient, phone, region, detail) as the actor may see it. */
export function addressPartsFor<T extends { phone?: unknown; detail?: unknown; postalCode?: unknown }>(actor: Actor, customerId: string, parts: T | null): T | null {
  if (parts === null || seesContactOf(actor, customerId)) return parts;
  const { postalCode: _postalCode, ...rest } = parts;
  return { ...rest, phone: typeof parts.phone === 'string' ? maskPhone(parts.phone) : parts.phone, detail: '***' } as T;
}

/**
 * Free text on a customer's case (a description, a message, a reason) as the actor may see it: ID,
 * card and phone numbers typed into it are masked as on the customer's card, phone numbers shown
 * to those who call the customer back. The customer reads their own case as written. `known` are
 * the case's own numbers (case, order, tracking), never masked. `masked` says whether anything
 * was hidden, so compliance can be offered a reveal.
 */
export function freeTextFor(actor: Actor, customerId: string, text: string, known: readonly string[]): { text: string; masked: boolean } {
  if (actor.role === 'customer' && actor.customerId === customerId) return { text, masked: false };
  return maskPiiInText(text, known, (kind: TextPiiKind) => maskingPolicy(actor.role, TEXT_PII_FIELD[kind]) === 'clear');
}

/**
 * A case's free text in the two forms others read it, kept for search (RISK-2): as those who read
 * contact details see it (ID and card numbers masked), and with everything personal masked.
 */
export function searchableForms(text: string, known: readonly string[]): { contact: string; masked: string } {
  return {
    contact: maskPiiInText(text, known, (kind) => !isSecretField(TEXT_PII_FIELD[kind])).text,
    masked: maskPiiInText(text, known).text,
  };
}

/**
 * Which form of a case's free text the actor's search matches: the one they read, so a search
 * never finds a case by digits or letters masked from its caller ("1391234" behind "139****5678").
 * A customer reads their own cases, the only ones they search, as written.
 */
export function searchFormFor(actor: Actor): 'clear' | 'contact' | 'masked' {
  if (actor.role === 'customer') return 'clear';
  return readsContacts(actor.role) ? 'contact' : 'masked';
}

/**
 * A text of a record no one typed for the case (a payment's method or reference from the shop
 * system): any card, ID or phone number in it is masked by the policy, for the customer too, who
 * sees card numbers masked on their own card as well.
 */
export function recordTextFor(actor: Actor, customerId: string, text: string, known: readonly string[]): string {
  const self = actor.role === 'customer' && actor.customerId === customerId;
  return maskPiiInText(text, known, (kind: TextPiiKind) => maskingPolicy(actor.role, TEXT_PII_FIELD[kind], { self }) === 'clear').text;
}

/** The same for a text that may be absent. */
export function optionalFreeTextFor(actor: Actor, customerId: string, text: string | null, known: readonly string[]): string | null {
  return text === null ? null : freeTextFor(actor, customerId, text, known).text;
}

/**
 * A customer's words quoted in a notice to staff or a merchant: every personal number in them
 * masked, whoever reads it (a notice is a pointer; the case shows the text as its reader may see it).
 */
export function noticeText(text: string, c: { case_no: string }): string {
  return maskPiiInText(text, [c.case_no]).text;
}
