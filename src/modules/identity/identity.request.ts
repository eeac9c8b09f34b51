// The caller of an identity route, as the account service needs it.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../http/access.ts';
import type { AccountRequest } from './account.service.ts';
import type { Credential } from './identity.types.ts';

export function accountRequest(request: FastifyRequest, now: Date): AccountRequest {
  return { actor: actorOf(request), now, ip: request.ip, requestId: request.id };
}

/** The credential the signed-in caller presented (set by access control with the actor). */
export function credentialOf(request: FastifyRequest): Credential {
  actorOf(request);
  if (!request.credential) throw new Error('access control set an actor without its credential');
  return request.credential;
}
