export type { Actor, Credential, RequestOrigin, RouteAccess } from './identity.types.ts';
export { SYSTEM_ACTOR } from './identity.types.ts';
export { createUserWithToken, hashPassword, signIn } from './identity.service.ts';
export { hashToken } from './identity.tokens.ts';
export { defaultRouteScope, grants, isUnsafeMethod, type RouteScope, type Scope, SCOPES } from './identity.scopes.ts';
export { type Authenticated, authenticateBearer, authenticateCookie, credentialClock, CSRF_HEADER, scopesOf, SIGN_IN_COOKIE } from './credentials.ts';
export { identityRoutes } from './identity.routes.ts';
