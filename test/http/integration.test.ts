// Shop-system integration: idempotent upserts by external id, carrier events stored once and
// moving the order to delivered, and the read side scoped to the caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

describe('integration upserts', () => {
  it('creates once and updates in place when the same record arrives again', async () => {
    const shop = await makeShop(t);
    const order = {
      orderNo: `DD-X-${shop.id}`,
      customerExternalId: `c-${shop.id}`,
      merchantExternalId: `m-${shop.id}`,
      status: 'paid',
      placedAt: '2026-11-09T08:00:00+08:00',
      totalFen: 59_800,
      items: [{ externalId: 'a', productExternalId: `p-${shop.id}`, quantity: 2, unitPriceFen: 29_900, paidFen: 59_800 }],
    };
    const first = await shop.admin.put(`/api/v1/integration/orders/x-${shop.id}`, order);
    const second = await shop.admin.put(`/api/v1/integration/orders/x-${shop.id}`, { ...order, status: 'shipped' });
    expect(first.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const detail = await shop.admin.get(`/api/v1/orders/DD-X-${shop.id}`);
    expect(detail.body.status).toBe('shipped');
    expect(detail.body.items).toHaveLength(1);
    expect(detail.body.items[0]).toMatchObject({ quantity: 2, paidFen: 59_800 });
  });

  it('stores each carrier event once and marks the order delivered', async () => {
    const shop = await makeShop(t);
    await shop.admin.put(`/api/v1/integration/shipments/s2-${shop.id}`, {
      orderExternalId: `o-${shop.id}`,
      carrier: '中通',
      trackingNo: `ZT${shop.id}`,
      status: 'in_transit',
      shippedAt: '2026-11-08T10:00:00+08:00',
    });
    const events = {
      events: [
        { shipmentExternalId: `s2-${shop.id}`, externalId: 'e1', occurredAt: '2026-11-08T18:00:00+08:00', status: 'in_transit', location: '杭州转运中心' },
        { shipmentExternalId: `s2-${shop.id}`, externalId: 'e2', occurredAt: '2026-11-09T14:00:00+08:00', status: 'delivered', location: '上海浦东' },
      ],
    };
    const a = await shop.admin.post('/api/v1/integration/shipment-events', events);
    const b = await shop.admin.post('/api/v1/integration/shipment-events', events);
    expect(a.status).toBe(200);
    expect(b.body.ids).toEqual(a.body.ids);
    const rows = await t.runtime.deps.database.db.selectFrom('shipment_events').select('id').where('id', 'in', a.body.ids).execute();
    expect(rows).toHaveLength(2);
    const order = await shop.customer.get(`/api/v1/orders/${shop.orderNo}`);
    expect(order.body.status).toBe('delivered');
    const shipment = order.body.shipments.find((s: { trackingNo: string }) => s.trackingNo === `ZT${shop.id}`);
    expect(shipment).toMatchObject({ status: 'delivered', deliveredAt: '2026-11-09T06:00:00.000Z' });
  });

  it('never moves a delivery backwards when an older snapshot or event arrives again', async () => {
    const shop = await makeShop(t);
    const snapshot = { orderExternalId: `o-${shop.id}`, carrier: '圆通', trackingNo: `YT${shop.id}`, status: 'in_transit', shippedAt: '2026-11-07T10:00:00+08:00' };
    await shop.admin.put(`/api/v1/integration/shipments/s3-${shop.id}`, snapshot);
    await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [{ shipmentExternalId: `s3-${shop.id}`, externalId: 'd', occurredAt: '2026-11-08T15:00:00+08:00', status: 'delivered' }],
    });
    // The same feed replayed, and a late in-transit scan.
    await shop.admin.put(`/api/v1/integration/shipments/s3-${shop.id}`, snapshot);
    await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [{ shipmentExternalId: `s3-${shop.id}`, externalId: 'late', occurredAt: '2026-11-08T09:00:00+08:00', status: 'in_transit' }],
    });
    const order = await shop.customer.get(`/api/v1/orders/${shop.orderNo}`);
    expect(order.body.status).toBe('delivered');
    expect(order.body.shipments.find((x: { trackingNo: string }) => x.trackingNo === `YT${shop.id}`)).toMatchObject({
      status: 'delivered',
      deliveredAt: '2026-11-08T07:00:00.000Z',
    });
  });

  it('a parcel the carrier reports lost can be reshipped or refunded without waiting for a sign-off (EX-6)', async () => {
    const shop = await makeShop(t);
    const order = (await shop.admin.put(`/api/v1/integration/orders/o-lost-${shop.id}`, {
      orderNo: `LOST${shop.id}`, customerExternalId: `c-${shop.id}`, merchantExternalId: `m-${shop.id}`, status: 'shipped',
      placedAt: '2026-11-05T10:00:00+08:00', totalFen: shop.priceFen,
      items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    }));
    expect(order.status).toBe(200);
    await shop.admin.put(`/api/v1/integration/shipments/s-lost-${shop.id}`, {
      orderExternalId: `o-lost-${shop.id}`, carrier: '中通', trackingNo: `ZTL${shop.id}`, status: 'in_transit', shippedAt: '2026-11-05T18:00:00+08:00',
    });
    const [item] = await t.runtime.deps.database.db.selectFrom('order_items').select('id').where('order_id', '=', order.body.id).execute();
    const preview = (kind: string) => shop.customer.post('/api/v1/eligibility', { kind, reason: 'logistics', orderItemIds: [item!.id] });
    expect((await preview('reship')).body.eligible).toBe(false); // still moving: wait for it
    await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [{ shipmentExternalId: `s-lost-${shop.id}`, externalId: 'lost', occurredAt: '2026-11-08T09:00:00+08:00', status: 'lost', description: '包裹遗失' }],
    });
    const reship = await preview('reship');
    expect(reship.body).toMatchObject({ eligible: true, items: [expect.objectContaining({ path: 'reship' })] });
    expect(reship.body.items[0].reasons[0].code).toBe('parcel_lost');
    expect((await preview('refund_only')).body).toMatchObject({ eligible: true, items: [expect.objectContaining({ path: 'not_received_refund' })] });
  });

  it('refuses unknown references with the field named, and non-admin callers', async () => {
    const shop = await makeShop(t);
    const res = await shop.admin.put(`/api/v1/integration/products/p2-${shop.id}`, { merchantExternalId: 'nobody', name: '台灯', category: 'home', priceFen: 9900 });
    expect(res.status).toBe(404);
    expect(res.body.field).toBe('merchantExternalId');
    expect((await shop.agent.put(`/api/v1/integration/products/p2-${shop.id}`, { merchantExternalId: `m-${shop.id}`, name: '台灯', category: 'home', priceFen: 9900 })).status).toBe(403);
  });

  it('refuses amounts and times that do not add up, and writes nothing', async () => {
    const shop = await makeShop(t);
    const order = (extra: Record<string, unknown>) => ({
      orderNo: `DDX${shop.id}`, customerExternalId: `c-${shop.id}`, merchantExternalId: `m-${shop.id}`, status: 'paid',
      placedAt: '2026-11-01T10:00:00+08:00', totalFen: 10_000,
      items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: 10_000, paidFen: 10_000 }], ...extra,
    });
    for (const placedAt of [0, true, '2026-11-01']) {
      const res = await shop.admin.put(`/api/v1/integration/orders/ox-${shop.id}`, order({ placedAt }));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body.placedAt');
    }
    const overpaid = await shop.admin.put(`/api/v1/integration/orders/ox-${shop.id}`, order({ items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: 50_000, paidFen: 50_000 }] }));
    expect(overpaid.status).toBe(422);
    expect(overpaid.body.field).toBe('items');
    const { db } = t.runtime.deps.database;
    expect(await db.selectFrom('orders').select('id').where('external_id', '=', `ox-${shop.id}`).execute()).toEqual([]);
    const early = await shop.admin.put(`/api/v1/integration/shipments/sx-${shop.id}`, {
      orderExternalId: `o-${shop.id}`, carrier: 'SF', trackingNo: `SFX${shop.id}`, status: 'delivered',
      shippedAt: '2026-11-05T10:00:00+08:00', deliveredAt: '2026-11-04T10:00:00+08:00',
    });
    expect(early.status).toBe(422);
    expect(early.body.field).toBe('deliveredAt');
  });

  it('shows customers and merchants only their own orders', async () => {
    const shop = await makeShop(t);
    const other = await makeShop(t);
    const mine = await shop.customer.get('/api/v1/orders');
    expect(mine.body.items.map((o: { orderNo: string }) => o.orderNo)).toEqual([shop.orderNo]);
    expect((await other.customer.get(`/api/v1/orders/${shop.orderNo}`)).status).toBe(404);
    expect((await other.merchant.get(`/api/v1/orders/${shop.orderNo}`)).status).toBe(404);
    expect((await shop.merchant.get(`/api/v1/orders/${shop.orderNo}`)).status).toBe(200);
  });

  it('lists each order with its shop and goods, and finds orders by number or product name', async () => {
    const shop = await makeShop(t);
    const mine = await shop.customer.get('/api/v1/orders');
    expect(mine.body.items[0]).toMatchObject({ orderNo: shop.orderNo, merchantName: `测试商家${shop.id}`, productNames: ['无线蓝牙耳机'] });
    const found = async (q: string) => ((await shop.customer.get(`/api/v1/orders?q=${encodeURIComponent(q)}`)).body.items as { orderNo: string }[]).map((o) => o.orderNo);
    expect(await found('蓝牙')).toEqual([shop.orderNo]);
    expect(await found(shop.orderNo.slice(2))).toEqual([shop.orderNo]);
    expect(await found('洗衣机')).toEqual([]);
    // Typed wildcards match themselves only.
    expect(await found('%')).toEqual([]);
    // Another customer's orders stay out of a search too.
    expect(((await (await makeShop(t)).customer.get('/api/v1/orders?q=蓝牙')).body.items as { orderNo: string }[]).map((o) => o.orderNo)).not.toContain(shop.orderNo);
  });
});

describe('health', () => {
  it('reports the process up and the database ready with migrations current', async () => {
    const shop = await makeShop(t);
    expect((await shop.anonymous.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await shop.anonymous.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    const openapi = await shop.anonymous.get('/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toContain('/api/v1/cases/{caseNo}/actions/approve_request');
  });
});
