// Self-service without an agent (IN-6, IN-7): the delivery address changed before dispatch (and
// refused after, changing nothing), every change audited on the order; a case's progress with
// what happens next, by when, and where the refund is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

const ADDRESS = { recipientName: '李四', phone: '13912345678', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号 3 幢 501 室' };

/** A paid order of the shop's customer that has not left the warehouse. */
async function paidOrder(shop: Shop, suffix: string): Promise<string> {
  const orderNo = `DD${shop.id}${suffix}`;
  const res = await shop.admin.put(`/api/v1/integration/orders/o-${shop.id}-${suffix}`, {
    orderNo,
    customerExternalId: `c-${shop.id}`,
    merchantExternalId: `m-${shop.id}`,
    status: 'paid',
    placedAt: '2026-11-10T09:00:00+08:00',
    totalFen: shop.priceFen,
    shippingAddress: '张三，13800138000，上海市 浦东新区 世纪大道 100 号',
    items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    payments: [{ externalId: `pay-${shop.id}-${suffix}`, method: 'alipay', amountFen: shop.priceFen, paidAt: '2026-11-10T09:00:00+08:00' }],
  });
  expect(res.status).toBe(200);
  return orderNo;
}

const ship = (shop: Shop, suffix: string, status: 'created' | 'in_transit') =>
  shop.admin.put(`/api/v1/integration/shipments/s-${shop.id}-${suffix}`, {
    orderExternalId: `o-${shop.id}-${suffix}`, carrier: 'SF', trackingNo: `SF${shop.id}${suffix}`, status,
    ...(status === 'in_transit' ? { shippedAt: '2026-11-10T11:00:00+08:00' } : {}),
  });

describe('changing the delivery address (IN-6, IN-7)', () => {
  it('works before dispatch, is audited and shown on the order; staff need a reason', async () => {
    const shop = await makeShop(t);
    const orderNo = await paidOrder(shop, 'a');
    expect((await ship(shop, 'a', 'created')).status).toBe(200); // a label printed is not a dispatch

    const changed = await shop.customer.put(`/api/v1/orders/${orderNo}/shipping-address`, ADDRESS);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ changed: true, shippingAddress: '李四，13912345678，浙江省 杭州市 西湖区 文三路 90 号 3 幢 501 室' });
    expect(changed.body.change).toMatchObject({ actorRole: 'customer', from: '张三，13800138000，上海市 浦东新区 世纪大道 100 号', reason: null });

    const noReason = await shop.agent.put(`/api/v1/orders/${orderNo}/shipping-address`, { ...ADDRESS, detail: '文三路 100 号' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.field).toBe('reason');
    t.clock.advance(60_000);
    const byAgent = await shop.agent.put(`/api/v1/orders/${orderNo}/shipping-address`, { ...ADDRESS, city: '北京市', province: '北京市', district: '朝阳区', detail: '建国路 1 号', reason: '客户来电要求改到公司地址' });
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.shippingAddress).toBe('李四，13912345678，北京市 朝阳区 建国路 1 号'); // a municipality is named once

    const detail = await shop.customer.get(`/api/v1/orders/${orderNo}`);
    expect(detail.status).toBe(200);
    expect(detail.body.shippingAddress).toBe('李四，13912345678，北京市 朝阳区 建国路 1 号');
    expect(detail.body.addressChanges).toHaveLength(2);
    expect(detail.body.addressChanges[0]).toMatchObject({ actorRole: 'customer', to: changed.body.shippingAddress, toParts: { phone: '13912345678', district: '西湖区' } });
    expect(detail.body.addressChanges[1]).toMatchObject({ actorRole: 'agent', reason: '客户来电要求改到公司地址', from: changed.body.shippingAddress });
    expect(Date.parse(detail.body.addressChanges[1].changedAt) - Date.parse(detail.body.addressChanges[0].changedAt)).toBe(60_000);

    // The same address again is no change and no audit row.
    const same = await shop.agent.put(`/api/v1/orders/${orderNo}/shipping-address`, { ...ADDRESS, city: '北京市', province: '北京市', district: '朝阳区', detail: '建国路 1 号', reason: '重复提交' });
    expect(same.body.changed).toBe(false);
    expect((await shop.merchant.get(`/api/v1/orders/${orderNo}`)).body.addressChanges).toHaveLength(2);
  });

  it('is refused with 409 after dispatch, and nothing changes', async () => {
    const shop = await makeShop(t);
    const orderNo = await paidOrder(shop, 'b');
    expect((await ship(shop, 'b', 'in_transit')).status).toBe(200);
    const refused = await shop.customer.put(`/api/v1/orders/${orderNo}/shipping-address`, ADDRESS);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.type).toBe('/problems/order-already-dispatched');
    expect(refused.body.messages['zh-CN']).toContain('订单已发货');
    expect(refused.body.messages['en-US']).toContain('already shipped');
    const english = await shop.customer.put(`/api/v1/orders/${orderNo}/shipping-address`, ADDRESS, { 'accept-language': 'en-US' });
    expect(english.body.detail).toContain('already shipped');
    const detail = await shop.customer.get(`/api/v1/orders/${orderNo}`);
    expect(detail.body.shippingAddress).toBe('张三，13800138000，上海市 浦东新区 世纪大道 100 号');
    expect(detail.body.addressChanges).toEqual([]);
    const { db } = t.runtime.deps.database;
    const events = await db.selectFrom('order_events').select('id').where('order_id', '=', detail.body.id).execute();
    expect(events).toEqual([]);

    // The delivered order of makeShop is refused too.
    expect((await shop.customer.put(`/api/v1/orders/${shop.orderNo}/shipping-address`, ADDRESS)).status).toBe(409);
  });

  it("answers 404 for another customer's order, 400 with the field for a bad phone, 403 for a merchant", async () => {
    const shop = await makeShop(t);
    const other = await makeShop(t);
    const orderNo = await paidOrder(shop, 'c');
    const foreign = await other.customer.put(`/api/v1/orders/${orderNo}/shipping-address`, ADDRESS);
    expect(foreign.status).toBe(404);
    expect(foreign.body.field).toBe('orderNo');
    expect((await shop.customer.put('/api/v1/orders/DD-NO-SUCH/shipping-address', ADDRESS)).status).toBe(404);

    for (const phone of ['12345678901', '1381234567', '+8613812345678', '138-1234-5678']) {
      const bad = await shop.customer.put(`/api/v1/orders/${orderNo}/shipping-address`, { ...ADDRESS, phone });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('body.phone');
      expect(bad.body.errors[0].field).toBe('body.phone');
    }
    const missing = await shop.customer.put(`/api/v1/orders/${orderNo}/shipping-address`, { ...ADDRESS, district: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('body.district');
    expect((await shop.merchant.put(`/api/v1/orders/${orderNo}/shipping-address`, ADDRESS)).status).toBe(403);
    expect((await shop.customer.get(`/api/v1/orders/${orderNo}`)).body.addressChanges).toEqual([]);
  });
});

