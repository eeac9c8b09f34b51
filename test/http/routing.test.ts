// Routing and assignment through the real app (TR-3, TR-4, TR-7, ORG-3): L1 to the supervisors
// with supervisor and compliance told at once; a merchant's goods to the merchant first and the
// customer's appeal (or a missed merchant deadline) to the platform; assignment balanced under
// caps; rules edited by admins and explained; staff overrides logged on the timeline.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { requestPlatformIntervention } from '../../src/modules/routing/routing.actions.ts';
import { client, type Client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

type Event = { type: string; actorRole: string; reason: string | null; data?: Record<string, any> };
type Detail = { queue: string; assigneeId: string | null; severity: string; timeline: Event[]; deadlines: { metric: string; state: string }[] };

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

async function detail(api: Client, caseNo: string): Promise<Detail> {
  const res = await api.get(`/api/v1/cases/${caseNo}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function notices(api: Client, caseNo: string) {
  const res = await api.get('/api/v1/notifications?limit=200');
  expect(res.status).toBe(200);
  return (res.body.items as { type: string; caseNo: string; title: Record<string, string> }[]).filter((n) => n.caseNo === caseNo);
}

async function complaint(shop: Shop, withItem = true): Promise<string> {
  const res = await shop.customer.post('/api/v1/cases', {
    kind: 'complaint', reason: 'quality', items: withItem ? [{ orderItemId: shop.orderItemId, quantity: 1 }] : [], description: '耳机左耳没有声音，希望尽快处理',
  });
  expect(res.status).toBe(201);
  // Routine wording: triage grades it L3.
  expect((await shop.agent.get(`/api/v1/cases/${res.body.caseNo}`)).body.severity).toBe('L3');
  return res.body.caseNo;
}

const events = (d: Detail, type: string) => d.timeline.filter((e) => e.type === type);

describe('L1 (TR-3)', () => {
  it('goes to the supervisors queue, with supervisor and compliance told at once and the reasons recorded', async () => {
    const shop = await makeShop(t);
    const lead = await staff('supervisor', '值班主管');
    expect((await shop.admin.put(`/api/v1/routing/agents/${lead.userId}`, { maxOpenCases: 5 })).status).toBe(200);
    const caseNo = await complaint(shop);
    // Triage (a later module) raises severity; here the test sets it.
    await t.runtime.deps.database.db.updateTable('cases').set({ severity: 'L1' }).where('case_no', '=', caseNo).execute();

    const routed = await shop.supervisor.action(caseNo, 'route', {});
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ queue: 'supervisors', assigneeId: lead.userId });
    const d = await detail(shop.agent, caseNo);
    const event = events(d, 'case_routed').at(-1);
    expect(event).toMatchObject({ actorRole: 'supervisor', data: { trigger: 'manual', rule: 'l1-urgent', queue: 'supervisors', assigneeId: lead.userId } });
    expect(event!.data!.reasons[0].rule).toBe('l1-urgent');
    expect(event!.data!.reasons[0].text['zh-CN']).toContain('投诉级别为 L1');
    expect(event!.data!.reasons[1].rule).toBe('assignment');
    expect((await notices(shop.supervisor, caseNo)).map((n) => n.type)).toContain('case_routed');
    expect((await notices(shop.compliance, caseNo)).map((n) => n.type)).toContain('case_routed');
    expect(await notices(shop.agent, caseNo)).toEqual([]);
    expect((await notices(lead.api, caseNo)).map((n) => n.type)).toContain('case_assigned');
    // Routing is bookkeeping, not an answer to the customer: the first-response clock still runs.
    expect(d.deadlines.find((c) => c.metric === 'first_response')?.state).toBe('running');
    // The queue lists it.
    const listed = await shop.supervisor.get('/api/v1/cases?queue=supervisors&limit=100');
    expect(listed.body.items.map((c: { caseNo: string }) => c.caseNo)).toContain(caseNo);
  });
});

describe('merchant first, then platform intervention (ORG-3)', () => {
  it("routes a merchant's case to the merchant; the customer's appeal moves it to the platform", async () => {
    const shop = await makeShop(t, { platformOperated: false });
    const caseNo = await complaint(shop);
    expect((await shop.agent.action(caseNo, 'route', {})).body.queue).toBe('merchant');
    const d = await detail(shop.agent, caseNo);
    expect(events(d, 'case_routed').at(-1)!.data).toMatchObject({ rule: 'merchant-first', queue: 'merchant', assigneeId: null });
    expect((await notices(shop.merchant, caseNo)).map((n) => n.type)).toContain('case_routed');
    const mine = await shop.merchant.get('/api/v1/cases?queue=merchant');
    expect(mine.body.items.map((c: { caseNo: string }) => c.caseNo)).toContain(caseNo);

    // Another merchant cannot; the case's own merchant could (see below), the customer does here.
    const stranger = await makeShop(t, { platformOperated: false });
    expect((await stranger.merchant.action(caseNo, 'appeal', { reason: '我自己申诉' })).status).toBe(404);
    expect((await shop.customer.action(caseNo, 'appeal', {})).status).toBe(400);
    // The merchant first: before it has had its turn the customer is told when they may ask.
    const early = await shop.customer.action(caseNo, 'appeal', { reason: '商家三天不回复，要求平台介入' });
    expect([early.status, early.body.type]).toEqual([409, '/problems/appeal-too-early']);
    expect(early.body.messages['zh-CN']).toContain('前答复');
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.actions.map((a: { action: string }) => a.action)).not.toContain('appeal');
    // Once the merchant's first deadline has passed unanswered, they may.
    t.clock.advance(new Date(early.body.availableFrom).getTime() - t.clock.now().getTime());
    expect((await shop.customer.get(`/api/v1/cases/${caseNo}`)).body.actions.map((a: { action: string }) => a.action)).toContain('appeal');
    const appealed = await shop.customer.action(caseNo, 'appeal', { reason: '商家三天不回复，要求平台介入' });
    expect(appealed.status).toBe(200);
    expect(appealed.body.queue).toBeUndefined(); // where it sits inside the platform is not the customer's to see
    const after = await detail(shop.agent, caseNo);
    expect(after.queue).toBe('specialists');
    const intervention = events(after, 'platform_intervention');
    expect(intervention).toHaveLength(1);
    expect(intervention[0]).toMatchObject({ actorRole: 'customer', reason: '商家三天不回复，要求平台介入', data: { trigger: 'appeal' } });
    const routed = events(after, 'case_routed').at(-1)!;
    expect(routed).toMatchObject({ actorRole: 'system', data: { trigger: 'appeal', rule: 'platform-intervention', queue: 'specialists', from: { queue: 'merchant' } } });
    expect((await notices(shop.merchant, caseNo)).map((n) => n.type)).toContain('platform_intervention');
    // The customer sees their appeal on the timeline.
    const seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.timeline.map((e: Event) => e.type)).toContain('platform_intervention');
    // The merchant no longer decides the case it lost: no refusal, plan or result of its own.
    const overruled = await shop.merchant.action(caseNo, 'reject_ineligible', { reason: '商品已拆封' });
    expect(overruled.status).toBe(409);
    expect(overruled.body.code).toBe('platform_handles');
    const offered = ((await shop.merchant.get(`/api/v1/cases/${caseNo}`)).body.actions as { action: string }[]).map((x) => x.action);
    expect(offered).not.toContain('reject_ineligible');
    expect(offered).not.toContain('propose_plan');
    // Once the platform has it, there is nothing to appeal; re-routing keeps it with the platform.
    expect((await shop.customer.action(caseNo, 'appeal', { reason: '再次申请' })).status).toBe(409);
    expect((await shop.agent.action(caseNo, 'route', {})).body.queue).toBe('specialists');
  });

  it('the merchant itself may bring the platform in, for a fault it may not find itself', async () => {
    const shop = await makeShop(t, { platformOperated: false });
    const caseNo = await complaint(shop);
    await shop.agent.action(caseNo, 'route', {});
    const wrong = await shop.merchant.action(caseNo, 'start_investigation', {});
    expect(wrong.status).toBe(200);
    const asked = await shop.merchant.action(caseNo, 'appeal', { reason: '系统价格错误导致，属平台原因，申请平台介入' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const after = await detail(shop.agent, caseNo);
    expect(after.queue).toBe('specialists');
    expect(events(after, 'platform_intervention')[0]).toMatchObject({ actorRole: 'merchant', data: { trigger: 'appeal' } });
  });

  it('a merchant deadline missed with no automatic outcome brings the platform in, once', async () => {
    const shop = await makeShop(t, { platformOperated: false });
    const caseNo = await complaint(shop);
    await shop.agent.action(caseNo, 'route', {});
    const { id } = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;
    const job = { caseId: id, deadlineId: randomUUID(), metric: 'task_deadline' };
    const first = await requestPlatformIntervention(t.runtime.deps, job);
    expect(first?.queue).toBe('specialists');
    await requestPlatformIntervention(t.runtime.deps, job);
    await requestPlatformIntervention(t.runtime.deps, { ...job, deadlineId: randomUUID() });
    const d = await detail(shop.agent, caseNo);
    expect(events(d, 'platform_intervention')).toHaveLength(1);
    expect(events(d, 'platform_intervention')[0]).toMatchObject({ actorRole: 'system', data: { trigger: 'merchant_missed_deadline', metric: 'task_deadline' } });
    const seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(seen.body.messages.some((m: { body: string }) => m.body.includes('平台已介入'))).toBe(true);
  });
});

describe('assignment under load caps (TR-4)', () => {
  it('balances open cases across available agents below their caps and leaves the rest unassigned', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const team = await Promise.all([1, 2, 3].map((cap) => staff('agent', `客服${cap}`).then((a) => ({ ...a, cap }))));
    for (const a of team) expect((await shop.supervisor.put(`/api/v1/routing/agents/${a.userId}`, { maxOpenCases: a.cap })).status).toBe(200);
    const away = await staff('agent', '休假客服');
    await shop.admin.put(`/api/v1/routing/agents/${away.userId}`, { maxOpenCases: 10 });
    // An agent switches their own availability, and nothing else.
    expect((await away.api.put(`/api/v1/routing/agents/${away.userId}`, { available: false })).body.available).toBe(false);
    expect((await away.api.put(`/api/v1/routing/agents/${away.userId}`, { maxOpenCases: 99 })).status).toBe(403);
    expect((await away.api.put(`/api/v1/routing/agents/${team[0]!.userId}`, { available: false })).status).toBe(403);

    const cases: string[] = [];
    for (let i = 0; i < 8; i += 1) cases.push(await complaint(shop, false));
    const assignees: (string | null)[] = [];
    for (const caseNo of cases) {
      const res = await shop.agent.action(caseNo, 'route', {});
      expect(res.body.queue).toBe('frontline');
      assignees.push(res.body.assigneeId);
    }
    // The first three go one to each agent; then the least loaded below their cap.
    expect(new Set(assignees.slice(0, 3))).toEqual(new Set(team.map((a) => a.userId)));
    for (const a of team) expect(assignees.filter((x) => x === a.userId)).toHaveLength(a.cap);
    expect(assignees.slice(6)).toEqual([null, null]);
    expect(assignees).not.toContain(away.userId);
    const waiting = await detail(shop.agent, cases[7]!);
    expect(events(waiting, 'case_routed').at(-1)!.data!.reasons[1].text['en-US']).toContain('waits in the queue');
    const loads = (await shop.supervisor.get('/api/v1/routing/agents')).body.items as { userId: string; openCases: number; maxOpenCases: number }[];
    for (const a of team) expect(loads.find((l) => l.userId === a.userId)).toMatchObject({ openCases: a.cap, maxOpenCases: a.cap });

    // A closed case frees a place: the next routing fills it.
    await shop.customer.action(cases[0]!, 'withdraw', { reason: '不需要了' });
    const freed = assignees[0]!;
    expect((await shop.agent.action(cases[7]!, 'route', {})).body.assigneeId).toBe(freed);
  });

  it('holds the caps when cases are routed at the same time', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    // Everyone from the previous test is full, off, or removed from the pool here.
    const before = (await shop.supervisor.get('/api/v1/routing/agents')).body.items as { userId: string; role: string }[];
    for (const a of before.filter((x) => x.role === 'agent')) await shop.supervisor.put(`/api/v1/routing/agents/${a.userId}`, { available: false });
    const pair = await Promise.all([staff('agent', 'A'), staff('agent', 'B')]);
    for (const a of pair) await shop.supervisor.put(`/api/v1/routing/agents/${a.userId}`, { maxOpenCases: 2 });
    const cases: string[] = [];
    for (let i = 0; i < 6; i += 1) cases.push(await complaint(shop, false));
    const results = await Promise.all(cases.map((caseNo) => shop.supervisor.action(caseNo, 'route', {})));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const assignees = results.map((r) => r.body.assigneeId as string | null);
    for (const a of pair) expect(assignees.filter((x) => x === a.userId)).toHaveLength(2);
    expect(assignees.filter((x) => x === null)).toHaveLength(2);
  });
});

describe('rules as data (TR-4, TR-7)', () => {
  const appliance = { severity: 'L3', kind: 'complaint', productCategories: ['appliances'] };

  it('an admin edits the rules and explain shows the new decision; others may not edit', async () => {
    const shop = await makeShop(t);
    const before = await shop.agent.post('/api/v1/routing/explain', { facts: appliance });
    expect(before.status).toBe(200);
    expect(before.body.decision).toMatchObject({ queue: 'frontline', rule: 'l3-frontline' });

    const current = await shop.admin.get('/api/v1/routing/rules');
    expect(current.status).toBe(200);
    const version: number = current.body.version;
    expect(current.body.items.map((r: { key: string }) => r.key)).toEqual(['l1-urgent', 'l2-complex', 'merchant-first', 'platform-intervention', 'l3-frontline']);
    const appliances = {
      key: 'appliances',
      name: { 'zh-CN': '家电类：专员', 'en-US': 'Appliances: specialists' },
      conditions: { productCategory: ['appliances'], severity: ['L3'] },
      actions: { queue: 'specialists', requiredSkills: { productCategories: ['appliances'] }, notifyRoles: ['specialist'] },
    };
    const rules = [current.body.items[0], current.body.items[1], appliances, ...current.body.items.slice(2)];

    expect((await shop.supervisor.put('/api/v1/routing/rules', { version, rules })).status).toBe(403);
    expect((await shop.agent.get('/api/v1/routing/rules')).status).toBe(403);
    const badQueue = await shop.admin.put('/api/v1/routing/rules', { version, rules: [{ ...appliances, actions: { queue: 'nowhere' } }] });
    expect(badQueue.status).toBe(422);
    expect((await shop.admin.put('/api/v1/routing/rules', { version, rules: [appliances, appliances] })).status).toBe(400);

    const saved = await shop.admin.put('/api/v1/routing/rules', { version, rules });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(version + 1);
    expect((await shop.admin.put('/api/v1/routing/rules', { version, rules })).status).toBe(409);

    const after = await shop.agent.post('/api/v1/routing/explain', { facts: appliance });
    expect(after.body.decision).toMatchObject({ queue: 'specialists', rule: 'appliances', requiredSkills: { productCategories: ['appliances'] } });
    expect(after.body.decision.reasons[0].text['en-US']).toContain('Appliances: specialists');
    expect(after.body.decision.reasons[0].text['en-US']).toContain('product category is appliances');
    expect(after.body.rules.find((r: { rule: string }) => r.rule === 'l1-urgent').matched).toBe(false);
    expect((await shop.agent.post('/api/v1/routing/explain', { facts: { ...appliance, severity: 'L1' } })).body.decision.queue).toBe('supervisors');
    // A draft list can be tried before it is saved.
    const draft = await shop.agent.post('/api/v1/routing/explain', { facts: appliance, rules: [current.body.items[4]] });
    expect(draft.body).toMatchObject({ draft: true, decision: { queue: 'frontline' } });

    // Queues: added by admins; one an active rule uses cannot be switched off.
    expect((await shop.admin.post('/api/v1/routing/queues', { key: 'vip', name: { 'zh-CN': '大客户', 'en-US': 'VIP' }, role: 'specialist' })).status).toBe(201);
    expect((await shop.admin.put('/api/v1/routing/queues/specialists', { name: { 'zh-CN': '专员', 'en-US': 'Specialists' }, role: 'specialist', active: false })).status).toBe(422);
    expect((await shop.agent.post('/api/v1/routing/queues', { key: 'mine', name: { 'zh-CN': '我的', 'en-US': 'Mine' }, role: 'agent' })).status).toBe(403);
    const paths = Object.keys((await shop.anonymous.get('/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/routing/rules', '/api/v1/routing/explain', '/api/v1/cases/{caseNo}/actions/appeal']));
  });
});

describe('staff overrides (TR-7)', () => {
  it('assigning, taking and releasing are logged with who did it, and move no SLA clock', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const [ann, bob] = await Promise.all([staff('agent', 'Ann'), staff('agent', 'Bob')]);
    for (const a of [ann, bob]) await shop.supervisor.put(`/api/v1/routing/agents/${a.userId}`, { maxOpenCases: 0 });
    const caseNo = await complaint(shop);
    expect((await shop.agent.action(caseNo, 'route', {})).body.assigneeId).toBeNull(); // both at cap 0

    // An agent may not hand a case to someone else, and cannot take over their cap.
    expect((await ann.api.action(caseNo, 'assign', { userId: bob.userId })).status).toBe(403);
    expect((await ann.api.action(caseNo, 'assign', {})).status).toBe(409);
    expect((await shop.customer.action(caseNo, 'assign', {})).status).toBe(403);
    // Only staff take cases; staff without a profile yet work with the defaults.
    const department = await createUserWithToken(t.runtime.deps.database.db, { email: `dept-${randomUUID().slice(0, 8)}@test.local`, displayName: '物流组', role: 'department', department: 'logistics' });
    expect((await shop.supervisor.action(caseNo, 'assign', { userId: department.userId })).status).toBe(422);
    const plain = await staff('agent', '无档案');
    expect((await shop.supervisor.get(`/api/v1/routing/agents/${plain.userId}`)).status).toBe(404);
    const another = await complaint(await makeShop(t));
    const taken = await shop.supervisor.action(another, 'assign', { userId: plain.userId });
    expect(taken.body.assigneeId, JSON.stringify(taken.body)).toBe(plain.userId);
    expect((await shop.supervisor.get(`/api/v1/routing/agents/${plain.userId}`)).body).toMatchObject({ maxOpenCases: 20, available: true, openCases: 1 });

    const assigned = await shop.supervisor.action(caseNo, 'assign', { userId: bob.userId, note: '熟悉此类问题' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assigneeId: bob.userId, queue: 'frontline' });
    let d = await detail(shop.agent, caseNo);
    expect(events(d, 'case_assigned')[0]).toMatchObject({
      actorRole: 'supervisor', reason: null,
      data: { note: '熟悉此类问题', override: true, take: false, from: { assigneeId: null }, to: { assigneeId: bob.userId }, load: { cap: 0, overCap: true } },
    });
    expect((await notices(bob.api, caseNo)).map((n) => n.type)).toContain('case_assigned');
    expect(d.deadlines.find((c) => c.metric === 'first_response')?.state).toBe('running');

    expect((await ann.api.action(caseNo, 'unassign', {})).status).toBe(403);
    expect((await bob.api.action(caseNo, 'unassign', { note: '请假' })).status).toBe(200);
    await shop.supervisor.put(`/api/v1/routing/agents/${ann.userId}`, { maxOpenCases: 3 });
    const took = await ann.api.action(caseNo, 'assign', {});
    expect(took.body.assigneeId).toBe(ann.userId);
    await shop.supervisor.put(`/api/v1/routing/agents/${bob.userId}`, { maxOpenCases: 3 });
    expect((await bob.api.action(caseNo, 'assign', {})).status).toBe(409); // Ann holds it
    // A supervisor moves the case to another queue, unassigned there.
    const moved = await shop.supervisor.action(caseNo, 'assign', { queue: 'specialists' });
    expect(moved.body).toMatchObject({ queue: 'specialists', assigneeId: null });
    d = await detail(shop.agent, caseNo);
    // (Routing at intake, by the system, may come first.)
    expect(d.timeline.filter((e) => e.type.startsWith('case_') && e.actorRole !== 'system').map((e) => [e.type, e.actorRole])).toEqual([
      ['case_submitted', 'customer'], ['case_routed', 'agent'], ['case_assigned', 'supervisor'], ['case_unassigned', 'agent'],
      ['case_assigned', 'agent'], ['case_assigned', 'supervisor'],
    ]);
    expect(events(d, 'case_assigned')[1]!.data).toMatchObject({ take: true });
    expect(d.deadlines.find((c) => c.metric === 'first_response')?.state).toBe('running');
    // Staff notes and routing details stay internal.
    const seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(JSON.stringify(seen.body.timeline)).not.toContain('熟悉此类问题');
  });
});

describe('a queue switched off (ORG-1)', () => {
  it('takes its open cases to where the rules send them now, after no SLA target reassigns there any more', async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const key = `vip-desk-${shop.id}`;
    expect((await shop.admin.post('/api/v1/routing/queues', { key, name: { 'zh-CN': '大客户组', 'en-US': 'VIP desk' }, role: 'agent' })).status).toBe(201);
    const holder = await staff('agent', '大客户专员');
    const caseNo = await complaint(shop);
    expect((await shop.supervisor.action(caseNo, 'assign', { queue: key, userId: holder.userId })).body).toMatchObject({ queue: key, assigneeId: holder.userId });
    const target = await shop.admin.post('/api/v1/sla/targets', {
      metric: 'plan_due', match: { merchantId: shop.merchantId }, duration: { amount: 24, unit: 'hours' }, breachActions: ['reassign'], reassignQueue: key,
    });
    expect(target.status, JSON.stringify(target.body)).toBe(201);
    const off = { name: { 'zh-CN': '大客户组', 'en-US': 'VIP desk' }, role: 'agent', active: false };

    const refused = await shop.admin.put(`/api/v1/routing/queues/${key}`, off);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: '/problems/queue-in-use', slaTargets: [target.body.id] });
    expect(refused.body.detail).toContain('给出方案');
    expect((await detail(shop.agent, caseNo)).queue).toBe(key);

    expect((await shop.admin.put(`/api/v1/sla/targets/${target.body.id}`, { ...target.body, active: false })).status).toBe(200);
    expect((await shop.admin.put(`/api/v1/routing/queues/${key}`, off)).status).toBe(200);
    const moved = await detail(shop.agent, caseNo);
    expect(moved.queue).toBe('frontline');
    expect(events(moved, 'case_routed').at(-1)).toMatchObject({ actorRole: 'system', data: { trigger: 'queue_closed', from: { queue: key, assigneeId: holder.userId } } });
    const audit = await t.runtime.deps.database.db
      .selectFrom('audit_log').select('detail').where('subject_type', '=', 'queue').where('subject_id', '=', key).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ after: { active: false }, reroutedCases: [caseNo] });

    // Where no rule matches, cases go to the default queue: it stays on.
    const frontline = await shop.admin.put('/api/v1/routing/queues/frontline', { name: { 'zh-CN': '一线客服', 'en-US': 'Frontline' }, role: 'agent', active: false });
    expect(frontline.status).toBe(422);
    expect(frontline.body.field).toBe('active');
  });

  it('names a duplicate rule key in the caller’s language', async () => {
    const shop = await makeShop(t);
    const current = await shop.admin.get('/api/v1/routing/rules');
    const rules = [current.body.items[0], current.body.items[0]];
    const zh = await shop.admin.put('/api/v1/routing/rules', { rules });
    expect(zh.status).toBe(400);
    expect(zh.body.errors[0]).toMatchObject({ field: 'body.rules.1.key', message: `规则键 ${rules[0].key} 重复` });
    const en = await shop.admin.put('/api/v1/routing/rules', { rules }, { 'accept-language': 'en-US' });
    expect(en.body.errors[0].message).toBe(`Duplicate rule key ${rules[0].key}`);
  });
});
