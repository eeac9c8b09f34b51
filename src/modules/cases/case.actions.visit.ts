// 回访 (CRM-3, CL-2, CL-3): after the customer was told the result, staff call them back and
// record what they heard — satisfied, still dissatisfied, or not reached — with a rating if given.
// It changes no state: a dissatisfied customer's case is reopened as a command of its own (staff
// may reopen for them), so the record of the call and the decision to handle it again stay apart.
import { z } from 'zod';
import { conflict, forbidden } from '../../shared/errors.ts';
import type { ActionHandler } from './case.actions.runner.ts';

export const VISIT_OUTCOMES = ['satisfied', 'dissatisfied', 'unreachable'] as const;
/** Who calls customers back: the handlers and their supervisors (finance and merchants do not). */
export const VISITORS: ReadonlySet<string> = new Set(['agent', 'specialist', 'supervisor', 'compliance', 'admin']);
/** A return visit follows the result: the customer has been told it (and may have confirmed it). */
export const VISIT_STATES: ReadonlySet<string> = new Set(['result_notified', 'closed']);
export const RETURN_VISIT_LABEL = { 'zh-CN': '登记回访', 'en-US': 'log a return visit' };

export const visitActionSchemas = {
  log_return_visit: z.object({
    outcome: z.enum(VISIT_OUTCOMES),
    rating: z.number().int().min(1).max(5).optional(),
    note: z.string().trim().min(1).max(2000),
  }),
};
type VisitInput = z.infer<typeof visitActionSchemas.log_return_visit>;

const logReturnVisit: ActionHandler<VisitInput> = async (ctx, input) => {
  if (!VISITORS.has(ctx.actor.role)) throw forbidden();
  if (!VISIT_STATES.has(ctx.row.state)) {
    throw conflict(
      'visit-not-due',
      { 'zh-CN': '回访在告知客户处理结果之后进行', 'en-US': 'A return visit follows telling the customer the result' },
      { state: ctx.row.state },
    );
  }
  return {
    command: null,
    apply: async () => ({ eventType: 'return_visit_logged', reason: input.note, eventData: { outcome: input.outcome, rating: input.rating ?? null } }),
  };
};

export const visitActionHandlers = { log_return_visit: logReturnVisit };
