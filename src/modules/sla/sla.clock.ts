// One deadline's clock (SLA-14, SLA-15): a time budget in the target's basis (natural or working
// ms), what has been used of it, the running segment, and the next warning or breach to fire.
// Pure: every function takes `now` and a calendar and returns a new clock.
import { addDuration, addIn, type BusinessCalendar, type DurationUnit, elapsedIn } from './calendar.ts';
import type { SlaTarget } from './sla.targets.ts';

export type ClockStatus = 'running' | 'paused' | 'met' | 'cancelled';

export interface DeadlineClock {
  unit: DurationUnit;
  status: ClockStatus;
  startedAt: Date;
  budgetMs: number;
  consumedMs: number;
  /** Start of the current running stretch; null while paused or finished. */
  segmentStartedAt: Date | null;
  warnBeforeMs: number;
  dueAt: Date;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

const MINUTE = 60_000;

/** The budget a target grants from `from`, measured in its own basis. */
export function budgetFor(calendar: BusinessCalendar, target: Pick<SlaTarget, 'duration'>, from: Date): number {
  return elapsedIn(calendar, target.duration.unit, from, addDuration(calendar, from, target.duration));
}

function schedule(calendar: BusinessCalendar, clock: DeadlineClock, from: Date): DeadlineClock {
  const left = Math.max(0, clock.budgetMs - clock.consumedMs);
  // A budget already used up fell due at or before `from`: keep that instant rather than move it up to now.
  const dueAt = left === 0 && clock.dueAt.getTime() <= from.getTime() ? clock.dueAt : addIn(calendar, clock.unit, from, left);
  // A warning point already behind us (short remainder after a resume) fires at once.
  const warnAt = clock.warnBeforeMs > 0 && clock.warnedAt === null ? addIn(calendar, clock.unit, from, Math.max(0, left - clock.warnBeforeMs)) : null;
  return { ...clock, dueAt, warnAt };
}

export function startClock(calendar: BusinessCalendar, target: Pick<SlaTarget, 'duration' | 'warnBeforeMinutes'>, now: Date): DeadlineClock {
  const base: DeadlineClock = {
    unit: target.duration.unit,
    status: 'running',
    startedAt: now,
    budgetMs: budgetFor(calendar, target, now),
    consumedMs: 0,
    segmentStartedAt: now,
    warnBeforeMs: target.warnBeforeMinutes * MINUTE,
    dueAt: now,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
  };
  return schedule(calendar, base, now);
}

/** A clock that ends at a fixed instant (an execution task with its own due time). */
export function startClockUntil(calendar: BusinessCalendar, dueAt: Date, warnBeforeMinutes: number, now: Date): DeadlineClock {
  const budgetMs = Math.max(0, dueAt.getTime() - now.getTime());
  return schedule(calendar, {
    unit: 'minutes', status: 'running', startedAt: now, budgetMs, consumedMs: 0, segmentStartedAt: now,
    warnBeforeMs: warnBeforeMinutes * MINUTE, dueAt, warnAt: null, warnedAt: null, breachedAt: null,
  }, now);
}

export function pauseClock(calendar: BusinessCalendar, clock: DeadlineClock, now: Date): DeadlineClock {
  if (clock.status !== 'running' || clock.segmentStartedAt === null) return clock;
  const used = elapsedIn(calendar, clock.unit, clock.segmentStartedAt, now);
  return { ...clock, status: 'paused', consumedMs: clock.consumedMs + used, segmentStartedAt: null };
}

export function resumeClock(calendar: BusinessCalendar, clock: DeadlineClock, now: Date): DeadlineClock {
  if (clock.status !== 'paused') return clock;
  return schedule(calendar, { ...clock, status: 'running', segmentStartedAt: now }, now);
}

/** A changed target: the budget is measured again from the clock's start, time used stays used. */
export function rebudgetClock(
  calendar: BusinessCalendar,
  clock: DeadlineClock,
  target: Pick<SlaTarget, 'duration' | 'warnBeforeMinutes'>,
  now: Date,
): DeadlineClock {
  if (clock.status === 'met' || clock.status === 'cancelled') return clock;
  const running = clock.status === 'running' && clock.segmentStartedAt !== null;
  // Close the running stretch first, so a change of basis only affects time still to come.
  const settled = running ? pauseClock(calendar, clock, now) : clock;
  const next: DeadlineClock = {
    ...settled,
    unit: target.duration.unit,
    budgetMs: budgetFor(calendar, target, clock.startedAt),
    warnBeforeMs: target.warnBeforeMinutes * MINUTE,
  };
  if (!running) return next.breachedAt === null ? { ...next, dueAt: addIn(calendar, next.unit, now, Math.max(0, next.budgetMs - next.consumedMs)) } : next;
  return schedule(calendar, { ...next, status: 'running', segmentStartedAt: now }, now);
}

/**
 * Ends a clock. Met after its due time counts as missed even if no breach fired first (the
 * scheduler was behind, or the server down): the figures must not depend on timer luck.
 */
export function finishClock(clock: DeadlineClock, status: 'met' | 'cancelled', now?: Date): DeadlineClock {
  const missed = status === 'met' && now !== undefined && clock.status === 'running' && clock.breachedAt === null && now.getTime() > clock.dueAt.getTime();
  return { ...clock, status, segmentStartedAt: null, breachedAt: missed ? clock.dueAt : clock.breachedAt };
}

/** Budget left at `now` in the clock's basis; negative once overdue. */
export function remainingMs(calendar: BusinessCalendar, clock: DeadlineClock, now: Date): number {
  const running = clock.status === 'running' && clock.segmentStartedAt !== null ? elapsedIn(calendar, clock.unit, clock.segmentStartedAt, now) : 0;
  return clock.budgetMs - clock.consumedMs - running;
}

/** The next instant something must fire: the warning if still due, else the breach, else nothing. */
export function nextFireAt(clock: DeadlineClock): Date | null {
  if (clock.status !== 'running') return null;
  if (clock.warnAt !== null && clock.warnedAt === null && clock.warnAt.getTime() < clock.dueAt.getTime()) return clock.warnAt;
  return clock.breachedAt === null ? clock.dueAt : null;
}

export interface Firing {
  kind: 'warning' | 'breach';
  /** Fired well after its time (the server was down or far behind). */
  late: boolean;
  clock: DeadlineClock;
}

/** How far behind a timer may fire and still count as on time. */
export const LATE_AFTER_MS = 60_000;

/** What fires at `now`, if anything. A breach supersedes a warning that never went out. */
export function fire(clock: DeadlineClock, now: Date): Firing | null {
  const at = nextFireAt(clock);
  if (at === null || at.getTime() > now.getTime()) return null;
  if (clock.dueAt.getTime() <= now.getTime() && clock.breachedAt === null) {
    const late = now.getTime() - clock.dueAt.getTime() > LATE_AFTER_MS;
    return { kind: 'breach', late, clock: { ...clock, breachedAt: now, warnedAt: clock.warnedAt ?? now } };
  }
  const late = now.getTime() - at.getTime() > LATE_AFTER_MS;
  return { kind: 'warning', late, clock: { ...clock, warnedAt: now } };
}
