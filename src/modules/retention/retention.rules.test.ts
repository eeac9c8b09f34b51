// CL-6 retention rule: never purges before 3 years, never purges a held or open case, and does
// purge once the period (the setting, floored at 3 years) is over.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATES, isOpenState, type CaseState } from '../cases/case.state.ts';
import { addYears, effectiveRetentionYears, MIN_RETENTION_YEARS, type RetentionCase, retentionDecision } from './retention.rules.ts';

const DAY = 86_400_000;
const date = (from: string, to: string) => fc.date({ min: new Date(from), max: new Date(to), noInvalidDate: true });
const anyCase = fc.record<RetentionCase>({
  state: fc.constantFrom<CaseState>(...CASE_STATES),
  archivedAt: fc.option(date('2020-01-01T00:00:00Z', '2030-12-31T00:00:00Z'), { nil: null }),
  closedAt: fc.option(date('2020-01-01T00:00:00Z', '2030-12-31T00:00:00Z'), { nil: null }),
  legalHold: fc.boolean(),
  purgedAt: fc.option(date('2023-01-01T00:00:00Z', '2040-01-01T00:00:00Z'), { nil: null }),
});
const anyNow = date('2019-01-01T00:00:00Z', '2045-01-01T00:00:00Z');
// Any number a caller might pass, including ones below the floor, negative, fractional or not a number.
const anySettings = fc.record({
  retentionYears: fc.oneof(fc.integer({ min: -5, max: 12 }), fc.double({ min: -10, max: 10, noNaN: false }), fc.constantFrom(Number.NaN, 0, 2.99)),
});

describe('retentionDecision (CL-6)', () => {
  it('never purges before 3 years from archiving, whatever the settings', () => {
    fc.assert(
      fc.property(anyCase, anyNow, anySettings, (c, now, settings) => {
        const decision = retentionDecision(c, now, settings);
        if (decision.action !== 'purge') return;
        const started = decision.retentionStartedAt;
        expect(started.getTime()).toBe((c.archivedAt ?? c.closedAt)!.getTime());
        // Three calendar years, and so at least 3 × 365 days.
        expect(now.getTime()).toBeGreaterThanOrEqual(addYears(started, MIN_RETENTION_YEARS).getTime());
        expect(now.getTime() - started.getTime()).toBeGreaterThanOrEqual(3 * 365 * DAY);
      }),
      { numRuns: 2_000, seed: 20261110 },
    );
  });

  it('never purges a case under legal hold, an open case or one already purged', () => {
    fc.assert(
      fc.property(anyCase, anyNow, anySettings, (c, now, settings) => {
        const decision = retentionDecision(c, now, settings);
        if (c.legalHold || isOpenState(c.state) || c.purgedAt) expect(decision.action).toBe('keep');
      }),
      { numRuns: 2_000, seed: 7 },
    );
  });

  it('never purges before the configured period when it is longer than 3 years', () => {
    fc.assert(
      fc.property(anyCase, anyNow, fc.integer({ min: 3, max: 30 }), (c, now, years) => {
        const decision = retentionDecision(c, now, { retentionYears: years });
        if (decision.action === 'purge') expect(now.getTime()).toBeGreaterThanOrEqual(addYears(decision.retentionStartedAt, years).getTime());
      }),
      { numRuns: 1_000, seed: 11 },
    );
  });

  it('purges an archived, unheld case once its period is over, and stays purgeable later', () => {
    fc.assert(
      fc.property(
        date('2020-01-01T00:00:00Z', '2030-12-31T00:00:00Z'),
        fc.integer({ min: 3, max: 10 }),
        fc.integer({ min: 0, max: 5 * 365 * DAY }),
        fc.integer({ min: 0, max: 365 * DAY }),
        (archivedAt, years, after, later) => {
          const c: RetentionCase = { state: 'archived', archivedAt, closedAt: null, legalHold: false, purgedAt: null };
          const due = addYears(archivedAt, years);
          const at = new Date(due.getTime() + after);
          const first = retentionDecision(c, at, { retentionYears: years });
          expect(first).toMatchObject({ action: 'purge', keepUntil: due });
          expect(retentionDecision(c, new Date(at.getTime() + later), { retentionYears: years }).action).toBe('purge');
          // One millisecond earlier it is still kept, with the date it may go.
          expect(retentionDecision(c, new Date(due.getTime() - 1), { retentionYears: years })).toMatchObject({
            action: 'keep',
            reason: 'retention_running',
            keepUntil: due,
          });
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });

  it('counts a closed case never archived from its closing, and keeps cancelled ones without a date', () => {
    const closedAt = new Date('2026-01-05T08:00:00Z');
    const closed: RetentionCase = { state: 'closed', archivedAt: null, closedAt, legalHold: false, purgedAt: null };
    expect(retentionDecision(closed, new Date('2029-01-05T07:59:59Z'), { retentionYears: 3 }).action).toBe('keep');
    expect(retentionDecision(closed, new Date('2029-01-05T08:00:00Z'), { retentionYears: 3 }).action).toBe('purge');
    const withdrawn: RetentionCase = { state: 'withdrawn', archivedAt: null, closedAt: null, legalHold: false, purgedAt: null };
    expect(retentionDecision(withdrawn, new Date('2040-01-01T00:00:00Z'), { retentionYears: 3 })).toMatchObject({ action: 'keep', reason: 'not_archived' });
  });

  it('says why it keeps, legal hold before time', () => {
    const archivedAt = new Date('2020-02-29T04:00:00Z');
    const held: RetentionCase = { state: 'archived', archivedAt, closedAt: null, legalHold: true, purgedAt: null };
    expect(retentionDecision(held, new Date('2035-01-01T00:00:00Z'), { retentionYears: 3 })).toMatchObject({ action: 'keep', reason: 'legal_hold' });
    // 29 February + 3 years is 1 March: later, never earlier.
    expect(addYears(archivedAt, 3).toISOString()).toBe('2023-03-01T04:00:00.000Z');
  });

  it('floors the setting at 3 years', () => {
    expect(effectiveRetentionYears({ retentionYears: 1 })).toBe(3);
    expect(effectiveRetentionYears({ retentionYears: Number.NaN })).toBe(3);
    expect(effectiveRetentionYears({ retentionYears: 7 })).toBe(7);
  });
});
