// Integration tokens with scopes (RISK-6): made in "My account" (shown once), listed without
// their secret, enforced against each route's scope, revoked at once, expiring on the clock, and
// the tokens that existed before scopes keep every scope.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken, SCOPES } from '../../src/modules/identity/index.ts';
import { client, makeShop, type Shop, startTestApp, type TestApp, fileCase } from '../helpers/harness.ts';
import { auditRows, call, type CookieClient, signInWithCookie } from '../helpers/sign-in.ts';

const PASSWORD = 'token-test-pass';
let t: TestApp;
let shop: Shop;
let caseNo: string;

beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
  shop = await makeShop(t);
  caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '屏幕有坏点' });
});
afterAll(async () => t?.close());

async function person(role: 'admin' | 'agent' | 'customer'): Promise<{ c: CookieClient; userId: string; email: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@test.local`;
  const { userId } = await createUserWithToken(t.runtime.deps.database.db, {
    email,
    displayName: role,
    role,
    password: PASSWORD,
    ...(role === 'customer' ? { customerId: shop.customerId } : {}),
  });
  return { c: await signInWithCookie(t, email, PASSWORD), userId, email };
}

async function makeToken(c: CookieClient, scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await c.request('POST', '/api/v1/auth/tokens', { name: `feed ${scopes.join(' ')}`, scopes, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; token: string; name: string; scopes: string[]; expiresAt: string | null };
}

describe('integration tokens', () => {
  it('are made with scopes, shown once, and listed without their secret', async () => {
    const { c, userId } = await person('agent');
    const made = await makeToken(c, ['cases:read']);
    expect(made.token).toMatch(/^adk_[\w-]{43}$/);
    expect(made.scopes).toEqual(['cases:read']);
    expect(Date.parse(made.expiresAt ?? '') - t.clock.now().getTime()).toBe(90 * 86_400_000); // the default expiry
    const list = await c.request('GET', '/api/v1/auth/tokens');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((i: { id: string }) => i.id === made.id);
    expect(listed).toEqual({
      id: made.id,
      name: 'feed cases:read',
      scopes: ['cases:read'],
      createdAt: t.clock.now().toISOString(),
      lastUsedAt: null,
      expiresAt: made.expiresAt,
      expired: false,
    });
    expect(JSON.stringify(list.body)).not.toContain(made.token);
    const audited = (await auditRows(t, 'auth.token_created')).filter((r) => r.subject_id === made.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_user_id: userId, detail: { name: 'feed cases:read', scopes: ['cases:read'], expiresAt: made.expiresAt } });
  });

  it('may only do what their scopes allow: a cases:read token reads but cannot post', async () => {
    const { c } = await person('agent');
    const readerToken = await makeToken(c, ['cases:read']);
    const reader = client(t, readerToken.token);
    t.clock.advance(60_000);
    expect((await reader.get(`/api/v1/cases/${caseNo}`)).status).toBe(200);
    const post = await reader.post(`/api/v1/cases/${caseNo}/messages`, { body: 'by a reader', visibility: 'internal' });
    expect(post.status).toBe(403);
    expect(post.headers['content-type']).toContain('application/problem+json');
    expect(post.body).toMatchObject({ type: '/problems/insufficient-scope', requiredScope: 'cases:write' });
    expect((await reader.get('/api/v1/orders')).body.requiredScope).toBe('orders:read');
    // Managing tokens and sign-ins needs 'admin', so a reader cannot mint a stronger token.
    expect((await reader.get('/api/v1/auth/tokens')).status).toBe(403);
    expect((await reader.post('/api/v1/auth/tokens', { name: 'x', scopes: SCOPES })).status).toBe(403);
    expect((await reader.post('/api/v1/auth/sign-out-everywhere', {})).status).toBe(403);
    // Who am I works with any scope.
    expect((await reader.get('/api/v1/me')).body).toMatchObject({ credential: 'integration-token', scopes: ['cases:read'] });
    // Last use is recorded.
    const listed = (await c.request('GET', '/api/v1/auth/tokens')).body.items.find((i: { id: string }) => i.id === readerToken.id);
    expect(listed.lastUsedAt).toBe(t.clock.now().toISOString());

    const writer = client(t, (await makeToken(c, ['cases:read', 'cases:write'])).token);
    expect((await writer.post(`/api/v1/cases/${caseNo}/messages`, { body: 'by a writer', visibility: 'internal' })).status).toBe(201);
  });

  it('an orders:write token feeds the shop data and nothing else; scopes never widen the role', async () => {
    const { c: admin } = await person('admin');
    const feed = client(t, (await makeToken(admin, ['orders:write'])).token);
    const upsert = await feed.put(`/api/v1/integration/customers/feed-${randomUUID().slice(0, 8)}`, { name: '王五', phone: '13700137000' });
    expect(upsert.status).toBe(200);
    expect((await feed.get('/api/v1/cases')).status).toBe(403);
    expect((await feed.put('/api/v1/routing/rules', { rules: [] })).body.requiredScope).toBe('admin');

    const { c: agentCookie } = await person('agent');
    const agentAll = client(t, (await makeToken(agentCookie, [...SCOPES])).token);
    const refused = await agentAll.put(`/api/v1/integration/customers/nope-${randomUUID().slice(0, 8)}`, { name: '赵六' });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('/problems/forbidden');
  });

  it('are revoked at once (401 after), audited, and a revoked token cannot be revoked again', async () => {
    const { c, userId } = await person('agent');
    const made = await makeToken(c, ['cases:read']);
    const api = client(t, made.token);
    expect((await api.get('/api/v1/me')).status).toBe(200); // now cached in this process
    const revoke = await c.request('DELETE', `/api/v1/auth/tokens/${made.id}`);
    expect(revoke.status).toBe(204);
    const after = await api.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.type).toBe('/problems/unauthenticated');
    expect((await c.request('GET', '/api/v1/auth/tokens')).body.items.map((i: { id: string }) => i.id)).not.toContain(made.id);
    expect((await c.request('DELETE', `/api/v1/auth/tokens/${made.id}`)).status).toBe(404);
    const audited = (await auditRows(t, 'auth.token_revoked')).filter((r) => r.subject_id === made.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor_user_id).toBe(userId);
  });

  it('cannot be revoked by someone else', async () => {
    const { c: owner } = await person('agent');
    const { c: other } = await person('agent');
    const made = await makeToken(owner, ['cases:read']);
    expect((await other.request('DELETE', `/api/v1/auth/tokens/${made.id}`)).status).toBe(404);
    expect((await client(t, made.token).get('/api/v1/me')).status).toBe(200);
  });

  it('expire on the clock; null never expires', async () => {
    const { c, email } = await person('agent');
    const day = await makeToken(c, ['cases:read'], { expiresInDays: 1 });
    const forever = await makeToken(c, ['cases:read'], { expiresInDays: null });
    expect(forever.expiresAt).toBeNull();
    expect((await client(t, day.token).get('/api/v1/me')).status).toBe(200);
    t.clock.advance(86_400_000);
    expect((await client(t, day.token).get('/api/v1/me')).status).toBe(401);
    expect((await client(t, forever.token).get('/api/v1/me')).status).toBe(200);
    expect((await c.request('GET', '/api/v1/auth/tokens')).status).toBe(401); // the sign-in went idle meanwhile
    const again = await signInWithCookie(t, email, PASSWORD);
    const listed = (await again.request('GET', '/api/v1/auth/tokens')).body.items;
    expect(listed.find((i: { id: string }) => i.id === day.id)?.expired).toBe(true);
    expect(listed.find((i: { id: string }) => i.id === forever.id)?.expired).toBe(false);
  });

  it('are for staff: a customer cannot make one; bad scopes are refused', async () => {
    const { c: customer } = await person('customer');
    expect((await customer.request('POST', '/api/v1/auth/tokens', { name: 'x', scopes: ['cases:read'] })).status).toBe(403);
    expect((await customer.request('GET', '/api/v1/auth/sign-ins')).status).toBe(200); // their sign-ins are theirs to see
    const { c } = await person('agent');
    const none = await c.request('POST', '/api/v1/auth/tokens', { name: 'x', scopes: [] });
    expect(none.status).toBe(400);
    expect(none.body.field).toBe('body.scopes');
    expect((await c.request('POST', '/api/v1/auth/tokens', { name: 'x', scopes: ['cases:delete'] })).status).toBe(400);
    expect((await c.request('POST', '/api/v1/auth/tokens', { name: '  ', scopes: ['cases:read'] })).status).toBe(400);
  });

  it('tokens made before scopes existed (demo, tests, the shop feed) keep every scope', async () => {
    const rows = await t.runtime.deps.database.db.selectFrom('api_tokens').select('scopes').where('name', '=', 'api').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect([...row.scopes].sort()).toEqual([...SCOPES].sort());
    expect((await shop.admin.put('/api/v1/routing/rules', (await shop.admin.get('/api/v1/routing/rules')).body)).status).not.toBe(403);
    expect((await call(t, 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${shop.admin.token}` } })).body.scopes).toEqual([...SCOPES]);
  });
});
