// A task's owner's work: the open tasks that can be done now. A task waiting for the return, its
// inspection or another task (the repair, the parcel's interception) has no due time yet and is
// not work yet; nor is a task of a case that left execution, except a refund sent to the payment
// provider whose outcome is unknown, which its owner settles whatever the case waits for now.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { notifyMany } from '../notifications/notifications.repository.ts';
import { taskAmountFen, taskLabel } from './task.describe.ts';

type TaskScope = ExpressionBuilder<DB & { t: DB['execution_tasks'] }, 'cases' | 't'>;

/** The task `t` of the case `cases` is open, owned by the role and can be done now. */
export function isReadyTaskOf(ownerRole: string) {
  return (eb: TaskScope) =>
    eb.and([
      eb('t.status', '=', 'open'),
      eb('t.owner_role', '=', ownerRole),
      eb('t.due_at', 'is not', null),
      eb.or([
        eb('cases.state', '=', 'executing'),
        eb.exists(eb.selectFrom('refunds as r').select('r.id').whereRef('r.task_id', '=', 't.id').where('r.status', '=', 'pending')),
      ]),
    ]);
}

/**
 * Finance holds no case: no assignment or holder notice reaches it, so it hears of each money task
 * (refund, compensation, a return fee paid back) once it can be done, with the amount and the due
 * time. Once per task (the notice's dedupe key), whichever command made it ready.
 */
export async function tellFinanceOfReadyTasks(trx: Kysely<DB>, row: Pick<CaseRow, 'id' | 'case_no' | 'state'>, now: Date): Promise<void> {
  if (row.state !== 'executing') return;
  const tasks = await trx
    .selectFrom('execution_tasks as t')
    .innerJoin('cases', 'cases.id', 't.case_id')
    .selectAll('t')
    .where('t.case_id', '=', row.id)
    .where(isReadyTaskOf('finance'))
    .execute();
  if (tasks.length === 0) return;
  const ledger = await trx.selectFrom('ledger_entries').selectAll().where('case_id', '=', row.id).execute();
  await notifyMany(
    trx,
    tasks.map((task) => {
      const label = taskLabel(task, taskAmountFen(task, ledger));
      const due = formatLocalDateTime(task.due_at!);
      return {
        recipientRole: 'finance',
        caseId: row.id,
        type: 'task_ready',
        title: { 'zh-CN': `售后单 ${row.case_no}：待执行「${label['zh-CN']}」`, 'en-US': `Case ${row.case_no}: "${label['en-US']}" to carry out` },
        body: {
          'zh-CN': `售后单 ${row.case_no} 的「${label['zh-CN']}」已可执行，请在 ${due} 前完成。`,
          'en-US': `"${label['en-US']}" on case ${row.case_no} can be carried out now: complete it by ${due} (China time).`,
        },
        dedupeKey: `task-ready:${task.id}`,
        now,
      };
    }),
  );
}
