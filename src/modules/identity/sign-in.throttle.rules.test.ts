import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, type FailureState, lockedUntil, type ThrottleLimits } from './sign-in.throttle.rules.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-10T02:00:00Z');

/** Runs failed attempts at the given offsets; returns the accepted ones and the lock starts. */
function run(offsets: number[], limits: ThrottleLimits) {
  let state: FailureState | undefined;
  const accepted: number[] = [];
  const locks: { at: number; until: number }[] = [];
  for (const offset of offsets) {
    const now = new Date(T0 + offset);
    if (lockedUntil(state, now)) continue; // refused before the password is checked
    accepted.push(offset);
    const next = afterFailure(state, now, limits);
    state = next.state;
    if (next.lockedNow) locks.push({ at: offset, until: next.state.lockedUntil!.getTime() - T0 });
  }
  return { accepted, locks, state };
}

const attempts = fc.array(fc.integer({ min: 0, max: 120 * MINUTE }), { maxLength: 60 }).map((a) => a.sort((x, y) => x - y));
const limitsArb = fc.record({
  maxFailures: fc.integer({ min: 1, max: 8 }),
  windowMs: fc.integer({ min: 1, max: 30 }).map((m) => m * MINUTE),
  lockMs: fc.integer({ min: 1, max: 30 }).map((m) => m * MINUTE),
});

describe('sign-in lock-out rule', () => {
  it('locks on the fifth failure within 15 minutes, for 15 minutes, and starts afresh after', () => {
    const limits = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
    const { accepted, locks } = run([0, 1, 2, 3, 4, 5, 6, 14, 15, 16].map((m) => m * MINUTE), limits);
    expect(locks).toEqual([{ at: 4 * MINUTE, until: 19 * MINUTE }]);
    expect(accepted).toEqual([0, 1, 2, 3, 4].map((m) => m * MINUTE)); // 5, 6, 14, 15, 16 fall in the lock
    const after = run([0, 1, 2, 3, 4, 19, 20].map((m) => m * MINUTE), limits);
    expect(after.locks).toHaveLength(1);
    expect(after.state?.failures).toBe(2);
  });

  it('does not lock failures spread over more than the window', () => {
    const limits = { maxFailures: 3, windowMs: 10 * MINUTE, lockMs: 10 * MINUTE };
    expect(run([0, 4, 11, 15, 22, 26].map((m) => m * MINUTE), limits).locks).toEqual([]);
  });

  it('a lock follows at least maxFailures accepted failures within the window, and lasts exactly lockMs', () => {
    fc.assert(
      fc.property(attempts, limitsArb, (offsets, limits) => {
        const { accepted, locks } = run(offsets, limits);
        for (const lock of locks) {
          expect(lock.until - lock.at).toBe(limits.lockMs);
          const recent = accepted.filter((a) => a <= lock.at && a > lock.at - limits.windowMs);
          expect(recent.length).toBeGreaterThanOrEqual(limits.maxFailures);
          // Nothing is accepted while the lock lasts.
          expect(accepted.filter((a) => a > lock.at && a < lock.until)).toEqual([]);
        }
      }),
    );
  });

  it('accepts at most 2·maxFailures − 1 failures in any window-long stretch when the lock lasts at least the window', () => {
    fc.assert(
      fc.property(attempts, limitsArb, (offsets, raw) => {
        const limits = { ...raw, lockMs: Math.max(raw.lockMs, raw.windowMs) };
        const { accepted } = run(offsets, limits);
        for (const start of accepted) {
          const inStretch = accepted.filter((a) => a >= start && a < start + limits.windowMs);
          expect(inStretch.length).toBeLessThanOrEqual(2 * limits.maxFailures - 1);
        }
      }),
    );
  });
});
