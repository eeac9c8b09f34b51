// Cross-department collaboration requests through the real app (ORG-2, SLA-7, TR-3): a handler
// asks a department; the department sees it, may read that case (and no other), answers within
// 2 h or shows late with notices to it and to the asker; it runs no case commands; customers and
// merchants never learn of the requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, type Client, makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

type Deadline = { metric: string; subjectId: string | null; party: string; state: string; dueAt: string };
type Event = { type: string; data?: { metric?: string; subjectId?: string } };
type Request = { id: string; caseNo: string; department: string; status: string; dueAt: string; late: boolean; remainingMs: number | null; answer: string | null };

let t: TestApp;
let seq = 0;

async function departmentUser(department: string): Promise<Client> {
  const user = await createUserWithToken(t.runtime.deps.database.db, {
    email: `dept-${department}-${++seq}-${Date.now()}@test.local`, displayName: `${department} 同事`, role: 'department', department,
  });
  return client(t, user.token);
}

async function openCase(shop: Shop, channel = 'web'): Promise<string> {
  const created = await shop.customer.post('/api/v1/cases', {
    kind: 'complaint', reason: 'quality', channel,
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    // A routine case: an L2 one would have its departments asked by the system already (TR-3).
    description: '收到的书桌颜色比详情页深一些，想问问怎么处理',
  });
  expect(created.status).toBe(201);
  return created.body.caseNo as string;
}

async function ask(by: Client, caseNo: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return by.post(`/api/v1/cases/${caseNo}/collaborations`, body, headers);
}

async function staffView(shop: Shop, caseNo: string) {
  const res = await shop.supervisor.get(`/api/v1/cases/${caseNo}`);
  expect(res.status).toBe(200);
  return res.body as { deadlines: Deadline[]; timeline: Event[]; collaborations: Request[] };
}

const replyClock = (d: { deadlines: Deadline[] }, requestId: string) => d.deadlines.find((x) => x.metric === 'collaboration_reply' && x.subjectId === requestId);

async function noticesFor(c: Client, caseNo: string) {
  const res = await c.get('/api/v1/notifications?limit=200');
  expect(res.status).toBe(200);
  return (res.body.items as { type: string; caseNo: string; title: Record<string, string> }[]).filter((n) => n.caseNo === caseNo);
}
const replyNotices = (ns: { type: string; title: Record<string, string> }[], type: string) =>
  ns.filter((n) => n.type === type && (n.title['en-US'] ?? '').startsWith('Collaboration reply'));

beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

