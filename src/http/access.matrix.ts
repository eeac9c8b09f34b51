// The access each route declared (config.access) and the scope it needs (config.scope, declared or
// derived), recorded as routes are added, so the authorization matrix test can walk every route
// with every role and with tokens of every scope and compare the answers.
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteAccess, RouteScope } from '../modules/identity/index.ts';

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  scope: RouteScope | undefined;
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Records one route of an app (called from the access control's onRoute hook). */
export function recordRouteAccess(app: FastifyInstance, route: RouteOptions): void {
  const list = declared.get(app) ?? [];
  declared.set(app, list);
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  for (const method of methods) list.push({ method: String(method).toUpperCase(), url: route.url, access: route.config?.access, scope: route.config?.scope });
}

/** Every route of an app with the access it declared (undefined where it declared none). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return declared.get(app) ?? [];
}
