// Every route declares who may call it (config.access); a route without a declaration stops
// the server from starting. The actor is resolved from the bearer token before validation.
// Every refusal — 401 or 403, from this hook or from a handler — leaves one audit row (RISK-6).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Actor, findActorByTokenHash, hashToken, type RouteAccess } from '../modules/identity/index.ts';
import type { Clock } from '../shared/clock.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { recordRouteAccess } from './access.matrix.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** How a refusal of this route is audited, when not as `access.denied` (e.g. pii.reveal_denied). */
    auditDenied?: DeniedAudit;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const UNDECLARED_OK = /^\/docs(\/|$)/; // the documentation UI's own assets

export interface DeniedAudit {
  action: string;
  subjectType: string;
  /** The path parameter that names the subject. */
  subjectParam: string;
}

export const unauthenticated = (): AppError =>
  new AppError({
    status: 401,
    type: 'unauthenticated',
    text: { 'zh-CN': '请先登录或提供有效的访问令牌', 'en-US': 'Sign in or provide a valid access token' },
  });

export function registerAccessControl(app: FastifyInstance, db: Kysely<DB>, clock: Clock): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    recordRouteAccess(app, route);
    if (UNDECLARED_OK.test(route.url)) return;
    if (!route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') {
      request.actor = withOrigin(await resolveActor(request, db, clock), request);
      return;
    }
    const actor = await resolveActor(request, db, clock);
    if (!actor) throw unauthenticated();
    request.actor = withOrigin(actor, request);
    if (access !== 'authenticated' && !access.includes(actor.role)) throw forbidden();
  });
  app.addHook('onError', async (request, _reply, error: unknown) => {
    if (!(error instanceof AppError) || (error.type !== 'unauthenticated' && error.type !== 'forbidden')) return;
    await recordDenial(db, clock, request, error);
  });
}

/** One row per refused request: who (if known), what route, from where. Never fails the answer. */
async function recordDenial(db: Kysely<DB>, clock: Clock, request: FastifyRequest, error: AppError): Promise<void> {
  const special = request.routeOptions.config?.auditDenied;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const subjectId = special ? params[special.subjectParam] : undefined;
  try {
    await recordAudit(db, {
      at: clock.now(),
      actor: request.actor,
      action: special?.action ?? 'access.denied',
      subjectType: special ? special.subjectType : 'route',
      subjectId: special ? (typeof subjectId === 'string' ? subjectId.slice(0, 200) : null) : `${request.method} ${request.routeOptions.url ?? ''}`,
      outcome: 'denied',
      ip: request.ip,
      requestId: request.id,
      detail: { status: error.status, method: request.method, path: request.url.split('?')[0]!.slice(0, 300) },
    });
  } catch (auditError) {
    request.log.error({ err: auditError }, 'could not record a refused request in the audit trail');
  }
}

// A token's actor is remembered briefly so a busy integration does not pay a lookup per call;
// the short lifetime bounds how long a revoked or expired token keeps working.
const ACTOR_CACHE_MS = 5_000;
const ACTOR_CACHE_MAX = 10_000;
const actorCache = new Map<string, { actor: Actor; until: number }>();

async function resolveActor(request: FastifyRequest, db: Kysely<DB>, clock: Clock): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated();
  const tokenHash = hashToken(match[1]);
  const cached = actorCache.get(tokenHash);
  if (cached && cached.until > performance.now()) return cached.actor;
  const actor = await findActorByTokenHash(db, tokenHash, clock.now());
  if (!actor) throw unauthenticated();
  if (actorCache.size >= ACTOR_CACHE_MAX) actorCache.clear();
  actorCache.set(tokenHash, { actor, until: performance.now() + ACTOR_CACHE_MS });
  return actor;
}

/** The cached actor with this request's address and id, so the audit rows it causes carry them. */
function withOrigin(actor: Actor | null, request: FastifyRequest): Actor | null {
  return actor ? { ...actor, origin: { ip: request.ip, requestId: request.id } } : null;
}

/** The signed-in actor of a route that requires one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