describe('case progress (IN-6, EX-2)', () => {
  it('shows the stage, what happens next and by when, and the refund once it was executed', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '尺码偏小，想退货',
    });
    expect(created.status).toBe(201);
    const caseNo: string = created.body.caseNo;
    const progress = () => shop.customer.get(`/api/v1/cases/${caseNo}/progress`);

    const first = await progress();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ caseNo, state: 'submitted', progressStage: 'review', next: { party: 'platform' }, refunds: [] });
    expect(first.body.stages.map((s: { status: string }) => s.status)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);

    expect((await shop.agent.action(caseNo, 'acknowledge', { message: '您好，已收到您的申请' })).status).toBe(200);
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    const awaiting = await progress();
    expect(awaiting.body).toMatchObject({ state: 'awaiting_return', progressStage: 'return_shipment', next: { party: 'customer' } });
    expect(awaiting.body.next.text['zh-CN']).toContain('寄回');
    const shipBy = awaiting.body.yourDeadlines.find((d: { metric: string }) => d.metric === 'customer_ship_return');
    expect(shipBy).toMatchObject({ state: 'running', autoOutcome: 'close_unshipped_return' });
    expect(Date.parse(shipBy.dueAt)).toBeGreaterThan(t.clock.now().getTime());

    t.clock.advance(3_600_000);
    expect((await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF1234567890', shippingFeeFen: 1200 })).status).toBe(200);
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: true, reason: '商品完好，吊牌齐全' })).body.state).toBe('executing');

    const executing = await progress();
    expect(executing.body.progressStage).toBe('refund_or_replacement');
    expect(executing.body.yourDeadlines).toEqual([]);
    const refundTask = executing.body.pendingTasks.find((p: { type: string }) => p.type === 'refund');
    expect(refundTask.dueAt).toBeTruthy();
    expect(executing.body.refunds).toEqual([
      expect.objectContaining({ status: 'pending', amountFen: shop.priceFen, completedAt: null, expectedBy: refundTask.dueAt }),
    ]);

    const detail = await shop.finance.get(`/api/v1/cases/${caseNo}`);
    const task = detail.body.tasks.find((x: { type: string }) => x.type === 'refund');
    t.clock.advance(3_600_000);
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).body.state).toBe('resolved');

    const refunded = await progress();
    expect(refunded.body.state).toBe('resolved');
    expect(refunded.body.refunds).toHaveLength(1);
    const refund = refunded.body.refunds[0];
    expect(refund).toMatchObject({ status: 'succeeded', amountFen: shop.priceFen, currency: 'CNY', requestedAt: t.clock.now().toISOString(), completedAt: t.clock.now().toISOString() });
    expect(refund.providerRef).toBeTruthy();
    expect(refund.expectedArrival['zh-CN']).toContain('原路退回支付宝');
    expect(refund.expectedArrival['zh-CN']).toContain('1 个工作日');
    // Refunded on Tuesday 10 Nov 2026 around noon: one working day later is Wednesday's close of business.
    expect(refund.expectedBy).toBe(new Date('2026-11-11T18:00:00+08:00').toISOString());
    expect(refunded.body.pendingTasks.find((p: { type: string }) => p.type === 'refund')).toBeUndefined();

    // The case's merchant and staff may look; another customer and anonymous callers may not.
    expect((await shop.merchant.get(`/api/v1/cases/${caseNo}/progress`)).status).toBe(200);
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}/progress`)).body.refunds).toHaveLength(1);
    const other = await makeShop(t);
    expect((await other.customer.get(`/api/v1/cases/${caseNo}/progress`)).status).toBe(404);
    expect((await other.merchant.get(`/api/v1/cases/${caseNo}/progress`)).status).toBe(404);
    expect((await shop.anonymous.get(`/api/v1/cases/${caseNo}/progress`)).status).toBe(401);
  });

  it('shows a refund in doubt once, as being paid, and return postage as a transfer, never 原路退回 (EX-2)', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没有声音',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseNo: string = created.body.caseNo;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    expect((await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}P1`, shippingFeeFen: 1200 })).status).toBe(200);
    await shop.merchant.action(caseNo, 'receive_return', {});
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: true })).body.state).toBe('executing');
    type Refund = { id: string | null; kind: string; status: string; amountFen: number; expectedArrival: Record<string, string> };
    const refunds = async () => (await shop.customer.get(`/api/v1/cases/${caseNo}/progress`)).body.refunds as Refund[];

    const planned = await refunds();
    expect(planned.map((r) => [r.kind, r.amountFen, r.status])).toEqual([['refund', shop.priceFen, 'pending'], ['shipping_reimbursement', 1200, 'pending']]);
    expect(planned[0]!.expectedArrival['zh-CN']).toContain('原路退回');
    // The customer paid the carrier: the postage comes back as a transfer, not along the order's payment.
    expect(planned[1]!.expectedArrival['zh-CN']).not.toContain('原路');
    expect(planned[1]!.expectedArrival['zh-CN']).toContain('转账');

    // The refund's answer is lost: it is being paid, shown once, and not as a failure.
    const tasks = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks as { id: string; type: string }[];
    t.payments.loseAnswers(1);
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: tasks.find((x) => x.type === 'refund')!.id })).status).toBe(502);
    const inDoubt = (await refunds()).filter((r) => r.kind === 'refund');
    expect(inDoubt).toHaveLength(1);
    expect(inDoubt[0]).toMatchObject({ status: 'pending', amountFen: shop.priceFen, id: expect.any(String) });
    expect(inDoubt[0]!.expectedArrival['zh-CN']).toContain('处理中');
    expect(inDoubt[0]!.expectedArrival['zh-CN']).not.toContain('未成功');

    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: tasks.find((x) => x.type === 'shipping_reimbursement')!.id })).status).toBe(200);
    const postage = (await refunds()).find((r) => r.kind === 'shipping_reimbursement' && r.status === 'succeeded')!;
    expect(postage.expectedArrival['zh-CN']).not.toContain('原路');
    expect(postage.expectedArrival['en-US']).toContain('transfer');
  });

  it('shows only the steps a case goes through: none ticked that never happened (EX-2)', async () => {
    const shop = await makeShop(t);
    const steps = async (caseNo: string) =>
      ((await shop.customer.get(`/api/v1/cases/${caseNo}/progress`)).body.stages as { stage: string; status: string }[]).map((s) => `${s.stage}:${s.status}`);

    // Refused by the merchant: the review, then where it stopped; and how to contest it.
    const refused = (await shop.customer.post('/api/v1/cases', { kind: 'return_refund', reason: 'no_reason', description: '尺寸不合适想退', items: [{ orderItemId: shop.orderItemId, quantity: 1 }] })).body.caseNo as string;
    expect((await shop.merchant.action(refused, 'reject_ineligible', { reason: '商品已拆封，影响二次销售' })).status).toBe(200);
    expect(await steps(refused)).toEqual(['review:done', 'done:stopped']);
    const answer = (await shop.customer.get(`/api/v1/cases/${refused}/progress`)).body;
    expect(answer.stages.at(-1).label['zh-CN']).toBe('已驳回');
    expect(answer.next.text['zh-CN']).toContain('申请平台介入');
    // The case page gives the same steps.
    expect((await shop.customer.get(`/api/v1/cases/${refused}`)).body.progressSteps).toEqual([{ stage: 'review', status: 'done' }, { stage: 'done', status: 'stopped' }]);

    // Nothing comes back on goods wrecked in transit: no return or inspection step.
    const other = await makeShop(t);
    const filed = await other.customer.post('/api/v1/cases', { kind: 'refund_only', reason: 'logistics', description: '快递外箱压扁，杯子全碎了', items: [{ orderItemId: other.orderItemId, quantity: 1 }] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const pp = filed.body.caseNo as string;
    const ppSteps = ((await other.customer.get(`/api/v1/cases/${pp}/progress`)).body.stages as { stage: string; status: string }[]).map((s) => `${s.stage}:${s.status}`);
    expect(ppSteps).toEqual(['review:current', 'refund_or_replacement:upcoming', 'done:upcoming']);
  });
});
