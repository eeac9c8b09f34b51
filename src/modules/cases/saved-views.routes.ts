// Saved case-list views: a user names the filters and sort of the list they use often (e.g.
// "L1 complaints of merchant X, most urgent first") and finds them again beside the built-in views.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { listCasesQuerySchema } from './case.schemas.ts';

/** Enough for anyone's working views; more is a sign of views nobody uses. */
export const MAX_SAVED_VIEWS = 30;

// The list's filters and sort, without paging: a view is what to show, not where one was.
const viewFilters = listCasesQuerySchema.omit({ limit: true, offset: true }).partial().strict();
const viewBody = z.object({ name: z.string().trim().min(1).max(40), filters: viewFilters });
const viewParams = z.object({ id: z.uuid() });

const present = (row: { id: string; name: string; filters: Record<string, string>; created_at: Date | string }) => ({
  id: row.id,
  name: row.name,
  filters: row.filters,
  createdAt: new Date(row.created_at).toISOString(),
});

export async function savedViewRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/saved-views',
    { config: { access: 'authenticated' }, schema: { tags: ['cases'], summary: "The caller's saved case-list views" } },
    async (request) => {
      const rows = await db
        .selectFrom('saved_views')
        .select(['id', 'name', 'filters', 'created_at'])
        .where('user_id', '=', actorOf(request).userId ?? '')
        .orderBy('name')
        .execute();
      return { items: rows.map(present) };
    },
  );

  app.post(
    '/api/v1/saved-views',
    { config: { access: 'authenticated' }, schema: { tags: ['cases'], summary: 'Save the case list’s filters and sort under a name', body: viewBody } },
    async (request, reply) => {
      const userId = actorOf(request).userId;
      if (!userId) throw notFound({ 'zh-CN': '用户', 'en-US': 'user' });
      const { name, filters } = request.body;
      const row = await db.transaction().execute(async (trx) => {
        // Serialises one user's saves so the limit holds under concurrent requests.
        await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
        const existing = await trx.selectFrom('saved_views').select(['name']).where('user_id', '=', userId).execute();
        if (existing.some((v) => v.name === name)) {
          throw new AppError({
            status: 409,
            type: 'saved-view-name-taken',
            field: 'name',
            text: { 'zh-CN': `已有名为“${name}”的视图`, 'en-US': `A view named "${name}" already exists` },
          });
        }
        if (existing.length >= MAX_SAVED_VIEWS) {
          throw new AppError({
            status: 422,
            type: 'saved-views-limit',
            field: 'name',
            text: { 'zh-CN': `最多保存 ${MAX_SAVED_VIEWS} 个视图，请先删除不用的视图`, 'en-US': `At most ${MAX_SAVED_VIEWS} views; delete one you no longer use first` },
          });
        }
        return trx
          .insertInto('saved_views')
          .values({ user_id: userId, name, filters: JSON.stringify(filters), created_at: deps.clock.now() })
          .returning(['id', 'name', 'filters', 'created_at'])
          .executeTakeFirstOrThrow();
      });
      return reply.code(201).send(present(row));
    },
  );

  app.delete(
    '/api/v1/saved-views/:id',
    { config: { access: 'authenticated' }, schema: { tags: ['cases'], summary: 'Delete one of the caller’s saved views', params: viewParams } },
    async (request, reply) => {
      const deleted = await db
        .deleteFrom('saved_views')
        .where('id', '=', request.params.id)
        .where('user_id', '=', actorOf(request).userId ?? '')
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) throw notFound({ 'zh-CN': '视图', 'en-US': 'view' }, 'id');
      return reply.code(204).send();
    },
  );
}
