// Dates are shown in China Standard Time: deadlines and policy days are local days in Asia/Shanghai.
import type { Language } from '../i18n/language.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(language, true).format(date);
}

export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(language, false).format(date);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The length of a span either way of zero, and its text when it is under a minute. */
function span(ms: number, language: Language): { zh: boolean; abs: number; short: string | null } {
  const zh = language === 'zh-CN';
  const abs = Math.abs(ms);
  return { zh, abs, short: abs < MINUTE ? (zh ? '不到1分钟' : '<1m') : null };
}

/** A span of time, rounded down to the two largest units: "2天3小时" / "2d 3h", "45分钟" / "45m". */
export function formatDuration(ms: number, language: Language): string {
  const { zh, abs, short } = span(ms, language);
  if (short) return short;
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days > 0) parts.push(zh ? `${days}天` : `${days}d`);
  if (hours > 0) parts.push(zh ? `${hours}小时` : `${hours}h`);
  if (days === 0 && minutes > 0) parts.push(zh ? `${minutes}分钟` : `${minutes}m`);
  return parts.slice(0, 2).join(zh ? '' : ' ');
}

/**
 * Working time as working hours ("27工作小时", "27 working h"): a working day is as long as the
 * calendar says (often 9 h), so working milliseconds shown as 24-hour days read far too short.
 */
export function formatWorkingDuration(ms: number, language: Language): string {
  const { zh, abs, short } = span(ms, language);
  if (short) return short;
  const hours = Math.floor(abs / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  if (hours === 0) return zh ? `${minutes}分钟` : `${minutes}m`;
  const tail = hours < 10 && minutes > 0 ? (zh ? `${minutes}分钟` : ` ${minutes}m`) : '';
  return zh ? `${hours}工作小时${tail}` : `${hours} working h${tail}`;
}

/** Milliseconds as whole minutes ("12"), or "—" when there is no figure. */
export function formatMinutes(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return String(Math.round(ms / MINUTE));
}
