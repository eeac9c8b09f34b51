// What makes a user account consistent, and what an admin may not do to their own account.
// Pure: the user management service asks these before it writes anything.
//
// A user's role decides their scope: a department user (ORG-2) belongs to exactly one
// department, merchant staff (ORG-3) to exactly one merchant, everyone else to neither. Customer
// accounts come from the shop's customers and keep their role.
import type { FieldIssue } from '../../shared/errors.ts';
import { type Department, type Role, STAFF_ROLES } from '../../shared/vocabulary.ts';

/** The roles an admin gives out: staff, a collaborating department's staff, a merchant's staff. */
export const MANAGED_ROLES = [...STAFF_ROLES, 'department', 'merchant'] as const satisfies readonly Role[];
export type ManagedRole = (typeof MANAGED_ROLES)[number];

export interface UserScope {
  role: Role;
  department: string | null;
  merchantId: string | null;
}

/** Why a role, department and merchant do not fit together (empty when they do). */
export function scopeIssues(scope: UserScope): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (scope.role === 'department' && !scope.department) {
    issues.push({ field: 'department', message: { 'zh-CN': '部门用户须选择所属部门', 'en-US': 'A department user needs a department' } });
  }
  if (scope.role !== 'department' && scope.department) {
    issues.push({ field: 'department', message: { 'zh-CN': '只有部门用户才有所属部门', 'en-US': 'Only department users belong to a department' } });
  }
  if (scope.role === 'merchant' && !scope.merchantId) {
    issues.push({ field: 'merchantId', message: { 'zh-CN': '商家客服须选择所属商家', 'en-US': 'Merchant staff need a merchant' } });
  }
  if (scope.role !== 'merchant' && scope.merchantId) {
    issues.push({ field: 'merchantId', message: { 'zh-CN': '只有商家客服才属于某个商家', 'en-US': 'Only merchant staff belong to a merchant' } });
  }
  return issues;
}

export interface ScopeChange {
  role?: ManagedRole | undefined;
  /** Present (even null) when the change names it; absent: keep, or clear when the role no longer has one. */
  department?: Department | null | undefined;
  merchantId?: string | null | undefined;
}

/**
 * The scope after a change. A field the change does not name is kept, unless the new role cannot
 * have it (a department user made an agent leaves their department), so a role change alone is enough.
 */
export function nextScope(current: UserScope, change: ScopeChange): UserScope {
  const role = change.role ?? current.role;
  const department = change.department !== undefined ? change.department : role === 'department' ? current.department : null;
  const merchantId = change.merchantId !== undefined ? change.merchantId : role === 'merchant' ? current.merchantId : null;
  return { role, department, merchantId };
}

/** A customer account stays a customer's: their orders and cases hang on it. */
export function roleChangeIssue(currentRole: Role, nextRole: Role): FieldIssue | null {
  if (currentRole === nextRole) return null;
  if (currentRole === 'customer' || !(MANAGED_ROLES as readonly Role[]).includes(currentRole)) {
    return { field: 'role', message: { 'zh-CN': '客户账号的角色不能更改', 'en-US': "A customer account's role cannot be changed" } };
  }
  return null;
}

/**
 * An admin cannot lock themself out: no deactivating their own account, no giving up their own
 * admin role. Since only an admin changes users, at least one active admin always remains.
 */
export function selfLockoutIssue(actorUserId: string | null, targetUserId: string, currentRole: Role, change: { role?: Role | undefined; active?: boolean | undefined }): FieldIssue | null {
  if (actorUserId === null || actorUserId !== targetUserId) return null;
  if (change.active === false) {
    return { field: 'active', message: { 'zh-CN': '不能停用自己的账号', 'en-US': 'You cannot deactivate your own account' } };
  }
  if (currentRole === 'admin' && change.role !== undefined && change.role !== 'admin') {
    return { field: 'role', message: { 'zh-CN': '不能取消自己的管理员角色', 'en-US': 'You cannot remove your own admin role' } };
  }
  return null;
}
