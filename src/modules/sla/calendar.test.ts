import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  addDuration,
  addIn,
  BusinessCalendar,
  calendarSpecSchema,
  DEFAULT_CALENDAR_SPEC,
  elapsedIn,
  isWorkingUnit,
  type CalendarSpec,
} from './calendar.ts';
import { HOUR_MS, DAY_MS } from '../../shared/clock.ts';
import { localDate, zoneOffsetMs } from '../../shared/time.ts';
import { addDays, localTimeToInstant, localYmd, startOfLocalDay, type LocalYmd } from '../policy/policy.calendar.ts';

const shanghai = new BusinessCalendar(DEFAULT_CALENDAR_SPEC);
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const ymdOf = (date: string): LocalYmd => {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
};
const calendar = (overrides: Partial<CalendarSpec>) => new BusinessCalendar({ ...DEFAULT_CALENDAR_SPEC, ...overrides });

describe('BusinessCalendar days', () => {
  it('knows the 2025 National Day and Mid-Autumn break: Oct 1-8 off, Sept 28 (Sun) and Oct 11 (Sat) worked', () => {
    for (let d = 1; d <= 8; d++) expect(shanghai.day(`2025-10-0${d}`)).toMatchObject({ working: false, kind: 'holiday' });
    expect(shanghai.day('2025-10-06')).toMatchObject({ name: '中秋', nameEn: 'Mid-autumn Festival' });
    expect(shanghai.day('2025-10-01')).toMatchObject({ name: '国庆节', nameEn: 'National Day' });
    expect(shanghai.day('2025-09-28')).toEqual({ date: '2025-09-28', working: true, kind: 'make_up_workday', name: '国庆节', nameEn: 'National Day' });
    expect(shanghai.day('2025-10-11')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(shanghai.day('2025-10-09')).toEqual({ date: '2025-10-09', working: true, kind: 'workday' });
    expect(shanghai.day('2025-10-12')).toEqual({ date: '2025-10-12', working: false, kind: 'weekend' });
  });

  it('knows 2026: Mid-Autumn Sept 25-27, National Day Oct 1-7, make-up days Sept 20 (Sun) and Oct 10 (Sat)', () => {
    for (const d of ['2026-09-25', '2026-09-26', '2026-09-27']) expect(shanghai.day(d)).toMatchObject({ working: false, kind: 'holiday', name: '中秋' });
    for (let d = 1; d <= 7; d++) expect(shanghai.day(`2026-10-0${d}`)).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
    expect(shanghai.day('2026-09-20')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(shanghai.day('2026-10-10')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(shanghai.day('2026-10-08')).toMatchObject({ working: true, kind: 'workday' });
    expect(shanghai.day('2026-10-11')).toMatchObject({ working: false, kind: 'weekend' });
  });

  it('falls back to weekdays where chinese-days has no data', () => {
    expect(shanghai.holidayDataCovers(2004)).toBe(true);
    expect(shanghai.holidayDataCovers(2026)).toBe(true);
    expect(shanghai.holidayDataCovers(2003)).toBe(false);
    expect(shanghai.holidayDataCovers(2027)).toBe(false);
    expect(shanghai.day('2027-10-01')).toEqual({ date: '2027-10-01', working: true, kind: 'workday' });
    expect(shanghai.day('2027-10-02')).toEqual({ date: '2027-10-02', working: false, kind: 'weekend' });
  });

  it('ignores public holidays when told to', () => {
    const plain = calendar({ chineseHolidays: false });
    expect(plain.day('2026-10-01')).toEqual({ date: '2026-10-01', working: true, kind: 'workday' });
    expect(plain.day('2026-10-10')).toEqual({ date: '2026-10-10', working: false, kind: 'weekend' });
  });

  it('counts 248 working days of 8 hours in 2025', () => {
    expect(shanghai.workingTimeBetween(at('2025-01-01T00:00:00+08:00'), at('2026-01-01T00:00:00+08:00'))).toBe(248 * 8 * HOUR_MS);
  });

  it('applies closures and extra working days, closures winning', () => {
    const c = calendar({ closures: ['2026-11-23', '2026-11-28', '2026-10-02'], extraWorkingDays: ['2026-11-21', '2026-11-28', '2026-11-24', '2026-10-03'] });
    expect(c.day('2026-11-23')).toEqual({ date: '2026-11-23', working: false, kind: 'closure' });
    expect(c.day('2026-11-21')).toEqual({ date: '2026-11-21', working: true, kind: 'extra_workday' });
    expect(c.day('2026-11-28')).toMatchObject({ working: false, kind: 'weekend' });
    expect(c.day('2026-11-24')).toMatchObject({ working: true, kind: 'workday' });
    expect(c.day('2026-10-02')).toMatchObject({ working: false, kind: 'holiday' });
    expect(c.day('2026-10-03')).toMatchObject({ working: true, kind: 'extra_workday', name: '国庆节' });
  });

  it('rejects malformed dates', () => {
    expect(() => shanghai.day('2026-02-30')).toThrow(RangeError);
    expect(() => shanghai.day('2026-2-3')).toThrow(RangeError);
  });
});

describe('BusinessCalendar working time', () => {
  it('a refund due 3 working days after a return received on 2026-09-30 counts the make-up Saturday', () => {
    // Sept 30 itself is not counted; Oct 1-7 are off; Oct 8 (Thu), Oct 9 (Fri), Oct 10 (make-up Sat).
    expect(iso(shanghai.addWorkingDays(at('2026-09-30T15:00:00+08:00'), 3))).toBe('2026-10-10T10:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2026-09-30T15:00:00+08:00'), 4))).toBe('2026-10-12T10:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2025-09-30T15:00:00+08:00'), 3))).toBe('2025-10-11T10:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2025-09-26T23:59:00+08:00'), 1))).toBe('2025-09-28T10:00:00.000Z');
    const from = at('2026-09-30T15:00:00+08:00');
    expect(shanghai.addWorkingDays(from, 0)).toBe(from);
  });

  it('carries working hours over a weekend and around the lunch break', () => {
    // 2026-11-20 is a Friday: 30 minutes on Friday, then 09:00-10:30 on Monday.
    expect(iso(shanghai.addWorkingTime(at('2026-11-20T17:30:00+08:00'), 2 * HOUR_MS))).toBe('2026-11-23T02:30:00.000Z');
    expect(iso(shanghai.addWorkingTime(at('2026-11-20T11:00:00+08:00'), 2 * HOUR_MS))).toBe('2026-11-20T06:00:00.000Z');
    expect(iso(shanghai.addWorkingTime(at('2026-11-20T12:30:00+08:00'), 1 * HOUR_MS))).toBe('2026-11-20T06:00:00.000Z');
    expect(iso(shanghai.addWorkingTime(at('2026-11-20T11:00:00+08:00'), 1 * HOUR_MS))).toBe('2026-11-20T04:00:00.000Z');
    const from = at('2026-11-21T03:00:00+08:00');
    expect(shanghai.addWorkingTime(from, 0)).toBe(from);
    expect(shanghai.workingTimeBetween(at('2026-11-20T17:30:00+08:00'), at('2026-11-23T10:30:00+08:00'))).toBe(2 * HOUR_MS);
    expect(shanghai.workingTimeBetween(at('2026-11-23T10:30:00+08:00'), at('2026-11-20T17:30:00+08:00'))).toBe(0);
  });

  it('a closure removes a day and an extra working day adds one', () => {
    const closed = calendar({ closures: ['2026-11-23'] });
    expect(iso(closed.addWorkingTime(at('2026-11-20T17:30:00+08:00'), 2 * HOUR_MS))).toBe('2026-11-24T02:30:00.000Z');
    const open = calendar({ extraWorkingDays: ['2026-11-21'] });
    expect(iso(open.addWorkingTime(at('2026-11-20T17:30:00+08:00'), 2 * HOUR_MS))).toBe('2026-11-21T02:30:00.000Z');
    expect(iso(open.addWorkingDays(at('2026-11-20T17:30:00+08:00'), 1))).toBe('2026-11-21T10:00:00.000Z');
  });

  it('tells whether an instant is inside working hours', () => {
    expect(shanghai.isWorkingInstant(at('2026-11-20T09:00:00+08:00'))).toBe(true);
    expect(shanghai.isWorkingInstant(at('2026-11-20T11:59:59+08:00'))).toBe(true);
    expect(shanghai.isWorkingInstant(at('2026-11-20T12:00:00+08:00'))).toBe(false);
    expect(shanghai.isWorkingInstant(at('2026-11-20T18:00:00+08:00'))).toBe(false);
    expect(shanghai.isWorkingInstant(at('2026-11-21T10:00:00+08:00'))).toBe(false);
    expect(shanghai.isWorkingInstant(at('2026-10-10T10:00:00+08:00'))).toBe(true);
  });

  it('keeps local working hours in Europe/Berlin across both DST changes', () => {
    const berlin = calendar({ timeZone: 'Europe/Berlin', chineseHolidays: false });
    // Clocks go forward on Sunday 2026-03-29: Friday 17:00 CET (UTC+1) + 2 h ends Monday 10:00 CEST (UTC+2).
    expect(iso(berlin.addWorkingTime(at('2026-03-27T17:00:00+01:00'), 2 * HOUR_MS))).toBe('2026-03-30T08:00:00.000Z');
    expect(berlin.workingTimeBetween(at('2026-03-27T09:00:00+01:00'), at('2026-03-30T18:00:00+02:00'))).toBe(16 * HOUR_MS);
    expect(iso(berlin.addWorkingDays(at('2026-03-27T17:00:00+01:00'), 1))).toBe('2026-03-30T16:00:00.000Z');
    // Back on Sunday 2026-10-25.
    expect(iso(berlin.addWorkingTime(at('2026-10-23T17:00:00+02:00'), 2 * HOUR_MS))).toBe('2026-10-26T09:00:00.000Z');
    expect(berlin.isWorkingInstant(at('2026-10-26T07:30:00Z'))).toBe(false);
    expect(berlin.isWorkingInstant(at('2026-10-26T08:30:00Z'))).toBe(true);
  });

  it('a round-the-clock calendar counts the 23- and 25-hour days of DST changes', () => {
    const always = calendar({ timeZone: 'Europe/Berlin', workingHours: [{ start: '00:00', end: '24:00' }], extraWorkingDays: ['2026-03-29', '2026-10-25'] });
    expect(always.workingTimeBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(23 * HOUR_MS);
    expect(always.workingTimeBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(25 * HOUR_MS);
  });

  it('fails clearly instead of searching forever', () => {
    const closures: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2030, 0, 1); t += DAY_MS) closures.push(new Date(t).toISOString().slice(0, 10));
    const shut = calendar({ closures });
    expect(() => shut.addWorkingTime(at('2026-01-01T00:00:00+08:00'), HOUR_MS)).toThrow(/3 years/);
    expect(() => shut.addWorkingDays(at('2026-01-01T00:00:00+08:00'), 1)).toThrow(/3 years/);
    expect(() => shanghai.addWorkingTime(at('2026-01-01T00:00:00+08:00'), -1)).toThrow(RangeError);
    expect(() => shanghai.addWorkingDays(at('2026-01-01T00:00:00+08:00'), 1.5)).toThrow(RangeError);
  });
});

