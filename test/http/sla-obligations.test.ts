// Obligation clocks with automatic outcomes: each step names whose move it is; the party is warned
// before the deadline, and when it passes the system makes the move, as an event with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleSlaAction } from '../../src/modules/sla/sla.actions.ts';
import { makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Event = { type: string; actorRole: string; data?: Record<string, unknown> };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

/** The clock moves on across tests: each shop's order was delivered the day before "now". */
const freshShop = () => makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });

const returnRequest = (shop: Shop, reason = 'no_reason') => ({
  kind: 'return_refund',
  reason,
  items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
  description: '不合适，想退货',
});

async function staffView(shop: Shop, caseNo: string) {
  const res = await shop.agent.get(`/api/v1/cases/${caseNo}`);
  return res.body as { state: string; timeline: Event[]; refunds: { status: string; amountFen: number }[]; deadlines: { metric: string; state: string }[]; shipments: { externalId?: string; direction: string }[] };
}

describe('merchant silent on a return request for 48 h', () => {
  it('warns the merchant, then approves the request as filed', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;

    t.clock.advance(37 * HOUR);
    await runTimers(t);
    const merchantNotices = await shop.merchant.get('/api/v1/notifications');
    const warning = merchantNotices.body.items.find((n: { caseNo: string; type: string }) => n.caseNo === caseNo && n.type === 'obligation_warning');
    expect(warning).toMatchObject({ type: 'obligation_warning' });
    expect(warning.body['zh-CN']).toContain('自动同意');
    expect((await staffView(shop, caseNo)).state).toBe('submitted');
    // A merchant sees its own obligations (holding the case, the first response is its too), not the platform's clocks.
    const own = await shop.merchant.get(`/api/v1/cases/${caseNo}`);
    expect(own.body.deadlines.map((d: { metric: string }) => d.metric).sort()).toEqual(['first_response', 'merchant_review']);

    t.clock.advance(11 * HOUR + 1_000);
    await runTimers(t);
    const view = await staffView(shop, caseNo);
    expect(view.state).toBe('awaiting_return');
    const approved = view.timeline.find((e) => e.type === 'request_approved');
    expect(approved).toMatchObject({ actorRole: 'system' });
    // The merchant holding the case is told it was granted, not only the customer.
    const granted = ((await shop.merchant.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string; body: Record<string, string> }[])
      .find((n) => n.caseNo === caseNo && n.type === 'request_auto_approved');
    expect(granted?.body['zh-CN']).toContain('系统已自动同意客户的申请');
    const breach = view.timeline.find((e) => e.type === 'sla_breached' && e.data?.metric === 'merchant_review');
    expect(breach?.data).toMatchObject({ metric: 'merchant_review', autoOutcome: 'approve_request' });
    expect(view.deadlines.find((d) => d.metric === 'customer_ship_return')?.state).toBe('running');
  });

  it('does nothing when the merchant answered in time', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;
    t.clock.advance(47 * HOUR);
    expect((await shop.merchant.action(caseNo, 'reject_ineligible', { reason: '商品已拆封使用' })).status).toBe(200);
    t.clock.advance(2 * HOUR);
    await runTimers(t);
    const view = await staffView(shop, caseNo);
    expect(view.state).toBe('rejected');
    expect(view.timeline.some((e) => e.type === 'sla_breached')).toBe(false);
  });
});

