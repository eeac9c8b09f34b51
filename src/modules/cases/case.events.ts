// Every change to a case's timeline goes through here: the SLA clocks move with the same events,
// in the same transaction, and their own events follow the command's on the timeline. Events that
// change the case's state are also written to the audit trail, in one statement, and the case's
// holder hears of the moves others made on it (case.holder-notices.ts); finance, who holds no case,
// of the money tasks that can now be done (execution/task.ready.ts).
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, SYSTEM_ACTOR } from '../identity/index.ts';
import { stateChangeAudits } from './case.audit.ts';
import { appendEvents, type CaseEventInput } from './case.repository.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { cachedQueues } from '../routing/routing.repository.ts';
import { noticeHolderOfMoves } from './case.holder-notices.ts';
import { tellFinanceOfReadyTasks } from '../execution/task.ready.ts';

type CaseChanges = Partial<Omit<CaseRow, 'id' | 'version'>>;

/** Appends the events (and the SLA events they cause) and applies the case changes; returns the new version. */
export async function recordCaseEvents(
  deps: Pick<AppDeps, 'sla'>,
  trx: Kysely<DB>,
  row: CaseRow,
  actor: Actor,
  events: CaseEventInput[],
  now: Date,
  changes: CaseChanges = {},
  options: { rebudgetClocks?: boolean } = {},
): Promise<number> {
  const after = { ...row, ...changes };
  const slaEvents = await deps.sla.onCaseChange(trx, {
    row,
    after,
    events: events.map((e) => ({
      type: e.type,
      actorRole: (e.actor ?? actor).role,
      toState: e.toState ?? after.state,
      ...(e.happenedAt ? { happenedAt: e.happenedAt } : {}),
      ...(typeof e.data?.taskType === 'string' ? { taskType: e.data.taskType } : {}),
      ...(typeof e.data?.replied === 'boolean' ? { replied: e.data.replied } : {}),
    })),
    now,
    rebudget: options.rebudgetClocks ?? false,
  });
  const caused: CaseEventInput[] = slaEvents.map((e) => ({
    type: e.type,
    fromState: after.state,
    toState: after.state,
    data: e.data,
    actor: SYSTEM_ACTOR,
  }));
  const all = [...events, ...caused];
  // A recomputation that moved nothing leaves the case as it was.
  if (all.length === 0 && Object.keys(changes).length === 0) return row.version;
  const version = await appendEvents(trx, row, actor, all, now, changes);
  await recordAudit(trx, stateChangeAudits({ id: row.id, caseNo: row.case_no }, actor, events, row.version + 1, now));
  await noticeHandover(trx, row, after, events, now, version);
  await noticeHolderOfMoves(trx, after, actor, events, slaEvents, version, now);
  await tellFinanceOfReadyTasks(trx, after, now);
  return version;
}

/**
 * ORG-3: the merchant hears when the platform takes its case or hands it back, whatever moved it
 * (a re-route by severity, compliance review, a supervisor's assignment). An intervention tells
 * the merchant in its own words.
 */
async function noticeHandover(trx: Kysely<DB>, row: CaseRow, after: CaseRow, events: CaseEventInput[], now: Date, version: number): Promise<void> {
  if (!after.merchant_id || row.queue === after.queue || events.some((e) => e.type === 'platform_intervention')) return;
  const queues = await cachedQueues(trx);
  const withMerchant = queues.get(after.queue)?.role === 'merchant';
  if (withMerchant === (queues.get(row.queue)?.role === 'merchant')) return;
  const no = row.case_no;
  await notify(trx, {
    merchantId: after.merchant_id, caseId: row.id, dedupeKey: `handover:${row.id}:${version}`, now,
    ...(withMerchant
      ? {
          type: 'case_handed_to_merchant',
          title: { 'zh-CN': `售后单 ${no} 已交由贵店处理`, 'en-US': `Case ${no} is now yours to handle` },
          body: { 'zh-CN': '平台已将该售后单交回贵店，请在时限内处理。', 'en-US': 'The platform has handed this case to your shop: handle it within its deadlines.' },
        }
      : {
          type: 'case_taken_by_platform',
          title: { 'zh-CN': `售后单 ${no} 已由平台处理`, 'en-US': `The platform now handles case ${no}` },
          body: {
            'zh-CN': '该售后单已转由平台处理，贵店无需再作处理决定；如有需要，平台会请您协助（如收货、质检）。',
            'en-US': 'The platform now handles this case and decides on it; it will ask you for what it needs (receiving or inspecting goods).',
          },
        }),
  });
}
