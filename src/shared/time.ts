// Local calendar days in a time zone (Asia/Shanghai by default), for day-counted rules.
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

// `longOffset` names the offset directly ("GMT+08:00"), about three times faster than reading
// wall-clock parts.
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const OFFSET_NAME = /GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

function exactOffsetMs(epochMs: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, f);
  }
  const match = OFFSET_NAME.exec(f.format(epochMs));
  if (!match) throw new Error(`cannot read the UTC offset of ${timeZone}`);
  if (!match[1]) return 0;
  const ms = (Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0)) * 1000;
  return match[1] === '-' ? -ms : ms;
}

// Asking Intl costs microseconds, and every new case asks many times (policy windows, SLA
// calendars and their working hours, case numbers). Offsets change a few times a year, so they are kept per quarter hour;
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
