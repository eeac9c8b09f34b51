// The refunds asked of the payment provider. A refund is written as pending before the provider
// is asked and settled when it answers: a lost answer leaves the pending row, and while it stands
// the task it pays can be neither replaced nor cancelled (a new task would ask again under a new
// refund id, and the provider would pay twice).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../shared/errors.ts';

type Db = Kysely<DB>;

export async function countFailedRefunds(db: Db, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_id', '=', taskId)
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which attempt at paying the task the next (or the pending) refund is: refused ones do not count against a retry. */
export async function refundAttempt(db: Db, taskId: string): Promise<number> {
  return (await countFailedRefunds(db, taskId)) + 1;
}

/** The provider's refund id: the task and its attempt, so that asking again for a lost answer is the same request. */
export const providerRefundId = (taskId: string, attempt: number): string => `${taskId}:${attempt}`;

export async function insertPendingRefund(
  db: Db,
  r: { caseId: string; taskId: string; amountFen: number; provider: string; requestedBy: string | null; now: Date },
): Promise<void> {
  await db
    .insertInto('refunds')
    .values({
      case_id: r.caseId,
      task_id: r.taskId,
      amount_fen: r.amountFen,
      status: 'pending',
      provider: r.provider,
      requested_by: r.requestedBy,
      created_at: r.now,
    })
    .execute();
}

export async function pendingRefundOfTask(db: Db, taskId: string) {
  return db.selectFrom('refunds').select(['id', 'amount_fen', 'created_at']).where('task_id', '=', taskId).where('status', '=', 'pending').executeTakeFirst();
}

export async function settleRefund(
  db: Db,
  refundId: string,
  outcome: { status: 'succeeded' | 'failed'; providerRef: string | null; failureReason: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('refunds')
    .set({ status: outcome.status, provider_ref: outcome.providerRef, failure_reason: outcome.failureReason, completed_at: now })
    .where('id', '=', refundId)
    .where('status', '=', 'pending')
    .execute();
}

/** Pending refunds whose answer is overdue, oldest first: the provider is asked again for them. */
export async function refundsInDoubt(db: Db, askedBefore: Date, limit: number) {
  return db
    .selectFrom('refunds as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.task_id', 'c.case_no'])
    .where('r.status', '=', 'pending')
    .where('r.created_at', '<', askedBefore)
    .where('r.task_id', 'is not', null)
    .orderBy('r.created_at')
    .limit(limit)
    .execute();
}

/**
 * Refuses (409 refund-outcome-unknown) to cancel open tasks of a case (those of plans other than
 * keepOfferId, or all when null) while one of them has a refund whose outcome is not known.
 */
export async function assertNoRefundInDoubt(db: Db, caseId: string, keepOfferId: string | null): Promise<void> {
  let query = db
    .selectFrom('refunds as r')
    .innerJoin('execution_tasks as t', 't.id', 'r.task_id')
    .select('r.amount_fen')
    .where('r.case_id', '=', caseId)
    .where('r.status', '=', 'pending')
    .where('t.status', '=', 'open');
  if (keepOfferId) query = query.where('t.offer_id', '<>', keepOfferId);
  const inDoubt = await query.executeTakeFirst();
  if (!inDoubt) return;
  throw conflict(
    'refund-outcome-unknown',
    {
      'zh-CN': `一笔 ${Number(inDoubt.amount_fen) / 100} 元的退款已提交支付渠道但结果未知，请先由财务重试该退款任务确认结果，再更改方案`,
      'en-US': `A refund of ${Number(inDoubt.amount_fen) / 100} yuan was sent to the payment provider and its outcome is unknown: have finance retry that refund task to learn the outcome before the plan changes`,
    },
    { amountFen: Number(inDoubt.amount_fen) },
  );
}
