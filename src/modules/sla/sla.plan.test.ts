import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_STATES, isOpenState } from '../cases/case.state.ts';
import { CASE_KINDS, ROLES } from '../../shared/vocabulary.ts';
import { DAY_MS, HOUR_MS } from '../../shared/clock.ts';
import { BusinessCalendar, DEFAULT_CALENDAR_SPEC } from './calendar.ts';
import { nextFireAt } from './sla.clock.ts';
import type { SlaEvent } from './sla.lifecycle.ts';
import { type OpenDeadline, type PlanInput, type PlanOutput, planDeadlineChanges, type TaskFact } from './sla.plan.ts';
import { type CaseKey, DEFAULT_TARGETS, fullMatch, type SlaMetric, type SlaTarget } from './sla.targets.ts';

const MIN = 60_000;
const CAL = new BusinessCalendar(DEFAULT_CALENDAR_SPEC);
const TARGETS: SlaTarget[] = DEFAULT_TARGETS.map((t, i) => ({
  ...t, id: `t${i}`, version: 1, calendarId: null, active: true, match: fullMatch(t.match),
}));
// Monday 3 March 2025, 10:00 in Shanghai.
const T0 = new Date('2025-03-03T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const COMPLAINT: CaseKey = { channel: 'chat', kind: 'complaint', category: null, severity: 'L3', tier: null, merchantId: null };
const RETURN: CaseKey = { channel: 'web', kind: 'return_refund', category: null, severity: 'L4', tier: null, merchantId: 'm1' };

const ev = (type: string, actorRole: string, toState: string): SlaEvent => ({ type, actorRole, toState });
const SUBMITTED = ev('case_submitted', 'customer', 'submitted');

type Step = Partial<Omit<PlanInput, 'events'>> & { events: SlaEvent[] };

function plan(key: CaseKey, step: Step): PlanOutput {
  return planDeadlineChanges({
    key, context: { kind: key.kind, merchantId: key.merchantId, withMerchant: key.merchantId !== null }, state: step.events.at(-1)?.toState ?? 'investigating',
    open: [], tasks: null, targets: TARGETS, calendarFor: () => CAL, now: T0, ...step,
  });
}

let seq = 0;
/** The open deadlines after a plan is written: untouched ones, plus touched ones still running or paused. */
function carry(open: OpenDeadline[], out: PlanOutput): OpenDeadline[] {
  const touched = new Set(out.deadlines.filter((d) => d.existing).map((d) => d.id));
  const next = open.filter((d) => !touched.has(d.id));
  for (const { existing, changes, ...d } of out.deadlines) {
    if (!existing) d.id = `d${++seq}`;
    if (d.clock.status === 'running' || d.clock.status === 'paused') next.push(d);
  }
  return next;
}

/** Applies each step in turn and returns the outputs and the open deadlines after the last one. */
function apply(key: CaseKey, steps: Step[], open: OpenDeadline[] = []) {
  const outs: PlanOutput[] = [];
  for (const step of steps) {
    const out = plan(step.key ?? key, { ...step, open });
    outs.push(out);
    open = carry(open, out);
  }
  return { outs, open, last: outs.at(-1)! };
}

const byMetric = (open: OpenDeadline[], metric: SlaMetric) => open.find((d) => d.metric === metric);
const metrics = (ds: { metric: SlaMetric }[]) => ds.map((d) => d.metric).sort();
const changed = (out: PlanOutput, what: string) => metrics(out.deadlines.filter((d) => d.changes.includes(what as never)));
const dueIn = (d: OpenDeadline | undefined, from = T0) => d!.clock.dueAt.getTime() - from.getTime();

describe('planDeadlineChanges: submission', () => {
  it('a complaint via chat starts first response, acknowledgement, plan and L3 escalation clocks', () => {
    const { open, last } = apply(COMPLAINT, [{ events: [SUBMITTED] }]);
    expect(metrics(open)).toEqual(['acknowledgement', 'first_response', 'frontline_escalation', 'plan_due']);
    expect(dueIn(byMetric(open, 'first_response'))).toBe(3 * MIN);
    expect(dueIn(byMetric(open, 'acknowledgement'))).toBe(HOUR_MS);
    expect(dueIn(byMetric(open, 'plan_due'))).toBe(24 * HOUR_MS);
    expect(dueIn(byMetric(open, 'frontline_escalation'))).toBe(2 * HOUR_MS);
    expect(byMetric(open, 'first_response')!.clock.warnAt).toEqual(at(2 * MIN));
    expect(last.events.map((e) => e.type)).toEqual(['sla_started']);
    const listed = last.events[0]!.data.deadlines;
    expect(listed.map((d) => [d.metric, d.dueAt]).sort()).toEqual(open.map((d) => [d.metric, d.clock.dueAt.toISOString()]).sort());
    expect(listed.every((d) => d.breached === false && d.subjectId === null && d.party === 'platform')).toBe(true);
    for (const d of open) expect(TARGETS.find((t) => t.id === d.targetId)?.metric).toBe(d.metric);
  });

  it('a return with a merchant gives the merchant 48 h to review it; price protection does not', () => {
    const review = byMetric(apply(RETURN, [{ events: [SUBMITTED] }]).open, 'merchant_review');
    expect(dueIn(review)).toBe(48 * HOUR_MS);
    expect(review).toMatchObject({ party: 'merchant', autoOutcome: 'approve_request' });
    expect(byMetric(apply({ ...RETURN, kind: 'price_protection' }, [{ events: [SUBMITTED] }]).open, 'merchant_review')).toBeUndefined();
    expect(byMetric(apply({ ...RETURN, merchantId: null }, [{ events: [SUBMITTED] }]).open, 'merchant_review')).toBeUndefined();
    expect(byMetric(apply(RETURN, [{ events: [SUBMITTED] }]).open, 'frontline_escalation')).toBeUndefined();
  });
});

describe('planDeadlineChanges: who filed', () => {
  it('a case an agent files during a call owes no first response; one the customer files does', () => {
    const byAgent = apply(COMPLAINT, [{ events: [ev('case_submitted', 'agent', 'submitted')] }]).open;
    expect(metrics(byAgent)).not.toContain('first_response');
    expect(metrics(byAgent)).toContain('plan_due');
    expect(metrics(apply(COMPLAINT, [{ events: [SUBMITTED] }]).open)).toContain('first_response');
  });

  it('one an agent registers from an email owes the email’s first response (SLA-3, SLA-4)', () => {
    const email: CaseKey = { ...COMPLAINT, channel: 'email', kind: 'tech_support' };
    const registered = plan(email, { events: [ev('case_submitted', 'agent', 'submitted')], context: { kind: 'tech_support', merchantId: null, withMerchant: false, channel: 'email' } });
    const due = registered.deadlines.find((d) => d.metric === 'first_response');
    expect(due).toBeDefined();
    expect(due!.clock.dueAt.getTime() - T0.getTime()).toBe(48 * 60 * MIN);
  });
});

describe('planDeadlineChanges: merchant first (ORG-3)', () => {
  const PLATFORM = { kind: RETURN.kind, merchantId: RETURN.merchantId, withMerchant: false };
  // The SLA service adds these when a command moves the case between the merchant's queue and the platform's.
  const handedToMerchant = (toState: string) => ev('handed_to_merchant', 'system', toState);
  const takenFromMerchant = (toState: string) => ev('taken_from_merchant', 'system', toState);

  it('a case its merchant handles runs the merchant\'s review clock, not frontline\'s 2 h', () => {
    const l3 = { ...RETURN, severity: 'L3' };
    const withMerchant = apply(l3, [{ events: [SUBMITTED] }]).open;
    expect(metrics(withMerchant)).toContain('merchant_review');
    expect(metrics(withMerchant)).not.toContain('frontline_escalation');
    // The same goods sold by the platform itself: frontline's clock, no merchant to stay silent.
    const withPlatform = plan(l3, { events: [SUBMITTED], context: PLATFORM });
    expect(metrics(withPlatform.deadlines)).toContain('frontline_escalation');
    expect(metrics(withPlatform.deadlines)).not.toContain('merchant_review');
  });

  it('a case put in the merchant\'s hands before anyone answered gets the review clock and leaves frontline\'s', () => {
    const l3 = { ...RETURN, severity: 'L3' };
    const { open } = apply(l3, [
      { events: [SUBMITTED], context: PLATFORM },
      { events: [handedToMerchant('acknowledged')], now: at(HOUR_MS) },
    ]);
    expect(metrics(open)).toContain('merchant_review');
    expect(metrics(open)).not.toContain('frontline_escalation');
    expect(dueIn(byMetric(open, 'merchant_review'), at(HOUR_MS))).toBe(48 * HOUR_MS);
    // Once a plan was given there is nothing left to grant by silence.
    const late = apply(l3, [{ events: [SUBMITTED], context: PLATFORM }, { events: [handedToMerchant('plan_proposed')], now: at(HOUR_MS) }]).open;
    expect(metrics(late)).not.toContain('merchant_review');
  });

  it('what the holder owes the customer is the merchant\'s move while it holds the case', () => {
    const merchantComplaint = { ...COMPLAINT, merchantId: 'm1' };
    const held = apply(merchantComplaint, [{ events: [SUBMITTED] }]).open;
    expect(byMetric(held, 'plan_due')?.party).toBe('merchant');
    expect(byMetric(held, 'first_response')?.party).toBe('merchant');
    const withPlatform = plan(merchantComplaint, { events: [SUBMITTED], context: { ...PLATFORM, kind: 'complaint' } });
    expect(withPlatform.deadlines.find((d) => d.metric === 'plan_due')?.party).toBe('platform');
  });

  it('the platform stepping in ends the merchant\'s review clock without meeting it', () => {
    const { last, open } = apply(RETURN, [
      { events: [SUBMITTED] },
      { events: [takenFromMerchant('submitted')], context: PLATFORM, now: at(HOUR_MS) },
    ]);
    expect(changed(last, 'cancelled')).toEqual(['merchant_review']);
    expect(metrics(open)).not.toContain('merchant_review');
    // The first answer the merchant still owed is now the platform's, due as before; the platform owes a plan.
    const first = byMetric(open, 'first_response')!;
    expect(first).toMatchObject({ party: 'platform' });
    expect(dueIn(first)).toBe(2 * HOUR_MS);
    expect(byMetric(open, 'plan_due')).toMatchObject({ party: 'platform' });
  });
});

describe('planDeadlineChanges: responses', () => {
  const submitted = () => apply(COMPLAINT, [{ events: [SUBMITTED] }]).open;

  it('a complex complaint (L2) is owed staged feedback from filing, not a plan in 24 h; a raise adds it (SLA-6)', () => {
    const L2 = { ...COMPLAINT, severity: 'L2' as const };
    const complexAt = (key: CaseKey, step: Step) => planDeadlineChanges({
      key, context: { kind: key.kind, merchantId: null, withMerchant: false, complex: true }, state: step.events.at(-1)?.toState ?? 'investigating',
      open: [], tasks: null, targets: TARGETS, calendarFor: () => CAL, now: T0, ...step,
    });
    const filed = complexAt(L2, { events: [SUBMITTED] });
    expect(changed(filed, 'started')).toContain('staged_feedback');
    expect(changed(filed, 'started')).not.toContain('plan_due');
    // An L3 case owes the plan; raised to L2, it keeps the plan its receipt promised and owes staged feedback too.
    const simple = apply(COMPLAINT, [{ events: [SUBMITTED] }]).open;
    expect(simple.map((d) => d.metric)).toContain('plan_due');
    const raised = complexAt(L2, { open: simple, events: [ev('triage_raised', 'system', 'submitted')], now: at(HOUR_MS) });
    expect(changed(raised, 'cancelled')).not.toContain('plan_due');
    expect(changed(raised, 'started')).toContain('staged_feedback');
  });

  it('acknowledgement is met when the case leaves submitted; the first response only if it said something', () => {
    const out = plan(COMPLAINT, { open: submitted(), events: [{ ...ev('acknowledged', 'agent', 'acknowledged'), replied: true }], now: at(MIN) });
    expect(changed(out, 'met')).toEqual(['acknowledgement', 'first_response']);
    expect(out.events.map((e) => e.type)).toEqual(['sla_met']);
    // SLA-1: a status click with no words to the customer is not a reply.
    for (const silent of [ev('acknowledged', 'agent', 'acknowledged'), ev('investigation_started', 'agent', 'investigating')]) {
      expect(changed(plan(COMPLAINT, { open: submitted(), events: [silent], now: at(MIN) }), 'met')).not.toContain('first_response');
    }
  });

  it('first response is met by a staff message the customer sees, not by a note or the customer', () => {
    const reply = plan(COMPLAINT, { open: submitted(), events: [ev('message_added', 'agent', 'submitted')], now: at(MIN) });
    expect(changed(reply, 'met')).toEqual(['first_response']);
    for (const e of [ev('internal_note_added', 'agent', 'submitted'), ev('message_added', 'customer', 'submitted')]) {
      expect(plan(COMPLAINT, { open: submitted(), events: [e], now: at(MIN) }).deadlines).toEqual([]);
    }
  });

  it('asking for evidence pauses the platform and merchant clocks and starts the customer one; the wait does not count', () => {
    const wait = 5 * HOUR_MS;
    const key = { ...RETURN, severity: 'L3' };
    const { outs, open } = apply(key, [
      { events: [SUBMITTED] },
      { events: [ev('evidence_requested', 'agent', 'awaiting_customer')], now: at(HOUR_MS) },
      { events: [ev('evidence_provided', 'customer', 'investigating')], now: at(HOUR_MS + wait) },
    ]);
    const [, asked, given] = outs;
    // The merchant holds the return: its review clock is its plan clock.
    expect(changed(asked!, 'paused')).toEqual(['merchant_review']);
    expect(changed(asked!, 'started')).toEqual(['customer_evidence']);
    expect(changed(given!, 'resumed')).toEqual(['merchant_review']);
    expect(changed(given!, 'met')).toEqual(['customer_evidence']);
    expect(dueIn(byMetric(open, 'merchant_review'))).toBe(48 * HOUR_MS + wait);
    // The platform's plan clock pauses the same way on a case the platform holds.
    const platform = apply(COMPLAINT, [
      { events: [SUBMITTED] },
      { events: [ev('evidence_requested', 'agent', 'awaiting_customer')], now: at(HOUR_MS) },
      { events: [ev('evidence_provided', 'customer', 'investigating')], now: at(HOUR_MS + wait) },
    ]);
    expect(changed(platform.outs[1]!, 'paused')).toEqual(['frontline_escalation', 'plan_due']);
    expect(dueIn(byMetric(platform.open, 'plan_due'))).toBe(24 * HOUR_MS + wait);
    const evidence = asked!.deadlines.find((d) => d.metric === 'customer_evidence')!;
    expect(evidence).toMatchObject({ party: 'customer', autoOutcome: 'decide_without_evidence' });
    expect(dueIn(evidence, at(HOUR_MS))).toBe(3 * DAY_MS);
  });

  it('a rejected plan, a reopened case and a received return each start their own clock', () => {
    const base = apply(RETURN, [{ events: [SUBMITTED] }]).open;
    const rejected = plan(RETURN, { open: base, events: [ev('plan_rejected', 'customer', 'investigating')], now: at(HOUR_MS) });
    expect(changed(rejected, 'started')).toEqual(['reinvestigation']);
    expect(dueIn(rejected.deadlines.find((d) => d.metric === 'reinvestigation'), at(HOUR_MS))).toBe(HOUR_MS);
    const reopened = plan(RETURN, { open: [], events: [ev('case_reopened', 'customer', 'investigating')], now: at(HOUR_MS) });
    // Handled again within 2 h, and owed a new plan as a new case is (SLA-11).
    expect(changed(reopened, 'started').sort()).toEqual(['plan_due', 'second_handling']);
    expect(dueIn(reopened.deadlines.find((d) => d.metric === 'second_handling'), at(HOUR_MS))).toBe(2 * HOUR_MS);

    const received = apply(RETURN, [{ events: [ev('return_received', 'merchant', 'return_received')], now: at(HOUR_MS) }]);
    // SLA-12 is met by the refund (or the replacement) itself, not by the other tasks of the plan.
    const postage = plan(RETURN, { open: received.open, events: [{ ...ev('task_completed', 'finance', 'executing'), taskType: 'shipping_reimbursement' }], now: at(2 * HOUR_MS) });
    expect(changed(postage, 'met')).not.toContain('refund_after_receipt');
    const paid = plan(RETURN, { open: received.open, events: [{ ...ev('task_completed', 'finance', 'executing'), taskType: 'refund' }], now: at(2 * HOUR_MS) });
    expect(changed(paid, 'met')).toContain('refund_after_receipt');
    const refund = byMetric(received.open, 'refund_after_receipt');
    expect(refund!.clock.dueAt).toEqual(CAL.addWorkingDays(at(HOUR_MS), 3));
    const failed = plan(RETURN, { open: received.open, events: [ev('inspection_failed', 'merchant', 'inspection_failed')], now: at(2 * HOUR_MS) });
    expect(changed(failed, 'cancelled')).toEqual(['refund_after_receipt']);
    // The goods failed: the customer is owed what happens now, a new plan or the result in writing.
    expect(changed(failed, 'started')).toEqual(['plan_due']);
    const told = plan(RETURN, { open: carry(received.open, failed), events: [ev('result_notified', 'merchant', 'result_notified')], now: at(3 * HOUR_MS) });
    expect(changed(told, 'met')).toContain('plan_due');
    // A repair's goods come in to be repaired: its task has the clock.
    expect(changed(plan({ ...COMPLAINT, kind: 'repair' }, { events: [ev('return_received', 'merchant', 'return_received')] }), 'started')).toEqual([]);
  });

  it('the refund clock never runs past the 7 natural days after receipt, even when a holiday stretches its working days', () => {
    // Received on the eve of the 2026 National Day holiday (10:00 in Shanghai): 3 working days end on 10-10.
    const eve = new Date('2026-09-30T02:00:00Z');
    const out = plan(RETURN, { open: [], events: [ev('return_received', 'merchant', 'return_received')], now: eve });
    const refund = out.deadlines.find((d) => d.metric === 'refund_after_receipt')!;
    expect(CAL.addWorkingDays(eve, 3).toISOString()).toBe('2026-10-10T10:00:00.000Z');
    expect(refund.clock.dueAt.toISOString()).toBe('2026-10-07T15:59:59.999Z');
    expect(refund.clock.warnAt!.getTime()).toBeLessThan(refund.clock.dueAt.getTime());
  });

  it('nor when its target is lengthened later: the new budget is capped at the same limit', () => {
    const eve = new Date('2026-09-30T02:00:00Z');
    const { open } = apply(RETURN, [{ events: [ev('return_received', 'merchant', 'return_received')], now: eve }]);
    const longer = TARGETS.map((t) => (t.metric === 'refund_after_receipt' ? { ...t, version: 2, duration: { amount: 10, unit: 'days' as const } } : t));
    const out = plan(RETURN, { open, events: [], targets: longer, now: new Date('2026-10-01T02:00:00Z') });
    const refund = out.deadlines.find((d) => d.metric === 'refund_after_receipt')!;
    expect(refund).toMatchObject({ targetVersion: 2, existing: true });
    expect(refund.clock.dueAt.toISOString()).toBe('2026-10-07T15:59:59.999Z');
    expect(refund.clock.startedAt.toISOString()).toBe(eve.toISOString());
    // A shorter one still applies as it is.
    const shorter = TARGETS.map((t) => (t.metric === 'refund_after_receipt' ? { ...t, version: 3, duration: { amount: 1, unit: 'days' as const } } : t));
    const sooner = plan(RETURN, { open, events: [], targets: shorter, now: new Date('2026-09-30T03:00:00Z') });
    expect(sooner.deadlines.find((d) => d.metric === 'refund_after_receipt')!.clock.dueAt.getTime()).toBeLessThan(new Date('2026-10-02T00:00:00Z').getTime());
  });
});

describe('planDeadlineChanges: targets and case keys', () => {
  it('a severity change from L3 to L2 cancels the escalation clock and starts nothing', () => {
    const open = apply(COMPLAINT, [{ events: [SUBMITTED] }]).open;
    const out = plan({ ...COMPLAINT, severity: 'L2' }, { open, events: [], now: at(MIN) });
    expect(out.deadlines.map((d) => [d.metric, d.changes])).toEqual([['frontline_escalation', ['cancelled']]]);
    expect(out.events.map((e) => e.type)).toEqual(['sla_cancelled']);
    expect(plan(COMPLAINT, { open, events: [], now: at(MIN) }).deadlines).toEqual([]);
  });

  it('a new version of a target reschedules its clocks', () => {
    const open = apply(COMPLAINT, [{ events: [SUBMITTED] }]).open;
    const targets = TARGETS.map((t) => (t.metric === 'plan_due' ? { ...t, version: 2, duration: { amount: 48, unit: 'hours' as const } } : t));
    const out = plan(COMPLAINT, { open, events: [], targets, now: at(HOUR_MS) });
    expect(out.deadlines.map((d) => [d.metric, d.changes])).toEqual([['plan_due', ['rescheduled']]]);
    expect(out.deadlines[0]).toMatchObject({ targetVersion: 2, existing: true });
    expect(dueIn(out.deadlines[0])).toBe(48 * HOUR_MS);
    expect(out.events.map((e) => e.type)).toEqual(['sla_rescheduled']);
  });
});

describe('planDeadlineChanges: execution tasks', () => {
  const due = at(30 * HOUR_MS);
  const task = (status: string, dueAt: Date | null = due, id = 'task-1'): TaskFact => ({ id, type: 'refund', status, dueAt });

  it('an open task with a due time gets a clock ending exactly then; done meets it, cancelled cancels it', () => {
    const started = apply(RETURN, [{ events: [], state: 'executing', tasks: [task('open')] }]);
    const clock = byMetric(started.open, 'task_deadline')!;
    expect(clock.subjectId).toBe('task-1');
    expect(clock.clock.dueAt).toEqual(due);
    expect(clock.clock.warnAt).toEqual(new Date(due.getTime() - HOUR_MS));
    expect(plan(RETURN, { open: started.open, events: [], tasks: [task('open')], now: at(HOUR_MS) }).deadlines).toEqual([]);
    const done = plan(RETURN, { open: started.open, events: [], tasks: [task('done')], now: at(HOUR_MS) });
    expect(done.deadlines.map((d) => [d.subjectId, d.changes])).toEqual([['task-1', ['met']]]);
    for (const tasks of [[task('cancelled')], []]) {
      const gone = plan(RETURN, { open: started.open, events: [], tasks, now: at(HOUR_MS) });
      expect(gone.deadlines.map((d) => [d.subjectId, d.changes])).toEqual([['task-1', ['cancelled']]]);
    }
  });

  it('a task already past due keeps its due time and is not rescheduled on every command', () => {
    const late = at(-HOUR_MS);
    const started = apply(RETURN, [{ events: [], state: 'executing', tasks: [task('open', late)] }]);
    expect(byMetric(started.open, 'task_deadline')!.clock.dueAt).toEqual(late);
    expect(plan(RETURN, { open: started.open, events: [], state: 'executing', tasks: [task('open', late)], now: at(MIN) }).deadlines).toEqual([]);
  });

  it('an undated task gets the default clock only once execution starts', () => {
    expect(plan(RETURN, { events: [], state: 'awaiting_return', tasks: [task('open', null)] }).deadlines).toEqual([]);
    const open = apply(RETURN, [{ events: [], state: 'executing', tasks: [task('open', null)] }]).open;
    expect(open[0]!.clock.dueAt).toEqual(CAL.addWorkingDays(T0, 2));
  });
});

describe('planDeadlineChanges: closing', () => {
  it('a refusal meets the response and plan clocks it answers, and cancels the rest', () => {
    const { open } = apply(COMPLAINT, [{ events: [SUBMITTED] }]);
    const out = plan(COMPLAINT, { open, events: [ev('rejected_ineligible', 'agent', 'rejected')], now: at(MIN) });
    expect(changed(out, 'met')).toEqual(['acknowledgement', 'first_response', 'frontline_escalation', 'plan_due']);
    expect(carry(open, out)).toEqual([]);
  });

  it.each(['closed', 'withdrawn', 'rejected', 'merged'])('moving to %s cancels every open clock', (state) => {
    const { open } = apply(COMPLAINT, [
      { events: [SUBMITTED] },
      { events: [ev('evidence_requested', 'agent', 'awaiting_customer')], now: at(HOUR_MS) },
    ]);
    expect(open.length).toBeGreaterThanOrEqual(3);
    const out = plan(RETURN, { open, events: [ev('case_closed', 'system', state)], now: at(2 * HOUR_MS) });
    expect(out.deadlines.map((d) => d.id).sort()).toEqual(open.map((d) => d.id).sort());
    expect(out.deadlines.every((d) => d.clock.status === 'cancelled' && d.changes.join() === 'cancelled')).toBe(true);
    expect(out.events.map((e) => e.type)).toEqual(['sla_cancelled']);
    expect(carry(open, out)).toEqual([]);
  });
});

// ---- property: random event sequences ----

const EVENT_TYPES = [
  'case_submitted', 'acknowledged', 'investigation_started', 'plan_proposed', 'plan_submitted_for_approval', 'plan_approval_declined',
  'plan_approved', 'request_approved', 'rejected_ineligible', 'counter_offered', 'counter_offer_accepted', 'plan_rejected',
  'case_reopened', 'return_received', 'inspection_failed', 'return_delivered', 'evidence_requested', 'evidence_provided',
  'message_added', 'internal_note_added', 'case_linked', 'severity_escalated', 'case_reassigned', 'task_completed',
  'case_routed', 'platform_intervention', 'escalated_to_compliance', 'plan_expired', 'handed_to_merchant', 'taken_from_merchant', 'plan_accepted',
];
const OPEN_LEANING = CASE_STATES.filter((s) => isOpenState(s));
const arbEvent = fc.record({
  type: fc.constantFrom(...EVENT_TYPES),
  actorRole: fc.constantFrom(...ROLES),
  // Mostly open states, so that sequences run long enough to matter.
  toState: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...OPEN_LEANING) }, { weight: 1, arbitrary: fc.constantFrom(...CASE_STATES) }),
});
const arbKey: fc.Arbitrary<CaseKey> = fc.record({
  channel: fc.constantFrom('chat', 'email', 'phone', 'web', 'forum'),
  kind: fc.constantFrom(...CASE_KINDS),
  category: fc.constantFrom(null, 'logistics', 'product_quality'),
  severity: fc.constantFrom('L1', 'L2', 'L3', 'L4'),
  tier: fc.constant(null),
  merchantId: fc.constantFrom(null, 'm1'),
});
const arbTask: fc.Arbitrary<TaskFact> = fc.record({
  id: fc.constantFrom('task-1', 'task-2', 'task-3'),
  type: fc.constantFrom('refund', 'repair'),
  status: fc.constantFrom('open', 'open', 'done', 'cancelled'),
  dueAt: fc.option(fc.integer({ min: -DAY_MS, max: 10 * DAY_MS }).map(at), { nil: null }),
});
const arbSteps = fc.array(
  fc.record({
    events: fc.array(arbEvent, { maxLength: 3 }),
    gapMs: fc.integer({ min: 0, max: 3 * DAY_MS }),
    severity: fc.option(fc.constantFrom('L1', 'L2', 'L3', 'L4'), { freq: 4 }),
    withMerchant: fc.boolean(),
    tasks: fc.option(fc.uniqueArray(arbTask, { selector: (t) => t.id, maxLength: 3 }), { freq: 2 }),
  }),
  { minLength: 1, maxLength: 12 },
);

