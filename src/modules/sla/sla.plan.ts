// What a command does to a case's clocks: which start, pause, resume, are met, are cancelled or
// are rescheduled because their target changed — and the timeline events that say so. Pure.
import { type CaseState, isOpenState } from '../cases/case.state.ts';
import type { BusinessCalendar } from './calendar.ts';
import {
  type DeadlineClock, finishClock, nextFireAt, pauseClock, rebudgetClock, resumeClock, startClock, startClockUntil,
} from './sla.clock.ts';
import { endsAllClocks, LIFECYCLE_METRICS, type LifecycleContext, METRIC_RULES, type SlaEvent } from './sla.lifecycle.ts';
import { type AutoOutcome, bestTarget, type CaseKey, type SlaMetric, type SlaParty, type SlaTarget } from './sla.targets.ts';

export interface OpenDeadline {
  id: string;
  metric: SlaMetric;
  subjectId: string | null;
  targetId: string | null;
  targetVersion: number | null;
  party: SlaParty;
  autoOutcome: AutoOutcome | null;
  calendarId: string | null;
  clock: DeadlineClock;
}

export interface TaskFact {
  id: string;
  type: string;
  status: string;
  dueAt: Date | null;
}

export interface PlanInput {
  key: CaseKey;
  context: LifecycleContext;
  /** The case's state after the command. */
  state: string;
  events: SlaEvent[];
  open: OpenDeadline[];
  /** Measure every open clock again (a calendar changed), not only those whose target changed. */
  rebudget?: boolean;
  /** The case's execution tasks, or null when the command cannot have touched them. */
  tasks: TaskFact[] | null;
  targets: readonly SlaTarget[];
  calendarFor(calendarId: string | null): BusinessCalendar;
  now: Date;
}

export type ClockChange = 'started' | 'paused' | 'resumed' | 'met' | 'cancelled' | 'rescheduled';

export interface PlannedDeadline extends OpenDeadline {
  /** null: a new row to insert. */
  existing: boolean;
  changes: ClockChange[];
}

export interface SlaEventOut {
  type: `sla_${ClockChange}`;
  data: { deadlines: { metric: SlaMetric; subjectId: string | null; dueAt: string; party: SlaParty; breached: boolean }[] };
}

export interface PlanOutput {
  /** Every deadline that changed, new ones included; the caller writes them. */
  deadlines: PlannedDeadline[];
  events: SlaEventOut[];
}

const slot = (metric: string, subjectId: string | null) => `${metric}:${subjectId ?? ''}`;

