// Clocks with a subject: one per execution task (SLA-10), one per collaboration request (SLA-7),
// one per plan offered with an answer window (the customer's to answer).
// Each kind is reconciled from the list of its subjects ({id, status, dueAt}) whenever a command
// could have touched them: a subject done meets its clock, one gone or no longer open cancels it,
// an open one without a clock starts one — ending at the subject's own due time when it has one,
// else after its target's duration — and a moved due time or a changed target reschedules it.
// Pure; called by planDeadlineChanges.
import { type CaseState, isOpenState } from '../cases/case.state.ts';
import type { BusinessCalendar } from './calendar.ts';
import { type DeadlineClock, finishClock, startClock, startClockUntil } from './sla.clock.ts';
import type { ClockChange, PlannedDeadline } from './sla.plan.ts';
import { bestTarget, type CaseKey, type SlaMetric, type SlaTarget } from './sla.targets.ts';

export const SUBJECT_METRICS = ['task_deadline', 'collaboration_reply', 'plan_answer'] as const satisfies readonly SlaMetric[];
export type SubjectMetric = (typeof SUBJECT_METRICS)[number];

export function isSubjectMetric(metric: string): metric is SubjectMetric {
  return (SUBJECT_METRICS as readonly string[]).includes(metric);
}

/** One subject of a clock: a task or a request. dueAt: a due time of its own, fixed by a person. */
export interface SubjectFact {
  id: string;
  status: string;
  dueAt: Date | null;
}

export interface SubjectRule {
  /** The status in which the subject's clock runs. */
  open: string;
  /** The statuses that meet the clock; any other non-open status (or the subject gone) cancels it. */
  done: readonly string[];
  /** Whether an open subject without a due time of its own starts its clock in this case state. */
  startsUndated(state: string): boolean;
}

export const SUBJECT_RULES: Record<SubjectMetric, SubjectRule> = {
  // A task waiting for the return to arrive has no clock yet: it starts when it can be done.
  task_deadline: { open: 'open', done: ['done'], startsUndated: (state) => state === 'executing' },
  // A request is due from the moment it is asked.
  collaboration_reply: { open: 'open', done: ['answered'], startsUndated: () => true },
  // Only a plan offered with an answer window has a clock: it ends with the window.
  plan_answer: { open: 'open', done: ['accepted', 'rejected', 'countered'], startsUndated: () => false },
};

/** Per kind, the case's subjects, or null when the command cannot have touched them. */
export type SubjectLists = Partial<Record<SubjectMetric, readonly SubjectFact[] | null>>;

/** What the plan lends the reconciliation: its inputs and its ways to change clocks. */
export interface SubjectPlanning {
  key: CaseKey;
  state: string;
  targets: readonly SlaTarget[];
  now: Date;
  calendarFor(calendarId: string | null): BusinessCalendar;
  /** The clocks still open at this point of the plan. */
  open(): PlannedDeadline[];
  change(d: PlannedDeadline, what: ClockChange, clock: DeadlineClock): void;
  start(metric: SlaMetric, subjectId: string, target: SlaTarget, clock: DeadlineClock): void;
  /** Moves an existing clock to the target if the target or (when rebudgeting) the calendar changed it. */
  follow(d: PlannedDeadline, target: SlaTarget): void;
}

export function reconcileSubjectClocks(plan: SubjectPlanning, metric: SubjectMetric, subjects: readonly SubjectFact[]): void {
  const rule = SUBJECT_RULES[metric];
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const clocks = new Map<string, PlannedDeadline>();
  for (const d of plan.open()) {
    if (d.metric !== metric) continue;
    const subject = d.subjectId ? byId.get(d.subjectId) : undefined;
    if (subject && rule.done.includes(subject.status)) plan.change(d, 'met', finishClock(d.clock, 'met', plan.now));
    else if (!subject || subject.status !== rule.open) plan.change(d, 'cancelled', finishClock(d.clock, 'cancelled'));
    else if (d.subjectId) clocks.set(d.subjectId, d);
  }
  const target = bestTarget(plan.targets, metric, plan.key);
  // A closed case starts no clocks, whatever subjects it still lists.
  if (!target || !isOpenState(plan.state as CaseState)) return;
  const calendar = plan.calendarFor(target.calendarId);
  for (const subject of subjects) {
    if (subject.status !== rule.open) continue;
    const current = clocks.get(subject.id);
    if (subject.dueAt) {
      const clock = startClockUntil(calendar, subject.dueAt, target.warnBeforeMinutes, plan.now);
      if (!current) plan.start(metric, subject.id, target, clock);
      else if (current.clock.dueAt.getTime() !== subject.dueAt.getTime()) {
        plan.change(current, 'rescheduled', { ...clock, startedAt: current.clock.startedAt, breachedAt: current.clock.breachedAt });
      }
    } else if (!current) {
      if (rule.startsUndated(plan.state)) plan.start(metric, subject.id, target, startClock(calendar, target, plan.now));
    } else {
      // Without a due time of its own the clock follows its target like any other clock.
      plan.follow(current, target);
    }
  }
}
