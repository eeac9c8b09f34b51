// Resource scope (who may see which case), checked in the service for every read and command:
// customers see their own cases, merchant staff the cases on their goods, staff all; a
// department's users only read a case while it has an open collaboration request to their
// department (assertCanReadCase), and run no commands on it.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import type { Actor } from '../identity/index.ts';
import type { Actor as MachineActor, CaseSnapshot, CaseState } from './case.state.ts';
import type { CaseKind } from '../../shared/vocabulary.ts';

export const CASE_NOT_FOUND = { 'zh-CN': '售后单', 'en-US': 'case' };

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

/** assertCanSeeCase for reading: also lets a department read a case while it is asked for help. */
export async function assertCanReadCase<T extends Pick<CaseRow, 'id' | 'customer_id' | 'merchant_id'>>(
  db: Kysely<DB>,
  actor: Actor,
  row: T | undefined,
): Promise<T> {
  if (row && actor.role === 'department' && (await isAskedOfDepartment(db, actor, row.id))) return row;
  return assertCanSeeCase(actor, row);
}

export const REOPEN_WINDOW_DAYS = 15;

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
  };
}

export function machineActor(actor: Actor, row: Pick<CaseRow, 'customer_id' | 'merchant_id'>): MachineActor {
  return {
    role: actor.role,
    isOwner: actor.customerId !== null && actor.customerId === row.customer_id,
    isCaseMerchant: actor.merchantId !== null && actor.merchantId === row.merchant_id,
  };
}
