// Who sees which personal data in the clear (RISK-2, RISK-6) — the one place the rule lives.
//
// - ID card and bank card numbers: masked for every role, the customer included; only compliance
//   may reveal them, one field at a time, with a reason, and every reveal is audited.
// - Phone, email and address: the customer sees their own in full. Frontline agents, specialists and
//   supervisors see them in full because their work needs them: calling the customer back (SLA-2,
//   CRM-3), arranging reships and exchanges, changing the delivery address on the customer's
//   behalf (IN-7). Merchant staff get the masked forms (the platform's privacy waybill ships for
//   them), as do finance, departments and admins, who never need to contact the customer.
//   Compliance sees masked forms too and reveals what an investigation needs.
import type { Role } from '../../shared/vocabulary.ts';

export const PII_FIELDS = ['phone', 'email', 'address', 'idNumber', 'bankCard'] as const;
export type PiiField = (typeof PII_FIELDS)[number];
export type Visibility = 'clear' | 'masked';

/** Roles whose work is contacting the customer and shipping to them. */
const CONTACT_ROLES: readonly Role[] = ['agent', 'specialist', 'supervisor', 'system'];
/** Fields encrypted at rest: no role reads them in the clear except by a reveal. */
const SECRET_FIELDS: readonly PiiField[] = ['idNumber', 'bankCard'];

/**
 * How a field of a customer's record is shown to a role; `self` is true when the caller is that
 * customer.
 */
export function maskingPolicy(role: Role, field: PiiField, context: { self?: boolean } = {}): Visibility {
  if (isSecretField(field)) return 'masked';
  if (role === 'customer') return context.self ? 'clear' : 'masked';
  return readsContacts(role) ? 'clear' : 'masked';
}

/** ID and card numbers: masked for every role (revealed only by compliance). */
export function isSecretField(field: PiiField): boolean {
  return SECRET_FIELDS.includes(field);
}

/** Whether the role reads other people's contact details (phone, email, address) in the clear. */
export function readsContacts(role: Role): boolean {
  return CONTACT_ROLES.includes(role);
}

/**
 * Who is shown that an ID number or refund account exists, masked: the customer, and the platform's
 * staff who settle refunds and disputes. Merchants and departments have no use for them.
 */
export function seesAccounts(role: Role): boolean {
  return role !== 'merchant' && role !== 'department';
}

/** Who may reveal a field's clear value (with a reason, audited): compliance only. */
export function mayReveal(role: Role): boolean {
  return role === 'compliance';
}

/**
 * The reason a reveal must give says what it is for: at least 10 letters or digits, or 4 Chinese
 * characters (each says about as much as a short word: "核实身份信息" is a reason, "核实" is not),
 * or a mix worth as much; not one character repeated, not digits or punctuation only.
 */
export const REVEAL_REASON_MIN = 10;
export const REVEAL_REASON_MIN_HAN = 4;

export function isMeaningfulReason(reason: string): boolean {
  const chars = [...reason].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const han = chars.filter((c) => /\p{Script=Han}/u.test(c)).length;
  const weight = han / REVEAL_REASON_MIN_HAN + (chars.length - han) / REVEAL_REASON_MIN;
  return weight >= 1 && new Set(chars.map((c) => c.toLowerCase())).size >= 3 && chars.some((c) => /\p{L}/u.test(c));
}
