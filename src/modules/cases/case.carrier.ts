// What the carrier says about a case's parcels. A return delivered starts the merchant's clock to
// confirm receipt (an obligation clock; if it runs out, receipt is confirmed and the refund
// executed for them); a parcel lost or in trouble is told to those who must act (EX-6).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { recordCaseEvents } from './case.events.ts';
import { insertMessage } from './case.repository.ts';
import { acceptsChanges, type CaseState, OPEN_STATES } from './case.state.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { completeTask, setDueForOpenTasks } from '../execution/execution.repository.ts';
import { taskDueAt } from '../execution/execution.plan.ts';
import { caseFacts } from '../resolution/case-facts.ts';
import type { ImportHooks } from '../orders/orders.service.ts';
import { notifyMany } from '../notifications/notifications.repository.ts';
import { holderRecipient } from './case.holder-notices.ts';

export async function recordReturnDelivered(deps: Pick<AppDeps, 'sla'>, trx: Kysely<DB>, caseId: string, deliveredAt: Date, now: Date): Promise<void> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
  if (!row || row.state !== 'return_in_transit') return;
  // Once per shipment: a carrier may report delivery more than once.
  const already = await trx
    .selectFrom('case_events')
    .select('seq')
    .where('case_id', '=', caseId)
    .where('type', '=', 'return_delivered')
    .where('seq', '>', (eb) => eb.selectFrom('case_events').select((e) => e.fn.max('seq').as('s')).where('case_id', '=', caseId).where('type', '=', 'return_shipped'))
    .executeTakeFirst();
  if (already) return;
  await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, [
    { type: 'return_delivered', fromState: row.state, toState: row.state, data: { deliveredAt: deliveredAt.toISOString() }, happenedAt: deliveredAt },
  ], now);
}

const PARCELS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  outbound: { 'zh-CN': '订单包裹', 'en-US': 'order parcel' },
  return: { 'zh-CN': '退货包裹', 'en-US': 'return parcel' },
  replacement: { 'zh-CN': '换新包裹', 'en-US': 'replacement parcel' },
  repaired: { 'zh-CN': '维修寄回包裹', 'en-US': 'repaired item parcel' },
};

const TROUBLES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  lost: { 'zh-CN': '丢失', 'en-US': 'Lost' },
  exception: { 'zh-CN': '物流异常', 'en-US': 'Trouble with the' },
  delayed: { 'zh-CN': '延误', 'en-US': 'Delayed' },
  intercept_failed: { 'zh-CN': '拦截未成功（已签收）', 'en-US': 'Signed for despite the interception:' },
};

/** A parcel as the carrier feed knows it. */
export interface ParcelRef {
  case_id: string | null;
  order_id: string | null;
  direction: string;
}

export interface ParcelTrouble {
  /** lost, exception (reported by the carrier) or delayed (its promised delivery time passed). */
  status: string;
  description: string | null;
  occurredAt: Date;
  /** For a delay: the delivery time the carrier had promised. */
  promisedAt?: Date | null;
}

/**
 * The case a parcel's news is for: the case that sent or awaits it, or, for the order's own
 * delivery, the latest open case about that order (a customer who wrote "not received" is told
 * what the carrier says without asking again). None when no case is waiting on the parcel.
 */
async function caseOfParcel(trx: Kysely<DB>, parcel: ParcelRef): Promise<string | null> {
  if (parcel.case_id) return parcel.case_id;
  if (parcel.direction !== 'outbound' || !parcel.order_id) return null;
  const open = await trx
    .selectFrom('cases')
    .select('id')
    .where('order_id', '=', parcel.order_id)
    .where('state', 'in', OPEN_STATES)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return open?.id ?? null;
}

/**
 * EX-6: a parcel the case waits on is lost, in trouble or late. It goes on the timeline, the
 * holder of the case and the logistics department are told, and so is the customer: nobody has
 * to notice a stuck parcel by asking. What to do (a claim, a reship, a refund) is for the holder.
 */
