// Money in proportion to the goods: a case shows what its own units cost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 86_400_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

const shopDelivered = (daysAgo: number, options: Parameters<typeof makeShop>[1] = {}) =>
  makeShop(t, { signedAt: new Date(t.clock.now().getTime() - daysAgo * DAY).toISOString(), ...options });

async function fileFor(shop: Shop, quantity: number, fields: Record<string, unknown>): Promise<string> {
  const created = await shop.customer.post('/api/v1/cases', { items: [{ orderItemId: shop.orderItemId, quantity }], ...fields });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.caseNo as string;
}

describe('a case with part of a line (IN-3)', () => {
  it('shows what the units it claims cost, and the whole order line beside it', async () => {
    const shop = await shopDelivered(1, { priceFen: 99_900, quantity: 2 });
    const caseNo = await fileFor(shop, 1, { kind: 'return_refund', reason: 'no_reason', description: '退一副耳机' });
    for (const viewer of [shop.customer, shop.agent]) {
      const items = (await viewer.get(`/api/v1/cases/${caseNo}`)).body.items;
      expect(items).toEqual([expect.objectContaining({ quantity: 1, paidFen: 99_900, orderLine: { quantity: 2, paidFen: 199_800 } })]);
    }
  });
});
