// Local calendar days in a time zone (Asia/Shanghai by default), for day-counted rules.
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return formatter(timeZone).format(instant);
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
