// EX-5, EX-6: the carrier feed reaches a case's parcels by the feed's own ids, and a parcel lost
// or in trouble is told to those who must act and to the customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { noticeDelayedParcels } from '../../src/modules/cases/parcel.delay.ts';
import { importJsonLines } from '../../src/cli/import.ts';
import { client, fileCase, makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

describe('the carrier feed and a case’s return parcel', () => {
  it('links the feed’s shipment to the parcel the customer entered, and its events reach the case', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '中通', trackingNo: 'ZT7788990011' });

    // The feed knows the parcel by its own id; the case's shipment takes it instead of a second one appearing.
    const put = await shop.admin.put(`/api/v1/integration/shipments/zto-ZT7788990011`, {
      orderExternalId: `o-${shop.id}`, direction: 'return', carrier: '中通', trackingNo: 'zt7788990011', status: 'in_transit',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    let seen = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(seen.shipments.filter((s: { direction: string }) => s.direction === 'return')).toHaveLength(1);

    const lost = await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [{ shipmentExternalId: 'zto-ZT7788990011', externalId: 'e1', occurredAt: '2026-11-11T08:00:00+08:00', status: 'lost', description: '中转站遗失' }],
    });
    expect(lost.status).toBe(200);
    seen = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(seen.timeline.at(-1)).toMatchObject({ type: 'parcel_trouble', data: { direction: 'return', status: 'lost' } });
    expect(seen.messages.at(-1)).toMatchObject({ authorRole: 'system', visibility: 'public' });
    expect(seen.messages.at(-1).body).toContain('退货包裹丢失');
    // The merchant holds the case: it is told, and so is the logistics department.
    const told = async (who: ReturnType<typeof client>) =>
      ((await who.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[]).filter((n) => n.caseNo === caseNo).map((n) => n.type);
    expect(await told(shop.merchant)).toContain('parcel_trouble');
    const logistics = await createUserWithToken(t.runtime.deps.database.db, { email: `logi-${shop.id}@test.local`, displayName: '物流', role: 'department', department: 'logistics' });
    expect(await told(client(t, logistics.token))).toEqual(['parcel_trouble']);

    // Delivered after all: the merchant's clock to confirm receipt starts from the carrier's word.
    await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [{ shipmentExternalId: 'zto-ZT7788990011', externalId: 'e2', occurredAt: '2026-11-12T09:00:00+08:00', status: 'delivered' }],
    });
    seen = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(seen.timeline.map((e: { type: string }) => e.type)).toContain('return_delivered');
  });

  it('shows the order’s own delivery with the carrier’s reports, newest first, on the case and on the order', async () => {
    const shop = await makeShop(t);
    await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [
        { shipmentExternalId: `s-${shop.id}`, externalId: 'a', occurredAt: '2026-11-06T09:00:00+08:00', status: 'in_transit', location: '上海转运中心', description: '已发出' },
        { shipmentExternalId: `s-${shop.id}`, externalId: 'b', occurredAt: '2026-11-08T15:00:00+08:00', status: 'delivered', location: '北京朝阳', description: '已签收，签收人：驿站' },
      ],
    });
    const caseNo = await fileCase(shop, { kind: 'refund_only', reason: 'logistics', description: '快递显示签收但我没收到' });
    const seen = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(seen.shipments).toHaveLength(1);
    expect(seen.shipments[0]).toMatchObject({ direction: 'outbound', ofCase: false, trackingNo: `SF${shop.id}` });
    expect(seen.shipments[0].events.map((e: { description: string }) => e.description)).toEqual(['已签收，签收人：驿站', '已发出']);
    expect(seen.shipments[0].events[0]).toMatchObject({ status: 'delivered', location: '北京朝阳' });
    // The customer sees the same trace on their own case; another order's parcels never appear.
    await makeShop(t);
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.shipments.map((s: { trackingNo: string }) => s.trackingNo)).toEqual([`SF${shop.id}`]);
    const order = (await shop.customer.get(`/api/v1/orders/DD${shop.id}`)).body;
    expect(order.shipments[0].events).toHaveLength(2);
  });

  it('notices a parcel past the carrier’s promised delivery once per promise, and tells the case waiting on it', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '圆通', trackingNo: `YT${shop.id}` });
    const now = t.clock.now().getTime();
    const promise = new Date(now + 2 * 86_400_000);
    await shop.admin.put(`/api/v1/integration/shipments/yto-${shop.id}`, {
      orderExternalId: `o-${shop.id}`, direction: 'return', carrier: '圆通', trackingNo: `YT${shop.id}`, status: 'in_transit', estimatedDeliveryAt: promise.toISOString(),
    });
    const returnParcel = async () => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.shipments.find((s: { direction: string }) => s.direction === 'return');
    expect(await returnParcel()).toMatchObject({ estimatedDeliveryAt: promise.toISOString(), delayed: false });
    const delays = async () => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.timeline.filter((e: { type: string; data: { status: string } }) => e.type === 'parcel_trouble' && e.data.status === 'delayed');

    // Not yet late: nothing. Past the promise: noticed once, however often the sweep runs.
    expect(await noticeDelayedParcels(t.runtime.deps)).not.toContain((await returnParcel()).id);
    t.clock.advance(3 * 86_400_000);
    expect(await noticeDelayedParcels(t.runtime.deps)).toContain((await returnParcel()).id);
    expect(await noticeDelayedParcels(t.runtime.deps)).not.toContain((await returnParcel()).id);
    expect(await delays()).toHaveLength(1);
    expect(await returnParcel()).toMatchObject({ delayed: true });
    const seen = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body;
    expect(seen.messages.at(-1).body).toContain('退货包裹延误');
    expect(seen.messages.at(-1).body).toContain('仍未签收');

    // The carrier revises its promise with a report: on time again, and late again past the new one.
    const revised = new Date(t.clock.now().getTime() + 86_400_000);
    await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [{ shipmentExternalId: `yto-${shop.id}`, externalId: 'r1', occurredAt: t.clock.now().toISOString(), status: 'in_transit', description: '中转延误', estimatedDeliveryAt: revised.toISOString() }],
    });
    expect(await returnParcel()).toMatchObject({ estimatedDeliveryAt: revised.toISOString(), delayed: false });
    t.clock.advance(2 * 86_400_000);
    await noticeDelayedParcels(t.runtime.deps);
    expect(await delays()).toHaveLength(2);

    // Delivered: never late news again.
    await shop.admin.post('/api/v1/integration/shipment-events', {
      events: [{ shipmentExternalId: `yto-${shop.id}`, externalId: 'd1', occurredAt: t.clock.now().toISOString(), status: 'delivered' }],
    });
    expect(await returnParcel()).toMatchObject({ status: 'delivered', delayed: false });
  });

  it('tells an open case about its order’s own delivery being lost, also when the report comes by import', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'refund_only', reason: 'logistics', description: '快递一直没送到，显示在途' });
    const dir = await mkdtemp(join(tmpdir(), 'afterdesk-carrier-'));
    const file = join(dir, 'events.jsonl');
    await writeFile(file, `${JSON.stringify({ type: 'shipment_event', data: { shipmentExternalId: `s-${shop.id}`, externalId: 'x1', occurredAt: '2026-11-10T09:00:00+08:00', status: 'lost', description: '转运中心遗失' } })}\n`);
    const summary = await importJsonLines(t.runtime.deps, file);
    expect(summary).toMatchObject({ applied: 1, failed: 0 });
    const seen = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(seen.timeline.at(-1)).toMatchObject({ type: 'parcel_trouble', data: { direction: 'outbound', status: 'lost', description: '转运中心遗失' } });
    expect(seen.messages.at(-1).body).toContain('订单包裹丢失');
  });
});
