// The SQL of incidents: settings, the facts detection reads, the incidents and their cases.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { IncidentRow } from '../../db/schema.incidents.ts';
import type { CaseFacts, IncidentScope, IncidentSettings, OpenIncidentFacts } from './incident.rules.ts';
import { DEFAULT_INCIDENT_SETTINGS } from './incident.rules.ts';

type Db = Kysely<DB>;
const HOUR_MS = 3_600_000;

export async function loadIncidentSettings(db: Db): Promise<IncidentSettings & { updatedAt: Date | null }> {
  const row = await db.selectFrom('incident_settings').selectAll().executeTakeFirst();
  if (!row) return { ...DEFAULT_INCIDENT_SETTINGS, updatedAt: null };
  return {
    productThreshold: row.product_threshold,
    merchantThreshold: row.merchant_threshold,
    windowHours: row.window_hours,
    merchantScope: row.merchant_scope,
    updatedAt: row.updated_at,
  };
}

export async function saveIncidentSettings(db: Db, s: IncidentSettings, userId: string | null, now: Date): Promise<void> {
  const values = {
    product_threshold: s.productThreshold,
    merchant_threshold: s.merchantThreshold,
    window_hours: s.windowHours,
    merchant_scope: s.merchantScope,
    updated_at: now,
    updated_by: userId,
  };
  await db
    .insertInto('incident_settings')
    .values({ id: true, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

function factsQuery(db: Db) {
  return db
    .selectFrom('cases as c')
    .leftJoin('case_items as ci', 'ci.case_id', 'c.id')
    .leftJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
    .select([
      'c.id', 'c.customer_id', 'c.merchant_id', 'c.category', 'c.kind', 'c.reason', 'c.created_at',
      sql<string[]>`coalesce(array_agg(distinct oi.product_id::text) filter (where oi.product_id is not null), '{}'::text[])`.as('product_ids'),
    ])
    .where('c.merged_into_id', 'is', null)
    .groupBy('c.id');
}

type FactsRow = { id: string; customer_id: string; merchant_id: string | null; category: string | null; kind: string; reason: string; created_at: Date; product_ids: string[] };

function toFacts(r: FactsRow): CaseFacts {
  return {
    caseId: r.id, customerId: r.customer_id, merchantId: r.merchant_id, category: r.category,
    kind: r.kind, reason: r.reason, productIds: r.product_ids, createdAt: r.created_at,
  };
}

export async function findCaseFacts(db: Db, caseId: string): Promise<CaseFacts | undefined> {
  const row = await factsQuery(db).where('c.id', '=', caseId).executeTakeFirst();
  return row ? toFacts(row) : undefined;
}

/** Cases that could count with the subject: same merchant and category, near in time, in no incident. */
export async function findCandidateCases(db: Db, subject: CaseFacts, windowHours: number): Promise<CaseFacts[]> {
  if (!subject.merchantId || !subject.category) return [];
  const t = subject.createdAt.getTime();
  const rows = await factsQuery(db)
    .where('c.merchant_id', '=', subject.merchantId)
    .where('c.category', '=', subject.category)
    .where('c.id', '!=', subject.caseId)
    .where('c.created_at', '>=', new Date(t - windowHours * HOUR_MS))
    .where('c.created_at', '<=', new Date(t + windowHours * HOUR_MS))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('incident_cases as ic').select('ic.case_id').whereRef('ic.case_id', '=', 'c.id'))))
    .execute();
  return rows.map(toFacts);
}

export async function findOpenIncidents(db: Db, merchantId: string, category: string): Promise<OpenIncidentFacts[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('category', '=', category)
    .where('status', '=', 'open')
    .execute();
  return rows.map((r) => ({
    id: r.id, incidentNo: r.incident_no, scope: r.scope as IncidentScope, productId: r.product_id,
    merchantId: r.merchant_id, category: r.category, openedAt: r.opened_at,
  }));
}

