// Suggested replies for a case (staff, and a merchant for its own cases), the wording check of a
// reply being written (RISK-1, staff) and the admin's template maintenance (AN-5).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { CASE_KINDS, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { caseNoParams } from '../cases/case.schemas.ts';
import { CASE_STATES } from '../cases/case.state.ts';
import { CATEGORIES } from '../triage/triage.vocabulary.ts';
import { createTemplate, listTemplates, presentTemplate, suggestedReplies, updateTemplate } from './reply.service.ts';
import { wordingFlags } from './reply.wording.ts';

const LOCALES = ['zh-CN', 'en-US'] as const;

const suggestQuery = z.object({
  locale: z.enum(LOCALES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
const listQuery = z.object({
  locale: z.enum(LOCALES).optional(),
  category: z.enum(CATEGORIES).optional(),
  active: z.enum(['true', 'false']).optional(),
});
const templateBody = z.object({
  name: z.string().trim().min(1).max(120),
  locale: z.enum(LOCALES),
  category: z.enum(CATEGORIES).nullable().default(null),
  kind: z.enum(CASE_KINDS).nullable().default(null),
  state: z.enum(CASE_STATES).nullable().default(null),
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
      config: { access: [...STAFF_ROLES] },
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
    { config: { access: ['admin'] }, schema: { tags: ['replies'], summary: 'All reply templates', querystring: listQuery } },
    async (request) => {
      const { active, ...rest } = request.query;
      const rows = await listTemplates(db, { ...rest, active: active === undefined ? undefined : active === 'true' });
      return { items: rows.map(presentTemplate) };
    },
  );

  app.post(
    '/api/v1/reply-templates',
    { config: { access: ['admin'] }, schema: { tags: ['replies'], summary: 'Add a reply template', body: templateBody } },
    async (request, reply) => {
      const row = await createTemplate(db, request.body, actorOf(request).userId, deps.clock.now());
      reply.status(201);
      return presentTemplate(row);
    },
  );

  app.put(
    '/api/v1/reply-templates/:id',
    { config: { access: ['admin'] }, schema: { tags: ['replies'], summary: 'Change a reply template (its version goes up)', params: idParams, body: templateBody } },
    async (request) => presentTemplate(await updateTemplate(db, request.params.id, request.body, actorOf(request).userId, deps.clock.now())),
  );
}
