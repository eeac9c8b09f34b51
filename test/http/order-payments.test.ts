// An order's payment records (VER-3: the payment flow is internal evidence): the shop system sends
// them with the order, and the order shows them (method, amount, time, reference) to the buyer,
// the platform's staff, and a department asked about a case of that order while it is asked; card
// numbers in them are masked (RISK-2). A merchant does not see the buyer's payment references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

type Payment = { method: string; amountFen: number; paidAt: string; reference: string | null };

/** The shop's order, paid twice: once by Alipay, once more by bank card (the double charge to check). */
async function chargedTwice(shop: Shop) {
  const order = (await shop.admin.get(`/api/v1/orders/${shop.orderNo}`)).body;
  const res = await shop.admin.put(`/api/v1/integration/orders/o-${shop.id}`, {
    orderNo: shop.orderNo,
    customerExternalId: `c-${shop.id}`,
    merchantExternalId: `m-${shop.id}`,
    status: 'paid',
    placedAt: order.placedAt,
    totalFen: shop.priceFen,
    items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    payments: [
      { externalId: `pay-${shop.id}`, method: 'alipay', amountFen: shop.priceFen, paidAt: order.placedAt, providerRef: '2026110522001412345678901234' },
      { externalId: `pay2-${shop.id}`, method: '银行卡 6222 0212 3456 7890', amountFen: shop.priceFen, paidAt: '2026-11-05T15:00:05+08:00', providerRef: 'UP20261105150005' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const paymentsSeenBy = async (who: ReturnType<typeof client>, orderNo: string) => {
  const res = await who.get(`/api/v1/orders/${orderNo}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.payments as Payment[] | undefined;
};

describe("an order's payments", () => {
  it('are shown to finance and staff, masked, and to the buyer; not to the merchant', async () => {
    const shop = await makeShop(t);
    await chargedTwice(shop);
    const byFinance = await paymentsSeenBy(shop.finance, shop.orderNo);
    expect(byFinance).toHaveLength(2);
    expect(byFinance![0]).toEqual({
      id: expect.any(String), method: 'alipay', amountFen: shop.priceFen, paidAt: expect.any(String), reference: '2026110522001412345678901234',
    });
    expect(byFinance![1]).toMatchObject({ amountFen: shop.priceFen, paidAt: '2026-11-05T07:00:05.000Z', reference: 'UP20261105150005' });
    // The card number is masked for everyone, the buyer included (RISK-2).
    for (const who of [shop.finance, shop.agent, shop.supervisor, shop.compliance, shop.customer]) {
      const method = (await paymentsSeenBy(who, shop.orderNo))![1]!.method;
      expect(method).not.toContain('6222 0212 3456 7890');
      expect(method).toMatch(/^银行卡 .*7890$/);
    }
    expect((await paymentsSeenBy(shop.customer, shop.orderNo))!.map((p) => p.amountFen)).toEqual([shop.priceFen, shop.priceFen]);
    expect(await paymentsSeenBy(shop.merchant, shop.orderNo)).toBeUndefined();
    // Another buyer's order answers as missing.
    const other = await makeShop(t);
    expect((await other.customer.get(`/api/v1/orders/${shop.orderNo}`)).status).toBe(404);
  });

  it('are read by the finance department while asked about a case of the order, and not before or after', async () => {
    const shop = await makeShop(t);
    await chargedTwice(shop);
    const { db } = t.runtime.deps.database;
    const dept = (department: string) =>
      createUserWithToken(db, { email: `dept-${department}-${shop.id}@test.local`, displayName: `${department} 同事`, role: 'department', department })
        .then((u) => client(t, u.token));
    const finance = await dept('finance');
    const logistics = await dept('logistics');
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '同一订单被扣款两次，请帮我退回多扣的钱' });
    expect((await finance.get(`/api/v1/orders/${shop.orderNo}`)).status).toBe(404);

    const asked = await shop.agent.post(`/api/v1/cases/${caseNo}/collaborations`, { department: 'finance', question: '同一订单被扣款两次，请核实支付流水' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const payments = await paymentsSeenBy(finance, shop.orderNo);
    expect(payments!.map((p) => [p.amountFen, p.reference])).toEqual([[shop.priceFen, '2026110522001412345678901234'], [shop.priceFen, 'UP20261105150005']]);
    expect(payments![1]!.method).not.toContain('3456');
    // Another department is not asked; and departments still list no orders.
    expect((await logistics.get(`/api/v1/orders/${shop.orderNo}`)).status).toBe(404);
    expect((await finance.get('/api/v1/orders')).status).toBe(403);

    const answered = await finance.post(`/api/v1/collaborations/${asked.body.id}/answer`, { answer: '核实为重复扣款，第二笔 UP20261105150005 将原路退回' });
    expect(answered.status).toBe(200);
    expect((await finance.get(`/api/v1/orders/${shop.orderNo}`)).status).toBe(404);
  });
});
