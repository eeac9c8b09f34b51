// Refunds whose answer was lost (a provider timeout, a crash between asking and recording) are
// asked again on a schedule, as the system, under their own refund id: the provider answers from
// its record, and the task completes or the refusal reaches finance as if the answer had come.
import type { AppDeps } from '../../http/deps.ts';
import { runCaseAction } from '../cases/case.actions.runner.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { executionActionHandlers } from './execution.actions.ts';
import { refundsInDoubt } from './refund.repository.ts';

export const REFUND_RECONCILE_CRON = '*/5 * * * *';
/** A refund still waiting this long had its answer lost, not delayed (the gateway's own timeout is 10 s). */
const IN_DOUBT_AFTER_MS = 2 * 60_000;
const BATCH = 50;

export async function reconcileRefunds(deps: AppDeps): Promise<{ settled: string[]; stillInDoubt: string[] }> {
  const inDoubt = await refundsInDoubt(deps.database.db, new Date(deps.clock.now().getTime() - IN_DOUBT_AFTER_MS), BATCH);
  const settled: string[] = [];
  const stillInDoubt: string[] = [];
  for (const refund of inDoubt) {
    try {
      await runCaseAction(
        deps,
        SYSTEM_ACTOR,
        refund.case_no,
        { type: 'complete_task', input: { taskId: refund.task_id!, proof: {} }, handler: executionActionHandlers.complete_task },
        undefined,
      );
      settled.push(refund.id);
    } catch (error) {
      // The provider is still unreachable, or the task no longer takes the answer: the next run tries again.
      console.warn('[refunds] still in doubt', refund.case_no, refund.id, (error as Error).message);
      stillInDoubt.push(refund.id);
    }
  }
  return { settled, stillInDoubt };
}
