// The only SQL of the case aggregate: the case row, its items, its append-only timeline,
// its links and its messages.
import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB, MediaFlag } from '../../db/schema.ts';
import type { Actor } from '../identity/index.ts';
import { queueCustomerEmail } from '../email/email.outbox.ts';
import { unnestInsert } from '../../db/unnest.ts';

type Db = Kysely<DB>;

export interface NewCase {
  caseNoPrefix: string;
  kind: string;
  state: string;
  reason: string;
  channel: string;
  customerId: string;
  merchantId: string | null;
  orderId: string | null;
  title: string;
  description: string;
  desiredResolution: string | null;
  severity: string;
  category: string | null;
  emotion?: string;
  priority?: string;
  /** Why severity, category, emotion and priority are what they are (TR-7). */
  triage?: unknown;
  /** RISK-5: media or a regulator already involved (single external voice). */
  mediaFlag?: MediaFlag | null;
  policyVersionId: string | null;
  eligibility: unknown;
  openDedupeKey: string | null;
  now: Date;
  /** Where routing put the case at intake (TR-3); the column default otherwise. */
  queue?: string;
  assigneeId?: string | null;
  /** How many events the case starts with (its first event, the clocks it starts, its routing). */
  version?: number;
}

/**
 * Inserts cases with one statement; a case whose open dedupe key is taken (IN-8) is skipped, so
 * the rows returned are the ones created (match them by id).
 */
export async function insertCases(db: Db, cases: (NewCase & { id: string })[]): Promise<CaseRow[]> {
  if (cases.length === 0) return [];
  // One array per column, like db/unnest.ts, so the statement's text is the same for any batch;
  // the case number is drawn per row from the sequence.
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const column = <T>(pick: (c: NewCase & { id: string }) => T) => cases.map(pick);
  const result = await sql<CaseRow>`
    insert into cases (id, case_no, kind, state, reason, channel, customer_id, merchant_id, order_id, title, description,
      desired_resolution, severity, category, emotion, priority, triage, media_flag, policy_version_id, eligibility,
      open_dedupe_key, queue, assignee_id, version, created_at, updated_at)
    select u.id, u.prefix || lpad(nextval('case_no_seq')::text, 6, '0'), u.kind, u.state, u.reason, u.channel, u.customer_id,
      u.merchant_id, u.order_id, u.title, u.description, u.desired_resolution, u.severity, u.category, u.emotion, u.priority,
      u.triage, u.media_flag, u.policy_version_id, u.eligibility, u.open_dedupe_key, coalesce(u.queue, 'frontline'),
      u.assignee_id, u.version, u.now, u.now
    from unnest(${column((c) => c.id)}::uuid[], ${column((c) => c.caseNoPrefix)}::text[], ${column((c) => c.kind)}::text[],
      ${column((c) => c.state)}::text[], ${column((c) => c.reason)}::text[], ${column((c) => c.channel)}::text[],
      ${column((c) => c.customerId)}::uuid[], ${column((c) => c.merchantId)}::uuid[], ${column((c) => c.orderId)}::uuid[],
      ${column((c) => c.title)}::text[], ${column((c) => c.description)}::text[], ${column((c) => c.desiredResolution)}::text[],
      ${column((c) => c.severity)}::text[], ${column((c) => c.category)}::text[], ${column((c) => c.emotion ?? 'normal')}::text[],
      ${column((c) => c.priority ?? 'P3')}::text[], ${column((c) => json(c.triage))}::jsonb[],
      ${column((c) => json(c.mediaFlag))}::jsonb[], ${column((c) => c.policyVersionId)}::uuid[],
      ${column((c) => json(c.eligibility))}::jsonb[], ${column((c) => c.openDedupeKey)}::text[], ${column((c) => c.queue ?? null)}::text[],
      ${column((c) => c.assigneeId ?? null)}::uuid[], ${column((c) => c.version ?? 1)}::int[], ${column((c) => c.now.toISOString())}::timestamptz[])
      as u(id, prefix, kind, state, reason, channel, customer_id, merchant_id, order_id, title, description, desired_resolution,
        severity, category, emotion, priority, triage, media_flag, policy_version_id, eligibility, open_dedupe_key, queue,
        assignee_id, version, now)
    on conflict (open_dedupe_key) where open_dedupe_key is not null do nothing
    returning *`.execute(db);
  return result.rows;
}

/** The insert of new cases' items, to run with other writes (executeTogether); null when there are none. */
export function caseItemsInsert(items: { caseId: string; orderItemId: string; quantity: number }[]) {
  return unnestInsert(
    'case_items',
    { case_id: 'uuid', order_item_id: 'uuid', quantity: 'int' },
    items.map((i) => ({ case_id: i.caseId, order_item_id: i.orderItemId, quantity: i.quantity })),
  );
}

export async function findOpenCaseByDedupeKey(db: Db, key: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('open_dedupe_key', '=', key).executeTakeFirst();
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

export async function loadCaseDetail(db: Db, caseId: string) {
  const [items, events, messages, attachments, links, offers, tasks, ledger, refunds, shipments] = await Promise.all([
    db
      .selectFrom('case_items as ci')
      .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
      .innerJoin('products as p', 'p.id', 'oi.product_id')
      .select(['ci.id', 'ci.order_item_id', 'ci.quantity', 'oi.paid_fen', 'oi.unit_price_fen', 'p.name', 'p.category', 'p.id as product_id'])
      .where('ci.case_id', '=', caseId)
      .execute(),
    db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),
    db.selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db
      .selectFrom('case_links as l')
      .innerJoin('cases as c', 'c.id', 'l.linked_case_id')
      .select(['l.link_type', 'l.created_at', 'c.case_no', 'c.id', 'c.state'])
      .where('l.case_id', '=', caseId)
      .execute(),
    db.selectFrom('offers').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('execution_tasks').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('ledger_entries').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('refunds').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('shipments').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
  ]);
  return { items, events, messages, attachments, links, offers, tasks, ledger, refunds, shipments };
}
export type CaseDetail = Awaited<ReturnType<typeof loadCaseDetail>>;
