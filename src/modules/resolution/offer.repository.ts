import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB, OfferRow } from '../../db/schema.ts';
import { mayWriteToCustomer } from '../cases/case.voice.ts';
import type { Actor } from '../identity/index.ts';
import { type CaseLine, fraudCompensatedAgainstGoods, lineShareFen, type OfferTerms, priceLoweredAgainstGoods, refundedAgainstGoods } from './resolution.rules.ts';

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
    /** Fraud stands found for this offer: found by it, or earlier on the case. */
    fraudFound: boolean;
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
      fraud_found: o.fraudFound,
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

/**
 * How much the goods of the case cost less today than the customer paid for them (price protection),
 * less the price protection already paid on the same units: a drop is given back once.
 */
export async function priceDropFen(db: Db, caseId: string, priceProtectedFen: number): Promise<{ dropFen: number; leftFen: number }> {
  const row = await db
    .selectFrom('case_items as ci')
    .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
    .innerJoin('products as p', 'p.id', 'oi.product_id')
    .select(sql<string>`coalesce(sum(greatest(0, floor(oi.paid_fen::numeric * ci.quantity / oi.quantity) - p.price_fen * ci.quantity)), 0)`.as('fen'))
    .where('ci.case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const dropFen = Number(row.fen);
  return { dropFen, leftFen: Math.max(0, dropFen - priceProtectedFen) };
}

/**
 * What the customer paid for the case's items (each item's share of its order line), and, with
 * `withShipping`, the order's shipping fee when the case takes back the whole order: an order that
 * never arrived, or goods wrong by the seller's fault, are refunded with what was paid to ship them.
 */
export async function paidForCase(db: Db, caseId: string, withShipping = false): Promise<{ goodsFen: number; totalFen: number }> {
  const lines = await caseLines(db, [caseId]);
  const goods = lines.reduce((sum, l) => sum + lineShareFen(l), 0);
  const paid = (shippingFen: number) => ({ goodsFen: goods, totalFen: goods + shippingFen });
  if (!withShipping || lines.length === 0) return paid(0);
  const order = await db
    .selectFrom('case_items as ci')
    .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
    .innerJoin('orders as o', 'o.id', 'oi.order_id')
    .select(['o.id', 'o.shipping_fen'])
    .where('ci.case_id', '=', caseId)
    .executeTakeFirst();
  if (!order || order.shipping_fen === 0) return paid(0);
  const all = await db.selectFrom('order_items').select(['id', 'quantity']).where('order_id', '=', order.id).execute();
  const claimed = new Map(lines.map((l) => [l.orderItemId, l.caseQuantity]));
  const whole = all.every((i) => (claimed.get(i.id) ?? 0) >= i.quantity);
  return paid(whole ? order.shipping_fen : 0);
}

/** The order lines the cases claim. */
async function caseLines(db: Db, caseIds: string[]): Promise<(CaseLine & { caseId: string })[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('case_items as ci')
    .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
    .select(['ci.case_id', 'ci.order_item_id', 'ci.quantity as case_quantity', 'oi.quantity as order_quantity', 'oi.paid_fen'])
    .where('ci.case_id', 'in', caseIds)
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, orderItemId: r.order_item_id, caseQuantity: r.case_quantity, orderQuantity: r.order_quantity, paidFen: r.paid_fen }));
}

/** The case's executed ledger lines of one type, summed. */
/** This case and every case sharing one of its order lines. */
async function casesOnSameGoods(db: Db, caseId: string): Promise<string[]> {
  const related = await db
    .selectFrom('case_items as theirs')
    .innerJoin('case_items as mine', 'mine.order_item_id', 'theirs.order_item_id')
    .select('theirs.case_id')
    .distinct()
    .where('mine.case_id', '=', caseId)
    .execute();
  return related.map((r) => r.case_id);
}

/** The cases' executed ledger lines of the given types, summed per case. */
async function executedLedgerByCase(db: Db, caseIds: string[], entryTypes: string[]): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['case_id', sql<string>`sum(amount_fen)`.as('fen')])
    .where('case_id', 'in', caseIds)
    .where('entry_type', 'in', entryTypes)
    .where('status', '=', 'executed')
    .groupBy('case_id')
    .execute();
  return new Map(rows.map((r) => [r.case_id, Number(r.fen)]));
}

