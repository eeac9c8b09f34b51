// The only SQL of the case aggregate: the case row, its items, its append-only timeline,
// its links and its messages.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { CaseRow, DB, MediaFlag } from '../../db/schema.ts';
import type { Actor } from '../identity/index.ts';
import { queueCustomerEmail } from '../email/email.outbox.ts';
import { unnestInsert } from '../../db/unnest.ts';
import { withTraces } from '../orders/orders.queries.ts';

type Db = Kysely<DB>;

export interface NewCase {
  id: string;
  caseNo: string;
  kind: string;
  state: string;
  reason: string;
  channel: string;
  customerId: string;
  merchantId: string | null;
  orderId: string | null;
  title: string;
  description: string;
  /** The description as others read it, for search (pii.present.ts searchableForms). */
  searchable: { contact: string; masked: string };
  desiredResolution: string | null;
  severity: string;
  category: string | null;
  emotion: string;
  priority: string;
  /** Why severity, category, emotion and priority are what they are (TR-7). */
  triage: unknown;
  /** RISK-5: media or a regulator already involved (single external voice). */
  mediaFlag: MediaFlag | null;
  policyVersionId: string | null;
  eligibility: unknown;
  openDedupeKey: string | null;
  now: Date;
  /** Where routing put the case at intake (TR-3). */
  queue: string;
  assigneeId: string | null;
  /** How many events the case starts with (its first event, the clocks it starts, its routing). */
  version: number;
}

/** The row a new case is written as, whole before it is written (every other column starts empty or at zero). */
export function newCaseRow(c: NewCase): CaseRow {
  return {
    id: c.id, case_no: c.caseNo, kind: c.kind, state: c.state, reason: c.reason, channel: c.channel,
    customer_id: c.customerId, merchant_id: c.merchantId, order_id: c.orderId, title: c.title, description: c.description,
    description_contact: c.searchable.contact, description_masked: c.searchable.masked,
    desired_resolution: c.desiredResolution, severity: c.severity, category: c.category, policy_version_id: c.policyVersionId,
    eligibility: (c.eligibility ?? null) as CaseRow['eligibility'], responsibility: null, rejected_plans: 0, reopen_count: 0,
    result_notified_at: null, unanswered_customer_messages: 0, pending_counter_offer_id: null, merged_into_id: null,
    open_dedupe_key: c.openDedupeKey, version: c.version, created_at: c.now, updated_at: c.now, closed_at: null, archived_at: null,
    queue: c.queue, assignee_id: c.assigneeId, emotion: c.emotion, priority: c.priority,
    triage: (c.triage ?? null) as CaseRow['triage'], media_flag: c.mediaFlag, legal_hold_at: null, legal_hold_reason: null,
    legal_hold_by: null, purged_at: null, purge_summary: null, execution_started_at: null, fraud_found_at: null, fraud_found_by: null,
  };
}

/**
 * The insert of new cases, one statement whatever their number. With `skipTakenDedupe` a case
 * whose open dedupe key is taken (IN-8) is skipped and the ids of the cases written are
 * returned; without it such a case fails the statement.
 */
export function casesInsert(cases: readonly CaseRow[], options: { skipTakenDedupe: boolean }) {
  if (cases.length === 0) return null;
  return unnestInsert(
    'cases',
    {
      id: 'uuid', case_no: 'text', kind: 'text', state: 'text', reason: 'text', channel: 'text', customer_id: 'uuid', merchant_id: 'uuid',
      order_id: 'uuid', title: 'text', description: 'text', description_contact: 'text', description_masked: 'text', desired_resolution: 'text', severity: 'text', category: 'text', emotion: 'text',
      priority: 'text', triage: 'jsonb', media_flag: 'jsonb', policy_version_id: 'uuid', eligibility: 'jsonb', open_dedupe_key: 'text',
      queue: 'text', assignee_id: 'uuid', version: 'int', created_at: 'timestamptz', updated_at: 'timestamptz',
    },
    // jsonb columns carry their objects; unnestInsert writes them as JSON text.
    cases as unknown as Insertable<DB['cases']>[],
    options.skipTakenDedupe ? { onConflictDoNothing: sql`(open_dedupe_key) where open_dedupe_key is not null`, returning: 'id' } : {},
  );
}

/** The insert of new cases' items, to run with other writes (executeTogether); null when there are none. */
export function caseItemsInsert(items: { caseId: string; orderItemId: string; quantity: number }[]) {
  return unnestInsert(
    'case_items',
    { case_id: 'uuid', order_item_id: 'uuid', quantity: 'int' },
    items.map((i) => ({ case_id: i.caseId, order_item_id: i.orderItemId, quantity: i.quantity })),
  );
}

