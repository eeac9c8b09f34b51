// A case's progress as the customer checks it without an agent (IN-6, EX-2): the stage, what
// happens next and by when (their own open obligations and the plan's open tasks), and where each
// refund is, with when the money should arrive. Built from the case's existing read queries.
import type { AppDeps } from '../../http/deps.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { assertCanSeeCase } from '../cases/case.access.ts';
import { findCaseByNo, loadCaseDetail } from '../cases/case.repository.ts';
import { CASE_STATE_LABELS, type CaseState, PROGRESS_STAGE_LABELS, progressStage, REOPEN_WINDOW_DAYS } from '../cases/case.state.ts';
import { progressFactsOf, progressSteps } from '../cases/case.progress.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import { caseDeadlinesFor } from '../sla/sla.presenter.ts';
import { paymentMethodOf } from './selfservice.repository.ts';
import { TASK_LABELS } from '../execution/task.describe.ts';

type Party = 'customer' | 'platform' | 'merchant' | 'none';
const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

/** What happens next in each state, and whose move it is. */
const NEXT_STEP: Record<CaseState, { party: Party; text: LocalizedText }> = {
  submitted: { party: 'platform', text: t('我们已收到您的申请，将尽快受理。', 'We have your request and will acknowledge it shortly.') },
  acknowledged: { party: 'platform', text: t('已受理，正在核实情况，随后给出处理方案。', 'Acknowledged: we are checking and will propose a solution.') },
  investigating: { party: 'platform', text: t('正在调查核实，随后给出处理方案。', 'We are investigating and will propose a solution.') },
  awaiting_customer: { party: 'customer', text: t('需要您补充信息或凭证，请在截止时间前在售后单中回复。', 'We need more information or evidence from you: reply on the case before the deadline.') },
  plan_pending_approval: { party: 'platform', text: t('处理方案正在内部审批，通过后会发给您确认。', 'The proposed solution is being approved and will then be sent to you.') },
  plan_proposed: { party: 'customer', text: t('处理方案已给出，请在售后单中确认接受或拒绝。', 'A solution has been proposed: accept or reject it on the case.') },
  compliance_review: { party: 'platform', text: t('正在进行合规评估，完成后会给出新的方案。', 'Under compliance review; a new proposal follows.') },
  awaiting_return: { party: 'customer', text: t('请按售后单中的退货地址寄回商品，并填写承运商和运单号。', 'Ship the goods to the return address on the case and enter the carrier and tracking number.') },
  return_in_transit: { party: 'merchant', text: t('退货运输中，商家签收后会验货。', 'Your return is on its way; the merchant inspects it on arrival.') },
  return_received: { party: 'merchant', text: t('商家已收到退货，正在质检。', 'The merchant has received your return and is inspecting it.') },
  inspection_failed: { party: 'platform', text: t('质检未通过，客服会联系您说明原因和后续方案。', 'The inspection failed; we will contact you with the reason and what comes next.') },
  executing: { party: 'platform', text: t('正在执行处理方案（退款、换新或维修）。', 'The solution is being carried out (refund, replacement or repair).') },
  resolved: { party: 'platform', text: t('已处理完成，稍后会通知您处理结果。', 'Done: you will be told the result shortly.') },
  result_notified: { party: 'customer', text: t('处理结果已通知您，请确认问题是否已解决。', 'We have sent you the result: please confirm whether it solved the problem.') },
  closed: { party: 'none', text: t('售后已完成。', 'This case is complete.') },
  archived: { party: 'none', text: t('售后已完成并归档。', 'This case is complete and archived.') },
  rejected: { party: 'none', text: t('申请未通过，原因见处理记录；如有疑问可再次申请或投诉。', 'The request was not approved; see the reason in the history. You may apply again or complain.') },
  withdrawn: { party: 'none', text: t('您已撤销此申请。', 'You withdrew this request.') },
  merged: { party: 'none', text: t('此申请已合并到另一售后单，请查看该售后单的进度。', 'This request was merged into another case; follow that case instead.') },
};

