// CL-6: how long a case is kept. Pure: the case's dates, a hold flag, the time and the settings in,
// one decision out. The purge job, the admin delete and the case view all ask this one function.
//   - An open case is never purged.
//   - A case under legal hold is never purged, whatever its age.
//   - Retention runs from archiving (or, for a closed case that was never archived, from closing)
//     for RETENTION_YEARS calendar years, never fewer than 3 (the floor holds even if a caller
//     passes a smaller number).
import { isOpenState, type CaseState } from '../cases/case.state.ts';

export const MIN_RETENTION_YEARS = 3;

export interface RetentionSettings {
  retentionYears: number;
}

export interface RetentionCase {
  state: CaseState;
  archivedAt: Date | null;
  closedAt: Date | null;
  legalHold: boolean;
  purgedAt: Date | null;
}

export type KeepReason = 'already_purged' | 'open' | 'legal_hold' | 'not_archived' | 'retention_running';

export type RetentionDecision =
  | { action: 'purge'; retentionStartedAt: Date; keepUntil: Date }
  | { action: 'keep'; reason: KeepReason; retentionStartedAt: Date | null; keepUntil: Date | null };

/** The years actually applied: the setting, but never below the floor (a non-number counts as the floor). */
export function effectiveRetentionYears(settings: RetentionSettings): number {
  const years = Math.trunc(settings.retentionYears);
  return Number.isFinite(years) ? Math.max(MIN_RETENTION_YEARS, years) : MIN_RETENTION_YEARS;
}

/**
 * `years` calendar years after `from` (UTC calendar; China has no daylight saving, so this is the
 * same local date and time in Asia/Shanghai). 29 February moves to 1 March: later, never earlier.
 */
export function addYears(from: Date, years: number): Date {
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** When the retention clock started: archiving, or closing for a closed case never archived. */
export function retentionStart(c: Pick<RetentionCase, 'state' | 'archivedAt' | 'closedAt'>): Date | null {
  if (c.archivedAt) return c.archivedAt;
  if (c.state === 'closed' && c.closedAt) return c.closedAt;
  return null;
}

export function retentionDecision(c: RetentionCase, now: Date, settings: RetentionSettings): RetentionDecision {
  const started = retentionStart(c);
  const keepUntil = started ? addYears(started, effectiveRetentionYears(settings)) : null;
  const keep = (reason: KeepReason): RetentionDecision => ({ action: 'keep', reason, retentionStartedAt: started, keepUntil });
  if (c.purgedAt) return keep('already_purged');
  if (isOpenState(c.state)) return keep('open');
  if (c.legalHold) return keep('legal_hold');
  if (!started || !keepUntil) return keep('not_archived');
  if (now.getTime() < keepUntil.getTime()) return keep('retention_running');
  return { action: 'purge', retentionStartedAt: started, keepUntil };
}
