// Lifecycle commands that need no plan or execution rows of their own: intake, investigation,
// result, closing, reopening, withdrawal, merging and archiving. Withdrawing or merging ends the
// plan that was waiting for the customer's return, and reopening takes the duplicate slot back.
import { z } from 'zod';
import type { CaseRow } from '../../db/schema.ts';
import { conflict, forbidden, invalid } from '../../shared/errors.ts';
import { type CaseKind, CHANNELS, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { cancelOpenTasks, cancelPlannedLedger, openTasks } from '../execution/execution.repository.ts';
import { assertCanSeeCase } from './case.access.ts';
import type { ActionContext, ActionHandler } from './case.actions.runner.ts';
import { dedupeKeyOfCase, findCaseByNo, findOpenCaseByDedupeKey, insertLink, insertMessage, takeDedupeSlot } from './case.repository.ts';
import { recordCaseEvents } from './case.events.ts';
import { acceptsChanges, isApprovableAsFiled, isOpenState, type CaseState } from './case.state.ts';
import { assertMayWriteToCustomer } from './case.voice.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { noticeText } from '../privacy/pii.present.ts';
import { assertCompliantWording, wordingCheckedFor } from '../replies/reply.wording.ts';

/** Ratings at or below this (of 5) call for a supervisor's call back. */
const LOW_RATING = 2;

const STAFF = new Set<string>(STAFF_ROLES);
const reason = z.string().trim().min(1).max(2000);
const optionalNote = z.object({ note: z.string().trim().max(2000).optional() });

export const basicActionSchemas = {
  acknowledge: z.object({ message: z.string().trim().max(2000).optional() }),
  start_investigation: optionalNote,
  request_evidence: z.object({ question: reason }),
  provide_evidence: z.object({ note: z.string().trim().max(5000).optional() }),
  reject_ineligible: z.object({ reason }),
  notify_result: z.object({ message: reason, channel: z.enum(CHANNELS).default('web') }),
  confirm_resolution: z.object({ rating: z.number().int().min(1).max(5).optional(), comment: z.string().trim().max(2000).optional() }),
  // CL-3: staff close a case the customer was told the result of only saying how the customer
  // confirmed or accepted it (a call, a chat); the system's close after silence says so too.
  close: z.object({ note: z.string().trim().min(1).max(2000) }),
  reopen: z.object({ reason }),
  withdraw: z.object({ reason: z.string().trim().max(2000).optional() }),
  merge_into: z.object({ targetCaseNo: z.string().trim().min(1).max(32), reason: z.string().trim().max(2000).optional() }),
  archive: optionalNote,
  link: z.object({
    caseNo: z.string().trim().min(1).max(32),
    linkType: z.enum(['related', 'duplicate']).default('related'),
    note: z.string().trim().max(2000).optional(),
  }),
  escalate_to_compliance: z.object({ reason }),
};
type Input<K extends keyof typeof basicActionSchemas> = z.infer<(typeof basicActionSchemas)[K]>;

const REPLY = { 'zh-CN': '回复', 'en-US': 'reply' };

/** RISK-1: what staff or the merchant tell the customer is refused while it has forbidden wording. */
function assertReplyWording(ctx: Parameters<ActionHandler<unknown>>[0], text: string, field: string): void {
  if (wordingCheckedFor(ctx.actor.role)) assertCompliantWording(text, field, REPLY);
}

/**
 * Text the customer reads; on a media-flagged case only PR and compliance write it (RISK-5).
 * `field` names the input it came from, for a refusal of its wording.
 */
async function customerVisibleMessage(ctx: Parameters<ActionHandler<unknown>>[0], body: string, field: string, channel = ctx.row.channel) {
  assertMayWriteToCustomer(ctx.actor, ctx.row, 'message');
  assertReplyWording(ctx, body, field);
  await insertMessage(ctx.trx, { caseId: ctx.row.id, actor: ctx.actor, visibility: 'public', channel, body, now: ctx.now });
}

/** A staff-side public message answers the customer: the unanswered count goes back to zero. */
async function publicReply(ctx: Parameters<ActionHandler<unknown>>[0], body: string, field: string, channel = ctx.row.channel) {
  await customerVisibleMessage(ctx, body, field, channel);
  return { unanswered_customer_messages: 0 };
}

/**
 * A withdrawn or merged case executes nothing: the accepted plan's tasks that were waiting for the
 * customer's return (awaiting_return) and the money planned with them are cancelled with it. The
 * state machine only lets this happen before execution started, so nothing was shipped or paid.
 */
async function endWaitingPlan(ctx: ActionContext): Promise<{ cancelledTaskIds?: string[] }> {
  const waiting = await openTasks(ctx.trx, ctx.row.id);
  if (waiting.length > 0) await cancelOpenTasks(ctx.trx, ctx.row.id, ctx.now);
  await cancelPlannedLedger(ctx.trx, ctx.row.id);
  return waiting.length > 0 ? { cancelledTaskIds: waiting.map((t) => t.id) } : {};
}

/**
 * A merged case is handled only as part of its target. A request the customer has a right to (a
 * return, an exchange, a repair…) survives that only in a case of the same kind (or a return with
 * refund for a refund) that covers the same goods: merged into a consultation, or into a case
 * about other items, it would be lost without an answer. Such cases are linked, not merged.
 */
async function assertMergeKeepsRequest(ctx: ActionContext, target: CaseRow): Promise<void> {
  if (!isApprovableAsFiled(ctx.row.kind as CaseKind)) return;
  const items = (caseId: string) => ctx.trx.selectFrom('case_items').select('order_item_id').where('case_id', '=', caseId).execute();
  const [mine, theirs] = await Promise.all([items(ctx.row.id), items(target.id)]);
  const covered = new Set(theirs.map((i) => i.order_item_id));
  const coversKind = target.kind === ctx.row.kind || (ctx.row.kind === 'refund_only' && target.kind === 'return_refund');
  if (coversKind && mine.every((i) => covered.has(i.order_item_id))) return;
  throw conflict(
    'merge-would-drop-request',
    {
      'zh-CN': '目标售后单的类型或商品与本申请不同，合并后本申请将无人处理；请改为关联，或分别处理',
      'en-US': 'The target case is of another kind or covers other goods: merged, this request would go unanswered. Link the cases instead, or handle both',
    },
    { kind: ctx.row.kind, targetKind: target.kind },
  );
}

/**
 * IN-8 on reopening: the case takes its duplicate slot back, so a new request for the same items
 * and kind joins it. If a newer open case took the slot while this one was closed, the reopen still
 * goes ahead (the customer keeps their right, CL-3): the two cases are linked as duplicates for
 * staff to merge or handle together, and this one stays without the slot.
 */
export async function retakeDuplicateSlot(ctx: ActionContext): Promise<Record<string, unknown>> {
  if (isOpenState(ctx.row.state as CaseState)) return {}; // reopened from result_notified: it never let go
  const key = await dedupeKeyOfCase(ctx.trx, ctx.row);
  if (!key || (await takeDedupeSlot(ctx.trx, ctx.row.id, key))) return {};
  const holder = await findOpenCaseByDedupeKey(ctx.trx, key);
  if (!holder) return {};
  await insertLink(ctx.trx, ctx.row.id, holder.id, 'duplicate', ctx.actor, ctx.now);
  await insertLink(ctx.trx, holder.id, ctx.row.id, 'duplicate', ctx.actor, ctx.now);
  return { duplicateOf: holder.case_no };
}

export const basicActionHandlers: { [K in keyof typeof basicActionSchemas]: ActionHandler<Input<K>> } = {
  acknowledge: async (ctx, input) => ({
    command: { type: 'acknowledge' },
    apply: async () => ({ caseChanges: input.message ? await publicReply(ctx, input.message, 'message') : {}, eventData: { replied: Boolean(input.message) } }),
  }),
  start_investigation: async (ctx, input) => ({
    command: { type: 'start_investigation' },
    // The note shows on the customer's timeline (its wording checked as all such notes are): with
    // one the step answers them (SLA-1).
    apply: async () => ({ reason: input.note ?? null, eventData: { replied: Boolean(input.note) } }),
  }),
  request_evidence: async (ctx, input) => ({
    command: { type: 'request_evidence', question: input.question },
    apply: async () => ({ caseChanges: await publicReply(ctx, input.question, 'question'), eventData: { question: input.question } }),
  }),
  provide_evidence: async (ctx, input) => ({
    command: { type: 'provide_evidence' },
    apply: async () => {
      if (input.note) await customerVisibleMessage(ctx, input.note, 'note');
      return {};
    },
  }),
  reject_ineligible: async (ctx, input) => ({
    command: { type: 'reject_ineligible', reason: input.reason },
    apply: async () => ({ reason: input.reason, caseChanges: await publicReply(ctx, input.reason, 'reason') }),
  }),
  notify_result: async (ctx, input) => ({
    command: { type: 'notify_result', channel: input.channel },
    apply: async () => ({ caseChanges: await publicReply(ctx, input.message, 'message', input.channel), eventData: { channel: input.channel } }),
  }),
  confirm_resolution: async (ctx, input) => ({
    command: { type: 'confirm_resolution', ...(input.rating !== undefined ? { rating: input.rating } : {}) },
    apply: async () => {
      // CL-3: a customer who confirms but rates the handling poorly is not satisfied: a supervisor
      // hears of it to call back (回访), the case stays the customer's to reopen.
      if (input.rating !== undefined && input.rating <= LOW_RATING) {
        await notify(ctx.trx, {
          recipientRole: 'supervisor',
          caseId: ctx.row.id,
          type: 'low_rating',
          title: { 'zh-CN': '客户评分较低，请回访', 'en-US': 'Low rating: call the customer back' },
          body: {
            'zh-CN': `售后单 ${ctx.row.case_no} 的客户确认了结果，但只给了 ${input.rating} 星${input.comment ? `：「${noticeText(input.comment, ctx.row)}」` : ''}。请回访了解原因。`,
            'en-US': `The customer on case ${ctx.row.case_no} confirmed the result but rated it ${input.rating} of 5${input.comment ? `: "${noticeText(input.comment, ctx.row)}"` : ''}. Call them back to learn why.`,
          },
          dedupeKey: `${ctx.row.id}:${ctx.row.version}:low_rating`,
          now: ctx.now,
        });
      }
      return { eventData: { rating: input.rating ?? null, comment: input.comment ?? null } };
    },
  }),
  close: async (_ctx, input) => ({ command: { type: 'close' }, apply: async () => ({ reason: input.note ?? null }) }),
  reopen: async (ctx, input) => ({
    command: { type: 'reopen', reason: input.reason },
    apply: async () => {
      await customerVisibleMessage(ctx, input.reason, 'reason');
      return { reason: input.reason, eventData: await retakeDuplicateSlot(ctx) };
    },
  }),
  withdraw: async (ctx, input) => ({
    command: { type: 'withdraw', ...(input.reason ? { reason: input.reason } : {}) },
    apply: async () => ({ reason: input.reason ?? null, eventData: await endWaitingPlan(ctx) }),
  }),
  merge_into: async (ctx, input) => {
    const target = assertCanSeeCase(ctx.actor, await findCaseByNo(ctx.trx, input.targetCaseNo, true));
    if (target.customer_id !== ctx.row.customer_id) {
      throw invalid('targetCaseNo', { 'zh-CN': '只能合并同一客户的售后单', 'en-US': 'Only cases of the same customer can be merged' });
    }
    if (!isOpenState(target.state as CaseState)) {
      throw conflict('merge-target-closed', { 'zh-CN': '目标售后单已结束，无法合并', 'en-US': 'The target case is no longer open' });
    }
    await assertMergeKeepsRequest(ctx, target);
    return {
      command: { type: 'merge_into', targetCaseId: target.id },
      apply: async () => {
        const ended = await endWaitingPlan(ctx);
        await insertLink(ctx.trx, ctx.row.id, target.id, 'merged', ctx.actor, ctx.now);
        await insertLink(ctx.trx, target.id, ctx.row.id, 'duplicate', ctx.actor, ctx.now);
        await recordCaseEvents(
          ctx.deps,
          ctx.trx,
          target,
          ctx.actor,
          [{ type: 'duplicate_merged_in', fromState: target.state, toState: target.state, data: { caseNo: ctx.row.case_no } }],
          ctx.now,
        );
        return { caseChanges: { merged_into_id: target.id }, reason: input.reason ?? null, eventData: { targetCaseNo: target.case_no, ...ended } };
      },
    };
  },
  link: async (ctx, input) => {
    // Staff only: linking reads another case, which merchants and customers may not see.
    if (!STAFF.has(ctx.actor.role)) throw forbidden();
    const other = assertCanSeeCase(ctx.actor, await findCaseByNo(ctx.trx, input.caseNo));
    if (other.id === ctx.row.id) {
      throw invalid('caseNo', { 'zh-CN': '不能关联售后单自身', 'en-US': 'A case cannot be linked to itself' });
    }
    return {
      command: null,
      apply: async () => {
        await insertLink(ctx.trx, ctx.row.id, other.id, input.linkType, ctx.actor, ctx.now);
        // An archived or merged case is a record that no longer changes: only this case notes the link.
        if (acceptsChanges(other.state as CaseState)) await insertLink(ctx.trx, other.id, ctx.row.id, input.linkType, ctx.actor, ctx.now);
        return { eventType: 'case_linked', reason: input.note ?? null, eventData: { caseNo: other.case_no, linkType: input.linkType } };
      },
    };
  },
  archive: async (_ctx, input) => ({ command: { type: 'archive' }, apply: async () => ({ reason: input.note ?? null }) }),
  escalate_to_compliance: async (_ctx, input) => ({
    command: { type: 'escalate_to_compliance', reason: input.reason },
    apply: async () => ({ reason: input.reason }),
  }),
};