/**
 * IN-8: the duplicate slot of a request, "an open case of this kind for these units of these items
 * of this customer"; the partial unique index on cases.open_dedupe_key lets one open case hold it.
 * The quantities are part of it: a request for the other units of a line is a claim of its own
 * (judged against what was bought), not a repeat of the first. A request about no order item has none.
 */
export function dedupeKeyOf(customerId: string, kind: string, items: readonly { orderItemId: string; quantity: number }[], orderId: string | null = null): string | null {
  // Sorted by code unit, as migration 0030 sorts with collate "C".
  const parts = items.map((i) => `${i.orderItemId}x${i.quantity}`).sort();
  if (parts.length > 0) return `${customerId}:${kind}:${parts.join(',')}`;
  // A request about the order as a whole (a complaint about the courier) repeats per order.
  return orderId ? `${customerId}:${kind}:order:${orderId}` : null;
}

export async function findOpenCaseByDedupeKey(db: Db, key: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('open_dedupe_key', '=', key).executeTakeFirst();
}

/** The duplicate slot a case's own request would hold, from its customer, kind and items. */
export async function dedupeKeyOfCase(db: Db, row: Pick<CaseRow, 'id' | 'customer_id' | 'kind' | 'order_id'>): Promise<string | null> {
  const items = await db.selectFrom('case_items').select(['order_item_id', 'quantity']).where('case_id', '=', row.id).execute();
  return dedupeKeyOf(row.customer_id, row.kind, items.map((i) => ({ orderItemId: i.order_item_id, quantity: i.quantity })), row.order_id);
}

/**
 * Gives the case (locked by the caller) the duplicate slot `key` if no other open case holds it.
 * The write runs under a savepoint: a case filed a moment ago for the same items may commit the
 * key first, and then the unique index refuses it here without failing the caller's transaction.
 * Returns whether the case now holds the slot.
 */
export async function takeDedupeSlot(trx: Db, caseId: string, key: string): Promise<boolean> {
  const holder = await findOpenCaseByDedupeKey(trx, key);
  if (holder) return holder.id === caseId;
  await sql`savepoint take_dedupe_slot`.execute(trx);
  try {
    await trx.updateTable('cases').set({ open_dedupe_key: key }).where('id', '=', caseId).execute();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== '23505') throw error;
    await sql`rollback to savepoint take_dedupe_slot`.execute(trx);
    return false;
  }
  await sql`release savepoint take_dedupe_slot`.execute(trx);
  return true;
}