export async function recordParcelTrouble(deps: Pick<AppDeps, 'sla'>, trx: Kysely<DB>, parcel: ParcelRef, trouble: ParcelTrouble, now: Date): Promise<void> {
  const caseId = await caseOfParcel(trx, parcel);
  if (!caseId) return;
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
  const kind = PARCELS[parcel.direction];
  const problem = TROUBLES[trouble.status];
  if (!row || !kind || !problem || !acceptsChanges(row.state as CaseState)) return;
  const what = { 'zh-CN': `${kind['zh-CN']}${problem['zh-CN']}`, 'en-US': `${problem['en-US']} ${kind['en-US']}` };
  const promised = trouble.promisedAt ? formatLocalDateTime(trouble.promisedAt) : null;
  const detail = {
    'zh-CN': trouble.description ? `（${trouble.description}）` : promised ? `（承诺 ${promised} 前送达，仍未签收）` : '',
    'en-US': trouble.description ? ` (${trouble.description})` : promised ? ` (promised by ${promised}, not delivered yet)` : '',
  };
  const dedupeKey = `parcel:${caseId}:${parcel.direction}:${trouble.status}:${trouble.occurredAt.toISOString()}`;
  const notice = {
    caseId, type: 'parcel_trouble', now,
    title: { 'zh-CN': `售后单 ${row.case_no}：${what['zh-CN']}`, 'en-US': `Case ${row.case_no}: ${what['en-US']}` },
    body: {
      'zh-CN': `承运商报告${what['zh-CN']}${detail['zh-CN']}。请核实并决定催件、重新发货、理赔或退款，并告知客户。`,
      'en-US': `The carrier reports: ${what['en-US']}${detail['en-US']}. Check it and decide on chasing the carrier, a reship, a claim or a refund, and tell the customer.`,
    },
  };
  await notifyMany(trx, [
    { ...notice, recipientRole: 'department', department: 'logistics', dedupeKey: `${dedupeKey}:logistics` },
    { ...notice, ...(await holderRecipient(trx, row)), dedupeKey: `${dedupeKey}:holder` },
  ]);
  const customer = await trx.selectFrom('customers').select('locale').where('id', '=', row.customer_id).executeTakeFirst();
  const body = customer?.locale === 'en-US'
    ? `The carrier reports a problem with your ${kind['en-US']} on case ${row.case_no}: ${what['en-US'].toLowerCase()}${detail['en-US']}. We are checking it with the carrier and will tell you what happens next.`
    : `承运商反馈您售后单 ${row.case_no} 的${what['zh-CN']}${detail['zh-CN']}。我们正在与承运商核实，会尽快告知您后续处理。`;
  await insertMessage(trx, { caseId, actor: SYSTEM_ACTOR, visibility: 'public', channel: row.channel, body, now });
  const data = { direction: parcel.direction, status: trouble.status, description: trouble.description, promisedAt: trouble.promisedAt?.toISOString() ?? null };
  await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, [
    { type: 'parcel_trouble', fromState: row.state, toState: row.state, data, happenedAt: trouble.occurredAt },
  ], now);
}

/**
 * The carrier's word on an order's delivery that a case's interception waits for (see
 * parcelToStop): back with the seller or lost, the parcel is stopped, and the refund behind it
 * falls due; signed for after all, the interception failed, and the holder decides what follows
 * (the buyer has the goods: a return instead). Only an executing case's task is settled here; a
 * case under review keeps it for the people handling it.
 */
export async function settleInterception(
  deps: Pick<AppDeps, 'sla'>,
  trx: Kysely<DB>,
  parcel: ParcelRef,
  report: { status: string; occurredAt: Date },
  now: Date,
): Promise<void> {
  if (parcel.direction !== 'outbound' || !parcel.order_id) return;
  const waiting = await trx
    .selectFrom('execution_tasks as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .select(['t.id', 't.case_id'])
    .where('c.order_id', '=', parcel.order_id)
    .where('t.type', '=', 'intercept_parcel')
    .where('t.status', '=', 'open')
    .execute();
  for (const task of waiting) {
    if (report.status === 'delivered') {
      await recordParcelTrouble(deps, trx, { ...parcel, case_id: task.case_id }, { status: 'intercept_failed', description: null, occurredAt: report.occurredAt }, now);
      continue;
    }
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', task.case_id).forUpdate().executeTakeFirstOrThrow();
    if (row.state !== 'executing') continue;
    const proof = { note: report.status === 'returned' ? '承运商报告包裹已退回商家' : '承运商报告包裹丢失' };
    await completeTask(trx, task.id, proof, null, now);
    const calendar = (await deps.sla.rules(trx)).calendarFor(null);
    await setDueForOpenTasks(trx, row.id, taskDueAt('refund', await caseFacts(trx, row, now), now, calendar), ['refund']);
    await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, [
      { type: 'task_completed', fromState: row.state, toState: row.state, data: { taskId: task.id, taskType: 'intercept_parcel', proof }, happenedAt: report.occurredAt },
    ], now);
  }
}

/** What the carrier feed does to cases, for the integration API and the import command alike. */
export function carrierHooks(deps: Pick<AppDeps, 'sla'>, now: Date): Pick<ImportHooks, 'returnDelivered' | 'parcelTrouble' | 'deliveryOutcome'> {
  return {
    returnDelivered: (trx, caseId, at) => recordReturnDelivered(deps, trx, caseId, at, now),
    parcelTrouble: (trx, parcel, trouble) => recordParcelTrouble(deps, trx, parcel, trouble, now),
    deliveryOutcome: (trx, parcel, report) => settleInterception(deps, trx, parcel, report, now),
  };
}
