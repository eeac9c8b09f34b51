// Every route declares who may call it (config.access); a route without a declaration stops
// the server from starting. The actor is resolved from the bearer token before validation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Actor, findActorByTokenHash, hashToken, type RouteAccess } from '../modules/identity/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { recordRouteAccess } from './access.matrix.ts';
import { type AuthFailureLimiter, rateLimited } from './security.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const UNDECLARED_OK = /^\/docs(\/|$)/; // the documentation UI's own assets

export const unauthenticated = (): AppError =>
  new AppError({
    status: 401,
    type: 'unauthenticated',
    text: { 'zh-CN': '请先登录或提供有效的访问令牌', 'en-US': 'Sign in or provide a valid access token' },
  });

export function registerAccessControl(app: FastifyInstance, db: Kysely<DB>, clock: Clock, authFailures?: AuthFailureLimiter): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    recordRouteAccess(app, route);
    if (UNDECLARED_OK.test(route.url)) return;
    if (!route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
  });
  /** The actor of the request's token; a failed authentication counts against the client's IP. */
  const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<Actor | null> => {
    if (!authFailures || request.headers.authorization === undefined) return resolveActor(request, db, clock);
    const wait = authFailures.blockedFor(request.ip);
    if (wait !== null) {
      reply.header('retry-after', String(wait));
      throw rateLimited(wait, authFailures.limitPerMinute);
    }
    try {
      return await resolveActor(request, db, clock);
    } catch (error) {
      authFailures.recordFailure(request.ip);
      throw error;
    }
  };
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') {
      request.actor = await authenticate(request, reply);
      return;
    }
    const actor = await authenticate(request, reply);
    if (!actor) throw unauthenticated();
    if (access !== 'authenticated' && !access.includes(actor.role)) throw forbidden();
    request.actor = actor;
  });
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

/** The signed-in actor of a route that requires one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