describe('customer does not ship the return within 7 days', () => {
  it('warns the customer in the case messages, then closes the request with notice', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).status).toBe(200);

    t.clock.advance(6 * DAY + HOUR);
    await runTimers(t);
    let seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    const reminder = seen.body.messages.find((m: { body: string }) => m.body.includes('逾期退货将自动取消'));
    expect(reminder).toMatchObject({ authorRole: 'system', visibility: 'public' });
    expect(seen.body.deadlines.map((d: { metric: string }) => d.metric)).toEqual(['customer_ship_return']);

    t.clock.advance(DAY);
    await runTimers(t);
    seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.state).toBe('result_notified');
    expect(seen.body.timeline.map((e: Event) => e.type)).toContain('return_lapsed');
    expect(seen.body.messages.some((m: { body: string }) => m.body.includes('退货已取消'))).toBe(true);
    expect(seen.body.tasks.every((task: { status: string }) => task.status === 'cancelled')).toBe(true);
    // The customer can still reopen if they did ship it.
    expect(seen.body.actions.map((a: { action: string }) => a.action)).toContain('reopen');

    // CL-3: told the result, the customer is reminded, and their silence closes the case as accepted.
    t.clock.advance(6 * DAY + HOUR);
    await runTimers(t);
    seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.state).toBe('result_notified');
    expect(seen.body.messages.some((m: { body: string }) => m.body.includes('视为接受处理结果并自动结案'))).toBe(true);
    t.clock.advance(DAY);
    await runTimers(t);
    seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.state).toBe('closed');
    expect(seen.body.timeline.at(-1)).toMatchObject({ type: 'case_closed', actorRole: 'system' });
    expect(seen.body.timeline.at(-1).reason).toContain('视为接受');
    // The reopen window runs from the close.
    expect(seen.body.actions.map((a: { action: string }) => a.action)).toContain('reopen');
  });

  it('does not close over a question the customer asked after the result', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).status).toBe(200);
    t.clock.advance(7 * DAY + HOUR);
    await runTimers(t);
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.state).toBe('result_notified');
    await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '我其实已经寄出了，单号找不到了怎么办？' });
    t.clock.advance(8 * DAY);
    await runTimers(t);
    const seen = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.state).toBe('result_notified');
    expect(seen.body.deadlines.find((d: { metric: string }) => d.metric === 'customer_confirmation').state).toBe('met');
  });
});

