import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { AuditSealer } from '../modules/audit/audit.sealer.ts';
import type { PiiKeyRing } from '../modules/privacy/pii.crypto.ts';
import type { IntakeQueue } from '../modules/cases/case.intake.batch.ts';
import type { EvidenceStore } from '../modules/cases/evidence.store.ts';
import type { CaseLiveHub } from '../modules/live/live.hub.ts';
import type { Mailer } from '../modules/email/email.mailer.ts';
import type { PaymentProvider } from '../modules/execution/payment.provider.ts';
import type { SlaService } from '../modules/sla/sla.service.ts';
import type { DeadlineScheduler } from '../modules/sla/sla.scheduler.ts';
import type { Clock, ManualClock } from '../shared/clock.ts';

/** Everything a request handler may need, built once at start-up (tests build their own). */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** Set only with AFTERDESK_SIMULATED_CLOCK=1: the clock admins move through the API. */
  simulatedClock: ManualClock | null;
  jobs: JobQueue;
  payments: PaymentProvider;
  evidence: EvidenceStore;
  /** Moves the SLA clocks with every case event. */
  sla: SlaService;
  /** Fires SLA warnings and breaches when they fall due. */
  scheduler: DeadlineScheduler;
  /** Case creation, group-committed. */
  intake: IntakeQueue;
  /** Tells the console pages watching a case that it changed. */
  live: CaseLiveHub;
  /** Sends the e-mail outbox over SMTP. */
  mailer: Mailer;
  /** Keys that encrypt and open sensitive personal data (RISK-2). */
  pii: PiiKeyRing;
  /** Seals audit rows onto the hash chain. */
  auditSealer: AuditSealer;
}
