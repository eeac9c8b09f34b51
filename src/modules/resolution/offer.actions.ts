// Negotiation as data (RES-1..7): plans are offers the customer accepts, rejects or counters;
// every offer, counter-offer and answer stays in the case's negotiation history.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, conflict, forbidden, invalid } from '../../shared/errors.ts';
import type { CaseKind, LocalizedText, RequestReason, Responsibility } from '../../shared/vocabulary.ts';
import type { ActionContext, ActionHandler } from '../cases/case.actions.runner.ts';
import { insertMessage } from '../cases/case.repository.ts';
import { assertCompliantWording, wordingCheckedFor } from '../replies/reply.wording.ts';
import { policyFraudCompensationFen } from '../policy/policy.law.ts';
import { EXCESSIVE_GOODWILL_MULTIPLE } from '../policy/policy.rules.ts';
import { createPlanExecution, type ExecutionBasis, executionBasis } from '../execution/execution.plan.ts';
import { type CaseFacts, caseFacts } from './case-facts.ts';
import { APPROVERS, askForApproval, planNeedsApproval } from './offer.approval.ts';
import { fraudFinding } from './fraud-finding.ts';
import { REFUND_KINDS, requestedTerms, RESPONSIBILITY_BY_REASON } from './requested-terms.ts';
import { counterOfferSchema, MERCHANT_STEP_OWNERS, type PlanStep, proposePlanSchema, stepsOf, toTerms } from './offer.schemas.ts';
import { answerOffer, findOffer, insertOffer, latestOfferWithStatus, supersedeOpenOffers } from './offer.repository.ts';
import { assessPlan, liableParty, type OfferTerms, type PlanContext, type PlanViolation, refundableFen, tasksForTerms } from './resolution.rules.ts';

const reasonOnly = z.object({ reason: z.string().trim().min(1).max(2000) });
const empty = z.object({});

export const offerActionSchemas = {
  approve_request: z.object({
    /** Needed for price protection (the price difference) and for a partial refund-only. */
    refundFen: z.number().int().min(1).max(100_000_000_00).optional(),
    note: z.string().trim().max(2000).optional(),
  }),
  propose_plan: proposePlanSchema,
  approve_plan: z.object({ note: z.string().trim().max(2000).optional() }),
  decline_plan_approval: reasonOnly,
  accept_plan: empty,
  reject_plan: reasonOnly,
  counter_offer: counterOfferSchema,
  accept_counter_offer: empty,
};
type Input<K extends keyof typeof offerActionSchemas> = z.infer<(typeof offerActionSchemas)[K]>;

/** Problem types of plan violations; the statutory floors (and malformed amounts) share one. */
const VIOLATION_PROBLEM: Record<string, string> = {
  refund_above_refundable: 'refund-above-refundable',
};

/** `fieldOf` names the field as the caller's input does (approve_request has no `terms`). */
function planViolationError(violations: PlanViolation[], fieldOf: (field: string) => string = (field) => field): AppError {
  const first = violations[0]!;
  return new AppError({
    status: 422,
    type: VIOLATION_PROBLEM[first.code] ?? 'plan-below-statutory-rights',
    field: fieldOf(first.field),
    text: first.text,
    issues: violations.map((v) => ({ field: fieldOf(v.field), message: v.text })),
  });
}

/**
 * What a plan on this case is judged against: the price, what is left of it to refund, the policy,
 * and fraud, found by this plan (`findsFraud`) or earlier on the case: a finding binds every later
 * plan, the customer's own counter-offer included (the 3× it asks is then no goodwill).
 */
