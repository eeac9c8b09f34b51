import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/vocabulary.ts';
import { TASK_OWNER_ROLES } from '../resolution/offer.schemas.ts';
import { mayCompleteTask } from './task.owners.ts';

describe('who may complete a task', () => {
  it('money leaves only by finance’s hand (or an admin’s, or the system’s automatic outcome)', () => {
    expect(ROLES.filter((r) => mayCompleteTask('finance', r))).toEqual(['finance', 'admin', 'system']);
  });

  it('the merchant does its own tasks, platform staff may record them for it, finance may not', () => {
    expect(ROLES.filter((r) => mayCompleteTask('merchant', r))).toEqual(['agent', 'specialist', 'supervisor', 'merchant', 'admin', 'system']);
  });

  it('the merchant never completes the platform’s tasks; a supervisor’s step is the supervisor’s', () => {
    for (const owner of ['agent', 'specialist', 'supervisor']) {
      expect(mayCompleteTask(owner, 'merchant')).toBe(false);
      expect(mayCompleteTask(owner, 'finance')).toBe(false);
      expect(mayCompleteTask(owner, 'customer')).toBe(false);
    }
    expect(ROLES.filter((r) => mayCompleteTask('supervisor', r))).toEqual(['supervisor', 'admin', 'system']);
  });

  it('every owner a plan may name has someone who can complete it, and customers and departments never do', () => {
    for (const owner of TASK_OWNER_ROLES) {
      expect(mayCompleteTask(owner, owner)).toBe(true);
      expect(mayCompleteTask(owner, 'customer')).toBe(false);
      expect(mayCompleteTask(owner, 'department')).toBe(false);
    }
  });
});
