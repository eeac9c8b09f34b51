// The one place that lists every module's routes.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { caseRoutes } from '../modules/cases/case.routes.ts';
import { evidenceRoutes } from '../modules/cases/evidence.routes.ts';
import { savedViewRoutes } from '../modules/cases/saved-views.routes.ts';
import { collaborationRoutes } from '../modules/collaboration/collaboration.routes.ts';
import { identityRoutes } from '../modules/identity/index.ts';
import { userRoutes } from '../modules/identity/users.routes.ts';
import { incidentRoutes } from '../modules/incidents/incident.routes.ts';
import { kbRoutes } from '../modules/kb/kb.routes.ts';
import { liveRoutes } from '../modules/live/live.routes.ts';
import { ordersRoutes } from '../modules/orders/index.ts';
import { notificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { policyRoutes } from '../modules/policy/policy.routes.ts';
import { privacyRoutes } from '../modules/privacy/privacy.routes.ts';
import { replyRoutes } from '../modules/replies/reply.routes.ts';
import { overviewRoutes } from '../modules/reports/overview.routes.ts';
import { retentionRoutes } from '../modules/retention/retention.routes.ts';
import { selfServiceRoutes } from '../modules/selfservice/selfservice.routes.ts';
import { routingRoutes } from '../modules/routing/routing.routes.ts';
import { slaReportRoutes } from '../modules/sla/sla.reports.routes.ts';
import { slaRoutes } from '../modules/sla/sla.routes.ts';
import type { AppDeps } from './deps.ts';
import { healthRoutes } from './health.routes.ts';
import { registerConsole } from './static.ts';

export async function registerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // preservePath: the uploader's file name arrives exactly as sent. It is only ever a label (the
  // stored file is named by a generated key), so nothing is gained by trimming it here.
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10 }, throwFileSizeLimit: true, preservePath: true });
  await healthRoutes(app, deps);
  await identityRoutes(app, deps);
  await userRoutes(app, deps);
  await ordersRoutes(app, deps);
  await policyRoutes(app, deps);
  await caseRoutes(app, deps);
  await evidenceRoutes(app, deps);
  await collaborationRoutes(app, deps);
  await slaRoutes(app, deps);
  await slaReportRoutes(app, deps);
  await notificationRoutes(app, deps);
  await routingRoutes(app, deps);
  await kbRoutes(app, deps);
  await selfServiceRoutes(app, deps);
  await incidentRoutes(app, deps);
  await replyRoutes(app, deps);
  await overviewRoutes(app, deps);
  await liveRoutes(app, deps);
  await savedViewRoutes(app, deps);
  await auditRoutes(app, deps);
  await privacyRoutes(app, deps);
  await retentionRoutes(app, deps);
  await registerConsole(app);
}
