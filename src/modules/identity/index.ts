export type { Actor, RequestOrigin, RouteAccess } from './identity.types.ts';
export { SYSTEM_ACTOR } from './identity.types.ts';
export { findActorByTokenHash } from './identity.repository.ts';
export { createUserWithToken, hashPassword, signIn } from './identity.service.ts';
export { hashToken } from './identity.tokens.ts';
export { identityRoutes } from './identity.routes.ts';