describe('calendarSpecSchema', () => {
  it('fills in the defaults', () => {
    expect(calendarSpecSchema.parse({})).toEqual(DEFAULT_CALENDAR_SPEC);
    expect(calendarSpecSchema.parse(DEFAULT_CALENDAR_SPEC)).toEqual(DEFAULT_CALENDAR_SPEC);
  });

  it.each([
    [{ timeZone: 'Asia/Beijing' }, 'IANA time zone'],
    [{ workingHours: [{ start: '9:00', end: '12:00' }] }, 'HH:mm'],
    [{ workingHours: [{ start: '09:00', end: '24:30' }] }, 'HH:mm'],
    [{ workingHours: [{ start: '12:00', end: '09:00' }] }, 'start before it ends'],
    [{ workingHours: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] }, 'must not overlap'],
    [{ workingHours: [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '12:00' }] }, 'sorted'],
    [{ workingHours: [] }, 'at least one working period'],
    [{ closures: ['2026-02-29'] }, 'real date'],
    [{ extraWorkingDays: ['2026/10/10'] }, 'real date'],
  ])('rejects %j', (spec, message) => {
    const result = calendarSpecSchema.safeParse(spec);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('\n')).toContain(message);
  });

  it('the constructor refuses a bad spec with a readable message', () => {
    expect(() => calendar({ timeZone: 'Mars/Olympus_Mons' })).toThrow(/timeZone: must be an IANA time zone/);
  });
});

