// Who is signed in, kept in memory only: the sign-in itself is an httpOnly cookie the page cannot
// read. On load the console asks GET /api/v1/me (the cookie goes along); the answer names the user
// and gives the CSRF token that every unsafe call sends back in X-CSRF-Token.
import { useSyncExternalStore } from 'react';
import type { Role } from '../api/types.ts';
import { noteServerTime } from '../lib/serverClock.ts';

export interface SignedIn {
  user: { id: string; role: Role; displayName: string };
  csrfToken: string;
}

/** 'checking': GET /api/v1/me has not answered yet. */
export type SignInState = { status: 'checking' } | { status: 'signed-out' } | { status: 'signed-in'; signedIn: SignedIn };

const EXPIRED_KEY = 'afterdesk.signInExpired';
const listeners = new Set<() => void>();
let state: SignInState = { status: 'checking' };
let checking: Promise<void> | null = null;

function emit(next: SignInState): void {
  state = next;
  for (const listener of listeners) listener();
}

interface MeAnswer {
  userId: string;
  role: Role;
  displayName: string;
  csrfToken?: string;
}

/** Asks the server once whether this browser's cookie is a live sign-in. */
function check(): void {
  checking ??= (async () => {
    try {
      const response = await fetch('/api/v1/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      noteServerTime(response.headers.get('x-server-time'));
      if (!response.ok) {
        // 401: nobody is signed in. Anything else (server down): treat as signed out, the sign-in page says more.
        if (state.status === 'checking') emit({ status: 'signed-out' });
        return;
      }
      const me = (await response.json()) as MeAnswer;
      if (state.status !== 'checking') return; // a sign-in or sign-out happened meanwhile
      emit(
        me.csrfToken
          ? { status: 'signed-in', signedIn: { user: { id: me.userId, role: me.role, displayName: me.displayName }, csrfToken: me.csrfToken } }
          : { status: 'signed-out' },
      );
    } catch {
      if (state.status === 'checking') emit({ status: 'signed-out' });
    }
  })();
}

/**
 * Asks the server again who is signed in: after a CSRF refusal the page's sign-in is not the
 * cookie's any more (another tab signed in as someone else, or out).
 */
export function recheckSignIn(): void {
  checking = null;
  emit({ status: 'checking' });
  check();
}

export function getSignInState(): SignInState {
  if (state.status === 'checking') check();
  return state;
}

export function getSignedIn(): SignedIn | null {
  const current = getSignInState();
  return current.status === 'signed-in' ? current.signedIn : null;
}

/** The CSRF token of this browser's sign-in, for unsafe calls. */
export function csrfToken(): string | null {
  return state.status === 'signed-in' ? state.signedIn.csrfToken : null;
}

export function saveSignedIn(signedIn: SignedIn): void {
  emit({ status: 'signed-in', signedIn });
}

/** Forgets the sign-in in this page; `expired` tells the sign-in page to say why. */
export function clearSignedIn(expired = false): void {
  try {
    if (expired) sessionStorage.setItem(EXPIRED_KEY, '1');
  } catch {
    // storage unavailable: the notice is skipped
  }
  emit({ status: 'signed-out' });
}

/** True after a sign-in ended because the server refused it (until dropped). */
export function peekExpiredFlag(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_KEY) === '1';
  } catch {
    return false;
  }
}

export function dropExpiredFlag(): void {
  try {
    sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    // nothing stored
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignInState(): SignInState {
  return useSyncExternalStore(subscribe, getSignInState, getSignInState);
}

/** The signed-in user, or null (also while the check is under way). */
export function useSignedIn(): SignedIn | null {
  const current = useSignInState();
  return current.status === 'signed-in' ? current.signedIn : null;
}
