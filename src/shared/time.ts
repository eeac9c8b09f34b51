// Local calendar days in a time zone (Asia/Shanghai by default), for day-counted rules.
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

function exactOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of offsetFormatter(timeZone).formatToParts(new Date(whole))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - whole;
}

// Asking Intl costs microseconds, and every new case asks many times (policy windows, SLA
// calendars, case numbers). Offsets change a few times a year, so they are kept per quarter hour;
// a quarter hour whose two ends disagree holds a change and is always asked exactly.
const OFFSET_BUCKET_MS = 15 * 60_000;
const offsets = new Map<string, number | null>();

/** Wall-clock minus UTC, in ms, at an instant in the zone. */
export function zoneOffsetMs(epochMs: number, timeZone = DEFAULT_TIME_ZONE): number {
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = exactOffsetMs(bucket * OFFSET_BUCKET_MS, timeZone);
    const last = exactOffsetMs((bucket + 1) * OFFSET_BUCKET_MS - 1000, timeZone);
    offset = first === last ? first : null;
    if (offsets.size >= 20_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset ?? exactOffsetMs(epochMs, timeZone);
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const ms = instant.getTime();
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 10);
}

/** `YYYYMMDD` of the instant in the zone, for readable identifiers. */
export function compactLocalDate(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return localDate(instant, timeZone).replaceAll('-', '');
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:mm` of the instant in the zone, for deadlines people read in messages. */
export function formatLocalDateTime(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  let f = dateTimeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateTimeFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