describe('planDeadlineChanges: properties', () => {
  it('one open clock per metric and subject; finished clocks stay finished', () => {
    fc.assert(
      fc.property(arbKey, arbSteps, (first, steps) => {
        let key = first;
        let open: OpenDeadline[] = [];
        let now = T0.getTime();
        const finished = new Set<string>();
        for (const step of [{ events: [SUBMITTED], gapMs: 0, severity: null, tasks: null, withMerchant: first.merchantId !== null }, ...steps]) {
          now += step.gapMs;
          if (step.severity) key = { ...key, severity: step.severity };
          const state = step.events.at(-1)?.toState ?? 'investigating';
          const context = { kind: key.kind, merchantId: key.merchantId, withMerchant: step.withMerchant && key.merchantId !== null };
          const out = plan(key, { events: step.events, open, tasks: step.tasks, state, context, now: new Date(now) });
          const before = new Set(open.map((d) => d.id));
          for (const d of out.deadlines) {
            expect(d.changes.length).toBeGreaterThan(0);
            expect(d.changes.includes('met') && d.changes.includes('cancelled')).toBe(false);
            const ends = d.changes.filter((c) => c === 'met' || c === 'cancelled');
            expect(ends.length).toBeLessThanOrEqual(1);
            if (ends.length === 1) {
              expect(d.changes.at(-1)).toBe(ends[0]);
              expect(d.clock.status).toBe(ends[0]);
            } else expect(['running', 'paused']).toContain(d.clock.status);
            if (d.existing) expect(before.has(d.id)).toBe(true);
            else expect(d.changes[0]).toBe('started');
            for (const what of d.changes) {
              const listed = out.events.find((e) => e.type === `sla_${what}`)?.data.deadlines ?? [];
              expect(listed.some((l) => l.metric === d.metric && l.subjectId === d.subjectId)).toBe(true);
            }
          }
          open = carry(open, out);
          for (const d of out.deadlines) if (d.clock.status === 'met' || d.clock.status === 'cancelled') finished.add(d.id);
          const slots = open.map((d) => `${d.metric}:${d.subjectId ?? ''}`);
          expect(new Set(slots).size).toBe(slots.length);
          for (const d of open) {
            expect(finished.has(d.id)).toBe(false);
            expect(d.clock.status === 'running' || d.clock.status === 'paused').toBe(true);
            expect(nextFireAt(d.clock) === null).toBe(d.clock.status === 'paused');
          }
          const lastEvent = step.events.at(-1);
          if (lastEvent && !isOpenState(lastEvent.toState as never) && step.tasks === null) expect(open).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
