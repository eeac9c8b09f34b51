// Sends the outbox: each sweep takes the due e-mails (FOR UPDATE SKIP LOCKED, so several
// processes share the work and never send one twice at once), sends them over the transport and
// records the outcome; failures wait and retry with backoff, and give up after a number of tries.
// A process sweeps when woken by NOTIFY (a new e-mail) and at least every 30 seconds.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { listenChannel, type Unlisten } from '../../db/listen.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { composeCaseEmail, retryDelayMs } from './email.compose.ts';
import { MAIL_CHANNEL } from './email.outbox.ts';
import type { MailTransport } from './email.transport.ts';

const BATCH = 20;
export const MAX_ATTEMPTS = 8;
const IDLE_MS = 30_000;

export interface SweepResult {
  sent: number;
  retrying: number;
  failed: number;
}

export interface Mailer {
  /** Sends what is due now; returns what happened. */
  runDue(): Promise<SweepResult>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface DueRow {
  id: string;
  to_address: string;
  locale: string;
  attempts: number;
  case_no: string;
  title: string | null;
  body: string;
  author_role: string;
}

export function createMailer(deps: { database: Database; clock: Clock; transport: MailTransport | null; publicUrl: string }): Mailer {
  const db: Kysely<DB> = deps.database.db;
  let running = false;
  let loop: Promise<void> | null = null;
  let unlisten: Unlisten | null = null;
  let wakeUp: (() => void) | null = null;
  const wake = () => wakeUp?.();

  async function runDue(): Promise<SweepResult> {
    const result: SweepResult = { sent: 0, retrying: 0, failed: 0 };
    const transport = deps.transport;
    if (!transport) return result;
    const now = deps.clock.now();
    await db.transaction().execute(async (trx) => {
      const due = await sql<DueRow>`
        select o.id, o.to_address, o.locale, o.attempts, c.case_no, c.title, m.body, m.author_role
        from email_outbox o
        join messages m on m.id = o.message_id
        join cases c on c.id = o.case_id
        where o.status = 'pending' and o.next_attempt_at <= ${now}
        order by o.next_attempt_at
        limit ${BATCH}
        for update of o skip locked`.execute(trx);
      for (const row of due.rows) {
        const mail = composeCaseEmail({
          outboxId: row.id,
          caseNo: row.case_no,
          title: row.title,
          body: row.body,
          authorRole: row.author_role,
          locale: row.locale === 'en-US' ? 'en-US' : 'zh-CN',
          publicUrl: deps.publicUrl,
        });
        try {
          await transport.send({ to: row.to_address, subject: mail.subject, text: mail.text, messageId: mail.messageId });
          await trx.updateTable('email_outbox').set({ status: 'sent', sent_at: now, attempts: row.attempts + 1, last_error: null }).where('id', '=', row.id).execute();
          result.sent += 1;
        } catch (error) {
          const attempts = row.attempts + 1;
          const gaveUp = attempts >= MAX_ATTEMPTS;
          await trx
            .updateTable('email_outbox')
            .set({
              attempts,
              status: gaveUp ? 'failed' : 'pending',
              next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)),
              last_error: String(error instanceof Error ? error.message : error).slice(0, 500),
            })
            .where('id', '=', row.id)
            .execute();
          if (gaveUp) result.failed += 1;
          else result.retrying += 1;
        }
      }
    });
    return result;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        const swept = await runDue();
        if (swept.sent + swept.retrying + swept.failed >= BATCH) continue;
      } catch (error) {
        console.error('[mail] sweep failed', error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, IDLE_MS);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    runDue,
    async start() {
      if (running || !deps.transport) return;
      running = true;
      unlisten = await listenChannel(deps.database, MAIL_CHANNEL, wake);
      loop = run();
    },
    async stop() {
      running = false;
      wake();
      await loop;
      loop = null;
      await unlisten?.();
      unlisten = null;
      deps.transport?.close();
    },
  };
}
