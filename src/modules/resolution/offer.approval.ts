// Who approves a plan and how they are asked (RES-3, RES-7): goodwill above the limit waits on a
// supervisor unless one proposed it; excessive goodwill waits on someone other than its proposer,
// supervisors included, so that no one alone gives compensation out of proportion to the goods.
import type { ActionContext } from '../cases/case.actions.runner.ts';
import { notify } from '../notifications/notifications.repository.ts';
import type { PlanAssessment } from './resolution.rules.ts';

export const APPROVERS = new Set(['supervisor', 'admin']);

/** Whether a staff plan waits on an approval before it reaches the customer. */
export function planNeedsApproval(assessment: PlanAssessment, proposerRole: string): boolean {
  return assessment.excessiveGoodwill !== null || (assessment.needsApproval && !APPROVERS.has(proposerRole));
}

/** The supervisors are told what the plan gives and why it waits on them. */
export async function askForApproval(ctx: ActionContext, plan: { offerId: string; assessment: PlanAssessment; goodwillReason: string | undefined }): Promise<void> {
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const excessive = plan.assessment.excessiveGoodwill;
  const why = excessive
    ? {
        'zh-CN': `补偿合计 ${yuan(excessive.goodwillFen)} 元，超过商品价值 ${yuan(excessive.goodsValueFen)} 元的 ${excessive.multiple} 倍（上限 ${yuan(excessive.limitFen)} 元），属超额补偿，须由提出人以外的主管审批`,
        'en-US': `${yuan(excessive.goodwillFen)} yuan of goodwill in all, more than ${excessive.multiple} times the goods' ${yuan(excessive.goodsValueFen)} yuan (limit ${yuan(excessive.limitFen)}): excessive, to be approved by a supervisor other than who proposed it`,
      }
    : {
        'zh-CN': `含额外补偿 ${yuan(plan.assessment.goodwillFen)} 元，超出审批额度`,
        'en-US': `gives ${yuan(plan.assessment.goodwillFen)} yuan of goodwill, above the approval limit`,
      };
  await notify(ctx.trx, {
    recipientRole: 'supervisor',
    caseId: ctx.row.id,
    type: 'plan_approval_requested',
    title: { 'zh-CN': '方案待审批', 'en-US': 'A plan awaits approval' },
    body: {
      'zh-CN': `售后单 ${ctx.row.case_no} 的方案${why['zh-CN']}，请审批。理由：${plan.goodwillReason ?? ''}`,
      'en-US': `The plan on case ${ctx.row.case_no} ${why['en-US']}: please decide. Reason: ${plan.goodwillReason ?? ''}`,
    },
    dedupeKey: `approval:${plan.offerId}`,
    now: ctx.now,
  });
}
