// The signed-in session (bearer token + who), kept in sessionStorage so it ends with the tab.
import { useSyncExternalStore } from 'react';
import type { SignInResult } from '../api/types.ts';

export type Session = SignInResult;

const KEY = 'afterdesk.session';
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    // Expiry is the server's call (its clock, not this one): a refused token ends the session.
    if (typeof parsed.token !== 'string' || !parsed.user || typeof parsed.expiresAt !== 'string') return null;
    return parsed as Session;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  if (cached === undefined) cached = read();
  return cached;
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function saveSession(session: Session): void {
  cached = session;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // storage unavailable: the session lives in memory for this page
  }
  emit();
}

/** Ends the session; `expired` tells the sign-in page to say why. */
export function clearSession(expired = false): void {
  cached = null;
  try {
    sessionStorage.removeItem(KEY);
    if (expired) sessionStorage.setItem(`${KEY}.expired`, '1');
  } catch {
    // nothing stored
  }
  emit();
}

/** True after a session ended because the server refused its token (until dropped). */
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

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
