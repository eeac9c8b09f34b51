// What an accepted plan sets in motion (RES-4, RES-6): execution tasks with owners, deadlines
// and how each is verified, and the ledger lines naming who bears each amount.
import type { ActionContext } from '../cases/case.actions.runner.ts';
import { insertMessage } from '../cases/case.repository.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import type { CaseFacts } from '../resolution/case-facts.ts';
import { liableParty, type OfferTerms, plannedLedger, tasksForTerms } from '../resolution/resolution.rules.ts';
import type { Party, Responsibility } from '../../shared/vocabulary.ts';
import { dayWindowEnd } from '../policy/policy.calendar.ts';
import type { PlanStep } from '../resolution/offer.schemas.ts';
import { LAW } from '../policy/policy.law.ts';
import { cancelEarlierPlans, returnPostageToOweAgainFen, goodsAlreadyBack, insertLedgerLines, insertTasks, type NewTask } from './execution.repository.ts';

const HOUR = 3_600_000;

export const TASK_VERIFICATION: Record<string, string> = {
  refund: 'refund transaction reference from the payment provider',
  ship_replacement: 'tracking number of the replacement shipment',
  repair: 'repair report',
  ship_back_repaired: 'tracking number of the repaired item shipment',
  compensation: 'coupon code or transfer reference',
  shipping_reimbursement: 'refund transaction reference for the return shipping fee',
  intercept_parcel: 'carrier interception number, or the parcel signed back by the seller',
};

/** Stopping a parcel on its way is quick work: a call to the carrier, a refused delivery. */
const INTERCEPT_HOURS = 24;
/** A delivery still to be stopped: not signed for, not lost, not back with the seller. */
const STOPPABLE = ['created', 'in_transit', 'out_for_delivery', 'exception'];

/**
 * When a task is due once it can start. Refunds follow the policy's refund period (POL-6), in
 * working days on the business calendar (holidays and 调休 counted) or in natural days, and never
 * later than the law's 7 natural days after the returned goods arrive: 3 working days from the
 * eve of the National Day holiday would otherwise end on its tenth day.
 */
export function taskDueAt(type: string, facts: CaseFacts, from: Date, calendar: BusinessCalendar): Date {
  switch (type) {
    case 'refund':
    case 'shipping_reimbursement': {
      const { withinDays, dayType } = facts.rules.refund;
      if (withinDays === 0) return from;
      const configured = dayType === 'working' ? calendar.addWorkingDays(from, withinDays) : new Date(from.getTime() + withinDays * 24 * HOUR);
      const statutory = dayWindowEnd(from, LAW.refundMaxNaturalDays, calendar.spec.timeZone);
      return configured < statutory ? configured : statutory;
    }
    case 'compensation':
      return new Date(from.getTime() + 24 * HOUR);
    case 'intercept_parcel':
      return new Date(from.getTime() + INTERCEPT_HOURS * HOUR);
    default:
      return new Date(from.getTime() + 48 * HOUR);
  }
}

/** A step the plan names itself: its owner, its deadline from the plan's acceptance, how it is verified. */
export function planStepTask(step: PlanStep, acceptedAt: Date): NewTask {
  return {
    type: 'plan_step',
    title: step.task,
    ownerRole: step.ownerRole,
    dueAt: new Date(acceptedAt.getTime() + step.dueInHours * HOUR),
    verification: step.verification,
  };
}

/**
 * EX-6, VER-1: a refund for goods the buyer never got, while the order's parcel is still on its
 * way, first stops the parcel (the seller intercepts it, or the buyer refuses it and the carrier
 * sends it back); the refund waits for that, or the buyer keeps goods and money alike. A parcel
 * lost or already back needs nothing. Returns whether the plan needs that step.
 */
async function parcelToStop(ctx: ActionContext, terms: OfferTerms, facts: CaseFacts): Promise<boolean> {
  // A refund the buyer takes while keeping the goods (a delay compensated) stops nothing.
  if (facts.eligibilityPath !== 'not_received_refund' || terms.refundFen === 0 || terms.returnRequired || terms.keepItem || !ctx.row.order_id) return false;
  const onItsWay = await ctx.trx
    .selectFrom('shipments')
    .select('id')
    .where('order_id', '=', ctx.row.order_id)
    .where('case_id', 'is', null)
    .where('direction', '=', 'outbound')
    .where('status', 'in', STOPPABLE)
    .executeTakeFirst();
  return onItsWay !== undefined;
}

/** RES-6: the buyer's part in stopping the parcel, and when the money follows, in their language. */
async function tellToRefuse(ctx: ActionContext): Promise<void> {
  const customer = await ctx.trx.selectFrom('customers').select('locale').where('id', '=', ctx.row.customer_id).executeTakeFirst();
  const body = customer?.locale === 'en-US'
    ? `Your parcel is still on its way. If the courier brings it, please refuse it. The refund for case ${ctx.row.case_no} is paid as soon as the parcel is intercepted or back with the seller.`
    : `您的包裹仍在配送途中，如快递员派送请拒收。包裹拦截成功或退回商家后，将立即为您办理售后单 ${ctx.row.case_no} 的退款。`;
  await insertMessage(ctx.trx, { caseId: ctx.row.id, actor: SYSTEM_ACTOR, visibility: 'public', channel: ctx.row.channel, body, now: ctx.now });
}

function ownerFor(type: string, facts: CaseFacts): string {
  if (type === 'refund' || type === 'compensation') return 'finance';
  return facts.seller === 'merchant' ? 'merchant' : 'specialist';
}

