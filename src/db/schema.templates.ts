// Table types of suggested replies (migrations 0009_reply_templates.sql and
// 0020_reply_template_severity.sql), beside the core ones in schema.ts.
import type { Generated, Selectable } from 'kysely';
import type { Timestamp } from './schema.ts';

export interface ReplyTemplatesTable {
  id: Generated<string>;
  /** Stable key of a default template (null for templates an admin added). */
  slug: string | null;
  name: string;
  locale: string;
  /** Match keys: null matches any. */
  category: string | null;
  kind: string | null;
  state: string | null;
  /** L1 / L2 / L3, or null for any. */
  severity: string | null;
  body: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

export type ReplyTemplateRow = Selectable<ReplyTemplatesTable>;
