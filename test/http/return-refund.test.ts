// A no-reason return from request to refund and close, and the same request outside the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

const request = (shop: Shop) => ({
  kind: 'return_refund',
  reason: 'no_reason',
  items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
  description: '尺码偏小，想退货',
});

const uploadPhoto = (shop: Shop, caseNo: string) =>
  shop.merchant.upload(caseNo, { purpose: 'inspection' }, { name: 'inspection.png', bytes: PNG_1x1, type: 'image/png' });

describe('no-reason return inside the window (EX-1, POL-2, POL-6)', () => {
  it('runs from request to refund, result and close, with every step on the timeline', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const created = await shop.customer.post('/api/v1/cases', request(shop), { 'idempotency-key': `create-${shop.id}` });
    expect(created.status).toBe(201);
    const caseNo: string = created.body.caseNo;
    expect(caseNo).toMatch(/^AS20261110\d{6}$/);
    expect(created.body.eligibility.items[0]).toMatchObject({ eligible: true, path: 'no_reason_return', returnShippingPaidBy: 'customer' });
    expect(created.body.eligibility.items[0].deadline).toBe('2026-11-15T15:59:59.999Z');

    expect((await shop.agent.action(caseNo, 'acknowledge', { message: '您好，已收到您的申请' })).status).toBe(200);
    // RES-6: the buyer learns where to send the goods once the return is agreed, not before.
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.returnAddress).toBeNull();
    const approved = await shop.merchant.action(caseNo, 'approve_request', {});
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('awaiting_return');
    const address = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.returnAddress;
    expect(address).toEqual({ recipient: '售后仓', phone: '0571-88880000', address: `浙江省杭州市余杭区良睦路 ${shop.id} 号` });
    // The shop system updating the merchant without the address keeps it.
    await shop.admin.put(`/api/v1/integration/merchants/m-${shop.id}`, { name: `测试商家${shop.id}（新）` });
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.returnAddress).toEqual(address);

    t.clock.advance(3_600_000);
    const shipped = await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF1234567890', shippingFeeFen: 1200 });
    expect(shipped.body.state).toBe('return_in_transit');
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');

    const photo = await uploadPhoto(shop, caseNo);
    expect(photo.status).toBe(201);
    expect(photo.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const inspected = await shop.merchant.action(caseNo, 'inspect', { passed: true, reason: '商品完好，吊牌齐全', photoAttachmentIds: [photo.body.id] });
    expect(inspected.body.state).toBe('executing');

    const detail = await shop.finance.get(`/api/v1/cases/${caseNo}`);
    const refundTask = detail.body.tasks.find((task: { type: string }) => task.type === 'refund');
    expect(refundTask.status).toBe('open');
    // POL-6 / SLA-12: 3 working days after the goods arrived on Tuesday morning: Friday, close of business.
    expect(refundTask.dueAt).toBe(new Date('2026-11-13T18:00:00+08:00').toISOString());

    const refunded = await shop.finance.action(caseNo, 'complete_task', { taskId: refundTask.id }, { 'idempotency-key': `refund-${shop.id}` });
    expect(refunded.status).toBe(200);
    expect(refunded.body.state).toBe('resolved');
    // A retry with the same key replays; a second attempt at the same task is told it is done.
    const replay = await shop.finance.action(caseNo, 'complete_task', { taskId: refundTask.id }, { 'idempotency-key': `refund-${shop.id}` });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await shop.finance.action(caseNo, 'complete_task', { taskId: refundTask.id })).body).toMatchObject({ status: 409, taskStatus: 'done', type: '/problems/task-not-open' });
    expect(t.payments.executedCount).toBeGreaterThanOrEqual(1);

    // CL-5: cannot close before the customer is told.
    const early = await shop.agent.action(caseNo, 'close', { note: '客户电话确认' });
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.body.code).toBe('close_blocked_unnotified');

    expect((await shop.agent.action(caseNo, 'notify_result', { message: '退款 299 元已原路退回，预计 1-3 个工作日到账' })).body.state).toBe('result_notified');
    const closed = await shop.customer.action(caseNo, 'confirm_resolution', { rating: 5, comment: '处理很快' });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');

    const final = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(final.body.refunds).toHaveLength(1);
    expect(final.body.refunds[0]).toMatchObject({ amountFen: shop.priceFen, status: 'succeeded' });
    expect(final.body.refunds[0].providerRef).toBeTruthy();
    const refundLine = final.body.ledger.find((l: { entryType: string }) => l.entryType === 'refund');
    expect(refundLine).toMatchObject({ amountFen: shop.priceFen, borneBy: 'merchant', paidTo: 'customer', status: 'executed' });
    const shippingLine = final.body.ledger.find((l: { entryType: string }) => l.entryType === 'return_shipping');
    // The customer paid the carrier when the parcel left: a settled line, not money still planned.
    expect(shippingLine).toMatchObject({ amountFen: 1200, borneBy: 'customer', paidTo: 'carrier', status: 'executed' });
    // The lifecycle, without the platform's own bookkeeping (clocks, routing).
    const steps = final.body.timeline.map((e: { type: string }) => e.type).filter((type: string) => !type.startsWith('sla_') && type !== 'case_routed');
    expect(steps).toEqual([
      'case_submitted',
      'acknowledged',
      'request_approved',
      'return_shipped',
      'return_received',
      'attachment_added',
      'inspection_passed',
      'refund_executed',
      'task_completed',
      'result_notified',
      'resolution_confirmed',
    ]);
    // CL-3 before CL-6: archived only once the customer can no longer reopen it.
    expect(final.body.actions.map((a: { action: string }) => a.action)).not.toContain('archive');
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.actions.map((a: { action: string }) => a.action)).toContain('reopen');
  });
});

