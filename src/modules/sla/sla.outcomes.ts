// Automatic outcomes of obligation clocks: the system makes the move the silent party did not,
// through the same commands a person would use (so the state machine, the ledger and the payment
// provider rules all apply). Each step has an idempotency key derived from the deadline.
import type { CaseRow } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { type ActionHandler, runCaseAction } from '../cases/case.actions.runner.ts';
import { insertMessage } from '../cases/case.repository.ts';
import { executionActionHandlers } from '../execution/execution.actions.ts';
import { cancelOpenTasks } from '../execution/execution.repository.ts';
import { offerActionHandlers } from '../resolution/offer.actions.ts';
import { answerOffer, latestOfferWithStatus } from '../resolution/offer.repository.ts';
import { requestPlatformIntervention } from '../routing/routing.actions.ts';
import { holderRecipient } from '../cases/case.holder-notices.ts';
import { basicActionHandlers } from '../cases/case.actions.basic.ts';
import type { SlaActionJob } from './sla.scheduler.ts';

// The return is off; the case itself closes only after the customer's silence (customer_confirmation).
const LAPSED_RETURN = {
  'zh-CN': (no: string) => `由于未在规定时间内寄回商品，售后单 ${no} 的退货已取消。如您已寄出，请重新打开售后单并填写运单号；7 天内无回复，售后单将自动结案。`,
  'en-US': (no: string) => `The return on case ${no} is off because the goods were not shipped back in time. If you did ship them, reopen the case and enter the tracking number; without an answer in 7 days the case closes.`,
};

const UNCONFIRMED_CLOSE = '客户 7 天内未确认或回复处理结果，视为接受，系统自动结案';

// CL-1: the plan was carried out (the case is resolved only then); the result is what it did.
const CARRIED_OUT_RESULT = {
  'zh-CN': (no: string) => `您的售后单 ${no} 已按确认的方案处理完毕。如问题已解决，请确认；如仍有问题，请回复或重新打开售后单。`,
  'en-US': (no: string) => `Your case ${no} has been carried out as the agreed plan said. Confirm it if your problem is solved; if not, reply or reopen the case.`,
};

const lapseReturn: ActionHandler<{ deadlineId: string }> = async (ctx, input) => ({
  command: { type: 'lapse_return' },
  apply: async () => {
    // Nothing was returned, so nothing is refunded or replaced: the waiting tasks end here, and
    // the money they would have paid with them (a plan agreed after a reopen must not pay it).
    await cancelOpenTasks(ctx.trx, ctx.row.id, ctx.now);
    const customer = await ctx.trx.selectFrom('customers').select('locale').where('id', '=', ctx.row.customer_id).executeTakeFirst();
    const locale = customer?.locale === 'en-US' ? 'en-US' : 'zh-CN';
    await insertMessage(ctx.trx, { caseId: ctx.row.id, actor: SYSTEM_ACTOR, visibility: 'public', channel: ctx.row.channel, body: LAPSED_RETURN[locale](ctx.row.case_no), now: ctx.now });
    return { eventData: { deadlineId: input.deadlineId } };
  },
});

const lapseEvidenceRequest: ActionHandler<{ deadlineId: string }> = async (ctx, input) => ({
  command: { type: 'lapse_evidence_request' },
  apply: async () => {
    // Whoever holds the case decides on what they have: its merchant, or the platform's handlers.
    await notify(ctx.trx, {
      ...(await holderRecipient(ctx.trx, ctx.row)),
      caseId: ctx.row.id, type: 'evidence_request_lapsed',
      title: { 'zh-CN': '客户未按时补充凭证', 'en-US': 'Evidence not provided in time' },
      body: {
        'zh-CN': `售后单 ${ctx.row.case_no} 的客户未在期限内补充凭证，请根据现有信息作出处理。`,
        'en-US': `The customer on case ${ctx.row.case_no} did not provide the evidence in time; decide on what you have.`,
      },
      dedupeKey: `${input.deadlineId}:lapsed`, now: ctx.now,
    });
    return { eventData: { deadlineId: input.deadlineId } };
  },
});

/** The plan's answer window passed unanswered: it expires, and the case goes back to the handlers. */
const lapsePlan: ActionHandler<{ deadlineId: string }> = async (ctx, input) => {
  const offer = await latestOfferWithStatus(ctx.trx, ctx.row.id, ['open']);
  // Answered, replaced or given more time since the clock fired: nothing lapses.
  if (!offer?.expires_at || offer.expires_at > ctx.now) {
    throw conflict('plan-not-expired', { 'zh-CN': '方案尚未过期', 'en-US': 'The plan has not expired' });
  }
  return {
    command: { type: 'lapse_plan' },
    apply: async () => {
      await answerOffer(ctx.trx, offer.id, { status: 'expired', now: ctx.now });
      return { eventData: { deadlineId: input.deadlineId, offerId: offer.id } };
    },
  };
};

type Step = { key: string; type: string; input: unknown; handler: ActionHandler<never> };

/**
 * A step the case has moved past is refused by the state machine: the party acted in time after
 * all, and the steps after it are not taken. Says whether every step ran.
 */
