// The console's way in, for HTTP tests: sign in with the cookie, then call with the cookie and
// (for unsafe methods) the CSRF token, as the browser does.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { SIGN_IN_COOKIE } from '../../src/modules/identity/index.ts';
import type { TestApp } from './harness.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Reply {
  status: number;
  body: any;
  headers: LightMyRequestResponse['headers'];
}

function parse(res: LightMyRequestResponse): Reply {
  let body: unknown = res.body;
  try {
    body = res.body ? JSON.parse(res.body) : null;
  } catch {
    // text stays text
  }
  return { status: res.statusCode, body, headers: res.headers };
}

/** Set-Cookie headers of a response, as one list. */
export function setCookies(res: { headers: LightMyRequestResponse['headers'] }): string[] {
  const raw = res.headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
}

/** Any call, with whatever headers the test gives. */
export async function call(t: TestApp, method: Method, url: string, options: { headers?: Record<string, string>; payload?: unknown; ip?: string } = {}): Promise<Reply> {
  const res = await t.runtime.app.inject({
    method,
    url,
    headers: options.headers ?? {},
    ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
    ...(options.ip ? { remoteAddress: options.ip } : {}),
  });
  return parse(res);
}

/**
 * A client address of its own: sign-in is rate limited per address (RATE_LIMIT_SIGN_IN_PER_MINUTE)
 * and lock-outs count per address, so tests that sign in often spread over addresses.
 */
export function freshIp(): string {
  const n = Math.floor(Math.random() * 65_536);
  return `10.${100 + Math.floor(Math.random() * 100)}.${n >> 8}.${n & 255}`;
}

export interface CookieClient {
  ip: string;
  /** `afterdesk_sign_in=…`, as the browser sends it. */
  cookie: string;
  csrfToken: string;
  signIn: Reply;
  /** A call with the cookie; unsafe methods carry the CSRF token unless `csrf` says otherwise. */
  request(method: Method, url: string, payload?: unknown, options?: { csrf?: string | null; headers?: Record<string, string> }): Promise<Reply>;
}

export async function signInWithCookie(t: TestApp, email: string, password: string, options: { ip?: string; userAgent?: string } = {}): Promise<CookieClient> {
  const ip = options.ip ?? freshIp();
  const signIn = await call(t, 'POST', '/api/v1/auth/sign-in', {
    payload: { email, password, cookie: true },
    headers: { 'user-agent': options.userAgent ?? 'Mozilla/5.0 (test)' },
    ip,
  });
  expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
  const set = setCookies(signIn).find((c) => c.startsWith(`${SIGN_IN_COOKIE}=`));
  if (!set) throw new Error('sign-in set no cookie');
  const cookie = set.split(';')[0] ?? '';
  const csrfToken = signIn.body.csrfToken as string;
  return {
    ip,
    cookie,
    csrfToken,
    signIn,
    request: (method, url, payload, opts = {}) => {
      const csrf = opts.csrf === undefined ? (method === 'GET' ? null : csrfToken) : opts.csrf;
      return call(t, method, url, {
        headers: { cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(opts.headers ?? {}) },
        ...(payload !== undefined ? { payload } : {}),
        ip,
      });
    },
  };
}

/** The audit rows of one action, oldest first. */
export async function auditRows(t: TestApp, action: string) {
  return t.runtime.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}
