// Table types of the audit trail (migration 0010_audit.sql), beside the core ones in schema.ts.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './schema.ts';

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: string;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: Generated<string>;
  ip: string | null;
  request_id: string | null;
  detail: Json<Record<string, unknown>>;
}
