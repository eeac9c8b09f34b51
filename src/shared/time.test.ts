import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, zoneOffsetMs } from './time.ts';

// Zones with daylight saving, half- and quarter-hour offsets, and the default one.
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/Santiago'];

function intlDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

describe('local dates from cached zone offsets', () => {
  it('agree with Intl for any instant and zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...ZONES), (instant, zone) => {
        expect(localDate(instant, zone)).toBe(intlDate(instant, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('are exact on both sides of a daylight-saving change', () => {
    // New York, 2026-11-01 02:00 EDT → 01:00 EST (06:00Z); the quarter hour around it is asked exactly.
    const change = Date.parse('2026-11-01T06:00:00Z');
    expect(zoneOffsetMs(change - 1000, 'America/New_York')).toBe(-4 * 3600_000);
    expect(zoneOffsetMs(change, 'America/New_York')).toBe(-5 * 3600_000);
    // 23:59:59 local on the evening before the change, and the first second of the next day.
    expect(localDate(new Date('2026-03-08T04:59:59Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDate(new Date('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
  });
});
