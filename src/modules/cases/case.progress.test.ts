import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { progressSteps } from './case.progress.ts';
import { CASE_STATES, type CaseState } from './case.state.ts';

const facts = (state: CaseState, visited: CaseState[], returnAtIntake = false) => ({ state, visited, returnAtIntake, offers: [], returnParcel: false });

describe('progress steps (EX-2)', () => {
  it('a return goes through every step; the current one is marked', () => {
    expect(progressSteps(facts('return_received', ['submitted', 'acknowledged', 'awaiting_return', 'return_in_transit', 'return_received'], true))).toEqual([
      { stage: 'review', status: 'done' },
      { stage: 'return_shipment', status: 'done' },
      { stage: 'inspection', status: 'current' },
      { stage: 'refund_or_replacement', status: 'upcoming' },
      { stage: 'done', status: 'upcoming' },
    ]);
  });

  it('a case refused after its return was inspected shows the steps taken and no refund', () => {
    const steps = progressSteps(facts('rejected', ['submitted', 'awaiting_return', 'return_in_transit', 'return_received', 'inspection_failed', 'rejected'], true));
    expect(steps.map((s) => s.stage)).toEqual(['review', 'return_shipment', 'inspection', 'done']);
    expect(steps.at(-1)).toEqual({ stage: 'done', status: 'stopped' });
  });

  it('a withdrawn offer to take the goods back no longer adds a return step', () => {
    const base = facts('plan_proposed', ['submitted', 'investigating', 'plan_proposed']);
    expect(progressSteps({ ...base, offers: [{ status: 'open', returnRequired: true }] }).map((s) => s.stage)).toContain('return_shipment');
    expect(progressSteps({ ...base, offers: [{ status: 'superseded', returnRequired: true }] }).map((s) => s.stage)).not.toContain('return_shipment');
  });

  it('a return that lapsed is not ticked off, nor what would have followed it', () => {
    const lapsed = facts('result_notified', ['submitted', 'investigating', 'plan_proposed', 'awaiting_return', 'result_notified'], true);
    expect(progressSteps(lapsed)).toEqual([{ stage: 'review', status: 'done' }, { stage: 'done', status: 'done' }]);
  });

  it('a plan agreed to keep the goods drops the return steps intake expected', () => {
    const kept = { ...facts('executing', ['submitted', 'investigating', 'plan_proposed', 'executing'], true), offers: [{ status: 'accepted', returnRequired: false }] };
    expect(progressSteps(kept).map((s) => s.stage)).toEqual(['review', 'refund_or_replacement', 'done']);
  });

  it('never ticks a step after the current one, and a stopped case ticks only steps it visited', () => {
    const state = fc.constantFrom(...CASE_STATES);
    fc.assert(
      fc.property(state, fc.array(state, { maxLength: 8 }), fc.boolean(), (now, visited, returnAtIntake) => {
        const steps = progressSteps(facts(now, visited, returnAtIntake));
        const current = steps.findIndex((s) => s.status === 'current' || s.status === 'stopped');
        if (current >= 0) expect(steps.slice(current + 1).every((s) => s.status === 'upcoming')).toBe(true);
        expect(steps[0]!.stage).toBe('review');
        expect(steps.at(-1)!.stage).toBe('done');
      }),
    );
  });
});
