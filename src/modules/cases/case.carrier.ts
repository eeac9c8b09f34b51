// What the carrier says about a case's parcels. A return delivered starts the merchant's clock to
// confirm receipt (an obligation clock; if it runs out, receipt is confirmed and the refund
// executed for them); a parcel lost or in trouble is told to those who must act (EX-6).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { recordCaseEvents } from './case.events.ts';
import { insertMessage } from './case.repository.ts';
import { acceptsChanges, type CaseState } from './case.state.ts';
import { notifyMany } from '../notifications/notifications.repository.ts';
import { cachedQueues } from '../routing/routing.repository.ts';

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
  return: { 'zh-CN': '退货包裹', 'en-US': 'return parcel' },
  replacement: { 'zh-CN': '换新包裹', 'en-US': 'replacement parcel' },
  repaired: { 'zh-CN': '维修寄回包裹', 'en-US': 'repaired item parcel' },
};

/**
 * EX-6: the carrier reports a parcel of the case lost or in trouble. It goes on the timeline, the
 * holder of the case and the logistics department are told, and so is the customer: nobody has
 * to notice a stuck parcel by asking. What to do (a claim, a reship, a refund) is for the holder.
 */
export async function recordParcelTrouble(
  deps: Pick<AppDeps, 'sla'>,
  trx: Kysely<DB>,
  caseId: string,
  trouble: { direction: string; status: string; description: string | null; occurredAt: Date },
  now: Date,
): Promise<void> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
  const parcel = PARCELS[trouble.direction];
  if (!row || !parcel || !acceptsChanges(row.state as CaseState)) return;
  const lost = trouble.status === 'lost';
  const what = { 'zh-CN': `${parcel['zh-CN']}${lost ? '丢失' : '物流异常'}`, 'en-US': `${lost ? 'Lost' : 'Trouble with the'} ${parcel['en-US']}` };
  const detail = trouble.description ? `（${trouble.description}）` : '';
  const holder = (await cachedQueues(trx)).get(row.queue)?.role;
  const dedupeKey = `parcel:${caseId}:${trouble.direction}:${trouble.status}:${trouble.occurredAt.toISOString()}`;
  const notice = {
    caseId, type: 'parcel_trouble', now,
    title: { 'zh-CN': `售后单 ${row.case_no}：${what['zh-CN']}`, 'en-US': `Case ${row.case_no}: ${what['en-US']}` },
    body: {
      'zh-CN': `承运商报告${what['zh-CN']}${detail}。请核实并决定重新发货、理赔或退款，并告知客户。`,
      'en-US': `The carrier reports: ${what['en-US']}${trouble.description ? ` (${trouble.description})` : ''}. Check it and decide on a reship, a claim or a refund, and tell the customer.`,
    },
  };
  await notifyMany(trx, [
    { ...notice, recipientRole: 'department', department: 'logistics', dedupeKey: `${dedupeKey}:logistics` },
    holder === 'merchant' && row.merchant_id
      ? { ...notice, merchantId: row.merchant_id, dedupeKey: `${dedupeKey}:holder` }
      : { ...notice, recipientRole: holder ?? 'agent', dedupeKey: `${dedupeKey}:holder` },
  ]);
  const customer = await trx.selectFrom('customers').select('locale').where('id', '=', row.customer_id).executeTakeFirst();
  const body = customer?.locale === 'en-US'
    ? `The carrier reports a problem with your ${parcel['en-US']} on case ${row.case_no}${lost ? ': it is lost' : ''}. We are checking it with the carrier and will tell you what happens next.`
    : `承运商反馈您售后单 ${row.case_no} 的${what['zh-CN']}。我们正在与承运商核实，会尽快告知您后续处理。`;
  await insertMessage(trx, { caseId, actor: SYSTEM_ACTOR, visibility: 'public', channel: row.channel, body, now });
  await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, [
    { type: 'parcel_trouble', fromState: row.state, toState: row.state, data: { direction: trouble.direction, status: trouble.status, description: trouble.description }, happenedAt: trouble.occurredAt },
  ], now);
}
