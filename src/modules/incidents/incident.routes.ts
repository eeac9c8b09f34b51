// Incidents (group complaints, TR-6): the list for supervisors, compliance and admins, one incident
// with its cases for any staff member, resolution by a supervisor, and the detection settings.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { notFound } from '../../shared/errors.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import { getIncidentWithCases, type IncidentListRow, listIncidents, loadIncidentSettings, saveIncidentSettings } from './incident.repository.ts';
import { categoryLabel, INCIDENT, resolveIncident } from './incident.service.ts';

const listQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const noParams = z.object({ incidentNo: z.string().trim().min(1).max(32) });
const resolveBody = z.object({ note: z.string().trim().min(1).max(2000) });
const settingsBody = z.object({
  productThreshold: z.number().int().min(2).max(1000),
  merchantThreshold: z.number().int().min(2).max(1000),
  windowHours: z.number().int().min(1).max(720),
  merchantScope: z.boolean(),
});

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function presentIncident(r: IncidentListRow) {
  return {
    id: r.id,
    incidentNo: r.incident_no,
    scope: r.scope,
    status: r.status,
    category: r.category,
    categoryLabel: categoryLabel(r.category),
    product: r.product_id ? { id: r.product_id, name: r.product_name } : null,
    merchant: { id: r.merchant_id, name: r.merchant_name },
    customers: r.customers,
    caseCount: Number(r.case_count ?? 0),
    threshold: r.threshold,
    windowHours: r.window_hours,
    summary: r.summary,
    openedAt: r.opened_at.toISOString(),
    resolvedAt: iso(r.resolved_at),
    resolutionNote: r.resolution_note,
  };
}

export async function incidentRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/incidents',
    {
      config: { access: ['supervisor', 'compliance', 'admin'] },
      schema: { tags: ['incidents'], summary: 'Group complaints (incidents), newest first', querystring: listQuery },
    },
    async (request) => {
      const { rows, total } = await listIncidents(db, request.query);
      return { items: rows.map(presentIncident), total, limit: request.query.limit, offset: request.query.offset, hasMore: request.query.offset + rows.length < total };
    },
  );

  app.get(
    '/api/v1/incidents/settings',
    { config: { access: ['admin'] }, schema: { tags: ['incidents'], summary: 'Group-complaint detection settings' } },
    async () => {
      const s = await loadIncidentSettings(db);
      return { productThreshold: s.productThreshold, merchantThreshold: s.merchantThreshold, windowHours: s.windowHours, merchantScope: s.merchantScope, updatedAt: iso(s.updatedAt) };
    },
  );

  app.put(
    '/api/v1/incidents/settings',
    {
      config: { access: ['admin'], scope: 'admin' },
      schema: { tags: ['incidents'], summary: 'Change the group-complaint thresholds and window (applies to later detections)', body: settingsBody },
    },
    async (request) => {
      const now = deps.clock.now();
      await saveIncidentSettings(db, request.body, actorOf(request).userId, now);
      return { ...request.body, updatedAt: now.toISOString() };
    },
  );

  app.get(
    '/api/v1/incidents/:incidentNo',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['incidents'], summary: 'One incident with its cases', params: noParams },
    },
    async (request) => {
      const found = await getIncidentWithCases(db, request.params.incidentNo);
      if (!found) throw notFound(INCIDENT, 'incidentNo');
      return {
        ...presentIncident(found.row),
        cases: found.cases.map((c) => ({
          caseId: c.id,
          caseNo: c.case_no,
          state: c.state,
          severity: c.severity,
          kind: c.kind,
          title: c.title,
          customerId: c.customer_id,
          createdAt: c.created_at.toISOString(),
          joinedAt: c.joined_at.toISOString(),
          founding: c.founding,
        })),
      };
    },
  );

  app.post(
    '/api/v1/incidents/:incidentNo/resolve',
    {
      config: { access: ['supervisor'] },
      schema: { tags: ['incidents'], summary: 'Resolve an incident (later matching cases may open a new one)', params: noParams, body: resolveBody },
    },
    async (request) => {
      await resolveIncident(db, request.params.incidentNo, actorOf(request).userId, request.body.note, deps.clock.now());
      const found = await getIncidentWithCases(db, request.params.incidentNo);
      if (!found) throw notFound(INCIDENT, 'incidentNo');
      return presentIncident(found.row);
    },
  );
}