const MERCHANT_REFUSED = {
  party: 'customer' as Party,
  text: t(
    `商家未同意申请，原因见处理记录；如有异议，可在 ${REOPEN_WINDOW_DAYS} 天内申请平台介入。`,
    `The merchant did not accept the request; see the reason in the history. If you disagree, ask the platform to step in within ${REOPEN_WINDOW_DAYS} days.`,
  ),
};

/** Tasks that return money through the payment provider, by the ledger line they pay. */
const MONEY_TASKS: Record<string, string> = { refund: 'refund', shipping_reimbursement: 'return_shipping' };

/** Where a refund to the original payment arrives, and how many working days it usually takes. */
export function refundArrival(method: string | null): { text: LocalizedText; workingDays: number } {
  const m = (method ?? '').toLowerCase();
  if (/alipay|支付宝/.test(m)) return { text: t('原路退回支付宝，一般 1 个工作日内到账', 'Back to Alipay, usually within 1 working day'), workingDays: 1 };
  if (/wechat|weixin|wxpay|微信/.test(m)) return { text: t('原路退回微信支付，一般 1 个工作日内到账', 'Back to WeChat Pay, usually within 1 working day'), workingDays: 1 };
  if (/card|bank|unionpay|银行|信用卡/.test(m)) {
    return { text: t('原路退回银行卡，一般 1–3 个工作日到账（个别银行最长 7 个工作日）', 'Back to your bank card, usually in 1–3 working days (up to 7 with some banks)'), workingDays: 3 };
  }
  return { text: t('原路退回，预计 1–3 个工作日到账', 'Back to the original payment method, usually in 1–3 working days'), workingDays: 3 };
}

export async function caseProgress(deps: AppDeps, actor: Actor, caseNo: string) {
  const { db } = deps.database;
  const row = assertCanSeeCase(actor, await findCaseByNo(db, caseNo));
  const now = deps.clock.now();
  const [detail, rules, method] = await Promise.all([loadCaseDetail(db, row.id), deps.sla.rules(db), paymentMethodOf(db, row.order_id)]);
  const deadlines = await caseDeadlinesFor(db, rules, row.id, actor, now);
  const calendar = rules.calendarFor(null);
  const state = row.state as CaseState;
  const stage = progressStage(state);
  // ORG-3: a merchant's refusal can be taken to the platform; say so where it applies.
  const next = state === 'rejected' && row.queue === 'merchant' ? MERCHANT_REFUSED : NEXT_STEP[state];
  const openTasks = detail.tasks.filter((task) => task.status === 'open');
  return {
    caseNo: row.case_no,
    kind: row.kind,
    state,
    stateLabel: CASE_STATE_LABELS[state],
    progressStage: stage,
    progressStageLabel: PROGRESS_STAGE_LABELS[stage],
    stages: progressSteps(progressFactsOf(row, detail)).map((s) => ({
      stage: s.stage,
      label: s.status === 'stopped' ? CASE_STATE_LABELS[state] : PROGRESS_STAGE_LABELS[s.stage],
      status: s.status,
    })),
    next: { party: next.party, text: next.text },
    // The customer's own open obligations: what they must do, and by when.
    yourDeadlines: deadlines
      .filter((d) => d.party === 'customer' && (d.state === 'running' || d.state === 'warning' || d.state === 'breached' || d.state === 'paused'))
      .map((d) => ({ metric: d.metric, label: d.label, dueAt: d.dueAt, state: d.state, remainingMs: d.remainingMs, autoOutcome: d.autoOutcome })),
    pendingTasks: openTasks.map((task) => ({
      type: task.type,
      label: TASK_LABELS[task.type] ?? t(task.type, task.type),
      dueAt: task.due_at?.toISOString() ?? null,
    })),
    refunds: presentRefunds(detail, method, calendar),
    updatedAt: row.updated_at.toISOString(),
  };
}

type Detail = Awaited<ReturnType<typeof loadCaseDetail>>;

