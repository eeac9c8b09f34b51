// Resource scope (who may see which case), checked in the service for every read and command:
// customers see their own cases, merchant staff the cases on their goods, staff all.
import type { CaseRow } from '../../db/schema.ts';
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
    default:
      return true;
  }
}

/** Not-visible and not-existing answer the same, so case numbers cannot be probed. */
export function assertCanSeeCase<T extends Pick<CaseRow, 'customer_id' | 'merchant_id'>>(actor: Actor, row: T | undefined): T {
  if (!row || !canSeeCase(actor, row)) throw notFound(CASE_NOT_FOUND, 'caseNo');
  return row;
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
