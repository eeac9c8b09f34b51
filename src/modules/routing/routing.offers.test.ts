import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATES, isOpenState } from '../cases/case.state.ts';
import { ROLES } from '../../shared/vocabulary.ts';
import { routingOffers } from './routing.offers.ts';

const ME = 'u-me';
const actions = (...args: Parameters<typeof routingOffers>) => routingOffers(...args).map((o) => o.action);
const open = (over: Partial<{ state: string; queue: string; assignee_id: string | null }> = {}) => ({ state: 'acknowledged', queue: 'frontline', assignee_id: null, ...over });

describe('routing actions offered (TR-7, ORG-3)', () => {
  it('an agent takes an unassigned case from a queue agents work, and releases only their own', () => {
    expect(actions(open(), { role: 'agent', userId: ME }, 'agent')).toEqual(['assign', 'route']);
    expect(routingOffers(open(), { role: 'agent', userId: ME }, 'agent')[0]!.label['zh-CN']).toBe('认领');
    expect(actions(open(), { role: 'agent', userId: ME }, 'specialist')).toEqual([]);
    expect(actions(open({ assignee_id: ME }), { role: 'agent', userId: ME }, 'agent')).toEqual(['unassign', 'route']);
    expect(actions(open({ assignee_id: 'someone' }), { role: 'agent', userId: ME }, 'agent')).toEqual([]);
  });

  it('staff below supervisor route again only a case they hold or an unassigned one in their own queue (TR-7)', () => {
    // A supervisor took the case in their queue: the agent may not send it back.
    expect(actions(open({ queue: 'supervisors', assignee_id: 'boss' }), { role: 'agent', userId: ME }, 'supervisor')).toEqual([]);
    expect(actions(open({ queue: 'supervisors', assignee_id: ME }), { role: 'agent', userId: ME }, 'supervisor')).toEqual(['unassign', 'route']);
    expect(actions(open(), { role: 'specialist', userId: ME }, 'agent')).toEqual([]);
    expect(actions(open(), { role: 'agent', userId: ME }, null)).toEqual([]);
  });

  it('supervisors and admins assign or move any open case and release anyone', () => {
    expect(actions(open({ assignee_id: 'someone' }), { role: 'supervisor', userId: ME }, 'agent')).toEqual(['assign', 'unassign', 'route']);
    expect(routingOffers(open(), { role: 'admin', userId: ME }, null)[0]!.label['en-US']).toBe('assign or move to a queue');
  });

  it('the platform is asked to step in only while the merchant handles the case, by the customer or the merchant; the result by the customer', () => {
    expect(actions(open({ queue: 'merchant' }), { role: 'customer', userId: 'c' }, 'merchant', true)).toEqual(['appeal']);
    expect(actions(open({ queue: 'merchant' }), { role: 'merchant', userId: 'm' }, 'merchant')).toEqual(['appeal']);
    // The customer disputes the merchant's result with the platform; the merchant has nothing left to hand over.
    expect(actions(open({ queue: 'merchant', state: 'result_notified' }), { role: 'customer', userId: 'c' }, 'merchant', true)).toEqual(['appeal']);
    expect(actions(open({ queue: 'merchant', state: 'result_notified' }), { role: 'merchant', userId: 'm' }, 'merchant')).toEqual([]);
    // ORG-3: the customer only once the merchant has had its turn (routing.appeal.ts).
    expect(actions(open({ queue: 'merchant' }), { role: 'customer', userId: 'c' }, 'merchant', false)).toEqual([]);
    expect(actions(open(), { role: 'customer', userId: 'c' }, 'agent')).toEqual([]);
    // Without the queue's role nothing that depends on it is offered.
    expect(actions(open({ queue: 'merchant' }), { role: 'customer', userId: 'c' }, null)).toEqual([]);
  });

  it('a case in compliance review is not routed again from compliance\'s queue (SLA-9)', () => {
    expect(actions(open({ state: 'compliance_review', queue: 'compliance' }), { role: 'compliance', userId: ME }, 'compliance')).toEqual(['assign']);
    expect(actions(open({ state: 'compliance_review', queue: 'compliance' }), { role: 'agent', userId: ME }, 'compliance')).toEqual([]);
    // Not in compliance's queue (it was inactive when the case went to review): the rules may place it.
    expect(actions(open({ state: 'compliance_review' }), { role: 'agent', userId: ME }, 'agent')).toContain('route');
  });

  it('nothing on a closed case, nothing for finance or departments, only the appeal for merchants, nothing without a user id', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_STATES),
        fc.constantFrom(...ROLES),
        fc.option(fc.constantFrom(ME, 'someone'), { nil: null }),
        fc.option(fc.constantFrom('agent', 'specialist', 'supervisor', 'merchant', 'finance'), { nil: null }),
        fc.option(fc.constant(ME), { nil: null }),
        (state, role, assignee, queueRole, userId) => {
          const offered = actions({ state, queue: 'q', assignee_id: assignee }, { role, userId }, queueRole);
          if (!isOpenState(state)) expect(offered).toEqual([]);
          if (['finance', 'merchant', 'department', 'system'].includes(role)) {
            expect(offered.filter((a) => a !== 'assign' && a !== 'unassign' && !(role === 'merchant' && a === 'appeal'))).toEqual([]);
          }
          if (role !== 'supervisor' && role !== 'admin') {
            // Others never take a held case or release someone else's.
            if (assignee !== null) expect(offered).not.toContain('assign');
            if (assignee !== userId) expect(offered).not.toContain('unassign');
            if (assignee !== null && assignee !== userId) expect(offered).not.toContain('route');
          }
          if (userId === null) expect(offered.filter((a) => a === 'assign' || a === 'unassign')).toEqual([]);
          if (offered.includes('appeal')) expect(queueRole).toBe('merchant');
        },
      ),
    );
  });
});