describe('no-reason return outside the window', () => {
  it('is refused with the reason and the deadline, and nothing is written', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-01T12:00:00+08:00' });
    const before = await t.runtime.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', shop.customerId).executeTakeFirstOrThrow();
    const res = await shop.customer.post('/api/v1/cases', request(shop));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('/problems/not-eligible');
    expect(res.body.field).toBe('items.0.orderItemId');
    expect(res.body.decisions[0].reasons.map((r: { code: string }) => r.code)).toContain('window_expired');
    expect(res.body.decisions[0].deadline).toBe('2026-11-08T15:59:59.999Z');
    expect(res.body.messages['zh-CN']).toMatch(/无法受理/);
    const after = await t.runtime.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', shop.customerId).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a late quality return on warranty goods is refused with the exchange still open named, and the exchange is accepted', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-01T12:00:00+08:00', flags: ['warranty_goods'] });
    const faulty = { ...request(shop), reason: 'quality', description: '耳机左耳没有声音' };
    const res = await shop.customer.post('/api/v1/cases', faulty);
    expect(res.status).toBe(422);
    expect(res.body.decisions[0]).toMatchObject({ path: 'quality_return', advisedKind: 'exchange' });
    expect(res.body.decisions[0].reasons.map((r: { code: string }) => r.code)).toEqual(['window_expired', 'exchange_available']);
    expect(res.body.messages['zh-CN']).toContain('2026-11-16');
    expect(res.body.messages['en-US']).toContain('exchange');
    const exchange = await shop.customer.post('/api/v1/cases', { ...faulty, kind: 'exchange' });
    expect(exchange.status).toBe(201);
  });
});

describe('a no-reason return with return-shipping insurance (运费险)', () => {
  it('puts the postage on the insurer, pays it back to the customer on the seller’s receipt, and leaves finance nothing to do', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-08T15:00:00+08:00', shippingInsurance: true });
    const created = await shop.customer.post('/api/v1/cases', request(shop));
    const caseNo: string = created.body.caseNo;
    expect(created.body.eligibility.items[0]).toMatchObject({ eligible: true, returnShippingPaidBy: 'insurer' });
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '中通', trackingNo: 'ZT1234567890', shippingFeeFen: 1000 });
    type Line = { entryType: string; amountFen: number; borneBy: string; paidTo: string; status: string };
    const insurance = async () => ((await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.ledger as Line[]).filter((l) => l.entryType === 'shipping_insurance');
    expect(await insurance()).toEqual([expect.objectContaining({ amountFen: 1000, borneBy: 'insurer', paidTo: 'customer', status: 'planned' })]);
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    expect((await insurance()).map((l) => l.status)).toEqual(['executed']);
    const tasks = (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body.tasks as { type: string }[];
    expect(tasks.map((x) => x.type)).toEqual(['refund']);
  });
});

