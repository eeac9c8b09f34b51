// When a refund falls due (POL-6, SLA-12): the policy's working days on the business calendar,
// but never past the law's 7 natural days after the returned goods arrive.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, DEFAULT_CALENDAR_SPEC } from '../sla/calendar.ts';
import { dayWindowEnd } from '../policy/policy.calendar.ts';
import { PLATFORM_BASELINE, type PolicyRules } from '../policy/policy.rules.ts';
import type { CaseFacts } from '../resolution/case-facts.ts';
import { planStepTask, returnShippingPayer, taskDueAt } from './execution.plan.ts';

const calendar = new BusinessCalendar(DEFAULT_CALENDAR_SPEC);

function facts(refund: PolicyRules['refund']): CaseFacts {
  return {
    paidFen: 19_900,
    goodsPaidFen: 19_900,
    refundedFen: 0,
    priceProtectedFen: 0,
    fraudCompensatedFen: 0,
    goodwillPaidFen: 0,
    priceDrop: null,
    eligibilityPath: 'no_reason_return',
    returnRightPath: 'no_reason_return',
    goodsValueFen: 19_900,
    returnShippingPaidBy: 'customer',
    eligibilityReturnRequired: true,
    seller: 'merchant',
    rules: { ...PLATFORM_BASELINE, refund },
    fraudFound: false,
  };
}

describe('refund due date', () => {
  it('is 3 working days after receipt on ordinary days', () => {
    // Received Monday 2026-11-16 10:00 in Shanghai: due at the close of Thursday 2026-11-19 (18:00).
    const due = taskDueAt('refund', facts({ withinDays: 3, dayType: 'working' }), new Date('2026-11-16T02:00:00Z'), calendar);
    expect(due.toISOString()).toBe('2026-11-19T10:00:00.000Z');
  });

  it('stops at the statutory 7 days when a holiday stretches the working days (National Day)', () => {
    // Received on the eve of the 2026 National Day holiday: 3 working days would end on 10-10.
    const received = new Date('2026-09-30T02:00:00Z');
    const due = taskDueAt('refund', facts({ withinDays: 3, dayType: 'working' }), received, calendar);
    expect(calendar.addWorkingDays(received, 3).getTime()).toBeGreaterThan(dayWindowEnd(received, 7).getTime());
    expect(due.toISOString()).toBe(dayWindowEnd(received, 7).toISOString());
    expect(due.toISOString()).toBe('2026-10-07T15:59:59.999Z');
  });

  it('applies to the return-shipping reimbursement as well', () => {
    const received = new Date('2026-02-13T02:00:00Z'); // before the 2026 Spring Festival break
    const due = taskDueAt('shipping_reimbursement', facts({ withinDays: 5, dayType: 'working' }), received, calendar);
    expect(due.getTime()).toBe(dayWindowEnd(received, 7).getTime());
  });

  it('is never later than 7 natural days after receipt, whatever the day and period', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-20T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('working' as const, 'natural' as const),
        (received, withinDays, dayType) => {
          const due = taskDueAt('refund', facts({ withinDays, dayType }), received, calendar);
          expect(due.getTime()).toBeLessThanOrEqual(dayWindowEnd(received, 7).getTime());
          expect(due.getTime()).toBeGreaterThan(received.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('who pays for the return parcel (VER-5, POL-4)', () => {
  const intake = (paidBy: CaseFacts['returnShippingPaidBy']): CaseFacts => ({ ...facts({ withinDays: 3, dayType: 'working' }), returnShippingPaidBy: paidBy });

  it('follows the finding: the seller for its fault, the carrier for transit damage, the customer for misuse', () => {
    expect(returnShippingPayer('quality_defect', intake('customer'))).toBe('merchant');
    expect(returnShippingPayer('logistics_damage', intake('merchant'))).toBe('carrier');
    // Intake judged a quality complaint (seller pays); inspection found the customer broke it.
    expect(returnShippingPayer('customer_misuse', intake('merchant'))).toBe('customer');
    // The customer's own return-shipping insurance pays whatever the finding.
    expect(returnShippingPayer('customer_misuse', intake('insurer'))).toBe('insurer');
  });

  it('keeps the policy answer at intake for a no-fault return or before any finding', () => {
    expect(returnShippingPayer('no_fault', intake('merchant'))).toBe('merchant');
    expect(returnShippingPayer(null, intake('insurer'))).toBe('insurer');
    expect(returnShippingPayer(null, intake(null))).toBe('customer');
  });
});

describe('a plan step as a task (RES-1)', () => {
  it('is due its hours after acceptance and keeps its owner and verification', () => {
    const accepted = new Date('2026-11-16T02:00:00Z');
    const task = planStepTask({ task: '回访', ownerRole: 'agent', dueInHours: 36, verification: '回访记录' }, accepted);
    expect(task).toEqual({ type: 'plan_step', title: '回访', ownerRole: 'agent', dueAt: new Date('2026-11-17T14:00:00Z'), verification: '回访记录' });
  });
});
