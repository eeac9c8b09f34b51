// The help centre (IN-6): public articles and search, answers suggested before a case is filed,
// "this solved my problem" recorded as a deflection, and the admin's editing with version history.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { preferredLocale } from '../../http/problem.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { CASE_KINDS, CHANNELS, type CaseKind, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../triage/triage.vocabulary.ts';
import {
  deflectionCounts, findArticleById, findPublishedBySlug, insertArticles, insertDeflection, type KbArticle, KB_STATUSES,
  listArticles, listVersions, recordPublishedVersions, setStatus, slugTaken, updateArticle,
} from './kb.repository.ts';
import { searchArticles, type SearchHit } from './kb.search.ts';
import { recordConfigChange } from '../audit/audit.request.ts';
import { hasChinese } from './kb.text.ts';
import { assertCompliantWording } from '../replies/reply.wording.ts';
import { matching } from '../../shared/validation.ts';

const LOCALES = ['zh-CN', 'en-US'] as const;
type Locale = (typeof LOCALES)[number];
const ARTICLE = { 'zh-CN': '帮助文章', 'en-US': 'help article' };

/** RISK-1: an article speaks to every customer, so forbidden wording is refused as in reply templates. */
function assertArticleWording(article: { title: string; body: string }): void {
  assertCompliantWording(article.title, 'title', ARTICLE);
  assertCompliantWording(article.body, 'body', ARTICLE);
}

/** What a customer asks for, as the categories of the answers that fit it best. */
const KIND_CATEGORIES: Record<CaseKind, Category[]> = {
  return_refund: ['return_process', 'payment'], refund_only: ['return_process', 'payment'], exchange: ['return_process'],
  repair: ['product_quality'], tech_support: ['product_quality'], reship: ['logistics', 'process_error'],
  logistics_exception: ['logistics'], price_protection: ['payment'], complaint: ['service_attitude', 'not_as_described', 'privacy'],
  consultation: [],
};
/** A suggestion must score at least this share of the best one, so weak matches are not offered. */
const SUGGEST_RELATIVE_FLOOR = 0.3;

