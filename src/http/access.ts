// Every route declares who may call it (config.access) and, for integration tokens, the scope it
// needs (config.scope, or derived from its method and tag); a route without an access declaration
// stops the server from starting. The caller is resolved from a bearer token or the console's
// sign-in cookie before validation; an unsafe call made with the cookie must carry the CSRF token
// bound to that sign-in. Every refusal (401 or 403, from this hook or from a handler) leaves one
// audit row (RISK-6).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { SignInSettings } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import {
  type Actor,
  type Authenticated,
  authenticateBearer,
  authenticateCookie,
  type Credential,
  CSRF_HEADER,
  defaultRouteScope,
  grants,
  isUnsafeMethod,
  type RouteAccess,
  type RouteScope,
  scopesOf,
  SIGN_IN_COOKIE,
} from '../modules/identity/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { recordRouteAccess } from './access.matrix.ts';
import { clearSignInCookie } from './sign-in.cookie.ts';
import { readCookie } from './cookies.ts';
import { forgetCachedTokens } from '../modules/identity/integration-tokens.ts';
import { type AuthFailureLimiter, rateLimited } from './security.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The scope an integration token needs; derived from the method and first tag when absent. */
    scope?: RouteScope;
    /** 'ignored': the route does not look at who calls (sign-in itself). */
    credentials?: 'ignored';
    /** How a refusal of this route is audited, when not as `access.denied` (e.g. pii.reveal_denied). */
    auditDenied?: DeniedAudit;
  }
  interface FastifyRequest {
    actor: Actor | null;
    credential: Credential | null;
  }
}

const UNDECLARED_OK = /^\/docs(\/|$)/; // the documentation UI's own assets

export interface DeniedAudit {
  action: string;
  subjectType: string;
  /** The path parameter that names the subject. */
  subjectParam: string;
}

/** Refusals audited as they happen; a CSRF refusal has its own row (auth.csrf_rejected). */
const AUDITED_REFUSALS = new Set(['unauthenticated', 'forbidden', 'insufficient-scope']);

export const unauthenticated = (): AppError =>
  new AppError({
    status: 401,
    type: 'unauthenticated',
    text: { 'zh-CN': '请先登录或提供有效的访问令牌', 'en-US': 'Sign in or provide a valid access token' },
  });

const insufficientScope = (scope: RouteScope): AppError =>
  new AppError({
    status: 403,
    type: 'insufficient-scope',
    text: { 'zh-CN': `此访问令牌没有所需的权限范围（${scope}）`, 'en-US': `This access token lacks the scope this needs (${scope})` },
    extra: { requiredScope: scope },
  });

const csrfFailed = (): AppError =>
  new AppError({
    status: 403,
    type: 'csrf-failed',
    text: { 'zh-CN': '请求缺少有效的防伪令牌，请刷新页面后重试', 'en-US': 'The request lacks a valid CSRF token: reload the page and try again' },
  });

export interface AccessControlOptions {
  db: Kysely<DB>;
  /** The clock sign-ins and tokens run on (see credentialClock). */
  clock: Clock;
  settings: SignInSettings;
  httpsOnly: boolean;
  /** Failed bearer authentications counted per client IP, checked before any token lookup. */
  authFailures?: AuthFailureLimiter | undefined;
}

export function registerAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('credential', null);
  app.addHook('onRoute', (route) => {
    const config = route.config;
    if (config?.access && !config.scope) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const unsafe = methods.some((m) => isUnsafeMethod(String(m)));
      config.scope = defaultRouteScope(unsafe ? 'POST' : 'GET', route.schema?.tags, config.access === 'public');
    }
    recordRouteAccess(app, route);
    if (UNDECLARED_OK.test(route.url)) return;
    if (!config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config?.credentials === 'ignored') return;
    const access = config?.access ?? 'public';
    const found = await authenticate(request, reply, options, access === 'public');
    if (!found) {
      if (access === 'public') return;
      throw unauthenticated();
    }
    const { credential } = found;
    // With this request's address and id, so the audit rows it causes carry them.
    const actor: Actor = { ...found.actor, origin: { ip: request.ip, requestId: request.id } };
    if (credential.kind === 'sign-in' && credential.delivery === 'cookie' && isUnsafeMethod(request.method)) {
      await checkCsrf(request, actor, credential.csrfToken, options);
    }
    request.actor = actor;
    if (access !== 'public' && access !== 'authenticated' && !access.includes(actor.role)) throw forbidden();
    const scope = config?.scope ?? 'any';
    if (!grants(scopesOf(credential), scope)) throw insufficientScope(scope);
    request.credential = credential;
  });
  app.addHook('onError', async (request, _reply, error: unknown) => {
    if (!(error instanceof AppError) || !AUDITED_REFUSALS.has(error.type)) return;
    await recordDenial(options, request, error);
  });
}

