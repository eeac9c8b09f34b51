// Table types of customer e-mail (migration 0019_email.sql), beside the core ones in schema.ts.
import type { Generated } from 'kysely';
import type { Timestamp } from './schema.ts';

export interface EmailOutboxTable {
  id: Generated<string>;
  message_id: string;
  case_id: string;
  to_address: string;
  locale: string;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}