const articleBody = z.object({
  slug: matching(z.string().trim().toLowerCase(), /^[a-z0-9]+(-[a-z0-9]+)*$/, {
    'zh-CN': '只能由小写字母、数字和单个连字符组成',
    'en-US': 'lower-case letters, digits and single hyphens',
  }).max(120),
  locale: z.enum(LOCALES),
  category: z.enum(CATEGORIES),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
const createBody = articleBody.extend({ publish: z.boolean().default(false) });
const updateBody = articleBody.extend({
  /** Omitted: the article keeps its status (a published article's edit is published at once). */
  status: z.enum(['draft', 'published']).optional(),
  /** The version the editor started from; a different current version is refused (409). */
  expectedVersion: z.number().int().min(1).optional(),
});
const listQuery = z.object({
  q: z.string().max(200).optional(),
  locale: z.enum(LOCALES).optional(),
  category: z.enum(CATEGORIES).optional(),
  status: z.enum([...KB_STATUSES, 'all']).default('published'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
const idParams = z.object({ id: z.string().uuid() });

function present(a: KbArticle, full: boolean) {
  return {
    id: a.id,
    slug: a.slug,
    locale: a.locale,
    category: a.category,
    categoryLabel: CATEGORY_LABELS[a.category as Category] ?? null,
    title: a.title,
    ...(full ? { body: a.body } : {}),
    tags: a.tags,
    status: a.status,
    version: a.version,
    publishedAt: a.published_at?.toISOString() ?? null,
    updatedAt: a.updated_at.toISOString(),
  };
}

/** What an article's audit record keeps (the text itself is in the version history). */
const audited = (a: KbArticle) => ({ slug: a.slug, locale: a.locale, category: a.category, title: a.title, status: a.status, version: a.version });

const presentHit = (h: SearchHit) => ({ ...present(h.article, false), excerpt: h.excerpt, score: Math.round(h.score * 10_000) / 10_000 });

/** The locale to search in: the one asked for, else the script of the question, else the reader's language. */
function searchLocale(request: FastifyRequest, text: string, explicit: Locale | undefined): { locale: Locale; explicit: boolean } {
  if (explicit) return { locale: explicit, explicit: true };
  if (hasChinese(text)) return { locale: 'zh-CN', explicit: false };
  return { locale: preferredLocale(request), explicit: false };
}

/** Searches the chosen locale; a guessed locale with no answer falls back to the other one. */
async function search(db: Kysely<DB>, request: FastifyRequest, input: { q: string; locale?: Locale | undefined; category?: Category | undefined; limit: number; prefer?: Category[] }) {
  const chosen = searchLocale(request, input.q, input.locale);
  const run = (locale: Locale) => searchArticles(db, { q: input.q, locale, category: input.category, limit: input.limit, preferCategories: input.prefer });
  let hits = await run(chosen.locale);
  let locale = chosen.locale;
  if (hits.length === 0 && !chosen.explicit && !hasChinese(input.q)) {
    locale = chosen.locale === 'zh-CN' ? 'en-US' : 'zh-CN';
    hits = await run(locale);
  }
  return { locale, hits };
}

export async function kbRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get('/api/v1/kb/categories', { config: { access: 'public' }, schema: { tags: ['kb'], summary: 'Help-centre categories', security: [] } }, async () => ({
    items: CATEGORIES.map((category) => ({ category, label: CATEGORY_LABELS[category] })),
  }));

  app.get(
    '/api/v1/kb/articles',
    {
      config: { access: 'public' },
      schema: { tags: ['kb'], summary: 'Published help articles, or a search of them (q: Chinese or English)', querystring: listQuery, security: [] },
    },
    async (request) => {
      const { q, category, status, limit, offset } = request.query;
      if (status !== 'published' && request.actor?.role !== 'admin') {
        throw new AppError({ status: 403, type: 'forbidden', field: 'status', text: { 'zh-CN': '只有管理员可以查看未发布的文章', 'en-US': 'Only admins see unpublished articles' } });
      }
      if (q !== undefined && q.trim() !== '') {
        const { locale, hits } = await search(db, request, { q, locale: request.query.locale, category, limit: limit + offset });
        const page = hits.slice(offset);
        return { items: page.map(presentHit), total: hits.length, locale, q };
      }
      const locale = request.query.locale ?? (status === 'published' ? preferredLocale(request) : undefined);
      const { rows, total } = await listArticles(db, { locale, category, statuses: status === 'all' ? KB_STATUSES : [status], limit, offset });
      return { items: rows.map((a) => present(a, false)), total, locale: locale ?? null, q: null };
    },
  );

  app.get(
    '/api/v1/kb/articles/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags: ['kb'],
        summary: 'One published help article',
        params: z.object({ slug: z.string().trim().min(1).max(120) }),
        querystring: z.object({ locale: z.enum(LOCALES).optional() }),
        security: [],
      },
    },
    async (request) => {
      const article = await findPublishedBySlug(db, request.params.slug.toLowerCase(), request.query.locale ?? preferredLocale(request));
      if (!article) throw notFound(ARTICLE, 'slug');
      return present(article, true);
    },
  );

  app.post(
    '/api/v1/kb/suggest',
    {
      config: { access: ['customer', ...STAFF_ROLES], scope: 'cases:read' },
      schema: {
        tags: ['kb'],
        summary: 'The best (at most 3) published answers to a problem description, before a case is filed',
        body: z.object({ text: z.string().max(5000), kind: z.enum(CASE_KINDS).optional(), locale: z.enum(LOCALES).optional() }),
      },
    },
    async (request) => {
      const { text, kind, locale } = request.body;
      const { hits, locale: used } = await search(db, request, { q: text, locale, limit: 3, prefer: kind ? KIND_CATEGORIES[kind] : [] });
      const best = hits[0]?.score ?? 0;
      return { items: hits.filter((h) => h.score >= best * SUGGEST_RELATIVE_FLOOR).map(presentHit), locale: used };
    },
  );

  app.post(
    '/api/v1/kb/deflections',
    {
      config: { access: ['customer'], scope: 'cases:write' },
      schema: {
        tags: ['kb'],
        summary: 'Record whether an answer solved the problem (solved = a deflection: no case filed)',
        body: z.object({
          articleId: z.string().uuid(),
          query: z.string().trim().max(2000).default(''),
          solved: z.boolean(),
          channel: z.enum(CHANNELS).default('web'),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { articleId, query, solved, channel } = request.body;
      const article = await findArticleById(db, articleId);
      if (!article || article.status !== 'published') throw notFound(ARTICLE, 'articleId');
      const id = await insertDeflection(db, { articleId, customerId: actor.customerId, query, solved, channel, now: deps.clock.now() });
      reply.status(201);
      return { id, articleId, solved };
    },
  );

  app.get(
    '/api/v1/kb/deflections/stats',
    {
      config: { access: ['supervisor', 'admin'] },
      schema: {
        tags: ['kb'],
        summary: 'Per article: answers that solved / did not solve the problem, and the deflection rate',
        querystring: z.object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() }),
      },
    },
    async (request) => {
      const rows = await deflectionCounts(db, request.query.from ?? null, request.query.to ?? null);
      const rate = (solved: number, total: number) => (total === 0 ? null : Math.round((solved / total) * 10_000) / 10_000);
      const solved = rows.reduce((n, r) => n + r.solved, 0);
      const notSolved = rows.reduce((n, r) => n + r.notSolved, 0);
      return {
        items: rows.map((r) => ({ ...r, total: r.solved + r.notSolved, deflectionRate: rate(r.solved, r.solved + r.notSolved) })),
        totals: { solved, notSolved, total: solved + notSolved, deflectionRate: rate(solved, solved + notSolved) },
      };
    },
  );

  // ---- Editing (admin) ----

  const slugClash = () =>
    new AppError({ status: 409, type: 'kb-slug-taken', field: 'slug', text: { 'zh-CN': '该语言下已有相同标识的文章', 'en-US': 'An article with this slug exists in this language' } });

  app.post(
    '/api/v1/kb/articles',
    { config: { access: ['admin'] }, schema: { tags: ['kb'], summary: 'Write a help article (a draft unless publish is true)', body: createBody } },
    async (request, reply) => {
      const { publish, ...content } = request.body;
      assertArticleWording(content);
      const userId = actorOf(request).userId;
      const now = deps.clock.now();
      const article = await db.transaction().execute(async (trx) => {
        if (await slugTaken(trx, content.slug, content.locale, null)) throw slugClash();
        const [row] = await insertArticles(trx, [{ ...content, status: publish ? 'published' : 'draft' }], userId, now);
        if (!row) throw new Error('article not inserted');
        await recordPublishedVersions(trx, [row], userId, now);
        await recordConfigChange(trx, request, now, { action: 'config.kb_article.created', subjectType: 'kb_article', subjectId: row.id, detail: { after: audited(row) } });
        return row;
      });
      reply.status(201);
      return present(article, true);
    },
  );

  app.put(
    '/api/v1/kb/articles/:id',
    { config: { access: ['admin'] }, schema: { tags: ['kb'], summary: 'Change a help article: a new version (a published one is kept in the history)', params: idParams, body: updateBody } },
    async (request) => {
      const { status, expectedVersion, ...content } = request.body;
      assertArticleWording(content);
      const userId = actorOf(request).userId;
      const now = deps.clock.now();
      const article = await db.transaction().execute(async (trx) => {
        const current = await findArticleById(trx, request.params.id, true);
        if (!current) throw notFound(ARTICLE, 'id');
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          throw new AppError({
            status: 409, type: 'kb-version-conflict', field: 'expectedVersion',
            text: { 'zh-CN': `文章已被修改（当前为第 ${current.version} 版），请刷新后再编辑`, 'en-US': `The article changed meanwhile (now version ${current.version}); reload and edit again` },
            extra: { currentVersion: current.version },
          });
        }
        if (await slugTaken(trx, content.slug, content.locale, current.id)) throw slugClash();
        const row = await updateArticle(trx, current.id, content, status ?? (current.status as 'draft' | 'published' | 'archived'), userId, now);
        await recordPublishedVersions(trx, [row], userId, now);
        await recordConfigChange(trx, request, now, {
          action: 'config.kb_article.updated', subjectType: 'kb_article', subjectId: row.id, detail: { before: audited(current), after: audited(row) },
        });
        return row;
      });
      return present(article, true);
    },
  );

  for (const [action, status] of [['publish', 'published'], ['archive', 'archived']] as const) {
    app.post(
      `/api/v1/kb/articles/:id/${action}`,
      { config: { access: ['admin'] }, schema: { tags: ['kb'], summary: `${action === 'publish' ? 'Publish' : 'Archive'} a help article`, params: idParams } },
      async (request) => {
        const userId = actorOf(request).userId;
        const now = deps.clock.now();
        const article = await db.transaction().execute(async (trx) => {
          const current = await findArticleById(trx, request.params.id, true);
          if (!current) throw notFound(ARTICLE, 'id');
          if (current.status === status) return current;
          // A draft written before the check goes live only once its wording is compliant.
          if (status === 'published') assertArticleWording(current);
          const row = await setStatus(trx, current.id, status, userId, now);
          await recordPublishedVersions(trx, [row], userId, now);
          await recordConfigChange(trx, request, now, {
            action: `config.kb_article.${status}`, subjectType: 'kb_article', subjectId: row.id, detail: { before: audited(current), after: audited(row) },
          });
          return row;
        });
        return present(article, true);
      },
    );
  }

  app.get(
    '/api/v1/kb/articles/:id/versions',
    { config: { access: ['admin'] }, schema: { tags: ['kb'], summary: 'A help article as it is now, and every version that was published', params: idParams } },
    async (request) => {
      const article = await findArticleById(db, request.params.id);
      if (!article) throw notFound(ARTICLE, 'id');
      const versions = await listVersions(db, article.id);
      return {
        article: present(article, true),
        items: versions.map((v) => ({
          version: v.version,
          slug: v.slug,
          locale: v.locale,
          category: v.category,
          title: v.title,
          body: v.body,
          tags: v.tags,
          publishedAt: v.published_at.toISOString(),
          publishedBy: v.published_by,
          publishedByName: v.published_by_name,
        })),
      };
    },
  );
}