/** Serialises detection per merchant (both scopes of a case live under one merchant). */
export async function lockMerchantForIncidents(trx: Db, merchantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${INCIDENT_LOCK_CLASS}::int, hashtext(${merchantId}))`.execute(trx);
}
const INCIDENT_LOCK_CLASS = 61_842;

export async function insertIncident(
  trx: Db,
  i: { prefix: string; scope: IncidentScope; productId: string | null; merchantId: string; category: string; threshold: number; windowHours: number; summary: unknown; now: Date },
): Promise<IncidentRow> {
  return trx
    .insertInto('incidents')
    .values({
      incident_no: sql<string>`${i.prefix} || lpad(nextval('incident_no_seq')::text, 6, '0')`,
      scope: i.scope,
      product_id: i.productId,
      merchant_id: i.merchantId,
      category: i.category,
      threshold: i.threshold,
      window_hours: i.windowHours,
      summary: JSON.stringify(i.summary),
      opened_at: i.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findIncidentByNo(db: Db, incidentNo: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('incident_no', '=', incidentNo).executeTakeFirst();
}

/** The incident's earliest case: every other case is linked to it. */
export async function findAnchorCase(db: Db, incidentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('incident_cases as ic')
    .innerJoin('cases as c', 'c.id', 'ic.case_id')
    .select('c.id')
    .where('ic.incident_id', '=', incidentId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function addIncidentCases(trx: Db, incidentId: string, caseIds: string[], founding: boolean, now: Date): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await trx
    .insertInto('incident_cases')
    .values(caseIds.map((id) => ({ incident_id: incidentId, case_id: id, joined_at: now, founding })))
    .onConflict((oc) => oc.doNothing())
    .returning('case_id')
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

/** Recounts the distinct customers of an incident; returns the count. */
export async function recountCustomers(trx: Db, incidentId: string): Promise<number> {
  const row = await trx
    .updateTable('incidents')
    .set({
      customers: sql<number>`(select count(distinct c.customer_id)::int from incident_cases ic join cases c on c.id = ic.case_id where ic.incident_id = ${incidentId})`,
    })
    .where('id', '=', incidentId)
    .returning('customers')
    .executeTakeFirstOrThrow();
  return row.customers;
}

export async function incidentOfCase(db: Db, caseId: string): Promise<{ incidentNo: string; status: string } | null> {
  const row = await db
    .selectFrom('incident_cases as ic')
    .innerJoin('incidents as i', 'i.id', 'ic.incident_id')
    .select(['i.incident_no', 'i.status'])
    .where('ic.case_id', '=', caseId)
    .executeTakeFirst();
  return row ? { incidentNo: row.incident_no, status: row.status } : null;
}

function incidentListQuery(db: Db) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('merchants as m', 'm.id', 'i.merchant_id')
    .leftJoin('products as p', 'p.id', 'i.product_id')
    .selectAll('i')
    .select(['m.name as merchant_name', 'p.name as product_name'])
    .select((eb) => eb.selectFrom('incident_cases as ic').select(eb.fn.countAll<number>().as('n')).whereRef('ic.incident_id', '=', 'i.id').as('case_count'));
}
export type IncidentListRow = Awaited<ReturnType<ReturnType<typeof incidentListQuery>['executeTakeFirstOrThrow']>>;

export async function listIncidents(db: Db, q: { status?: string | undefined; limit: number; offset: number }) {
  let query = incidentListQuery(db);
  if (q.status) query = query.where('i.status', '=', q.status);
  const [rows, count] = await Promise.all([
    query.orderBy('i.opened_at', 'desc').orderBy('i.id').limit(q.limit).offset(q.offset).execute(),
    db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).$if(!!q.status, (w) => w.where('status', '=', q.status!)).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function getIncidentWithCases(db: Db, incidentNo: string) {
  const row = await incidentListQuery(db).where('i.incident_no', '=', incidentNo).executeTakeFirst();
  if (!row) return undefined;
  const cases = await db
    .selectFrom('incident_cases as ic')
    .innerJoin('cases as c', 'c.id', 'ic.case_id')
    .select(['c.id', 'c.case_no', 'c.state', 'c.severity', 'c.kind', 'c.title', 'c.customer_id', 'c.created_at', 'ic.joined_at', 'ic.founding'])
    .where('ic.incident_id', '=', row.id)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return { row, cases };
}
