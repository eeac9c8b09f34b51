// Table types of cross-department collaboration (migration 0007_collaboration.sql), beside the
// core ones in schema.ts. The same migration adds users.department and notifications.department.
import type { Generated, Selectable } from 'kysely';
import type { Timestamp } from './schema.ts';

export interface CollaborationRequestsTable {
  id: Generated<string>;
  case_id: string;
  department: string;
  question: string;
  asked_by: string | null;
  asked_by_role: string;
  asked_at: Timestamp;
  /** The asker fixed the deadline; null: the collaboration_reply target sets it. */
  due_minutes: number | null;
  due_at: Timestamp;
  status: Generated<string>;
  answer: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
  cancelled_by: string | null;
  cancelled_at: Timestamp | null;
}

export type CollaborationRequestRow = Selectable<CollaborationRequestsTable>;
