import { describe, expect, it } from 'vitest';
import { customerAppealOpening, type MerchantClock, type MerchantHistory } from './routing.appeal.ts';

const NOW = new Date('2026-11-10T10:00:00+08:00');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const clock = (over: Partial<MerchantClock> = {}): MerchantClock => ({ status: 'running', due_at: at(60), breached_at: null, ...over });
const history = (clocks: MerchantClock[], decided = false): MerchantHistory => ({ decided, clocks });

describe('when the customer may bring the platform in (ORG-3)', () => {
  it('not while the merchant is within its time, and says when its earliest clock runs out', () => {
    expect(customerAppealOpening(history([clock({ due_at: at(120) }), clock({ due_at: at(60) })]), NOW)).toEqual({ open: false, from: at(60) });
    // Nothing running (the merchant answered, or waits on the customer): no time to promise.
    expect(customerAppealOpening(history([clock({ status: 'paused' })]), NOW)).toEqual({ open: false, from: null });
    expect(customerAppealOpening(history([]), NOW)).toEqual({ open: false, from: null });
  });

  it('once a merchant clock ran out or was breached, or the merchant decided (failed the goods, had a plan turned down, told its result)', () => {
    expect(customerAppealOpening(history([clock({ due_at: NOW })]), NOW)).toEqual({ open: true });
    expect(customerAppealOpening(history([clock({ status: 'met', breached_at: at(-5) })]), NOW)).toEqual({ open: true });
    // A decision stays the merchant's turn whatever clock a reopen started since.
    expect(customerAppealOpening(history([clock({ due_at: at(120) })], true), NOW)).toEqual({ open: true });
  });
});
