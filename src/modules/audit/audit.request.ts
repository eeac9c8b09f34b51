// The parts of an audit entry that come from the HTTP request (who, from where, which request),
// so a route records a configuration change in its own transaction with one call.
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../../http/access.ts';
import { type AuditEntry, recordAudit } from './audit.service.ts';

export type ConfigChange = Pick<AuditEntry, 'action' | 'subjectType' | 'subjectId' | 'detail'>;

/** Records a configuration change made by the request's signed-in actor, at `at`. */
export async function recordConfigChange(trx: Kysely<DB> | Transaction<DB>, request: FastifyRequest, at: Date, change: ConfigChange): Promise<void> {
  const actor = actorOf(request);
  await recordAudit(trx, {
    at,
    actor: { userId: actor.userId, role: actor.role, displayName: actor.displayName },
    ...change,
    ip: request.ip,
    requestId: request.id,
  });
}
