// From what a request presents to who is calling: a bearer token (an integration token, or a
// sign-in token from password sign-in) or the console's sign-in cookie.
import type { Kysely } from 'kysely';
import type { SignInSettings } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';
import type { Actor, Credential } from './identity.types.ts';
import { resolveIntegrationToken } from './integration-tokens.ts';
import { resolveSignIn } from './sign-ins.ts';

export const SIGN_IN_COOKIE = 'afterdesk_sign_in';
export const CSRF_HEADER = 'x-csrf-token';

export interface Authenticated {
  actor: Actor;
  credential: Credential;
}

/**
 * Sign-ins, tokens and lock-outs run on the product's clock (tests move it), except in simulation
 * mode: an admin who moves the simulated clock a week ahead must not end everyone's sign-in.
 */
export function credentialClock(clock: Clock, simulated: boolean): Clock {
  return simulated ? systemClock : clock;
}

export async function authenticateBearer(db: Kysely<DB>, secret: string, now: Date, settings: SignInSettings): Promise<Authenticated | null> {
  const token = await resolveIntegrationToken(db, secret, now);
  if (token) return { actor: token.actor, credential: { kind: 'integration-token', tokenId: token.tokenId, scopes: token.scopes } };
  const signIn = await resolveSignIn(db, secret, 'token', now, settings);
  if (!signIn) return null;
  return { actor: signIn.actor, credential: { kind: 'sign-in', delivery: 'token', signInId: signIn.signInId, csrfToken: null } };
}

export async function authenticateCookie(db: Kysely<DB>, value: string, now: Date, settings: SignInSettings): Promise<Authenticated | null> {
  const signIn = await resolveSignIn(db, value, 'cookie', now, settings);
  if (!signIn) return null;
  return { actor: signIn.actor, credential: { kind: 'sign-in', delivery: 'cookie', signInId: signIn.signInId, csrfToken: signIn.csrfToken } };
}

/** The scopes a credential carries ('all' for a person's sign-in). */
export function scopesOf(credential: Credential): readonly string[] | 'all' {
  return credential.kind === 'sign-in' ? 'all' : credential.scopes;
}
