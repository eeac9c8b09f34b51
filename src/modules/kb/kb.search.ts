// Full-text search of published articles that works for Chinese: the question is cut into words
// the same way the articles were (kb.text.ts), the words are OR-ed into a tsquery, and articles are
// ranked by ts_rank over all their words plus a bonus for words of the title and tags, where an
// FAQ states the question it answers.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ARTICLE_COLUMNS, type KbArticle } from './kb.repository.ts';
import { excerptOf, kbTokens, orQuery } from './kb.text.ts';

export interface SearchInput {
  q: string;
  locale: string;
  category?: string | undefined;
  limit: number;
  /** Categories that fit what the customer is asking for (a small bonus, never a filter). */
  preferCategories?: readonly string[] | undefined;
}

export interface SearchHit {
  article: KbArticle;
  score: number;
  excerpt: string;
}

/** How much more a word of the title (or tags) counts than a word of the body. */
const TITLE_WEIGHT = 2;
const CATEGORY_BONUS = 0.02;

/** Published articles matching the question, best first; nothing (never an error) for an empty question. */
export async function searchArticles(db: Kysely<DB>, input: SearchInput): Promise<SearchHit[]> {
  const tokens = kbTokens(input.q);
  const text = orQuery(tokens);
  if (!text || input.limit <= 0) return [];
  const q = sql`to_tsquery('simple', ${text})`;
  const preferred = input.preferCategories && input.preferCategories.length > 0 ? [...input.preferCategories] : null;
  const categoryBonus = preferred ? sql`case when category = any(${sql.val(preferred)}::text[]) then ${sql.lit(CATEGORY_BONUS)} else 0 end` : sql`0`;
  let query = db
    .selectFrom('kb_articles')
    .select(ARTICLE_COLUMNS)
    .select(
      sql<number>`(ts_rank(search, ${q}) + ${sql.lit(TITLE_WEIGHT)} * ts_rank(to_tsvector('simple', title_tokens), ${q}) + ${categoryBonus})::float8`.as('score'),
    )
    .where('status', '=', 'published')
    .where('locale', '=', input.locale)
    .where(sql<boolean>`search @@ ${q}`);
  if (input.category) query = query.where('category', '=', input.category);
  const rows = await query.orderBy('score', 'desc').orderBy('slug').limit(input.limit).execute();
  return rows.map(({ score, ...article }) => ({ article, score: Number(score), excerpt: excerptOf(article.body, tokens) }));
}
