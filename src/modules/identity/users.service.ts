// User management (admins only): create staff, department and merchant-staff accounts with an
// initial password, change a user's name, role, department, merchant or language, deactivate and
// reactivate. Each command is one transaction that writes the user and its audit entry together.
// Deactivation revokes every token of the user; sign-in and token lookup also refuse a
// deactivated user, so nothing they hold works any more. Their open cases go back through routing,
// as do those a new role cannot hold (CaseHandover).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, type FieldIssue, invalid, notFound } from '../../shared/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Department, Role } from '../../shared/vocabulary.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserByEmail, insertUser } from './identity.repository.ts';
import { hashPassword } from './identity.service.ts';
import type { Actor } from './identity.types.ts';
import { endAllSignIns } from './sign-ins.ts';
import {
  departmentLabel, findUser, listUsers as listUserRows, merchantExists, openAssignedCases, revokeTokensOf, updateUserRow,
  type UserListQuery, type UserRow,
} from './users.repository.ts';
import { type ManagedRole, nextScope, roleChangeIssue, scopeIssues, selfLockoutIssue } from './users.rules.ts';

type Db = Kysely<DB>;
const USER = { 'zh-CN': '用户', 'en-US': 'user' };

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  ip: string | null;
  requestId: string | null;
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  role: ManagedRole;
  password: string;
  department?: Department | undefined;
  merchantId?: string | undefined;
  locale?: 'zh-CN' | 'en-US' | undefined;
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  role?: ManagedRole | undefined;
  department?: Department | null | undefined;
  merchantId?: string | null | undefined;
  locale?: 'zh-CN' | 'en-US' | undefined;
  active?: boolean | undefined;
}

export function presentUser(row: UserRow, openCases = 0) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    department: row.department,
    departmentLabel: departmentLabel(row.department),
    merchant: row.merchant_id ? { id: row.merchant_id, name: row.merchant_name ?? '' } : null,
    customerId: row.customer_id,
    locale: row.locale,
    active: row.deactivated_at === null,
    deactivatedAt: row.deactivated_at?.toISOString() ?? null,
    /** Open cases still assigned to the user (a supervisor reassigns them after a deactivation). */
    openCases,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type PresentedUser = ReturnType<typeof presentUser>;

/** 400 with every issue on its field: the request itself does not make sense. */
function inconsistent(issues: FieldIssue[]): AppError {
  const first = issues[0]!;
  return new AppError({ status: 400, type: 'validation-failed', text: first.message, field: first.field, issues });
}

const emailTaken = () =>
  new AppError({
    status: 409,
    type: 'email-taken',
    field: 'email',
    text: { 'zh-CN': '该邮箱已被其他账号使用', 'en-US': 'Another account already uses this email' },
    issues: [{ field: 'email', message: { 'zh-CN': '该邮箱已被其他账号使用', 'en-US': 'Another account already uses this email' } }],
  });

const unknownMerchant = () => invalid('merchantId', { 'zh-CN': '所选商家不存在', 'en-US': 'No such merchant' }, 'merchant-not-found');

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

async function presentOne(db: Db, id: string): Promise<PresentedUser> {
  const row = await findUser(db, id);
  if (!row) throw notFound(USER, 'id');
  const loads = await openAssignedCases(db, [id]);
  return presentUser(row, loads.get(id) ?? 0);
}

export async function listUsers(db: Db, query: UserListQuery) {
  const { rows, total } = await listUserRows(db, query);
  const loads = await openAssignedCases(db, rows.map((r) => r.id));
  return {
    items: rows.map((r) => presentUser(r, loads.get(r.id) ?? 0)),
    total,
    limit: query.limit,
    offset: query.offset,
    hasMore: query.offset + rows.length < total,
  };
}

export async function getUser(db: Db, id: string): Promise<PresentedUser> {
  return presentOne(db, id);
}

