// Tasks that move money back to the customer through the payment provider (EX-4, RES-7). The
// refund is written as pending and committed before the provider is asked, and the answer is
// recorded in a second transaction: a timeout or a crash between the two leaves the pending row,
// which keeps the task's refund id (asking again is the same request, answered from the
// provider's own record) and blocks any re-plan that would ask again under another id.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict, invalid } from '../../shared/errors.ts';
import type { ActionContext, OutsideCall, PreparedAction } from '../cases/case.actions.runner.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { caseFacts } from '../resolution/case-facts.ts';
import { refundableFen } from '../resolution/resolution.rules.ts';
import { completeTask, executeLedgerLine, plannedLineOfTask, type TaskRef } from './execution.repository.ts';
import type { RefundOutcome } from './payment.provider.ts';
import { insertPendingRefund, pendingRefundOfTask, providerRefundId, refundAttempt, settleRefund } from './refund.repository.ts';

type Proof = { trackingNo?: string; carrier?: string; reference?: string; note?: string };
type CompleteCommand = { type: 'complete_task'; taskId: string; remainingOpenTasks: number };

/**
 * Pays the planned line of the task's own plan (never an older plan's line); a refund of the
 * price never takes the case's refunds above what the customer paid, whatever plans were agreed.
 */
export async function paymentTask(ctx: ActionContext, task: TaskRef & { id: string }, proof: Proof, command: CompleteCommand): Promise<PreparedAction> {
  const line = await plannedLineOfTask(ctx.trx, ctx.row.id, task);
  if (!line) throw conflict('no-refund-planned', { 'zh-CN': '没有待执行的退款', 'en-US': 'No refund is planned' });
  const pending = await pendingRefundOfTask(ctx.trx, task.id);
  if (!pending) {
    if (task.type === 'refund') await assertWithinPaid(ctx, line.amount_fen);
    if (task.type === 'shipping_reimbursement') assertPostageReceipt(ctx, line.amount_fen, proof);
    await insertPendingRefund(ctx.trx, {
      caseId: ctx.row.id, taskId: task.id, amountFen: line.amount_fen, provider: ctx.deps.payments.name, requestedBy: ctx.actor.userId, now: ctx.now,
    });
    return { command: null, outside: await askProvider(ctx, task.id, line.amount_fen, task.type) };
  }
  // A pending refund with no answer in this run: its answer was lost; ask again under the same id.
  if (!ctx.outsideAnswer) return { command: null, outside: await askProvider(ctx, task.id, Number(pending.amount_fen), task.type) };
  const outcome = ctx.outsideAnswer.value as RefundOutcome;
  const attempt = await refundAttempt(ctx.trx, task.id);
  await settleRefund(ctx.trx, pending.id, outcome, ctx.now);
  if (outcome.status === 'failed') {
    return {
      command: null,
      apply: async () => {
        // Finance retries it or pays another way; nobody would otherwise notice a refused refund.
        await notify(ctx.trx, {
          recipientRole: 'finance', caseId: ctx.row.id, type: 'refund_failed', dedupeKey: `refund-failed:${task.id}:${attempt}`, now: ctx.now,
          title: { 'zh-CN': `售后单 ${ctx.row.case_no} 退款失败`, 'en-US': `A refund failed on case ${ctx.row.case_no}` },
          body: {
            'zh-CN': `支付渠道拒绝了退款（${outcome.failureReason ?? '未说明原因'}），请重试或改用其他方式退款。`,
            'en-US': `The payment provider refused the refund (${outcome.failureReason ?? 'no reason given'}): retry it or refund another way.`,
          },
        });
        return { eventType: 'refund_failed', reason: outcome.failureReason, eventData: { taskId: task.id, attempt } };
      },
    };
  }
  return {
    // Outside execution (see complete_task) the refund is recorded without moving the case on.
    command: ctx.row.state === 'executing' ? command : null,
    apply: async () => {
      // The reference is the provider's; one finance gave (the postage receipt's) is kept beside it.
      const receipt = proof.reference ? { receiptReference: proof.reference } : {};
      await completeTask(ctx.trx, task.id, { ...proof, ...receipt, reference: outcome.providerRef }, ctx.actor.userId, ctx.now);
      await executeLedgerLine(ctx.trx, line.id, pending.id);
      return {
        priorEvents: [
          {
            type: 'refund_executed',
            fromState: ctx.row.state,
            toState: ctx.row.state,
            data: { refundId: pending.id, amountFen: Number(pending.amount_fen), providerRef: outcome.providerRef, taskType: task.type },
          },
        ],
        eventType: 'task_completed',
        eventData: { taskId: task.id, taskType: task.type, providerRef: outcome.providerRef },
      };
    },
  };
}

