// Triage at intake and afterwards (TR-1, TR-2, TR-5, TR-7), through the real app: every new case
// is classified with its reasons, a later customer message can raise it, staff can override it,
// and the SLA clocks follow the severity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

const file = (shop: Shop, description: string, kind = 'complaint', reason = 'quality') =>
  shop.customer.post('/api/v1/cases', { kind, reason, items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description });

type Reason = { rule: string; field: string; matched?: string[] };

/** The case as staff see it: the grading (severity, emotion, priority) is not shown to the customer. */
const graded = async (shop: Shop, caseNo: string) => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;

describe('triage at intake', () => {
  it('grades a personal-safety complaint L1, P1, with the words that fired it', async () => {
    const shop = await makeShop(t);
    const created = await file(shop, '耳机充电的时候冒烟了，差点起火，孩子的手还被烫伤了！！！');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ category: 'product_quality' });
    expect(created.body.severity).toBeUndefined();
    const staff = await shop.agent.get(`/api/v1/cases/${created.body.caseNo}`);
    expect(staff.body).toMatchObject({ severity: 'L1', priority: 'P1', category: 'product_quality' });
    const reasons: Reason[] = staff.body.triage.reasons;
    const severity = reasons.filter((r) => r.field === 'severity');
    expect(severity.length).toBeGreaterThan(0);
    expect(severity.flatMap((r) => r.matched ?? []).join(' ')).toMatch(/冒烟|起火|烫伤/);
    expect(staff.body.triage.source).toBe('classifier');
    // Customers see neither the grade nor the platform's reasoning.
    const own = await shop.customer.get(`/api/v1/cases/${created.body.caseNo}`);
    expect(own.body.triage).toBeUndefined();
    expect(own.body.severity).toBeUndefined();
    // The L3-only frontline escalation clock does not apply to an L1 case.
    expect(staff.body.deadlines.some((d: { metric: string }) => d.metric === 'frontline_escalation')).toBe(false);
  });

  it('grades a routine return L3 and puts a logistics complaint in logistics', async () => {
    const shop = await makeShop(t);
    const routine = await file(shop, '尺码偏小，想退货', 'return_refund', 'no_reason');
    expect(await graded(shop, routine.body.caseNo)).toMatchObject({ severity: 'L3', category: 'return_process', emotion: 'normal' });
    const other = await makeShop(t);
    const late = await file(other, '快递一个星期了还没到，物流信息一直不更新', 'logistics_exception', 'logistics');
    expect(await graded(other, late.body.caseNo)).toMatchObject({ severity: 'L3', category: 'logistics' });
  });

  it('raises priority for high emotion from a gold member (TR-5)', async () => {
    const shop = await makeShop(t); // the test shop's customer is a gold member
    const calm = await file(shop, '耳机左边没有声音，麻烦处理一下', 'return_refund', 'quality');
    const other = await makeShop(t);
    const angry = await file(other, '垃圾产品！！！用了两天就坏了，你们就是骗子！！！', 'return_refund', 'quality');
    const [calmCase, angryCase] = [await graded(shop, calm.body.caseNo), await graded(other, angry.body.caseNo)];
    expect(calmCase.emotion).toBe('normal');
    expect(angryCase.emotion).toBe('high');
    const rank = (p: string) => Number(p.slice(1));
    expect(rank(angryCase.priority)).toBeLessThan(rank(calmCase.priority));
  });
});

describe('membership tier (TR-5)', () => {
  it('counts for a request about a whole order too', async () => {
    const shop = await makeShop(t);
    const filed = await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'logistics', orderNo: shop.orderNo, items: [], description: '快递员态度不好' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const reasons: Reason[] = (await graded(shop, filed.body.caseNo)).triage.reasons;
    expect(reasons.find((r) => r.rule === 'priority.tier')?.matched).toEqual(['gold']);
  });
});

describe('repeated contact (TR-2)', () => {
  it('grades a third request about the same order within 30 days L2, naming the earlier contacts', async () => {
    const shop = await makeShop(t);
    const about = (kind: string, description: string) => shop.customer.post('/api/v1/cases', { kind, reason: 'logistics', orderNo: shop.orderNo, items: [], description });
    for (const [kind, text] of [['complaint', '快递员态度不好'], ['consultation', '请问什么时候能到']] as const) {
      const filed = await about(kind, text);
      expect((await shop.customer.action(filed.body.caseNo, 'withdraw', {})).status).toBe(200);
    }
    // Counted for a request about an item of the order (with its facts) and about the whole order.
    const third = await file(shop, '耳机还是没声音', 'complaint', 'quality');
    const fourth = await about('consultation', '包裹还是没送到');
    for (const [caseNo, n] of [[third.body.caseNo, 2], [fourth.body.caseNo, 3]] as const) {
      const reasons: Reason[] = (await graded(shop, caseNo)).triage.reasons;
      expect(reasons.find((r) => r.rule === 'l2.repeat_contact')?.matched).toContain(`previousContacts=${n}`);
    }
  });
});

