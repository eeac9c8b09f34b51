import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BusinessCalendar, DEFAULT_CALENDAR_SPEC, type DurationUnit, elapsedIn } from './calendar.ts';
import {
  type DeadlineClock, finishClock, fire, LATE_AFTER_MS, nextFireAt, pauseClock, rebudgetClock, remainingMs, resumeClock, startClock,
  startClockUntil,
} from './sla.clock.ts';
import type { SlaTarget } from './sla.targets.ts';
import { DAY_MS, HOUR_MS } from '../../shared/clock.ts';

type Target = Pick<SlaTarget, 'duration' | 'warnBeforeMinutes'>;

// Working hours round the clock, but weekends stay off: only holidays are switched off.
const WEEKDAYS_24H = new BusinessCalendar({
  ...DEFAULT_CALENDAR_SPEC,
  workingHours: [{ start: '00:00', end: '24:00' }],
  chineseHolidays: false,
});

// Truly every day: every weekend from 2025 to 2029 declared a working day.
function weekendsBetween(fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear + 1, 0, 1); t += DAY_MS) {
    const day = new Date(t).getUTCDay();
    if (day === 0 || day === 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
const EVERY_DAY = new BusinessCalendar({
  ...DEFAULT_CALENDAR_SPEC,
  workingHours: [{ start: '00:00', end: '24:00' }],
  chineseHolidays: false,
  extraWorkingDays: weekendsBetween(2024, 2029),
});

const CALENDARS = { default: new BusinessCalendar(DEFAULT_CALENDAR_SPEC), weekdays24h: WEEKDAYS_24H, everyDay: EVERY_DAY };
type CalendarName = keyof typeof CALENDARS;

const arbCalendar = fc.constantFrom(...(Object.keys(CALENDARS) as CalendarName[]));
const arbStart = fc.integer({ min: Date.UTC(2025, 0, 1) - 8 * HOUR_MS, max: Date.UTC(2027, 0, 1) - 8 * HOUR_MS - 1 });

const AMOUNTS: Record<DurationUnit, [number, number]> = {
  minutes: [1, 600],
  hours: [1, 72],
  days: [1, 10],
  working_hours: [1, 40],
  working_days: [1, 6],
};
const arbUnit = fc.constantFrom(...(Object.keys(AMOUNTS) as DurationUnit[]));
const arbTarget: fc.Arbitrary<Target> = arbUnit.chain((unit) =>
  fc.record({
    duration: fc.record({ amount: fc.integer({ min: AMOUNTS[unit][0], max: AMOUNTS[unit][1] }), unit: fc.constant(unit) }),
    warnBeforeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 48 * 60 })),
  }),
);

/** A stretch of running, stopped at a fraction of the time to the due instant, then a pause of pauseMs. */
const arbStep = fc.record({
  runFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
  pauseMs: fc.integer({ min: 1, max: 5 * DAY_MS }),
});
const arbSteps = fc.array(arbStep, { maxLength: 6 });
type Steps = Array<{ runFraction: number; pauseMs: number }>;

interface Run {
  calendar: BusinessCalendar;
  target: Target;
  clock: DeadlineClock;
  /** Running stretches closed by a pause: [from, to]. */
  stretches: Array<[number, number]>;
  /** Per pause: remaining at the pause instant, right before the resume and right at the resume. */
  paused: Array<{ atPause: number; beforeResume: number; atResume: number }>;
}

