// The routing actions a case lists (assign/take, unassign, route, appeal) are exactly those its
// caller can run: for every role, on a case with the merchant, unassigned in the frontline queue,
// and held by an agent, each listed action is accepted and each one not listed is refused (403, 409, or 422 for someone with no agent profile). The
// case detail names its queue and holder for staff.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, type Client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

const ROUTING = ['assign', 'unassign', 'route', 'appeal'] as const;
const MANAGERS = new Set(['supervisor', 'admin']);
type Setup = 'with-merchant' | 'frontline-unassigned' | 'frontline-held';

describe('routing actions offered on a case', () => {
  let shop: Shop;
  let agent: { userId: string; api: Client };
  let specialist: Client;
  let admin: Client;

  beforeAll(async () => {
    shop = await makeShop(t, { platformOperated: true });
    const { db } = t.runtime.deps.database;
    const a = await createUserWithToken(db, { email: `agent-${randomUUID().slice(0, 8)}@test.local`, displayName: '客服小林', role: 'agent' });
    agent = { userId: a.userId, api: client(t, a.token) };
    expect((await shop.supervisor.put(`/api/v1/routing/agents/${a.userId}`, { maxOpenCases: 1000 })).status).toBe(200);
    specialist = client(t, (await createUserWithToken(db, { email: `spec-${randomUUID().slice(0, 8)}@test.local`, displayName: '专员', role: 'specialist' })).token);
    admin = shop.admin;
  });

  let current: string | null = null;
  /**
   * A fresh open case about the shop's item in the given situation; the previous one is withdrawn
   * first (one open case per customer, kind and item, IN-8).
   */
  async function freshCase(setup: Setup): Promise<string> {
    if (current) expect((await shop.customer.action(current, 'withdraw', { reason: '已解决' })).status).toBe(200);
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'logistics', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '快递一直没有更新，麻烦查一下',
    });
    expect(created.status).toBe(201);
    expect(created.body.duplicateOf).toBeNull();
    const caseNo: string = created.body.caseNo;
    current = caseNo;
    const body = setup === 'with-merchant' ? { queue: 'merchant' } : setup === 'frontline-held' ? { queue: 'frontline', userId: agent.userId } : { queue: 'frontline' };
    const moved = await shop.supervisor.action(caseNo, 'assign', body);
    expect([200, 409]).toContain(moved.status); // 409: already there, as wanted
    const d = await shop.supervisor.get(`/api/v1/cases/${caseNo}`);
    expect(d.body.queue).toBe(body.queue);
    expect(d.body.assigneeId).toBe(setup === 'frontline-held' ? agent.userId : null);
    return caseNo;
  }

  const bodyFor = (role: string, action: (typeof ROUTING)[number]) =>
    action === 'assign' ? (MANAGERS.has(role) ? { queue: 'specialists', note: '转专员组' } : {}) : action === 'appeal' ? { reason: '商家迟迟不处理' } : {};

  it('every listed routing action is accepted and every other one refused, for every role and situation', async () => {
    const callers: [string, Client][] = [
      ['customer', shop.customer], ['merchant', shop.merchant], ['agent', agent.api], ['specialist', specialist],
      ['supervisor', shop.supervisor], ['compliance', shop.compliance], ['finance', shop.finance], ['admin', admin],
    ];
    const offered = new Map<string, string[]>();
    for (const setup of ['with-merchant', 'frontline-unassigned', 'frontline-held'] as const) {
      for (const [role, api] of callers) {
        let caseNo = await freshCase(setup);
        const seen = await api.get(`/api/v1/cases/${caseNo}`);
        expect(seen.status, `${role} reads the case`).toBe(200);
        const listed = (seen.body.actions as { action: string }[]).map((a) => a.action).filter((a) => (ROUTING as readonly string[]).includes(a));
        offered.set(`${setup} ${role}`, listed);
        for (const action of ROUTING) {
          const res = await api.action(caseNo, action, bodyFor(role, action));
          const what = `${role} ${action} on a case ${setup} (listed: ${listed.join(',')}) -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
          if (listed.includes(action)) {
            expect(res.status, what).toBe(200);
            caseNo = await freshCase(setup);
          } else {
            expect([403, 409, 422], what).toContain(res.status);
          }
        }
      }
    }
    // The expected shape, so an empty list everywhere cannot pass.
    // ORG-3: the customer appeals once the merchant has had its turn, not on a case just filed.
    expect(offered.get('with-merchant customer')).toEqual([]);
    expect(offered.get('with-merchant merchant')).toEqual(['appeal']);
    expect(offered.get('frontline-unassigned agent')).toEqual(['assign', 'route']);
    expect(offered.get('frontline-held agent')).toEqual(['unassign', 'route']);
    expect(offered.get('frontline-unassigned specialist')).toEqual([]);
    expect(offered.get('frontline-held specialist')).toEqual([]);
    expect(offered.get('frontline-held supervisor')).toEqual(['assign', 'unassign', 'route']);
    expect(offered.get('with-merchant supervisor')).toEqual(['assign', 'route', 'appeal']);
    expect(offered.get('frontline-held finance')).toEqual([]);
  }, 120_000);

  it('the labels say take for an agent and assign for a supervisor; the detail names the queue and holder for staff only', async () => {
    const caseNo = await freshCase('frontline-unassigned');
    const label = async (api: Client) => ((await api.get(`/api/v1/cases/${caseNo}`)).body.actions as { action: string; label: Record<string, string> }[]).find((a) => a.action === 'assign')?.label;
    expect(await label(agent.api)).toEqual({ 'zh-CN': '认领', 'en-US': 'take the case' });
    expect((await label(shop.supervisor))?.['zh-CN']).toBe('指派或转队列');

    expect((await agent.api.action(caseNo, 'assign', {})).status).toBe(200);
    const staffView = await shop.supervisor.get(`/api/v1/cases/${caseNo}`);
    expect(staffView.body.routing).toEqual({ queueName: { 'zh-CN': '一线客服', 'en-US': 'Frontline' }, assignee: { id: agent.userId, displayName: '客服小林' } });
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.routing).toBeUndefined();
    expect((await shop.merchant.get(`/api/v1/cases/${caseNo}`)).body.routing).toBeUndefined();
    // Lists and action answers carry the same routing actions as the detail.
    const listed = await agent.api.get(`/api/v1/cases?q=${caseNo}`);
    const row = (listed.body.items as { caseNo: string; actions: { action: string }[] }[]).find((c) => c.caseNo === caseNo)!;
    expect(row.actions.map((a) => a.action)).toEqual(expect.arrayContaining(['unassign', 'route']));
    const released = await agent.api.action(caseNo, 'unassign', {});
    expect(released.body.actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['assign', 'route']));
  });
});
