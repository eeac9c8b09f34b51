// The holder of a case hears of the moves others make on it (ORG-3, SLA-9, SLA-10): the customer
// rejecting or accepting a plan, writing, shipping the return; the notice says by when the holder
// must act when the move started one of its clocks. Its own moves are no news to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../src/shared/time.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, type Client, makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

type Notice = { type: string; caseNo: string; title: Record<string, string>; body: Record<string, string> };
/** The notices of others' moves on the case (routing's own notices aside). */
const noticesOf = async (who: Client, caseNo: string) =>
  ((await who.get('/api/v1/notifications?limit=200')).body.items as Notice[]).filter((n) => n.caseNo === caseNo && n.type.startsWith('customer_'));
const freshShop = (platformOperated = false) => makeShop(t, { platformOperated, signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
const complaint = async (shop: Shop) =>
  (await shop.customer.post('/api/v1/cases', {
    kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没有声音',
  })).body.caseNo as string;
const plan = (refundFen: number) => ({
  planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen, keepItem: true }, basis: '商品存在轻微质量问题，客户可保留商品',
});

describe("the merchant holding a case hears of the customer's moves", () => {
  it('a rejected plan, with the hour its re-investigation clock gives it; an accepted plan; a message', async () => {
    const shop = await freshShop();
    const caseNo = await complaint(shop);
    expect((await shop.merchant.action(caseNo, 'start_investigation', {})).status).toBe(200);
    expect((await shop.merchant.action(caseNo, 'propose_plan', plan(3000))).body.state).toBe('plan_proposed');
    expect(await noticesOf(shop.merchant, caseNo)).toEqual([]);

    const rejectedAt = t.clock.now().getTime();
    expect((await shop.customer.action(caseNo, 'reject_plan', { reason: '补偿太少' })).body.state).toBe('investigating');
    const [rejected] = (await noticesOf(shop.merchant, caseNo)).filter((n) => n.type === 'customer_rejected_plan');
    expect(rejected?.body['zh-CN']).toContain('补偿太少');
    const due = formatLocalDateTime(new Date(rejectedAt + HOUR));
    expect(rejected?.body['zh-CN']).toContain(`请在 ${due} 前完成「方案被拒后重新核查」`);
    expect(rejected?.body['en-US']).toContain(`Due by ${due}`);
    // The merchant holds the case: the platform's handlers are not told.
    expect(await noticesOf(shop.agent, caseNo)).toEqual([]);

    await shop.merchant.action(caseNo, 'propose_plan', plan(5000));
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).status).toBe(200);
    expect((await noticesOf(shop.merchant, caseNo)).map((n) => n.type)).toContain('customer_accepted_plan');

    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '退款什么时候到账？' })).status).toBe(201);
    expect((await shop.merchant.post(`/api/v1/cases/${caseNo}/messages`, { body: '今天内退回' })).status).toBe(201);
    // One notice per move, and none for the merchant's own answer.
    expect((await noticesOf(shop.merchant, caseNo)).map((n) => n.type).sort()).toEqual(['customer_accepted_plan', 'customer_message', 'customer_rejected_plan']);
  });

  it('the return shipped, with its tracking number', async () => {
    const shop = await freshShop();
    const caseNo = (await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '尺码不合适',
    })).body.caseNo as string;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}HN`, shippingFeeFen: 0 });
    const shipped = (await noticesOf(shop.merchant, caseNo)).find((n) => n.type === 'customer_shipped_return');
    expect(shipped?.body['zh-CN']).toContain(`顺丰 SF${shop.id}HN`);
  });
});

describe('the platform holding a case hears of them too', () => {
  it("the queue's handlers are told of a rejected plan, with the time they have", async () => {
    const shop = await freshShop(true);
    const caseNo = await complaint(shop);
    await shop.agent.action(caseNo, 'start_investigation', {});
    await shop.agent.action(caseNo, 'propose_plan', plan(3000));
    await shop.customer.action(caseNo, 'reject_plan', { reason: '希望全额退款' });
    const [told] = (await noticesOf(shop.agent, caseNo)).filter((n) => n.type === 'customer_rejected_plan');
    expect(told?.body['zh-CN']).toContain('前完成「方案被拒后重新核查」');
    expect(await noticesOf(shop.merchant, caseNo)).toEqual([]);
  });
});

describe('the merchant hears of the goods it handles, also on a case the platform decides (ORG-3)', () => {
  const goodsNotices = async (who: Client, caseNo: string) =>
    ((await who.get('/api/v1/notifications?limit=200')).body.items as Notice[])
      .filter((n) => n.caseNo === caseNo && ['customer_shipped_return', 'return_delivered', 'inspection_passed_automatically'].includes(n.type));
  const fileReturn = async (shop: Shop) =>
    (await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '尺码不合适',
    })).body.caseNo as string;
  const deliver = (shop: Shop, caseNo: string, tracking: string) => shop.admin.put(`/api/v1/integration/shipments/sf-${tracking}`, {
    orderExternalId: `o-${shop.id}`, direction: 'return', carrier: '顺丰', trackingNo: tracking, status: 'in_transit',
  }).then(() => shop.admin.post('/api/v1/integration/shipment-events', {
    events: [{ shipmentExternalId: `sf-${tracking}`, externalId: `d-${caseNo}`, occurredAt: t.clock.now().toISOString(), status: 'delivered' }],
  }));
  /** The merchant's inspection clock runs out and the system passes the goods. */
  async function lapseInspection(shop: Shop, caseNo: string) {
    const clock = ((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.deadlines as { metric: string; state: string; dueAt: string }[])
      .find((d) => d.metric === 'merchant_inspection' && d.state === 'running');
    t.clock.advance(new Date(clock!.dueAt).getTime() - t.clock.now().getTime() + 1_000);
    await runTimers(t);
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.state).toBe('resolved');
  }

  it('the return shipped and delivered, and the goods passed for it when its inspection clock ran out', async () => {
    const shop = await freshShop();
    const caseNo = await fileReturn(shop);
    expect((await shop.merchant.action(caseNo, 'reject_ineligible', { reason: '超出退货期' })).body.state).toBe('rejected');
    expect((await shop.customer.action(caseNo, 'appeal', { reason: '在七天内，商家驳回不合理' })).status).toBe(200);
    // The platform's specialists hold the case now.
    const specialist = client(t, (await createUserWithToken(t.runtime.deps.database.db, { email: `spec-${shop.id}@test.local`, displayName: '专员', role: 'specialist' })).token);
    expect((await shop.agent.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    const tracking = `SF${shop.id}PL`;
    expect((await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: tracking, shippingFeeFen: 0 })).body.state).toBe('return_in_transit');
    const [shipped] = await goodsNotices(shop.merchant, caseNo);
    expect(shipped?.type).toBe('customer_shipped_return');
    expect(shipped?.body['zh-CN']).toContain(`顺丰 ${tracking}`);

    expect((await deliver(shop, caseNo, tracking)).status).toBe(200);
    const delivered = (await goodsNotices(shop.merchant, caseNo)).find((n) => n.type === 'return_delivered');
    // Its time to confirm receipt started with the carrier's word.
    expect(delivered?.body['zh-CN']).toMatch(/请在 .+ 前完成「商家确认收货」/);
    // Delivery is the merchant's to act on, not the platform holder's.
    expect((await goodsNotices(specialist, caseNo)).map((n) => n.type)).toEqual(['customer_shipped_return']);

    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    await lapseInspection(shop, caseNo);
    const passed = (await goodsNotices(shop.merchant, caseNo)).find((n) => n.type === 'inspection_passed_automatically');
    expect(passed?.body['zh-CN']).toContain('系统已视为验货通过');
    // The platform holder tells the result: it hears too.
    expect((await goodsNotices(specialist, caseNo)).map((n) => n.type)).toContain('inspection_passed_automatically');
  });

  it('the goods passed for it on a case it holds', async () => {
    const shop = await freshShop();
    const caseNo = await fileReturn(shop);
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}MH`, shippingFeeFen: 0 });
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    await lapseInspection(shop, caseNo);
    expect((await goodsNotices(shop.merchant, caseNo)).map((n) => n.type).sort()).toEqual(['customer_shipped_return', 'inspection_passed_automatically']);
    expect(await goodsNotices(shop.agent, caseNo)).toEqual([]);
  });
});
