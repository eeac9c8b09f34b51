// Who may be given a case and who may route one again (ORG-1, TR-7): a deactivated user takes no
// case and is shown as unavailable; staff below supervisor re-route only what is theirs to route.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, type Client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

type UserRole = Parameters<typeof createUserWithToken>[1]['role'];

async function staff(role: UserRole, name: string = role): Promise<{ userId: string; api: Client }> {
  const user = await createUserWithToken(t.runtime.deps.database.db, { email: `${role}-${randomUUID().slice(0, 8)}@test.local`, displayName: name, role });
  return { userId: user.userId, api: client(t, user.token) };
}

async function complaint(shop: Shop): Promise<string> {
  const res = await shop.customer.post('/api/v1/cases', {
    kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机左耳没有声音，希望尽快处理',
  });
  expect(res.status).toBe(201);
  return res.body.caseNo;
}

async function deactivate(shop: Shop, userId: string): Promise<void> {
  const res = await t.runtime.app.inject({
    method: 'PATCH', url: `/api/v1/users/${userId}`, headers: { authorization: `Bearer ${shop.admin.token}` }, payload: { active: false },
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('a deactivated user (ORG-1)', () => {
  it('is given no case and is listed as deactivated and unavailable', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const agent9 = await staff('agent', 'agent9');
    const idle = await staff('agent', 'no profile yet');
    expect((await shop.admin.put(`/api/v1/routing/agents/${agent9.userId}`, { maxOpenCases: 5 })).status).toBe(200);
    await deactivate(shop, agent9.userId);
    await deactivate(shop, idle.userId);
    const caseNo = await complaint(shop);

    for (const userId of [agent9.userId, idle.userId]) {
      const refused = await shop.supervisor.action(caseNo, 'assign', { userId });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ type: '/problems/user-deactivated', userId });
    }
    const d = (await shop.supervisor.get(`/api/v1/cases/${caseNo}`)).body;
    expect(d.assigneeId).not.toBe(agent9.userId);
    expect(d.timeline.some((e: { type: string }) => e.type === 'case_assigned')).toBe(false);

    const listed = (await shop.supervisor.get('/api/v1/routing/agents?include=all')).body.items as { userId: string; available: boolean; active: boolean }[];
    expect(listed.find((p) => p.userId === agent9.userId)).toMatchObject({ available: false, active: false });
    expect(listed.find((p) => p.userId === idle.userId)).toMatchObject({ available: false, active: false });
    expect((await shop.supervisor.get(`/api/v1/routing/agents/${agent9.userId}`)).body).toMatchObject({ available: false, active: false });
  });
});

describe('routing a case again (TR-7)', () => {
  it("an agent may not undo a supervisor's assignment; their own or an unassigned case in their queue they may", async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo = await complaint(shop);
    expect((await shop.supervisor.action(caseNo, 'assign', { queue: 'supervisors' })).status).toBe(200);
    const taken = await shop.supervisor.action(caseNo, 'assign', {});
    expect(taken.status).toBe(200);
    const supervisorId = taken.body.assigneeId as string;

    const seen = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect((seen.actions as { action: string }[]).map((a) => a.action)).not.toContain('route');
    const refused = await shop.agent.action(caseNo, 'route', {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: '/problems/not-yours-to-route', queue: 'supervisors', assigneeId: supervisorId });
    const after = (await shop.supervisor.get(`/api/v1/cases/${caseNo}`)).body;
    expect(after).toMatchObject({ queue: 'supervisors', assigneeId: supervisorId });
    expect((after.timeline as { type: string }[]).filter((e) => e.type === 'case_routed')).toHaveLength(1);

    // Back in frontline unassigned, the agent may route it (the rules keep an L3 case there).
    expect((await shop.supervisor.action(caseNo, 'assign', { queue: 'frontline' })).status).toBe(200);
    const agentView = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect((agentView.actions as { action: string }[]).map((a) => a.action)).toContain('route');
    expect((await shop.agent.action(caseNo, 'route', {})).status).toBe(200);
  });
});