describe('merchant does not confirm a delivered return within 2 working days', () => {
  it('confirms receipt, passes the goods and refunds on the merchant’s behalf', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}R1`, shippingFeeFen: 0 });
    const returnShipment = (await staffView(shop, caseNo)).shipments.find((s) => s.direction === 'return') as { externalId: string };
    expect(returnShipment.externalId).toBeTruthy();

    t.clock.advance(2 * DAY);
    const delivered = { shipmentExternalId: returnShipment.externalId, externalId: 'ev-delivered', status: 'delivered', occurredAt: t.clock.now().toISOString() };
    expect((await shop.admin.post('/api/v1/integration/shipment-events', { events: [delivered] })).status).toBe(200);
    // The carrier reports it again: the merchant's clock starts once.
    await shop.admin.post('/api/v1/integration/shipment-events', { events: [{ ...delivered, externalId: 'ev-delivered-2' }] });
    let view = await staffView(shop, caseNo);
    expect(view.timeline.filter((e) => e.type === 'return_delivered')).toHaveLength(1);
    expect(view.deadlines.find((d) => d.metric === 'merchant_confirm_receipt')?.state).toBe('running');

    t.clock.advance(10 * DAY + HOUR);
    await runTimers(t);
    view = await staffView(shop, caseNo);
    expect(view.state).toBe('resolved');
    const steps = view.timeline.filter((e) => ['return_received', 'inspection_passed', 'refund_executed'].includes(e.type));
    expect(steps.map((e) => [e.type, e.actorRole])).toEqual([
      ['return_received', 'system'],
      ['inspection_passed', 'system'],
      ['refund_executed', 'system'],
    ]);
    expect(view.refunds).toHaveLength(1);
    expect(view.refunds[0]).toMatchObject({ status: 'succeeded', amountFen: shop.priceFen });
  });
});

describe('merchant confirms the return but does not inspect it', () => {
  it('takes the goods as passed and refunds within the law’s 7 days of arrival', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}R3`, shippingFeeFen: 0 });
    t.clock.advance(DAY);
    const receivedAt = t.clock.now().getTime();
    expect((await shop.merchant.action(caseNo, 'receive_return', { note: '已入库' })).status).toBe(200);
    const view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { deadlines: { metric: string; state: string; dueAt: string }[] };
    const clock = view.deadlines.find((d) => d.metric === 'merchant_inspection');
    expect(clock?.state).toBe('running');
    const dueAt = new Date(clock!.dueAt).getTime();
    expect(dueAt).toBeLessThanOrEqual(receivedAt + 7 * DAY);

    // The merchant is told before it happens.
    t.clock.advance(dueAt - 4 * HOUR - t.clock.now().getTime());
    await runTimers(t);
    const notices = (await shop.merchant.get('/api/v1/notifications')).body.items as { type: string; caseNo: string; body: Record<string, string> }[];
    const warning = notices.find((n) => n.caseNo === caseNo && n.type === 'obligation_warning');
    expect(warning?.body['zh-CN']).toContain('视为验货通过并退款');
    expect((await staffView(shop, caseNo)).state).toBe('return_received');

    t.clock.advance(4 * HOUR + 1_000);
    await runTimers(t);
    const after = await staffView(shop, caseNo);
    expect(after.state).toBe('resolved');
    const steps = after.timeline.filter((e) => ['inspection_passed', 'refund_executed'].includes(e.type));
    expect(steps.map((e) => [e.type, e.actorRole])).toEqual([
      ['inspection_passed', 'system'],
      ['refund_executed', 'system'],
    ]);
    expect(after.refunds[0]).toMatchObject({ status: 'succeeded', amountFen: shop.priceFen });
  });

  it('leaves an inspected return alone', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}R4`, shippingFeeFen: 0 });
    await shop.merchant.action(caseNo, 'receive_return', {});
    const photo = await shop.merchant.upload(caseNo, { purpose: 'inspection' }, { name: 'scratch.png', bytes: (await import('../helpers/files.ts')).PNG_1x1 });
    const failed = await shop.merchant.action(caseNo, 'inspect', { passed: false, reason: '商品有明显使用痕迹', photoAttachmentIds: [photo.body.id] });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    t.clock.advance(10 * DAY);
    await runTimers(t);
    const view = await staffView(shop, caseNo);
    expect(view.timeline.filter((e) => e.actorRole === 'system' && e.type === 'inspection_passed')).toHaveLength(0);
    expect(view.refunds).toHaveLength(0);
  });
});

describe('the warning before the goods are taken as passed', () => {
  it('says what passing leads to under the plan: a replacement owed is not called a refund', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'exchange', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没声音，要求换新',
    })).body.caseNo;
    expect((await shop.merchant.action(caseNo, 'approve_request', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}X1`, shippingFeeFen: 0 });
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).status).toBe(200);
    const clock = ((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.deadlines as { metric: string; dueAt: string }[]).find((d) => d.metric === 'merchant_inspection');
    t.clock.advance(new Date(clock!.dueAt).getTime() - 4 * HOUR - t.clock.now().getTime());
    await runTimers(t);
    const notices = (await shop.merchant.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string; body: Record<string, string> }[];
    const warning = notices.find((n) => n.caseNo === caseNo && n.type === 'obligation_warning');
    expect(warning?.body['zh-CN']).toContain('视为验货通过，您须按方案为买家发出换新商品');
    expect(warning?.body['zh-CN']).not.toContain('退款');
    expect(warning?.body['en-US']).toContain('the replacement will be due from you');
  });
});

describe('customer does not answer a plan within its answer window', () => {
  it('reminds the customer, then lets the plan expire and hands the case back to the handlers', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没声音' })).body.caseNo;
    await shop.agent.action(caseNo, 'start_investigation', {});
    const proposed = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen: 5000, keepItem: true }, basis: '质量问题', expiresInHours: 24,
    });
    expect(proposed.body.state).toBe('plan_proposed');
    const offered = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    const clock = offered.body.deadlines.find((d: { metric: string }) => d.metric === 'plan_answer');
    expect(clock).toMatchObject({ state: 'running', dueAt: offered.body.offers.at(-1).expiresAt, autoOutcome: 'expire_plan' });

    t.clock.advance(13 * HOUR);
    await runTimers(t);
    let seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.messages.some((m: { body: string; authorRole: string }) => m.authorRole === 'system' && m.body.includes('逾期方案将失效'))).toBe(true);
    expect(seen.body.state).toBe('plan_proposed');

    t.clock.advance(11 * HOUR + 1_000);
    await runTimers(t);
    seen = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.state).toBe('investigating');
    expect(seen.body.offers.at(-1).status).toBe('expired');
    expect(seen.body.timeline.find((e: Event) => e.type === 'plan_expired')).toMatchObject({ actorRole: 'system' });
    // The handlers are prompted to take it up again, and may propose a new plan.
    expect(seen.body.deadlines.find((d: { metric: string; state: string }) => d.metric === 'reinvestigation' && d.state === 'running')).toBeTruthy();
    expect(seen.body.actions.map((a: { action: string }) => a.action)).toContain('propose_plan');
    const customerView = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(customerView.body.actions.map((a: { action: string }) => a.action)).not.toContain('accept_plan');
  });
});

