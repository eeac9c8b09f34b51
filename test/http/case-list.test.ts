// The agent workspace's case list: filters by category, priority, emotion, merchant, assignee and
// open/closed, sorts by urgency or priority, and saved views per user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T09:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

async function file(shop: Shop, body: Record<string, unknown>): Promise<string> {
  const res = await shop.customer.post('/api/v1/cases', { items: [{ orderItemId: shop.orderItemId, quantity: 1 }], ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseNo as string;
}

const caseNos = (body: { items: { caseNo: string }[] }) => body.items.map((c) => c.caseNo);

describe('GET /api/v1/cases filters and sort', () => {
  it('filters by category, emotion, priority, merchant, assignee and open state', async () => {
    const a = await makeShop(t, { platformOperated: true });
    const b = await makeShop(t);
    const quality = await file(a, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音，质量太差' });
    const angry = await file(b, { kind: 'complaint', reason: 'logistics', description: '快递一直不送！！！你们什么破服务，投诉你们！！！' });
    const qualityCase = (await a.agent.get(`/api/v1/cases/${quality}`)).body;
    const angryCase = (await b.agent.get(`/api/v1/cases/${angry}`)).body;
    expect(angryCase.emotion).toBe('high');

    const byMerchant = await a.agent.get(`/api/v1/cases?merchantId=${a.merchantId}`);
    expect(caseNos(byMerchant.body)).toEqual([quality]);
    const byCategory = await a.agent.get(`/api/v1/cases?merchantId=${b.merchantId}&category=${angryCase.category}`);
    expect(caseNos(byCategory.body)).toEqual([angry]);
    const byOtherCategory = await a.agent.get(`/api/v1/cases?merchantId=${a.merchantId}&category=${angryCase.category === 'privacy' ? 'payment' : 'privacy'}`);
    expect(byOtherCategory.body.items).toEqual([]);
    const highEmotion = caseNos((await a.agent.get('/api/v1/cases?emotion=high&limit=100')).body);
    expect(highEmotion).toContain(angry);
    expect(highEmotion).not.toContain(quality);
    const byPriority = caseNos((await a.agent.get(`/api/v1/cases?priority=${qualityCase.priority}&limit=100`)).body);
    expect(byPriority).toContain(quality);

    // Assignment: mine, unassigned.
    const me = (await a.agent.get('/api/v1/me')).body.userId as string;
    expect((await a.admin.put(`/api/v1/routing/agents/${me}`, { maxOpenCases: 10 })).status).toBe(200);
    const taken = await a.agent.action(quality, 'assign', {});
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(caseNos((await a.agent.get('/api/v1/cases?assignee=me')).body)).toEqual([quality]);
    expect(caseNos((await a.agent.get(`/api/v1/cases?assignee=${me}`)).body)).toEqual([quality]);
    expect(caseNos((await a.agent.get(`/api/v1/cases?assignee=unassigned&merchantId=${a.merchantId}`)).body)).toEqual([]);

    // Open or not.
    expect((await b.customer.action(angry, 'withdraw', {})).status).toBe(200);
    expect(caseNos((await b.agent.get(`/api/v1/cases?merchantId=${b.merchantId}&open=true`)).body)).toEqual([]);
    expect(caseNos((await b.agent.get(`/api/v1/cases?merchantId=${b.merchantId}&open=false`)).body)).toEqual([angry]);

    const bad = await a.agent.get('/api/v1/cases?assignee=somebody');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toMatch(/assignee/);
  });

  it("shows staff who holds each case, and 未分配 lists only the platform's queues", async () => {
    const platform = await makeShop(t, { platformOperated: true });
    const other = await makeShop(t, { platformOperated: true });
    const merchantRun = await makeShop(t);
    const held = await file(platform, { kind: 'complaint', reason: 'quality', description: '充电器发烫' });
    const waiting = await file(other, { kind: 'complaint', reason: 'quality', description: '充电线断了' });
    const withMerchant = await file(merchantRun, { kind: 'return_refund', reason: 'quality', description: '外壳开裂' });
    const me = (await platform.agent.get('/api/v1/me')).body.userId as string;
    expect((await platform.admin.put(`/api/v1/routing/agents/${me}`, { maxOpenCases: 10 })).status).toBe(200);
    // Intake may already have handed either case to someone: the supervisor settles who holds what.
    const taken = await platform.supervisor.action(held, 'assign', { userId: me });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    if ((await other.agent.get(`/api/v1/cases/${waiting}`)).body.routing.assignee) {
      expect((await other.supervisor.action(waiting, 'unassign', {})).status).toBe(200);
    }
    const name = (await platform.agent.get(`/api/v1/cases/${held}`)).body.routing.assignee.displayName as string;

    const all = (await platform.supervisor.get('/api/v1/cases?limit=100')).body.items as Record<string, unknown>[];
    const row = (caseNo: string) => all.find((c) => c.caseNo === caseNo)!;
    expect(row(held)).toMatchObject({ assigneeId: me, assigneeName: name, queue: 'frontline', queueName: { 'zh-CN': expect.any(String) } });
    expect(row(waiting)).toMatchObject({ assigneeId: null, assigneeName: null, queue: 'frontline' });
    expect(row(withMerchant)).toMatchObject({ assigneeName: null, queue: 'merchant' });

    // No one on the platform can take the merchant's case: the unassigned view leaves it out unless asked for its queue.
    const unassigned = caseNos((await platform.supervisor.get('/api/v1/cases?assignee=unassigned&limit=100')).body);
    expect(unassigned).toContain(waiting);
    expect(unassigned).not.toContain(held);
    expect(unassigned).not.toContain(withMerchant);
    expect(caseNos((await platform.supervisor.get('/api/v1/cases?assignee=unassigned&queue=merchant&limit=100')).body)).toContain(withMerchant);

    // The merchant lists its cases without the platform's people.
    const mine = (await merchantRun.merchant.get('/api/v1/cases')).body.items as Record<string, unknown>[];
    expect(mine[0]).not.toHaveProperty('assigneeName');
  });

  it('sorts by the most urgent clock, by priority, and oldest first', async () => {
    const shop = await makeShop(t);
    const first = await file(shop, { kind: 'complaint', reason: 'quality', description: '耳机有杂音' });
    t.clock.advance(60_000);
    const second = await file(shop, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    const list = async (sort: string) => caseNos((await shop.merchant.get(`/api/v1/cases?sort=${sort}`)).body);
    expect(await list('newest')).toEqual([second, first]);
    expect(await list('oldest')).toEqual([first, second]);
    // The merchant's own clocks: the earliest due comes first, whatever the filing order.
    const dues = async (caseNo: string) => {
      const deadlines = (await shop.merchant.get(`/api/v1/cases/${caseNo}`)).body.deadlines as { dueAt: string; remainingMs: number | null }[];
      const open = deadlines.filter((d) => d.remainingMs !== null).map((d) => d.dueAt).sort();
      return open[0] ?? '9999';
    };
    const [dueFirst, dueSecond] = [await dues(first), await dues(second)];
    expect(await list('urgent')).toEqual(dueFirst <= dueSecond ? [first, second] : [second, first]);
    const byPriority = (await shop.merchant.get('/api/v1/cases?sort=priority')).body.items as { priority: string }[];
    expect(byPriority.map((c) => c.priority)).toEqual([...byPriority.map((c) => c.priority)].sort());
  });
});

describe("the platform's grading stays internal", () => {
  it('a customer sees their case without severity, emotion, priority, queue or assignee, and cannot filter or sort by them', async () => {
    const shop = await makeShop(t);
    const caseNo = await file(shop, { kind: 'complaint', reason: 'logistics', description: '快递一直不送！！！你们什么破服务，投诉你们！！！' });
    const internal = ['severity', 'emotion', 'priority', 'queue', 'assigneeId'];
    const staffView = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(staffView.emotion).toBe('high');
    for (const key of internal) expect(Object.keys(staffView)).toContain(key);

    const own = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(own.status).toBe(200);
    const listed = (await shop.customer.get('/api/v1/cases')).body.items.find((c: { caseNo: string }) => c.caseNo === caseNo);
    expect(listed).toBeDefined();
    for (const view of [own.body, listed]) for (const key of internal) expect(Object.keys(view)).not.toContain(key);

    for (const query of ['severity=L3', 'emotion=high', 'priority=P1', 'queue=frontline', 'assignee=unassigned', 'sort=priority']) {
      const res = await shop.customer.get(`/api/v1/cases?${query}`);
      expect(res.status, query).toBe(403);
      expect(res.body).toMatchObject({ type: '/problems/forbidden', field: query.split('=')[0] });
    }
    expect((await shop.customer.get('/api/v1/cases?kind=complaint')).status).toBe(200);
  });
});

describe('saved views', () => {
  it('saves, lists and deletes a user’s own views, refusing duplicates and unknown filters', async () => {
    const shop = await makeShop(t);
    const saved = await shop.agent.post('/api/v1/saved-views', { name: 'L1 紧急', filters: { severity: 'L1', open: 'true', sort: 'urgent' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'L1 紧急', filters: { severity: 'L1', open: 'true', sort: 'urgent' } });
    expect((await shop.agent.get('/api/v1/saved-views')).body.items.map((v: { name: string }) => v.name)).toEqual(['L1 紧急']);
    // Someone else's list is their own.
    expect((await shop.supervisor.get('/api/v1/saved-views')).body.items).toEqual([]);
    expect((await shop.supervisor.delete(`/api/v1/saved-views/${saved.body.id}`)).status).toBe(404);

    const twice = await shop.agent.post('/api/v1/saved-views', { name: 'L1 紧急', filters: {} });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ type: expect.stringContaining('saved-view-name-taken'), field: 'name' });
    const unknown = await shop.agent.post('/api/v1/saved-views', { name: '奇怪', filters: { limit: 5 } });
    expect(unknown.status).toBe(400);
    const wrong = await shop.agent.post('/api/v1/saved-views', { name: '错误', filters: { severity: 'L9' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toMatch(/severity/);

    expect((await shop.agent.delete(`/api/v1/saved-views/${saved.body.id}`)).status).toBe(204);
    expect((await shop.agent.get('/api/v1/saved-views')).body.items).toEqual([]);
  });
});
