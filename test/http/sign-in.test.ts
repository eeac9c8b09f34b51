// Console sign-in by cookie (RISK-6): the httpOnly cookie authenticates, unsafe calls need the
// CSRF token bound to the sign-in (bearer calls do not), sign-out and sign-out-everywhere end
// sign-ins at once, "My account" lists and ends them, and idle or expired sign-ins stop working.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, makeShop, type Shop, startTestApp, type TestApp, fileCase } from '../helpers/harness.ts';
import { auditRows, call, freshIp, setCookies, signInWithCookie } from '../helpers/sign-in.ts';

const PASSWORD = 'sign-in-test-pass';
let t: TestApp;
let shop: Shop;
let caseNo: string;

beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
  shop = await makeShop(t);
  caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '屏幕有坏点' });
});
afterAll(async () => t?.close());

/** A new agent who signs in with a password; returns the email and the integration token. */
async function agent(): Promise<{ email: string; token: string; userId: string }> {
  const email = `desk-${randomUUID().slice(0, 8)}@test.local`;
  const { token, userId } = await createUserWithToken(t.runtime.deps.database.db, { email, displayName: '客服', role: 'agent', password: PASSWORD });
  return { email, token, userId };
}

const message = (text: string) => ({ body: text, visibility: 'internal' });

async function messageCount(text: string): Promise<number> {
  const rows = await t.runtime.deps.database.db.selectFrom('messages').select('id').where('body', '=', text).execute();
  return rows.length;
}

