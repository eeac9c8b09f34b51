// CL-6: a case is archived once nobody can take it up again: closed, refused or withdrawn, and
// its reopen (or appeal) window over. A nightly pg-boss cron does it as the system, through the
// archive command, so the state machine's rules and the audit trail apply as for a person.
import type { AppDeps } from '../../http/deps.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { runCaseAction } from './case.actions.runner.ts';
import { basicActionHandlers } from './case.actions.basic.ts';
import { REOPEN_WINDOW_DAYS } from './case.state.ts';

export const CASE_ARCHIVE_CRON = '0 4 * * *';
const BATCH = 500;
const AUTO_ARCHIVE_NOTE = `结案超过 ${REOPEN_WINDOW_DAYS} 天未重新打开，系统自动归档`;

/** Archives the cases whose window has ended; returns their numbers. A case that cannot be archived (yet) is skipped. */
export async function archiveDueCases(deps: AppDeps): Promise<string[]> {
  const endedBefore = new Date(deps.clock.now().getTime() - REOPEN_WINDOW_DAYS * 86_400_000);
  const due = await deps.database.db
    .selectFrom('cases')
    .select('case_no')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['closed', 'rejected']), eb('closed_at', '<', endedBefore)]),
        eb.and([eb('state', '=', 'withdrawn'), eb('updated_at', '<', endedBefore)]),
      ]),
    )
    .orderBy('updated_at')
    .limit(BATCH)
    .execute();
  const archived: string[] = [];
  for (const { case_no: caseNo } of due) {
    try {
      await runCaseAction(deps, SYSTEM_ACTOR, caseNo, { type: 'archive', input: { note: AUTO_ARCHIVE_NOTE }, handler: basicActionHandlers.archive }, undefined);
      archived.push(caseNo);
    } catch (error) {
      console.warn('[archive] skipped', caseNo, (error as Error).message);
    }
  }
  return archived;
}
