import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ledgerEntriesSettledBy, type LedgerLine } from '../resolution/resolution.rules.ts';
import { assertNoRefundInDoubt } from './refund.repository.ts';

type Db = Kysely<DB>;

export interface NewTask {
  type: string;
  title?: string;
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
        title: t.title ?? null,
        owner_role: t.ownerRole,
        due_at: t.dueAt,
        verification: t.verification,
        status: 'open',
        created_at: now,
      })),
    )
    .execute();
}

/**
 * Whether the case's goods came back and are still with the seller: received on this case and not
 * sent out again since (repaired, or a replacement the customer now holds). A new plan after a
 * reopen or a re-plan then does not ask for them a second time.
 */
export async function goodsAlreadyBack(db: Db, caseId: string): Promise<boolean> {
  const last = await db
    .selectFrom('case_events')
    .select('type')
    .where('case_id', '=', caseId)
    .where((eb) =>
      eb.or([
        eb('type', '=', 'return_received'),
        eb.and([eb('type', '=', 'task_completed'), sql<boolean>`data->>'taskType' in ('ship_back_repaired', 'ship_replacement')`]),
      ]),
    )
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.type === 'return_received';
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

/** A task as the ledger sees it: the plan it belongs to (null: not of a plan) and what it does. */
export interface TaskRef {
  offer_id: string | null;
  type: string;
}

/** The still-planned ledger lines a task settles: its own plan's lines of its kind, paid to the customer. */
function plannedLinesOf(caseId: string, task: TaskRef, entryTypes: string[]) {
  return (eb: ExpressionBuilder<DB, 'ledger_entries'>) =>
    eb.and([
      eb('case_id', '=', caseId),
      task.offer_id === null ? eb('offer_id', 'is', null) : eb('offer_id', '=', task.offer_id),
      eb('entry_type', 'in', entryTypes),
      eb('paid_to', '=', 'customer'),
      eb('status', '=', 'planned'),
    ]);
}

/** The planned line a payment task pays (the oldest, should a task without a plan have several). */
export async function plannedLineOfTask(db: Db, caseId: string, task: TaskRef) {
  const entryTypes = ledgerEntriesSettledBy(task.type);
  if (entryTypes.length === 0) return undefined;
  return db
    .selectFrom('ledger_entries')
    .select(['id', 'amount_fen'])
    .where(plannedLinesOf(caseId, task, entryTypes))
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** Marks the planned lines a done task settled as executed. */
export async function executeLedgerOfTask(db: Db, caseId: string, task: TaskRef): Promise<void> {
  const entryTypes = ledgerEntriesSettledBy(task.type);
  if (entryTypes.length === 0) return;
  await db.updateTable('ledger_entries').set({ status: 'executed' }).where(plannedLinesOf(caseId, task, entryTypes)).execute();
}

/** Marks one line executed and links the refund that paid it. */
export async function executeLedgerLine(db: Db, lineId: string, refundId: string | null): Promise<void> {
  await db.updateTable('ledger_entries').set({ status: 'executed', refund_id: refundId }).where('id', '=', lineId).execute();
}

/**
 * Cancels the case's open tasks and the planned ledger lines they would have settled: a task that
 * will not be done leaves no money planned behind it (a later task must never pay it).
 */
export async function cancelOpenTasks(db: Db, caseId: string, now: Date): Promise<{ id: string }[]> {
  await assertNoRefundInDoubt(db, caseId, null);
  const tasks = await db
    .updateTable('execution_tasks')
    .set({ status: 'cancelled', done_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .returning(['id', 'offer_id', 'type'])
    .execute();
  for (const task of tasks) {
    const entryTypes = ledgerEntriesSettledBy(task.type);
    if (entryTypes.length > 0) {
      await db.updateTable('ledger_entries').set({ status: 'cancelled' }).where(plannedLinesOf(caseId, task, entryTypes)).execute();
    }
  }
  return tasks;
}

/**
 * A newly accepted plan replaces every earlier one (compliance re-planning an executing case, a
 * plan after a reopen): their open tasks and still-planned lines are cancelled, so only the new
 * plan pays. Money already paid stays paid (and counts against what is still refundable); work
 * that belongs to no plan (reimbursing a return fee the customer advanced) is still owed.
 * Returns the ids of the tasks cancelled.
 */
export async function cancelEarlierPlans(db: Db, caseId: string, offerId: string, now: Date): Promise<string[]> {
  await assertNoRefundInDoubt(db, caseId, offerId);
  const tasks = await db
    .updateTable('execution_tasks')
    .set({ status: 'cancelled', done_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .where('offer_id', 'is not', null)
    .where('offer_id', '<>', offerId)
    .returning('id')
    .execute();
  await db
    .updateTable('ledger_entries')
    .set({ status: 'cancelled' })
    .where('case_id', '=', caseId)
    .where('status', '=', 'planned')
    .where('offer_id', 'is not', null)
    .where('offer_id', '<>', offerId)
    .execute();
  return tasks.map((t) => t.id);
}

export async function insertLedgerLines(
  db: Db,
  caseId: string,
  offerId: string | null,
  lines: (LedgerLine | { entryType: string; amountFen: number; borneBy: string; paidTo: string; reason: string; status?: 'planned' | 'executed' })[],
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
        status: 'status' in l && l.status ? l.status : 'planned',
        offer_id: offerId,
        created_at: now,
        instrument: 'instrument' in l && l.instrument ? l.instrument : 'money',
        points: 'points' in l && l.points ? l.points : null,
      })),
    )
    .execute();
}

export async function cancelPlannedLedger(db: Db, caseId: string): Promise<void> {
  await db.updateTable('ledger_entries').set({ status: 'cancelled' }).where('case_id', '=', caseId).where('status', '=', 'planned').execute();
}

/**
 * The return postage the customer advanced whose reimbursement a new plan may owe again: cancelled
 * (a failed inspection cancels every open task), or owed by an earlier plan that the new one
 * replaces. Null when it was paid, or is still owed by the return itself, or there is none.
 */
export async function returnPostageToOweAgainFen(db: Db, caseId: string): Promise<number | null> {
  const lines = await db
    .selectFrom('ledger_entries')
    .select(['amount_fen', 'status', 'offer_id'])
    .where('case_id', '=', caseId)
    .where('entry_type', '=', 'return_shipping')
    .where('paid_to', '=', 'customer')
    .orderBy('created_at', 'desc')
    .execute();
  if (lines.some((l) => l.status === 'executed' || (l.status === 'planned' && l.offer_id === null))) return null;
  const last = lines[0];
  return last && last.amount_fen > 0 ? last.amount_fen : null;
}
