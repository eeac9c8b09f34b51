// Table types of the SLA engine (migration 0003_sla.sql), beside the core ones in schema.ts.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, Money as Bigint, Timestamp } from './schema.ts';

/** A bigint column with a database default. */
type DefaultBigint = ColumnType<number, number | bigint | undefined, number | bigint>;

export interface BusinessCalendarsTable {
  id: Generated<string>;
  name: string;
  spec: Json;
  is_default: Generated<boolean>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface SlaTargetsTable {
  id: Generated<string>;
  metric: string;
  channel: string | null;
  kind: string | null;
  category: string | null;
  severity: string | null;
  tier: string | null;
  merchant_id: string | null;
  duration_amount: number;
  duration_unit: string;
  warn_before_minutes: Generated<number>;
  pause_states: Json<string[]>;
  breach_actions: Json<string[]>;
  reassign_queue: string | null;
  party: string;
  auto_outcome: string | null;
  calendar_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CaseDeadlinesTable {
  id: Generated<string>;
  case_id: string;
  metric: string;
  subject_id: string | null;
  target_id: string | null;
  target_version: number | null;
  party: string;
  /** The queue that held the case while the clock ran: frozen at its breach or end (migration 0033). */
  queue: string;
  auto_outcome: string | null;
  unit: string;
  calendar_id: string | null;
  status: string;
  started_at: Timestamp;
  budget_ms: Bigint;
  consumed_ms: DefaultBigint;
  segment_started_at: Timestamp | null;
  warn_before_ms: DefaultBigint;
  due_at: Timestamp;
  warn_at: Timestamp | null;
  warned_at: Timestamp | null;
  breached_at: Timestamp | null;
  paused_at: Timestamp | null;
  met_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  next_fire_at: Timestamp | null;
  late: Generated<boolean>;
}

export interface NotificationsTable {
  id: Generated<string>;
  recipient_user_id: string | null;
  recipient_role: string | null;
  /** With recipient_role 'department': which department (0007_collaboration.sql). */
  department: string | null;
  merchant_id: string | null;
  case_id: string | null;
  type: string;
  title: Json;
  body: Json;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export type CaseDeadlineRow = Selectable<CaseDeadlinesTable>;
export type SlaTargetRow = Selectable<SlaTargetsTable>;
