// Table types of group complaints → incidents (migration 0008_incidents.sql), beside the core
// ones in schema.ts.
import type { Generated, Selectable } from 'kysely';
import type { Json, Timestamp } from './schema.ts';

export interface IncidentsTable {
  id: Generated<string>;
  incident_no: string;
  scope: string;
  product_id: string | null;
  merchant_id: string;
  category: string;
  status: Generated<string>;
  threshold: number;
  window_hours: number;
  customers: Generated<number>;
  summary: Json;
  opened_at: Timestamp;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

export interface IncidentCasesTable {
  incident_id: string;
  case_id: string;
  joined_at: Timestamp;
  founding: Generated<boolean>;
}

export interface IncidentSettingsTable {
  id: Generated<boolean>;
  product_threshold: number;
  merchant_threshold: number;
  window_hours: number;
  merchant_scope: boolean;
  updated_at: Timestamp;
  updated_by: string | null;
}

export type IncidentRow = Selectable<IncidentsTable>;
