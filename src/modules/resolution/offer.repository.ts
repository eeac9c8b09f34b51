import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB, OfferRow } from '../../db/schema.ts';
import { mayWriteToCustomer } from '../cases/case.voice.ts';
import type { Actor } from '../identity/index.ts';
import type { OfferTerms } from './resolution.rules.ts';

type Db = Kysely<DB>;

export async function latestOfferWithStatus(db: Db, caseId: string, statuses: string[]): Promise<OfferRow | undefined> {
  return db
    .selectFrom('offers')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', 'in', statuses)
    .orderBy('created_at', 'desc')
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findOffer(db: Db, id: string): Promise<OfferRow | undefined> {
  return db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function supersedeOpenOffers(db: Db, caseId: string, now: Date): Promise<void> {
  await db
    .updateTable('offers')
    .set({ status: 'superseded', answered_at: now })
    .where('case_id', '=', caseId)
    .where('status', 'in', ['open', 'pending_approval'])
    .execute();
}

export async function insertOffer(
  db: Db,
  o: {
    id: string;
    caseId: string;
    parentOfferId: string | null;
    actor: Actor;
    status: string;
    planType: string;
    terms: OfferTerms;
    steps: unknown[];
    responsibility: string | null;
    basis: string | null;
    goodwillReason: string | null;
    expiresAt: Date | null;
    now: Date;
    /** The case's media flag: with one, a basis from someone who does not speak outside stays internal (RISK-5). */
    mediaFlag: CaseRow['media_flag'];
  },
): Promise<void> {
  await db
    .insertInto('offers')
    .values({
      id: o.id,
      case_id: o.caseId,
      revision: sql<number>`(select count(*) from offers where case_id = ${o.caseId})::int`,
      parent_offer_id: o.parentOfferId,
      proposed_by: o.actor.userId,
      proposer_role: o.actor.role,
      status: o.status,
      plan_type: o.planType,
      terms: JSON.stringify(o.terms),
      steps: JSON.stringify(o.steps),
      responsibility: o.responsibility,
      basis: o.basis,
      basis_internal: !mayWriteToCustomer(o.actor, { media_flag: o.mediaFlag }),
      goodwill_reason: o.goodwillReason,
      expires_at: o.expiresAt,
      created_at: o.now,
    })
    .execute();
}

export async function answerOffer(
  db: Db,
  id: string,
  answer: { status: string; reason?: string | null; approvedBy?: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('offers')
    .set({
      status: answer.status,
      answered_at: answer.now,
      ...(answer.reason !== undefined ? { answer_reason: answer.reason } : {}),
      ...(answer.approvedBy !== undefined ? { approved_by: answer.approvedBy } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** What the customer paid for the case's items (each item's share of its order line). */
export async function paidForCase(db: Db, caseId: string): Promise<number> {
  const rows = await db
    .selectFrom('case_items as ci')
    .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
    .select(['ci.quantity as case_quantity', 'oi.quantity as order_quantity', 'oi.paid_fen'])
    .where('ci.case_id', '=', caseId)
    .execute();
  return rows.reduce((sum, r) => sum + Math.floor((r.paid_fen * Math.min(r.case_quantity, r.order_quantity)) / r.order_quantity), 0);
}

/**
 * What the case has already given back of the price: refunds paid out by refund tasks, whatever
 * plan they belonged to. Failed attempts moved no money; shipping reimbursements give back the
 * return fee, not the price, and are not counted.
 */
export async function refundedForCase(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('refunds as r')
    .innerJoin('execution_tasks as t', 't.id', 'r.task_id')
    .select(sql<string>`coalesce(sum(r.amount_fen), 0)`.as('fen'))
    .where('r.case_id', '=', caseId)
    .where('r.status', '<>', 'failed')
    .where('t.type', '=', 'refund')
    .executeTakeFirstOrThrow();
  return Number(row.fen);
}