describe('durations', () => {
  const friday = at('2026-11-20T17:30:00+08:00');

  it('adds natural units as wall time and working units on the calendar', () => {
    expect(iso(addDuration(shanghai, friday, { amount: 90, unit: 'minutes' }))).toBe('2026-11-20T11:00:00.000Z');
    expect(iso(addDuration(shanghai, friday, { amount: 48, unit: 'hours' }))).toBe('2026-11-22T09:30:00.000Z');
    expect(iso(addDuration(shanghai, friday, { amount: 2, unit: 'days' }))).toBe('2026-11-22T09:30:00.000Z');
    expect(iso(addDuration(shanghai, friday, { amount: 2, unit: 'working_hours' }))).toBe('2026-11-23T02:30:00.000Z');
    expect(iso(addDuration(shanghai, friday, { amount: 1, unit: 'working_days' }))).toBe('2026-11-23T10:00:00.000Z');
    expect(isWorkingUnit('working_hours')).toBe(true);
    expect(isWorkingUnit('days')).toBe(false);
  });

  it('measures and resumes in the basis of the unit', () => {
    const monday = at('2026-11-23T10:30:00+08:00');
    expect(elapsedIn(shanghai, 'hours', friday, monday)).toBe(65 * HOUR_MS);
    expect(elapsedIn(shanghai, 'working_hours', friday, monday)).toBe(2 * HOUR_MS);
    expect(elapsedIn(shanghai, 'minutes', monday, friday)).toBe(0);
    expect(iso(addIn(shanghai, 'working_days', friday, 2 * HOUR_MS))).toBe(iso(monday));
    expect(iso(addIn(shanghai, 'hours', friday, 2 * HOUR_MS))).toBe('2026-11-20T11:30:00.000Z');
  });
});

