// SLA figures per channel, kind or queue (SLA-13) and the supervisors' escalation queue.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { invalid } from '../../shared/errors.ts';
import { COMPLIANCE_GROUPINGS, complianceFigures, DEFAULT_MET_THRESHOLD, escalationQueue } from './sla.reports.ts';

const DEFAULT_PERIOD_MS = 30 * 86_400_000;

const complianceQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  groupBy: z.enum(COMPLIANCE_GROUPINGS).default('channel'),
  threshold: z.coerce.number().min(0).max(1).default(DEFAULT_MET_THRESHOLD),
});

const escalationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** The period asked for: by default the 30 days up to now; one end given, the other follows. */
export function reportPeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from.getTime() >= to.getTime()) {
    throw invalid('from', {
      'zh-CN': '统计区间有误：开始时间（from）必须早于结束时间（to）',
      'en-US': 'Invalid period: from must be earlier than to',
    });
  }
  return { from, to };
}

export async function slaReportRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/sla/compliance',
    {
      config: { access: ['supervisor', 'compliance', 'admin'] },
      schema: {
        tags: ['sla'],
        summary: 'SLA compliance per channel, kind or queue: clocks met and breached, response and resolution times, missed targets',
        description:
          'Cases filed in [from, to) (default: the last 30 days). A metric whose share of clocks met is below `threshold` (default 0.9) is listed in `missedTargets`.',
        querystring: complianceQuery,
      },
    },
    async (request) => {
      const { from, to } = reportPeriod(request.query, deps.clock.now());
      return complianceFigures(db, { from, to, groupBy: request.query.groupBy, threshold: request.query.threshold });
    },
  );

  app.get(
    '/api/v1/sla/escalations',
    {
      config: { access: ['supervisor', 'admin'] },
      schema: {
        tags: ['sla'],
        summary: 'Escalation queue: open cases with a breached clock, severity L1/L2, or in the specialists or supervisors queue',
        querystring: escalationsQuery,
      },
    },
    async (request) => escalationQueue(db, request.query),
  );
}