describe('the refund clock after a return (POL-6, law: 7 days)', () => {
  it('runs from when the carrier delivered the goods, not from when the merchant confirmed them', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop))).body.caseNo;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}R2`, shippingFeeFen: 0 });
    const returnShipment = (await staffView(shop, caseNo)).shipments.find((s) => s.direction === 'return') as { externalId: string };
    t.clock.advance(DAY);
    const deliveredAt = t.clock.now().toISOString();
    const event = { shipmentExternalId: returnShipment.externalId, externalId: 'ev-arrived', status: 'delivered', occurredAt: deliveredAt };
    expect((await shop.admin.post('/api/v1/integration/shipment-events', { events: [event] })).status).toBe(200);
    t.clock.advance(3 * HOUR);
    expect((await shop.merchant.action(caseNo, 'receive_return', { note: '已入库' })).status).toBe(200);

    const view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as {
      deadlines: { metric: string; startedAt: string; dueAt: string; state: string }[];
      tasks: { type: string; dueAt: string }[];
      timeline: Event[];
    };
    const refundClock = view.deadlines.find((d) => d.metric === 'refund_after_receipt' && d.state === 'running');
    expect(refundClock?.startedAt).toBe(deliveredAt);
    expect(view.deadlines.find((d) => d.metric === 'merchant_confirm_receipt')?.startedAt).toBe(deliveredAt);
    const refundTask = view.tasks.find((x) => x.type === 'refund');
    expect(refundTask?.dueAt).toBe(refundClock?.dueAt);
    expect(view.timeline.find((e) => e.type === 'return_received')?.data?.arrivedAt).toBe(deliveredAt);
  });
});

describe('customer does not answer an evidence request within 3 days', () => {
  it('returns the case to the handlers to decide on what they have, once', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', returnRequest(shop, 'quality'))).body.caseNo;
    await shop.agent.action(caseNo, 'start_investigation', {});
    await shop.agent.action(caseNo, 'request_evidence', { question: '请上传故障视频' });
    t.clock.advance(3 * DAY + 60_000);
    await runTimers(t);
    const view = await staffView(shop, caseNo);
    expect(view.state).toBe('investigating');
    expect(view.timeline.filter((e) => e.type === 'evidence_request_lapsed')).toHaveLength(1);

    // A retried action job changes nothing a second time.
    const breach = view.timeline.find((e) => e.type === 'sla_breached' && e.data?.metric === 'customer_evidence')!;
    const job = {
      deadlineId: breach.data!.deadlineId, caseId: (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.id, metric: 'customer_evidence',
      subjectId: null, firing: 'breach', late: false, party: 'customer', autoOutcome: 'decide_without_evidence', actions: [], reassignQueue: null,
      dueAt: new Date().toISOString(),
    };
    await handleSlaAction(t.runtime.deps, job);
    const again = await staffView(shop, caseNo);
    expect(again.timeline.filter((e) => e.type === 'evidence_request_lapsed')).toHaveLength(1);
    // The case sits with its merchant: the merchant decides on what it has, and is told.
    const holderNotices = (await shop.merchant.get('/api/v1/notifications')).body.items.filter((n: { caseNo: string; type: string }) => n.caseNo === caseNo && n.type === 'evidence_request_lapsed');
    expect(holderNotices).toHaveLength(1);
    expect((await shop.agent.get('/api/v1/notifications')).body.items.filter((n: { caseNo: string; type: string }) => n.caseNo === caseNo && n.type === 'evidence_request_lapsed')).toHaveLength(0);
  });
});

describe('merchant first (ORG-3)', () => {
  it("a merchant's case runs the merchant's clock, not frontline's 2 h; the platform stepping in ends it", async () => {
    const shop = await freshShop();
    const filed = await shop.customer.post('/api/v1/cases', { ...returnRequest(shop, 'quality'), description: '耳机左耳没声音，要求退货' });
    const caseNo: string = filed.body.caseNo;
    let view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { queue: string; severity: string; deadlines: { metric: string; state: string }[] };
    expect(view.queue).toBe('merchant');
    const open = (v: typeof view) => v.deadlines.filter((d) => ['running', 'warning', 'paused', 'breached'].includes(d.state)).map((d) => d.metric);
    expect(open(view)).toContain('merchant_review');
    expect(open(view)).not.toContain('frontline_escalation');
    const severity = view.severity;

    // Three hours on, the case is still the merchant's: frontline's rule does not pull it up.
    t.clock.advance(3 * HOUR);
    await runTimers(t);
    view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(view).toMatchObject({ queue: 'merchant', severity });

    // The customer appeals: the platform has it, and the merchant's silence no longer grants it.
    expect((await shop.customer.action(caseNo, 'appeal', { reason: '商家一直不处理，申请平台介入' })).status).toBe(200);
    view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(view.queue).toBe('specialists');
    expect(view.deadlines.find((d) => d.metric === 'merchant_review')?.state).toBe('cancelled');
    t.clock.advance(2 * DAY);
    await runTimers(t);
    const after = await staffView(shop, caseNo);
    expect(after.state).toBe('submitted');
    expect(after.timeline.some((e) => e.type === 'request_approved')).toBe(false);
  });
});

describe('goods taken back on a complaint', () => {
  it('run the inspection and refund clocks a return runs', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '买到假货，要求退一赔三',
    })).body.caseNo;
    expect((await shop.agent.action(caseNo, 'start_investigation', {})).status).toBe(200);
    const proposed = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'return_and_refund', responsibility: 'not_as_described', basis: '核实为非正品，退货退款并赔偿',
      fraudFound: true, terms: { refundFen: shop.priceFen, returnRequired: true, fraudCompensationFen: 89_700 },
    });
    expect(proposed.body.state, JSON.stringify(proposed.body)).toBe('plan_proposed');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('awaiting_return');
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}F`, shippingFeeFen: 0 });
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).body.state).toBe('return_received');
    const running = (await staffView(shop, caseNo)).deadlines.filter((d) => d.state === 'running').map((d) => d.metric);
    expect(running).toEqual(expect.arrayContaining(['merchant_inspection', 'refund_after_receipt']));
  });
});

