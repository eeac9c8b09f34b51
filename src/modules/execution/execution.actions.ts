// Execution steps (EX-1..4): the customer ships the goods back with a tracking number, the
// warehouse receives and inspects them, and each task of the plan is done with its proof.
import { z } from 'zod';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.ts';
import type { Responsibility, Role } from '../../shared/vocabulary.ts';
import { ROLE_LABELS } from '../cases/case.state.ts';
import { mayCompleteTask } from './task.owners.ts';
import type { ActionHandler } from '../cases/case.actions.runner.ts';
import { caseFacts } from '../resolution/case-facts.ts';
import { PREREQUISITE_TEXT, taskWaitingFor } from '../resolution/resolution.rules.ts';
import { returnShippingPayer, TASK_VERIFICATION, taskDueAt } from './execution.plan.ts';
import { paymentTask } from './execution.payment.ts';
import { PAYMENT_TASKS } from './task.describe.ts';
import { pendingRefundOfTask } from './refund.repository.ts';
import { matching } from '../../shared/validation.ts';
import {
  cancelOpenTasks,
  cancelPlannedLedger,
  completeTask,
  executeLedgerOfTask,
  insertLedgerLines,
  insertTasks,
  openTasks,
  setDueForOpenTasks,
  type TaskRef,
} from './execution.repository.ts';


export const executionActionSchemas = {
  ship_return: z.object({
    carrier: z.string().trim().min(1).max(64),
    trackingNo: matching(z.string().trim(), /^[A-Za-z0-9-]{6,40}$/, { 'zh-CN': '运单号为 6–40 位字母或数字', 'en-US': 'A tracking number has 6–40 letters or digits' }),
    shippingFeeFen: z.number().int().min(0).max(100_000).default(0),
  }),
  receive_return: z.object({ note: z.string().trim().max(2000).optional() }),
  inspect: z.object({
    passed: z.boolean(),
    /** Why the goods failed (EX-1); a pass needs none. */
    reason: z.string().trim().min(1).max(2000).optional(),
    photoAttachmentIds: z.array(z.string().uuid()).max(30).default([]),
  }),
  complete_task: z.object({
    taskId: z.string().uuid(),
    proof: z
      .object({
        trackingNo: z.string().trim().min(1).max(64).optional(),
        carrier: z.string().trim().min(1).max(64).optional(),
        reference: z.string().trim().min(1).max(128).optional(),
        note: z.string().trim().max(2000).optional(),
      })
      .default({}),
  }),
};
type Input<K extends keyof typeof executionActionSchemas> = z.infer<(typeof executionActionSchemas)[K]>;

const PROOF_NEEDED: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  compensation: { 'zh-CN': '请填写优惠券券码或转账流水号', 'en-US': 'Give the coupon code or the transfer reference' },
  repair: { 'zh-CN': '请填写维修报告（维修单号或维修内容）', 'en-US': 'Give the repair report (its number or what was repaired)' },
  intercept_parcel: { 'zh-CN': '请填写拦截结果（承运商拦截单号或包裹退回的签收记录）', 'en-US': 'Record the interception (the carrier’s interception number or the return of the parcel)' },
};