async function askProvider(ctx: ActionContext, taskId: string, amountFen: number, taskType: string): Promise<OutsideCall> {
  // The postage the customer paid a carrier is not the order's money: it goes out as a payout.
  const purpose = taskType === 'shipping_reimbursement' ? 'payout' : 'order_refund';
  const refundId = providerRefundId(taskId, await refundAttempt(ctx.trx, taskId));
  const order = ctx.row.order_id
    ? await ctx.trx.selectFrom('orders').select('order_no').where('id', '=', ctx.row.order_id).executeTakeFirst()
    : undefined;
  const { case_no: caseNo, id: caseId } = ctx.row;
  return {
    call: () => ctx.deps.payments.refund({ refundId, orderNo: order?.order_no ?? caseNo, amountFen, currency: 'CNY', reason: caseNo, purpose }),
    // Finance learns of a refund in doubt at once; the reconciler asks the provider again later.
    onFailure: async (trx: Kysely<DB>, _error: unknown, now: Date) => {
      await notify(trx, {
        recipientRole: 'finance', caseId, type: 'refund_in_doubt', dedupeKey: `refund-in-doubt:${refundId}`, now,
        title: { 'zh-CN': `售后单 ${caseNo} 退款结果未知`, 'en-US': `A refund's outcome is unknown on case ${caseNo}` },
        body: {
          'zh-CN': `退款 ${amountFen / 100} 元已提交支付渠道，但未收到结果。系统会自动向支付渠道确认；在结果确认前，该售后单的方案不能更改。`,
          'en-US': `A refund of ${amountFen / 100} yuan was sent to the payment provider and no answer came back. It is asked again automatically; until its outcome is known, the case's plan cannot change.`,
        },
      });
    },
  };
}

/**
 * EX-4: return postage is paid back on the customer's word, so above a small amount finance pays
 * it only with the postage receipt's reference or a note of how it was checked (the system,
 * settling a refund already asked for, needs none).
 */
function assertPostageReceipt(ctx: ActionContext, amountFen: number, proof: Proof): void {
  const aboveFen = ctx.deps.config.returnPostage.proofAboveFen;
  if (ctx.actor.role === 'system' || amountFen <= aboveFen || proof.reference || proof.note) return;
  throw invalid('proof.reference', {
    'zh-CN': `退还运费 ${amountFen / 100} 元超过 ${aboveFen / 100} 元，请填写运费凭证号（快递单据或发票号）或核验说明`,
    'en-US': `Paying back ${amountFen / 100} yuan of postage (above ${aboveFen / 100}) needs the postage receipt's reference or a note of how it was checked`,
  });
}

/**
 * The last guard before money leaves: paid − already refunded must cover this refund. Plans are
 * judged against the same figure when proposed; this catches whatever got past them (a plan
 * accepted before another refund was paid, data from before the check existed).
 */
async function assertWithinPaid(ctx: ActionContext, amountFen: number): Promise<void> {
  const { paidFen, refundedFen } = await caseFacts(ctx.trx, ctx.row, ctx.now);
  const refundable = refundableFen(paidFen, refundedFen);
  if (amountFen <= refundable) return;
  throw conflict(
    'refund-exceeds-paid',
    {
      'zh-CN': `本次退款 ${amountFen / 100} 元将使退款总额超过实付金额（实付 ${paidFen / 100} 元，已退 ${refundedFen / 100} 元，最多还可退 ${refundable / 100} 元）`,
      'en-US': `Refunding ${amountFen / 100} yuan would take the case's refunds above what was paid (${paidFen / 100} paid, ${refundedFen / 100} already refunded, at most ${refundable / 100} left)`,
    },
    { amountFen, paidFen, refundedFen, refundableFen: refundable },
  );
}
