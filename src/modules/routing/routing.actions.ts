// Case actions of routing (TR-7, ORG-3): staff assign, take, release or re-route a case; the
// customer asks the platform to step in (平台介入) on a merchant-handled case; the SLA engine does
// the same when a merchant lets a deadline pass with no automatic outcome. Each runs through the
// case action runner: one transaction, the case locked, idempotent, every change an event.
// Staff notes go in the event's data, which only staff see, not in its reason.
import type { AppDeps } from '../../http/deps.ts';
import { AppError, conflict, forbidden, invalid } from '../../shared/errors.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import type { Actor } from '../identity/index.ts';
import { noticeText } from '../privacy/pii.present.ts';
import { notify, notifyMany } from '../notifications/notifications.repository.ts';
import { type ActionContext, type ActionHandler, runCaseAction } from '../cases/case.actions.runner.ts';
import { findCaseById, insertMessage } from '../cases/case.repository.ts';
import { retakeDuplicateSlot } from '../cases/case.actions.basic.ts';
import type { CaseSummary } from '../cases/case.presenter.ts';
import { type CaseState, isOpenState } from '../cases/case.state.ts';
import { cachedQueues, ensureProfile, INTERVENTION_EVENT, loadProfile } from './routing.repository.ts';
import { APPELLANTS, heldByCompliance, mayRoute, ROUTERS, ROUTING_MANAGERS, ROUTING_STAFF } from './routing.offers.ts';
import { assertCustomerMayAppeal } from './routing.appeal.ts';
import { answerOffer, latestOfferWithStatus } from '../resolution/offer.repository.ts';
import { isEligible, noSkills } from './routing.rules.ts';
import { assignedNotice, planRoutes, withRoutingSla } from './routing.service.ts';
import type { routingActionSchemas } from './routing.schemas.ts';
import type { z } from 'zod';

type Input<K extends keyof typeof routingActionSchemas> = z.infer<(typeof routingActionSchemas)[K]>;

// One set of roles for the handlers and for the actions offered on a case (routing.offers.ts).
const STAFF = ROUTING_STAFF;
const MANAGERS = ROUTING_MANAGERS;

function assertOpen(ctx: ActionContext): void {
  if (!isOpenState(ctx.row.state as CaseState)) {
    throw conflict('case-not-open', { 'zh-CN': '售后单已结束，不能再分派', 'en-US': 'The case is no longer open' }, { state: ctx.row.state });
  }
}

const assign: ActionHandler<Input<'assign'>> = async (ctx, input) => {
  const { actor, row, trx } = ctx;
  if (!STAFF.has(actor.role) || !actor.userId) throw forbidden();
  assertOpen(ctx);
  const manager = MANAGERS.has(actor.role);
  // No user and no queue: the caller takes the case; a queue alone leaves it unassigned there.
  const userId = input.userId ?? (input.queue ? null : actor.userId);
  const take = userId !== null && userId === actor.userId;
  if (!manager && (!take || input.queue !== undefined)) {
    throw forbidden({ 'zh-CN': '只有主管或管理员可以指派他人或改派队列；您可以认领售后单', 'en-US': 'Only supervisors and admins assign others or change queues; you may take the case yourself' });
  }
  const queues = await cachedQueues(trx);
  const queueKey = input.queue ?? row.queue;
  const queue = queues.get(queueKey);
  if (input.queue !== undefined && !queue?.active) {
    throw invalid('queue', { 'zh-CN': '队列不存在或已停用', 'en-US': 'No such active queue' });
  }
  // The assignee's profile row is locked (after the case, as routing does) so a cap holds. Staff
  // without a profile yet work with the defaults.
  if (userId) {
    const user = await trx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
    if (user && STAFF.has(user.role)) await ensureProfile(trx, userId, ctx.now);
  }
  const profile = userId ? await loadProfile(trx, userId, true) : null;
  if (userId && (!profile || !STAFF.has(profile.role))) {
    throw invalid('userId', { 'zh-CN': '只能把售后单交给平台员工', 'en-US': 'Cases go to platform staff only' });
  }
  // ORG-1: a deactivated user works no case (their open ones were routed away when deactivated).
  if (profile && !profile.active) {
    throw conflict('user-deactivated', {
      'zh-CN': '该员工账号已停用，不能接手售后单',
      'en-US': 'This user is deactivated and cannot be given cases',
    }, { userId });
  }
  if (take && !manager) {
    if (queue && queue.role !== actor.role) {
      throw forbidden({ 'zh-CN': `该售后单在「${queue.name['zh-CN']}」队列，您不能认领`, 'en-US': `The case is in the ${queue.name['en-US']} queue, which you do not work` });
    }
    if (row.assignee_id !== null && row.assignee_id !== userId) {
      throw conflict('already-assigned', { 'zh-CN': '售后单已由他人负责，请联系主管改派', 'en-US': 'Someone else holds the case; ask a supervisor to reassign it' });
    }
    if (profile && row.assignee_id !== userId && !isEligible(profile, noSkills())) {
      throw conflict('agent-at-capacity', {
        'zh-CN': `您当前不可接单或已达上限（在办 ${profile.openCases}/${profile.cap}）`,
        'en-US': `You are unavailable or at your cap (${profile.openCases}/${profile.cap} open)`,
      });
    }
  }
  if (queueKey === row.queue && userId === row.assignee_id) {
    throw conflict('no-change', { 'zh-CN': '售后单已在该队列并由该处理人负责', 'en-US': 'The case already has this queue and assignee' });
  }
  return {
    command: null,
    apply: async () => {
      if (userId && userId !== actor.userId) await notify(trx, assignedNotice(row, userId, ctx.now));
      return {
        eventType: 'case_assigned',
        caseChanges: { queue: queueKey, assignee_id: userId },
        eventData: {
          note: input.note ?? null,
          override: true,
          take,
          from: { queue: row.queue, assigneeId: row.assignee_id },
          to: { queue: queueKey, assigneeId: userId },
          load: profile ? { openCases: profile.openCases, cap: profile.cap, overCap: profile.openCases >= profile.cap } : null,
        },
      };
    },
  };
};