describe('asking a department', () => {
  it('the department sees the request, may read that case only, and sees no more than staff', async () => {
    const shop = await makeShop(t);
    const supply = await departmentUser('supply_chain');
    const legal = await departmentUser('legal');
    const caseNo = await openCase(shop);
    expect((await supply.get(`/api/v1/cases/${caseNo}`)).status).toBe(404); // not asked yet

    const asked = await ask(shop.agent, caseNo, { department: 'supply_chain', question: '请核实该批次定制尺寸的生产记录' });
    expect(asked.status).toBe(201);
    const request = asked.body as Request;
    expect(request).toMatchObject({ caseNo, department: 'supply_chain', status: 'open', late: false, remainingMs: 2 * HOUR, answer: null });
    expect(new Date(request.dueAt).getTime() - t.clock.now().getTime()).toBe(2 * HOUR);

    // Its worklist and its notices.
    const list = await supply.get('/api/v1/collaborations?status=open');
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: Request) => r.id)).toContain(request.id);
    expect((await supply.get('/api/v1/collaborations?late=true')).body.items.map((r: Request) => r.id)).not.toContain(request.id);
    expect((await noticesFor(supply, caseNo)).map((n) => n.type)).toContain('collaboration_requested');
    expect(await noticesFor(legal, caseNo)).toEqual([]);

    // It may open the case (and finds it in its case list) while the request is open.
    const seen = await supply.get(`/api/v1/cases/${caseNo}`);
    expect(seen.status).toBe(200);
    expect(seen.body.collaborations.map((r: Request) => r.id)).toEqual([request.id]);
    expect(seen.body.deadlines.every((d: Deadline) => d.party === 'department')).toBe(true);
    expect(seen.body.actions).toEqual([]);
    // No more than staff see: no contact details, no internal notes or event data.
    expect(JSON.stringify(seen.body)).not.toContain('13800138000');
    expect(seen.body.timeline.every((e: { data?: unknown }) => e.data === undefined)).toBe(true);
    expect((await supply.get('/api/v1/cases')).body.items.map((c: { caseNo: string }) => c.caseNo)).toEqual([caseNo]);

    // Another department: nothing.
    expect((await legal.get(`/api/v1/cases/${caseNo}`)).status).toBe(404);
    expect((await legal.get('/api/v1/cases')).body.items).toEqual([]);
    expect((await legal.get('/api/v1/collaborations')).body.items).toEqual([]);
    expect((await legal.get(`/api/v1/collaborations?department=supply_chain`)).body.items).toEqual([]);
    expect((await legal.post(`/api/v1/collaborations/${request.id}/answer`, { answer: '不是我们的' })).status).toBe(404);

    // Staff see every request; the clock runs for the department.
    const staff = await staffView(shop, caseNo);
    expect(staff.collaborations.map((r) => r.id)).toEqual([request.id]);
    expect(replyClock(staff, request.id)).toMatchObject({ party: 'department', state: 'running', dueAt: request.dueAt });
    expect(staff.timeline.map((e) => e.type)).toContain('collaboration_requested');
  });

  it('customers and merchants never learn of requests; asking is not an answer to the customer', async () => {
    const shop = await makeShop(t);
    const caseNo = await openCase(shop, 'chat');
    const asked = await ask(shop.agent, caseNo, { department: 'logistics', question: '请查询该运单的签收底单' });
    expect(asked.status).toBe(201);
    await shop.supervisor.post(`/api/v1/collaborations/${asked.body.id}/answer`, { answer: '签收底单已调取' });
    for (const outsider of [shop.customer, shop.merchant]) {
      const res = await outsider.get(`/api/v1/cases/${caseNo}`);
      expect(res.status).toBe(200);
      expect(res.body.collaborations).toBeUndefined();
      expect(res.body.timeline.some((e: Event) => e.type.startsWith('collaboration_'))).toBe(false);
      expect(JSON.stringify(res.body)).not.toContain('签收底单');
      expect((await outsider.get('/api/v1/collaborations')).status).toBe(403);
    }
    // The chat first-response clock (3 min) still waits for a reply the customer sees.
    const staff = await staffView(shop, caseNo);
    expect(staff.deadlines.find((d) => d.metric === 'first_response')?.state).toBe('running');
  });

  it('the same Idempotency-Key asks once', async () => {
    const shop = await makeShop(t);
    const caseNo = await openCase(shop);
    const key = { 'idempotency-key': `collab-${shop.id}-1` };
    const body = { department: 'legal', question: '客户称将投诉至12315，请评估法律风险' };
    const first = await ask(shop.agent, caseNo, body, key);
    const again = await ask(shop.agent, caseNo, body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await ask(shop.agent, caseNo, { ...body, question: '另一个问题' }, key)).status).toBe(422);
    const staff = await staffView(shop, caseNo);
    expect(staff.collaborations).toHaveLength(1);
    expect(staff.timeline.filter((e) => e.type === 'collaboration_requested')).toHaveLength(1);
    expect(staff.deadlines.filter((d) => d.metric === 'collaboration_reply')).toHaveLength(1);
  });
});

