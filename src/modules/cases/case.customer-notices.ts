// EX-3, CL-1: the buyer hears of each step taken on their case that asks something of them or
// changes what they can expect, in the console's bell (the customer's own sign-ins), in their
// language. Run by the case-event job after the command committed; a retried job sends nothing twice.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { notifyMany } from '../notifications/notifications.repository.ts';
import { REOPEN_WINDOW_DAYS } from './case.state.ts';

type Text = (caseNo: string) => { title: LocalizedText; body: LocalizedText };

const t = (titleZh: string, titleEn: string, bodyZh: (no: string) => string, bodyEn: (no: string) => string): Text => (no) => ({
  title: { 'zh-CN': titleZh, 'en-US': titleEn },
  body: { 'zh-CN': bodyZh(no), 'en-US': bodyEn(no) },
});

const NOTICES: Readonly<Record<string, Text>> = {
  request_approved: t('售后申请已同意', 'Your request was approved', (no) => `售后单 ${no} 已同意。如需寄回商品，退货地址在售后单中，请在期限内寄出并填写运单号。`, (no) => `Case ${no} was approved. If the goods go back, the return address is on the case: ship them in time and enter the tracking number.`),
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
  inspection_passed: t('退货验货通过', 'Your return passed inspection', (no) => `售后单 ${no} 的退货验货通过，正在为您处理退款或换新。`, (no) => `The return for case ${no} passed inspection; the refund or replacement is under way.`),
  inspection_failed: t('退货验货未通过', 'Your return did not pass inspection', (no) => `售后单 ${no} 的退货验货未通过，原因与照片见售后单。`, (no) => `The return for case ${no} did not pass inspection; the reason and photos are on the case.`),
  refund_executed: t('退款已支付', 'Refund paid', (no) => `售后单 ${no} 的退款已原路退回，到账时间以支付渠道为准。`, (no) => `The refund for case ${no} was paid back the way you paid; when it shows depends on your payment method.`),
  result_notified: t('处理结果已告知', 'Your case has a result', (no) => `售后单 ${no} 已处理完毕，请确认问题是否解决；如不满意可重新打开。`, (no) => `Case ${no} is done: confirm the problem is solved, or reopen it if not.`),
};

/**
 * The events up to the command's last (`seq`): a command writes a few. An earlier command's events
 * in the window were noticed by its own job; the dedupe key keeps them from being sent again.
 */
function recentEvents(db: Kysely<DB>, caseId: string, seq: number) {
  return db
    .selectFrom('case_events')
    .select(['seq', 'type', 'actor_role'])
    .where('case_id', '=', caseId)
    .where('seq', '<=', seq)
    .where('seq', '>', seq - 8)
    .execute();
}

export async function noticeCustomer(db: Kysely<DB>, caseId: string, seq: number, now: Date): Promise<void> {
  const events = (await recentEvents(db, caseId, seq)).filter((e) => e.actor_role !== 'customer' && NOTICES[e.type]);
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
        ...(NOTICES[e.actor_role === 'merchant' ? `merchant_${e.type}` : e.type] ?? NOTICES[e.type])!(row.case_no),
        dedupeKey: `${caseId}:${e.seq}:customer:${u.id}`,
        now,
      })),
    ),
  );
}
