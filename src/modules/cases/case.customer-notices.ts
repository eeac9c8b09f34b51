// EX-3, CL-1: the buyer hears of each step taken on their case that asks something of them or
// changes what they can expect, in the console's bell (the customer's own sign-ins), in their
// language. Run by the case-event job after the command committed; a retried job sends nothing twice.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { notifyMany } from '../notifications/notifications.repository.ts';
import { REOPEN_WINDOW_DAYS } from './case.state.ts';

type EventData = Record<string, unknown>;
type Text = (caseNo: string, data: EventData) => { title: LocalizedText; body: LocalizedText };

const t = (titleZh: string, titleEn: string, bodyZh: (no: string, data: EventData) => string, bodyEn: (no: string, data: EventData) => string): Text => (no, data) => ({
  title: { 'zh-CN': titleZh, 'en-US': titleEn },
  body: { 'zh-CN': bodyZh(no, data), 'en-US': bodyEn(no, data) },
});

const returnsGoods = (data: EventData) => (data.terms as { returnRequired?: boolean } | undefined)?.returnRequired === true;
const yuan = (data: EventData) => (typeof data.amountFen === 'number' ? (data.amountFen / 100).toFixed(2) : '');
const tracking = (data: EventData) => {
  const proof = (data.proof ?? {}) as { carrier?: string; trackingNo?: string };
  return proof.trackingNo ? `${proof.carrier && proof.carrier !== 'unknown' ? `${proof.carrier} ` : ''}${proof.trackingNo}` : '';
};

const NOTICES: Readonly<Record<string, Text>> = {
  // Only a plan that takes the goods back asks the customer to ship anything.
  request_approved: t(
    '售后申请已同意',
    'Your request was approved',
    (no, d) => returnsGoods(d)
      ? `售后单 ${no} 已同意。退货地址在售后单中，请在期限内寄出商品并填写运单号。`
      : `售后单 ${no} 已同意，无需寄回商品，正在按您的申请处理，进度见售后单。`,
    (no, d) => returnsGoods(d)
      ? `Case ${no} was approved. The return address is on the case: ship the goods in time and enter the tracking number.`
      : `Case ${no} was approved. Nothing needs to be sent back; it is being carried out as you asked, and the case shows how it goes.`,
  ),
  plan_proposed: t('有处理方案待您确认', 'A solution awaits your answer', (no) => `售后单 ${no} 有新的处理方案，请查看并确认或提出您的意见。`, (no) => `There is a proposed solution on case ${no}: accept it or tell us what you think.`),
  plan_approved: t('有处理方案待您确认', 'A solution awaits your answer', (no) => `售后单 ${no} 有新的处理方案，请查看并确认或提出您的意见。`, (no) => `There is a proposed solution on case ${no}: accept it or tell us what you think.`),
  evidence_requested: t('请补充凭证', 'Please add evidence', (no) => `售后单 ${no} 需要您补充凭证，请在期限内上传。`, (no) => `Case ${no} needs more evidence from you; please upload it in time.`),
  rejected_ineligible: t('售后申请未通过', 'Your request was not accepted', (no) => `售后单 ${no} 未能受理，原因见售后单。如有疑问可回复咨询。`, (no) => `Case ${no} could not be accepted; the reason is on the case. Reply there if you have questions.`),
  // ORG-3: a merchant's refusal is not the last word; the buyer is told how to contest it.
  merchant_rejected_ineligible: t(
    '商家未同意您的申请',
    'The merchant did not accept your request',
    (no) => `售后单 ${no} 被商家驳回，原因见售后单。如有异议，可在 ${REOPEN_WINDOW_DAYS} 天内申请平台介入。`,
    (no) => `The merchant refused case ${no}; the reason is on the case. If you disagree, you may ask the platform to step in within ${REOPEN_WINDOW_DAYS} days.`,
  ),
  return_received: t('商家已收到退货', 'Your return arrived', (no) => `售后单 ${no} 的退货已签收，验货后将为您处理。`, (no) => `The return for case ${no} has arrived; it is handled after inspection.`),
  inspection_passed: t('退货验货通过', 'Your return passed inspection', (no) => `售后单 ${no} 的退货验货通过，正在按方案为您处理。`, (no) => `The return for case ${no} passed inspection; what the plan promised is under way.`),
  inspection_failed: t(
    '退货验货未通过',
    'Your return did not pass inspection',
    (no) => `售后单 ${no} 的退货验货未通过，原因与照片见售后单。如有异议，可在售后单中回复说明，或申请平台介入。`,
    (no) => `The return for case ${no} did not pass inspection; the reason and photos are on the case. If you disagree, reply on the case or ask the platform to step in.`,
  ),
  counter_offer_accepted: t('您的方案已被接受', 'Your counter-offer was accepted', (no) => `售后单 ${no} 您提出的方案已被接受，正在按方案为您处理。`, (no) => `Your counter-offer on case ${no} was accepted; it is being carried out.`),
  plan_expired: t('处理方案已失效', 'The proposed solution lapsed', (no) => `售后单 ${no} 的处理方案未在期限内确认，已失效；我们会重新跟进，您也可以在售后单中回复。`, (no) => `The solution proposed on case ${no} was not answered in time and lapsed; we will follow up, and you can reply on the case.`),
  return_lapsed: t('退货未寄回，申请已结束', 'Return not shipped: request ended', (no) => `售后单 ${no} 未在期限内寄回商品，退货申请已结束。如仍需处理，可在 ${REOPEN_WINDOW_DAYS} 天内重新打开。`, (no) => `The goods for case ${no} were not shipped back in time, so the return ended. If you still need help, reopen it within ${REOPEN_WINDOW_DAYS} days.`),
  message_added: t('有新的回复', 'New reply', (no) => `售后单 ${no} 有新的回复，请查看。`, (no) => `There is a new reply on case ${no}.`),
  platform_intervention: t('平台已介入', 'The platform has stepped in', (no) => `平台已介入售后单 ${no}，将核实情况并给出处理方案。`, (no) => `The platform has stepped in on case ${no}; it will check and propose a solution.`),
  case_closed: t('售后单已结案', 'Your case is closed', (no) => `售后单 ${no} 已结案。如问题仍未解决，可在 ${REOPEN_WINDOW_DAYS} 天内重新打开。`, (no) => `Case ${no} is closed. If the problem is not solved, reopen it within ${REOPEN_WINDOW_DAYS} days.`),
  refund_executed: t('退款已支付', 'Refund paid', (no, d) => `售后单 ${no} 的退款 ${yuan(d)} 元已原路退回，到账时间以支付渠道为准。`, (no, d) => `The refund of ${yuan(d)} yuan for case ${no} was paid back the way you paid; when it shows depends on your payment method.`),
  'refund_executed:shipping_reimbursement': t('退货运费已退还', 'Return postage paid back', (no, d) => `售后单 ${no} 您垫付的退货运费 ${yuan(d)} 元已退还至您的账户。`, (no, d) => `The return postage of ${yuan(d)} yuan you paid on case ${no} was paid back to your account.`),
  // EX-3, EX-4: what was sent, with what the customer needs to follow it.
  'task_completed:ship_replacement': t('换新商品已发出', 'Your replacement is on its way', (no, d) => `售后单 ${no} 的换新商品已发出，运单号 ${tracking(d)}。`, (no, d) => `The replacement for case ${no} has shipped: tracking number ${tracking(d)}.`),
  'task_completed:ship_back_repaired': t('维修商品已寄回', 'Your repaired item is on its way', (no, d) => `售后单 ${no} 的商品已修好寄回，运单号 ${tracking(d)}。`, (no, d) => `The repaired item for case ${no} has shipped back: tracking number ${tracking(d)}.`),
  'task_completed:intercept_parcel': t('包裹已拦截', 'Your parcel was stopped', (no) => `售后单 ${no} 的在途包裹已拦截或退回商家，退款将尽快原路退回。`, (no) => `The parcel for case ${no} was intercepted or is back with the seller; the refund follows shortly.`),
  'task_completed:compensation': t('补偿已发放', 'Your compensation was given', (no) => `售后单 ${no} 的补偿（优惠券、现金或积分）已发放，详情见售后单。`, (no) => `The compensation on case ${no} (coupon, cash or points) was given; the details are on the case.`),
  result_notified: t('处理结果已告知', 'Your case has a result', (no) => `售后单 ${no} 已处理完毕，请确认问题是否解决；如不满意可重新打开。`, (no) => `Case ${no} is done: confirm the problem is solved, or reopen it if not.`),
};

