// Search and export of the audit trail, for admins and compliance. An export is itself audited.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { allAuditRows, auditFiltersSchema, auditSearchSchema, CSV_HEADER, csvLine, searchAudit } from './audit.queries.ts';
import { recordAudit } from './audit.service.ts';

export const AUDIT_READERS = ['admin', 'compliance'] as const;

export async function auditRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/audit',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail (newest first; pass nextCursor as cursor for the next page)',
        description: 'Each row carries `seal`: verified (its seal matches the row and the seal before it), pending (not sealed yet) or broken.',
        querystring: auditSearchSchema,
      },
    },
    async (request) => searchAudit(db, request.query),
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Export the filtered audit trail as CSV or JSON Lines (streamed, newest first)',
        querystring: auditFiltersSchema.extend({ format: z.enum(['csv', 'jsonl']).default('csv') }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const now = deps.clock.now();
      // Rows written a moment ago are sealed first, so they export as verified; if another process
      // is sealing right now, they simply export as pending.
      await deps.auditSealer.sealPending();
      await recordAudit(db, {
        at: now,
        actor: actorOf(request),
        action: 'audit.exported',
        subjectType: 'audit',
        detail: { format, filters: Object.fromEntries(Object.entries(request.query).filter(([k]) => k !== 'format')) },
      });
      const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
      reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}"`)
        .header('cache-control', 'no-store');
      async function* lines(): AsyncGenerator<string> {
        // The byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
        if (format === 'csv') yield `\uFEFF${CSV_HEADER}`;
        for await (const row of allAuditRows(db, filters)) yield format === 'csv' ? csvLine(row) : `${JSON.stringify(row)}\n`;
      }
      return reply.send(Readable.from(lines()));
    },
  );
}