const unassign: ActionHandler<Input<'unassign'>> = async (ctx, input) => {
  const { actor, row } = ctx;
  if (!STAFF.has(actor.role)) throw forbidden();
  if (!MANAGERS.has(actor.role) && row.assignee_id !== actor.userId) {
    throw forbidden({ 'zh-CN': '只能释放自己负责的售后单', 'en-US': 'You can only release cases assigned to you' });
  }
  if (!row.assignee_id) throw conflict('not-assigned', { 'zh-CN': '售后单当前没有处理人', 'en-US': 'The case has no assignee' });
  return {
    command: null,
    apply: async () => ({
      eventType: 'case_unassigned',
      caseChanges: { assignee_id: null },
      eventData: { note: input.note ?? null, queue: row.queue, from: row.assignee_id },
    }),
  };
};

const reroute: ActionHandler<Input<'route'>> = async (ctx, input) => {
  if (!ROUTERS.has(ctx.actor.role)) throw forbidden();
  assertOpen(ctx);
  if (heldByCompliance(ctx.row)) {
    throw conflict('held-by-compliance', {
      'zh-CN': '售后单正在合规评估中，由合规处理，不能重新分派；如需转交请联系主管',
      'en-US': 'The case is under compliance review and stays with compliance; it cannot be routed again. Ask a supervisor to move it',
    }, { state: ctx.row.state, queue: ctx.row.queue });
  }
  const queueRole = (await cachedQueues(ctx.trx)).get(ctx.row.queue)?.role ?? null;
  if (!mayRoute(ctx.row, ctx.actor, queueRole)) {
    throw conflict('not-yours-to-route', {
      'zh-CN': '只能重新分派自己负责的售后单，或本岗位队列中尚无人负责的售后单；其他情况请联系主管',
      'en-US': 'You may route again only a case you hold, or an unassigned one in a queue you work; ask a supervisor for any other',
    }, { queue: ctx.row.queue, assigneeId: ctx.row.assignee_id });
  }
  return {
    command: null,
    apply: async () => {
      const [plan] = await planRoutes(ctx.trx, [ctx.row], { trigger: 'manual', requestedBy: ctx.actor, now: ctx.now });
      await notifyMany(ctx.trx, plan!.notices);
      return { eventType: 'case_routed', eventData: { ...plan!.event.data, note: input.note ?? null }, caseChanges: plan!.changes };
    },
  };
};

type InterventionInput = { reason: string; deadlineId?: string; metric?: string };

