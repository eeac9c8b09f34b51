// 回访 (CRM-3, CL-2, CL-3): after the customer was told the result, staff call them back and
// record what they heard — satisfied, still dissatisfied, or not reached — with a rating if given.
// A customer still dissatisfied has their case handled again (S4 step 4.2: 重新启动处理流程): the
// visit reopens it while the reopen window allows, with the plan and second-handling clocks that
// a reopen starts; past the window the call is recorded only.
import { z } from 'zod';
import { conflict, forbidden } from '../../shared/errors.ts';
import type { ActionHandler } from './case.actions.runner.ts';
import { retakeDuplicateSlot } from './case.actions.basic.ts';
import type { CaseCommand } from './case.state.ts';

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
  const visit = { outcome: input.outcome, rating: input.rating ?? null };
  const reopen: CaseCommand = { type: 'reopen', reason: input.note };
  if (input.outcome === 'dissatisfied' && mayReopen(() => ctx.assertAllowed(reopen))) {
    return {
      command: reopen,
      apply: async () => ({
        priorEvents: [{ type: 'return_visit_logged', fromState: ctx.row.state, toState: ctx.row.state, reason: input.note, data: visit }],
        reason: input.note,
        // The note is staff's record of the call, not words to the customer.
        eventData: { ...(await retakeDuplicateSlot(ctx)), returnVisit: visit, reasonInternal: true },
      }),
    };
  }
  return {
    command: null,
    apply: async () => ({ eventType: 'return_visit_logged', reason: input.note, eventData: visit }),
  };
};

/** Whether the state machine would take the reopen (the window may have ended). */
function mayReopen(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

export const visitActionHandlers = { log_return_visit: logReturnVisit };