/** Which notice an event gives: by its type, or by the task it completed or paid for. */
function noticeKey(type: string, data: EventData): string | null {
  const byTask = typeof data.taskType === 'string' ? `${type}:${data.taskType}` : null;
  if (byTask && NOTICES[byTask]) return byTask;
  return NOTICES[type] ? type : null;
}

/**
 * The events up to the command's last (`seq`): a command writes a few. An earlier command's events
 * in the window were noticed by its own job; the dedupe key keeps them from being sent again.
 */
function recentEvents(db: Kysely<DB>, caseId: string, seq: number) {
  return db
    .selectFrom('case_events')
    .select(['seq', 'type', 'actor_role', 'data'])
    .where('case_id', '=', caseId)
    .where('seq', '<=', seq)
    .where('seq', '>', seq - 8)
    .execute();
}

export async function noticeCustomer(db: Kysely<DB>, caseId: string, seq: number, now: Date): Promise<void> {
  const events = (await recentEvents(db, caseId, seq))
    .filter((e) => e.actor_role !== 'customer')
    .map((e) => ({ ...e, data: (e.data ?? {}) as EventData, key: noticeKey(e.type, (e.data ?? {}) as EventData) }))
    .filter((e) => e.key !== null);
  if (events.length === 0) return;
  const row = await db.selectFrom('cases').select(['case_no', 'customer_id']).where('id', '=', caseId).executeTakeFirst();
  if (!row) return;
  const users = await db.selectFrom('users').select('id').where('customer_id', '=', row.customer_id).where('role', '=', 'customer').execute();
  await notifyMany(
    db,
    users.flatMap((u) =>
      events.map((e) => ({
        recipientUserId: u.id,
        caseId,
        type: `customer_${e.type}`,
        ...(NOTICES[e.actor_role === 'merchant' ? `merchant_${e.key}` : e.key!] ?? NOTICES[e.key!])!(row.case_no, e.data),
        dedupeKey: `${caseId}:${e.seq}:customer:${u.id}`,
        now,
      })),
    ),
  );
}
