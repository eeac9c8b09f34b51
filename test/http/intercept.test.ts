// EX-6, VER-1: a refund for goods never received, while the order's parcel is still on its way,
// first stops the parcel; the money follows once the carrier has it back (or lost it), never
// while the buyer could still sign for the goods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase, makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

type Task = { id: string; type: string; status: string; dueAt: string | null; ownerRole: string };

/** A shop whose second order is still with the carrier, and a refund-only case for it approved by the merchant. */
async function refundForParcelOnItsWay() {
  return refundForParcelOnItsWayWith(async (shop, caseNo) => {
    const approved = await shop.merchant.action(caseNo, 'approve_request', {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  });
}

/** The same case, settled by `settle` (the merchant grants it, or agrees another plan). */
async function refundForParcelOnItsWayWith(settle: (shop: Awaited<ReturnType<typeof makeShop>>, caseNo: string) => Promise<void>) {
  const shop = await makeShop(t);
  const order = await shop.admin.put(`/api/v1/integration/orders/o-way-${shop.id}`, {
    orderNo: `WAY${shop.id}`, customerExternalId: `c-${shop.id}`, merchantExternalId: `m-${shop.id}`, status: 'shipped',
    placedAt: '2026-11-05T10:00:00+08:00', totalFen: shop.priceFen,
    items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    payments: [{ externalId: `pay-way-${shop.id}`, method: 'alipay', amountFen: shop.priceFen, paidAt: '2026-11-05T10:00:00+08:00' }],
  });
  expect(order.status).toBe(200);
  await shop.admin.put(`/api/v1/integration/shipments/s-way-${shop.id}`, {
    orderExternalId: `o-way-${shop.id}`, carrier: '中通', trackingNo: `ZTW${shop.id}`, status: 'in_transit', shippedAt: '2026-11-05T18:00:00+08:00',
  });
  const [item] = await t.runtime.deps.database.db.selectFrom('order_items').select('id').where('order_id', '=', order.body.id).execute();
  const caseNo = await fileCase(shop, { kind: 'refund_only', reason: 'logistics', description: '快递十天了还没到，不想要了', items: [{ orderItemId: item!.id, quantity: 1 }] });
  await settle(shop, caseNo);
  const detail = async () => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
  const task = async (type: string) => ((await detail()).tasks as Task[]).find((x) => x.type === type)!;
  const feed = (externalId: string, status: string) =>
    shop.admin.post('/api/v1/integration/shipment-events', { events: [{ shipmentExternalId: `s-way-${shop.id}`, externalId, occurredAt: t.clock.now().toISOString(), status }] });
  return { shop, caseNo, detail, task, feed };
}

describe('a refund for a parcel still on its way', () => {
  it('waits until the carrier has the parcel back, then falls due and is paid', async () => {
    const { shop, caseNo, detail, task, feed } = await refundForParcelOnItsWay();
    expect((await detail()).state).toBe('executing');
    const intercept = await task('intercept_parcel');
    expect(intercept).toMatchObject({ status: 'open', ownerRole: 'merchant' });
    expect(new Date(intercept.dueAt!).getTime() - t.clock.now().getTime()).toBe(24 * 3_600_000);
    expect(await task('refund')).toMatchObject({ status: 'open', dueAt: null });
    // The buyer is told to refuse the parcel, and when the money follows.
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.messages.map((m: { body: string }) => m.body).join('\n')).toContain('请拒收');

    const paidBefore = t.payments.executedCount;
    const early = await shop.finance.action(caseNo, 'complete_task', { taskId: (await task('refund')).id, proof: {} });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: expect.stringContaining('task-out-of-order'), waitingFor: 'intercept_parcel' });
    expect(t.payments.executedCount).toBe(paidBefore);

    expect((await feed('back', 'returned')).status).toBe(200);
    expect(await task('intercept_parcel')).toMatchObject({ status: 'done' });
    expect((await task('refund')).dueAt).not.toBeNull();
    const paid = await shop.finance.action(caseNo, 'complete_task', { taskId: (await task('refund')).id, proof: {} });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect((await detail()).refunds).toMatchObject([{ status: 'succeeded', amountFen: shop.priceFen }]);
  });

  it('signed for after all: the holder is told and the refund stays stopped until someone records the parcel back', async () => {
    const { shop, caseNo, detail, task, feed } = await refundForParcelOnItsWay();
    await feed('signed', 'delivered');
    const seen = await detail();
    expect(seen.timeline.at(-1)).toMatchObject({ type: 'parcel_trouble', data: { direction: 'outbound', status: 'intercept_failed' } });
    expect(await task('intercept_parcel')).toMatchObject({ status: 'open' });
    const notices = (await shop.merchant.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[];
    expect(notices.filter((n) => n.caseNo === caseNo).map((n) => n.type)).toContain('parcel_trouble');

    // The buyer refused it at the door after all: the merchant records it, with proof.
    const bare = await shop.merchant.action(caseNo, 'complete_task', { taskId: (await task('intercept_parcel')).id, proof: {} });
    expect(bare.status).toBe(422);
    const done = await shop.merchant.action(caseNo, 'complete_task', { taskId: (await task('intercept_parcel')).id, proof: { note: '客户拒收，包裹已退回仓库' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await task('refund')).dueAt).not.toBeNull();
  });

  it('needs no interception for a parcel the carrier reported lost', async () => {
    const shop = await makeShop(t);
    const order = await shop.admin.put(`/api/v1/integration/orders/o-gone-${shop.id}`, {
      orderNo: `GONE${shop.id}`, customerExternalId: `c-${shop.id}`, merchantExternalId: `m-${shop.id}`, status: 'shipped',
      placedAt: '2026-11-05T10:00:00+08:00', totalFen: shop.priceFen,
      items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    });
    await shop.admin.put(`/api/v1/integration/shipments/s-gone-${shop.id}`, {
      orderExternalId: `o-gone-${shop.id}`, carrier: '中通', trackingNo: `ZTG${shop.id}`, status: 'lost', shippedAt: '2026-11-05T18:00:00+08:00',
    });
    const [item] = await t.runtime.deps.database.db.selectFrom('order_items').select('id').where('order_id', '=', order.body.id).execute();
    const caseNo = await fileCase(shop, { kind: 'refund_only', reason: 'logistics', description: '承运商说包裹丢了', items: [{ orderItemId: item!.id, quantity: 1 }] });
    await shop.merchant.action(caseNo, 'approve_request', {});
    const tasks = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as Task[];
    expect(tasks.map((x) => x.type)).toEqual(['refund']);
    expect(tasks[0]!.dueAt).not.toBeNull();
  });

  it('stops nothing when the buyer keeps the goods and takes a small refund for the delay', async () => {
    const { shop, caseNo } = await refundForParcelOnItsWayWith(async (shop, caseNo) => {
      expect((await shop.merchant.action(caseNo, 'start_investigation', {})).status).toBe(200);
      const plan = await shop.merchant.action(caseNo, 'propose_plan', {
        planType: 'partial_refund', responsibility: 'logistics_damage', terms: { refundFen: 1_000, keepItem: true }, basis: '物流延误，补偿 10 元，商品照常送达',
      });
      expect(plan.status, JSON.stringify(plan.body)).toBe(200);
      expect((await shop.customer.action(caseNo, 'accept_plan', {})).status).toBe(200);
    });
    const tasks = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.tasks as Task[];
    expect(tasks.map((x) => x.type)).toEqual(['refund']);
    expect(tasks[0]!.dueAt).not.toBeNull();
  });
});

