import { describe, expect, it } from 'vitest';
import { LocalPaymentProvider } from './payment.provider.ts';

const request = (refundId: string, amountFen = 1000) => ({ refundId, orderNo: 'O1', amountFen, currency: 'CNY', reason: 'quality_defect' });

describe('LocalPaymentProvider', () => {
  it('gives each refund its own reference, the same after a restart, and answers a repeat from its ledger', async () => {
    const first = new LocalPaymentProvider();
    const a = await first.refund(request('0b7c6d2e-1111-4a1a-9c1c-000000000001'));
    const b = await first.refund(request('5f1e9a30-2222-4b2b-8d2d-000000000002'));
    expect(a.providerRef).not.toBe(b.providerRef);
    expect(await first.refund(request('0b7c6d2e-1111-4a1a-9c1c-000000000001'))).toEqual(a);
    expect(first.executedCount).toBe(2);
    // A process started again numbers nothing afresh: a new refund never reuses an earlier reference.
    const restarted = new LocalPaymentProvider();
    const c = await restarted.refund(request('9a9a9a9a-3333-4c3c-8e3e-000000000003'));
    expect([a.providerRef, b.providerRef]).not.toContain(c.providerRef);
    expect((await restarted.refund(request('0b7c6d2e-1111-4a1a-9c1c-000000000001'))).providerRef).toBe(a.providerRef);
  });

  it('refuses a refund of nothing', async () => {
    expect(await new LocalPaymentProvider().refund(request('x', 0))).toEqual({ status: 'failed', providerRef: null, failureReason: 'amount must be positive' });
  });
});