/** One row per refused request: who (if known), what route, from where. Never fails the answer. */
async function recordDenial(options: AccessControlOptions, request: FastifyRequest, error: AppError): Promise<void> {
  const special = request.routeOptions.config?.auditDenied;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const subjectId = special ? params[special.subjectParam] : undefined;
  try {
    await recordAudit(options.db, {
      at: options.clock.now(),
      actor: request.actor,
      action: special?.action ?? 'access.denied',
      subjectType: special ? special.subjectType : 'route',
      subjectId: special ? (typeof subjectId === 'string' ? subjectId.slice(0, 200) : null) : `${request.method} ${request.routeOptions.url ?? ''}`,
      outcome: 'denied',
      ip: request.ip,
      requestId: request.id,
      detail: { status: error.status, type: error.type, method: request.method, path: request.url.split('?')[0]!.slice(0, 300) },
    });
  } catch (auditError) {
    request.log.error({ err: auditError }, 'could not record a refused request in the audit trail');
  }
}

/**
 * The caller, or null when the request presents nothing (or, on a public route, only a stale
 * sign-in cookie, which is then cleared). A bearer token that is malformed or not live is 401
 * even on a public route: its sender expects to be someone.
 */
async function authenticate(request: FastifyRequest, reply: FastifyReply, options: AccessControlOptions, optional: boolean): Promise<Authenticated | null> {
  const now = options.clock.now();
  const header = request.headers.authorization;
  if (header) {
    // Guessing tokens gets 429 before any lookup, so a right guess looks like a wrong one.
    const wait = options.authFailures?.blockedFor(request.ip) ?? null;
    if (wait !== null && options.authFailures) {
      reply.header('retry-after', String(wait));
      throw rateLimited(wait, options.authFailures.limitPerMinute);
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await authenticateBearer(options.db, match[1], now, options.settings) : null;
    if (!found) {
      options.authFailures?.recordFailure(request.ip);
      throw unauthenticated();
    }
    return found;
  }
  const cookie = readCookie(request.headers.cookie, SIGN_IN_COOKIE);
  if (!cookie) return null;
  const found = await authenticateCookie(options.db, cookie, now, options.settings);
  if (found) return found;
  clearSignInCookie(request, reply, options.httpsOnly);
  if (optional) return null;
  throw unauthenticated();
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An unsafe call with the sign-in cookie must echo the sign-in's CSRF token; refusals are audited. */
async function checkCsrf(request: FastifyRequest, actor: Actor, expected: string | null, options: AccessControlOptions): Promise<void> {
  const given = request.headers[CSRF_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  if (value && expected && sameSecret(value, expected)) return;
  await recordAudit(options.db, {
    at: options.clock.now(),
    actor,
    action: 'auth.csrf_rejected',
    subjectType: 'route',
    subjectId: `${request.method} ${request.routeOptions.url ?? request.url}`,
    outcome: 'denied',
    ip: request.ip,
    requestId: request.id,
    detail: { reason: value ? 'mismatch' : 'missing' },
  });
  throw csrfFailed();
}

/**
 * Drops what this process remembers of a user's tokens, so a deactivation or a role change takes
 * effect on the very next request here (other processes follow within ACTOR_CACHE_MS).
 */
export function forgetActorsOf(userId: string): void {
  forgetCachedTokens({ userId });
}

/** The signed-in actor of a route that requires one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
