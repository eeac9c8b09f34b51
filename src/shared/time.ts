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
