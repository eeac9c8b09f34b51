// The signed-in user's notices: breach alerts, reminders, obligation warnings.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../shared/errors.ts';
import { listNotifications, markRead } from './notifications.repository.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  unread: z.enum(['true', 'false']).default('false'),
});

export async function notificationRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/notifications',
    { config: { access: 'authenticated' }, schema: { tags: ['notifications'], summary: 'My notices, newest first', querystring: listQuery } },
    async (request) => {
      const rows = await listNotifications(db, actorOf(request), { limit: request.query.limit, unreadOnly: request.query.unread === 'true' });
      return {
        items: rows.map((r) => ({
          id: r.id, type: r.type, title: r.title, body: r.body, caseNo: r.case_no,
          createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    { config: { access: 'authenticated' }, schema: { tags: ['notifications'], summary: 'Mark a notice read', params: z.object({ id: z.string().uuid() }) } },
    async (request) => {
      const ok = await markRead(db, actorOf(request), request.params.id, deps.clock.now());
      if (!ok) throw notFound({ 'zh-CN': '通知', 'en-US': 'notification' }, 'id');
      return { id: request.params.id, read: true };
    },
  );
}