describe('a department user runs no case commands', () => {
  it('is refused lifecycle actions, messages, filing and asking', async () => {
    const shop = await makeShop(t);
    const supply = await departmentUser('supply_chain');
    const caseNo = await openCase(shop);
    expect((await ask(shop.agent, caseNo, { department: 'supply_chain', question: '请确认库存' })).status).toBe(201);
    expect((await supply.get(`/api/v1/cases/${caseNo}`)).status).toBe(200);
    for (const action of ['approve_request', 'acknowledge', 'start_investigation', 'close', 'reject_ineligible']) {
      expect((await supply.action(caseNo, action, { reason: 'x' })).status).toBe(403);
    }
    expect((await supply.post(`/api/v1/cases/${caseNo}/messages`, { body: '你好', visibility: 'public' })).status).toBe(403);
    expect((await supply.post(`/api/v1/cases/${caseNo}/messages`, { body: '备注', visibility: 'internal' })).status).toBe(403);
    expect((await supply.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', description: 'x' })).status).toBe(403);
    expect((await ask(supply, caseNo, { department: 'legal', question: '?' })).status).toBe(403);
    const staff = await staffView(shop, caseNo);
    expect(staff.timeline.filter((e) => !e.type.startsWith('sla_')).map((e) => e.type)).toEqual(['case_submitted', 'case_routed', 'collaboration_requested']);
  });
});

describe('the reply clock (SLA-7)', () => {
  it('an answer meets the clock, tells the asker, and ends the department\'s access', async () => {
    const shop = await makeShop(t);
    const supply = await departmentUser('supply_chain');
    const caseNo = await openCase(shop);
    const { body: request } = await ask(shop.agent, caseNo, { department: 'supply_chain', question: '该批次是否有同类质量反馈？' });
    t.clock.advance(40 * MIN);
    const answered = await supply.post(`/api/v1/collaborations/${request.id}/answer`, { answer: '同批次另有 3 起，已通知质检复查' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', late: false, remainingMs: null, answer: '同批次另有 3 起，已通知质检复查' });
    const staff = await staffView(shop, caseNo);
    expect(replyClock(staff, request.id)?.state).toBe('met');
    expect(staff.timeline.map((e) => e.type)).toContain('collaboration_answered');
    expect(staff.collaborations[0]).toMatchObject({ status: 'answered', answeredBy: { displayName: 'supply_chain 同事' } });
    expect((await noticesFor(shop.agent, caseNo)).map((n) => n.type)).toContain('collaboration_answered');
    expect((await supply.post(`/api/v1/collaborations/${request.id}/answer`, { answer: '再答一次' })).status).toBe(409);
    expect((await supply.get(`/api/v1/cases/${caseNo}`)).status).toBe(404);
    // Still on its worklist, answered.
    const mine = await supply.get('/api/v1/collaborations?status=answered');
    expect(mine.body.items.map((r: Request) => r.id)).toContain(request.id);
    // Nothing fires for a met clock.
    t.clock.advance(2 * HOUR);
    await runTimers(t);
    expect(replyNotices(await noticesFor(supply, caseNo), 'sla_breached')).toEqual([]);
  });

  it('the answer to a request the system made for an L2 case reaches the handlers', async () => {
    const shop = await makeShop(t);
    const legal = await departmentUser('legal');
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', channel: 'web', items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
      description: '三天没人处理，再不解决我就去12315投诉你们',
    });
    const caseNo: string = created.body.caseNo;
    const auto = (await staffView(shop, caseNo)).collaborations.find((r) => r.department === 'legal');
    expect(auto, 'the system asked legal').toBeDefined();
    expect((await legal.post(`/api/v1/collaborations/${auto!.id}/answer`, { answer: '诉求在法定范围内，建议按三包处理' })).status).toBe(200);
    // Nobody asked in person and nobody holds the case: the queue holding it is told.
    const queue = ((await shop.supervisor.get(`/api/v1/cases/${caseNo}`)).body as { queue: string }).queue;
    expect(queue).toBe('specialists');
    const specialist = await createUserWithToken(t.runtime.deps.database.db, { email: `spec-${++seq}-${Date.now()}@test.local`, displayName: '专员', role: 'specialist' });
    expect((await noticesFor(client(t, specialist.token), caseNo)).map((n) => n.type)).toContain('collaboration_answered');
  });

  it('an L1 safety complaint asks supply chain and legal at once, each with its 2 h clock', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', channel: 'web', items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
      description: '充电的时候耳机盒突然冒烟起火，把桌子烧了',
    });
    expect(created.status).toBe(201);
    const view = await staffView(shop, created.body.caseNo);
    const asked = view.collaborations.map((r) => r.department).sort();
    expect(asked).toEqual(['legal', 'supply_chain']);
    for (const r of view.collaborations) expect(replyClock(view, r.id)?.state).toBe('running');
  });

  it('an unanswered request warns, then breaches at 2 h, shows late, and the department and asker hear of it', async () => {
    const shop = await makeShop(t);
    const legal = await departmentUser('legal');
    const supply = await departmentUser('supply_chain');
    const specialist = await createUserWithToken(t.runtime.deps.database.db, {
      email: `spec-${shop.id}@test.local`, displayName: '资深专员', role: 'specialist',
    });
    const asker = client(t, specialist.token);
    const caseNo = await openCase(shop);
    const asked = await ask(asker, caseNo, { department: 'legal', question: '客户要求三倍赔偿，是否有法律依据？' });
    expect(asked.status).toBe(201);
    const id = asked.body.id as string;

    t.clock.advance(91 * MIN);
    await runTimers(t);
    let staff = await staffView(shop, caseNo);
    expect(replyClock(staff, id)?.state).toBe('warning');
    expect(replyNotices(await noticesFor(legal, caseNo), 'sla_warning')).toHaveLength(1);
    expect(replyNotices(await noticesFor(supply, caseNo), 'sla_warning')).toHaveLength(0);
    expect((await legal.get('/api/v1/collaborations?late=true')).body.items.map((r: Request) => r.id)).not.toContain(id);

    t.clock.advance(30 * MIN);
    await runTimers(t);
    await runTimers(t); // nothing fires twice
    staff = await staffView(shop, caseNo);
    expect(replyClock(staff, id)?.state).toBe('breached');
    const breaches = staff.timeline.filter((e) => e.type === 'sla_breached' && e.data?.metric === 'collaboration_reply');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.data?.subjectId).toBe(id);
    expect(replyNotices(await noticesFor(legal, caseNo), 'sla_breached')).toHaveLength(1);
    expect(replyNotices(await noticesFor(asker, caseNo), 'sla_breached')).toHaveLength(1);
    expect(replyNotices(await noticesFor(supply, caseNo), 'sla_breached')).toHaveLength(0);
    // The notice names the department that owes the answer.
    const [notice] = replyNotices(await noticesFor(asker, caseNo), 'sla_breached');
    expect(notice!.title).toEqual({ 'zh-CN': '协同部门答复（法务）已超时', 'en-US': 'Collaboration reply (Legal) breached' });

    const late = await legal.get('/api/v1/collaborations?late=true');
    const item = (late.body.items as Request[]).find((r) => r.id === id);
    expect(item).toMatchObject({ late: true, status: 'open' });
    expect(item!.remainingMs).toBe(-MIN);
    const all = await shop.supervisor.get(`/api/v1/collaborations?department=legal&late=true&caseNo=${caseNo}`);
    expect(all.body.items.map((r: Request) => r.id)).toEqual([id]);

    // Answered late: met, counted as missed, and still shown late.
    const answered = await legal.post(`/api/v1/collaborations/${id}/answer`, { answer: '无依据，按七日无理由及质量问题处理' });
    expect(answered.body).toMatchObject({ status: 'answered', late: true });
    staff = await staffView(shop, caseNo);
    expect(replyClock(staff, id)?.state).toBe('met');
    expect(staff.collaborations.find((r) => r.id === id)).toMatchObject({ late: true });
  });

  it('dueMinutes fixes the due time; the asker or a supervisor cancels, which cancels the clock', async () => {
    const shop = await makeShop(t);
    const caseNo = await openCase(shop);
    const asked = await ask(shop.agent, caseNo, { department: 'finance', question: '退款是否已到账？', dueMinutes: 30 });
    expect(asked.status).toBe(201);
    expect(new Date(asked.body.dueAt).getTime() - t.clock.now().getTime()).toBe(30 * MIN);
    let staff = await staffView(shop, caseNo);
    expect(replyClock(staff, asked.body.id)?.dueAt).toBe(asked.body.dueAt);

    const other = await createUserWithToken(t.runtime.deps.database.db, { email: `agent2-${shop.id}@test.local`, displayName: '客服小李', role: 'agent' });
    expect((await client(t, other.token).post(`/api/v1/collaborations/${asked.body.id}/cancel`, {})).status).toBe(403);
    const cancelled = await shop.agent.post(`/api/v1/collaborations/${asked.body.id}/cancel`, { reason: '客户已确认到账' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', late: false });
    staff = await staffView(shop, caseNo);
    expect(replyClock(staff, asked.body.id)?.state).toBe('cancelled');
    expect(staff.timeline.map((e) => e.type)).toContain('collaboration_cancelled');
    expect((await shop.agent.post(`/api/v1/collaborations/${asked.body.id}/cancel`, {})).status).toBe(409);

    const second = await ask(shop.agent, caseNo, { department: 'pr', question: '是否需要统一口径？' });
    expect((await shop.supervisor.post(`/api/v1/collaborations/${second.body.id}/cancel`, {})).status).toBe(200);
  });
});

