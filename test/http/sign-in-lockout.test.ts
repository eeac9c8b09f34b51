// Lock-out after failed sign-ins (RISK-6): five failures for one email within 15 minutes lock it
// for 15 minutes (423 with the unlock time), an unknown email is answered exactly like a known
// one, a success resets the count, an address with too many failures is locked too (429), and
// every lock is audited. Time moves on the test clock, never by sleeping.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { startTestApp, type TestApp } from '../helpers/harness.ts';
import { auditRows, call, freshIp, type Reply } from '../helpers/sign-in.ts';

const PASSWORD = 'lockout-test-pass';
const MINUTE = 60_000;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t?.close());

async function account(): Promise<{ email: string; userId: string }> {
  const email = `lock-${randomUUID().slice(0, 8)}@test.local`;
  const { userId } = await createUserWithToken(t.runtime.deps.database.db, { email, displayName: '客服', role: 'agent', password: PASSWORD });
  return { email, userId };
}

const signIn = (email: string, password: string, ip: string, lang = 'zh-CN'): Promise<Reply> =>
  call(t, 'POST', '/api/v1/auth/sign-in', { payload: { email, password, cookie: true }, ip, headers: { 'accept-language': lang } });

/** The answer's shape without what differs per email (the time and the request). */
function shape(res: Reply) {
  const { correlationId: _c, instance: _i, ...rest } = res.body as Record<string, unknown>;
  return { status: res.status, ...rest };
}

describe('lock-out after failed sign-ins', () => {
  it('locks the account on the fifth failure for 15 minutes, says until when, and audits it', async () => {
    const { email, userId } = await account();
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) {
      const res = await signIn(email, 'wrong', ip);
      expect(res.status).toBe(401);
      expect(res.body.type).toBe('/problems/invalid-credentials');
      t.clock.advance(MINUTE);
    }
    const fifth = await signIn(email, 'wrong', ip, 'en-US');
    const until = new Date(t.clock.now().getTime() + 15 * MINUTE);
    expect(fifth.status).toBe(423);
    expect(fifth.headers['content-type']).toContain('application/problem+json');
    expect(fifth.headers['retry-after']).toBe('900');
    expect(fifth.body).toMatchObject({ type: '/problems/sign-in-locked', field: 'email', lockedUntil: until.toISOString(), retryAfterSeconds: 900 });
    expect(fifth.body.detail).toContain('locked until 2026-11-10 10:19');
    expect(fifth.body.messages['zh-CN']).toContain('2026-11-10 10:19');

    // Even the right password is refused while locked, and the attempt does not extend the lock.
    t.clock.advance(10 * MINUTE);
    const during = await signIn(email, PASSWORD, ip);
    expect(during.status).toBe(423);
    expect(during.body.lockedUntil).toBe(until.toISOString());
    expect(during.headers['retry-after']).toBe('300');
    // From another address too: the lock is on the account.
    expect((await signIn(email, PASSWORD, freshIp())).status).toBe(423);

    t.clock.advance(5 * MINUTE);
    const after = await signIn(email, PASSWORD, ip);
    expect(after.status).toBe(200);

    const locks = (await auditRows(t, 'auth.locked')).filter((r) => r.subject_id === userId);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({
      actor_role: 'anonymous',
      outcome: 'denied',
      subject_type: 'user',
      ip,
      detail: { lock: 'account', email, failures: 5, lockedUntil: until.toISOString() },
    });
  });

  it('answers an unknown email exactly like a known one, lock included', async () => {
    const { email: known } = await account();
    const unknown = `nobody-${randomUUID().slice(0, 8)}@test.local`;
    const ip = freshIp();
    const answers = async (email: string) => {
      const list: ReturnType<typeof shape>[] = [];
      for (let i = 0; i < 6; i += 1) list.push(shape(await signIn(email, 'wrong', ip)));
      return list;
    };
    const knownAnswers = await answers(known);
    const unknownAnswers = await answers(unknown);
    expect(knownAnswers.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknownAnswers).toEqual(knownAnswers);
  });

  it('a successful sign-in resets the count', async () => {
    const { email } = await account();
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) expect((await signIn(email, 'wrong', ip)).status).toBe(401);
    expect((await signIn(email, PASSWORD, ip)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await signIn(email, 'wrong', ip)).status).toBe(401);
    expect((await signIn(email, PASSWORD, ip)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await signIn(email, 'wrong', ip)).status).toBe(401);
    expect((await signIn(email, 'wrong', ip)).status).toBe(423);
  });

  it('counts failures within 15 minutes only', async () => {
    const { email } = await account();
    const ip = freshIp();
    for (let i = 0; i < 4; i += 1) expect((await signIn(email, 'wrong', ip)).status).toBe(401);
    t.clock.advance(15 * MINUTE);
    for (let i = 0; i < 4; i += 1) expect((await signIn(email, 'wrong', ip)).status).toBe(401);
    expect((await signIn(email, PASSWORD, ip)).status).toBe(200);
  });

  it('locks an address that fails for many emails (429), leaving other addresses alone', async () => {
    const ip = freshIp();
    const { email: victim } = await account();
    // 20 failures (SIGN_IN_MAX_FAILURES_PER_IP) across different emails, none reaching 5 each.
    for (let i = 0; i < 19; i += 1) {
      expect((await signIn(`spray-${i}-${randomUUID().slice(0, 6)}@test.local`, 'Winter2026!', ip)).status).toBe(401);
    }
    const twentieth = await signIn(`spray-last@test.local`, 'Winter2026!', ip);
    expect(twentieth.status).toBe(429);
    expect(twentieth.body).toMatchObject({ type: '/problems/sign-in-throttled', retryAfterSeconds: 900 });
    expect(twentieth.headers['retry-after']).toBe('900');
    expect((await signIn(victim, PASSWORD, ip)).status).toBe(429);
    expect((await signIn(victim, PASSWORD, freshIp())).status).toBe(200);
    const locks = (await auditRows(t, 'auth.locked')).filter((r) => r.subject_id === ip);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ subject_type: 'address', detail: { lock: 'ip', failures: 20 } });
    t.clock.advance(15 * MINUTE);
    expect((await signIn(victim, PASSWORD, ip)).status).toBe(200);
  }, 60_000);

  it('takes its limits from the configuration', () => {
    const config = loadConfig({
      SIGN_IN_MAX_FAILURES: '3',
      SIGN_IN_MAX_FAILURES_PER_IP: '0',
      SIGN_IN_FAILURE_WINDOW_MINUTES: '10',
      SIGN_IN_LOCK_MINUTES: '30',
      SIGN_IN_IDLE_MINUTES: '20',
      SIGN_IN_HOURS: '8',
    });
    expect(config.signIn).toEqual({ maxFailures: 3, maxFailuresPerIp: 0, failureWindowMs: 10 * MINUTE, lockMs: 30 * MINUTE, idleMs: 20 * MINUTE, lifetimeMs: 8 * 60 * MINUTE });
    expect(loadConfig({}).signIn).toEqual({ maxFailures: 5, maxFailuresPerIp: 20, failureWindowMs: 15 * MINUTE, lockMs: 15 * MINUTE, idleMs: 60 * MINUTE, lifetimeMs: 12 * 60 * MINUTE });
    expect(() => loadConfig({ SIGN_IN_MAX_FAILURES: '0' })).toThrow(/SIGN_IN_MAX_FAILURES/);
  });
});
