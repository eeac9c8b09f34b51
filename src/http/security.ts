// Hardening shared by every response: security headers (helmet), the CORS allow-list and
// rate limits. Registered by buildApp; the limits and origins come from the configuration.
import cors from '@fastify/cors';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../shared/errors.ts';

/**
 * One policy for the API, the console and /docs. Both user interfaces load scripts only from
 * this origin (no inline script, no eval); styles need 'unsafe-inline' because Ant Design
 * injects its CSS-in-JS <style> elements at run time and Swagger UI sets style attributes.
 * Downloads and previews use blob: URLs; icons are data: URLs.
 */
export function contentSecurityPolicy(httpsOnly: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    ...(httpsOnly ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const headers = fixedHeaders(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config.httpsOnly) },
      strictTransportSecurity: config.httpsOnly ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
      xContentTypeOptions: true,
    }),
  );
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers.set) reply.raw.setHeader(name, value);
    for (const name of headers.removed) reply.raw.removeHeader(name);
    done();
  });
}

/**
 * The headers helmet sets, read once: with a fixed policy (no per-request nonce) they are the same
 * on every response, so each request only copies them (the Fastify plugin rebuilt helmet, and
 * parsed the policy again, on every request).
 */
function fixedHeaders(middleware: ReturnType<typeof helmet>): { set: [string, string][]; removed: string[] } {
  const set = new Map<string, string>();
  const removed: string[] = [];
  const response = {
    setHeader: (name: string, value: string) => set.set(name, value),
    removeHeader: (name: string) => {
      set.delete(name);
      removed.push(name);
    },
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return { set: [...set], removed };
}

/**
 * Cross-origin browser calls only from CORS_ORIGINS. Any other origin (and every origin when
 * the list is empty) gets no CORS headers at all, and its preflight is answered 404.
 * Must be registered before access control: the preflight is answered in an onRequest hook,
 * before any token check (browsers send no Authorization header on a preflight).
 */
export async function registerCors(app: FastifyInstance, config: Config): Promise<void> {
  // Without a list there is nothing to answer: the plugin's hooks would run on every request for no
  // header, and a preflight finds no OPTIONS route (404) all the same.
  if (config.corsOrigins.length === 0) return;
  const allowed = new Set(config.corsOrigins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'accept-language', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'x-server-time', 'retry-after', 'content-disposition', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    credentials: false,
    maxAge: 600,
    strictPreflight: true,
  });
}

/** Only the API is limited: the console's files, /docs and health probes are not. */
const LIMITED = /^\/(api\/|openapi\.json(\?|$))/;

/** The bucket a request counts against: its token or sign-in, or its IP (sign-in has a stricter one). */
export function rateLimitKey(request: FastifyRequest): string {
  const credential = request.actor ? request.credential : null;
  if (credential) return `token:${credential.kind === 'sign-in' ? credential.signInId : credential.tokenId}`;
  const access = request.routeOptions.config?.access;
  const credentialRoute = access === 'public' && request.method !== 'GET' && request.method !== 'HEAD';
  return `${credentialRoute ? 'sign-in' : 'ip'}:${request.ip}`;
}

function limitFor(config: Config, key: string): number {
  if (key.startsWith('token:')) return config.rateLimit.perToken;
  if (key.startsWith('sign-in:')) return config.rateLimit.signInPerIp;
  return config.rateLimit.anonymousPerIp;
}

/** The 429 problem every limit answers with (Retry-After is set by the caller). */
export function rateLimited(seconds: number, limitPerMinute: number): AppError {
  return new AppError({
    status: 429,
    type: 'rate-limited',
    text: {
      'zh-CN': `请求过于频繁，请在 ${seconds} 秒后重试`,
      'en-US': `Too many requests, retry in ${seconds} s`,
    },
    extra: { retryAfterSeconds: seconds, limitPerMinute },
  });
}

/**
 * Failed authentications per client IP (a bearer token that is unknown, expired, revoked or
 * malformed): once an address has failed RATE_LIMIT_AUTH_FAILURES_PER_MINUTE times in its minute,
 * every request from it that carries a token is answered 429 before the token is even looked up,
 * so guessing tokens gets nowhere and cannot tell a right guess from a wrong one. Counted in this
 * process's memory, like the other limits.
 */
export class AuthFailureLimiter {
  readonly #windows = new Map<string, { failures: number; resetAt: number }>();
  constructor(
    readonly limitPerMinute: number,
    readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds until the address may try again, or null when it may try now. */
  blockedFor(ip: string): number | null {
    const window = this.#windows.get(ip);
    if (!window || window.resetAt <= this.now()) return null;
    return window.failures >= this.limitPerMinute ? Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000)) : null;
  }

  recordFailure(ip: string): void {
    const now = this.now();
    const window = this.#windows.get(ip);
    if (window && window.resetAt > now) {
      window.failures += 1;
      return;
    }
    if (this.#windows.size >= 10_000) {
      for (const [key, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(key);
      if (this.#windows.size >= 10_000) this.#windows.clear();
    }
    this.#windows.set(ip, { failures: 1, resetAt: now + 60_000 });
  }
}

/**
 * Per-minute limits: RATE_LIMIT_PER_MINUTE per token or sign-in, RATE_LIMIT_ANONYMOUS_PER_MINUTE per
 * IP for calls without one, RATE_LIMIT_SIGN_IN_PER_MINUTE per IP for public non-GET routes
 * (sign-in). The check runs after access control has resolved the actor; a request with an
 * invalid token is refused 401 there and counted per IP by the AuthFailureLimiter instead.
 * Behind a reverse proxy set TRUST_PROXY, or every anonymous caller shares the proxy's address.
 */
export async function registerRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    max: (_request, key) => limitFor(config, key),
    allowList: (request, key) => !LIMITED.test(request.url) || limitFor(config, key) === 0,
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000)), context.max),
  });
}
