// SLA scenarios through the real app with an injected clock (SLA-5, SLA-6, SLA-8, SLA-12, SLA-14,
// SLA-15): deadlines start with the case, pause while the customer owes an answer, warn, breach,
// escalate, and are met; a met clock never fires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

type Deadline = { metric: string; state: string; dueAt: string; paused: boolean; breached: boolean; remainingMs: number | null; late: boolean };
type Event = { type: string; data?: { metric?: string; late?: boolean; deadlines?: { metric: string }[]; from?: string; to?: string } };

async function detail(shop: Shop, caseNo: string) {
  const res = await shop.agent.get(`/api/v1/cases/${caseNo}`);
  expect(res.status).toBe(200);
  return res.body as { state: string; severity: string; queue: string; deadlines: Deadline[]; timeline: Event[] };
}

const clockOf = (d: { deadlines: Deadline[] }, metric: string) => {
  const found = d.deadlines.filter((x) => x.metric === metric).at(-1);
  if (!found) throw new Error(`no ${metric} clock in ${d.deadlines.map((x) => x.metric).join(', ')}`);
  return found;
};
const firings = (d: { timeline: Event[] }, type: 'sla_warning' | 'sla_breached', metric: string) =>
  d.timeline.filter((e) => e.type === type && e.data?.metric === metric);

async function notices(client: Shop['supervisor'], caseNo: string) {
  const res = await client.get('/api/v1/notifications?limit=200');
  expect(res.status).toBe(200);
  return (res.body.items as { type: string; caseNo: string; title: Record<string, string> }[]).filter((n) => n.caseNo === caseNo);
}

const complaint = (shop: Shop, channel = 'web') => ({
  kind: 'complaint',
  reason: 'quality',
  channel,
  items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
  description: '耳机用了两天就没声音了，要求给个说法',
});

describe('complaint acknowledgement and frontline escalation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-10T10:00:00+08:00');
  });
  afterAll(async () => t.close());

  it('a complaint acknowledged late breaches, notifies the supervisor, and is met late', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const created = await shop.customer.post('/api/v1/cases', complaint(shop));
    expect(created.status).toBe(201);
    const caseNo: string = created.body.caseNo;
    const start = await detail(shop, caseNo);
    const ack = clockOf(start, 'acknowledgement');
    expect(ack).toMatchObject({ state: 'running', paused: false, breached: false, remainingMs: HOUR });
    expect(new Date(ack.dueAt).getTime() - t.clock.now().getTime()).toBe(HOUR);
    expect(start.timeline.map((e) => e.type)).toEqual(['case_submitted', 'sla_started', 'case_routed']);

    t.clock.advance(46 * MIN);
    await runTimers(t);
    let d = await detail(shop, caseNo);
    expect(clockOf(d, 'acknowledgement').state).toBe('warning');
    expect(firings(d, 'sla_warning', 'acknowledgement')).toHaveLength(1);
    expect(firings(d, 'sla_breached', 'acknowledgement')).toHaveLength(0);
    // The reminder goes to the queue that holds the case (frontline agents).
    expect((await notices(shop.agent, caseNo)).map((n) => n.type)).toContain('sla_warning');

    t.clock.advance(15 * MIN);
    await runTimers(t);
    await runTimers(t); // nothing fires twice
    d = await detail(shop, caseNo);
    expect(firings(d, 'sla_breached', 'acknowledgement')).toHaveLength(1);
    expect(firings(d, 'sla_breached', 'acknowledgement')[0]?.data?.late).toBe(false);
    expect(clockOf(d, 'acknowledgement')).toMatchObject({ state: 'breached', breached: true });
    const supervisorNotices = await notices(shop.supervisor, caseNo);
    expect(supervisorNotices.filter((n) => n.type === 'sla_breached')).toHaveLength(1);
    expect(supervisorNotices[0]?.title['zh-CN']).toContain('受理确认');
    // Customers never see the platform's clocks.
    const seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.timeline.some((e: Event) => e.type.startsWith('sla_'))).toBe(false);
    expect(seen.body.deadlines).toEqual([]);

    // Queues filter by SLA state, and each listed case carries its most urgent clock.
    const breachedList = await shop.agent.get('/api/v1/cases?slaState=breached&limit=100');
    expect(breachedList.status).toBe(200);
    const listed = breachedList.body.items.find((c: { caseNo: string }) => c.caseNo === caseNo);
    expect(listed.sla).toMatchObject({ state: 'breached', metric: 'acknowledgement' });
    const calm = await shop.agent.get('/api/v1/cases?slaState=paused&limit=100');
    expect(calm.body.items.some((c: { caseNo: string }) => c.caseNo === caseNo)).toBe(false);
    const own = await shop.customer.get('/api/v1/cases');
    expect(own.body.items.find((c: { caseNo: string }) => c.caseNo === caseNo).sla).toBeNull();

    expect((await shop.agent.action(caseNo, 'acknowledge', {})).status).toBe(200);
    d = await detail(shop, caseNo);
    expect(clockOf(d, 'acknowledgement')).toMatchObject({ state: 'met', breached: true, remainingMs: null });
  });

  it('an L3 case frontline has not resolved in 2 h goes up to L2 and the specialists queue', async () => {
    // The platform's own goods: frontline handles them (a merchant's goods go to the merchant first).
    const shop = await makeShop(t, { platformOperated: true });
    const created = await shop.customer.post('/api/v1/cases', complaint(shop, 'chat'));
    const caseNo: string = created.body.caseNo;
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body).toMatchObject({ severity: 'L3', queue: 'frontline' });
    await shop.agent.action(caseNo, 'acknowledge', {});
    await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '您好，我们正在核实', visibility: 'public', channel: 'chat' });

    t.clock.advance(2 * HOUR - MIN);
    await runTimers(t);
    expect((await detail(shop, caseNo)).severity).toBe('L3');
    t.clock.advance(2 * MIN);
    await runTimers(t);
    const d = await detail(shop, caseNo);
    expect(d).toMatchObject({ severity: 'L2', queue: 'specialists' });
    const types = d.timeline.map((e) => e.type);
    expect(types).toContain('severity_escalated');
    // The move is routing's, recorded as such (TR-3): the queue's people, by load.
    expect(d.timeline.filter((e) => e.type === 'case_routed').at(-1)?.data).toMatchObject({ trigger: 'sla_escalation', queue: 'specialists' });
    expect(d.timeline.find((e) => e.type === 'severity_escalated')?.data).toMatchObject({ from: 'L3', to: 'L2', priority: { to: 'P2' } });
    // TR-5: the priority follows the severity, as a fresh L2 case's would.
    expect((d as unknown as { priority: string }).priority).toBe('P2');
    // The L3-only clock no longer applies once the case is L2, but it was missed, and says so.
    expect(clockOf(d, 'frontline_escalation')).toMatchObject({ state: 'breached', remainingMs: null, breachedAt: expect.any(String) });
    expect((await notices(shop.supervisor, caseNo)).some((n) => n.type === 'sla_breached')).toBe(true);
    // Met clocks never fire: first response (chat, 3 min) was met by the agent's reply.
    expect(clockOf(d, 'first_response').state).toBe('met');
    expect(firings(d, 'sla_breached', 'first_response')).toHaveLength(0);

    const queue = await shop.supervisor.get('/api/v1/notifications?unread=true');
    const mine = queue.body.items.find((n: { caseNo: string }) => n.caseNo === caseNo);
    expect((await shop.supervisor.post(`/api/v1/notifications/${mine.id}/read`)).status).toBe(200);
    expect((await shop.customer.post(`/api/v1/notifications/${mine.id}/read`)).status).toBe(404);
  });
});

