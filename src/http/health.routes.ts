import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { pendingMigrations } from '../db/migrate.ts';
import type { AppDeps } from './deps.ts';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/healthz', { config: { access: 'public' }, schema: { tags: ['health'], summary: 'The process is up', security: [] } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { tags: ['health'], summary: 'The database is reachable and migrations are current', security: [] } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(deps.database.db);
        const pending = await pendingMigrations(deps.database);
        if (pending.length > 0) return reply.status(503).send({ status: 'migrations-pending', pending });
        return { status: 'ready', database: deps.database.kind };
      } catch (error) {
        return reply.status(503).send({ status: 'database-unreachable', error: (error as Error).message });
      }
    },
  );
}
