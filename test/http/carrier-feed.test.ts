// EX-5, EX-6: the carrier feed reaches a case's parcels by the feed's own ids, and a parcel lost
// or in trouble is told to those who must act and to the customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
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
});
