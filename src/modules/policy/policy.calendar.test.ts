import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addMonths, dayWindowEnd, endOfLocalDay, localYmd, monthWindowEnd, startOfLocalDay } from './policy.calendar.ts';

describe('policy calendar', () => {
  it('ends a day window at the end of the last local day', () => {
    expect(dayWindowEnd(new Date('2026-11-01T15:00:00+08:00'), 7).toISOString()).toBe('2026-11-08T15:59:59.999Z');
    expect(dayWindowEnd(new Date('2026-11-01T00:00:00+08:00'), 0).toISOString()).toBe('2026-11-01T15:59:59.999Z');
  });

  it('follows DST in zones that have it', () => {
    // Europe/Berlin leaves summer time on 2026-10-25: that day has 25 hours.
    expect(startOfLocalDay({ y: 2026, m: 10, d: 25 }, 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(endOfLocalDay({ y: 2026, m: 10, d: 25 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('clamps months to the last day of a shorter month', () => {
    expect(addMonths({ y: 2026, m: 1, d: 31 }, 1)).toEqual({ y: 2026, m: 2, d: 28 });
    expect(addMonths({ y: 2027, m: 12, d: 15 }, 14)).toEqual({ y: 2029, m: 2, d: 15 });
    expect(monthWindowEnd(new Date('2026-01-31T10:00:00+08:00'), 1).toISOString()).toBe('2026-02-28T15:59:59.999Z');
  });

  it('an end of day is the last instant of that local date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }),
        fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'),
        (ms, tz) => {
          const ymd = localYmd(new Date(ms), tz);
          const end = endOfLocalDay(ymd, tz);
          expect(localYmd(end, tz)).toEqual(ymd);
          expect(localYmd(new Date(end.getTime() + 1), tz)).not.toEqual(ymd);
          expect(end.getTime()).toBeGreaterThanOrEqual(ms);
        },
      ),
    );
  });
});
