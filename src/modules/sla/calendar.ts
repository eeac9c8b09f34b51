// Business calendar for SLA deadlines: which local days are working days and how much working time
// lies between two instants. Pure: the holiday table ships with the code and no clock is read.
import { z } from 'zod';
// The raw table rather than chinese-days' functions: those parse 'YYYY-MM-DD' as UTC and format in
// the process's time zone, so west of UTC they answer for the previous day.
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { DAY_MS, HOUR_MS } from '../../shared/clock.ts';
import { DEFAULT_TIME_ZONE, zoneOffsetMs } from '../../shared/time.ts';
import { localTimeToInstant, localYmd, type LocalYmd } from '../policy/policy.calendar.ts';
import { checkMessage, matching } from '../../shared/validation.ts';

export interface WorkingPeriod {
  start: string;
  end: string;
}

export interface CalendarSpec {
  timeZone: string;
  workingHours: WorkingPeriod[];
  chineseHolidays: boolean;
  closures: string[];
  extraWorkingDays: string[];
}

export const DEFAULT_CALENDAR_SPEC: CalendarSpec = Object.freeze({
  timeZone: DEFAULT_TIME_ZONE,
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  chineseHolidays: true,
  closures: [],
  extraWorkingDays: [],
});

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday' | 'closure' | 'extra_workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Chinese name of the public holiday the day belongs to (for a make-up day: the one it makes up for). */
  name?: string;
  nameEn?: string;
}

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'working_hours' | 'working_days';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

type DayTable = Record<string, string | undefined>;
// Values read "English name,中文名,length of the holiday".
const holidays: DayTable = chineseDaysData.holidays;
const makeUpDays: DayTable = chineseDaysData.workdays;
const coveredYears = new Set(Object.keys(chineseDaysData.holidays).map((date) => Number(date.slice(0, 4))));

// Long enough for any SLA; a spec that closes every day must fail instead of looping.
const HORIZON_DAYS = 3 * 366;
const MINUTE_MS = 60_000;
const CACHE_LIMIT = 4096;
const NEAR_MS = 4 * DAY_MS;

const HH_MM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) return Number.NaN;
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

/** Days since 1970-01-01 of a real 'YYYY-MM-DD' date, or undefined. */
function epochDayOf(date: string): number | undefined {
  const m = YMD.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  t.setUTCFullYear(y); // Date.UTC maps years 0-99 to 1900-1999
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return Math.round(t.getTime() / DAY_MS);
}

const validZones = new Set<string>();
function isTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  validZones.add(zone);
  return true;
}

const dateSchema = z.string().refine(
  (s) => epochDayOf(s) !== undefined,
  checkMessage({ 'zh-CN': '须为真实存在的日期，格式 YYYY-MM-DD', 'en-US': 'must be a real date written YYYY-MM-DD' }),
);
const timeSchema = matching(z.string(), HH_MM, { 'zh-CN': '须为 HH:mm 格式的时间，00:00 至 24:00', 'en-US': 'must be a time written HH:mm, from 00:00 to 24:00' });

export const calendarSpecSchema = z.object({
  timeZone: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isTimeZone, checkMessage({ 'zh-CN': '须为 IANA 时区名，如 Asia/Shanghai', 'en-US': 'must be an IANA time zone such as Asia/Shanghai' })),
  workingHours: z
    .array(
      z
        .object({ start: timeSchema, end: timeSchema })
        .refine((p) => minutesOf(p.start) < minutesOf(p.end), checkMessage({ 'zh-CN': '工作时段的开始须早于结束', 'en-US': 'a working period must start before it ends' })),
    )
    .min(1, { message: 'at least one working period is needed' })
    .max(24)
    .default(() => DEFAULT_CALENDAR_SPEC.workingHours.map((p) => ({ ...p })))
    .superRefine((periods, ctx) => {
      for (let i = 1; i < periods.length; i++) {
        const prev = periods[i - 1];
        const cur = periods[i];
        if (prev && cur && minutesOf(cur.start) < minutesOf(prev.end)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            ...checkMessage({ 'zh-CN': '工作时段须按时间先后排列且不能重叠', 'en-US': 'working periods must be sorted and must not overlap' }),
          });
        }
      }
    }),
  chineseHolidays: z.boolean().default(true),
  closures: z.array(dateSchema).default(() => []),
  extraWorkingDays: z.array(dateSchema).default(() => []),
});

interface DayPlan {
  info: DayInfo;
  /** Working periods as [start, end) instants, flattened: s0, e0, s1, e1, … Empty on days off. */
  spans: number[];
}

export class BusinessCalendar {
  readonly spec: CalendarSpec;
  readonly #periods: Array<[number, number]>;
  readonly #closures: Set<string>;
  readonly #extraDays: Set<string>;
  readonly #plans = new Map<number, DayPlan>();
  #anchor: { at: number; offset: number } | undefined;