function planContext(facts: CaseFacts, plan: { responsibility: Responsibility; findsFraud?: boolean; proposedByCustomer: boolean }): PlanContext {
  return {
    paidFen: facts.paidFen,
    refundedFen: facts.refundedFen,
    eligibilityPath: facts.eligibilityPath,
    returnRightPath: facts.returnRightPath,
    responsibility: plan.responsibility,
    fraudFound: facts.fraudFound || (plan.findsFraud ?? false),
    goodwillApprovalThresholdFen: facts.rules.goodwill.approvalThresholdFen,
    goodwillGivenFen: facts.goodwillPaidFen,
    goodsValueFen: facts.goodsValueFen,
    excessiveGoodwillMultiple: facts.rules.goodwill.excessiveMultiple ?? EXCESSIVE_GOODWILL_MULTIPLE,
    // After a reopen, what was already paid counts towards the statutory amount; more is goodwill.
    // The law counts three times the price of the goods: the shipping fee is not part of it.
    fraudMinimumFen: Math.max(0, policyFraudCompensationFen(facts.rules, facts.goodsPaidFen) - facts.fraudCompensatedFen),
    proposedByCustomer: plan.proposedByCustomer,
    priceDropLeftFen: facts.priceDrop?.leftFen ?? null,
  };
}

async function openOfferOrFail(ctx: ActionContext) {
  const offer = await latestOfferWithStatus(ctx.trx, ctx.row.id, ['open']);
  if (!offer) throw conflict('no-open-offer', { 'zh-CN': '当前没有待确认的方案', 'en-US': 'There is no open plan to answer' });
  if (offer.expires_at && offer.expires_at <= ctx.now) {
    throw conflict('offer-expired', { 'zh-CN': '该方案已过期，请等待新的方案', 'en-US': 'This plan has expired; a new one will be proposed' });
  }
  return offer;
}

async function acceptOffer(
  ctx: ActionContext,
  accepted: { offerId: string; terms: OfferTerms; responsibility: Responsibility; steps?: readonly PlanStep[]; facts: CaseFacts; basis: ExecutionBasis },
) {
  const { offerId, terms, responsibility } = accepted;
  await answerOffer(ctx.trx, offerId, { status: 'accepted', now: ctx.now });
  const started = await createPlanExecution(ctx, accepted);
  const eventData = { offerId, terms, ...executionStarted(started), ...(accepted.basis.goodsBack ? { goodsAlreadyBack: true } : {}) };
  return { caseChanges: { responsibility }, eventData };
}

/**
 * A customer's counter-offer its handler accepted above the approval limit (RES-3): the supervisor's
 * approval is the acceptance, since the customer proposed it and has nothing left to answer.
 */
async function approveCounterOffer(ctx: ActionContext, offer: NonNullable<Awaited<ReturnType<typeof findOffer>>>, note: string | undefined) {
  const terms = toTerms(offer.terms as Partial<OfferTerms>);
  const responsibility = (offer.responsibility ?? 'no_fault') as Responsibility;
  // RES-7: excessive goodwill is approved by another supervisor than the one who took it up.
  const takenUp = await ctx.trx
    .selectFrom('case_events')
    .select('actor_id')
    .where('case_id', '=', ctx.row.id)
    .where('type', '=', 'counter_offer_submitted_for_approval')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (takenUp?.actor_id === ctx.actor.userId) {
    throw forbidden({ 'zh-CN': '不能审批自己提交的客户还价，请由其他主管审批', 'en-US': 'You cannot approve a counter-offer you sent for approval; another supervisor must approve it' });
  }
  const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
  const basis = await executionBasis(ctx, { terms, responsibility, facts });
  return {
    command: { type: 'approve_plan' as const, accepts: { returnRequired: basis.returnRequired, openTasks: basis.openTasks } },
    apply: async () => {
      await ctx.trx.updateTable('offers').set({ approved_by: ctx.actor.userId }).where('id', '=', offer.id).execute();
      const accepted = await acceptOffer(ctx, { offerId: offer.id, terms, responsibility, facts, basis });
      return {
        reason: note ?? null,
        eventData: { ...accepted.eventData, approvedBy: ctx.actor.userId },
        caseChanges: { responsibility, pending_counter_offer_id: null, unanswered_customer_messages: 0 },
      };
    },
  };
}

/** What a new plan did besides its own terms, named on the event that did it: the earlier plan's tasks cancelled, postage owed again. */
const executionStarted = (started: { cancelledTaskIds: string[]; postageReinstatedFen?: number }) => ({
  ...(started.cancelledTaskIds.length > 0 ? { cancelledTaskIds: started.cancelledTaskIds } : {}),
  ...(started.postageReinstatedFen ? { postageReinstatedFen: started.postageReinstatedFen } : {}),
});

