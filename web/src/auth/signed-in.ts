// The signed-in user (bearer token + who), kept in sessionStorage so it ends with the tab.
import { useSyncExternalStore } from 'react';
import type { SignInResult } from '../api/types.ts';

export type SignedIn = SignInResult;

const KEY = 'afterdesk.signedIn';
const listeners = new Set<() => void>();
let cached: SignedIn | null | undefined;

function read(): SignedIn | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<SignedIn>;
    // Expiry is the server's call (its clock, not this one): a refused token ends the sign-in.
    if (typeof parsed.token !== 'string' || !parsed.user || typeof parsed.expiresAt !== 'string') return null;
    return parsed as SignedIn;
  } catch {
    return null;
  }
}

export function getSignedIn(): SignedIn | null {
  if (cached === undefined) cached = read();
  return cached;
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function saveSignedIn(signedIn: SignedIn): void {
  cached = signedIn;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(signedIn));
  } catch {
    // storage unavailable: the sign-in lives in memory for this page
  }
  emit();
}

/** Ends the sign-in; `expired` tells the sign-in page to say why. */
export function clearSignedIn(expired = false): void {
  cached = null;
  try {
    sessionStorage.removeItem(KEY);
    if (expired) sessionStorage.setItem(`${KEY}.expired`, '1');
  } catch {
    // nothing stored
  }
  emit();
}

/** True after a sign-in ended because the server refused its token (until dropped). */
export function peekExpiredFlag(): boolean {
  try {
    return sessionStorage.getItem(`${KEY}.expired`) === '1';
  } catch {
    return false;
  }
}

export function dropExpiredFlag(): void {
  try {
    sessionStorage.removeItem(`${KEY}.expired`);
  } catch {
    // nothing stored
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignedIn(): SignedIn | null {
  return useSyncExternalStore(subscribe, getSignedIn, getSignedIn);
}
