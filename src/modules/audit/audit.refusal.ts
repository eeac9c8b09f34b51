// A refusal that must leave a trace: the error answers the request as problem+json like any
// AppError, and the HTTP layer writes its audit row (with who, from where, which request) after the
// refused command's transaction has rolled back, so the denial is recorded even though nothing else is.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { recordAudit } from './audit.service.ts';

export interface RefusalAudit {
  /** Dotted verb, e.g. access.denied, retention.purge_refused. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** Stable reason code, e.g. single_external_voice. */
  reason: string;
  detail?: Record<string, unknown>;
}

export class AuditedRefusal extends AppError {
  readonly audit: RefusalAudit;
  constructor(options: { status: number; type: string; text: LocalizedText; field?: string; extra?: Record<string, unknown>; audit: RefusalAudit }) {
    super(options);
    this.audit = options.audit;
  }
}

/** Writes the audit row of every AuditedRefusal a route throws (outcome 'denied'). */
export function registerRefusalAudit(app: FastifyInstance, db: Kysely<DB>, clock: Clock): void {
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AuditedRefusal)) return;
    const { action, subjectType, subjectId, reason, detail } = error.audit;
    try {
      await recordAudit(db, {
        at: clock.now(),
        actor: request.actor,
        action,
        subjectType,
        subjectId,
        outcome: 'denied',
        ip: request.ip,
        requestId: request.id,
        detail: { reason, route: `${request.method} ${request.routeOptions.url ?? request.url}`, ...detail },
      });
    } catch (auditError) {
      // The refusal still stands; a lost audit row is logged loudly rather than turned into a 500.
      request.log.error({ err: auditError }, 'audit of a refusal failed');
    }
  });
}