export const executionActionHandlers: { [K in keyof typeof executionActionSchemas]: ActionHandler<Input<K>> } = {
  ship_return: async (ctx, input) => ({
    command: { type: 'ship_return', trackingNo: input.trackingNo, carrier: input.carrier },
    apply: async () => {
      const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
      // The fee the customer states may be paid back to them: a fee above the price of the goods
      // sent back is no postage anyone pays, and would leave the order refunded above its charge.
      if (input.shippingFeeFen > facts.goodsPaidFen) {
        throw invalid('shippingFeeFen', {
          'zh-CN': `寄回运费（${input.shippingFeeFen / 100} 元）不能高于所退商品的实付金额（${facts.goodsPaidFen / 100} 元）`,
          'en-US': `The return postage (${input.shippingFeeFen / 100} yuan) cannot be more than was paid for the goods sent back (${facts.goodsPaidFen / 100} yuan)`,
        });
      }
      const payer = returnShippingPayer(ctx.row.responsibility as Responsibility | null, facts);
      // EX-4: postage someone else pays back rests on the customer's word: a parcel's postage is
      // capped by the platform (RETURN_POSTAGE_MAX_FEN); what the customer bears is theirs to state.
      const maxFen = ctx.deps.config.returnPostage.maxFen;
      if (payer !== 'customer' && input.shippingFeeFen > maxFen) {
        throw invalid('shippingFeeFen', {
          'zh-CN': `寄回运费（${input.shippingFeeFen / 100} 元）超过平台可报销的单件退货运费上限（${maxFen / 100} 元）；如实际运费更高，请联系客服并提供运费凭证`,
          'en-US': `The return postage (${input.shippingFeeFen / 100} yuan) is above what the platform pays back for a return parcel (${maxFen / 100} yuan); if it really cost more, contact customer service with the receipt`,
        });
      }
      await ctx.trx
        .insertInto('shipments')
        .values({
          external_id: `${ctx.row.case_no}:return:${ctx.row.version}`,
          order_id: ctx.row.order_id,
          case_id: ctx.row.id,
          direction: 'return',
          carrier: input.carrier,
          tracking_no: input.trackingNo,
          status: 'in_transit',
          shipped_at: ctx.now,
        })
        .execute();
      await insertLedgerLines(
        ctx.trx,
        ctx.row.id,
        null,
        [
          {
            entryType: payer === 'insurer' ? 'shipping_insurance' : 'return_shipping',
            amountFen: input.shippingFeeFen,
            borneBy: payer,
            // The customer advances the fee; whoever bears it other than the customer pays it back.
            paidTo: payer === 'customer' ? 'carrier' : 'customer',
            reason: 'return shipping',
            // Borne by the customer, the fee was paid to the carrier as the parcel left: nothing is left to do.
            status: payer === 'customer' || input.shippingFeeFen === 0 ? 'executed' : 'planned',
          },
        ],
        ctx.row.responsibility,
        ctx.now,
      );
      // The customer advanced the fee; when someone else bears it, finance pays it back.
      if (input.shippingFeeFen > 0 && payer !== 'customer' && payer !== 'insurer') {
        await insertTasks(
          ctx.trx,
          ctx.row.id,
          null,
          [{ type: 'shipping_reimbursement', ownerRole: 'finance', dueAt: null, verification: TASK_VERIFICATION.shipping_reimbursement ?? 'refund reference' }],
          ctx.now,
        );
      }
      return { eventData: { carrier: input.carrier, trackingNo: input.trackingNo, shippingBorneBy: payer, shippingFeeFen: input.shippingFeeFen } };
    },
  }),
  receive_return: async (ctx, input) => ({
    command: { type: 'receive_return' },
    apply: async () => {
      const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
      // POL-6 and the law: the refund/replacement clock starts when the returned goods arrived,
      // which is when the carrier delivered them if it said so before the merchant confirmed.
      const delivered = await ctx.trx
        .selectFrom('shipments')
        .select((eb) => eb.fn.min('delivered_at').as('at'))
        .where('case_id', '=', ctx.row.id)
        .where('direction', '=', 'return')
        .where('status', '=', 'delivered')
        .executeTakeFirst();
      const arrivedAt = delivered?.at && delivered.at < ctx.now ? delivered.at : ctx.now;
      await ctx.trx
        .updateTable('shipments')
        .set({ status: 'delivered', delivered_at: ctx.now, updated_at: ctx.now })
        .where('case_id', '=', ctx.row.id)
        .where('direction', '=', 'return')
        .where('status', '<>', 'delivered')
        .execute();
      // 运费险: the insurer pays the customer's postage once the seller has signed for the return,
      // so the receipt settles the claim's line (nothing else would: no task of ours pays it).
      await ctx.trx
        .updateTable('ledger_entries')
        .set({ status: 'executed' })
        .where('case_id', '=', ctx.row.id)
        .where('entry_type', '=', 'shipping_insurance')
        .where('status', '=', 'planned')
        .execute();
      const calendar = (await ctx.deps.sla.rules(ctx.trx)).calendarFor(null);
      // Money is due from the goods' arrival (POL-6); goods work from the inspection that lets it start.
      for (const type of ['refund', 'shipping_reimbursement', 'compensation']) {
        await setDueForOpenTasks(ctx.trx, ctx.row.id, taskDueAt(type, facts, arrivedAt, calendar), [type]);
      }
      return {
        reason: input.note ?? null,
        happenedAt: arrivedAt,
        eventData: { arrivedAt: arrivedAt.toISOString(), refundWithinDays: facts.rules.refund.withinDays, dayType: facts.rules.refund.dayType },
      };
    },
  }),
  inspect: async (ctx, input) => {
    if (!input.passed && !input.reason) {
      throw invalid('reason', { 'zh-CN': '质检不通过时，请填写不通过的原因', 'en-US': 'A failed inspection needs the reason it failed' });
    }
    const photos = input.photoAttachmentIds.length
      ? await ctx.trx.selectFrom('attachments').select('id').where('case_id', '=', ctx.row.id).where('id', 'in', input.photoAttachmentIds).execute()
      : [];
    if (photos.length !== input.photoAttachmentIds.length) {
      throw invalid('photoAttachmentIds', { 'zh-CN': '质检照片必须是本售后单已上传的附件', 'en-US': 'Inspection photos must be attachments of this case' });
    }
    const tasks = await openTasks(ctx.trx, ctx.row.id);
    return {
      command: { type: 'inspect', passed: input.passed, reason: input.reason ?? '', photoCount: photos.length, openTasks: tasks.length },
      apply: async () => {
        if (!input.passed) {
          await cancelOpenTasks(ctx.trx, ctx.row.id, ctx.now);
          await cancelPlannedLedger(ctx.trx, ctx.row.id);
        } else {
          // A replacement or a repair can be done only once the goods passed: its clock starts here,
          // not at arrival (it would run out while the inspection was still allowed to run).
          const calendar = (await ctx.deps.sla.rules(ctx.trx)).calendarFor(null);
          const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
          for (const type of ['ship_replacement', 'repair']) await setDueForOpenTasks(ctx.trx, ctx.row.id, taskDueAt(type, facts, ctx.now, calendar), [type]);
        }
        return { reason: input.reason ?? null, eventData: { passed: input.passed, photoAttachmentIds: input.photoAttachmentIds } };
      },
    };
  },
  complete_task: async (ctx, input) => {
    const tasks = await openTasks(ctx.trx, ctx.row.id);
    const task = tasks.find((t) => t.id === input.taskId);
    if (!task) {
      // A task done (or cancelled) already is not "missing": say what became of it.
      const done = await ctx.trx.selectFrom('execution_tasks').select('status').where('id', '=', input.taskId).where('case_id', '=', ctx.row.id).executeTakeFirst();
      if (done) {
        throw conflict('task-not-open', {
          'zh-CN': done.status === 'done' ? '该执行任务已完成，无需再次提交' : '该执行任务已取消',
          'en-US': done.status === 'done' ? 'This task is already done' : 'This task was cancelled',
        }, { field: 'taskId', taskStatus: done.status });
      }
      throw notFound({ 'zh-CN': '未完成的执行任务', 'en-US': 'open task' }, 'taskId');
    }
    // A refund asked for before the case left execution (escalated while its answer was lost) is
    // still settled: the money moved or it did not, whatever the case is waiting for now.
    const executing = ctx.row.state === 'executing';
    if (!executing && !(PAYMENT_TASKS.has(task.type) && (await pendingRefundOfTask(ctx.trx, task.id)))) {
      throw conflict('transition-refused', { 'zh-CN': '售后单当前不在执行阶段', 'en-US': 'The case is not being executed' }, { state: ctx.row.state });
    }
    const command = { type: 'complete_task' as const, taskId: task.id, remainingOpenTasks: tasks.length - 1 };
    // Money leaves only for a command the state machine accepts, and only by finance's hand (or the
    // system's, on an automatic outcome): whoever else may run tasks, an agent or the merchant who
    // owes the money does not release it. Those who may run no task at all hear so from the state
    // machine first.
    if (executing) ctx.assertAllowed(command);
    if (!mayCompleteTask(task.owner_role, ctx.actor.role)) {
      const owner = ROLE_LABELS[task.owner_role as Role] ?? { 'zh-CN': task.owner_role, 'en-US': task.owner_role };
      throw forbidden(
        task.owner_role === 'finance'
          ? { 'zh-CN': '退款与补偿由财务执行', 'en-US': 'Refunds and compensation are carried out by finance' }
          : { 'zh-CN': `该任务由${owner['zh-CN']}负责完成`, 'en-US': `This task is for the ${owner['en-US']} to complete` },
      );
    }
    const waitingFor = taskWaitingFor(task.type, tasks.filter((t) => t.offer_id === task.offer_id && t.id !== task.id).map((t) => t.type));
    if (waitingFor) {
      throw conflict('task-out-of-order', PREREQUISITE_TEXT[waitingFor] ?? PREREQUISITE_TEXT.repair!, { taskType: task.type, waitingFor });
    }
    if (PAYMENT_TASKS.has(task.type)) return paymentTask(ctx, task, input.proof, command);
    if ((task.type === 'ship_replacement' || task.type === 'ship_back_repaired') && !input.proof.trackingNo) {
      throw invalid('proof.trackingNo', { 'zh-CN': '请填写新发货的运单号', 'en-US': 'Give the tracking number of the new shipment' });
    }
    // A plan's own step is verified the way the plan said: the executor records what they found.
    if (task.type === 'plan_step' && !input.proof.note && !input.proof.reference) {
      throw invalid('proof.note', {
        'zh-CN': `请填写核验结果（核验方式：${task.verification}）`,
        'en-US': `Record how the step was verified (${task.verification})`,
      });
    }
    // EX-4: money and work that leave no trace elsewhere are done only with their proof.
    const proofNeeded = ctx.actor.role === 'system' ? undefined : PROOF_NEEDED[task.type];
    if (proofNeeded && !input.proof.reference && !input.proof.note) throw invalid('proof.reference', proofNeeded);
    return {
      command,
      apply: async () => {
        await completeTask(ctx.trx, task.id, input.proof, ctx.actor.userId, ctx.now);
        // What waited for this task runs on a clock of its own from now: the repaired item goes
        // back once repaired, the refund once the parcel is stopped.
        const next = task.type === 'repair' ? 'ship_back_repaired' : task.type === 'intercept_parcel' ? 'refund' : null;
        if (next) {
          const calendar = (await ctx.deps.sla.rules(ctx.trx)).calendarFor(null);
          await setDueForOpenTasks(ctx.trx, ctx.row.id, taskDueAt(next, await caseFacts(ctx.trx, ctx.row, ctx.now), ctx.now, calendar), [next]);
        }
        if (input.proof.trackingNo) {
          await ctx.trx
            .insertInto('shipments')
            .values({
              external_id: `${ctx.row.case_no}:${task.type}:${task.id}`,
              order_id: ctx.row.order_id,
              case_id: ctx.row.id,
              direction: task.type === 'ship_back_repaired' ? 'repaired' : 'replacement',
              carrier: input.proof.carrier ?? 'unknown',
              tracking_no: input.proof.trackingNo,
              status: 'in_transit',
              shipped_at: ctx.now,
            })
            .execute();
        }
        // Compensation settles its own plan's compensation lines (coupon/cash, 假一赔三).
        await executeLedgerOfTask(ctx.trx, ctx.row.id, task);
        return { eventData: { taskId: task.id, taskType: task.type, proof: input.proof } };
      },
    };
  },
};
