// The starting reply templates: loaded at start-up into an empty table (an admin's later edits,
// deactivations and additions are never overwritten).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DEFAULT_TEMPLATES_EN } from './reply.defaults.en.ts';
import { DEFAULT_TEMPLATES_ZH } from './reply.defaults.zh.ts';

export interface DefaultTemplate {
  slug: string;
  name: string;
  category?: string;
  kind?: string;
  state?: string;
  severity?: string;
  body: string;
}

export const DEFAULT_TEMPLATES: { locale: 'zh-CN' | 'en-US'; templates: DefaultTemplate[] }[] = [
  { locale: 'zh-CN', templates: DEFAULT_TEMPLATES_ZH },
  { locale: 'en-US', templates: DEFAULT_TEMPLATES_EN },
];

/** Writes the default templates when the table is empty. */
export async function ensureReplyTemplateDefaults(db: Kysely<DB>, now: Date): Promise<void> {
  const any = await db.selectFrom('reply_templates').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await db
    .insertInto('reply_templates')
    .values(
      DEFAULT_TEMPLATES.flatMap(({ locale, templates }) =>
        templates.map((t) => ({
          slug: t.slug,
          name: t.name,
          locale,
          category: t.category ?? null,
          kind: t.kind ?? null,
          state: t.state ?? null,
          severity: t.severity ?? null,
          body: t.body,
          created_at: now,
          updated_at: now,
          updated_by: null,
        })),
      ),
    )
    // Another process starting at the same moment may have written them already.
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}