describe('waiting for the customer pauses the clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-10T10:00:00+08:00');
  });
  afterAll(async () => t.close());

  it('pauses the plan clock while evidence is awaited and resumes it on the reply', async () => {
    // Sold by the platform: its plan clock runs (a merchant's return runs the merchant's review clock, paused alike).
    const shop = await makeShop(t, { platformOperated: true });
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '左耳没有声音',
    });
    const caseNo: string = created.body.caseNo;
    const originalDue = new Date(clockOf(await detail(shop, caseNo), 'plan_due').dueAt).getTime();
    await shop.agent.action(caseNo, 'start_investigation', {});
    t.clock.advance(HOUR);
    expect((await shop.agent.action(caseNo, 'request_evidence', { question: '请上传左耳无声的视频' })).status).toBe(200);
    let d = await detail(shop, caseNo);
    expect(clockOf(d, 'plan_due')).toMatchObject({ state: 'paused', paused: true, remainingMs: 23 * HOUR });
    expect(clockOf(d, 'customer_evidence').state).toBe('running');

    t.clock.advance(30 * HOUR); // past the plan's original due time, but it is paused
    await runTimers(t);
    d = await detail(shop, caseNo);
    expect(firings(d, 'sla_breached', 'plan_due')).toHaveLength(0);
    expect(clockOf(d, 'plan_due').remainingMs).toBe(23 * HOUR);

    expect((await shop.customer.action(caseNo, 'provide_evidence', { note: '视频已上传' })).status).toBe(200);
    d = await detail(shop, caseNo);
    expect(clockOf(d, 'plan_due')).toMatchObject({ state: 'running', paused: false });
    expect(new Date(clockOf(d, 'plan_due').dueAt).getTime()).toBe(originalDue + 30 * HOUR);
    expect(clockOf(d, 'customer_evidence').state).toBe('met');
    const types = d.timeline.map((e) => e.type);
    expect(types).toContain('sla_paused');
    expect(types).toContain('sla_resumed');
  });
});

