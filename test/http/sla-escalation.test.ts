// SLA-8 escalation as routing (TR-3, SLA-9, ORG-2): an L3 case frontline has not resolved in 2 h
// goes up through routing (a specialist by load, the departments asked, the previous holder told),
// departments are not asked twice, and a case compliance reviews is not moved by the handlers' clock.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, type Client, makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const MIN = 60_000;

type Event = { type: string; data?: Record<string, any> };
type Detail = {
  state: string; severity: string; queue: string; assigneeId: string | null; timeline: Event[];
  deadlines: { metric: string; state: string; paused: boolean; remainingMs: number | null }[];
  collaborations: { id: string; department: string; status: string }[];
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

async function detail(api: Client, caseNo: string): Promise<Detail> {
  const res = await api.get(`/api/v1/cases/${caseNo}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function notices(api: Client, caseNo: string) {
  const res = await api.get('/api/v1/notifications?limit=200');
  expect(res.status).toBe(200);
  return (res.body.items as { type: string; caseNo: string }[]).filter((n) => n.caseNo === caseNo);
}

async function logisticsComplaint(shop: Shop): Promise<string> {
  const res = await shop.customer.post('/api/v1/cases', {
    kind: 'complaint', reason: 'logistics', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '快递一直没有更新，麻烦查一下',
  });
  expect(res.status).toBe(201);
  return res.body.caseNo;
}

describe('the 2-hour frontline escalation (SLA-8, TR-3)', () => {
  it('routes the case to a specialist with capacity, asks the departments once, and tells the previous holder', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const user = await createUserWithToken(t.runtime.deps.database.db, {
      email: `spec-${randomUUID().slice(0, 8)}@test.local`, displayName: '资深专员', role: 'specialist',
    });
    const specialist = client(t, user.token);
    expect((await shop.admin.put(`/api/v1/routing/agents/${user.userId}`, { maxOpenCases: 10, senior: true })).status).toBe(200);
    const caseNo = await logisticsComplaint(shop);
    const taken = await shop.agent.action(caseNo, 'assign', {});
    expect(taken.status).toBe(200);
    const agentId = taken.body.assigneeId as string;
    expect(await detail(shop.agent, caseNo)).toMatchObject({ severity: 'L3', queue: 'frontline', assigneeId: agentId });

    t.clock.advance(121 * MIN);
    await runTimers(t);
    const d = await detail(shop.supervisor, caseNo);
    expect(d).toMatchObject({ severity: 'L2', queue: 'specialists', assigneeId: user.userId });
    expect(d.timeline.filter((e) => e.type === 'case_routed').at(-1)?.data).toMatchObject({
      trigger: 'sla_escalation', queue: 'specialists', assigneeId: user.userId, from: { queue: 'frontline', assigneeId: agentId },
    });
    // As an L2 logistics case at intake: logistics is asked at once.
    expect(d.collaborations.map((c) => c.department)).toEqual(['logistics']);
    expect((await notices(specialist, caseNo)).map((n) => n.type)).toContain('case_assigned');
    expect((await notices(shop.agent, caseNo)).map((n) => n.type)).toContain('case_escalated_away');

    // ORG-2: logistics answered; routing the case again asks nobody twice.
    const request = d.collaborations[0]!;
    expect((await shop.supervisor.post(`/api/v1/collaborations/${request.id}/answer`, { answer: '运单已找到，明日派送' })).status).toBe(200);
    expect((await shop.supervisor.action(caseNo, 'route', {})).status).toBe(200);
    const after = await detail(shop.supervisor, caseNo);
    expect(after.collaborations).toHaveLength(1);
    expect(after.timeline.filter((e) => e.type === 'collaboration_requested')).toHaveLength(1);
  });

  it('leaves a case under compliance review where it is, its handlers\' clocks stopped until it comes back', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo = await logisticsComplaint(shop);
    expect((await shop.agent.action(caseNo, 'acknowledge', {})).status).toBe(200);
    t.clock.advance(30 * MIN);
    expect((await shop.supervisor.action(caseNo, 'escalate_to_compliance', { reason: '客户称已向监管部门反映，需合规评估' })).status).toBe(200);
    const review = await detail(shop.compliance, caseNo);
    expect(review).toMatchObject({ state: 'compliance_review', queue: 'compliance', severity: 'L3' });
    const frontline = review.deadlines.find((x) => x.metric === 'frontline_escalation')!;
    expect(frontline).toMatchObject({ paused: true, remainingMs: 90 * MIN });
    expect(review.deadlines.find((x) => x.metric === 'follow_up')).toMatchObject({ paused: true });
    expect(review.deadlines.find((x) => x.metric === 'compliance_review')).toMatchObject({ paused: false });

    t.clock.advance(125 * MIN);
    await runTimers(t);
    const d = await detail(shop.compliance, caseNo);
    expect(d).toMatchObject({ state: 'compliance_review', queue: 'compliance', severity: 'L3' });
    expect(d.timeline.map((e) => e.type)).not.toContain('severity_escalated');
    expect(d.timeline.filter((e) => e.type === 'sla_breached').map((e) => e.data?.metric)).not.toContain('frontline_escalation');
    expect(d.deadlines.find((x) => x.metric === 'frontline_escalation')).toMatchObject({ paused: true, remainingMs: 90 * MIN });
  });
});