/**
 * 假一赔三 already paid for this case's units, on this case or another claiming the same units: the
 * law compensates the purchase of a unit once, however many cases the customer opens about it,
 * and another unit of the line is owed its own (fraudCompensatedAgainstGoods).
 */
export async function fraudCompensatedForGoods(db: Db, caseId: string): Promise<number> {
  const caseIds = await casesOnSameGoods(db, caseId);
  const [lines, paid] = await Promise.all([caseLines(db, caseIds), executedLedgerByCase(db, [...new Set([caseId, ...caseIds])], ['fraud_compensation'])]);
  const otherCases = caseIds.filter((id) => id !== caseId).map((id) => ({ compensatedFen: paid.get(id) ?? 0, lines: lines.filter((l) => l.caseId === id) }));
  return fraudCompensatedAgainstGoods({ ownFen: paid.get(caseId) ?? 0, lines: lines.filter((l) => l.caseId === caseId), otherCases });
}

/**
 * Goodwill (coupons, cash, points) given for these goods (RES-3, RES-7): paid on this case, and
 * paid or promised by an accepted plan on any other case about the same order lines. The limits
 * are the customer's for their trouble with the goods, not renewed by each new case about them.
 * This case's own still-planned lines belong to a plan the next one replaces, and do not count.
 */
export async function goodwillGivenForGoods(db: Db, caseId: string): Promise<number> {
  const others = (await casesOnSameGoods(db, caseId)).filter((id) => id !== caseId);
  const row = await db
    .selectFrom('ledger_entries')
    .select(sql<string>`coalesce(sum(amount_fen), 0)`.as('fen'))
    .where('entry_type', '=', 'compensation')
    .where((eb) =>
      eb.or([
        eb.and([eb('case_id', '=', caseId), eb('status', '=', 'executed')]),
        ...(others.length > 0 ? [eb.and([eb('case_id', 'in', others), eb('status', 'in', ['planned', 'executed'])])] : []),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.fen);
}

/** Price refunds per case (refund tasks; failed attempts moved no money, reimbursements give back fees), with the case's kind. */
async function priceRefundsByCase(db: Db, caseIds: string[]): Promise<Map<string, { fen: number; kind: string }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('refunds as r')
    .innerJoin('execution_tasks as t', 't.id', 'r.task_id')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['r.case_id', 'c.kind', sql<string>`sum(r.amount_fen)`.as('fen')])
    .where('r.case_id', 'in', caseIds)
    .where('r.status', '<>', 'failed')
    .where('t.type', '=', 'refund')
    .groupBy(['r.case_id', 'c.kind'])
    .execute();
  return new Map(rows.map((r) => [r.case_id, { fen: Number(r.fen), kind: r.kind }]));
}

export interface RefundedForGoods {
  /** What has already been given back of the price of the case's goods (see refundedAgainstGoods). */
  refundedFen: number;
  /** The part of it that was price protection on these units (this case's own, if it is one, and other cases'). */
  priceProtectedFen: number;
}

/**
 * What has already been given back of the price of this case's goods: the case's own refunds, and
 * what other cases refunded on the same order lines beyond the part of those lines this case does
 * not cover (refundedAgainstGoods); price protection lowered the price of every unit it covered.
 * Without the second part a customer could have one item refunded once per case.
 */
export async function refundedForCase(db: Db, caseId: string): Promise<RefundedForGoods> {
  const caseIds = await casesOnSameGoods(db, caseId);
  const [lines, refunded] = await Promise.all([caseLines(db, caseIds), priceRefundsByCase(db, caseIds)]);
  const own = refunded.get(caseId);
  const myLines = lines.filter((l) => l.caseId === caseId);
  const otherCases = caseIds
    .filter((id) => id !== caseId)
    .map((id) => ({ refundedFen: refunded.get(id)?.fen ?? 0, lines: lines.filter((l) => l.caseId === id), lowersPrice: refunded.get(id)?.kind === 'price_protection' }));
  const ownPriceProtection = own?.kind === 'price_protection' ? own.fen : 0;
  return {
    refundedFen: refundedAgainstGoods({ ownRefundedFen: own?.fen ?? 0, lines: myLines, otherCases }),
    priceProtectedFen: ownPriceProtection + priceLoweredAgainstGoods(myLines, otherCases),
  };
}
