// Table types of live case pages (migration 0017_live.sql), beside the core ones in schema.ts.
import type { Timestamp } from './schema.ts';

export interface CasePresenceTable {
  case_id: string;
  user_id: string;
  display_name: string;
  role: string;
  editing: boolean;
  seen_at: Timestamp;
}