describe('console sign-in by cookie', () => {
  it('sets an httpOnly, SameSite=Strict cookie (not Secure over plain HTTP) and returns no token', async () => {
    const { email } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    const set = setCookies(c.signIn).join('\n');
    expect(set).toMatch(/^afterdesk_sign_in=[\w-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    expect(c.signIn.body.token).toBeUndefined();
    expect(c.signIn.body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(c.signIn.body.user).toMatchObject({ role: 'agent', displayName: '客服' });
    // Only digests are stored.
    const stored = await t.runtime.deps.database.db.selectFrom('sign_ins').selectAll().where('user_id', '=', c.signIn.body.user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(c.cookie).not.toContain(stored[0]?.secret_hash ?? '?');
    expect(stored[0]).toMatchObject({ delivery: 'cookie', user_agent: 'Mozilla/5.0 (test)', ip: c.ip });
  });

  it('authenticates calls with the cookie, and GET /me gives the console its user and CSRF token', async () => {
    const { email } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    const me = await c.request('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'agent', displayName: '客服', credential: 'sign-in-cookie', scopes: 'all', csrfToken: c.csrfToken });
    const cases = await c.request('GET', `/api/v1/cases/${caseNo}`);
    expect(cases.status).toBe(200);
    expect(cases.body.caseNo).toBe(caseNo);
    // Without the cookie the same call is anonymous.
    expect((await call(t, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses unsafe cookie calls without the CSRF token or with a wrong one (403, audited, nothing written)', async () => {
    const { email, userId } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    const url = `/api/v1/cases/${caseNo}/messages`;
    const missing = await c.request('POST', url, message('csrf-missing'), { csrf: null });
    expect(missing.status).toBe(403);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ type: '/problems/csrf-failed', status: 403 });
    const wrong = await c.request('POST', url, message('csrf-wrong'), { csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.body.type).toBe('/problems/csrf-failed');
    // Another sign-in's token does not fit this one.
    const other = await signInWithCookie(t, email, PASSWORD);
    expect((await c.request('POST', url, message('csrf-other'), { csrf: other.csrfToken })).status).toBe(403);
    expect(await messageCount('csrf-missing')).toBe(0);
    expect(await messageCount('csrf-wrong')).toBe(0);
    expect(await messageCount('csrf-other')).toBe(0);

    const rejected = (await auditRows(t, 'auth.csrf_rejected')).filter((r) => r.actor_user_id === userId);
    expect(rejected.map((r) => r.detail)).toEqual([{ reason: 'missing' }, { reason: 'mismatch' }, { reason: 'mismatch' }]);
    expect(rejected[0]).toMatchObject({ outcome: 'denied', subject_id: 'POST /api/v1/cases/:caseNo/messages', ip: c.ip });

    const ok = await c.request('POST', url, message('csrf-ok'));
    expect(ok.status).toBe(201);
    expect(await messageCount('csrf-ok')).toBe(1);
    // Safe methods need no token.
    expect((await c.request('GET', `/api/v1/cases/${caseNo}`, undefined, { csrf: null })).status).toBe(200);
  });

  it('needs no CSRF token for bearer calls (a sign-in token or an integration token)', async () => {
    const { email, token } = await agent();
    const signIn = await call(t, 'POST', '/api/v1/auth/sign-in', { payload: { email, password: PASSWORD }, ip: freshIp() });
    expect(signIn.status).toBe(200);
    expect(signIn.body.token).toMatch(/^adk_/);
    expect(setCookies(signIn)).toEqual([]);
    const bySignInToken = await client(t, signIn.body.token).post(`/api/v1/cases/${caseNo}/messages`, message('bearer-sign-in'));
    expect(bySignInToken.status).toBe(201);
    const byIntegration = await client(t, token).post(`/api/v1/cases/${caseNo}/messages`, message('bearer-integration'));
    expect(byIntegration.status).toBe(201);
    expect((await client(t, signIn.body.token).get('/api/v1/me')).body).toMatchObject({ credential: 'sign-in-token', scopes: 'all' });
  });

  it('does not take a cookie secret as a bearer token', async () => {
    const { email } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    const secret = c.cookie.split('=')[1] ?? '';
    expect((await client(t, secret).get('/api/v1/me')).status).toBe(401);
  });
});

describe('sign-out', () => {
  it('ends this sign-in (audited) and clears the cookie; the old cookie no longer works', async () => {
    const { email, userId } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    const keep = await signInWithCookie(t, email, PASSWORD);
    // A cross-site page cannot sign the user out: the CSRF token is needed.
    expect((await c.request('POST', '/api/v1/auth/sign-out', {}, { csrf: null })).status).toBe(403);
    const out = await c.request('POST', '/api/v1/auth/sign-out', {});
    expect(out.status).toBe(204);
    expect(setCookies(out).join('\n')).toMatch(/^afterdesk_sign_in=; Path=\/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    const after = await c.request('GET', '/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.type).toBe('/problems/unauthenticated');
    expect(setCookies(after).join()).toContain('Max-Age=0');
    // The other browser stays signed in.
    expect((await keep.request('GET', '/api/v1/me')).status).toBe(200);
    const audited = (await auditRows(t, 'auth.signed_out')).filter((r) => r.actor_user_id === userId);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ subject_type: 'sign_in', outcome: 'ok' });
  });

  it('ends a sign-in token too; an integration token is not a sign-in (409)', async () => {
    const { email, token } = await agent();
    const signIn = await call(t, 'POST', '/api/v1/auth/sign-in', { payload: { email, password: PASSWORD }, ip: freshIp() });
    const bearer = client(t, signIn.body.token);
    expect((await bearer.post('/api/v1/auth/sign-out')).status).toBe(204);
    expect((await bearer.get('/api/v1/me')).status).toBe(401);
    const integration = await client(t, token).post('/api/v1/auth/sign-out');
    expect(integration.status).toBe(409);
    expect(integration.body.type).toBe('/problems/not-a-sign-in');
    expect((await client(t, token).get('/api/v1/me')).status).toBe(200);
  });

  it('treats a stale cookie as no sign-in on public routes (and clears it), 401 elsewhere', async () => {
    const { email } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    await c.request('POST', '/api/v1/auth/sign-out', {});
    const help = await c.request('GET', '/api/v1/kb/categories');
    expect(help.status).toBe(200);
    expect(setCookies(help).join()).toContain('afterdesk_sign_in=;');
    expect((await c.request('GET', '/api/v1/cases')).status).toBe(401);
    // Signing in again over the stale cookie works.
    const again = await call(t, 'POST', '/api/v1/auth/sign-in', { payload: { email, password: PASSWORD, cookie: true }, headers: { cookie: c.cookie }, ip: c.ip });
    expect(again.status).toBe(200);
  });

  it('a new console sign-in in the same browser replaces the previous one', async () => {
    const { email, userId } = await agent();
    const first = await signInWithCookie(t, email, PASSWORD);
    const second = await call(t, 'POST', '/api/v1/auth/sign-in', { payload: { email, password: PASSWORD, cookie: true }, headers: { cookie: first.cookie }, ip: first.ip });
    expect(second.status).toBe(200);
    expect((await first.request('GET', '/api/v1/me')).status).toBe(401);
    const rows = await t.runtime.deps.database.db.selectFrom('sign_ins').select(['ended_reason']).where('user_id', '=', userId).orderBy('created_at').execute();
    expect(rows.map((r) => r.ended_reason)).toEqual(['replaced', null]);
  });
});

describe('sign-out everywhere and My account', () => {
  it('lists live sign-ins with device, address and last seen, and ends another one', async () => {
    const { email } = await agent();
    const laptop = await signInWithCookie(t, email, PASSWORD, { userAgent: 'Laptop Chrome', ip: '10.20.0.1' });
    t.clock.advance(2 * 60_000);
    const phone = await signInWithCookie(t, email, PASSWORD, { userAgent: 'Phone Safari', ip: '10.20.0.2' });
    const list = await laptop.request('GET', '/api/v1/auth/sign-ins');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const mine = list.body.items.find((i: { current: boolean }) => i.current);
    const other = list.body.items.find((i: { current: boolean }) => !i.current);
    expect(mine).toMatchObject({ delivery: 'cookie', userAgent: 'Laptop Chrome', ip: '10.20.0.1' });
    expect(other).toMatchObject({ delivery: 'cookie', userAgent: 'Phone Safari', ip: '10.20.0.2', lastSeenAt: t.clock.now().toISOString() });
    const end = await laptop.request('DELETE', `/api/v1/auth/sign-ins/${other.id}`);
    expect(end.status).toBe(204);
    expect((await phone.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await laptop.request('GET', '/api/v1/me')).status).toBe(200);
    expect((await laptop.request('DELETE', `/api/v1/auth/sign-ins/${other.id}`)).status).toBe(404);
    expect((await auditRows(t, 'auth.sign_in_ended')).some((r) => r.subject_id === other.id)).toBe(true);
  });

  it('cannot end someone else’s sign-in', async () => {
    const a = await agent();
    const b = await agent();
    const ca = await signInWithCookie(t, a.email, PASSWORD);
    const cb = await signInWithCookie(t, b.email, PASSWORD);
    const bId = (await cb.request('GET', '/api/v1/me')).body.signInId as string;
    expect((await ca.request('DELETE', `/api/v1/auth/sign-ins/${bId}`)).status).toBe(404);
    expect((await cb.request('GET', '/api/v1/me')).status).toBe(200);
  });

  it('ends every sign-in (cookies and sign-in tokens) but keeps integration tokens unless asked', async () => {
    const { email, token, userId } = await agent();
    const one = await signInWithCookie(t, email, PASSWORD);
    const two = await signInWithCookie(t, email, PASSWORD);
    const script = (await call(t, 'POST', '/api/v1/auth/sign-in', { payload: { email, password: PASSWORD }, ip: freshIp() })).body.token as string;
    const everywhere = await one.request('POST', '/api/v1/auth/sign-out-everywhere', {});
    expect(everywhere.status).toBe(200);
    expect(everywhere.body).toEqual({ endedSignIns: 3, revokedTokens: 0 });
    expect(setCookies(everywhere).join()).toContain('Max-Age=0');
    expect((await one.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await two.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await client(t, script).get('/api/v1/me')).status).toBe(401);
    expect((await client(t, token).get('/api/v1/me')).status).toBe(200);

    const three = await signInWithCookie(t, email, PASSWORD);
    const all = await three.request('POST', '/api/v1/auth/sign-out-everywhere', { includeIntegrationTokens: true });
    expect(all.body).toEqual({ endedSignIns: 1, revokedTokens: 1 });
    expect((await client(t, token).get('/api/v1/me')).status).toBe(401);
    const audited = (await auditRows(t, 'auth.signed_out_everywhere')).filter((r) => r.actor_user_id === userId);
    expect(audited.map((r) => r.detail)).toEqual([
      { endedSignIns: 3, revokedTokens: 0, includeIntegrationTokens: false },
      { endedSignIns: 1, revokedTokens: 1, includeIntegrationTokens: true },
    ]);
  });
});

describe('sign-in lifetime', () => {
  it('ends after SIGN_IN_IDLE_MINUTES without a call, but not while in use', async () => {
    const { email } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    for (let i = 0; i < 4; i += 1) {
      t.clock.advance(50 * 60_000); // each call within the 60 idle minutes keeps it alive
      expect((await c.request('GET', '/api/v1/me')).status).toBe(200);
    }
    t.clock.advance(61 * 60_000);
    expect((await c.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await c.request('GET', '/api/v1/auth/sign-ins')).status).toBe(401);
  });

  it('ends SIGN_IN_HOURS after it started, however busy', async () => {
    const { email } = await agent();
    const c = await signInWithCookie(t, email, PASSWORD);
    const expiresAt = Date.parse(c.signIn.body.expiresAt);
    expect(expiresAt - t.clock.now().getTime()).toBe(12 * 3_600_000);
    while (t.clock.now().getTime() + 30 * 60_000 < expiresAt) {
      t.clock.advance(30 * 60_000);
      expect((await c.request('GET', '/api/v1/me')).status).toBe(200);
    }
    t.clock.set(new Date(expiresAt));
    expect((await c.request('GET', '/api/v1/me')).status).toBe(401);
  });
});
