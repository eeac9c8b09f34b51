// The one way to write the audit trail: every sign-in, permission denial, case state change,
// reveal of personal data and configuration change is recorded here, inside the transaction of
// the command it describes, so a failed command leaves no audit row and a done one always has it.
// A write is one INSERT and never waits for other writers: the rows are sealed onto the hash
// chain afterwards (audit.sealer.ts).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../identity/identity.types.ts';
import { unnestInsert } from '../../db/unnest.ts';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  at: Date;
  /** Who acted; null for an anonymous caller (e.g. a failed sign-in). Its origin, when set, gives ip and requestId. */
  actor: (Pick<Actor, 'userId' | 'role' | 'displayName'> & Pick<Actor, 'origin'>) | null;
  /** Dotted verb: auth.sign_in, access.denied, case.state_changed, pii.revealed, config.<thing>.updated… */
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  outcome?: AuditOutcome;
  /** Defaults to the actor's origin. */
  ip?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<DB> | Transaction<DB>, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  await auditInsert(entries)?.execute(db);
}

/** The insert of these entries, to run with other writes (executeTogether); null when there are none. */
export function auditInsert(entries: AuditEntry | readonly AuditEntry[]) {
  const list = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  return unnestInsert(
    'audit_log',
    {
      at: 'timestamptz', actor_user_id: 'uuid', actor_role: 'text', actor_label: 'text', action: 'text', subject_type: 'text', subject_id: 'text',
      outcome: 'text', ip: 'text', request_id: 'text', detail: 'jsonb',
    },
    list.map((e) => ({
      at: e.at,
      actor_user_id: e.actor?.userId ?? null,
      actor_role: e.actor?.role ?? 'anonymous',
      actor_label: e.actor?.displayName ?? null,
      action: e.action,
      subject_type: e.subjectType ?? null,
      subject_id: e.subjectId ?? null,
      outcome: e.outcome ?? 'ok',
      ip: e.ip ?? e.actor?.origin?.ip ?? null,
      request_id: e.requestId ?? e.actor?.origin?.requestId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    })),
  );
}
