// User management through the real app: admins create staff, department and merchant-staff users
// with an initial password, list them with filters and pages, change and deactivate them; a
// deactivated user can neither sign in nor use any token they hold; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { type Call, client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
let shop: Shop;
let adminId: string;
let seq = 0;

const unique = (local: string) => `${local}-${++seq}-${shop.id}@test.local`;

async function patch(token: string | null, id: string, body: unknown, lang = 'zh-CN'): Promise<Call> {
  const res = await t.runtime.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${id}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': lang },
    payload: body as object,
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

async function signIn(email: string, password: string): Promise<Call> {
  return client(t, null).post('/api/v1/auth/sign-in', { email, password });
}

/** The user-management rows about a user (their sign-ins are audited too, under auth.*). */
async function auditOf(subjectId: string) {
  return t.runtime.deps.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id', 'detail', 'outcome'])
    .where('subject_type', '=', 'user')
    .where('subject_id', '=', subjectId)
    .where('action', 'like', 'config.user.%')
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  t = await startTestApp();
  shop = await makeShop(t);
  const me = await shop.admin.get('/api/v1/me');
  adminId = me.body.userId as string;
});
afterAll(async () => t.close());

describe('creating users', () => {
  it('creates a department user who signs in with the initial password and sees their department', async () => {
    const email = unique('Logistics.Lead');
    const created = await shop.admin.post('/api/v1/users', { email, displayName: '物流组 赵磊', role: 'department', department: 'logistics', password: 'first-pass-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: email.toLowerCase(), displayName: '物流组 赵磊', role: 'department', department: 'logistics', merchant: null, active: true, locale: 'zh-CN',
    });
    expect(created.body.departmentLabel).toEqual({ 'zh-CN': '物流', 'en-US': 'Logistics' });
    expect(created.body.createdAt).toBe(t.clock.now().toISOString());
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon/i);

    const stored = await t.runtime.deps.database.db.selectFrom('users').select('password_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);

    const signedIn = await signIn(email, 'first-pass-1');
    expect(signedIn.status).toBe(200);
    const me = await client(t, signedIn.body.token).get('/api/v1/me');
    expect(me.body).toMatchObject({ role: 'department', department: 'logistics', displayName: '物流组 赵磊' });
    expect((await signIn(email, 'wrong-pass-1')).status).toBe(401);

    const audit = await auditOf(created.body.id);
    expect(audit.map((a) => a.action)).toEqual(['config.user.created']);
    expect(audit[0]!.actor_user_id).toBe(adminId);
    expect(audit[0]!.detail).toMatchObject({ email: email.toLowerCase(), role: 'department', department: 'logistics' });
    expect(JSON.stringify(audit)).not.toMatch(/argon|first-pass/);
  });

  it('creates merchant staff tied to an existing merchant, who see only that merchant', async () => {
    const email = unique('shop-staff');
    const created = await shop.admin.post('/api/v1/users', { email, displayName: '店铺客服', role: 'merchant', merchantId: shop.merchantId, password: 'merchant-pass' });
    expect(created.status).toBe(201);
    expect(created.body.merchant).toMatchObject({ id: shop.merchantId });
    const unknown = await shop.admin.post('/api/v1/users', {
      email: unique('ghost'), displayName: '无', role: 'merchant', merchantId: 'f0000000-0000-4000-8000-00000000beef', password: 'merchant-pass',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ type: '/problems/merchant-not-found', field: 'merchantId' });
  });

  it('refuses inconsistent role, department and merchant with the offending field, in both languages', async () => {
    const noDept = await shop.admin.post('/api/v1/users', { email: unique('d'), displayName: '部门', role: 'department', password: 'long-enough' });
    expect(noDept.status).toBe(400);
    expect(noDept.headers['content-type']).toContain('application/problem+json');
    expect(noDept.body).toMatchObject({ type: '/problems/validation-failed', field: 'department', detail: '部门用户须选择所属部门' });
    expect(noDept.body.messages['en-US']).toBe('A department user needs a department');

    const agentWithDept = await shop.admin.post('/api/v1/users', { email: unique('a'), displayName: '客服', role: 'agent', department: 'legal', password: 'long-enough' });
    expect(agentWithDept.status).toBe(400);
    expect(agentWithDept.body.field).toBe('department');

    const merchantWithout = await shop.admin.post('/api/v1/users', { email: unique('m'), displayName: '商家', role: 'merchant', password: 'long-enough' });
    expect(merchantWithout.status).toBe(400);
    expect(merchantWithout.body.field).toBe('merchantId');

    const customer = await shop.admin.post('/api/v1/users', { email: unique('c'), displayName: '客户', role: 'customer', password: 'long-enough' });
    expect(customer.status).toBe(400);
    expect(customer.body.field).toBe('body.role');

    const short = await shop.admin.post('/api/v1/users', { email: unique('s'), displayName: '短', role: 'agent', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('body.password');
    // Nothing was written by any refused request.
    const rows = await t.runtime.deps.database.db.selectFrom('users').select('email').where('email', 'like', `%-${shop.id}@test.local`).where('display_name', 'in', ['部门', '客服', '商家', '客户', '短']).execute();
    expect(rows).toEqual([]);
  });

  it('answers 409 to an email that is already taken, whatever its case, and creates nothing', async () => {
    const email = unique('twice');
    expect((await shop.admin.post('/api/v1/users', { email, displayName: '甲', role: 'agent', password: 'long-enough' })).status).toBe(201);
    const again = await shop.admin.post('/api/v1/users', { email: email.toUpperCase(), displayName: '乙', role: 'specialist', password: 'long-enough' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: '/problems/email-taken', field: 'email' });
    const listed = await shop.admin.get(`/api/v1/users?q=${encodeURIComponent(email)}`);
    expect(listed.body.items.map((u: { displayName: string }) => u.displayName)).toEqual(['甲']);
  });

  it('is for admins only', async () => {
    const body = { email: unique('x'), displayName: 'X', role: 'agent', password: 'long-enough' };
    expect((await shop.supervisor.post('/api/v1/users', body)).status).toBe(403);
    expect((await shop.agent.get('/api/v1/users')).status).toBe(403);
    expect((await shop.anonymous.get('/api/v1/users')).status).toBe(401);
  });
});

describe('listing users', () => {
  it('filters by role, department, merchant, status and text, and pages on the server', async () => {
    const tag = `list${shop.id}`;
    for (const [i, dept] of (['legal', 'legal', 'pr'] as const).entries()) {
      const res = await shop.admin.post('/api/v1/users', { email: `${tag}-d${i}@test.local`, displayName: `部门同事 ${tag} ${i}`, role: 'department', department: dept, password: 'long-enough' });
      expect(res.status).toBe(201);
    }
    const agent = await shop.admin.post('/api/v1/users', { email: `${tag}-agent@test.local`, displayName: `客服 ${tag}`, role: 'agent', password: 'long-enough' });
    const q = `q=${tag}`;
    const all = await shop.admin.get(`/api/v1/users?${q}`);
    expect(all.body.total).toBe(4);
    const legal = await shop.admin.get(`/api/v1/users?${q}&department=legal`);
    expect(legal.body.items.map((u: { department: string }) => u.department)).toEqual(['legal', 'legal']);
    expect((await shop.admin.get(`/api/v1/users?${q}&role=agent`)).body.items.map((u: { id: string }) => u.id)).toEqual([agent.body.id]);

    const page1 = await shop.admin.get(`/api/v1/users?${q}&limit=3&offset=0`);
    const page2 = await shop.admin.get(`/api/v1/users?${q}&limit=3&offset=3`);
    expect(page1.body).toMatchObject({ total: 4, limit: 3, offset: 0, hasMore: true });
    expect(page1.body.items).toHaveLength(3);
    expect(page2.body).toMatchObject({ total: 4, hasMore: false });
    const ids = [...page1.body.items, ...page2.body.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(4);

    // Searching is by email or name, any case; merchant filter finds the merchant's staff.
    expect((await shop.admin.get(`/api/v1/users?q=${encodeURIComponent(tag.toUpperCase())}-AGENT`)).body.total).toBe(1);
    const merchantStaff = await shop.admin.get(`/api/v1/users?merchantId=${shop.merchantId}`);
    expect(merchantStaff.body.items.length).toBeGreaterThan(0);
    expect(merchantStaff.body.items.every((u: { merchant: { id: string } }) => u.merchant.id === shop.merchantId)).toBe(true);

    await patch(shop.admin.token, agent.body.id, { active: false });
    expect((await shop.admin.get(`/api/v1/users?${q}&status=deactivated`)).body.items.map((u: { id: string }) => u.id)).toEqual([agent.body.id]);
    expect((await shop.admin.get(`/api/v1/users?${q}&status=active`)).body.total).toBe(3);
    expect((await shop.admin.get('/api/v1/users?role=nobody')).status).toBe(400);
  });

  it('offers the departments and merchants a user can be given', async () => {
    const options = await shop.admin.get(`/api/v1/users/options?merchantQuery=${encodeURIComponent(shop.id)}`);
    expect(options.status).toBe(200);
    expect(options.body.departments.map((d: { key: string }) => d.key)).toEqual(['supply_chain', 'logistics', 'finance', 'legal', 'pr', 'compliance']);
    expect(options.body.merchants.map((m: { id: string }) => m.id)).toEqual([shop.merchantId]);
    expect(options.body.roles).toContain('department');
    expect(options.body.roles).not.toContain('customer');
  });
});

describe('changing users', () => {
  async function newUser(role: string, extra: Record<string, unknown> = {}) {
    const email = unique(role);
    const res = await shop.admin.post('/api/v1/users', { email, displayName: `${role} 用户`, role, password: 'initial-pass', ...extra });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email };
  }

  it('changes name, role, department and language; a role change alone clears what the new role cannot have', async () => {
    const user = await newUser('department', { department: 'pr' });
    const moved = await patch(shop.admin.token, user.id, { department: 'legal', displayName: '法务 钱律师', locale: 'en-US' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ department: 'legal', displayName: '法务 钱律师', locale: 'en-US', role: 'department' });

    const promoted = await patch(shop.admin.token, user.id, { role: 'specialist' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'specialist', department: null });

    const backWithout = await patch(shop.admin.token, user.id, { role: 'department' });
    expect(backWithout.status).toBe(400);
    expect(backWithout.body.field).toBe('department');
    expect((await shop.admin.get(`/api/v1/users/${user.id}`)).body.role).toBe('specialist');

    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toEqual(['config.user.created', 'config.user.updated', 'config.user.updated']);
    expect(audit[1]!.detail).toMatchObject({ changes: { department: { from: 'pr', to: 'legal' }, locale: { from: 'zh-CN', to: 'en-US' } } });
    expect(audit[2]!.detail).toMatchObject({ changes: { role: { from: 'department', to: 'specialist' }, department: { from: 'legal', to: null } } });
  });

  it('a role change takes effect on the next request of a token already in use', async () => {
    const user = await newUser('supervisor');
    const token = (await signIn(user.email, 'initial-pass')).body.token as string;
    const as = client(t, token);
    expect((await as.get('/api/v1/sla/escalations')).status).toBe(200);
    expect((await patch(shop.admin.token, user.id, { role: 'agent' })).status).toBe(200);
    expect((await as.get('/api/v1/sla/escalations')).status).toBe(403);
    expect((await as.get('/api/v1/me')).body.role).toBe('agent');
  });

  it("deactivation: no sign-in, every token answers 401 at once, reactivation needs a new sign-in", async () => {
    const user = await newUser('agent');
    const signedIn = await signIn(user.email, 'initial-pass');
    const apiToken = await createUserWithToken(t.runtime.deps.database.db, { email: unique('api'), displayName: 'API', role: 'agent' });
    const as = client(t, signedIn.body.token);
    expect((await as.get('/api/v1/cases')).status).toBe(200); // the token is in use (and remembered)

    const off = await patch(shop.admin.token, user.id, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false });
    expect(off.body.deactivatedAt).toBe(t.clock.now().toISOString());

    const refused = await as.get('/api/v1/cases');
    expect(refused.status).toBe(401);
    expect(refused.body.type).toBe('/problems/unauthenticated');
    const again = await signIn(user.email, 'initial-pass');
    expect(again.status).toBe(403);
    expect(again.body.type).toBe('/problems/account-deactivated');
    expect((await signIn(user.email, 'not-the-pass')).status).toBe(401); // nothing told without the password

    // Another user's API token keeps working.
    expect((await client(t, apiToken.token).get('/api/v1/cases')).status).toBe(200);

    const on = await patch(shop.admin.token, user.id, { active: true });
    expect(on.body.active).toBe(true);
    expect((await as.get('/api/v1/cases')).status).toBe(401); // the old token stays revoked
    const fresh = await signIn(user.email, 'initial-pass');
    expect(fresh.status).toBe(200);
    expect((await client(t, fresh.body.token).get('/api/v1/cases')).status).toBe(200);

    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toEqual(['config.user.created', 'config.user.deactivated', 'config.user.reactivated']);
    expect(audit[1]!.detail).toMatchObject({ revokedTokens: 0, endedSignIns: 1 });
  });

  it('a deactivated API-token user is refused too, and a deactivated agent is not picked by routing', async () => {
    const { db } = t.runtime.deps.database;
    const agent = await createUserWithToken(db, { email: unique('routed'), displayName: '路由客服', role: 'agent' });
    expect((await client(t, agent.token).get('/api/v1/me')).status).toBe(200);
    expect((await patch(shop.admin.token, agent.userId, { active: false })).status).toBe(200);
    expect((await client(t, agent.token).get('/api/v1/me')).status).toBe(401);
    const { loadCandidates } = await import('../../src/modules/routing/routing.repository.ts');
    await db.insertInto('agent_profiles').values({ user_id: agent.userId, updated_at: t.clock.now() }).execute();
    expect((await loadCandidates(db, ['agent'], false)).map((p) => p.userId)).not.toContain(agent.userId);
    await patch(shop.admin.token, agent.userId, { active: true });
    expect((await loadCandidates(db, ['agent'], false)).map((p) => p.userId)).toContain(agent.userId);
  });

  it("a deactivated agent's open cases go back through routing, in the same change, and say why", async () => {
    const { db } = t.runtime.deps.database;
    const own = await makeShop(t, { platformOperated: true });
    const agent = await createUserWithToken(db, { email: unique('leaving'), displayName: '离职客服', role: 'agent' });
    await db.insertInto('agent_profiles').values({ user_id: agent.userId, updated_at: t.clock.now() }).execute();
    const filed = await own.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: own.orderItemId, quantity: 1 }], description: '尺码偏小，想退货',
    });
    expect(filed.status).toBe(201);
    const caseNo: string = filed.body.caseNo;
    // Routing may have given it to the new agent already (the one with room); otherwise a supervisor does.
    if ((await own.agent.get(`/api/v1/cases/${caseNo}`)).body.assigneeId !== agent.userId) {
      expect((await own.supervisor.action(caseNo, 'assign', { userId: agent.userId })).status).toBe(200);
    }
    expect((await own.agent.get(`/api/v1/cases/${caseNo}`)).body.assigneeId).toBe(agent.userId);

    expect((await patch(shop.admin.token, agent.userId, { active: false })).status).toBe(200);
    const after = (await own.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(after.assigneeId).not.toBe(agent.userId);
    const routed = after.timeline.filter((e: { type: string }) => e.type === 'case_routed').at(-1);
    expect(routed.data).toMatchObject({ trigger: 'assignee_deactivated' });
    const [deactivated] = (await auditOf(agent.userId)).filter((a) => a.action === 'config.user.deactivated');
    expect(deactivated!.detail).toMatchObject({ reroutedCases: [caseNo] });
    // Reactivating gives nothing back by itself: the cases stay where routing put them.
    expect((await patch(shop.admin.token, agent.userId, { active: true })).status).toBe(200);
    expect((await own.agent.get(`/api/v1/cases/${caseNo}`)).body.assigneeId).toBe(after.assigneeId);
  });

  it("a user given a role that cannot hold their open cases hands them back to routing; one that can keeps them (ORG-1)", async () => {
    const { db } = t.runtime.deps.database;
    const own = await makeShop(t, { platformOperated: true });
    const caseOf = async (agentId: string, description: string) => {
      const filed = await own.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', items: [], description });
      expect(filed.status).toBe(201);
      expect((await own.supervisor.action(filed.body.caseNo, 'assign', { userId: agentId, queue: 'frontline' })).status).toBe(200);
      return filed.body.caseNo as string;
    };
    const moving = await createUserWithToken(db, { email: unique('to-finance'), displayName: '转岗财务', role: 'agent' });
    const caseNo = await caseOf(moving.userId, '客服态度不好，投诉');
    expect((await patch(shop.admin.token, moving.userId, { role: 'finance' })).status).toBe(200);
    const after = (await own.agent.get(`/api/v1/cases/${caseNo}`)).body;
    expect(after.assigneeId).not.toBe(moving.userId);
    expect(after.timeline.filter((e: { type: string }) => e.type === 'case_routed').at(-1).data).toMatchObject({ trigger: 'assignee_role_changed' });
    const [updated] = (await auditOf(moving.userId)).filter((a) => a.action === 'config.user.updated');
    expect(updated!.detail).toMatchObject({ changes: { role: { from: 'agent', to: 'finance' } }, reroutedCases: [caseNo] });

    // A supervisor may hold any case: a promotion takes nothing away.
    const promoted = await createUserWithToken(db, { email: unique('to-supervisor'), displayName: '升任主管', role: 'agent' });
    const kept = await caseOf(promoted.userId, '物流太慢，投诉');
    expect((await patch(shop.admin.token, promoted.userId, { role: 'supervisor' })).status).toBe(200);
    expect((await own.agent.get(`/api/v1/cases/${kept}`)).body.assigneeId).toBe(promoted.userId);
  });

  it('an admin can neither deactivate nor demote themself; refusals change nothing', async () => {
    const self = await patch(shop.admin.token, adminId, { active: false });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ type: '/problems/self-lockout', field: 'active' });
    const demote = await patch(shop.admin.token, adminId, { role: 'agent' }, 'en-US');
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ field: 'role', detail: 'You cannot remove your own admin role' });
    expect((await shop.admin.get('/api/v1/me')).body.role).toBe('admin');
    expect((await patch(shop.admin.token, adminId, { displayName: '管理员 陈' })).status).toBe(200);

    // Another admin may demote this one.
    const other = await newUser('admin');
    const otherToken = (await signIn(other.email, 'initial-pass')).body.token as string;
    expect((await patch(otherToken, adminId, { role: 'supervisor' })).status).toBe(200);
    expect((await shop.admin.get('/api/v1/users')).status).toBe(403);
    expect((await patch(otherToken, adminId, { role: 'admin' })).status).toBe(200);
    expect((await shop.admin.get('/api/v1/users')).status).toBe(200);
  });

  it("keeps a customer account a customer's, and answers 404 for an unknown user", async () => {
    const customerId = (await t.runtime.deps.database.db.selectFrom('users').select('id').where('customer_id', '=', shop.customerId).executeTakeFirstOrThrow()).id;
    const res = await patch(shop.admin.token, customerId, { role: 'agent' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/role-fixed', field: 'role' });
    expect((await patch(shop.admin.token, 'f0000000-0000-4000-8000-00000000dead', { active: false })).status).toBe(404);
    expect((await patch(shop.admin.token, customerId, { password: 'x' })).status).toBe(400);
  });
});
