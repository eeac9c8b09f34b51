// The supervisors' dashboard figures.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { reportPeriod } from '../sla/sla.reports.routes.ts';
import { overviewFigures } from './overview.ts';

const overviewQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export async function overviewRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/reports/overview',
    {
      config: { access: ['supervisor', 'compliance', 'admin'] },
      schema: {
        tags: ['reports'],
        summary: 'Dashboard: open backlog by state and severity, SLA met/breached, satisfaction, top categories, daily intake, open incidents',
        description: 'Figures over cases filed in [from, to) (default: the last 30 days); the backlog, open breaches and open incidents are as of now.',
        querystring: overviewQuery,
      },
    },
    async (request) => overviewFigures(deps.database.db, reportPeriod(request.query, deps.clock.now())),
  );
}
