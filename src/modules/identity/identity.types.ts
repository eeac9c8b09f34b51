import type { Role } from '../../shared/vocabulary.ts';

/** Who is calling: resolved once per request by the auth hook and passed to every service. */
export interface Actor {
  userId: string | null;
  role: Role;
  displayName: string;
  customerId: string | null;
  merchantId: string | null;
  /** The department of a 'department' user (ORG-2); null for everyone else. */
  department: string | null;
  /** Where this request came from (set per request by the access hook; the audit trail records it). */
  origin?: RequestOrigin;
}

export interface RequestOrigin {
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  role: 'system',
  displayName: 'Afterdesk',
  customerId: null,
  merchantId: null,
  department: null,
};

/** Who may call a route: 'public', 'authenticated' (any signed-in role), or a list of roles. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

/**
 * What the caller presented: a person's sign-in (the console's cookie, or a bearer token from
 * password sign-in), which carries every scope of its person, or an integration token, which
 * carries only its own scopes.
 */
export type Credential =
  | { kind: 'sign-in'; delivery: 'cookie' | 'token'; signInId: string; csrfToken: string | null }
  | { kind: 'integration-token'; tokenId: string; scopes: readonly string[] };
