// Reads and writes of user accounts for user management; never returns a password hash.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DEPARTMENT_LABELS, type Department, type LocalizedText } from '../../shared/vocabulary.ts';
import { openCaseLoads } from '../routing/routing.repository.ts';
import { containing } from '../../db/like.ts';

type Db = Kysely<DB>;

const USER_COLUMNS = [
  'u.id', 'u.email', 'u.display_name', 'u.role', 'u.department', 'u.merchant_id', 'u.customer_id', 'u.locale',
  'u.deactivated_at', 'u.created_at', 'u.updated_at', 'm.name as merchant_name',
] as const;

function users(db: Db) {
  return db.selectFrom('users as u').leftJoin('merchants as m', 'm.id', 'u.merchant_id');
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function findUser(db: Db, id: string, lock = false) {
  const query = users(db).select(USER_COLUMNS).where('u.id', '=', id);
  return (lock ? query.forUpdate('u') : query).executeTakeFirst();
}

export interface UserListQuery {
  role?: string | undefined;
  department?: string | undefined;
  merchantId?: string | undefined;
  /** Part of the email or the display name, any case. */
  q?: string | undefined;
  status?: 'active' | 'deactivated' | undefined;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, query: UserListQuery) {
  let q = users(db);
  if (query.role) q = q.where('u.role', '=', query.role);
  if (query.department) q = q.where('u.department', '=', query.department);
  if (query.merchantId) q = q.where('u.merchant_id', '=', query.merchantId);
  if (query.status === 'active') q = q.where('u.deactivated_at', 'is', null);
  if (query.status === 'deactivated') q = q.where('u.deactivated_at', 'is not', null);
  if (query.q) {
    const like = containing(query.q);
    q = q.where((eb) => eb.or([eb('u.email', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q.select(USER_COLUMNS).orderBy('u.created_at', 'desc').orderBy('u.id').limit(query.limit).offset(query.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Open cases assigned to each user: what a deactivation would leave for a supervisor to reassign. */
export const openAssignedCases = (db: Db, userIds: string[]) => openCaseLoads(db, userIds);

export async function merchantExists(db: Db, merchantId: string): Promise<boolean> {
  return (await db.selectFrom('merchants').select('id').where('id', '=', merchantId).executeTakeFirst()) !== undefined;
}

/** Merchants to choose from for a merchant-staff account: by name, at most `limit`. */
export async function merchantChoices(db: Db, search: string | undefined, limit: number) {
  let q = db.selectFrom('merchants').select(['id', 'name', 'platform_operated']);
  if (search) q = q.where('name', 'ilike', containing(search));
  const rows = await q.orderBy('name').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, platformOperated: r.platform_operated }));
}

export async function updateUserRow(
  db: Db,
  id: string,
  values: Partial<{ display_name: string; role: string; department: string | null; merchant_id: string | null; locale: string; deactivated_at: Date | null }>,
  now: Date,
): Promise<void> {
  await db.updateTable('users').set({ ...values, updated_at: now }).where('id', '=', id).execute();
}

/** Ends every token the user holds (sign-ins and API tokens); reactivation means signing in again. */
export async function revokeTokensOf(db: Db, userId: string, now: Date): Promise<number> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function departmentLabel(department: string | null): LocalizedText | null {
  if (!department) return null;
  return DEPARTMENT_LABELS[department as Department] ?? { 'zh-CN': department, 'en-US': department };
}