const TAKEOVER_MESSAGES = {
  missed: {
    'zh-CN': (no: string) => `商家未在时限内处理售后单 ${no}，平台已介入，将尽快核实并给出处理方案。`,
    'en-US': (no: string) => `The merchant did not handle case ${no} in time: the platform has stepped in and will propose a solution as soon as it has checked.`,
  },
  merchant: {
    'zh-CN': (no: string) => `商家已申请平台介入售后单 ${no}，平台将尽快核实并给出处理方案。`,
    'en-US': (no: string) => `The merchant asked the platform to step in on case ${no}; the platform will propose a solution as soon as it has checked.`,
  },
  appeal: {
    'zh-CN': (no: string) => `平台已受理您对售后单 ${no} 的介入申请，将尽快核实并给出处理方案。`,
    'en-US': (no: string) => `The platform has taken up your request to step in on case ${no} and will propose a solution as soon as it has checked.`,
  },
};

const PLAN_WITHDRAWN = {
  'zh-CN': '商家此前提出的方案已撤回，您无需答复，平台将给出新的方案。',
  'en-US': ' The plan the merchant proposed is withdrawn: you need not answer it, the platform will propose its own.',
};

/**
 * The merchant's plan still waiting on the customer is withdrawn when the platform takes the case
 * (it is superseded, not rejected: no rejection counts towards SLA-9's limit), and the case is
 * investigated again: the platform owes a plan of its own, on its own plan clock (ORG-3, SLA-6).
 * Returns the withdrawn offer's id, or null when no merchant's plan was pending.
 */
async function withdrawMerchantPlan(ctx: ActionContext): Promise<string | null> {
  if (ctx.row.state !== 'plan_proposed') return null;
  const offer = await latestOfferWithStatus(ctx.trx, ctx.row.id, ['open']);
  if (!offer || offer.proposer_role !== 'merchant') return null;
  await answerOffer(ctx.trx, offer.id, { status: 'superseded', now: ctx.now });
  return offer.id;
}

const withPlanWithdrawn = (offerId: string | null, text: LocalizedText): LocalizedText => offerId
  ? { 'zh-CN': `${text['zh-CN']}（您待买家答复的方案已撤回，由平台给出方案。）`, 'en-US': `${text['en-US']} (Your plan awaiting the customer's answer is withdrawn; the platform proposes its own.)` }
  : text;

