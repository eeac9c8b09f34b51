import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, ROLES, type Role } from '../../shared/vocabulary.ts';
import { MANAGED_ROLES, nextScope, roleChangeIssue, scopeIssues, selfLockoutIssue, type UserScope } from './users.rules.ts';

const role = fc.constantFrom(...ROLES.filter((r) => r !== 'system'));
const managedRole = fc.constantFrom(...MANAGED_ROLES);
const department = fc.option(fc.constantFrom(...DEPARTMENTS), { nil: null });
const merchantId = fc.option(fc.uuid(), { nil: null });
const scope = fc.record({ role, department, merchantId });

/** The rule stated once, independently of the implementation's branches. */
const consistent = (s: UserScope) => (s.role === 'department') === (s.department !== null) && (s.role === 'merchant') === (s.merchantId !== null);

describe('user scope', () => {
  it('has no issue exactly when department and merchant follow the role', () => {
    fc.assert(
      fc.property(scope, (s) => {
        expect(scopeIssues(s).length === 0).toBe(consistent(s));
      }),
    );
  });

  it('names the offending field', () => {
    expect(scopeIssues({ role: 'department', department: null, merchantId: null }).map((i) => i.field)).toEqual(['department']);
    expect(scopeIssues({ role: 'agent', department: 'legal', merchantId: null }).map((i) => i.field)).toEqual(['department']);
    expect(scopeIssues({ role: 'merchant', department: null, merchantId: null }).map((i) => i.field)).toEqual(['merchantId']);
    expect(scopeIssues({ role: 'department', department: null, merchantId: 'm' }).map((i) => i.field)).toEqual(['department', 'merchantId']);
  });

  it('a role change alone leaves a consistent scope for every role but department and merchant', () => {
    const consistentScope = scope.filter(consistent);
    fc.assert(
      fc.property(consistentScope, managedRole, (current, next) => {
        const after = nextScope(current, { role: next });
        if (next === 'department' && current.role !== 'department') expect(after.department).toBeNull();
        else if (next === 'merchant' && current.role !== 'merchant') expect(after.merchantId).toBeNull();
        else expect(consistent(after)).toBe(true);
      }),
    );
  });

  it('keeps what the change does not name and takes what it names, null included', () => {
    fc.assert(
      fc.property(scope, fc.option(managedRole, { nil: undefined }), fc.option(department, { nil: undefined }), (current, nextRole, dept) => {
        const after = nextScope(current, { role: nextRole, department: dept });
        expect(after.role).toBe(nextRole ?? current.role);
        if (dept !== undefined) expect(after.department).toBe(dept);
        else if (after.role !== 'department') expect(after.department).toBeNull();
        else expect(after.department).toBe(current.department);
      }),
    );
  });
});

describe('role changes and self-protection', () => {
  it('a customer account keeps its role; managed roles change freely', () => {
    fc.assert(
      fc.property(role, managedRole, (from, to) => {
        const issue = roleChangeIssue(from, to);
        const managed = (MANAGED_ROLES as readonly Role[]).includes(from);
        expect(issue === null).toBe(from === to || managed);
      }),
    );
  });

  it('an admin can neither deactivate nor demote themself, but may do both to someone else', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.option(managedRole, { nil: undefined }), fc.option(fc.boolean(), { nil: undefined }), (me, other, nextRole, active) => {
        const own = selfLockoutIssue(me, me, 'admin', { role: nextRole, active });
        const locksOut = active === false || (nextRole !== undefined && nextRole !== 'admin');
        expect(own !== null).toBe(locksOut);
        if (me !== other) expect(selfLockoutIssue(me, other, 'admin', { role: nextRole, active })).toBeNull();
      }),
    );
    expect(selfLockoutIssue('a', 'a', 'admin', { active: false })?.field).toBe('active');
    expect(selfLockoutIssue('a', 'a', 'admin', { role: 'agent' })?.field).toBe('role');
  });
});
