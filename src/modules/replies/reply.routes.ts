// Suggested replies for a case (staff, and a merchant for its own cases), the wording check of a
// reply being written (RISK-1, staff) and the admin's template maintenance (AN-5).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { CASE_KINDS, SEVERITIES, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { caseNoParams } from '../cases/case.schemas.ts';
import { CASE_STATES } from '../cases/case.state.ts';
import { CATEGORIES } from '../triage/triage.vocabulary.ts';
import { recordConfigChange } from '../audit/audit.request.ts';
import { createTemplate, listTemplates, presentTemplate, previewTemplate, suggestedReplies, updateTemplate } from './reply.service.ts';
import { wordingFlags } from './reply.wording.ts';

const LOCALES = ['zh-CN', 'en-US'] as const;

const suggestQuery = z.object({
  locale: z.enum(LOCALES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
const listQuery = z.object({
  locale: z.enum(LOCALES).optional(),
  category: z.enum(CATEGORIES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  state: z.enum(CASE_STATES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const previewBody = z.object({
  body: z.string().max(4000),
  locale: z.enum(LOCALES).default('zh-CN'),
  /** Fill in this case's values (one the caller may see) instead of sample values. */
  caseNo: z.string().trim().min(1).max(32).optional(),
});
/** What a template's audit record keeps. */
const auditedTemplate = (t: ReturnType<typeof presentTemplate>) => ({
  name: t.name, locale: t.locale, category: t.category, kind: t.kind, state: t.state, severity: t.severity, body: t.body, active: t.active, version: t.version,
});
const templateBody = z.object({
  name: z.string().trim().min(1).max(120),
  locale: z.enum(LOCALES),
  category: z.enum(CATEGORIES).nullable().default(null),
  kind: z.enum(CASE_KINDS).nullable().default(null),
  state: z.enum(CASE_STATES).nullable().default(null),
  severity: z.enum(SEVERITIES).nullable().default(null),
  body: z.string().trim().min(1).max(4000),
  active: z.boolean().default(true),
});
const idParams = z.object({ id: z.string().uuid() });
/** As long as a message may be (case.schemas.ts). */
const wordingBody = z.object({ text: z.string().max(5000) });

export async function replyRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/cases/:caseNo/suggested-replies',
    {
      config: { access: ['agent', 'specialist', 'supervisor', 'compliance', 'admin', 'merchant'] },
      schema: {
        tags: ['replies'],
        summary: 'Reply templates that fit the case, best first, with its values filled in',
        params: caseNoParams,
        querystring: suggestQuery,
      },
    },
    async (request) => suggestedReplies(deps, actorOf(request), request.params.caseNo, request.query),
  );

  app.post(
    '/api/v1/replies/check-wording',
    {
      // Merchants write to customers too: their wording is checked as staff's is.
      config: { access: [...STAFF_ROLES, 'merchant'] },
      schema: {
        tags: ['replies'],
        summary: 'Check a reply for wording the SOP forbids (RISK-1): each flagged phrase, where it is, and the compliant alternative',
        body: wordingBody,
      },
    },
    async (request) => ({ flags: wordingFlags(request.body.text) }),
  );

  app.get(
    '/api/v1/reply-templates',
    { config: { access: ['admin'] }, schema: { tags: ['replies'], summary: 'Reply templates, filtered by language, category, kind, state and words, a page at a time', querystring: listQuery } },
    async (request) => {
      const { active, ...rest } = request.query;
      const { rows, total } = await listTemplates(db, { ...rest, active: active === undefined ? undefined : active === 'true' });
      return { items: rows.map(presentTemplate), total, limit: rest.limit, offset: rest.offset };
    },
  );

  app.post(
    '/api/v1/reply-templates/preview',
    {
      config: { access: ['admin'] },
      schema: { tags: ['replies'], summary: "A template's text filled in with sample values (or a case's), and any forbidden wording; saves nothing", body: previewBody },
    },
    async (request) => previewTemplate(deps, actorOf(request), request.body),
  );

  app.post(
    '/api/v1/reply-templates',
    { config: { access: ['admin'] }, schema: { tags: ['replies'], summary: 'Add a reply template', body: templateBody } },
    async (request, reply) => {
      const now = deps.clock.now();
      const saved = await db.transaction().execute(async (trx) => {
        const row = presentTemplate(await createTemplate(trx, request.body, actorOf(request).userId, now));
        await recordConfigChange(trx, request, now, { action: 'config.reply_template.created', subjectType: 'reply_template', subjectId: row.id, detail: { after: auditedTemplate(row) } });
        return row;
      });
      reply.status(201);
      return saved;
    },
  );

  app.put(
    '/api/v1/reply-templates/:id',
    { config: { access: ['admin'] }, schema: { tags: ['replies'], summary: 'Change a reply template (its version goes up)', params: idParams, body: templateBody } },
    async (request) => {
      const now = deps.clock.now();
      return db.transaction().execute(async (trx) => {
        const { before, row } = await updateTemplate(trx, request.params.id, request.body, actorOf(request).userId, now);
        const saved = presentTemplate(row);
        await recordConfigChange(trx, request, now, {
          action: 'config.reply_template.updated',
          subjectType: 'reply_template',
          subjectId: saved.id,
          detail: { before: auditedTemplate(presentTemplate(before)), after: auditedTemplate(saved) },
        });
        return saved;
      });
    },
  );
}
