// Table types of the audit trail (migrations 0010_audit.sql, 0011_audit_chain_pii.sql), beside the
// core ones in schema.ts.
import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from './schema.ts';

/** A bigint the database numbers; read as a number (int8 is parsed to number). */
type SerialId = ColumnType<number, never, never>;

export interface AuditLogTable {
  id: SerialId;
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

/** Audit rows committed but not sealed yet (filled by a trigger, emptied by the sealer). */
export interface AuditPendingTable {
  audit_id: number;
}

/** The hash chain over audit_log: one seal per row, in the order rows were sealed. */
export interface AuditSealsTable {
  position: number;
  audit_id: number;
  prev_hash: string;
  hash: string;
  sealed_at: DefaultTimestamp;
}