/** What the customer is told of a payment made or asked for: an order refund goes back 原路, postage is a transfer. */
const PAYOUT_ARRIVAL = t('运费以转账方式付给您，一般 1–3 个工作日到账', 'Paid to you as a transfer, usually within 1–3 working days');
const BEING_PAID = {
  refund: t('退款处理中：已提交支付渠道，正在确认结果，确认后原路退回', 'Being paid: sent to the payment provider, whose answer is being confirmed; it goes back to the original payment method'),
  shipping_reimbursement: t('运费退还处理中：已提交支付渠道，正在确认结果', 'Being paid: sent to the payment provider, whose answer is being confirmed'),
};
const NOT_PAID = {
  refund: t('退款未成功，我们会重新发起退款或联系您。', 'The refund did not go through; we will retry it or contact you.'),
  shipping_reimbursement: t('运费退还未成功，我们会重新发起或联系您。', 'The postage payment did not go through; we will retry it or contact you.'),
};

function presentRefunds(detail: Detail, method: string | null, calendar: BusinessCalendar) {
  const arrival = refundArrival(method);
  const payout = { text: PAYOUT_ARRIVAL, workingDays: 3 };
  const kindOf = (taskType: string | undefined) => (taskType === 'shipping_reimbursement' ? 'shipping_reimbursement' : 'refund');
  const done = detail.refunds.map((r) => {
    const kind = kindOf(detail.tasks.find((task) => task.id === r.task_id)?.type);
    const arrives = kind === 'shipping_reimbursement' ? payout : arrival;
    const status = r.status as 'pending' | 'succeeded' | 'failed';
    return {
      id: r.id as string | null,
      kind,
      amountFen: r.amount_fen,
      currency: r.currency,
      status,
      requestedAt: r.created_at.toISOString(),
      completedAt: status === 'succeeded' ? (r.completed_at?.toISOString() ?? null) : null,
      providerRef: r.provider_ref,
      // A pending refund was asked for and its answer is awaited (in doubt): it is being paid, not failed.
      expectedArrival: status === 'succeeded' ? arrives.text : status === 'pending' ? BEING_PAID[kind] : NOT_PAID[kind],
      expectedBy: status === 'succeeded' && r.completed_at ? calendar.addWorkingDays(r.completed_at, arrives.workingDays).toISOString() : null,
    };
  });
  // Refunds still to come: each open money task pays its planned ledger line, in order. A task whose
  // refund is being paid is shown by that refund, not a second time.
  const planned = new Map<string, number[]>();
  for (const line of detail.ledger) {
    if (line.status !== 'planned' || line.paid_to !== 'customer') continue;
    planned.set(line.entry_type, [...(planned.get(line.entry_type) ?? []), line.amount_fen]);
  }
  const beingPaid = new Set(detail.refunds.filter((r) => r.status === 'pending').map((r) => r.task_id));
  const stopping = detail.tasks.some((task) => task.status === 'open' && task.type === 'intercept_parcel');
  const pending = detail.tasks
    .filter((task) => task.status === 'open' && MONEY_TASKS[task.type])
    .flatMap((task) => {
      const amount = planned.get(MONEY_TASKS[task.type]!)?.shift();
      if (amount === undefined || beingPaid.has(task.id)) return [];
      const kind = kindOf(task.type);
      return [{
        id: null,
        kind,
        amountFen: amount,
        currency: 'CNY',
        status: 'pending' as const,
        requestedAt: task.created_at.toISOString(),
        completedAt: null,
        providerRef: null,
        expectedArrival: kind === 'shipping_reimbursement' ? postageToCome(Boolean(task.due_at)) : refundToCome(Boolean(task.due_at), stopping),
        expectedBy: task.due_at?.toISOString() ?? null,
      }];
    });
  return [...done, ...pending];
}

function refundToCome(due: boolean, stopping: boolean): LocalizedText {
  if (due) return t('退款将在截止时间前发起，原路退回', 'The refund will be issued by the due time, to the original payment method');
  return stopping
    ? t('包裹拦截成功或退回商家后发起退款，原路退回', 'Issued once the parcel is intercepted or back with the seller, to the original payment method')
    : t('商家收到退货并验货通过后发起退款，原路退回', 'Issued once the merchant has received and inspected the return, to the original payment method');
}

function postageToCome(due: boolean): LocalizedText {
  return due
    ? t('运费将在截止时间前以转账方式退还给您', 'The postage will be paid back to you as a transfer by the due time')
    : t('商家收到退货后，运费以转账方式退还给您', 'The postage is paid back to you as a transfer once the merchant has received the return');
}