/** Return postage a plan owes the customer again (see executionBasis): how much, and who bears it. */
export interface OwedPostage {
  amountFen: number;
  borneBy: Party;
}

/**
 * What an accepted plan's execution rests on, known before the state machine is asked where the
 * case goes: whether its goods are back already (no return to wait for), the return postage it
 * owes again, and so whether the case awaits a return and how many tasks it opens.
 */
export interface ExecutionBasis {
  goodsBack: boolean;
  postage: OwedPostage | null;
  returnRequired: boolean;
  openTasks: number;
}

export async function executionBasis(
  ctx: ActionContext,
  plan: { terms: OfferTerms; responsibility: Responsibility; facts: CaseFacts; steps?: readonly PlanStep[] },
): Promise<ExecutionBasis> {
  const goodsBack = plan.terms.returnRequired && (await goodsAlreadyBack(ctx.trx, ctx.row.id));
  const postage = await postageOwedAgain(ctx, plan.responsibility, plan.facts);
  return {
    goodsBack,
    postage,
    returnRequired: plan.terms.returnRequired && !goodsBack,
    openTasks: tasksForTerms(plan.terms).length + (plan.steps?.length ?? 0) + (postage ? 1 : 0),
  };
}

/**
 * A failed inspection cancels the reimbursement of the postage the customer advanced; a later plan
 * finding someone other than the customer at fault (the goods were faulty after all) owes it again,
 * as does a plan replacing one that owed it, if its finding still puts it on someone else.
 */
async function postageOwedAgain(ctx: ActionContext, responsibility: Responsibility, facts: CaseFacts): Promise<OwedPostage | null> {
  const borneBy = returnShippingPayer(responsibility, facts);
  if (borneBy === 'customer' || borneBy === 'insurer') return null;
  const amountFen = await returnPostageToOweAgainFen(ctx.trx, ctx.row.id);
  return amountFen === null ? null : { amountFen, borneBy };
}

/**
 * Starts the accepted plan's execution. The plan replaces any earlier one still under way (e.g. a
 * supervisor escalated an executing case to compliance, who re-planned it): the earlier plan's
 * open tasks and planned money are cancelled first, so both can never pay out. Returns the ids of
 * the tasks so cancelled, and the return postage owed again, for the event.
 */
export async function createPlanExecution(
  ctx: ActionContext,
  plan: { offerId: string; terms: OfferTerms; responsibility: Responsibility; facts: CaseFacts; steps?: readonly PlanStep[]; basis: ExecutionBasis },
): Promise<{ cancelledTaskIds: string[]; postageReinstatedFen?: number }> {
  const { terms, facts, basis } = plan;
  const cancelledTaskIds = await cancelEarlierPlans(ctx.trx, ctx.row.id, plan.offerId, ctx.now);
  const calendar = (await ctx.deps.sla.rules(ctx.trx)).calendarFor(null);
  const intercept = await parcelToStop(ctx, terms, facts);
  const types = [...(intercept ? ['intercept_parcel' as const] : []), ...tasksForTerms(terms)];
  const tasks: NewTask[] = types.map((type) => ({
    type,
    ownerRole: ownerFor(type, facts),
    // With a return, the clock starts when the goods arrive (set on receipt); goods already back
    // start it now. A refund behind an interception starts when the parcel is stopped.
    dueAt: basis.returnRequired || (intercept && type === 'refund') ? null : taskDueAt(type, facts, ctx.now, calendar),
    verification: TASK_VERIFICATION[type] ?? 'confirmation',
  }));
  tasks.push(...(plan.steps ?? []).map((step) => planStepTask(step, ctx.now)));
  const lines: Parameters<typeof insertLedgerLines>[3] = plannedLedger(terms, plan.responsibility, facts.seller);
  // The postage owed again is the plan's own line and task: a plan replacing this one decides anew.
  // The goods are back already, so it is due from now.
  if (basis.postage) {
    tasks.push({ type: 'shipping_reimbursement', ownerRole: 'finance', dueAt: taskDueAt('shipping_reimbursement', facts, ctx.now, calendar), verification: TASK_VERIFICATION.shipping_reimbursement! });
    lines.push({ entryType: 'return_shipping', amountFen: basis.postage.amountFen, borneBy: basis.postage.borneBy, paidTo: 'customer', reason: 'return shipping' });
  }
  if (intercept) await tellToRefuse(ctx);
  await insertTasks(ctx.trx, ctx.row.id, plan.offerId, tasks, ctx.now);
  await insertLedgerLines(ctx.trx, ctx.row.id, plan.offerId, lines, plan.responsibility, ctx.now);
  return { cancelledTaskIds, ...(basis.postage ? { postageReinstatedFen: basis.postage.amountFen } : {}) };
}

/**
 * Who pays for sending the goods back: the finding decides (VER-5), else the policy's answer at
 * intake. A fault of the customer's own puts the fee on them even where intake, judging a quality
 * complaint, put it on the seller; return-shipping insurance the customer bought still pays.
 */
export function returnShippingPayer(responsibility: Responsibility | null, facts: CaseFacts) {
  if (responsibility === 'customer_misuse') return facts.returnShippingPaidBy === 'insurer' ? 'insurer' : 'customer';
  if (responsibility && responsibility !== 'no_fault') return liableParty(responsibility, facts.seller);
  return facts.returnShippingPaidBy ?? 'customer';
}