function run(name: CalendarName, target: Target, start: number, steps: Steps): Run {
  const calendar = CALENDARS[name];
  let clock = startClock(calendar, target, new Date(start));
  const stretches: Array<[number, number]> = [];
  const paused: Run['paused'] = [];
  for (const { runFraction, pauseMs } of steps) {
    const from = clock.segmentStartedAt!.getTime();
    const due = clock.dueAt.getTime();
    // Strictly before the due instant: the clock is paused while budget is left.
    const pauseAt = Math.min(due - 1, from + Math.floor(runFraction * (due - from)));
    if (pauseAt < from) break;
    const atPause = remainingMs(calendar, clock, new Date(pauseAt));
    const p = pauseClock(calendar, clock, new Date(pauseAt));
    expect(p.status).toBe('paused');
    expect(nextFireAt(p)).toBeNull();
    stretches.push([from, pauseAt]);
    const resumeAt = pauseAt + pauseMs;
    const beforeResume = remainingMs(calendar, p, new Date(resumeAt - 1));
    clock = resumeClock(calendar, p, new Date(resumeAt));
    paused.push({ atPause, beforeResume, atResume: remainingMs(calendar, clock, new Date(resumeAt)) });
  }
  return { calendar, target, clock, stretches, paused };
}

const arbRun = fc
  .tuple(arbCalendar, arbTarget, arbStart, arbSteps)
  .map(([name, target, start, steps]) => ({ name, target, start, steps }));
const doRun = (r: { name: CalendarName; target: Target; start: number; steps: Steps }) =>
  run(r.name, r.target, r.start, r.steps);