describe('a return shipped by a customer on the phone', () => {
  it('is recorded by the agent with the tracking number the customer gave; the merchant cannot record it', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const caseNo = (await shop.customer.post('/api/v1/cases', request(shop))).body.caseNo as string;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    expect((await shop.merchant.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF9988776655' })).status).toBe(409);
    const recorded = await shop.agent.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF9988776655' });
    expect(recorded.body.state).toBe('return_in_transit');
    const seen = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body;
    expect(seen.shipments.find((x: { direction: string }) => x.direction === 'return')).toMatchObject({ trackingNo: 'SF9988776655' });
  });
});

describe('the inspection of a return (EX-1)', () => {
  it('needs no reason to pass the goods; failing them needs one, named on the field', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const caseNo = (await shop.customer.post('/api/v1/cases', request(shop))).body.caseNo as string;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF5566778899' });
    await shop.merchant.action(caseNo, 'receive_return', {});
    const photo = await uploadPhoto(shop, caseNo);
    const unexplained = await shop.merchant.action(caseNo, 'inspect', { passed: false, photoAttachmentIds: [photo.body.id] });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.field).toBe('reason');
    expect(unexplained.body.messages['zh-CN']).toBe('质检不通过时，请填写不通过的原因');
    const passed = await shop.merchant.action(caseNo, 'inspect', { passed: true });
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    expect(passed.body.state).toBe('executing');
  });
});

describe('a failed inspection overturned (EX-1, VER-5)', () => {
  it('pays the customer the return postage again once a new plan finds the seller at fault', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const created = await shop.customer.post('/api/v1/cases', { ...request(shop), reason: 'quality', description: '耳机左耳没有声音' });
    const caseNo: string = created.body.caseNo;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF7766554433', shippingFeeFen: 1800 });
    await shop.merchant.action(caseNo, 'receive_return', {});
    // The merchant fails the goods: the refund and the postage are cancelled with the plan.
    const photo = await uploadPhoto(shop, caseNo);
    const failed = await shop.merchant.action(caseNo, 'inspect', { passed: false, reason: '耳机有进水痕迹', photoAttachmentIds: [photo.body.id] });
    expect(failed.body.state, JSON.stringify(failed.body)).toBe('inspection_failed');
    type Line = { entryType: string; amountFen: number; borneBy: string; paidTo: string; status: string };
    type Detail = { state: string; tasks: { id: string; type: string; status: string }[]; ledger: Line[]; timeline: { type: string; data?: Record<string, unknown> }[] };
    const detail = async () => (await shop.finance.get(`/api/v1/cases/${caseNo}`)).body as Detail;
    const postage = (d: Detail) => d.ledger.filter((l) => l.entryType === 'return_shipping').map((l) => [l.amountFen, l.borneBy, l.status]);
    expect(postage(await detail())).toEqual([[1800, 'merchant', 'cancelled']]);

    // The platform finds the defect real after all: the seller owes the price and the postage.
    const plan = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'return_and_refund', responsibility: 'quality_defect', terms: { refundFen: shop.priceFen, returnRequired: true }, basis: '复检确认为质量问题，非进水',
    });
    expect(plan.body.state, JSON.stringify(plan.body)).toBe('plan_proposed');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');
    const accepted = await detail();
    expect(postage(accepted)).toEqual([[1800, 'merchant', 'cancelled'], [1800, 'merchant', 'planned']]);
    expect(accepted.timeline.find((e) => e.type === 'plan_accepted')?.data).toMatchObject({ postageReinstatedFen: 1800 });
    const open = accepted.tasks.filter((x) => x.status === 'open').map((x) => x.type).sort();
    expect(open).toEqual(['refund', 'shipping_reimbursement']);

    for (const task of accepted.tasks.filter((x) => x.status === 'open')) {
      expect((await shop.finance.action(caseNo, 'complete_task', { taskId: task.id })).status).toBe(200);
    }
    const paid = await detail();
    expect(paid.state).toBe('resolved');
    expect(postage(paid)).toEqual([[1800, 'merchant', 'cancelled'], [1800, 'merchant', 'executed']]);
  });
});
