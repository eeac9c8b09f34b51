// A changed target or calendar moves the clocks already running under it (SLA: "recomputed on
// target changes"). Runs as a job, case by case in small transactions, so a change touching many
// open clocks never holds one long transaction; each case's clocks follow the same pure plan as
// a command with no events, and the rescheduling is on the case's timeline.
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { recordCaseEvents } from '../cases/case.events.ts';

export const slaRecomputeJobSchema = z.object({
  metric: z.string().nullable(),
  /** A calendar changed: every open clock is measured again, not only the retargeted ones. */
  calendars: z.boolean().default(false),
});

const BATCH = 200;

export async function handleSlaRecompute(deps: AppDeps, payload: unknown): Promise<number> {
  const job = slaRecomputeJobSchema.parse(payload);
  const db = deps.database.db;
  deps.sla.forget();
  let after = '00000000-0000-0000-0000-000000000000';
  let moved = 0;
  for (;;) {
    let query = db
      .selectFrom('case_deadlines')
      .select('case_id')
      .distinct()
      .where('status', 'in', ['running', 'paused'])
      .where('case_id', '>', after)
      .orderBy('case_id')
      .limit(BATCH);
    if (job.metric) query = query.where('metric', '=', job.metric);
    const cases = await query.execute();
    if (cases.length === 0) return moved;
    for (const { case_id } of cases) {
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('cases').selectAll().where('id', '=', case_id).forUpdate().executeTakeFirst();
        if (!row) return;
        const version = await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, [], now, {}, { rebudgetClocks: job.calendars });
        if (version > row.version) moved += 1;
      });
    }
    after = cases.at(-1)!.case_id;
  }
}
