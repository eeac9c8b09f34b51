import { describe, expect, it } from 'vitest';
import { customerAppealOpening, type MerchantClock } from './routing.appeal.ts';

const NOW = new Date('2026-11-10T10:00:00+08:00');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const clock = (over: Partial<MerchantClock> = {}): MerchantClock => ({ status: 'running', due_at: at(60), breached_at: null, ...over });
const fresh = { state: 'submitted', rejected_plans: 0 };

describe('when the customer may bring the platform in (ORG-3)', () => {
  it('not while the merchant is within its time, and says when its earliest clock runs out', () => {
    expect(customerAppealOpening(fresh, [clock({ due_at: at(120) }), clock({ due_at: at(60) })], NOW)).toEqual({ open: false, from: at(60) });
    // Nothing running (the merchant answered, or waits on the customer): no time to promise.
    expect(customerAppealOpening(fresh, [clock({ status: 'paused' })], NOW)).toEqual({ open: false, from: null });
    expect(customerAppealOpening(fresh, [], NOW)).toEqual({ open: false, from: null });
  });

  it('once a merchant clock ran out, was breached, a plan of its was rejected, or it failed the goods', () => {
    expect(customerAppealOpening(fresh, [clock({ due_at: NOW })], NOW)).toEqual({ open: true });
    expect(customerAppealOpening(fresh, [clock({ status: 'met', breached_at: at(-5) })], NOW)).toEqual({ open: true });
    expect(customerAppealOpening({ state: 'plan_proposed', rejected_plans: 1 }, [], NOW)).toEqual({ open: true });
    expect(customerAppealOpening({ state: 'inspection_failed', rejected_plans: 0 }, [], NOW)).toEqual({ open: true });
  });
});
