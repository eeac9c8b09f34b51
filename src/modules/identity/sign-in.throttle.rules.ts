// The lock-out rule for failed sign-ins (pure): failures are counted in a window that starts at
// the first one; the failure that reaches the limit locks for a fixed period and starts afresh.
// Attempts while locked are refused before the password is checked, so they neither count nor
// extend the lock.

export interface FailureState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottleLimits {
  /** Failures within the window that lock; 0: never locks. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** When the lock ends, or null when not locked at `now`. */
export function lockedUntil(state: FailureState | undefined, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
}

/** The state after one more failed sign-in at `now`, and whether that failure locked. */
export function afterFailure(state: FailureState | undefined, now: Date, limits: ThrottleLimits): { state: FailureState; lockedNow: boolean } {
  const windowOpen = state !== undefined && now.getTime() - state.windowStartedAt.getTime() < limits.windowMs;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  if (limits.maxFailures > 0 && failures >= limits.maxFailures) {
    return { state: { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + limits.lockMs) }, lockedNow: true };
  }
  return { state: { failures, windowStartedAt, lockedUntil: state?.lockedUntil ?? null }, lockedNow: false };
}