export function planDeadlineChanges(input: PlanInput): PlanOutput {
  const { now, key, targets } = input;
  const open = new Map<string, PlannedDeadline>();
  const touched: PlannedDeadline[] = [];
  for (const d of input.open) open.set(slot(d.metric, d.subjectId), { ...d, existing: true, changes: [] });

  const calendarOf = (d: { calendarId: string | null }) => input.calendarFor(d.calendarId);
  const change = (d: PlannedDeadline, what: ClockChange, clock: DeadlineClock) => {
    d.clock = clock;
    d.changes.push(what);
    if (!touched.includes(d)) touched.push(d);
    if (clock.status === 'met' || clock.status === 'cancelled') open.delete(slot(d.metric, d.subjectId));
  };
  const start = (metric: SlaMetric, subjectId: string | null, target: SlaTarget, clock: DeadlineClock) => {
    const d: PlannedDeadline = {
      id: '', metric, subjectId, targetId: target.id, targetVersion: target.version, party: target.party,
      autoOutcome: target.autoOutcome, calendarId: target.calendarId, clock, existing: false, changes: [],
    };
    open.set(slot(metric, subjectId), d);
    change(d, 'started', clock);
  };
  const targetOf = (d: OpenDeadline) => targets.find((t) => t.id === d.targetId) ?? null;

  for (const event of input.events) {
    if (endsAllClocks(event)) {
      for (const d of [...open.values()]) change(d, 'cancelled', finishClock(d.clock, 'cancelled'));
      continue;
    }
    for (const d of [...open.values()]) {
      if (d.metric === 'task_deadline' || d.metric === 'collaboration_reply') continue;
      const rule = METRIC_RULES[d.metric];
      if (rule.meets(event)) {
        change(d, 'met', finishClock(d.clock, 'met', now));
        if (rule.recurring?.(event)) {
          const target = bestTarget(targets, d.metric, key);
          if (target) start(d.metric, null, target, startClock(input.calendarFor(target.calendarId), target, now));
        }
      } else if (rule.cancels?.(event)) {
        change(d, 'cancelled', finishClock(d.clock, 'cancelled'));
      }
    }
    for (const metric of LIFECYCLE_METRICS) {
      if (open.has(slot(metric, null)) || !METRIC_RULES[metric].starts(event, input.context)) continue;
      const target = bestTarget(targets, metric, key);
      if (target) start(metric, null, target, startClock(input.calendarFor(target.calendarId), target, now));
    }
    for (const d of open.values()) {
      const pauses = targetOf(d)?.pauseStates.includes(event.toState) ?? false;
      if (pauses && d.clock.status === 'running') change(d, 'paused', pauseClock(calendarOf(d), d.clock, now));
      else if (!pauses && d.clock.status === 'paused') change(d, 'resumed', resumeClock(calendarOf(d), d.clock, now));
    }
  }

  // The case's keys (severity, say) or the targets may have changed: every clock follows its target.
  for (const d of [...open.values()]) {
    if (d.metric === 'task_deadline' || !d.existing) continue;
    const target = bestTarget(targets, d.metric, key);
    if (!target) {
      change(d, 'cancelled', finishClock(d.clock, 'cancelled'));
      continue;
    }
    const retargeted = target.id !== d.targetId || target.version !== d.targetVersion;
    if (!retargeted && !input.rebudget) continue;
    const next = rebudgetClock(input.calendarFor(target.calendarId), d.clock, target, now);
    if (!retargeted && next.dueAt.getTime() === d.clock.dueAt.getTime()) continue;
    d.targetId = target.id;
    d.targetVersion = target.version;
    d.party = target.party;
    d.autoOutcome = target.autoOutcome;
    d.calendarId = target.calendarId;
    change(d, 'rescheduled', next);
  }

  if (input.tasks) planTaskClocks(input, open, change, start);
  return { deadlines: touched, events: summarize(touched) };
}

function planTaskClocks(
  input: PlanInput,
  open: Map<string, PlannedDeadline>,
  change: (d: PlannedDeadline, what: ClockChange, clock: DeadlineClock) => void,
  start: (metric: SlaMetric, subjectId: string | null, target: SlaTarget, clock: DeadlineClock) => void,
): void {
  const tasks = input.tasks ?? [];
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const d of [...open.values()]) {
    if (d.metric !== 'task_deadline') continue;
    const task = d.subjectId ? byId.get(d.subjectId) : undefined;
    if (task?.status === 'done') change(d, 'met', finishClock(d.clock, 'met', input.now));
    else if (!task || task.status !== 'open') change(d, 'cancelled', finishClock(d.clock, 'cancelled'));
  }
  const target = bestTarget(input.targets, 'task_deadline', input.key);
  // A closed case starts no clocks, whatever tasks it still lists.
  if (!target || !isOpenState(input.state as CaseState)) return;
  const calendar = input.calendarFor(target.calendarId);
  for (const task of tasks) {
    // A task waiting for the return to arrive has no clock yet: it starts when it can be done.
    if (task.status !== 'open' || (task.dueAt === null && input.state !== 'executing')) continue;
    const current = open.get(slot('task_deadline', task.id));
    const clock = task.dueAt
      ? startClockUntil(calendar, task.dueAt, target.warnBeforeMinutes, input.now)
      : startClock(calendar, target, input.now);
    if (!current) start('task_deadline', task.id, target, clock);
    else if (task.dueAt && current.clock.dueAt.getTime() !== task.dueAt.getTime()) {
      change(current, 'rescheduled', { ...clock, startedAt: current.clock.startedAt, breachedAt: current.clock.breachedAt });
    }
  }
}

const ORDER: ClockChange[] = ['met', 'cancelled', 'paused', 'resumed', 'rescheduled', 'started'];

function summarize(deadlines: PlannedDeadline[]): SlaEventOut[] {
  const events: SlaEventOut[] = [];
  for (const what of ORDER) {
    const these = deadlines.filter((d) => d.changes.includes(what));
    if (these.length === 0) continue;
    events.push({
      type: `sla_${what}`,
      data: {
        deadlines: these.map((d) => ({
          metric: d.metric,
          subjectId: d.subjectId,
          dueAt: d.clock.dueAt.toISOString(),
          party: d.party,
          breached: d.clock.breachedAt !== null,
        })),
      },
    });
  }
  return events;
}

export { nextFireAt };
