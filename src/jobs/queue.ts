// Durable jobs on the same database (pg-boss). A job is sent through the command's own
// transaction, so it commits or rolls back with the change that decided it (transactional outbox).
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { fromKysely, fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

export const JOB_QUEUES = ['case-event', 'sla-action', 'sla-recompute', 'retention-purge', 'evidence-purge', 'refund-reconcile', 'case-archive', 'parcel-delay'] as const;
export type JobQueueName = (typeof JOB_QUEUES)[number];

export interface JobQueue {
  /** Enqueue inside the caller's transaction. */
  send(trx: Transaction<DB> | Kysely<DB>, queue: JobQueueName, data: object, options?: { startAfter?: Date }): Promise<void>;
  /** Enqueue several jobs with one statement inside the caller's transaction. */
  sendMany(trx: Transaction<DB> | Kysely<DB>, queue: JobQueueName, data: object[]): Promise<void>;
  /**
   * pg-boss's own statement enqueueing these jobs, to run with other writes (executeTogether):
   * the jobs then commit with them in one statement. Null when there are none.
   */
  sendManyPart(queue: JobQueueName, data: object[]): Promise<RawBuilder<unknown> | null>;
  work(queue: JobQueueName, handler: (data: unknown) => Promise<void>): Promise<void>;
  /** Sends a job to the queue on a cron schedule (kept in the database; one sender however many processes). */
  schedule(queue: JobQueueName, cron: string, options: { tz: string }): Promise<void>;
  /** The cron schedules stored for a queue. */
  schedules(queue: JobQueueName): Promise<{ cron: string; timezone: string }[]>;
  /** Runs the queue's waiting jobs in this call until none is left (tests and the simulated clock). */
  runPending(queue: JobQueueName, handler: (data: unknown) => Promise<void>): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createJobQueue(database: Database, options: { pollingIntervalSeconds?: number } = {}): JobQueue {
  // On PostgreSQL pg-boss keeps its own small pool (its maintenance needs multi-statement
  // queries); commands still enqueue through their own transaction with fromKysely.
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), schema: 'pgboss' })
    : new PgBoss({ connectionString: database.url ?? undefined, max: 4, schema: 'pgboss' });
  let started = false;
  boss.on('error', (error) => {
    console.error('[jobs]', error);
  });
  return {
    async start() {
      if (started) return;
      await boss.start();
      for (const queue of JOB_QUEUES) await boss.createQueue(queue);
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
    async send(trx, queue, data, sendOptions) {
      await boss.send(queue, data, {
        db: fromKysely(trx),
        ...(sendOptions?.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      });
    },
    async sendMany(trx, queue, data) {
      if (data.length === 0) return;
      await boss.insert(queue, data.map((d) => ({ data: d })), { db: fromKysely(trx) });
    },
    async sendManyPart(queue, data) {
      if (data.length === 0) return null;
      // pg-boss builds its insert and hands it to the adapter; it is kept here instead of run.
      const statements: { text: string; values: unknown[] }[] = [];
      const capture = {
        executeSql: async (text: string, values: unknown[] = []) => {
          statements.push({ text, values });
          return { rows: [] };
        },
      };
      await boss.insert(queue, data.map((d) => ({ data: d })), { db: capture });
      const [statement] = statements;
      if (statements.length !== 1 || !statement || !/^\s*insert\s/i.test(statement.text)) {
        throw new Error(`pg-boss enqueued ${queue} in a form that cannot run inside another statement`);
      }
      return withParameters(statement.text, statement.values);
    },
    async runPending(queue, handler) {
      let count = 0;
      for (;;) {
        const jobs = await boss.fetch(queue, { batchSize: 50 });
        if (jobs.length === 0) return count;
        for (const job of jobs) {
          try {
            await handler(job.data);
            await boss.complete(queue, job.id);
          } catch (error) {
            await boss.fail(queue, job.id, { message: String(error) });
            throw error;
          }
          count += 1;
        }
      }
    },
    async schedule(queue, cron, scheduleOptions) {
      await boss.schedule(queue, cron, null, { tz: scheduleOptions.tz });
    },
    async schedules(queue) {
      return (await boss.getSchedules(queue)).map((s) => ({ cron: s.cron, timezone: s.timezone }));
    },
    async work(queue, handler) {
      // Batches, fetched back to back while they come back full, so a burst of breaches drains
      // quickly; a failed batch is retried whole, which idempotent handlers make harmless.
      const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, batchSize: 50, burstWhenBatchFull: true };
      await boss.work(queue, polling, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
    },
  };
}

/** A statement with $n placeholders as a Kysely fragment, its values bound in their places. */
function withParameters(text: string, values: unknown[]): RawBuilder<unknown> {
  const pieces = text.split(/\$(\d+)/);
  const fragments = pieces.map((piece, i) => (i % 2 === 0 ? sql.raw(piece) : sql`${values[Number(piece) - 1]}`));
  return sql.join(fragments, sql``);
}
