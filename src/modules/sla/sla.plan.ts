// What a command does to a case's clocks: which start, pause, resume, are met, are cancelled or
// are rescheduled because their target changed — and the timeline events that say so. Pure.
import type { BusinessCalendar } from './calendar.ts';
import { type DeadlineClock, finishClock, pauseClock, rebudgetClock, resumeClock, startClock, startClockUntil } from './sla.clock.ts';
import { endsAllClocks, HOLDER_METRICS, LIFECYCLE_METRICS, type LifecycleContext, METRIC_RULES, pausedByState, type SlaEvent, TAKEN_FROM_MERCHANT } from './sla.lifecycle.ts';
import {
  isSubjectMetric, reconcileSubjectClocks, type SubjectFact, type SubjectLists, SUBJECT_METRICS, type SubjectPlanning,
} from './sla.subjects.ts';
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

/** An execution task as its clock sees it (SLA-10). */
export interface TaskFact extends SubjectFact {
  type: string;
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
  /** The case's execution tasks (the task_deadline subjects), or null when the command cannot have touched them. */
  tasks: TaskFact[] | null;
  /** The subjects of other subject clocks (collaboration requests), each kind null or absent when untouched. */
  subjects?: SubjectLists;
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

/**
 * Whose move a clock measures. The handlers' promises to the customer (a response, a plan) are
 * the merchant's while the merchant holds the case (ORG-3): its figures, its notices, and the
 * platform stepping in when it misses a decision.
 */
function partyOf(metric: SlaMetric, target: SlaTarget, context: LifecycleContext): SlaTarget['party'] {
  return target.party === 'platform' && context.withMerchant && HOLDER_METRICS.has(metric) ? 'merchant' : target.party;
}

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
      id: '', metric, subjectId, targetId: target.id, targetVersion: target.version, party: partyOf(metric, target, input.context),
      autoOutcome: target.autoOutcome, calendarId: target.calendarId, clock, existing: false, changes: [],
    };
    open.set(slot(metric, subjectId), d);
    change(d, 'started', clock);
  };
  const targetOf = (d: OpenDeadline) => targets.find((t) => t.id === d.targetId) ?? null;
  /** A lifecycle clock on its target, ending no later than the law allows for that metric. */
  const lifecycleClock = (metric: keyof typeof METRIC_RULES, target: SlaTarget, from: Date = now) => {
    const calendar = input.calendarFor(target.calendarId);
    const clock = startClock(calendar, target, from);
    const latest = METRIC_RULES[metric].latestDue?.(from, calendar.spec.timeZone);
    return latest && clock.dueAt > latest ? startClockUntil(calendar, latest, target.warnBeforeMinutes, from) : clock;
  };

  // The platform took the case over: a promise the merchant already broke is closed as the
  // merchant's (the platform's own plan clock starts from the takeover); one still running passes
  // to the platform as it stands (`follow`, below).
  const takenFromMerchant = (event: SlaEvent, d: PlannedDeadline) =>
    !input.context.withMerchant && d.party === 'merchant' && HOLDER_METRICS.has(d.metric) && d.clock.breachedAt !== null
    && event.type === TAKEN_FROM_MERCHANT;

  for (const event of input.events) {
    if (endsAllClocks(event)) {
      // A refusal is an answer: the response and plan clocks it gives in time are met (SLA-13
      // counts them). Any other ending (withdrawn, closed, merged) leaves the rest not applying.
      const answers = event.type === 'rejected_ineligible';
      for (const d of [...open.values()]) {
        const meets = answers && !isSubjectMetric(d.metric) && METRIC_RULES[d.metric as keyof typeof METRIC_RULES].meets(event);
        change(d, meets ? 'met' : 'cancelled', finishClock(d.clock, meets ? 'met' : 'cancelled', now));
      }
      continue;
    }
    for (const d of [...open.values()]) {
      if (isSubjectMetric(d.metric)) continue;
      const rule = METRIC_RULES[d.metric];
      if (rule.meets(event)) {
        change(d, 'met', finishClock(d.clock, 'met', now));
        if (rule.recurring?.(event)) {
          const target = bestTarget(targets, d.metric, key);
          if (target) start(d.metric, null, target, lifecycleClock(d.metric, target));
        }
      } else if (rule.cancels?.(event, input.context) || takenFromMerchant(event, d)) {
        change(d, 'cancelled', finishClock(d.clock, 'cancelled'));
      }
    }
    for (const metric of LIFECYCLE_METRICS) {
      if (open.has(slot(metric, null)) || !METRIC_RULES[metric].starts(event, input.context)) continue;
      const target = bestTarget(targets, metric, key);
      // Never from the future, whatever the event claims.
      const from = event.happenedAt && event.happenedAt < now ? event.happenedAt : now;
      if (target) start(metric, null, target, lifecycleClock(metric, target, from));
    }
    for (const d of open.values()) {
      const pauses = (targetOf(d)?.pauseStates.includes(event.toState) ?? false) || pausedByState(d.metric, event.toState);
      if (pauses && d.clock.status === 'running') change(d, 'paused', pauseClock(calendarOf(d), d.clock, now));
      else if (!pauses && d.clock.status === 'paused') change(d, 'resumed', resumeClock(calendarOf(d), d.clock, now));
    }
  }

  const follow = (d: PlannedDeadline, target: SlaTarget) => {
    if (!d.existing) return;
    const retargeted = target.id !== d.targetId || target.version !== d.targetVersion;
    // The case changed hands (ORG-3): the same promise, due as before, is now the new holder's.
    const party = partyOf(d.metric, target, input.context);
    if (!retargeted && !input.rebudget) {
      if (party !== d.party && HOLDER_METRICS.has(d.metric)) {
        d.party = party;
        change(d, 'rescheduled', d.clock);
      }
      return;
    }
    const calendar = input.calendarFor(target.calendarId);
    const rebudgeted = rebudgetClock(calendar, d.clock, target, now);
    // A longer target or a changed calendar never takes a clock past the law's limit for its metric.
    const latest = isSubjectMetric(d.metric) ? undefined : METRIC_RULES[d.metric as keyof typeof METRIC_RULES].latestDue?.(d.clock.startedAt, calendar.spec.timeZone);
    const next = latest && rebudgeted.status === 'running' && rebudgeted.dueAt > latest
      ? { ...startClockUntil(calendar, latest, target.warnBeforeMinutes, now), startedAt: d.clock.startedAt, warnedAt: d.clock.warnedAt, breachedAt: d.clock.breachedAt }
      : rebudgeted;
    if (!retargeted && next.dueAt.getTime() === d.clock.dueAt.getTime() && party === d.party) return;
    d.targetId = target.id;
    d.targetVersion = target.version;
    d.party = party;
    d.autoOutcome = target.autoOutcome;
    d.calendarId = target.calendarId;
    change(d, 'rescheduled', next);
  };

  // The case's keys (severity, say) or the targets may have changed: every clock follows its target.
  // Subject clocks follow theirs in their reconciliation, where their own due times are known.
  for (const d of [...open.values()]) {
    if (isSubjectMetric(d.metric) || !d.existing) continue;
    const target = bestTarget(targets, d.metric, key);
    if (target) follow(d, target);
    else change(d, 'cancelled', finishClock(d.clock, 'cancelled'));
  }

  const planning: SubjectPlanning = {
    key, state: input.state, targets, now, calendarFor: input.calendarFor,
    open: () => [...open.values()], change, start, follow,
  };
  const lists: SubjectLists = { ...input.subjects, task_deadline: input.tasks ?? input.subjects?.task_deadline ?? null };
  for (const metric of SUBJECT_METRICS) {
    const subjects = lists[metric];
    if (subjects) reconcileSubjectClocks(planning, metric, subjects);
  }
  return { deadlines: touched, events: summarize(touched) };
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