describe('a case that ends', () => {
  it('withdraws the requests still unanswered: off the department’s worklist, on the timeline, answered ones kept', async () => {
    const shop = await makeShop(t);
    const supply = await departmentUser('supply_chain');
    const caseNo = await openCase(shop);
    const open = await ask(shop.agent, caseNo, { department: 'supply_chain', question: '请核实该批次颜色' });
    const answered = await ask(shop.agent, caseNo, { department: 'supply_chain', question: '是否有同批次投诉？' });
    expect((await supply.post(`/api/v1/collaborations/${answered.body.id}/answer`, { answer: '没有' })).status).toBe(200);

    const withdrawn = await shop.customer.action(caseNo, 'withdraw', { reason: '不需要了' });
    expect(withdrawn.body.state).toBe('withdrawn');
    const staff = await staffView(shop, caseNo);
    expect(Object.fromEntries(staff.collaborations.map((r) => [r.id, r.status]))).toEqual({ [open.body.id]: 'cancelled', [answered.body.id]: 'answered' });
    const event = staff.timeline.find((e) => e.type === 'collaboration_withdrawn') as { data?: { requestIds?: string[] } } | undefined;
    expect(event?.data?.requestIds).toEqual([open.body.id]);
    expect(replyClock(staff, open.body.id)?.state).toBe('cancelled');
    expect((await supply.get('/api/v1/collaborations?status=open')).body.items.map((r: Request) => r.id)).not.toContain(open.body.id);
    expect((await supply.post(`/api/v1/collaborations/${open.body.id}/answer`, { answer: '晚了' })).status).not.toBe(200);
    // The customer never learns of it.
    const mine = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(mine.body.timeline.map((e: Event) => e.type)).not.toContain('collaboration_withdrawn');
  });
});
