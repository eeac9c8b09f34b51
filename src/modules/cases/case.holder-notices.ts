// Whoever holds a case hears, in the command's own transaction, of what others did on it that is
// theirs to act on (ORG-3, SLA-9, SLA-10): the customer answering a plan, writing, shipping the
// return or reopening the case; the system granting a request, letting a plan lapse or passing
// goods left uninspected; the merchant failing the goods on a case the platform decides. The
// merchant receives and inspects the goods on every case, so it hears of their moves (the return
// shipped, delivered, passed for it) also while the platform holds the case. Many of these start the holder's clock (a
// rejected plan owes a new one within the hour), so the notice says by when. Without it a merchant
// would learn of the clock only when the platform took its case away.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { STAFF_ROLES, type LocalizedText } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { type NewNotification, notifyMany } from '../notifications/notifications.repository.ts';
import { noticeText } from '../privacy/pii.present.ts';
import { cachedQueues } from '../routing/routing.repository.ts';
import type { SlaEventOut } from '../sla/sla.plan.ts';
import { SLA_METRIC_LABELS } from '../sla/sla.targets.ts';
import type { CaseEventInput } from './case.repository.ts';
import { type CaseState, isOpenState } from './case.state.ts';

type Recipient = Pick<NewNotification, 'merchantId' | 'recipientUserId' | 'recipientRole'>;

/**
 * Who holds the case: its merchant's staff while it sits in a merchant's queue, else the person it
 * is assigned to, else everyone working its queue's role.
 */
export async function holderRecipient(trx: Kysely<DB>, row: Pick<CaseRow, 'queue' | 'merchant_id' | 'assignee_id'>): Promise<Recipient> {
  const role = (await cachedQueues(trx)).get(row.queue)?.role;
  if (role === 'merchant' && row.merchant_id) return { merchantId: row.merchant_id };
  if (row.assignee_id) return { recipientUserId: row.assignee_id };
  return { recipientRole: role ?? 'agent' };
}

interface Said {
  no: string;
  /** The reason given with the move, its personal numbers masked (RISK-2): whoever reads the notice. */
  reason: string | null;
  data: Record<string, unknown>;
}

/** Whose move an event records, for it to be news to the holder. */
type Mover = 'customer' | 'system' | 'merchant';

/**
 * A move about the goods, which the merchant receives and inspects whoever decides the case
 * (ORG-3): 'also' tells the merchant besides the holder, 'only' tells the one who handles the goods
 * (the merchant; the holder on a case with none).
 */
type Goods = 'also' | 'only';

interface HolderNotice {
  type: string;
  /** Who makes the move: the customer (or staff recording the customer's answer for them), the system, the merchant. */
  by: Mover;
  goods?: Goods;
  title: (no: string) => LocalizedText;
  body: (said: Said) => LocalizedText;
}

const because = (reason: string | null, zh: string, en: string) => (reason ? { zh: `${zh}${reason}`, en: `${en}${reason}` } : { zh: '', en: '' });
const notice = (type: string, by: Mover, title: [string, string], body: (s: Said) => [string, string], goods?: Goods): HolderNotice => ({
  type, by, ...(goods ? { goods } : {}),
  title: (no) => ({ 'zh-CN': `售后单 ${no}：${title[0]}`, 'en-US': `Case ${no}: ${title[1]}` }),
  body: (s) => {
    const [zh, en] = body(s);
    return { 'zh-CN': zh, 'en-US': en };
  },
});