describe('refund within 3 working days of receipt (SLA-12) over the National Day holiday', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-09-29T10:00:00+08:00');
  });
  afterAll(async () => t.close());

  it('counts only working days, the make-up Saturday included', async () => {
    const shop = await makeShop(t, { signedAt: '2026-10-05T15:00:00+08:00' });
    t.clock.set('2026-10-06T10:00:00+08:00');
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '不想要了',
    });
    const caseNo: string = created.body.caseNo;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF2026100601', shippingFeeFen: 0 });
    t.clock.set('2026-10-08T15:00:00+08:00');
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).status).toBe(200);
    // Inspected at once: the refund is finance's to pay, and its clock is the one that runs.
    expect((await shop.merchant.action(caseNo, 'inspect', { passed: true, reason: '完好' })).body.state).toBe('executing');
    let d = await detail(shop, caseNo);
    // Friday Oct 9, the make-up working Saturday Oct 10 and Monday Oct 12 are the 3 days (Sunday is off).
    expect(clockOf(d, 'refund_after_receipt').dueAt).toBe(new Date('2026-10-12T18:00:00+08:00').toISOString());

    t.clock.set('2026-10-10T18:00:00+08:00');
    await runTimers(t);
    d = await detail(shop, caseNo);
    expect(firings(d, 'sla_breached', 'refund_after_receipt')).toHaveLength(0);
    expect(firings(d, 'sla_warning', 'refund_after_receipt')).toHaveLength(0);
    // Warned 4 working hours ahead: at 14:00 on Monday.
    t.clock.set('2026-10-12T14:00:01+08:00');
    await runTimers(t);
    d = await detail(shop, caseNo);
    expect(firings(d, 'sla_warning', 'refund_after_receipt')).toHaveLength(1);
    t.clock.set('2026-10-12T18:00:01+08:00');
    await runTimers(t);
    d = await detail(shop, caseNo);
    expect(firings(d, 'sla_breached', 'refund_after_receipt')).toHaveLength(1);
    expect(firings(d, 'sla_warning', 'refund_after_receipt')).toHaveLength(1);
  });

  it('ends the refund clock at the law\'s 7 days when the holiday would stretch its working days past them', async () => {
    const shop = await makeShop(t, { signedAt: '2026-09-27T15:00:00+08:00' });
    t.clock.set('2026-09-28T10:00:00+08:00');
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '不想要了',
    });
    const caseNo: string = created.body.caseNo;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: 'SF2026093001', shippingFeeFen: 0 });
    t.clock.set('2026-09-30T15:00:00+08:00');
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).status).toBe(200);
    let d = await detail(shop, caseNo);
    // 3 working days would end on Oct 10; the law ends the refund period with Oct 7.
    expect(clockOf(d, 'refund_after_receipt').dueAt).toBe(new Date('2026-10-07T23:59:59.999+08:00').toISOString());
    t.clock.set('2026-10-08T00:00:01+08:00');
    await runTimers(t);
    d = await detail(shop, caseNo);
    expect(firings(d, 'sla_breached', 'refund_after_receipt')).toHaveLength(1);
  });
});

describe('compliance review after two rejected revisions (SLA-9)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('2026-11-10T10:00:00+08:00');
  });
  afterAll(async () => t.close());

  const offer = (refundFen: number) => ({
    planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen, keepItem: true }, basis: '轻微质量问题，保留商品部分退款',
  });
  async function rejectedThrice(shop: Shop): Promise<string> {
    const caseNo: string = (await shop.customer.post('/api/v1/cases', complaint(shop))).body.caseNo;
    await shop.agent.action(caseNo, 'start_investigation', {});
    for (const refundFen of [3000, 5000, 6000]) {
      expect((await shop.agent.action(caseNo, 'propose_plan', offer(refundFen))).status).toBe(200);
      expect((await shop.customer.action(caseNo, 'reject_plan', { reason: '补偿太少' })).status).toBe(200);
    }
    expect((await detail(shop, caseNo)).state).toBe('compliance_review');
    return caseNo;
  }

  it('gives compliance 2 h to answer and tells the supervisor when it does not', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo = await rejectedThrice(shop);
    expect(clockOf(await detail(shop, caseNo), 'compliance_review')).toMatchObject({ state: 'running', remainingMs: 2 * HOUR });
    // A handler's note in the review neither answers for compliance nor restarts the clock.
    expect((await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '客户情绪激动', visibility: 'internal' })).status).toBe(201);
    t.clock.advance(2 * HOUR + MIN);
    await runTimers(t);
    const d = await detail(shop, caseNo);
    expect(firings(d, 'sla_breached', 'compliance_review')).toHaveLength(1);
    expect(d.deadlines.filter((x) => x.metric === 'compliance_review')).toHaveLength(1);
    expect((await notices(shop.supervisor, caseNo)).map((n) => n.type)).toContain('sla_breached');
  });

  it('is met by compliance\'s assessment note, before any plan', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo = await rejectedThrice(shop);
    t.clock.advance(HOUR);
    expect((await shop.compliance.post(`/api/v1/cases/${caseNo}/messages`, { body: '法律风险低，可在 80 元内和解', visibility: 'internal' })).status).toBe(201);
    t.clock.advance(2 * HOUR);
    await runTimers(t);
    const d = await detail(shop, caseNo);
    expect(d.state).toBe('compliance_review');
    expect(clockOf(d, 'compliance_review')).toMatchObject({ state: 'met', breached: false });
    expect(firings(d, 'sla_breached', 'compliance_review')).toHaveLength(0);
  });
});
