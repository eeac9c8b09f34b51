// Table types of routing and assignment (migration 0006_routing.sql), beside the core ones in schema.ts.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, Timestamp } from './schema.ts';

/** A text[] column with a database default. */
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface QueuesTable {
  key: string;
  name: Json;
  role: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface AgentProfilesTable {
  user_id: string;
  categories: TextArray;
  kinds: TextArray;
  languages: TextArray;
  product_categories: TextArray;
  max_open_cases: Generated<number>;
  available: Generated<boolean>;
  senior: Generated<boolean>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  key: string;
  position: number;
  name: Json;
  active: Generated<boolean>;
  conditions: Json;
  actions: Json;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export type QueueRow = Selectable<QueuesTable>;
export type AgentProfileRow = Selectable<AgentProfilesTable>;
export type RoutingRuleRow = Selectable<RoutingRulesTable>;
