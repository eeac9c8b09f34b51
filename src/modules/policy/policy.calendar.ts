// Local-day arithmetic for policy windows. Periods follow 民法典 第二百零一条/第二百零二条: the day
// of the starting event is not counted, and a period ends at the end of its last local day.
import { DEFAULT_TIME_ZONE, localDate, zoneOffsetMs } from '../../shared/time.ts';

/** A calendar date; month is 1-12. */
export interface LocalYmd {
  y: number;
  m: number;
  d: number;
}

export function localYmd(instant: Date, timeZone = DEFAULT_TIME_ZONE): LocalYmd {
  const [y, m, d] = localDate(instant, timeZone).split('-').map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1 };
}

export function formatYmd(ymd: LocalYmd): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(ymd.y, 4)}-${pad(ymd.m, 2)}-${pad(ymd.d, 2)}`;
}

export function addDays(ymd: LocalYmd, days: number): LocalYmd {
  const t = new Date(Date.UTC(ymd.y, ymd.m - 1, ymd.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Same day-of-month `months` later; a missing day (31 → February) becomes the month's last day (民法典 202). */
export function addMonths(ymd: LocalYmd, months: number): LocalYmd {
  const first = new Date(Date.UTC(ymd.y, ymd.m - 1 + months, 1));
  const y = first.getUTCFullYear();
  const m = first.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(ymd.d, lastDay) };
}

/** The first instant of a local day. Two passes settle the offset around DST changes. */
export function startOfLocalDay(ymd: LocalYmd, timeZone = DEFAULT_TIME_ZONE): Date {
  const wall = Date.UTC(ymd.y, ymd.m - 1, ymd.d);
  let t = wall - zoneOffsetMs(wall, timeZone);
  t = wall - zoneOffsetMs(t, timeZone);
  return new Date(t);
}

/** The last millisecond of a local day. */
export function endOfLocalDay(ymd: LocalYmd, timeZone = DEFAULT_TIME_ZONE): Date {
  return new Date(startOfLocalDay(addDays(ymd, 1), timeZone).getTime() - 1);
}

/** End of a window of `days` local days counted from the day after `start` (签收次日起N日). */
export function dayWindowEnd(start: Date, days: number, timeZone = DEFAULT_TIME_ZONE): Date {
  return endOfLocalDay(addDays(localYmd(start, timeZone), days), timeZone);
}

/** End of a window of `months` counted from the day after `start` (e.g. a warranty). */
export function monthWindowEnd(start: Date, months: number, timeZone = DEFAULT_TIME_ZONE): Date {
  return endOfLocalDay(addMonths(localYmd(start, timeZone), months), timeZone);
}

/**
 * The instant at which the zone's clocks read `minuteOfDay` minutes past midnight of a local day
 * (1440 = the following midnight). As in startOfLocalDay, two passes settle the offset; a wall time
 * skipped by a DST jump lands after the jump.
 */
export function localTimeToInstant(ymd: LocalYmd, minuteOfDay: number, timeZone = DEFAULT_TIME_ZONE): Date {
  const wall = Date.UTC(ymd.y, ymd.m - 1, ymd.d, 0, minuteOfDay);
  let t = wall - zoneOffsetMs(wall, timeZone);
  t = wall - zoneOffsetMs(t, timeZone);
  return new Date(t);
}