const NOTICES: Readonly<Record<string, HolderNotice>> = {
  plan_rejected: notice('customer_rejected_plan', 'customer', ['客户拒绝了方案', 'the customer rejected the plan'], ({ no, reason }) => {
    const r = because(reason, '，原因：', ': ');
    return [`客户拒绝了售后单 ${no} 的处理方案${r.zh}。请重新核查并给出新的方案。`, `The customer rejected the plan on case ${no}${r.en}. Look into it again and propose a new plan.`];
  }),
  counter_offered: notice('customer_counter_offered', 'customer', ['客户提出了自己的方案', 'the customer proposed a plan of their own'], ({ no, reason }) => {
    const r = because(reason, '，理由：', ': ');
    return [`客户对售后单 ${no} 的方案提出了自己的方案${r.zh}。请接受客户的方案或给出新的方案。`, `The customer answered the plan on case ${no} with one of their own${r.en}. Accept it or propose a new plan.`];
  }),
  plan_accepted: notice('customer_accepted_plan', 'customer', ['客户接受了方案', 'the customer accepted the plan'], ({ no }) => [
    `客户已接受售后单 ${no} 的处理方案，请按方案执行。`, `The customer accepted the plan on case ${no}: carry it out as agreed.`,
  ]),
  evidence_provided: notice('customer_provided_evidence', 'customer', ['客户已补充凭证', 'the customer added evidence'], ({ no }) => [
    `客户已为售后单 ${no} 补充凭证，请继续处理。`, `The customer added the evidence asked for on case ${no}: carry on with the case.`,
  ]),
  return_shipped: notice('customer_shipped_return', 'customer', ['客户已寄回商品', 'the customer shipped the return'], ({ no, data }) => {
    const parcel = [data.carrier, data.trackingNo].filter((x) => typeof x === 'string' && x).join(' ');
    return [`客户已寄回售后单 ${no} 的商品（运单 ${parcel}），请留意签收并及时验货。`, `The customer shipped the goods back for case ${no} (${parcel}): watch for the parcel and inspect it when it arrives.`];
  }, 'also'),
  // The carrier's word: the merchant's time to confirm receipt starts now.
  return_delivered: notice('return_delivered', 'system', ['退货已签收', 'the return was delivered'], ({ no }) => [
    `承运商显示售后单 ${no} 的退货已签收，请确认收货并及时验货。`, `The carrier delivered the return for case ${no}: confirm receipt and inspect the goods.`,
  ], 'only'),
  case_reopened: notice('customer_reopened', 'customer', ['客户重新打开了售后单', 'the customer reopened the case'], ({ no, reason }) => {
    const r = because(reason, '，原因：', ': ');
    return [`客户对售后单 ${no} 的处理结果不满意，已重新打开${r.zh}。请再次处理。`, `The customer is not satisfied with the result of case ${no} and reopened it${r.en}. Handle it again.`];
  }),
  message_added: notice('customer_message', 'customer', ['客户发来新消息', 'a new message from the customer'], ({ no }) => [
    `客户在售后单 ${no} 上留言，请查看并答复。`, `The customer wrote on case ${no}: read it and answer.`,
  ]),
  // CL-5: a question on a case that has ended sits in no work list.
  'message_added:ended': {
    type: 'message_on_ended_case', by: 'customer',
    title: (no) => ({ 'zh-CN': `已结束的售后单 ${no} 有客户留言`, 'en-US': `A customer wrote on ended case ${no}` }),
    body: () => ({
      'zh-CN': '客户在已结束的售后单上留言，请查看并答复；如问题未解决，可为客户重新打开。',
      'en-US': 'The customer wrote on a case that has ended: read and answer it, and reopen the case for them if the problem is not solved.',
    }),
  },
  request_approved: notice('request_auto_approved', 'system', ['申请已自动同意', 'the request was approved automatically'], ({ no }) => [
    `售后单 ${no} 未在审核期限内处理，系统已自动同意客户的申请。请按申请执行；如需退货，请留意签收并及时验货。`,
    `Case ${no} was not reviewed in time, so the customer's request was approved automatically. Carry it out; if the goods come back, watch for the parcel and inspect it.`,
  ]),
  plan_expired: notice('customer_let_plan_expire', 'system', ['方案已失效', 'the plan expired'], ({ no }) => [
    `客户未在期限内答复售后单 ${no} 的方案，方案已失效。请联系客户并重新跟进。`, `The customer did not answer the plan on case ${no} in time and it expired: contact them and take the case up again.`,
  ]),
  // The merchant let its inspection (or receipt) clock run out: the goods are taken as they came
  // and the plan carried out; whoever holds the case tells the result.
  inspection_passed: notice('inspection_passed_automatically', 'system', ['退货已视为验货通过', 'the return was taken as passed'], ({ no }) => [
    `售后单 ${no} 的退货未在期限内完成验货，系统已视为验货通过，并按方案执行（如退款）。`,
    `The return on case ${no} was not inspected in time: it was taken as passed and the plan carried out (a refund, say).`,
  ], 'also'),
  // ORG-3: the merchant inspects the goods it receives; on a case the platform decides, the platform says what follows.
  inspection_failed: notice('merchant_failed_inspection', 'merchant', ['商家验货未通过', 'the merchant failed the inspection'], ({ no, reason }) => {
    const r = because(reason, '：', ': ');
    return [
      `商家对售后单 ${no} 的退货验货未通过${r.zh}，照片见售后单。请决定后续处理：给出新的方案或告知客户结果。`,
      `The merchant failed the inspection of the return on case ${no}${r.en}; the photos are on the case. Decide what follows: a new plan, or the result for the customer.`,
    ];
  }),
};