describe('a merchant silent on a complaint', () => {
  it('owes the plan itself; a late first answer is reported, a missed plan brings the platform in', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没有声音，希望尽快处理',
    })).body.caseNo;
    let view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { queue: string; deadlines: { metric: string; party: string; state: string }[]; timeline: Event[] };
    expect(view.queue).toBe('merchant');
    expect(view.deadlines.find((d) => d.metric === 'plan_due')).toMatchObject({ party: 'merchant', state: 'running' });

    t.clock.advance(3 * HOUR);
    await runTimers(t);
    view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(view.deadlines.find((d) => d.metric === 'first_response')?.state).toBe('breached');
    expect(view.queue).toBe('merchant'); // answering late is reported, not taken away

    t.clock.advance(22 * HOUR);
    await runTimers(t);
    view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(view.queue).toBe('specialists');
    expect(view.timeline.find((e) => e.type === 'platform_intervention')?.data).toMatchObject({ trigger: 'merchant_missed_deadline', metric: 'plan_due' });
    // The platform now owes the plan, on its own clock.
    expect(view.deadlines.filter((d) => d.metric === 'plan_due' && d.state === 'running').map((d) => d.party)).toEqual(['platform']);
  });
});

describe('a merchant case raised to the platform by its severity', () => {
  it('hands the running promises to the platform as they stand', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没有声音，希望尽快处理',
    })).body.caseNo;
    const before = (await staffView(shop, caseNo)).deadlines as unknown as { metric: string; party: string; dueAt: string; state: string }[];
    const due = before.find((d) => d.metric === 'first_response')!.dueAt;
    t.clock.advance(HOUR / 2);
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '再不处理我就去12315投诉你们！！！', channel: 'web' })).status).toBe(201);
    const view = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { queue: string; severity: string; deadlines: { metric: string; party: string; dueAt: string; state: string }[] };
    expect(view).toMatchObject({ queue: 'specialists', severity: 'L2' });
    const first = view.deadlines.find((d) => d.metric === 'first_response' && d.state === 'running');
    expect(first).toMatchObject({ party: 'platform', dueAt: due });
    expect(view.deadlines.filter((d) => d.state === 'running' && d.party === 'merchant')).toEqual([]);
  });
});