describe('BusinessCalendar properties', () => {
  const zones = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe');
  const specs: fc.Arbitrary<CalendarSpec> = fc.record({
    timeZone: zones,
    workingHours: fc.constantFrom(
      DEFAULT_CALENDAR_SPEC.workingHours,
      [{ start: '08:30', end: '17:30' }],
      [{ start: '00:00', end: '24:00' }],
      [{ start: '01:00', end: '03:30' }, { start: '22:00', end: '24:00' }],
    ),
    chineseHolidays: fc.boolean(),
    closures: fc.constant<string[]>([]),
    extraWorkingDays: fc.constant<string[]>([]),
  });
  const calendars = specs.map((spec) => new BusinessCalendar(spec));
  const instants = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-12-31T23:59:59Z') }).map((t) => new Date(t));
  const workingMs = fc.integer({ min: 0, max: 30 * 8 * HOUR_MS });

  it('reads UTC offsets and resolves local wall times like the zone does', () => {
    const partsOf = (t: number, timeZone: string) => {
      const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
      return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    };
    fc.assert(
      fc.property(fc.constantFrom('UTC', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Europe/Berlin', 'Australia/Lord_Howe'), instants, (zone, t) => {
        const whole = Math.floor(t.getTime() / 1000) * 1000;
        expect(zoneOffsetMs(whole, zone)).toBe(partsOf(whole, zone) - whole);
        const ymd = localYmd(t, zone);
        const noon = localTimeToInstant(ymd, 12 * 60, zone);
        expect(partsOf(noon.getTime(), zone)).toBe(Date.UTC(ymd.y, ymd.m - 1, ymd.d, 12));
      }),
      { numRuns: 300 },
    );
  });

  it('working time added is working time measured', () => {
    fc.assert(
      fc.property(instants, workingMs, (t, ms) => {
        expect(shanghai.workingTimeBetween(t, shanghai.addWorkingTime(t, ms))).toBe(ms);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(calendars, instants, workingMs, (cal, t, ms) => {
        expect(cal.workingTimeBetween(t, cal.addWorkingTime(t, ms))).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });

  it('adding is monotonic and measuring is additive', () => {
    fc.assert(
      fc.property(calendars, instants, workingMs, workingMs, (cal, t, m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(cal.addWorkingTime(t, lo).getTime()).toBeLessThanOrEqual(cal.addWorkingTime(t, hi).getTime());
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(calendars, instants, instants, instants, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(cal.workingTimeBetween(a, b) + cal.workingTimeBetween(b, c)).toBe(cal.workingTimeBetween(a, c));
      }),
      { numRuns: 300 },
    );
  });

  it('answers the same whichever days were looked at first', () => {
    fc.assert(
      fc.property(specs, instants, instants, instants, (spec, x, y, warm) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const fresh = new BusinessCalendar(spec);
        const warmed = new BusinessCalendar(spec);
        warmed.workingTimeBetween(warm, new Date(warm.getTime() + 40 * DAY_MS));
        expect(warmed.workingTimeBetween(a, b)).toBe(fresh.workingTimeBetween(a, b));
      }),
      { numRuns: 200 },
    );
  });

  it('a public holiday never counts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(chineseDaysData.holidays)), (date) => {
        const ymd = ymdOf(date);
        expect(shanghai.day(date).kind).toBe('holiday');
        expect(shanghai.workingTimeBetween(startOfLocalDay(ymd), startOfLocalDay(addDays(ymd, 1)))).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a make-up working day counts its full working hours', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(chineseDaysData.workdays)), (date) => {
        const ymd = ymdOf(date);
        expect([0, 6]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
        expect(shanghai.day(date)).toMatchObject({ working: true, kind: 'make_up_workday' });
        expect(shanghai.workingTimeBetween(startOfLocalDay(ymd), startOfLocalDay(addDays(ymd, 1)))).toBe(8 * HOUR_MS);
      }),
      { numRuns: 150 },
    );
  });

  it('added working time ends inside or at the end of a working period of a working day', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 30 * 8 * HOUR_MS }), (t, ms) => {
        const end = shanghai.addWorkingTime(t, ms);
        const justBefore = new Date(end.getTime() - 1);
        expect(shanghai.isWorkingInstant(justBefore)).toBe(true);
        expect(shanghai.isWorkingDay(localDate(justBefore))).toBe(true);
        const wall = end.getTime() - startOfLocalDay(ymdOf(localDate(end))).getTime();
        expect((wall > 9 * HOUR_MS && wall <= 12 * HOUR_MS) || (wall > 13 * HOUR_MS && wall <= 18 * HOUR_MS)).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(calendars, instants, fc.integer({ min: 1, max: 30 * 8 * HOUR_MS }), (cal, t, ms) => {
        const end = cal.addWorkingTime(t, ms);
        expect(cal.isWorkingInstant(new Date(end.getTime() - 1))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('working days land at close of business of the Nth working day after the starting day', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 30 }), (t, n) => {
        const due = shanghai.addWorkingDays(t, n);
        expect(shanghai.isWorkingInstant(new Date(due.getTime() - 1))).toBe(true);
        expect(localDate(due)).not.toBe(localDate(t));
        let counted = 0;
        for (let d = addDays(ymdOf(localDate(t)), 1); ; d = addDays(d, 1)) {
          const date = `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
          if (shanghai.isWorkingDay(date)) counted += 1;
          if (date === localDate(due)) break;
        }
        expect(counted).toBe(n);
        expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(due)).toBe('18:00');
      }),
      { numRuns: 200 },
    );
  });

  it('a calendar open round the clock every day measures natural time, whatever the zone', () => {
    const everyDay: string[] = [];
    for (let t = Date.UTC(2023, 11, 31); t <= Date.UTC(2027, 0, 1); t += DAY_MS) everyDay.push(new Date(t).toISOString().slice(0, 10));
    const open = new Map<string, BusinessCalendar>();
    const openIn = (timeZone: string) =>
      open.get(timeZone) ??
      open.set(timeZone, calendar({ timeZone, chineseHolidays: false, workingHours: [{ start: '00:00', end: '24:00' }], extraWorkingDays: everyDay })).get(timeZone)!;
    fc.assert(
      fc.property(zones, instants, instants, (timeZone, x, y) => {
        const always = openIn(timeZone);
        const [a, b] = x <= y ? [x, y] : [y, x];
        expect(always.workingTimeBetween(a, b)).toBe(b.getTime() - a.getTime());
      }),
      { numRuns: 200 },
    );
  });
});