/**
 * Runs the steps in order; false when one is refused. `refused` hears of a refusal on the merits
 * (422: what the system would do is not allowed) as against a case that has moved on meanwhile (409).
 */
async function runSteps(deps: AppDeps, caseNo: string, steps: Step[], refused?: () => Promise<void>): Promise<boolean> {
  for (const step of steps) {
    try {
      await runCaseAction(deps, SYSTEM_ACTOR, caseNo, { type: step.type, input: step.input as never, handler: step.handler }, step.key);
    } catch (error) {
      if (error instanceof AppError && error.status === 422) await refused?.();
      if (error instanceof AppError && (error.status === 409 || error.status === 422)) return false;
      throw error;
    }
  }
  return true;
}

export async function runAutoOutcome(deps: AppDeps, row: CaseRow, job: SlaActionJob): Promise<void> {
  const key = (step: string) => `sla:${job.deadlineId}:${step}`;
  const note = { 'zh-CN': '系统自动处理：对方未在时限内操作', 'en-US': 'Automatic: no move within the time limit' };
  switch (job.autoOutcome) {
    case 'approve_request':
      // A request the system may not grant as filed (the law asks for more, say a replacement after
      // two failed repairs) still does not wait on a silent merchant: the platform steps in.
      await runSteps(
        deps,
        row.case_no,
        [{ key: key('approve'), type: 'approve_request', input: { note: note['zh-CN'] }, handler: offerActionHandlers.approve_request as ActionHandler<never> }],
        async () => void (await requestPlatformIntervention(deps, { caseId: row.id, deadlineId: job.deadlineId, metric: job.metric })),
      );
      return;
    case 'close_unshipped_return':
      await runSteps(deps, row.case_no, [{ key: key('lapse'), type: 'lapse_return', input: { deadlineId: job.deadlineId }, handler: lapseReturn as ActionHandler<never> }]);
      return;
    case 'decide_without_evidence':
      await runSteps(deps, row.case_no, [
        { key: key('lapse'), type: 'lapse_evidence_request', input: { deadlineId: job.deadlineId }, handler: lapseEvidenceRequest as ActionHandler<never> },
      ]);
      return;
    case 'confirm_receipt_and_refund': {
      // A merchant who confirmed just in time gets its own time to inspect (merchant_inspection).
      const received = await runSteps(deps, row.case_no, [
        { key: key('receive'), type: 'receive_return', input: { note: note['zh-CN'] }, handler: executionActionHandlers.receive_return as ActionHandler<never> },
      ]);
      if (received) await passInspectionAndRefund(deps, row, key, note['zh-CN']);
      return;
    }
    case 'pass_inspection_and_refund':
      return passInspectionAndRefund(deps, row, key, note['zh-CN']);
    case 'close_unconfirmed':
      // CL-3: silence after the result is taking it as it stands; a question still open keeps the case open (CL-5).
      await runSteps(deps, row.case_no, [
        { key: key('close'), type: 'close', input: { note: UNCONFIRMED_CLOSE }, handler: basicActionHandlers.close as ActionHandler<never> },
      ]);
      return;
    case 'notify_result': {
      // The holder did not tell the result of a case carried out (CL-5): the system tells it as done.
      const customer = await deps.database.db.selectFrom('customers').select('locale').where('id', '=', row.customer_id).executeTakeFirst();
      const message = CARRIED_OUT_RESULT[customer?.locale === 'en-US' ? 'en-US' : 'zh-CN'](row.case_no);
      await runSteps(deps, row.case_no, [
        { key: key('notify'), type: 'notify_result', input: { message, channel: row.channel }, handler: basicActionHandlers.notify_result as ActionHandler<never> },
      ]);
      return;
    }
    case 'expire_plan':
      await runSteps(deps, row.case_no, [{ key: key('lapse'), type: 'lapse_plan', input: { deadlineId: job.deadlineId }, handler: lapsePlan as ActionHandler<never> }]);
      return;
    default:
      return;
  }
}

/** The goods are taken as they arrived, and the money the return was waiting for goes out (POL-6). */
async function passInspectionAndRefund(deps: AppDeps, row: CaseRow, key: (step: string) => string, note: string): Promise<void> {
  const inspected = await runSteps(deps, row.case_no, [
    {
      key: key('inspect'), type: 'inspect', input: { passed: true, reason: note, photoAttachmentIds: [] },
      handler: executionActionHandlers.inspect as ActionHandler<never>,
    },
  ]);
  if (!inspected) return;
  const tasks = await deps.database.db
    .selectFrom('execution_tasks')
    .select('id')
    .where('case_id', '=', row.id)
    .where('status', '=', 'open')
    .where('type', 'in', ['refund', 'shipping_reimbursement'])
    .orderBy('created_at')
    .execute();
  await runSteps(
    deps,
    row.case_no,
    tasks.map((t) => ({
      key: key(`task:${t.id}`), type: 'complete_task', input: { taskId: t.id, proof: { note } },
      handler: executionActionHandlers.complete_task as ActionHandler<never>,
    })),
  );
}