describe('deadline clock: the budget', () => {
  it('time running from start to due adds up to the budget, whatever the pauses', () => {
    fc.assert(
      fc.property(arbRun, (r) => {
        const { calendar, clock, stretches } = doRun(r);
        expect(clock.status).toBe('running');
        const unit = clock.unit;
        let used = 0;
        for (const [a, b] of stretches) used += elapsedIn(calendar, unit, new Date(a), new Date(b));
        used += elapsedIn(calendar, unit, clock.segmentStartedAt!, clock.dueAt);
        expect(Math.abs(used - clock.budgetMs)).toBeLessThanOrEqual(1);
        expect(Math.abs(remainingMs(calendar, clock, clock.dueAt))).toBeLessThanOrEqual(1);
        expect(clock.dueAt.getTime()).toBeGreaterThanOrEqual(clock.segmentStartedAt!.getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('time spent paused never counts', () => {
    fc.assert(
      fc.property(arbRun, (r) => {
        for (const p of doRun(r).paused) {
          expect(p.atPause).toBeGreaterThan(0);
          expect(p.beforeResume).toBe(p.atPause);
          expect(p.atResume).toBe(p.atPause);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('natural units: each pause moves the due instant later by exactly its length', () => {
    fc.assert(
      fc.property(arbRun, (r) => {
        const { clock, target, stretches } = doRun(r);
        if (target.duration.unit === 'working_hours' || target.duration.unit === 'working_days') return;
        let pausedFor = 0;
        let from = r.start;
        for (const [a, b] of stretches) {
          pausedFor += a - from;
          from = b;
        }
        pausedFor += clock.segmentStartedAt!.getTime() - from;
        expect(clock.dueAt.getTime()).toBe(r.start + clock.budgetMs + pausedFor);
      }),
    );
  });

  it('on a calendar that works every hour of every day, working units run like natural ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), arbStart, (hours, start) => {
        const clock = startClock(EVERY_DAY, { duration: { amount: hours, unit: 'working_hours' }, warnBeforeMinutes: 0 }, new Date(start));
        expect(clock.budgetMs).toBe(hours * HOUR_MS);
        expect(clock.dueAt.getTime()).toBe(start + hours * HOUR_MS);
      }),
    );
  });
});

describe('deadline clock: firing', () => {
  it('nothing fires unless running, and never after the due instant', () => {
    fc.assert(
      fc.property(arbRun, fc.integer({ min: 0, max: DAY_MS }), (r, dt) => {
        const { calendar, clock } = doRun(r);
        const at = nextFireAt(clock);
        expect(at).not.toBeNull();
        expect(at!.getTime()).toBeLessThanOrEqual(clock.dueAt.getTime());
        const now = new Date(clock.segmentStartedAt!.getTime() + dt);
        const p = pauseClock(calendar, clock, now);
        expect(nextFireAt(p)).toBeNull();
        expect(fire(p, new Date(now.getTime() + 400 * DAY_MS))).toBeNull();
        for (const status of ['met', 'cancelled'] as const) {
          for (const c of [clock, p]) {
            const done = finishClock(c, status);
            expect(done.status).toBe(status);
            expect(done.segmentStartedAt).toBeNull();
            expect(nextFireAt(done)).toBeNull();
            expect(fire(done, new Date(now.getTime() + 400 * DAY_MS))).toBeNull();
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  const arbDelay = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * LATE_AFTER_MS }), fc.integer({ min: 0, max: 3 * DAY_MS }));

  it('the warning fires before the breach, each at most once; late exactly when over LATE_AFTER_MS', () => {
    fc.assert(
      fc.property(arbRun, fc.array(arbDelay, { minLength: 3, maxLength: 3 }), (r, delays) => {
        let clock = doRun(r).clock;
        const kinds: string[] = [];
        for (const delay of delays) {
          const at = nextFireAt(clock);
          if (at === null) break;
          expect(at.getTime()).toBeLessThanOrEqual(clock.dueAt.getTime());
          if (at.getTime() > clock.segmentStartedAt!.getTime()) expect(fire(clock, new Date(at.getTime() - 1))).toBeNull();
          const now = new Date(at.getTime() + delay);
          const f = fire(clock, now);
          expect(f).not.toBeNull();
          const point = f!.kind === 'breach' ? clock.dueAt : at;
          expect(f!.late).toBe(now.getTime() - point.getTime() > LATE_AFTER_MS);
          if (f!.kind === 'breach') {
            expect(now.getTime()).toBeGreaterThanOrEqual(clock.dueAt.getTime());
            expect(f!.clock.breachedAt).toEqual(now);
            expect(f!.clock.warnedAt).not.toBeNull();
            expect(nextFireAt(f!.clock)).toBeNull();
          } else {
            expect(now.getTime()).toBeLessThan(clock.dueAt.getTime());
            expect(f!.clock.warnedAt).toEqual(now);
            expect(f!.clock.breachedAt).toBeNull();
            expect(nextFireAt(f!.clock)).toEqual(clock.dueAt);
          }
          expect(fire(f!.clock, now)).toBeNull();
          kinds.push(f!.kind);
          clock = f!.clock;
        }
        expect(kinds.at(-1)).toBe('breach');
        expect(['breach', 'warning,breach']).toContain(kinds.join(','));
        if (kinds.length === 2) expect(r.target.warnBeforeMinutes).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('a breach waits for the due instant', () => {
    fc.assert(
      fc.property(arbRun, (r) => {
        const { clock } = doRun(r);
        const warned = nextFireAt(clock)!.getTime() < clock.dueAt.getTime() ? fire(clock, new Date(clock.dueAt.getTime() - 1))!.clock : clock;
        expect(warned.breachedAt).toBeNull();
        expect(fire(warned, new Date(clock.dueAt.getTime() - 1))).toBeNull();
        const b = fire(warned, clock.dueAt)!;
        expect(b.kind).toBe('breach');
        expect(b.late).toBe(false);
        expect(b.clock.breachedAt).toEqual(clock.dueAt);
      }),
    );
  });
});

describe('deadline clock: a changed target', () => {
  const arbLonger = fc.integer({ min: 0, max: 20 });

  it('the same target leaves the due instant where it was', () => {
    fc.assert(
      fc.property(arbRun, fc.double({ min: 0, max: 1, noNaN: true }), (r, fraction) => {
        const { calendar, clock, target } = doRun(r);
        const from = clock.segmentStartedAt!.getTime();
        const now = new Date(from + Math.floor(fraction * (clock.dueAt.getTime() - from)));
        const again = rebudgetClock(calendar, clock, target, now);
        expect(again.status).toBe('running');
        expect(again.budgetMs).toBe(clock.budgetMs);
        expect(Math.abs(again.dueAt.getTime() - clock.dueAt.getTime())).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('the same target leaves an overdue clock due when it was', () => {
    fc.assert(
      fc.property(arbRun, fc.integer({ min: 1, max: 5 * DAY_MS }), fc.boolean(), (r, overdue, breached) => {
        const { calendar, clock, target } = doRun(r);
        const now = new Date(clock.dueAt.getTime() + overdue);
        const before = breached ? fire(clock, now)!.clock : clock;
        const again = rebudgetClock(calendar, before, target, now);
        expect(again.dueAt).toEqual(clock.dueAt);
        expect(again.breachedAt).toEqual(before.breachedAt);
        expect(remainingMs(calendar, again, now)).toBe(remainingMs(calendar, before, now));
      }),
      { numRuns: 300 },
    );
  });

  it('a clock that ran out keeps its due instant through a pause and a resume', () => {
    fc.assert(
      fc.property(arbRun, fc.integer({ min: 0, max: 5 * DAY_MS }), fc.integer({ min: 1, max: 5 * DAY_MS }), fc.boolean(), (r, overdue, pause, breached) => {
        const { calendar, clock } = doRun(r);
        const at = new Date(clock.dueAt.getTime() + overdue);
        const before = breached ? fire(clock, at)!.clock : clock;
        const resumed = resumeClock(calendar, pauseClock(calendar, before, at), new Date(at.getTime() + pause));
        expect(resumed.status).toBe('running');
        expect(resumed.dueAt).toEqual(clock.dueAt);
        expect(resumed.breachedAt).toEqual(before.breachedAt);
        expect(nextFireAt(resumed)).toEqual(breached ? null : clock.dueAt);
      }),
      { numRuns: 200 },
    );
  });

  it('a longer target never moves the due instant earlier', () => {
    fc.assert(
      fc.property(arbRun, arbLonger, fc.integer({ min: 0, max: 10 * DAY_MS }), (r, more, dt) => {
        const { calendar, clock, target } = doRun(r);
        const longer: Target = { ...target, duration: { ...target.duration, amount: target.duration.amount + more } };
        const now = new Date(clock.segmentStartedAt!.getTime() + dt);
        const next = rebudgetClock(calendar, clock, longer, now);
        expect(next.budgetMs).toBeGreaterThanOrEqual(clock.budgetMs);
        expect(next.dueAt.getTime()).toBeGreaterThanOrEqual(clock.dueAt.getTime() - 1);
        // And on a paused clock, once resumed at the same instant.
        const p = pauseClock(calendar, clock, now);
        const resumed = resumeClock(calendar, rebudgetClock(calendar, p, longer, now), now);
        expect(resumed.dueAt.getTime()).toBeGreaterThanOrEqual(resumeClock(calendar, p, now).dueAt.getTime() - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('met and cancelled clocks are left alone', () => {
    fc.assert(
      fc.property(arbRun, arbTarget, fc.constantFrom('met' as const, 'cancelled' as const), (r, other, status) => {
        const { calendar, clock } = doRun(r);
        const done = finishClock(clock, status);
        expect(rebudgetClock(calendar, done, other, clock.dueAt)).toBe(done);
        expect(resumeClock(calendar, done, clock.dueAt)).toBe(done);
        expect(pauseClock(calendar, done, clock.dueAt)).toBe(done);
      }),
      { numRuns: 100 },
    );
  });
});

describe('deadline clock: a fixed due instant', () => {
  it('ends exactly at the given instant, one already past included', () => {
    fc.assert(
      fc.property(arbStart, fc.integer({ min: -3 * DAY_MS, max: 30 * DAY_MS }), fc.integer({ min: 0, max: 120 }), (now, offset, warn) => {
        const dueAt = new Date(now + offset);
        const clock = startClockUntil(CALENDARS.default, dueAt, warn, new Date(now));
        expect(clock.dueAt).toEqual(dueAt);
        expect(clock.budgetMs).toBe(Math.max(0, offset));
        expect(nextFireAt(clock)!.getTime()).toBeLessThanOrEqual(dueAt.getTime());
      }),
    );
  });
});