  constructor(spec: CalendarSpec) {
    const parsed = calendarSpecSchema.safeParse(spec);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`);
      throw new Error(`Invalid business calendar: ${lines.join('; ')}`);
    }
    this.spec = parsed.data;
    this.#periods = parsed.data.workingHours.map((p) => [minutesOf(p.start), minutesOf(p.end)]);
    this.#closures = new Set(parsed.data.closures);
    this.#extraDays = new Set(parsed.data.extraWorkingDays);
  }

  day(date: string): DayInfo {
    const epochDay = epochDayOf(date);
    if (epochDay === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
    return this.#plan(epochDay).info;
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  isWorkingInstant(at: Date): boolean {
    const t = instant(at);
    const spans = this.#plan(this.#epochDayAt(t)).spans;
    for (let i = 0; i < spans.length; i += 2) if (t >= spans[i]! && t < spans[i + 1]!) return true;
    return false;
  }

  addWorkingTime(from: Date, ms: number): Date {
    const t = instant(from);
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time to add must be a finite ms >= 0, got ${ms}`);
    if (ms === 0) return from;
    let remaining = ms;
    const first = this.#epochDayAt(t);
    for (let day = first; day <= first + HORIZON_DAYS; day++) {
      const spans = this.#plan(day).spans;
      for (let i = 0; i < spans.length; i += 2) {
        const end = spans[i + 1]!;
        if (end <= t) continue;
        const start = Math.max(spans[i]!, t);
        if (remaining <= end - start) return new Date(start + remaining);
        remaining -= end - start;
      }
    }
    throw new Error(`no end to ${ms} ms of working time within 3 years of ${from.toISOString()} in this calendar`);
  }

  workingTimeBetween(a: Date, b: Date): number {
    const ta = instant(a);
    const tb = instant(b);
    if (tb <= ta) return 0;
    let total = 0;
    const last = this.#epochDayAt(tb);
    for (let day = this.#epochDayAt(ta); day <= last; day++) {
      const spans = this.#plan(day).spans;
      for (let i = 0; i < spans.length; i += 2) {
        const overlap = Math.min(spans[i + 1]!, tb) - Math.max(spans[i]!, ta);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  addWorkingDays(from: Date, days: number): Date {
    const t = instant(from);
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days to add must be an integer >= 0, got ${days}`);
    if (days === 0) return from;
    let counted = 0;
    const first = this.#epochDayAt(t);
    for (let day = first + 1; day <= first + HORIZON_DAYS; day++) {
      const plan = this.#plan(day);
      // A working day whose hours all fall into a DST gap has no close of business to land on.
      if (!plan.info.working || plan.spans.length === 0) continue;
      counted += 1;
      if (counted === days) return new Date(plan.spans[plan.spans.length - 1]!);
    }
    throw new Error(`fewer than ${days} working days within 3 years of ${from.toISOString()} in this calendar`);
  }

  holidayDataCovers(year: number): boolean {
    return coveredYears.has(year);
  }

  #epochDayAt(t: number): number {
    const { y, m, d } = localYmd(new Date(t), this.spec.timeZone);
    return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  }

  #plan(epochDay: number): DayPlan {
    let plan = this.#plans.get(epochDay);
    if (plan) return plan;
    const info = this.#classify(epochDay);
    plan = { info, spans: info.working ? this.#spans(epochDay) : [] };
    if (this.#plans.size >= CACHE_LIMIT) this.#plans.delete(this.#plans.keys().next().value!);
    this.#plans.set(epochDay, plan);
    return plan;
  }

  #classify(epochDay: number): DayInfo {
    const at = new Date(epochDay * DAY_MS);
    const date = at.toISOString().slice(0, 10);
    const weekday = at.getUTCDay();
    let kind: DayKind = weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
    let label: string | undefined;
    // The holiday table follows mainland dates; other zones apply it to their own local dates.
    if (this.spec.chineseHolidays && coveredYears.has(at.getUTCFullYear())) {
      label = makeUpDays[date] ?? holidays[date];
      if (makeUpDays[date]) kind = 'make_up_workday';
      else if (holidays[date]) kind = 'holiday';
    }
    let working = kind === 'workday' || kind === 'make_up_workday';
    // Overrides only change the kind when they change the outcome, so a closure that falls on
    // a holiday still reads as that holiday.
    if (working && this.#closures.has(date)) [kind, working] = ['closure', false];
    else if (!working && this.#extraDays.has(date) && !this.#closures.has(date)) [kind, working] = ['extra_workday', true];
    const info: DayInfo = { date, working, kind };
    if (label) {
      const [en, zh] = label.split(',');
      if (zh) info.name = zh;
      if (en) info.nameEn = en;
    }
    return Object.freeze(info);
  }

  /**
   * On nearly every day one UTC offset holds across the working hours, so each boundary is the wall
   * time minus that offset; days on which the clocks change resolve every boundary on its own.
   */
  #spans(epochDay: number): number[] {
    const midnight = epochDay * DAY_MS;
    const periods = this.#periods;
    const offset = this.#steadyOffset(midnight + periods[0]![0] * MINUTE_MS, midnight + periods[periods.length - 1]![1] * MINUTE_MS);
    const spans: number[] = [];
    let previousEnd = -Infinity;
    for (const [startMinute, endMinute] of periods) {
      let start = midnight + startMinute * MINUTE_MS - (offset ?? 0);
      let end = midnight + endMinute * MINUTE_MS - (offset ?? 0);
      if (offset === undefined) {
        const at = new Date(midnight);
        const ymd: LocalYmd = { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() };
        start = localTimeToInstant(ymd, startMinute, this.spec.timeZone).getTime();
        end = localTimeToInstant(ymd, endMinute, this.spec.timeZone).getTime();
      }
      // A DST gap can resolve wall times out of order; clamp so spans stay ordered and disjoint.
      start = Math.max(start, previousEnd);
      if (end > start) {
        spans.push(start, end);
        previousEnd = end;
      }
    }
    return spans;
  }

  /** The offset in force from firstWall to lastWall (wall times as UTC ms), or undefined if the clocks change between. */
  #steadyOffset(firstWall: number, lastWall: number): number | undefined {
    const zone = this.spec.timeZone;
    const anchor = this.#anchor;
    // Clocks never change twice within a few days, so one look at the far end of the working hours
    // suffices when a nearby instant already has the same offset.
    if (anchor) {
      const { at, offset } = anchor;
      const first = firstWall - offset;
      const last = lastWall - offset;
      if (at <= first && last - at <= NEAR_MS && zoneOffsetMs(last, zone) === offset) return this.#anchorAt(last, offset);
      if (at >= last && at - first <= NEAR_MS && zoneOffsetMs(first, zone) === offset) return this.#anchorAt(first, offset);
    }
    const guess = zoneOffsetMs(firstWall, zone);
    const offset = zoneOffsetMs(firstWall - guess, zone);
    const firstHolds = offset === guess || zoneOffsetMs(firstWall - offset, zone) === offset;
    if (firstHolds && zoneOffsetMs(lastWall - offset, zone) === offset) return this.#anchorAt(lastWall - offset, offset);
    return undefined;
  }

  #anchorAt(at: number, offset: number): number {
    this.#anchor = { at, offset };
    return offset;
  }
}

function instant(at: Date): number {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  return t;
}

export function isWorkingUnit(unit: DurationUnit): boolean {
  return unit === 'working_hours' || unit === 'working_days';
}

const NATURAL_UNIT_MS: Record<string, number> = { minutes: MINUTE_MS, hours: HOUR_MS, days: DAY_MS };

/** Natural units add wall time (minutes, hours, days = 24 h each); working units use the calendar. */
export function addDuration(calendar: BusinessCalendar, from: Date, duration: Duration): Date {
  const { amount, unit } = duration;
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`duration must be a finite amount >= 0, got ${amount}`);
  if (unit === 'working_days') return calendar.addWorkingDays(from, amount);
  if (unit === 'working_hours') return calendar.addWorkingTime(from, Math.round(amount * HOUR_MS));
  return new Date(instant(from) + Math.round(amount * NATURAL_UNIT_MS[unit]!));
}

/**
 * The least time a duration ever grants, in minutes of its own basis. Working days end at the close
 * of the Nth working day after today, so the least is N days of working hours (started after hours).
 */
export function shortestMinutes(spec: Pick<CalendarSpec, 'workingHours'>, duration: Duration): number {
  const { amount, unit } = duration;
  if (unit === 'working_days') return amount * spec.workingHours.reduce((sum, p) => sum + minutesOf(p.end) - minutesOf(p.start), 0);
  if (unit === 'working_hours') return amount * 60;
  return (amount * NATURAL_UNIT_MS[unit]!) / MINUTE_MS;
}

/** Elapsed time between a and b in the basis of the unit: natural ms, or working ms for working units. */
export function elapsedIn(calendar: BusinessCalendar, unit: DurationUnit, a: Date, b: Date): number {
  return isWorkingUnit(unit) ? calendar.workingTimeBetween(a, b) : Math.max(0, instant(b) - instant(a));
}

/** Add `ms` of time in the basis of the unit (natural or working): used to resume a paused deadline with its remaining time. */
export function addIn(calendar: BusinessCalendar, unit: DurationUnit, from: Date, ms: number): Date {
  if (isWorkingUnit(unit)) return calendar.addWorkingTime(from, ms);
  if (!Number.isFinite(ms)) throw new RangeError(`time to add must be finite, got ${ms}`);
  return new Date(instant(from) + ms);
}
