// The SQL of routing: queues, agent profiles and their loads, the rule list, and the facts of
// cases that rules read.
import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AgentProfileRow, QueueRow } from '../../db/schema.routing.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { OPEN_STATES } from '../cases/case.state.ts';
import { DEFAULT_QUEUES, DEFAULT_RULES } from './routing.defaults.ts';
import type { Candidate, RoutingFacts, RoutingRule } from './routing.rules.ts';
import { ruleSchema } from './routing.schemas.ts';
import { createConfigCache } from '../../shared/config-cache.ts';

type Db = Kysely<DB>;

export interface Queue {
  key: string;
  name: LocalizedText;
  role: string;
  active: boolean;
}

export const INTERVENTION_EVENT = 'platform_intervention';

function queueFromRow(row: QueueRow): Queue {
  return { key: row.key, name: row.name as LocalizedText, role: row.role, active: row.active };
}

/** The default queues (any missing) and, into an empty table, the default rules. */
export async function ensureRoutingDefaults(db: Db, now: Date): Promise<void> {
  await db
    .insertInto('queues')
    .values(DEFAULT_QUEUES.map((q) => ({ key: q.key, name: JSON.stringify(q.name), role: q.role, created_at: now, updated_at: now })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const existing = await db.selectFrom('routing_rules').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  if (existing.n > 0) return;
  // Two processes starting at once both find the table empty: the unique keys keep one copy.
  await db
    .insertInto('routing_rules')
    .values(DEFAULT_RULES.map((r, position) => ruleValues(r, position, 1, null, now)))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

function ruleValues(rule: RoutingRule, position: number, version: number, userId: string | null, now: Date) {
  return {
    key: rule.key,
    position,
    name: JSON.stringify(rule.name),
    active: rule.active,
    conditions: JSON.stringify(rule.conditions),
    actions: JSON.stringify(rule.actions),
    version,
    updated_at: now,
    updated_by: userId,
  };
}

export async function loadQueues(db: Db): Promise<Map<string, Queue>> {
  const rows = await db.selectFrom('queues').selectAll().orderBy('key').execute();
  return new Map(rows.map((r) => [r.key, queueFromRow(r)]));
}

export async function insertQueue(db: Db, q: Queue, userId: string | null, now: Date): Promise<Queue | null> {
  const row = await db
    .insertInto('queues')
    .values({ key: q.key, name: JSON.stringify(q.name), role: q.role, active: q.active, created_at: now, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? queueFromRow(row) : null;
}

export async function updateQueue(db: Db, q: Queue, userId: string | null, now: Date): Promise<Queue | null> {
  const row = await db
    .updateTable('queues')
    .set({ name: JSON.stringify(q.name), role: q.role, active: q.active, updated_at: now, updated_by: userId })
    .where('key', '=', q.key)
    .returningAll()
    .executeTakeFirst();
  return row ? queueFromRow(row) : null;
}

export interface StoredRules {
  version: number;
  rules: RoutingRule[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function loadRules(db: Db): Promise<StoredRules> {
  const rows = await db.selectFrom('routing_rules').selectAll().orderBy('position').execute();
  return {
    version: rows.reduce((v, r) => Math.max(v, r.version), 0),
    rules: rows.map((r) => ruleSchema.parse({ key: r.key, name: r.name, active: r.active, conditions: r.conditions, actions: r.actions })),
    updatedAt: rows[0]?.updated_at ?? null,
    updatedBy: rows[0]?.updated_by ?? null,
  };
}

// Rules and queues are read on every intake and case page; the editing routes read them fresh.
const rulesCache = createConfigCache<RoutingRule[]>();
const queuesCache = createConfigCache<Map<string, Queue>>();

/** The rules in evaluation order, kept in-process for a few seconds. */
export function cachedRules(db: Db): Promise<RoutingRule[]> {
  return rulesCache.get(db, 'rules', () => loadRules(db).then((s) => s.rules));
}

/** The queues, kept in-process for a few seconds. */
export function cachedQueues(db: Db): Promise<Map<string, Queue>> {
  return queuesCache.get(db, 'queues', () => loadQueues(db));
}

/** Call after a change to rules or queues committed. */
export function forgetRoutingConfig(): void {
  rulesCache.forget();
  queuesCache.forget();
}

/** Replaces the whole list (the caller holds the table lock); every row gets the new version. */
export async function replaceRules(trx: Db, rules: RoutingRule[], version: number, userId: string | null, now: Date): Promise<void> {
  await trx.deleteFrom('routing_rules').execute();
  await trx.insertInto('routing_rules').values(rules.map((r, i) => ruleValues(r, i, version, userId, now))).execute();
}

export async function lockRules(trx: Db): Promise<void> {
  await sql`lock table routing_rules in exclusive mode`.execute(trx);
}

// ---- Agents ----

export interface AgentProfile extends Candidate {
  role: string;
  displayName: string;
  /** False once the user is deactivated: they take no case, whatever their profile says (ORG-1). */
  active: boolean;
}

type ProfileJoinRow = AgentProfileRow & { role: string; display_name: string; deactivated_at: Date | null };

function profileFromRow(row: ProfileJoinRow, openCases: number): AgentProfile {
  return {
    userId: row.user_id,
    role: row.role,
    displayName: row.display_name,
    skills: { categories: row.categories, kinds: row.kinds, languages: row.languages, productCategories: row.product_categories },
    cap: row.max_open_cases,
    available: row.available,
    active: row.deactivated_at === null,
    senior: row.senior,
    openCases,
  };
}

function profiles(db: Db) {
  return db.selectFrom('agent_profiles as p').innerJoin('users as u', 'u.id', 'p.user_id').selectAll('p').select(['u.role', 'u.display_name', 'u.deactivated_at']);
}

/** Open cases per assignee: one grouped read. */
export async function openCaseLoads(db: Db, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['assignee_id', sql<number>`count(*)::int`.as('n')])
    .where('assignee_id', 'in', userIds)
    .where('state', 'in', [...OPEN_STATES])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id as string, r.n]));
}

/**
 * The people of a role with their loads. With `lock`, their profile rows are locked (in user id
 * order, after the case rows the command holds), so concurrent assignments cannot pass a cap.
 */
export async function loadCandidates(db: Db, roles: string[], lock: boolean): Promise<AgentProfile[]> {
  if (roles.length === 0) return [];
  // A deactivated user takes no new cases (0012_users.sql).
  const query = profiles(db).where('u.role', 'in', roles).where('u.deactivated_at', 'is', null).orderBy('p.user_id');
  const rows = await (lock ? query.forUpdate('p') : query).execute();
  const loads = await openCaseLoads(db, rows.map((r) => r.user_id));
  return rows.map((r) => profileFromRow(r, loads.get(r.user_id) ?? 0));
}

export async function loadProfile(db: Db, userId: string, lock = false): Promise<AgentProfile | null> {
  const query = profiles(db).where('p.user_id', '=', userId);
  const row = await (lock ? query.forUpdate('p') : query).executeTakeFirst();
  if (!row) return null;
  const loads = await openCaseLoads(db, [userId]);
  return profileFromRow(row, loads.get(userId) ?? 0);
}

export async function listProfiles(db: Db): Promise<AgentProfile[]> {
  const rows = await profiles(db).orderBy('u.role').orderBy('u.display_name').orderBy('p.user_id').execute();
  const loads = await openCaseLoads(db, rows.map((r) => r.user_id));
  return rows.map((r) => profileFromRow(r, loads.get(r.user_id) ?? 0));
}

/** Staff who have no profile yet (they are routed to with the defaults once an admin gives them one). */
export async function listStaffWithoutProfile(
  db: Db,
  roles: readonly string[],
): Promise<{ userId: string; role: string; displayName: string; openCases: number; active: boolean }[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('agent_profiles as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.role', 'u.display_name', 'u.deactivated_at'])
    .where('p.user_id', 'is', null)
    .where('u.role', 'in', [...roles])
    .orderBy('u.role')
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
  const loads = await openCaseLoads(db, rows.map((r) => r.id));
  return rows.map((r) => ({ userId: r.id, role: r.role, displayName: r.display_name, openCases: loads.get(r.id) ?? 0, active: r.deactivated_at === null }));
}

/**
 * A staff member without a profile takes part with the defaults (no skills, the default cap,
 * available): the profile is written the first time they take or are given a case.
 */
export async function ensureProfile(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('agent_profiles')
    .values({ user_id: userId, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

export async function upsertProfile(
  db: Db,
  p: Omit<AgentProfile, 'openCases' | 'role' | 'displayName' | 'active'>,
  userId: string | null,
  now: Date,
): Promise<void> {
  const values = {
    categories: p.skills.categories,
    kinds: p.skills.kinds,
    languages: p.skills.languages,
    product_categories: p.skills.productCategories,
    max_open_cases: p.cap,
    available: p.available,
    senior: p.senior,
    updated_at: now,
    updated_by: userId,
  };
  await db
    .insertInto('agent_profiles')
    .values({ user_id: p.userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

// ---- Facts ----

/** The facts rules read, for many cases at once (one statement). */
export async function loadRoutingFacts(db: Db, rows: CaseRow[]): Promise<Map<string, RoutingFacts>> {
  if (rows.length === 0) return new Map();
  const extra = await db
    .selectFrom('cases as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('merchants as m', 'm.id', 'c.merchant_id')
    .select([
      'c.id',
      'cu.tier',
      'cu.locale',
      'm.platform_operated',
      sql<string[]>`coalesce((select array_agg(distinct p.category order by p.category)
        from case_items ci join order_items oi on oi.id = ci.order_item_id join products p on p.id = oi.product_id
        where ci.case_id = c.id), '{}'::text[])`.as('product_categories'),
      sql<boolean>`exists (select 1 from case_events e where e.case_id = c.id and e.type = ${INTERVENTION_EVENT})`.as('intervened'),
    ])
    .where('c.id', 'in', rows.map((r) => r.id))
    .execute();
  const byId = new Map(extra.map((e) => [e.id, e]));
  return new Map(
    rows.map((row) => {
      const e = byId.get(row.id);
      return [
        row.id,
        {
          severity: row.severity,
          kind: row.kind,
          category: row.category,
          channel: row.channel,
          productCategories: e?.product_categories ?? [],
          merchantId: row.merchant_id,
          merchantPlatformOperated: row.merchant_id === null ? null : (e?.platform_operated ?? null),
          customerTier: e?.tier ?? null,
          language: e?.locale ?? null,
          platformIntervention: e?.intervened ?? false,
        },
      ];
    }),
  );
}
