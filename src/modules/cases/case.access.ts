// Resource scope (who may see which case), checked in the service for every read and command:
// customers see their own cases, merchant staff the cases on their goods, staff all; a
// department's users only read a case while it has an open collaboration request to their
// department (assertCanReadCase), and the case's order with it, and run no commands on it; PR and
// compliance department users also read and write messages on a case flagged for media or
// regulator involvement (RISK-5).
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../shared/errors.ts';
import type { Actor } from '../identity/index.ts';
import { acceptsChanges, REOPEN_WINDOW_DAYS, type Actor as MachineActor, type CaseSnapshot, type CaseState } from './case.state.ts';
import { type CaseKind, SELF_SERVICE_CHANNELS } from '../../shared/vocabulary.ts';
import { isExternalVoice } from './case.voice.ts';

export const CASE_NOT_FOUND = { 'zh-CN': '售后单', 'en-US': 'case' };
/** The queue compliance works: a case in review waits there (SLA-9). */
export const COMPLIANCE_QUEUE = 'compliance';

export function canSeeCase(actor: Actor, row: Pick<CaseRow, 'customer_id' | 'merchant_id'>): boolean {
  switch (actor.role) {
    case 'customer':
      return actor.customerId !== null && row.customer_id === actor.customerId;
    case 'merchant':
      return actor.merchantId !== null && row.merchant_id === actor.merchantId;
    case 'department':
      // Commands, messages and evidence stay closed to them; reads go through assertCanReadCase.
      return false;
    default:
      return true;
  }
}

/** Not-visible and not-existing answer the same, so case numbers cannot be probed. */
export function assertCanSeeCase<T extends Pick<CaseRow, 'customer_id' | 'merchant_id'>>(actor: Actor, row: T | undefined): T {
  if (!row || !canSeeCase(actor, row)) throw notFound(CASE_NOT_FOUND, 'caseNo');
  return row;
}

/** Whether the case has an open collaboration request to the actor's department (ORG-2). */
export async function isAskedOfDepartment(db: Kysely<DB>, actor: Actor, caseId: string): Promise<boolean> {
  if (actor.role !== 'department' || actor.department === null) return false;
  const hit = await db
    .selectFrom('collaboration_requests')
    .select('id')
    .where('case_id', '=', caseId)
    .where('department', '=', actor.department)
    .where('status', '=', 'open')
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}

/**
 * Whether a case of the order has an open collaboration request to the actor's department: the
 * department then reads the order too (its payments, its parcels), which its question is often about.
 */
export async function isOrderAskedOfDepartment(db: Kysely<DB>, actor: Actor, orderId: string): Promise<boolean> {
  if (actor.role !== 'department' || actor.department === null) return false;
  const hit = await db
    .selectFrom('collaboration_requests as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select('r.id')
    .where('c.order_id', '=', orderId)
    .where('r.department', '=', actor.department)
    .where('r.status', '=', 'open')
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}

/** RISK-5: PR and compliance department users speak for the platform on media-flagged cases. */
function speaksForCase(actor: Actor, row: Partial<Pick<CaseRow, 'media_flag'>>): boolean {
  return actor.role === 'department' && Boolean(row.media_flag) && isExternalVoice(actor);
}

/** assertCanReadCase for reading: also lets a department read a case while it is asked for help. */
export async function assertCanReadCase<T extends Pick<CaseRow, 'id' | 'customer_id' | 'merchant_id'> & Partial<Pick<CaseRow, 'media_flag'>>>(
  db: Kysely<DB>,
  actor: Actor,
  row: T | undefined,
): Promise<T> {
  if (row && speaksForCase(actor, row)) return row;
  if (row && actor.role === 'department' && (await isAskedOfDepartment(db, actor, row.id))) return row;
  return assertCanSeeCase(actor, row);
}

/** assertCanSeeCase for writing a message: also lets PR and compliance departments write on a media-flagged case. */
export function assertCanWriteOnCase<T extends Pick<CaseRow, 'customer_id' | 'merchant_id' | 'media_flag'>>(actor: Actor, row: T | undefined): T {
  if (row && speaksForCase(actor, row)) return row;
  return assertCanSeeCase(actor, row);
}

const READ_ONLY_TEXT = {
  archived: {
    'zh-CN': '该售后单已归档，只能查看，不能再留言、上传凭证或修改。',
    'en-US': 'This case is archived: it can be read, but it takes no more messages, evidence or changes.',
  },
  merged: {
    'zh-CN': '该售后单已合并到另一张售后单，只能查看；请在合并后的售后单中继续。',
    'en-US': 'This case was merged into another case: it can be read; please continue on the case it was merged into.',
  },
};

/**
 * Refuses any write to an archived or merged case (409 `case-read-only`), whoever asks: messages,
 * evidence, lifecycle and staff actions alike. Reading stays open.
 */
export function assertAcceptsChanges(row: Pick<CaseRow, 'state' | 'case_no' | 'merged_into_id'>): void {
  const state = row.state as CaseState;
  if (acceptsChanges(state)) return;
  throw conflict('case-read-only', state === 'merged' ? READ_ONLY_TEXT.merged : READ_ONLY_TEXT.archived, {
    caseNo: row.case_no,
    state,
    ...(row.merged_into_id ? { mergedIntoId: row.merged_into_id } : {}),
  });
}

export function snapshotOf(row: CaseRow, now: Date): CaseSnapshot {
  const closedAt = row.closed_at?.getTime() ?? null;
  return {
    id: row.id,
    state: row.state as CaseState,
    kind: row.kind as CaseKind,
    rejectedPlans: row.rejected_plans,
    reopenCount: row.reopen_count,
    resultNotified: row.result_notified_at !== null,
    unansweredCustomerMessages: row.unanswered_customer_messages,
    hasPendingCounterOffer: row.pending_counter_offer_id !== null,
    reopenWindowOpen: closedAt === null || now.getTime() - closedAt <= REOPEN_WINDOW_DAYS * 86_400_000,
    executionStarted: row.execution_started_at !== null,
    withCompliance: row.queue === COMPLIANCE_QUEUE,
  };
}

/** `merchantHolds`: the case sits in a merchant's queue (routing's queue roles). */
export function machineActor(actor: Actor, row: Pick<CaseRow, 'customer_id' | 'merchant_id'>, merchantHolds: boolean): MachineActor {
  return {
    role: actor.role,
    isOwner: actor.customerId !== null && actor.customerId === row.customer_id,
    isCaseMerchant: actor.merchantId !== null && actor.merchantId === row.merchant_id,
    merchantHolds,
  };
}

/** A customer writes from a self-service channel only (see SELF_SERVICE_CHANNELS); refused on the field otherwise. */
export function assertSelfServiceChannel(actor: Actor, channel: string | undefined): void {
  if (actor.role !== 'customer' || channel === undefined || (SELF_SERVICE_CHANNELS as readonly string[]).includes(channel)) return;
  throw invalid('channel', {
    'zh-CN': `客户自助提交的渠道只能是：${SELF_SERVICE_CHANNELS.join('、')}；电话、邮件、短信等渠道的诉求由客服代为登记`,
    'en-US': `A customer files from ${SELF_SERVICE_CHANNELS.join(', ')}; phone, email and SMS requests are recorded by staff`,
  });
}
