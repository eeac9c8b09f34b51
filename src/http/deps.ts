import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { IntakeQueue } from '../modules/cases/case.intake.batch.ts';
import type { EvidenceStore } from '../modules/cases/evidence.store.ts';
import type { PaymentProvider } from '../modules/execution/payment.provider.ts';
import type { Clock } from '../shared/clock.ts';

/** Everything a request handler may need, built once at start-up (tests build their own). */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  jobs: JobQueue;
  payments: PaymentProvider;
  evidence: EvidenceStore;
  /** Case creation, group-committed. */
  intake: IntakeQueue;
}
