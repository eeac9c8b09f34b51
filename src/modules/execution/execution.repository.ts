import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LedgerLine } from '../resolution/resolution.rules.ts';

type Db = Kysely<DB>;

export interface NewTask {
  type: string;
  ownerRole: string;
  dueAt: Date | null;
  verification: string;
}

export async function insertTasks(db: Db, caseId: string, offerId: string | null, tasks: NewTask[], now: Date): Promise<void> {
  if (tasks.length === 0) return;
  await db
    .insertInto('execution_tasks')
    .values(
      tasks.map((t) => ({
        case_id: caseId,
        offer_id: offerId,
        type: t.type,
        owner_role: t.ownerRole,
        due_at: t.dueAt,
        verification: t.verification,
        status: 'open',
        created_at: now,
      })),
    )
    .execute();
}

export async function openTasks(db: Db, caseId: string) {
  return db.selectFrom('execution_tasks').selectAll().where('case_id', '=', caseId).where('status', '=', 'open').orderBy('created_at').execute();
}

export async function setDueForOpenTasks(db: Db, caseId: string, dueAt: Date, types: string[]): Promise<void> {
  await db
    .updateTable('execution_tasks')
    .set({ due_at: dueAt })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .where('type', 'in', types)
    .execute();
}

export async function completeTask(db: Db, taskId: string, proof: unknown, doneBy: string | null, now: Date): Promise<void> {
  await db
    .updateTable('execution_tasks')
    .set({ status: 'done', proof: JSON.stringify(proof), done_at: now, done_by: doneBy })
    .where('id', '=', taskId)
    .execute();
}

export async function cancelOpenTasks(db: Db, caseId: string, now: Date): Promise<void> {
  await db
    .updateTable('execution_tasks')
    .set({ status: 'cancelled', done_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .execute();
}

export async function insertLedgerLines(
  db: Db,
  caseId: string,
  offerId: string | null,
  lines: (LedgerLine | { entryType: string; amountFen: number; borneBy: string; paidTo: string; reason: string })[],
  responsibility: string | null,
  now: Date,
): Promise<void> {
  if (lines.length === 0) return;
  await db
    .insertInto('ledger_entries')
    .values(
      lines.map((l) => ({
        case_id: caseId,
        entry_type: l.entryType,
        amount_fen: l.amountFen,
        borne_by: l.borneBy,
        paid_to: l.paidTo,
        responsibility,
        reason: l.reason,
        status: 'planned',
        offer_id: offerId,
        created_at: now,
      })),
    )
    .execute();
}

export async function cancelPlannedLedger(db: Db, caseId: string): Promise<void> {
  await db.updateTable('ledger_entries').set({ status: 'cancelled' }).where('case_id', '=', caseId).where('status', '=', 'planned').execute();
}

/** Marks the first planned line of a type as executed (and links the refund that paid it). */
export async function executeLedgerLine(db: Db, caseId: string, entryType: string, refundId: string | null): Promise<void> {
  const line = await db
    .selectFrom('ledger_entries')
    .select('id')
    .where('case_id', '=', caseId)
    .where('entry_type', '=', entryType)
    .where('status', '=', 'planned')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!line) return;
  await db.updateTable('ledger_entries').set({ status: 'executed', refund_id: refundId }).where('id', '=', line.id).execute();
}

export async function countFailedRefunds(db: Db, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_id', '=', taskId)
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRefund(
  db: Db,
  r: { caseId: string; taskId: string; amountFen: number; status: string; provider: string; providerRef: string | null; failureReason: string | null; requestedBy: string | null; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('refunds')
    .values({
      case_id: r.caseId,
      task_id: r.taskId,
      amount_fen: r.amountFen,
      status: r.status,
      provider: r.provider,
      provider_ref: r.providerRef,
      failure_reason: r.failureReason,
      requested_by: r.requestedBy,
      created_at: r.now,
      completed_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
