// Hardening: security headers on every kind of response, the CORS allow-list, rate limits
// (429 problem+json with Retry-After) and the JSON body size limit (413 problem+json).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { type Runtime, startRuntime } from '../../src/runtime.ts';
import { freshTestDatabase } from '../helpers/harness.ts';

const ALLOWED = 'https://shop.example.com';

async function start(env: Record<string, string>): Promise<{ runtime: Runtime; close(): Promise<void> }> {
  const database = await freshTestDatabase();
  const config = loadConfig({
    ...process.env,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'afterdesk-hardening-')),
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const runtime = await startRuntime(config, { inMemory: true });
  return {
    runtime,
    close: async () => {
      await runtime.close();
      await database.drop();
    },
  };
}

function expectSecurityHeaders(res: LightMyRequestResponse): void {
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
}

describe('hardening', () => {
  let app: Runtime['app'];
  let runtime: Runtime;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ runtime, close } = await start({
      CORS_ORIGINS: `${ALLOWED}, http://localhost:5173`,
      RATE_LIMIT_PER_MINUTE: '5',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '8',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '3',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '4',
    }));
    app = runtime.app;
  });
  afterAll(async () => close());

  describe('security headers', () => {
    it('are on a JSON route', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/kb/categories', remoteAddress: '10.1.0.1' });
      expect(res.statusCode).toBe(200);
      expectSecurityHeaders(res);
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-request-id']).toBeTruthy();
    });

    it('are on problem responses (404, 401)', async () => {
      const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', remoteAddress: '10.1.0.2' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expectSecurityHeaders(missing);
      const unauthenticated = await app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: 'Bearer nope' }, remoteAddress: '10.1.0.2' });
      expect(unauthenticated.statusCode).toBe(401);
      expectSecurityHeaders(unauthenticated);
    });

    it('are on the console and on /docs, whose styles may be inline', async () => {
      const index = await app.inject({ method: 'GET', url: '/', remoteAddress: '10.1.0.3' });
      expect([200, 503]).toContain(index.statusCode); // 503: web/dist not built
      expect(index.headers['content-type']).toContain('text/html');
      expectSecurityHeaders(index);
      expect(String(index.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
      const docs = await app.inject({ method: 'GET', url: '/docs/', remoteAddress: '10.1.0.3' });
      expect(docs.headers['content-type']).toContain('text/html');
      expect(docs.statusCode).toBe(200);
      expectSecurityHeaders(docs);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/v1/cases',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
        remoteAddress: '10.2.0.1',
      });

    it('answers the preflight of an allowed origin', async () => {
      const res = await preflight(ALLOWED);
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(res.headers['access-control-allow-headers'])).toContain('authorization');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('refuses the preflight of any other origin, without CORS headers', async () => {
      for (const origin of ['https://evil.example.com', 'https://shop.example.com.evil.test', 'null']) {
        const res = await preflight(origin);
        expect(res.statusCode).toBe(404);
        expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      }
    });

    it('marks actual responses for allowed origins only', async () => {
      const allowed = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: ALLOWED } });
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(String(allowed.headers.vary)).toMatch(/origin/i);
      expect(String(allowed.headers['access-control-expose-headers'])).toContain('retry-after');
      const refused = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example.com' } });
      expect(refused.statusCode).toBe(200);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('rate limits', () => {
    it('limits a bearer token, then answers 429 problem+json with Retry-After', async () => {
      const { db } = runtime.deps.database;
      const a = await createUserWithToken(db, { email: 'rl-a@test.local', displayName: 'A', role: 'agent' });
      const b = await createUserWithToken(db, { email: 'rl-b@test.local', displayName: 'B', role: 'agent' });
      const call = (token: string, lang = 'zh-CN') =>
        app.inject({ method: 'GET', url: '/api/v1/kb/categories', headers: { authorization: `Bearer ${token}`, 'accept-language': lang }, remoteAddress: '10.3.0.1' });
      for (let i = 0; i < 5; i += 1) {
        const ok = await call(a.token);
        expect(ok.statusCode).toBe(200);
        expect(ok.headers['x-ratelimit-limit']).toBe('5');
      }
      const limited = await call(a.token, 'en-US');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expectSecurityHeaders(limited);
      const body = limited.json();
      expect(body).toMatchObject({ type: '/problems/rate-limited', status: 429, retryAfterSeconds: retryAfter, limitPerMinute: 5 });
      expect(body.detail).toContain('Too many requests');
      expect(body.messages['zh-CN']).toContain('请求过于频繁');
      expect(body.correlationId).toBe(limited.headers['x-request-id']);
      // Another token from the same address has a bucket of its own.
      expect((await call(b.token)).statusCode).toBe(200);
    });

    it('limits sign-in per IP more strictly than other anonymous calls', async () => {
      const signIn = (ip: string) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nobody@test.local', password: 'wrong-password' }, remoteAddress: ip });
      for (let i = 0; i < 3; i += 1) expect((await signIn('10.4.0.1')).statusCode).toBe(401);
      const limited = await signIn('10.4.0.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().type).toBe('/problems/rate-limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another address, and anonymous reads from the same address, are not affected.
      expect((await signIn('10.4.0.2')).statusCode).toBe(401);
      const read = await app.inject({ method: 'GET', url: '/api/v1/kb/categories', remoteAddress: '10.4.0.1' });
      expect(read.statusCode).toBe(200);
      expect(read.headers['x-ratelimit-limit']).toBe('8');
    });

    it('counts failed authentications per IP, before any token lookup: guessing tokens gets 429', async () => {
      const { db } = runtime.deps.database;
      const valid = await createUserWithToken(db, { email: 'rl-guess@test.local', displayName: 'G', role: 'agent' });
      const call = (token: string, ip: string) =>
        app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}`, 'accept-language': 'en-US' }, remoteAddress: ip });
      // Each guess is a different token, so no per-token bucket could ever fill up.
      for (let i = 0; i < 4; i += 1) {
        const guess = await call(`guess-${i}-${'x'.repeat(40)}`, '10.7.0.1');
        expect(guess.statusCode).toBe(401);
        expect(guess.json().type).toBe('/problems/unauthenticated');
      }
      const limited = await call('guess-5', '10.7.0.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ type: '/problems/rate-limited', limitPerMinute: 4 });
      expectSecurityHeaders(limited);
      // A right guess from that address now is answered the same: the 429 tells nothing about the token.
      expect((await call(valid.token, '10.7.0.1')).statusCode).toBe(429);
      // Malformed credentials count too; other addresses and calls without a token are not affected.
      expect((await app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: 'Basic abc' }, remoteAddress: '10.7.0.1' })).statusCode).toBe(429);
      expect((await call(valid.token, '10.7.0.2')).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/kb/categories', remoteAddress: '10.7.0.1' })).statusCode).toBe(200);
    });

    it('limits anonymous calls per IP but never the console, /docs or health probes', async () => {
      const get = (url: string) => app.inject({ method: 'GET', url, remoteAddress: '10.5.0.1' });
      for (let i = 0; i < 8; i += 1) expect((await get('/api/v1/kb/categories')).statusCode).toBe(200);
      expect((await get('/api/v1/kb/categories')).statusCode).toBe(429);
      for (let i = 0; i < 10; i += 1) {
        expect((await get('/healthz')).statusCode).toBe(200);
        expect([200, 503]).toContain((await get('/')).statusCode);
        expect((await get('/docs/')).statusCode).toBe(200);
      }
    });
  });

  it('answers an oversized JSON body with 413 problem+json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-US' },
      payload: JSON.stringify({ email: 'a@test.local', password: 'x'.repeat(1_048_576) }),
      remoteAddress: '10.6.0.1',
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/payload-too-large', status: 413, messages: { 'zh-CN': '请求内容过大', 'en-US': 'Request body too large' } });
    expectSecurityHeaders(res);
  });
});

describe('hardening defaults and HTTPS_ONLY', () => {
  let app: Runtime['app'];
  let runtime: Runtime;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ runtime, close } = await start({ HTTPS_ONLY: '1' }));
    app = runtime.app;
  });
  afterAll(async () => close());

  it('sends HSTS and upgrade-insecure-requests when served over HTTPS only', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('marks the sign-in cookie Secure when served over HTTPS only', async () => {
    const { db } = runtime.deps.database;
    await createUserWithToken(db, { email: 'https-cookie@test.local', displayName: 'A', role: 'agent', password: 'https-only-pass' });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'https-cookie@test.local', password: 'https-only-pass', cookie: true } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/^afterdesk_sign_in=[\w-]+; Path=\/; Max-Age=43200; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('allows no cross-origin caller without CORS_ORIGINS', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/cases',
      headers: { origin: ALLOWED, 'access-control-request-method': 'GET' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rejects a CORS origin that is not an origin', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://shop.example.com/path' })).toThrow(/CORS_ORIGINS/);
    expect(loadConfig({ CORS_ORIGINS: ' https://a.example.com/ ,http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
  });
});
