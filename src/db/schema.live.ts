// Table types of the agent workspace: live case pages (migration 0017_live.sql) and saved views
// (0018_saved_views.sql), beside the core ones in schema.ts.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './schema.ts';

export interface CasePresenceTable {
  case_id: string;
  user_id: string;
  display_name: string;
  role: string;
  editing: boolean;
  seen_at: Timestamp;
}

/** Migration 0018_saved_views.sql. */
export interface SavedViewsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  filters: Json<Record<string, string>>;
  created_at: Timestamp;
}