describe('triage after intake', () => {
  it('a customer threatening 12315 raises the case to L2, and the L3 clock stops', async () => {
    // Sold by the platform: frontline's L3 clock runs on it (a merchant's case runs the merchant's).
    const shop = await makeShop(t, { platformOperated: true });
    const created = await file(shop, '耳机有杂音，申请退货', 'return_refund', 'quality');
    const caseNo: string = created.body.caseNo;
    expect((await graded(shop, caseNo)).severity).toBe('L3');
    const message = await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '三天了都没人管，再不处理我就去12315投诉你们！！！', channel: 'web' });
    expect(message.status).toBe(201);
    const staff = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(staff.body).toMatchObject({ severity: 'L2', emotion: 'high' });
    const raised = staff.body.timeline.find((e: { type: string }) => e.type === 'triage_raised');
    expect(raised.data).toMatchObject({ from: { severity: 'L3' }, to: { severity: 'L2', emotion: 'high' } });
    const frontline = staff.body.deadlines.find((d: { metric: string }) => d.metric === 'frontline_escalation');
    expect(frontline.state).toBe('cancelled');
    // TR-3: an L2 case goes to the specialists, with the departments it needs asked at once.
    expect(staff.body.queue).toBe('specialists');
    const asked: string[] = staff.body.collaborations.map((c: { department: string }) => c.department);
    expect(asked).toContain('legal');
    expect(staff.body.deadlines.filter((d: { metric: string; state: string }) => d.metric === 'collaboration_reply' && d.state === 'running')).toHaveLength(asked.length);
    // A calm follow-up never lowers it again.
    await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '好的，谢谢', channel: 'web' });
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.severity).toBe('L2');
  });

  it('stands the departments down when a supervisor lowers a false alarm, keeping what a person asked', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo: string = (await file(shop, '取件请联系我，我要去12315投诉你们', 'return_refund', 'quality')).body.caseNo;
    let staff = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(staff.severity).toBe('L2');
    const automatic = staff.collaborations.map((c: { id: string }) => c.id);
    expect(automatic.length).toBeGreaterThan(0);
    const asked = await shop.agent.post(`/api/v1/cases/${caseNo}/collaborations`, { department: 'logistics', question: '请核实取件时间' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await shop.supervisor.action(caseNo, 'retriage', { severity: 'L3', reason: '客户只是咨询，并无投诉意图' })).status).toBe(200);
    staff = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    const status = new Map(staff.collaborations.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(automatic.map((id: string) => status.get(id))).toEqual(automatic.map(() => 'cancelled'));
    expect(status.get(asked.body.id)).toBe('open');
    const replyClocks = staff.deadlines.filter((d: { metric: string; state: string }) => d.metric === 'collaboration_reply' && d.state === 'running');
    expect(replyClocks).toHaveLength(1);
  });

  it('reads every text the customer writes: a repeated request, an evidence note', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const first = (await file(shop, '音箱有杂音，申请退货', 'return_refund', 'quality')).body.caseNo as string;
    const repeat = await file(shop, '音箱充电时冒烟起火了，我已经投诉到12315了', 'return_refund', 'quality');
    expect(repeat.body.duplicateOf).toBe(first);
    let staff = await graded(shop, first);
    expect(staff).toMatchObject({ severity: 'L1' });
    expect(staff.mediaFlag).not.toBeNull();
    expect(staff.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['duplicate_request_linked', 'media_flagged', 'triage_raised']));

    const other = await makeShop(t, { platformOperated: true });
    const caseNo = (await file(other, '充电宝充不进电', 'return_refund', 'quality')).body.caseNo as string;
    await other.agent.action(caseNo, 'start_investigation', {});
    expect((await other.agent.action(caseNo, 'request_evidence', { question: '请拍一张充电宝的照片' })).status).toBe(200);
    expect((await graded(other, caseNo)).queue).not.toBe('supervisors');
    const provided = await other.customer.action(caseNo, 'provide_evidence', { note: '充电宝鼓包冒烟了，差点起火，孩子手被烫伤' });
    expect(provided.status).toBe(200);
    staff = await graded(other, caseNo);
    expect(staff.severity).toBe('L1');
    expect(staff.timeline.find((e: { type: string }) => e.type === 'triage_raised').data).toMatchObject({ action: 'provide_evidence', to: { severity: 'L1' } });
    // Routed again as a message would be: an L1 case goes to the supervisors.
    expect(staff.queue).toBe('supervisors');
  });

  it('staff override category and severity with a reason; customers cannot', async () => {
    const shop = await makeShop(t);
    const caseNo: string = (await file(shop, '收到的颜色和图片不一样', 'exchange', 'not_as_described')).body.caseNo;
    expect((await shop.customer.action(caseNo, 'retriage', { severity: 'L1', reason: '我很急' })).status).toBe(403);
    const same = await shop.agent.action(caseNo, 'retriage', { severity: 'L3', reason: '确认' });
    expect(same.status).toBe(422);
    const changed = await shop.supervisor.action(caseNo, 'retriage', { severity: 'L2', category: 'not_as_described', reason: '定制颜色需供应链确认' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ severity: 'L2', priority: 'P2' });
    const staff = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    const event = staff.body.timeline.find((e: { type: string }) => e.type === 'triage_overridden');
    expect(event).toMatchObject({ reason: '定制颜色需供应链确认', actorRole: 'supervisor' });
    expect(event.data.from.severity).toBe('L3');
    expect(event.data.to.severity).toBe('L2');
    expect(staff.body.triage).toMatchObject({ source: 'override', overrideReason: '定制颜色需供应链确认' });
    const own = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(own.body.timeline.some((e: { type: string }) => e.type === 'triage_overridden')).toBe(false);
    // Frontline may raise a case, not take an L1 or L2 out of the supervisors' and compliance's hands.
    const lowered = await shop.agent.action(caseNo, 'retriage', { severity: 'L3', reason: '我觉得不严重' });
    expect(lowered.status).toBe(403);
    expect(lowered.body.messages['zh-CN']).toContain('L2 → L3');
    expect((await shop.agent.action(caseNo, 'retriage', { severity: 'L1', reason: '客户反映漏电' })).status).toBe(200);
    expect((await shop.supervisor.action(caseNo, 'retriage', { severity: 'L2', reason: '核实后非安全问题' })).status).toBe(200);
  });
});