/** 平台介入: the case leaves the merchant's queue for the platform's, by the rules. */
function intervention(trigger: 'appeal' | 'merchant_missed_deadline'): ActionHandler<InterventionInput> {
  return async (ctx, input) => {
    if (!APPELLANTS.has(ctx.actor.role) && ctx.actor.role !== 'system') {
      throw forbidden({ 'zh-CN': '只有买家、商家或平台客服可以申请平台介入', 'en-US': 'Only the customer, the merchant or platform staff can ask the platform to intervene' });
    }
    // A merchant's refusal may be appealed too (the state machine's `appeal`: within the window,
    // and only a refusal made while the merchant held the case); the case is investigated again.
    const appealsRefusal = trigger === 'appeal' && ctx.row.state === 'rejected';
    if (!appealsRefusal) assertOpen(ctx);
    // The merchant's result may be disputed with the platform (the state machine's `appeal` too):
    // the case is handled again by the platform, on its plan clock. A deadline the merchant
    // missed after telling its result has nothing left to take over.
    const disputesResult = ctx.row.state === 'result_notified';
    if (disputesResult && trigger !== 'appeal') {
      throw conflict('appeal-after-result', {
        'zh-CN': '处理结果已告知，如不满意请重新打开售后单',
        'en-US': 'The result has been given: reopen the case if you are not satisfied with it',
      }, { state: ctx.row.state });
    }
    const queues = await cachedQueues(ctx.trx);
    if (!appealsRefusal && queues.get(ctx.row.queue)?.role !== 'merchant') {
      throw conflict('not-with-merchant', {
        'zh-CN': '售后单不在商家处理中，平台已在处理',
        'en-US': 'The case is not with the merchant; the platform is already handling it',
      }, { queue: ctx.row.queue });
    }
    // ORG-3: the merchant first. The merchant's own request and staff's are theirs to make.
    if (!appealsRefusal && ctx.actor.role === 'customer') await assertCustomerMayAppeal(ctx.trx, ctx.row.id, ctx.now);
    const viaStateMachine = appealsRefusal || disputesResult;
    return {
      command: viaStateMachine ? { type: 'appeal', reason: input.reason } : null,
      apply: async () => {
        const refusalTakenUp = appealsRefusal ? await retakeDuplicateSlot(ctx) : null;
        const withdrawnOfferId = await withdrawMerchantPlan(ctx);
        const [plan] = await planRoutes(ctx.trx, [ctx.row], { trigger, platformIntervention: true, now: ctx.now });
        await notifyMany(ctx.trx, plan!.notices);
        const { row, trx, now } = ctx;
        if (row.merchant_id && ctx.actor.role !== 'merchant') {
          // Keyed by the case's version: a case handed back to its merchant may be taken over again.
          await notify(trx, {
            merchantId: row.merchant_id, caseId: row.id, type: 'platform_intervention', dedupeKey: `intervention:${row.id}:${row.version}`, now,
            title: { 'zh-CN': `平台已介入售后单 ${row.case_no}`, 'en-US': `The platform has stepped in on case ${row.case_no}` },
            body: withPlanWithdrawn(withdrawnOfferId, trigger === 'appeal'
              ? { 'zh-CN': `买家申请平台介入：${noticeText(input.reason, row)}`, 'en-US': `The customer asked the platform to intervene: ${noticeText(input.reason, row)}` }
              : { 'zh-CN': '您未在时限内处理，平台已接手。', 'en-US': 'You did not act in time; the platform has taken over.' }),
          });
        }
        // The customer hears the case changed hands, whoever asked (IN-5: what happens next).
        const customer = await trx.selectFrom('customers').select('locale').where('id', '=', row.customer_id).executeTakeFirst();
        const why = trigger === 'merchant_missed_deadline' ? 'missed' : ctx.actor.role === 'merchant' ? 'merchant' : 'appeal';
        const locale = customer?.locale === 'en-US' ? 'en-US' : 'zh-CN';
        const body = `${TAKEOVER_MESSAGES[why][locale](row.case_no)}${withdrawnOfferId ? PLAN_WITHDRAWN[locale] : ''}`;
        await insertMessage(trx, { caseId: row.id, actor: SYSTEM_ACTOR, visibility: 'public', channel: row.channel, body, now });
        return {
          eventType: INTERVENTION_EVENT,
          reason: input.reason,
          // A merchant's reason for asking the platform in is for the platform, not the buyer.
          eventData: {
            trigger, deadlineId: input.deadlineId ?? null, metric: input.metric ?? null, ...(refusalTakenUp ?? {}),
            ...(withdrawnOfferId ? { withdrawnOfferId } : {}), ...(ctx.actor.role === 'merchant' ? { reasonInternal: true } : {}),
          },
          caseChanges: { ...plan!.changes, ...(withdrawnOfferId ? { state: 'investigating' } : {}) },
          // The routing decision that follows is the system's.
          // Routed as the case stands after the appeal (investigated again), not as the refusal, the result or the plan left it.
          extraEvents: [{ ...plan!.event, actor: SYSTEM_ACTOR, ...(viaStateMachine || withdrawnOfferId ? { fromState: 'investigating', toState: 'investigating' } : {}) }],
        };
      },
    };
  };
}

export const routingActionHandlers = {
  assign,
  unassign,
  route: reroute,
  appeal: intervention('appeal') as ActionHandler<Input<'appeal'>>,
};

/** Runs a routing action on a case (routing's events do not move SLA clocks). */
export function runRoutingAction<I>(
  deps: AppDeps,
  actor: Actor,
  caseNo: string,
  action: { type: string; input: I; handler: ActionHandler<I> },
  idempotencyKey: string | undefined,
) {
  return runCaseAction(withRoutingSla(deps), actor, caseNo, action, idempotencyKey);
}

const MISSED = '商家未在时限内处理，平台介入 / The merchant missed its deadline; the platform intervenes';

/**
 * SLA hook (ORG-3): a merchant's clock breached and no automatic outcome moves the case, so the
 * platform steps in. Idempotent per deadline; a case no longer with the merchant (or closed) is
 * left alone. Returns the case, or null when nothing was done.
 */
export async function requestPlatformIntervention(
  deps: AppDeps,
  job: { caseId: string; deadlineId: string; metric: string },
): Promise<CaseSummary | null> {
  const row = await findCaseById(deps.database.db, job.caseId);
  if (!row) return null;
  try {
    const result = await runRoutingAction(
      deps,
      SYSTEM_ACTOR,
      row.case_no,
      {
        type: 'platform_intervention',
        input: { reason: MISSED, deadlineId: job.deadlineId, metric: job.metric },
        handler: intervention('merchant_missed_deadline'),
      },
      `sla:${job.deadlineId}:intervene`,
    );
    return result.body;
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return null;
    throw error;
  }
}