const BASIS = { 'zh-CN': '方案依据', 'en-US': "plan's basis" };
const STEP = { 'zh-CN': '方案步骤', 'en-US': "plan's step" };

/** RISK-1: a plan's basis and steps are shown to the customer: forbidden wording in them is refused. */
function assertPlanWording(ctx: ActionContext, text: string, field: string, what: LocalizedText = BASIS): void {
  if (wordingCheckedFor(ctx.actor.role)) assertCompliantWording(text, field, what);
}

export const offerActionHandlers: { [K in keyof typeof offerActionSchemas]: ActionHandler<Input<K>> } = {
  approve_request: async (ctx, input) => {
    if (input.note) assertPlanWording(ctx, input.note, 'note');
    const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
    const requested = requestedTerms(ctx.row.kind as CaseKind, facts, input.refundFen);
    if (!requested) {
      throw invalid(ctx.row.kind === 'price_protection' ? 'refundFen' : 'kind', {
        'zh-CN': ctx.row.kind === 'price_protection' ? '价格保护请填写差价金额' : '此类售后单需要提出协商方案，不能直接同意',
        'en-US': ctx.row.kind === 'price_protection' ? 'Give the price difference to refund' : 'This kind of case needs a proposed plan instead',
      });
    }
    if (ctx.row.kind === 'price_protection') {
      // Price protection gives back the drop in price, no more: what was paid per unit against
      // today's price. Anything above it is goodwill, proposed as a plan with its reason.
      const { dropFen, leftFen } = facts.priceDrop ?? { dropFen: 0, leftFen: 0 };
      if (requested.terms.refundFen > leftFen) {
        const earlier = facts.priceProtectedFen > 0;
        throw invalid('refundFen', {
          'zh-CN': earlier
            ? `价格保护退还的是差价：本单差价 ${dropFen / 100} 元，已价保退还 ${facts.priceProtectedFen / 100} 元，最多还可退 ${leftFen / 100} 元；额外补偿请提出方案并说明理由`
            : `价格保护退还的是差价（本单 ${dropFen / 100} 元），不能多退；额外补偿请提出方案并说明理由`,
          'en-US': earlier
            ? `Price protection gives back the price drop: ${dropFen / 100} yuan here, of which ${facts.priceProtectedFen / 100} was already refunded as price protection, so at most ${leftFen / 100} more; give anything above it as a plan with a reason`
            : `Price protection gives back the price drop (${dropFen / 100} yuan here), no more; give anything above it as a plan with a reason`,
        });
      }
    }
    if (REFUND_KINDS.has(ctx.row.kind as CaseKind) && requested.terms.refundFen === 0) {
      throw invalid(
        'refundFen',
        {
          'zh-CN': `本售后单所涉商品的实付金额已全部退款（实付 ${facts.paidFen / 100} 元，已退 ${facts.refundedFen / 100} 元），没有可再退的金额`,
          'en-US': `Everything paid for this case's goods has been refunded (${facts.paidFen / 100} yuan paid, ${facts.refundedFen / 100} refunded); nothing is left to refund`,
        },
        VIOLATION_PROBLEM.refund_above_refundable,
      );
    }
    // Granting a request gives what was asked: all that is left of the price. Less is a new offer,
    // which the customer answers (RES-5) and which is judged against their statutory rights (RES-2).
    const refundable = refundableFen(facts.paidFen, facts.refundedFen);
    if ((ctx.row.kind === 'return_refund' || ctx.row.kind === 'refund_only') && input.refundFen !== undefined && input.refundFen < refundable) {
      throw new AppError({
        status: 422,
        type: 'approve-less-than-requested',
        field: 'refundFen',
        text: {
          'zh-CN': `同意申请即全额退还（${refundable / 100} 元）；如只退部分金额，请提出协商方案，由客户确认`,
          'en-US': `Approving the request refunds it in full (${refundable / 100} yuan); to refund less, propose a plan for the customer to answer`,
        },
        extra: { refundableFen: refundable },
      });
    }
    const responsibility = RESPONSIBILITY_BY_REASON[ctx.row.reason as RequestReason] ?? 'no_fault';
    const assessment = assessPlan(requested.terms, planContext(facts, { responsibility, proposedByCustomer: false }));
    // A request grants the money back and no more (refunds above the refundable amount are violations).
    if (assessment.violations.length > 0) throw planViolationError(assessment.violations, (field) => field.replace(/^terms\./, ''));
    const offerId = randomUUID();
    const basis = await executionBasis(ctx, { terms: requested.terms, responsibility, facts });
    return {
      command: { type: 'approve_request', offerId, returnRequired: basis.returnRequired, openTasks: basis.openTasks },
      apply: async () => {
        await insertOffer(ctx.trx, {
          id: offerId,
          caseId: ctx.row.id,
          parentOfferId: null,
          actor: ctx.actor,
          status: 'accepted',
          planType: requested.planType,
          terms: requested.terms,
          steps: [],
          responsibility,
          basis: input.note ?? facts.eligibilityPath ?? ctx.row.kind,
          goodwillReason: null,
          expiresAt: null,
          now: ctx.now,
          mediaFlag: ctx.row.media_flag,
          fraudFound: facts.fraudFound,
        });
        const started = await createPlanExecution(ctx, { offerId, terms: requested.terms, responsibility, facts, basis });
        return {
          reason: input.note ?? null,
          caseChanges: { responsibility },
          eventData: { offerId, planType: requested.planType, terms: requested.terms, ...executionStarted(started) },
        };
      },
    };
  },
  propose_plan: async (ctx, input) => {
    assertPlanWording(ctx, input.basis, 'basis');
    input.steps.forEach((step, i) => {
      assertPlanWording(ctx, step.task, `steps.${i}.task`, STEP);
      assertPlanWording(ctx, step.verification, `steps.${i}.verification`, STEP);
    });
    const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
    // A merchant is a party to the case: it may take costs on itself, not put them on the platform.
    if (ctx.actor.role === 'merchant' && liableParty(input.responsibility, facts.seller) === 'platform' && facts.seller !== 'platform') {
      throw new AppError({
        status: 422,
        type: 'responsibility-not-yours',
        field: 'responsibility',
        text: {
          'zh-CN': '商家不能认定由平台承担的责任；如认为是平台原因，请申请平台介入',
          'en-US': 'A merchant cannot find the platform responsible; ask the platform to step in instead',
        },
      });
    }
    const foreignStep = ctx.actor.role === 'merchant' ? input.steps.findIndex((step) => !MERCHANT_STEP_OWNERS.has(step.ownerRole)) : -1;
    if (foreignStep >= 0) {
      throw invalid(`steps.${foreignStep}.ownerRole`, {
        'zh-CN': '商家方案中的执行步骤只能由商家负责；需要平台处理的事项请申请平台介入',
        'en-US': "A merchant's plan can only give steps to the merchant; for what the platform should do, ask the platform to step in",
      });
    }
    const terms = toTerms(input.terms);
    const assessment = assessPlan(terms, planContext(facts, { responsibility: input.responsibility, findsFraud: input.fraudFound, proposedByCustomer: false }));
    if (assessment.violations.length > 0) throw planViolationError(assessment.violations);
    if (assessment.needsGoodwillReason && !input.goodwillReason) {
      throw invalid('goodwillReason', {
        'zh-CN': '方案超出政策标准（额外补偿），请填写理由',
        'en-US': 'The plan goes beyond the policy (goodwill); give a reason',
      });
    }
    const offerId = randomUUID();
    const excessive = assessment.excessiveGoodwill;
    const needsApproval = planNeedsApproval(assessment, ctx.actor.role);
    const finding = input.fraudFound && !facts.fraudFound ? fraudFinding(ctx, offerId) : null;
    return {
      command: { type: 'propose_plan', offerId, needsApproval },
      apply: async () => {
        await supersedeOpenOffers(ctx.trx, ctx.row.id, ctx.now);
        await insertOffer(ctx.trx, {
          id: offerId,
          caseId: ctx.row.id,
          parentOfferId: null,
          actor: ctx.actor,
          status: needsApproval ? 'pending_approval' : 'open',
          planType: input.planType,
          terms,
          steps: input.steps,
          responsibility: input.responsibility,
          basis: input.basis,
          goodwillReason: input.goodwillReason ?? null,
          expiresAt: new Date(ctx.now.getTime() + input.expiresInHours * 3_600_000),
          now: ctx.now,
          mediaFlag: ctx.row.media_flag,
          fraudFound: facts.fraudFound || input.fraudFound,
        });
        // RES-3: the plan waits on a supervisor, who is told what it gives and why.
        if (needsApproval) await askForApproval(ctx, { offerId, assessment, goodwillReason: input.goodwillReason });
        return {
          caseChanges: { responsibility: input.responsibility, pending_counter_offer_id: null, ...finding?.caseChanges },
          eventData: {
            offerId, planType: input.planType, terms, goodwillFen: assessment.goodwillFen, needsApproval,
            fraudFound: facts.fraudFound || input.fraudFound, ...(excessive ? { excessiveGoodwill: excessive } : {}),
          },
          ...(finding ? { priorEvents: [finding.event] } : {}),
        };
      },
    };
  },
  approve_plan: async (ctx, input) => {
    const offer = await latestOfferWithStatus(ctx.trx, ctx.row.id, ['pending_approval']);
    if (!offer) throw conflict('no-offer-to-approve', { 'zh-CN': '没有待审批的方案', 'en-US': 'There is no plan waiting for approval' });
    // Approval is a second pair of eyes (RES-3, RES-7): a supervisor's own excessive plan waits on
    // another. Who may approve at all is the state machine's to say first.
    ctx.assertAllowed({ type: 'approve_plan' });
    if (offer.proposed_by === ctx.actor.userId) {
      throw forbidden({ 'zh-CN': '不能审批自己提出的方案，请由其他主管审批', 'en-US': 'You cannot approve a plan you proposed; another supervisor must approve it' });
    }
    if (offer.proposer_role === 'customer') return approveCounterOffer(ctx, offer, input.note);
    return {
      command: { type: 'approve_plan' },
      apply: async () => {
        // The customer's time to answer starts when the plan reaches them, not when it was drafted.
        const expiresAt = offer.expires_at ? new Date(ctx.now.getTime() + (offer.expires_at.getTime() - offer.created_at.getTime())) : null;
        await ctx.trx.updateTable('offers').set({ status: 'open', approved_by: ctx.actor.userId, expires_at: expiresAt }).where('id', '=', offer.id).execute();
        return { reason: input.note ?? null, eventData: { offerId: offer.id } };
      },
    };
  },
  decline_plan_approval: async (ctx, input) => {
    const offer = await latestOfferWithStatus(ctx.trx, ctx.row.id, ['pending_approval']);
    if (!offer) throw conflict('no-offer-to-approve', { 'zh-CN': '没有待审批的方案', 'en-US': 'There is no plan waiting for approval' });
    return {
      command: { type: 'decline_plan_approval', reason: input.reason },
      apply: async () => {
        await answerOffer(ctx.trx, offer.id, { status: 'declined', reason: input.reason, approvedBy: ctx.actor.userId, now: ctx.now });
        return { reason: input.reason, eventData: { offerId: offer.id } };
      },
    };
  },
  accept_plan: async (ctx) => {
    const offer = await openOfferOrFail(ctx);
    const terms = toTerms(offer.terms as Partial<OfferTerms>);
    const steps = stepsOf(offer);
    const responsibility = (offer.responsibility ?? 'no_fault') as Responsibility;
    const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
    const basis = await executionBasis(ctx, { terms, responsibility, facts, steps });
    return {
      command: { type: 'accept_plan', returnRequired: basis.returnRequired, openTasks: basis.openTasks },
      apply: () => acceptOffer(ctx, { offerId: offer.id, terms, responsibility, steps, facts, basis }),
    };
  },
  reject_plan: async (ctx, input) => {
    const offer = await openOfferOrFail(ctx);
    return {
      command: { type: 'reject_plan', reason: input.reason },
      apply: async () => {
        await answerOffer(ctx.trx, offer.id, { status: 'rejected', reason: input.reason, now: ctx.now });
        return { reason: input.reason, eventData: { offerId: offer.id } };
      },
    };
  },
  counter_offer: async (ctx, input) => {
    const offer = await openOfferOrFail(ctx);
    const counterId = randomUUID();
    const terms = toTerms(input.terms);
    // The customer may waive rights in their own offer, but not ask for more refund than is left.
    const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
    const responsibility = (offer.responsibility ?? 'no_fault') as Responsibility;
    const { violations } = assessPlan(terms, planContext(facts, { responsibility, proposedByCustomer: true }));
    if (violations.length > 0) throw planViolationError(violations);
    return {
      command: { type: 'counter_offer', offerId: counterId, reason: input.reason },
      apply: async () => {
        await answerOffer(ctx.trx, offer.id, { status: 'countered', reason: input.reason, now: ctx.now });
        await insertOffer(ctx.trx, {
          id: counterId,
          caseId: ctx.row.id,
          parentOfferId: offer.id,
          actor: ctx.actor,
          status: 'open',
          planType: input.planType,
          terms,
          steps: [],
          responsibility: offer.responsibility,
          basis: input.reason,
          goodwillReason: null,
          expiresAt: null,
          now: ctx.now,
          mediaFlag: ctx.row.media_flag,
          fraudFound: facts.fraudFound,
        });
        await insertMessage(ctx.trx, { caseId: ctx.row.id, actor: ctx.actor, visibility: 'public', channel: ctx.row.channel, body: input.reason, now: ctx.now });
        return {
          reason: input.reason,
          caseChanges: { pending_counter_offer_id: counterId, unanswered_customer_messages: ctx.row.unanswered_customer_messages + 1 },
          eventData: { offerId: offer.id, counterOfferId: counterId, terms },
        };
      },
    };
  },
  accept_counter_offer: async (ctx) => {
    const counter = ctx.row.pending_counter_offer_id ? await findOffer(ctx.trx, ctx.row.pending_counter_offer_id) : undefined;
    if (!counter) throw conflict('no-counter-offer', { 'zh-CN': '没有待处理的客户还价', 'en-US': 'There is no counter-offer to accept' });
    const terms = toTerms(counter.terms as Partial<OfferTerms>);
    const facts = await caseFacts(ctx.trx, ctx.row, ctx.now);
    const responsibility = (counter.responsibility ?? 'no_fault') as Responsibility;
    const assessment = assessPlan(terms, planContext(facts, { responsibility, proposedByCustomer: true }));
    if (assessment.violations.length > 0) throw planViolationError(assessment.violations);
    // RES-3, RES-7: above the approval limit a handler's acceptance, like its plan, waits on a
    // supervisor, who is told what the customer asks and why; a supervisor accepts it directly,
    // unless the goodwill is excessive: then another supervisor approves it.
    const needsApproval = planNeedsApproval(assessment, ctx.actor.role);
    const basis = await executionBasis(ctx, { terms, responsibility, facts });
    if (needsApproval) {
      return {
        command: { type: 'accept_counter_offer', returnRequired: basis.returnRequired, openTasks: basis.openTasks, needsApproval: true },
        apply: async () => {
          await ctx.trx.updateTable('offers').set({ status: 'pending_approval' }).where('id', '=', counter.id).execute();
          await askForApproval(ctx, { offerId: counter.id, assessment, goodwillReason: counter.basis ?? undefined });
          const excessive = assessment.excessiveGoodwill;
          return {
            eventData: {
              offerId: counter.id, terms, goodwillFen: assessment.goodwillFen, needsApproval: true, takenUpBy: ctx.actor.userId,
              ...(excessive ? { excessiveGoodwill: excessive } : {}),
            },
          };
        },
      };
    }
    return {
      command: { type: 'accept_counter_offer', returnRequired: basis.returnRequired, openTasks: basis.openTasks },
      apply: async () => {
        const accepted = await acceptOffer(ctx, { offerId: counter.id, terms, responsibility, facts, basis });
        const excessive = assessment.excessiveGoodwill;
        return {
          eventData: { ...accepted.eventData, ...(excessive ? { excessiveGoodwill: excessive } : {}) },
          caseChanges: { responsibility, pending_counter_offer_id: null, unanswered_customer_messages: 0 },
        };
      },
    };
  },
};