describe('a promise to the customer the platform broke', () => {
  it('is said to the customer with an apology, once', async () => {
    // A complaint the merchant holds: its plan is owed in 24 h, and the customer was promised it.
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机有杂音' })).body.caseNo;
    const late = async () =>
      ((await shop.customer.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string; body: Record<string, string> }[])
        .filter((n) => n.caseNo === caseNo && n.type === 'customer_sla_late');
    t.clock.advance(23 * HOUR);
    await runTimers(t);
    expect(await late()).toEqual([]);
    t.clock.advance(2 * HOUR);
    await runTimers(t);
    await runTimers(t);
    const told = await late();
    expect(told).toHaveLength(1);
    expect(told[0]!.body['zh-CN']).toContain('未能在承诺时间内给出处理方案');
  });
});

describe('a merchant that does not tell the result of a case carried out (CL-1, CL-5, ORG-3)', () => {
  it('is warned, reported, and the system tells the result; the customer may then bring the platform in', async () => {
    const shop = await freshShop();
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机有杂音，客服态度也差',
    })).body.caseNo;
    await shop.merchant.action(caseNo, 'start_investigation', {});
    await shop.merchant.action(caseNo, 'propose_plan', { planType: 'apology', responsibility: 'merchant_error', terms: { apology: true }, basis: '向您致歉' });
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('resolved');

    // The merchant holds the case: telling the result is its to do, on a clock of its own.
    type Clock = { metric: string; party: string; state: string; dueAt: string };
    const clocks = async () => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.deadlines as Clock[];
    const clock = (await clocks()).find((d) => d.metric === 'result_notice');
    expect(clock).toMatchObject({ party: 'merchant', state: 'running' });
    const dueAt = new Date(clock!.dueAt).getTime();
    // Before it runs out the customer is told when the platform can be asked, not left without a date.
    const early = await shop.customer.action(caseNo, 'appeal', { reason: '商家迟迟不告知结果' });
    expect([early.status, early.body.type]).toEqual([409, '/problems/appeal-too-early']);
    expect(new Date(early.body.availableFrom).getTime()).toBe(dueAt);

    t.clock.advance(dueAt - 2 * HOUR - t.clock.now().getTime());
    await runTimers(t);
    const notices = async () => ((await shop.merchant.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string; body: Record<string, string> }[])
      .filter((n) => n.caseNo === caseNo);
    expect((await notices()).find((n) => n.type === 'obligation_warning')?.body['zh-CN']).toContain('请在');
    expect((await staffView(shop, caseNo)).state).toBe('resolved');

    t.clock.advance(2 * HOUR + 1_000);
    await runTimers(t);
    const after = await staffView(shop, caseNo);
    expect(after.state).toBe('result_notified');
    expect(after.timeline.filter((e) => e.type === 'result_notified').map((e) => e.actorRole)).toEqual(['system']);
    expect((await notices()).map((n) => n.type)).toContain('sla_breached');
    const seen = (await shop.customer.get(`/api/v1/cases/${caseNo}`)).body as { messages: { body: string }[]; actions: { action: string }[] };
    expect(seen.messages.at(-1)?.body).toContain('已按确认的方案处理完毕');
    // The merchant had its turn: the customer may dispute the result with the platform.
    expect(seen.actions.map((a) => a.action)).toContain('appeal');
    expect((await shop.customer.action(caseNo, 'appeal', { reason: '只道歉不够' })).status).toBe(200);
  });
});