export async function findCaseByNo(db: Db, caseNo: string, forUpdate = false): Promise<CaseRow | undefined> {
  const query = db.selectFrom('cases').selectAll().where('case_no', '=', caseNo);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function findCaseById(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface CaseEventInput {
  type: string;
  fromState: string | null;
  toState: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
  /** Who caused this event when it is not the command's actor (the SLA engine, say). */
  actor?: Actor;
  /** When what the event records happened, if before the command (goods arrived before staff confirmed it): clocks it starts run from then. */
  happenedAt?: Date;
}

/**
 * Appends events after the case's current version and bumps the version, in the caller's
 * transaction; the version doubles as the event sequence number.
 */
export async function appendEvents(
  db: Db,
  caseRow: Pick<CaseRow, 'id' | 'version'>,
  actor: Actor,
  events: CaseEventInput[],
  now: Date,
  caseChanges: Partial<Omit<CaseRow, 'id' | 'version'>> = {},
): Promise<number> {
  const nextVersion = caseRow.version + events.length;
  const updated = await db
    .updateTable('cases')
    .set({ ...toUpdate(caseChanges), version: nextVersion, updated_at: now })
    .where('id', '=', caseRow.id)
    .where('version', '=', caseRow.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error(`case ${caseRow.id} changed concurrently`);
  if (events.length === 0) return nextVersion;
  await db
    .insertInto('case_events')
    .values(events.map((e, index) => eventRow(caseRow.id, caseRow.version + index + 1, actor, e, now)))
    .execute();
  return nextVersion;
}

function toUpdate(changes: Partial<Omit<CaseRow, 'id' | 'version'>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...changes };
  if ('eligibility' in out && out.eligibility !== null && typeof out.eligibility !== 'string') {
    out.eligibility = JSON.stringify(out.eligibility);
  }
  return out;
}

function eventRow(caseId: string, seq: number, actor: Actor, e: CaseEventInput, now: Date) {
  return {
    case_id: caseId,
    seq,
    type: e.type,
    from_state: e.fromState,
    to_state: e.toState,
    actor_id: (e.actor ?? actor).userId,
    actor_role: (e.actor ?? actor).role,
    reason: e.reason ?? null,
    data: JSON.stringify(e.data ?? {}),
    occurred_at: now,
  };
}

/** The insert of new cases' first events (sequence 1, 2… per case), to run with other writes (executeTogether). */
export function firstEventsInsert(events: { caseId: string; actor: Actor; events: CaseEventInput[]; now: Date }[]) {
  return unnestInsert(
    'case_events',
    {
      case_id: 'uuid', seq: 'int', type: 'text', from_state: 'text', to_state: 'text', actor_id: 'uuid', actor_role: 'text', reason: 'text', data: 'jsonb', occurred_at: 'timestamptz',
    },
    events.flatMap((e) => e.events.map((event, index) => eventRow(e.caseId, index + 1, e.actor, event, e.now))),
  );
}

export async function insertMessage(
  db: Db,
  m: { caseId: string; actor: Actor; visibility: 'public' | 'internal'; channel: string; body: string; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('messages')
    .values({
      case_id: m.caseId,
      author_id: m.actor.userId,
      author_role: m.actor.role,
      visibility: m.visibility,
      channel: m.channel,
      body: m.body,
      created_at: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The customer hears of it by e-mail too (queued in this transaction, sent after commit).
  if (m.visibility === 'public' && m.actor.role !== 'customer') await queueCustomerEmail(db, row.id, m.now);
  return row.id;
}

export async function insertLink(db: Db, caseId: string, linkedCaseId: string, linkType: string, actor: Actor, now: Date): Promise<void> {
  await db
    .insertInto('case_links')
    .values({ case_id: caseId, linked_case_id: linkedCaseId, link_type: linkType, created_at: now, created_by: actor.userId })
    .onConflict((oc) => oc.columns(['case_id', 'linked_case_id']).doNothing())
    .execute();
}

/** Where the buyer sends the goods back (the merchant's, from the shop system). */
export interface ReturnAddress {
  recipient: string;
  phone: string;
  address: string;
}

export async function loadCaseDetail(db: Db, caseId: string) {
  const [items, events, messages, attachments, links, offers, tasks, ledger, refunds, shipments, merchant, order] = await Promise.all([
    db
      .selectFrom('case_items as ci')
      .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
      .innerJoin('products as p', 'p.id', 'oi.product_id')
      .leftJoin('product_categories as pc', 'pc.external_id', 'p.category')
      .select(['ci.id', 'ci.order_item_id', 'ci.quantity', 'oi.quantity as line_quantity', 'oi.paid_fen', 'oi.unit_price_fen', 'p.name', 'p.category', 'p.id as product_id'])
      .select(['pc.name_zh as category_name_zh', 'pc.name_en as category_name_en'])
      .where('ci.case_id', '=', caseId)
      .execute(),
    db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
    db.selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db
      .selectFrom('case_links as l')
      .innerJoin('cases as c', 'c.id', 'l.linked_case_id')
      .select(['l.link_type', 'l.created_at', 'c.case_no', 'c.id', 'c.state', 'c.customer_id', 'c.merchant_id'])
      .where('l.case_id', '=', caseId)
      .execute(),
    db.selectFrom('offers').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('execution_tasks').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('ledger_entries').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('refunds').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    // The case's own parcels, and the order's delivery it may be about (not received, damaged in transit).
    db
      .selectFrom('shipments')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('case_id', '=', caseId),
          eb.and([eb('case_id', 'is', null), eb('order_id', '=', eb.selectFrom('cases').select('order_id').where('id', '=', caseId))]),
        ]),
      )
      .orderBy('created_at')
      .execute()
      .then((rows) => withTraces(db, rows)),
    db
      .selectFrom('cases as c')
      .innerJoin('merchants as m', 'm.id', 'c.merchant_id')
      .select('m.return_address')
      .where('c.id', '=', caseId)
      .executeTakeFirst(),
    db
      .selectFrom('cases as c')
      .innerJoin('orders as o', 'o.id', 'c.order_id')
      .select(['o.order_no', 'o.placed_at', 'o.total_fen'])
      .where('c.id', '=', caseId)
      .executeTakeFirst(),
  ]);
  const returnAddress = (merchant?.return_address ?? null) as ReturnAddress | null;
  return { items, events, messages, attachments, links, offers, tasks, ledger, refunds, shipments, returnAddress, order: order ?? null };
}
export type CaseDetail = Awaited<ReturnType<typeof loadCaseDetail>>;
