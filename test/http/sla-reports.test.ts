// SLA figures (SLA-13): response times per channel, a channel that misses its target reported,
// and the supervisors' escalation queue of breached and escalated cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

const MINUTE = 60_000;
const T0 = new Date('2026-11-10T10:00:00+08:00');

async function file(shop: Shop, channel: string, kind = 'return_refund', reason = 'quality'): Promise<string> {
  const res = await shop.customer.post('/api/v1/cases', {
    kind,
    reason,
    channel,
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    description: '屏幕有坏点',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseNo as string;
}

async function answer(shop: Shop, caseNo: string, channel: string): Promise<void> {
  const res = await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '您好，我们正在处理', visibility: 'public', channel });
  expect(res.status).toBe(201);
}

const at = (minutes: number) => t.clock.set(new Date(T0.getTime() + minutes * MINUTE));

let shops: Shop[];
const cases: Record<string, string> = {};

describe('SLA compliance and the escalation queue', () => {
  beforeAll(async () => {
    shops = await Promise.all(Array.from({ length: 6 }, () => makeShop(t, { platformOperated: true })));
    const [a, b, c, d, e, f] = shops as [Shop, Shop, Shop, Shop, Shop, Shop];
    at(0);
    // Chat answers within 3 minutes: two on time, one never.
    cases.chatFast = await file(a, 'chat');
    cases.chatSlow = await file(b, 'chat');
    cases.chatMissed = await file(c, 'chat');
    // Web (2 hours): a refund-only request approved and refunded at once, and one answered.
    cases.webRefund = await file(d, 'web', 'refund_only', 'logistics');
    cases.webAnswered = await file(e, 'web');
    cases.webQueued = await file(f, 'web');

    at(1);
    await answer(a, cases.chatFast, 'chat');
    const approved = await d.agent.action(cases.webRefund, 'approve_request', {});
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('executing');
    at(2);
    await answer(b, cases.chatSlow, 'chat');
    const detail = await d.finance.get(`/api/v1/cases/${cases.webRefund}`);
    const task = detail.body.tasks.find((x: { type: string }) => x.type === 'refund');
    const refunded = await d.finance.action(cases.webRefund, 'complete_task', { taskId: task.id });
    expect(refunded.body.state).toBe('resolved');
    at(3);
    await answer(e, cases.webAnswered, 'web');
    await answer(f, cases.webQueued, 'web');

    at(4);
    expect(await t.runtime.deps.scheduler.runDue()).toBeGreaterThanOrEqual(1);
    expect(await t.runtime.deps.scheduler.runDue()).toBe(0);
  });

  it('reports per channel: clocks met and breached, response and resolution times, and the channel that missed', async () => {
    const [, , , , , f] = shops;
    const res = await f!.supervisor.get('/api/v1/sla/compliance');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ groupBy: 'channel', threshold: 0.9, to: new Date(T0.getTime() + 4 * MINUTE).toISOString() });
    expect(new Date(res.body.from).getTime()).toBe(T0.getTime() + 4 * MINUTE - 30 * 86_400_000);
    const chat = res.body.groups.find((g: { group: string }) => g.group === 'chat');
    const web = res.body.groups.find((g: { group: string }) => g.group === 'web');
    expect(res.body.groups.map((g: { group: string }) => g.group).sort()).toEqual(['chat', 'web']);

    expect(chat.cases).toBe(3);
    expect(chat.metrics.first_response).toEqual({ total: 3, met: 2, breached: 1, metShare: 2 / 3 });
    expect(chat.firstResponse).toEqual({ count: 2, medianMs: 1.5 * MINUTE, p90Ms: 1.9 * MINUTE });
    expect(chat.breaches).toBe(1);
    expect(chat.missedTargets).toEqual(['first_response']);
    expect(chat.resolution).toEqual({ count: 0, medianMs: null, p90Ms: null });
    // Running, unbreached clocks are not judged yet.
    expect(chat.metrics.plan_due).toEqual({ total: 0, met: 0, breached: 0, metShare: null });

    expect(web.cases).toBe(3);
    expect(web.metrics.first_response).toEqual({ total: 3, met: 3, breached: 0, metShare: 1 });
    // Answered after 1, 3 and 3 minutes.
    expect(web.firstResponse).toMatchObject({ count: 3, medianMs: 3 * MINUTE });
    expect(web.metrics.plan_due).toMatchObject({ total: 1, met: 1, metShare: 1 });
    expect(web.resolution).toEqual({ count: 1, medianMs: 2 * MINUTE, p90Ms: 2 * MINUTE });
    expect(web.breaches).toBe(0);
    expect(web.missedTargets).toEqual([]);
    expect(res.body.missed).toEqual([{ group: 'chat', metric: 'first_response', metShare: 2 / 3, total: 3, breached: 1 }]);
  });

  it('takes a threshold, a period and another grouping, and refuses a period that ends before it starts', async () => {
    const sup = shops[0]!.supervisor;
    const lenient = await sup.get('/api/v1/sla/compliance?threshold=0.5');
    expect(lenient.body.groups.find((g: { group: string }) => g.group === 'chat').missedTargets).toEqual([]);

    const byKind = await shops[0]!.compliance.get(
      `/api/v1/sla/compliance?groupBy=kind&from=${encodeURIComponent('2026-11-10T09:00:00+08:00')}&to=${encodeURIComponent('2026-11-10T11:00:00+08:00')}`,
    );
    expect(byKind.status).toBe(200);
    const kinds = Object.fromEntries(byKind.body.groups.map((g: { group: string; cases: number }) => [g.group, g.cases]));
    expect(kinds).toEqual({ refund_only: 1, return_refund: 5 });

    const before = await sup.get(`/api/v1/sla/compliance?to=${encodeURIComponent('2026-11-10T09:59:00+08:00')}`);
    expect(before.body.groups).toEqual([]);

    const backwards = await sup.get(`/api/v1/sla/compliance?from=2026-11-10T12:00:00Z&to=2026-11-10T11:00:00Z`);
    expect(backwards.status).toBe(422);
    expect(backwards.headers['content-type']).toContain('application/problem+json');
    expect(backwards.body).toMatchObject({ type: '/problems/validation-failed', field: 'from' });
    expect((await sup.get('/api/v1/sla/compliance?groupBy=colour')).status).toBe(400);
    expect((await sup.get('/api/v1/sla/compliance?from=yesterday')).status).toBe(400);
    expect((await shops[0]!.agent.get('/api/v1/sla/compliance')).status).toBe(403);
  });

  it('lists breached and escalated open cases for supervisors, newest breach first', async () => {
    // Moved to the specialists (as a breach's reassign action or a supervisor would): escalated without a breach.
    const { db } = t.runtime.deps.database;
    await db.updateTable('cases').set({ queue: 'specialists' }).where('case_no', '=', cases.webQueued!).execute();
    const res = await shops[0]!.supervisor.get('/api/v1/sla/escalations');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { caseNo: string }) => i.caseNo)).toEqual([cases.chatMissed, cases.webQueued]);
    const [missed, queued] = res.body.items;
    // Sold by the platform: the case sits with frontline.
    expect(missed).toMatchObject({ kind: 'return_refund', severity: 'L3', queue: 'frontline', channel: 'chat', latestBreachAt: '2026-11-10T02:04:00.000Z' });
    expect(missed.breaches).toEqual([
      expect.objectContaining({ metric: 'first_response', breachedAt: '2026-11-10T02:04:00.000Z', dueAt: '2026-11-10T02:03:00.000Z', paused: false }),
    ]);
    expect(queued).toMatchObject({ queue: 'specialists', latestBreachAt: null, breaches: [] });
    // Who holds each case, by name, and the queue's name: no need to filter by holder to find out.
    for (const item of [missed, queued]) {
      const routing = (await shops[0]!.supervisor.get(`/api/v1/cases/${item.caseNo}`)).body.routing;
      expect(item).toMatchObject({ assigneeName: routing.assignee?.displayName ?? null, queueName: routing.queueName });
    }
    expect(queued.queueName['zh-CN']).toBeTruthy();

    const page = await shops[0]!.admin.get('/api/v1/sla/escalations?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, hasMore: false, items: [expect.objectContaining({ caseNo: cases.webQueued })] });

    // A withdrawn case leaves the queue with its clocks.
    expect((await shops[2]!.customer.action(cases.chatMissed!, 'withdraw', { reason: '不需要了' })).status).toBe(200);
    const after = await shops[0]!.supervisor.get('/api/v1/sla/escalations');
    expect(after.body.items.map((i: { caseNo: string }) => i.caseNo)).toEqual([cases.webQueued]);

    expect((await shops[0]!.agent.get('/api/v1/sla/escalations')).status).toBe(403);
    expect((await shops[0]!.customer.get('/api/v1/sla/escalations')).status).toBe(403);
    expect((await shops[0]!.compliance.get('/api/v1/sla/escalations')).status).toBe(403);
    expect((await shops[0]!.anonymous.get('/api/v1/sla/escalations')).status).toBe(401);
  });
});
