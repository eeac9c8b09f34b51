// The only SQL of the knowledge base: articles, their published versions and deflections.
// Every write of an article's text also writes its search words (kb.text.ts).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { KbArticleRow, KbArticleVersionRow } from '../../db/schema.kb.ts';
import { indexTokens } from './kb.text.ts';

type Db = Kysely<DB>;

/** An article as the application reads it (the search columns stay in the database). */
export type KbArticle = Omit<KbArticleRow, 'search' | 'search_tokens' | 'title_tokens'>;
export const ARTICLE_COLUMNS = [
  'id', 'slug', 'locale', 'category', 'title', 'body', 'tags', 'status', 'version', 'published_at', 'created_at', 'created_by', 'updated_at', 'updated_by',
] as const;

export const KB_STATUSES = ['draft', 'published', 'archived'] as const;
export type KbStatus = (typeof KB_STATUSES)[number];

export interface ArticleContent {
  slug: string;
  locale: string;
  category: string;
  title: string;
  body: string;
  tags: string[];
}

export async function findArticleById(db: Db, id: string, forUpdate = false): Promise<KbArticle | undefined> {
  const query = db.selectFrom('kb_articles').select(ARTICLE_COLUMNS).where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function findPublishedBySlug(db: Db, slug: string, locale: string): Promise<KbArticle | undefined> {
  return db.selectFrom('kb_articles').select(ARTICLE_COLUMNS).where('slug', '=', slug).where('locale', '=', locale).where('status', '=', 'published').executeTakeFirst();
}

export async function slugTaken(db: Db, slug: string, locale: string, exceptId: string | null): Promise<boolean> {
  let query = db.selectFrom('kb_articles').select('id').where('slug', '=', slug).where('locale', '=', locale);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function countArticles(db: Db): Promise<number> {
  const row = await db.selectFrom('kb_articles').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

function contentColumns(c: ArticleContent) {
  const tokens = indexTokens(c);
  return {
    slug: c.slug,
    locale: c.locale,
    category: c.category,
    title: c.title,
    body: c.body,
    tags: c.tags,
    search_tokens: tokens.search,
    title_tokens: tokens.title,
  };
}

/** Inserts articles; with skipExisting, an article whose slug is taken in its locale is left out. */
export async function insertArticles(
  db: Db,
  articles: (ArticleContent & { status: KbStatus })[],
  userId: string | null,
  now: Date,
  skipExisting = false,
): Promise<KbArticle[]> {
  if (articles.length === 0) return [];
  const insert = db
    .insertInto('kb_articles')
    .values(
      articles.map((a) => ({
        ...contentColumns(a),
        status: a.status,
        version: 1,
        published_at: a.status === 'published' ? now : null,
        created_at: now,
        created_by: userId,
        updated_at: now,
        updated_by: userId,
      })),
    );
  return (skipExisting ? insert.onConflict((oc) => oc.columns(['locale', 'slug']).doNothing()) : insert).returning(ARTICLE_COLUMNS).execute();
}

/** A new version of the text; the status stays unless given. */
export async function updateArticle(db: Db, id: string, c: ArticleContent, status: KbStatus, userId: string | null, now: Date): Promise<KbArticle> {
  return db
    .updateTable('kb_articles')
    .set((eb) => ({
      ...contentColumns(c),
      status,
      version: eb('version', '+', 1),
      published_at: status === 'published' ? now : sql`published_at`,
      updated_at: now,
      updated_by: userId,
    }))
    .where('id', '=', id)
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function setStatus(db: Db, id: string, status: KbStatus, userId: string | null, now: Date): Promise<KbArticle> {
  return db
    .updateTable('kb_articles')
    .set({ status, updated_at: now, updated_by: userId, ...(status === 'published' ? { published_at: now } : {}) })
    .where('id', '=', id)
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Keeps the published text of this version in the history (once per version). */
export async function recordPublishedVersions(db: Db, rows: KbArticle[], userId: string | null, now: Date): Promise<void> {
  const published = rows.filter((r) => r.status === 'published');
  if (published.length === 0) return;
  await db
    .insertInto('kb_article_versions')
    .values(
      published.map((r) => ({
        article_id: r.id,
        version: r.version,
        slug: r.slug,
        locale: r.locale,
        category: r.category,
        title: r.title,
        body: r.body,
        tags: r.tags,
        published_at: now,
        published_by: userId,
      })),
    )
    .onConflict((oc) => oc.columns(['article_id', 'version']).doNothing())
    .execute();
}

/** The published versions of an article, newest first, with the name of who published each. */
export async function listVersions(db: Db, articleId: string): Promise<(KbArticleVersionRow & { published_by_name: string | null })[]> {
  return db
    .selectFrom('kb_article_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .selectAll('v')
    .select('u.display_name as published_by_name')
    .where('v.article_id', '=', articleId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** The order topics are listed in, most asked first. */
export const HELP_CENTRE_ORDER = [
  'return_process', 'logistics', 'payment', 'product_quality', 'not_as_described', 'process_error', 'service_attitude', 'privacy', 'other',
] as const;

export interface ArticleFilter {
  locale?: string | undefined;
  category?: string | undefined;
  statuses: readonly KbStatus[];
  limit: number;
  offset: number;
}

/** Articles without a search, by category and title. */
export async function listArticles(db: Db, f: ArticleFilter): Promise<{ rows: KbArticle[]; total: number }> {
  let query = db.selectFrom('kb_articles').where('status', 'in', [...f.statuses]);
  if (f.locale) query = query.where('locale', '=', f.locale);
  if (f.category) query = query.where('category', '=', f.category);
  const [rows, count] = await Promise.all([
    query.select(ARTICLE_COLUMNS).orderBy(sql`array_position(${sql.val([...HELP_CENTRE_ORDER])}::text[], category)`).orderBy('title').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function insertDeflection(
  db: Db,
  d: { articleId: string; customerId: string | null; query: string; solved: boolean; channel: string; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('kb_deflections')
    .values({ article_id: d.articleId, customer_id: d.customerId, query: d.query, solved: d.solved, channel: d.channel, created_at: d.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface DeflectionCounts {
  articleId: string;
  slug: string;
  locale: string;
  title: string;
  category: string;
  solved: number;
  notSolved: number;
}

/** Per article: how many answers said solved and not solved, in [from, to). */
export async function deflectionCounts(db: Db, from: Date | null, to: Date | null): Promise<DeflectionCounts[]> {
  let query = db
    .selectFrom('kb_deflections as d')
    .innerJoin('kb_articles as a', 'a.id', 'd.article_id')
    .select([
      'a.id',
      'a.slug',
      'a.locale',
      'a.title',
      'a.category',
      sql<number>`count(*) filter (where d.solved)::int`.as('solved'),
      sql<number>`count(*) filter (where not d.solved)::int`.as('not_solved'),
    ])
    .groupBy(['a.id', 'a.slug', 'a.locale', 'a.title', 'a.category']);
  if (from) query = query.where('d.created_at', '>=', from);
  if (to) query = query.where('d.created_at', '<', to);
  const rows = await query.orderBy(sql`count(*)`, 'desc').orderBy('a.slug').execute();
  return rows.map((r) => ({ articleId: r.id, slug: r.slug, locale: r.locale, title: r.title, category: r.category, solved: r.solved, notSolved: r.not_solved }));
}
