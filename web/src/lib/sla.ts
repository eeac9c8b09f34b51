// An SLA clock as it stands now. The server says how much budget was left when it answered; a
// clock in natural time keeps running down between reads, one in working time is shown as read
// (its remaining time does not pass outside working hours).
import { type CaseSla, type Deadline, type SlaState, WORKING_UNITS } from '../api/sla.types.ts';

export interface SlaView {
  state: SlaState;
  /** Budget left (negative: overdue), or null when unknown or the clock has ended. */
  remainingMs: number | null;
  /** A met clock that had been breached first. */
  late: boolean;
}

const OPEN = new Set<SlaState>(['running', 'warning', 'breached']);

function escalate(state: SlaState, remainingMs: number, warnAt: string | null, now: number): SlaState {
  if (state === 'breached' || remainingMs <= 0) return 'breached';
  if (state === 'running' && warnAt !== null && now >= Date.parse(warnAt)) return 'warning';
  return state;
}

/** A case page deadline, `fetchedAt` being when the case was read. */
export function liveDeadline(d: Deadline, fetchedAt: number, now: number): SlaView {
  // Met after its due time counts as late even when no breach had fired yet (the timer was behind).
  if (d.state === 'met') return { state: 'met', remainingMs: null, late: d.breached || (d.metAt !== null && Date.parse(d.metAt) > Date.parse(d.dueAt)) };
  if (d.remainingMs === null || !OPEN.has(d.state)) return { state: d.state, remainingMs: d.remainingMs, late: false };
  const ticking = !WORKING_UNITS.includes(d.unit);
  const remainingMs = ticking ? d.remainingMs - Math.max(0, now - fetchedAt) : d.remainingMs;
  return { state: escalate(d.state, remainingMs, d.warnAt, now), remainingMs, late: false };
}

/** The list's most urgent clock: only its due time is known, so the countdown is wall-clock time. */
export function liveListSla(sla: CaseSla, now: number): SlaView {
  if (!OPEN.has(sla.state)) return { state: sla.state, remainingMs: null, late: false };
  const remainingMs = Date.parse(sla.dueAt) - now;
  return { state: escalate(sla.state, remainingMs, null, now), remainingMs, late: false };
}

/** Open clocks first (most urgent first), then ended ones: missed, met, cancelled. */
const ORDER: Record<SlaState, number> = { breached: 0, warning: 1, running: 2, paused: 3, met: 4, cancelled: 5 };
const ended = (d: Deadline) => (d.remainingMs === null ? 1 : 0);
export function byUrgency(a: Deadline, b: Deadline): number {
  return ended(a) - ended(b) || ORDER[a.state] - ORDER[b.state] || Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

/** The clocks a case page lists: outside the platform's staff a cancelled clock is nobody's business. */
export function shownDeadlines(deadlines: readonly Deadline[], staff: boolean): Deadline[] {
  return deadlines.filter((d) => staff || d.state !== 'cancelled').sort(byUrgency);
}
