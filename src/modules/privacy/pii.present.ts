// Applying the masking policy to values other modules show (an order's delivery address and its
// changes): the caller passes the actor and whose data it is, and gets what that actor may see.
import type { Actor } from '../identity/index.ts';
import { maskAddress, maskPhone } from './pii.fields.ts';
import { maskingPolicy } from './pii.policy.ts';

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