export async function createUser(db: Db, clock: Clock, actor: Actor, input: CreateUserInput, origin: RequestOrigin): Promise<PresentedUser> {
  const scope = { role: input.role, department: input.department ?? null, merchantId: input.merchantId ?? null };
  const issues = scopeIssues(scope);
  if (issues.length > 0) throw inconsistent(issues);
  // argon2id is deliberately slow: hash before the transaction opens.
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  try {
    const id = await db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, input.email)) throw emailTaken();
      if (scope.merchantId && !(await merchantExists(trx, scope.merchantId))) throw unknownMerchant();
      const userId = await insertUser(trx, {
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        department: scope.department,
        merchantId: scope.merchantId,
        ...(input.locale ? { locale: input.locale } : {}),
        createdAt: now,
      });
      await recordAudit(trx, {
        at: now, actor, action: 'config.user.created', subjectType: 'user', subjectId: userId, ...origin,
        detail: { email: input.email.toLowerCase(), role: input.role, department: scope.department, merchantId: scope.merchantId, locale: input.locale ?? 'zh-CN' },
      });
      return userId;
    });
    return await presentOne(db, id);
  } catch (error) {
    // Two admins creating the same email at once: the unique index decides, the loser hears 409.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

type Changes = Record<string, { from: unknown; to: unknown }>;

/**
 * What happens to a user's open cases, in the same transaction, when they can no longer hold them:
 * deactivated, every case goes elsewhere; given another role, those the role cannot hold. Each
 * returns the cases moved.
 */
export interface CaseHandover {
  deactivated(trx: Db, userId: string, now: Date): Promise<string[]>;
  roleChanged(trx: Db, userId: string, role: Role, now: Date): Promise<string[]>;
}

export async function updateUser(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  origin: RequestOrigin,
  handover?: CaseHandover,
): Promise<PresentedUser> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const row = await findUser(trx, id, true);
    if (!row) throw notFound(USER, 'id');
    const lockout = selfLockoutIssue(actor.userId, id, row.role as Role, { role: input.role, active: input.active });
    if (lockout) throw new AppError({ status: 409, type: 'self-lockout', text: lockout.message, field: lockout.field, issues: [lockout] });
    const roleIssue = input.role ? roleChangeIssue(row.role as Role, input.role) : null;
    if (roleIssue) throw invalid(roleIssue.field, roleIssue.message, 'role-fixed');
    const current = { role: row.role as Role, department: row.department, merchantId: row.merchant_id };
    const scope = nextScope(current, { role: input.role, department: input.department, merchantId: input.merchantId });
    const issues = scopeIssues(scope);
    if (issues.length > 0) throw inconsistent(issues);
    if (scope.merchantId && scope.merchantId !== row.merchant_id && !(await merchantExists(trx, scope.merchantId))) throw unknownMerchant();

    const changes: Changes = {};
    const values: Parameters<typeof updateUserRow>[2] = {};
    const change = <K extends keyof typeof values>(key: K, label: string, from: (typeof values)[K], to: (typeof values)[K] | undefined) => {
      if (to === undefined || to === from) return;
      values[key] = to;
      changes[label] = { from, to };
    };
    change('display_name', 'displayName', row.display_name, input.displayName);
    change('role', 'role', row.role, scope.role);
    change('department', 'department', row.department, scope.department);
    change('merchant_id', 'merchantId', row.merchant_id, scope.merchantId);
    change('locale', 'locale', row.locale, input.locale);
    const wasActive = row.deactivated_at === null;
    const deactivate = input.active === false && wasActive;
    const reactivate = input.active === true && !wasActive;
    if (deactivate) values.deactivated_at = now;
    if (reactivate) values.deactivated_at = null;
    if (Object.keys(values).length === 0) return;

    await updateUserRow(trx, id, values, now);
    const subject = { at: now, actor, subjectType: 'user', subjectId: id, ...origin };
    const entries = [];
    // A deactivated user's cases all go (below); an active one given another role keeps only what it may still hold.
    const rerouted = values.role && !deactivate && row.deactivated_at === null && handover ? await handover.roleChanged(trx, id, values.role as Role, now) : [];
    if (Object.keys(changes).length > 0) {
      entries.push({ ...subject, action: 'config.user.updated', detail: { email: row.email, changes, ...(rerouted.length > 0 ? { reroutedCases: rerouted } : {}) } });
    }
    if (deactivate) {
      const revokedTokens = await revokeTokensOf(trx, id, now);
      const endedSignIns = await endAllSignIns(trx, id, now);
      const reroutedCases = handover ? await handover.deactivated(trx, id, now) : [];
      entries.push({ ...subject, action: 'config.user.deactivated', detail: { email: row.email, revokedTokens, endedSignIns, reroutedCases } });
    }
    if (reactivate) entries.push({ ...subject, action: 'config.user.reactivated', detail: { email: row.email } });
    await recordAudit(trx, entries);
  });
  return presentOne(db, id);
}
