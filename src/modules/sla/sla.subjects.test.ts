import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOUR_MS } from '../../shared/clock.ts';
import { BusinessCalendar, DEFAULT_CALENDAR_SPEC } from './calendar.ts';
import { nextFireAt } from './sla.clock.ts';
import type { SlaEvent } from './sla.lifecycle.ts';
import { type OpenDeadline, type PlanInput, type PlanOutput, planDeadlineChanges, type TaskFact } from './sla.plan.ts';
import { isSubjectMetric, type SubjectFact, SUBJECT_METRICS, SUBJECT_RULES } from './sla.subjects.ts';
import { type CaseKey, DEFAULT_TARGETS, fullMatch, type SlaTarget } from './sla.targets.ts';

const MIN = 60_000;
const CAL = new BusinessCalendar(DEFAULT_CALENDAR_SPEC);
const TARGETS: SlaTarget[] = DEFAULT_TARGETS.map((t, i) => ({
  ...t, id: `t${i}`, version: 1, calendarId: null, active: true, match: fullMatch(t.match),
}));
// Monday 3 March 2025, 10:00 in Shanghai.
const T0 = new Date('2025-03-03T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const KEY: CaseKey = { channel: 'web', kind: 'complaint', category: null, severity: 'L2', tier: null, merchantId: null };
const ev = (type: string, actorRole: string, toState: string): SlaEvent => ({ type, actorRole, toState });

type Step = Partial<Omit<PlanInput, 'events'>> & { events?: SlaEvent[] };

function plan(step: Step): PlanOutput {
  return planDeadlineChanges({
    key: KEY, context: { kind: KEY.kind, merchantId: null, withMerchant: false }, state: 'investigating', events: [],
    open: [], tasks: null, targets: TARGETS, calendarFor: () => CAL, now: T0, ...step,
  });
}

let seq = 0;
function carry(open: OpenDeadline[], out: PlanOutput): OpenDeadline[] {
  const touched = new Set(out.deadlines.filter((d) => d.existing).map((d) => d.id));
  const next = open.filter((d) => !touched.has(d.id));
  for (const { existing, changes, ...d } of out.deadlines) {
    if (!existing) d.id = `d${++seq}`;
    if (d.clock.status === 'running' || d.clock.status === 'paused') next.push(d);
  }
  return next;
}

const request = (status: string, dueAt: Date | null = null, id = 'req-1'): SubjectFact => ({ id, status, dueAt });
const task = (status: string, dueAt: Date | null = null, id = 'task-1'): TaskFact => ({ id, type: 'refund', status, dueAt });
const asks = (...requests: SubjectFact[]) => ({ collaboration_reply: requests });
const changes = (out: PlanOutput) => out.deadlines.map((d) => [d.metric, d.subjectId, d.changes.join('+')]);

describe('subject clocks: collaboration requests (SLA-7)', () => {
  it('an open request gets a 2 h clock of its own, owed by the department, warned 30 min before', () => {
    const out = plan({ subjects: asks(request('open')) });
    expect(changes(out)).toEqual([['collaboration_reply', 'req-1', 'started']]);
    const d = out.deadlines[0]!;
    expect(d).toMatchObject({ party: 'department', existing: false });
    expect(d.clock.dueAt).toEqual(at(2 * HOUR_MS));
    expect(d.clock.warnAt).toEqual(at(90 * MIN));
    expect(out.events).toEqual([
      { type: 'sla_started', data: { deadlines: [{ metric: 'collaboration_reply', subjectId: 'req-1', dueAt: at(2 * HOUR_MS).toISOString(), party: 'department', breached: false }] } },
    ]);
  });

  it('answered meets it, cancelled or gone cancels it; an unchanged list changes nothing', () => {
    const open = carry([], plan({ subjects: asks(request('open')) }));
    expect(plan({ open, subjects: asks(request('open')), now: at(HOUR_MS) }).deadlines).toEqual([]);
    const met = plan({ open, subjects: asks(request('answered')), now: at(HOUR_MS) });
    expect(changes(met)).toEqual([['collaboration_reply', 'req-1', 'met']]);
    expect(met.deadlines[0]!.clock.breachedAt).toBeNull();
    for (const subjects of [asks(request('cancelled')), asks()]) {
      expect(changes(plan({ open, subjects, now: at(HOUR_MS) }))).toEqual([['collaboration_reply', 'req-1', 'cancelled']]);
    }
  });

  it('an answer after the due time counts as missed even if no breach fired', () => {
    const open = carry([], plan({ subjects: asks(request('open')) }));
    const late = plan({ open, subjects: asks(request('answered')), now: at(3 * HOUR_MS) });
    expect(late.deadlines[0]!.clock).toMatchObject({ status: 'met', breachedAt: at(2 * HOUR_MS) });
  });

  it("the asker's due time fixes the clock's end; moving it reschedules, a past one is kept", () => {
    const due = at(30 * MIN);
    const open = carry([], plan({ subjects: asks(request('open', due)) }));
    expect(open[0]!.clock.dueAt).toEqual(due);
    expect(open[0]!.clock.warnAt).toEqual(T0); // 30 min warning on a 30 min budget: at once
    const moved = plan({ open, subjects: asks(request('open', at(HOUR_MS))), now: at(MIN) });
    expect(changes(moved)).toEqual([['collaboration_reply', 'req-1', 'rescheduled']]);
    expect(moved.deadlines[0]!.clock).toMatchObject({ dueAt: at(HOUR_MS), startedAt: T0 });
    const past = at(-MIN);
    const kept = carry([], plan({ subjects: asks(request('open', past)) }));
    expect(kept[0]!.clock.dueAt).toEqual(past);
    expect(plan({ open: kept, subjects: asks(request('open', past)), now: at(MIN) }).deadlines).toEqual([]);
  });

  it('starts in any open state (unlike an undated task), never on a closed case', () => {
    for (const state of ['submitted', 'awaiting_customer', 'investigating']) {
      expect(changes(plan({ state, subjects: asks(request('open')) }))).toEqual([['collaboration_reply', 'req-1', 'started']]);
      expect(plan({ state, tasks: [task('open')] }).deadlines).toEqual([]);
    }
    expect(plan({ state: 'closed', subjects: asks(request('open')) }).deadlines).toEqual([]);
  });

  it('closing the case cancels it and it does not restart while closed', () => {
    const open = carry([], plan({ subjects: asks(request('open')) }));
    const closed = plan({ open, state: 'closed', events: [ev('case_closed', 'agent', 'closed')], subjects: asks(request('open')), now: at(MIN) });
    expect(changes(closed)).toEqual([['collaboration_reply', 'req-1', 'cancelled']]);
  });

  it('a new target version moves an undated request clock, not a dated one', () => {
    const open = carry([], plan({ subjects: asks(request('open'), request('open', at(HOUR_MS), 'req-2')) }));
    expect(open).toHaveLength(2);
    const targets = TARGETS.map((t) => (t.metric === 'collaboration_reply' ? { ...t, version: 2, duration: { amount: 1, unit: 'hours' as const } } : t));
    const subjects = asks(request('open'), request('open', at(HOUR_MS), 'req-2'));
    const out = plan({ open, targets, subjects, now: at(10 * MIN) });
    expect(changes(out)).toEqual([['collaboration_reply', 'req-1', 'rescheduled']]);
    expect(out.deadlines[0]).toMatchObject({ targetVersion: 2 });
    expect(out.deadlines[0]!.clock.dueAt).toEqual(at(HOUR_MS));
    // Without the list (the command could not have touched requests) nothing moves.
    expect(plan({ open, targets, now: at(10 * MIN) }).deadlines).toEqual([]);
  });

  it('case events neither meet nor start request clocks; asking is no answer to the customer', () => {
    const open = carry([], plan({ events: [ev('case_submitted', 'customer', 'submitted')], state: 'submitted' }));
    const withRequest = carry(open, plan({ open, state: 'submitted', subjects: asks(request('open')) }));
    const reply = plan({ open: withRequest, state: 'submitted', events: [ev('message_added', 'agent', 'submitted')], now: at(MIN) });
    expect(reply.deadlines.map((d) => d.metric)).toContain('first_response');
    expect(reply.deadlines.map((d) => d.metric)).not.toContain('collaboration_reply');
    for (const type of ['collaboration_requested', 'collaboration_answered', 'collaboration_cancelled']) {
      const out = plan({ open, state: 'submitted', events: [ev(type, 'agent', 'submitted')], now: at(MIN) });
      expect(out.deadlines).toEqual([]);
    }
  });
});

describe('subject clocks: kinds side by side', () => {
  it('a task and a request with the same id are different clocks, each reconciled from its own list only', () => {
    const both = plan({ state: 'executing', tasks: [task('open', null, 'x')], subjects: asks(request('open', null, 'x')) });
    expect(changes(both).sort()).toEqual([['collaboration_reply', 'x', 'started'], ['task_deadline', 'x', 'started']]);
    const open = carry([], both);
    // The request is answered; tasks untouched (null) stay as they are.
    expect(changes(plan({ open, state: 'executing', subjects: asks(request('answered', null, 'x')), now: at(MIN) }))).toEqual([
      ['collaboration_reply', 'x', 'met'],
    ]);
    // The task is done; requests untouched stay as they are.
    expect(changes(plan({ open, state: 'executing', tasks: [task('done', null, 'x')], now: at(MIN) }))).toEqual([['task_deadline', 'x', 'met']]);
  });

  it('the rules name each kind', () => {
    expect(SUBJECT_METRICS.every(isSubjectMetric)).toBe(true);
    expect(isSubjectMetric('plan_due')).toBe(false);
    expect(SUBJECT_RULES.collaboration_reply).toMatchObject({ open: 'open', done: ['answered'] });
    expect(SUBJECT_RULES.task_deadline).toMatchObject({ open: 'open', done: ['done'] });
    // Any answer to a plan meets its clock; only a plan with an answer window has one.
    expect(SUBJECT_RULES.plan_answer).toMatchObject({ open: 'open', done: ['accepted', 'rejected', 'countered'] });
    expect(SUBJECT_RULES.plan_answer.startsUndated('plan_proposed')).toBe(false);
  });

  it('property: one open clock per subject; open clocks belong to open subjects of the last list given', () => {
    const arbFact = (ids: string[]) =>
      fc.record({
        id: fc.constantFrom(...ids),
        status: fc.constantFrom('open', 'open', 'answered', 'done', 'cancelled'),
        dueAt: fc.option(fc.integer({ min: -HOUR_MS, max: 6 * HOUR_MS }).map(at), { nil: null }),
      });
    const arbList = fc.option(fc.uniqueArray(arbFact(['a', 'b', 'c']), { selector: (f) => f.id, maxLength: 3 }), { freq: 2 });
    const arbSteps = fc.array(
      fc.record({ tasks: arbList, requests: arbList, gapMs: fc.integer({ min: 0, max: 3 * HOUR_MS }), state: fc.constantFrom('investigating', 'executing', 'closed') }),
      { minLength: 1, maxLength: 10 },
    );
    fc.assert(
      fc.property(arbSteps, (steps) => {
        let open: OpenDeadline[] = [];
        let now = T0.getTime();
        const last: Record<string, SubjectFact[] | undefined> = {};
        for (const step of steps) {
          now += step.gapMs;
          const tasks = step.tasks?.map((f) => ({ ...f, type: 'refund' })) ?? null;
          const events = step.state === 'closed' ? [ev('case_closed', 'agent', 'closed')] : [];
          const out = plan({ open, tasks, subjects: { collaboration_reply: step.requests }, state: step.state, events, now: new Date(now) });
          open = carry(open, out);
          if (step.tasks) last.task_deadline = step.tasks;
          if (step.requests) last.collaboration_reply = step.requests;
          const slots = open.map((d) => `${d.metric}:${d.subjectId}`);
          expect(new Set(slots).size).toBe(slots.length);
          for (const d of open) {
            expect(isSubjectMetric(d.metric)).toBe(true);
            expect(nextFireAt(d.clock) === null).toBe(d.clock.status === 'paused');
            const list = last[d.metric];
            expect(list?.find((f) => f.id === d.subjectId)?.status).toBe('open');
          }
          if (step.state === 'closed') expect(open).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
