// The help centre's starting content: loaded at start-up into an empty knowledge base (an admin's
// later edits, archives and additions are never overwritten).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Category } from '../triage/triage.vocabulary.ts';
import { DEFAULT_ARTICLES_EN } from './kb.defaults.en.ts';
import { DEFAULT_ARTICLES_ZH } from './kb.defaults.zh.ts';
import { countArticles, insertArticles, recordPublishedVersions } from './kb.repository.ts';

export interface DefaultArticle {
  slug: string;
  category: Category;
  title: string;
  tags: string[];
  body: string;
}

export const DEFAULT_ARTICLES: { locale: 'zh-CN' | 'en-US'; articles: DefaultArticle[] }[] = [
  { locale: 'zh-CN', articles: DEFAULT_ARTICLES_ZH },
  { locale: 'en-US', articles: DEFAULT_ARTICLES_EN },
];

/** Publishes the default articles when the knowledge base has none. */
export async function ensureKbDefaults(db: Kysely<DB>, now: Date): Promise<void> {
  if ((await countArticles(db)) > 0) return;
  await db.transaction().execute(async (trx) => {
    const rows = await insertArticles(
      trx,
      DEFAULT_ARTICLES.flatMap(({ locale, articles }) => articles.map((a) => ({ ...a, locale, status: 'published' as const }))),
      null,
      now,
      true, // another process starting at the same moment may have loaded them already
    );
    await recordPublishedVersions(trx, rows, null, now);
  });
}
