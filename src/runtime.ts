// Wires the running product: database (migrated), job queue, payment provider, evidence store
// and the HTTP app. The server, the CLI and the tests all start it the same way.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import type { AppDeps } from './http/deps.ts';
import { createJobQueue, type JobQueue } from './jobs/queue.ts';
import { createAuditSealer } from './modules/audit/audit.sealer.ts';
import { createIntakeQueue } from './modules/cases/case.intake.batch.ts';
import { handleCaseEvent } from './modules/cases/case.jobs.ts';
import { createEvidenceStore } from './modules/cases/evidence.store.ts';
import { HttpPaymentProvider } from './modules/execution/http-payment.provider.ts';
import { LocalPaymentProvider, type PaymentProvider } from './modules/execution/payment.provider.ts';
import { ensurePlatformBaseline } from './modules/policy/policy.service.ts';
import { loadKeyRing } from './modules/privacy/pii.keys.ts';
import { ensureReplyTemplateDefaults } from './modules/replies/reply.defaults.ts';
import { ensureKbDefaults } from './modules/kb/kb.defaults.ts';
import { handleSlaAction } from './modules/sla/sla.actions.ts';
import { handleSlaRecompute } from './modules/sla/sla.recompute.ts';
import { ensureRoutingDefaults } from './modules/routing/routing.repository.ts';
import { handleEvidencePurge, RETENTION_PURGE_CRON, runRetentionPurge } from './modules/retention/retention.service.ts';
import { ensureSlaDefaults } from './modules/sla/sla.repository.ts';
import { REFUND_RECONCILE_CRON, reconcileRefunds } from './modules/execution/refund.reconcile.ts';
import { archiveDueCases, CASE_ARCHIVE_CRON } from './modules/cases/case.archive.ts';
import { noticeDelayedParcels, PARCEL_DELAY_CRON } from './modules/cases/parcel.delay.ts';
import { createDeadlineScheduler } from './modules/sla/sla.scheduler.ts';
import { createCaseLiveHub } from './modules/live/live.hub.ts';
import { createMailer } from './modules/email/email.mailer.ts';
import { type MailTransport, smtpTransport } from './modules/email/email.transport.ts';
import { createSlaService } from './modules/sla/sla.service.ts';
import { type Clock, ManualClock, systemClock } from './shared/clock.ts';

export interface Runtime {
  deps: AppDeps;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  payments?: PaymentProvider;
  /** Run job workers in this process (the server does; most tests drive jobs themselves). */
  workers?: boolean;
  logger?: boolean | object;
  /** PGlite in memory instead of DATA_DIR (tests). */
  inMemory?: boolean;
  /** Where e-mail goes instead of SMTP_URL (tests point it at their own SMTP server). */
  mail?: MailTransport;
}

export async function openMigratedDatabase(config: Config, inMemory = false): Promise<Database> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: inMemory ? undefined : join(config.dataDir, 'pglite'),
  });
  await migrate(database);
  return database;
}

function paymentProvider(config: Config): PaymentProvider {
  const payment = config.payment;
  return payment.provider === 'http' ? new HttpPaymentProvider({ baseUrl: payment.baseUrl, secret: payment.secret }) : new LocalPaymentProvider();
}

export async function startRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  // AFTERDESK_SIMULATED_CLOCK=1: a clock that admins set and advance through the API.
  const simulatedClock = !options.clock && config.simulatedClock ? new ManualClock(new Date()) : null;
  const clock = options.clock ?? simulatedClock ?? systemClock;
  // Before the database: without its keys (PII_KEYS with PostgreSQL) the product does not start.
  const pii = loadKeyRing(config);
  const database = await openMigratedDatabase(config, options.inMemory);
  await ensurePlatformBaseline(database.db, clock.now());
  await ensureSlaDefaults(database.db, clock.now());
  await ensureReplyTemplateDefaults(database.db, clock.now());
  await ensureKbDefaults(database.db, clock.now());
  await ensureRoutingDefaults(database.db, clock.now());
  const jobs: JobQueue = createJobQueue(database);
  await jobs.start();
  // CL-6: the nightly purge is a pg-boss cron schedule (stored once, sent by one process); the
  // processes that run workers purge what the injected clock says is due.
  await jobs.schedule('retention-purge', RETENTION_PURGE_CRON, { tz: 'Asia/Shanghai' });
  await jobs.schedule('refund-reconcile', REFUND_RECONCILE_CRON, { tz: 'Asia/Shanghai' });
  await jobs.schedule('case-archive', CASE_ARCHIVE_CRON, { tz: 'Asia/Shanghai' });
  await jobs.schedule('parcel-delay', PARCEL_DELAY_CRON, { tz: 'Asia/Shanghai' });
  const sla = createSlaService();
  const scheduler = createDeadlineScheduler({ database, clock, jobs, sla });
  const auditSealer = createAuditSealer(database);
  const base = {
    config,
    database,
    clock,
    simulatedClock,
    jobs,
    sla,
    scheduler,
    payments: options.payments ?? paymentProvider(config),
    evidence: createEvidenceStore(join(config.dataDir, 'evidence'), config.maxUploadBytes),
    live: createCaseLiveHub(database),
    mailer: createMailer({ database, clock, transport: options.mail ?? (config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl, config.mail.from) : null), publicUrl: config.publicUrl }),
    pii,
    auditSealer,
  };
  const deps: AppDeps = { ...base, intake: createIntakeQueue(base) };
  if (options.workers) {
    await jobs.work('case-event', (data) => handleCaseEvent(database.db, clock, data, deps));
    await jobs.work('sla-action', (data) => handleSlaAction(deps, data));
    await jobs.work('sla-recompute', async (data) => void (await handleSlaRecompute(deps, data)));
    await jobs.work('retention-purge', async () => void (await runRetentionPurge(deps)));
    await jobs.work('evidence-purge', (data) => handleEvidencePurge(deps, data));
    await jobs.work('refund-reconcile', async () => void (await reconcileRefunds(deps)));
    await jobs.work('case-archive', async () => void (await archiveDueCases(deps)));
    await jobs.work('parcel-delay', async () => void (await noticeDelayedParcels(deps)));
    // Deadlines that fell due while the server was down fire now, marked late.
    await scheduler.start();
    await base.mailer.start();
    auditSealer.start();
  }
  const app = await buildApp(deps, { logger: options.logger ?? false });
  await app.ready();
  return {
    deps,
    app,
    async close() {
      await app.close();
      await deps.live.close();
      await deps.mailer.stop();
      await scheduler.stop();
      await auditSealer.stop();
      await jobs.stop();
      await database.close();
    },
  };
}