const STAFF: ReadonlySet<string> = new Set(STAFF_ROLES);

/** A move the holder makes itself is no news to it; the customer's move is news to any holder. */
function newsTo(holderIsMerchant: boolean, by: Mover, role: string): boolean {
  const holderSide = holderIsMerchant ? role === 'merchant' : STAFF.has(role);
  if (holderSide) return false;
  // Staff or the merchant may record what the customer told them (an answer given by phone).
  if (by === 'customer') return role !== 'system';
  return role === by;
}

/** The holder's clocks the command started or set running again: the earliest is what to act on by. */
function holderDue(slaEvents: readonly SlaEventOut[], party: string): { metric: string; dueAt: string } | null {
  const due = slaEvents
    .filter((e) => e.type === 'sla_started' || e.type === 'sla_resumed')
    .flatMap((e) => e.data.deadlines)
    .filter((d) => d.party === party)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return due[0] ?? null;
}

function withDue(body: LocalizedText, due: { metric: string; dueAt: string } | null): LocalizedText {
  if (!due) return body;
  const label = SLA_METRIC_LABELS[due.metric as keyof typeof SLA_METRIC_LABELS] ?? { 'zh-CN': due.metric, 'en-US': due.metric };
  const at = formatLocalDateTime(new Date(due.dueAt));
  return {
    'zh-CN': `${body['zh-CN']}请在 ${at} 前完成「${label['zh-CN']}」。`,
    'en-US': `${body['en-US']} Due by ${at} (China time): ${label['en-US'].toLowerCase()}.`,
  };
}

/**
 * Tells the case's holder (as the command leaves it) of the moves in `events` it did not make.
 * A case the command sent to compliance review is compliance's, which hears of it on its own.
 */
export async function noticeHolderOfMoves(
  trx: Kysely<DB>,
  after: CaseRow,
  actor: Actor,
  events: readonly CaseEventInput[],
  slaEvents: readonly SlaEventOut[],
  version: number,
  now: Date,
): Promise<void> {
  const holderIsMerchant = (await cachedQueues(trx)).get(after.queue)?.role === 'merchant';
  // On a case the platform holds, the merchant still handles the goods: it hears of their moves too.
  const goodsApart = !holderIsMerchant && after.merchant_id !== null;
  const moves = events.flatMap((e) => {
    const ended = e.type === 'message_added' && !isOpenState((e.toState ?? after.state) as CaseState);
    const n = NOTICES[ended ? 'message_added:ended' : e.type];
    const role = (e.actor ?? actor).role;
    if (!n || e.toState === 'compliance_review') return [];
    // A message is news only from the customer; staff and the merchant answering are not.
    if (e.type === 'message_added' && role !== 'customer') return [];
    const toHolder = !(goodsApart && n.goods === 'only') && newsTo(holderIsMerchant, n.by, role);
    const toMerchant = goodsApart && n.goods !== undefined && newsTo(true, n.by, role);
    return toHolder || toMerchant ? [{ event: e, n, toHolder, toMerchant }] : [];
  });
  if (moves.length === 0) return;
  const holder = moves.some((m) => m.toHolder) ? await holderRecipient(trx, after) : null;
  const holderDueAt = holderDue(slaEvents, holderIsMerchant ? 'merchant' : 'platform');
  const merchantDueAt = holderDue(slaEvents, 'merchant');
  const noticeTo = (to: Recipient, due: ReturnType<typeof holderDue>, suffix: string) => ({ event, n }: (typeof moves)[number]) => ({
    ...to,
    caseId: after.id,
    type: n.type,
    title: n.title(after.case_no),
    body: withDue(n.body({ no: after.case_no, reason: event.reason ? noticeText(event.reason, after) : null, data: event.data ?? {} }), due),
    dedupeKey: `holder:${after.id}:${version}:${event.type}${suffix}`,
    now,
  });
  await notifyMany(trx, [
    ...(holder ? moves.filter((m) => m.toHolder).map(noticeTo(holder, holderDueAt, '')) : []),
    ...moves.filter((m) => m.toMerchant).map(noticeTo({ merchantId: after.merchant_id }, merchantDueAt, ':merchant')),
  ]);
}
