import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evaluateEligibility, summarizeProductPolicy } from './policy.engine.ts';
import { arbInput, raiseDays } from './policy.fixtures.ts';
import { DAY_MS } from '../../shared/clock.ts';

const later = fc.integer({ min: 1, max: 400 * DAY_MS });

describe('evaluateEligibility properties', () => {
  it('is deterministic', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        expect(evaluateEligibility(input)).toEqual(evaluateEligibility(structuredClone(input)));
      }),
    );
  });

  it('a policy with every day count at least as high never turns eligible into ineligible', () => {
    fc.assert(
      fc.property(arbInput, fc.func(fc.integer({ min: 0, max: 60 })), (input, by) => {
        const before = evaluateEligibility(input);
        const generous = evaluateEligibility({ ...input, policy: { ...input.policy, rules: raiseDays(input.policy.rules, by) } });
        if (before.eligible) expect(generous.eligible).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('once a window has expired it stays expired', () => {
    fc.assert(
      fc.property(arbInput, later, (input, dt) => {
        const at = evaluateEligibility(input);
        if (at.eligible) return;
        const after = evaluateEligibility({ ...input, now: new Date(input.now.getTime() + dt) });
        expect(after.eligible).toBe(false);
        if (at.reasons.some((r) => r.code === 'window_expired')) expect(after.reasons.some((r) => r.code === 'window_expired')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('an intact item that the law does not exclude can be returned without a reason for 7 days after sign-off, whatever the start event', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 7 * DAY_MS - 1 }), (input, sinceSignOff) => {
        const signedAt = input.delivery.signedAt;
        if (!signedAt) return;
        const rules = { ...input.policy.rules, noReasonReturn: { ...input.policy.rules.noReasonReturn, excludedCategories: [] } };
        const d = evaluateEligibility({
          ...input,
          kind: 'return_refund',
          reason: 'no_reason',
          product: { ...input.product, flags: [] },
          item: { ...input.item, condition: {} },
          order: { ...input.order, status: 'delivered' },
          delivery: { ...input.delivery, shipped: true },
          policy: { ...input.policy, rules },
          now: new Date(signedAt.getTime() + sinceSignOff),
        });
        expect(d.eligible).toBe(true);
        // Seven whole local days after the day of sign-off: at least 7 × 24 h, less the hour a
        // spring-forward clock change takes out of one of those days where the zone has one.
        if (d.deadline) expect(d.deadline.getTime()).toBeGreaterThanOrEqual(signedAt.getTime() + 7 * DAY_MS - 3_600_000);
      }),
      { numRuns: 500 },
    );
  });

  it('a later confirmation of receipt never closes a no-reason window that was open', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 0, max: 30 * DAY_MS }), (input, delay) => {
        const confirmed = input.delivery.receiptConfirmedAt;
        if (!confirmed) return;
        const rules = { ...input.policy.rules, noReasonReturn: { ...input.policy.rules.noReasonReturn, startsAt: 'receipt_confirmed' as const } };
        const at = (receiptConfirmedAt: Date) => evaluateEligibility({ ...input, reason: 'no_reason', policy: { ...input.policy, rules }, delivery: { ...input.delivery, receiptConfirmedAt } });
        if (at(confirmed).eligible) expect(at(new Date(confirmed.getTime() + delay)).eligible).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('deadlines counted from sign-off never fall before sign-off', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const d = evaluateEligibility(input);
        const signedAt = input.delivery.signedAt;
        if (d.deadline && signedAt && d.path !== 'price_protection') expect(d.deadline.getTime()).toBeGreaterThanOrEqual(signedAt.getTime());
      }),
    );
  });

  it('gives at least one reason, every reason in zh-CN and en-US', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const d = evaluateEligibility(input);
        expect(d.reasons.length).toBeGreaterThan(0);
        for (const r of d.reasons) {
          expect(r.code).toMatch(/^[a-z_]+$/);
          expect(r.text['zh-CN'].trim().length).toBeGreaterThan(0);
          expect(r.text['en-US'].trim().length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('names a payer exactly when a return is required, and never refunds later than the law allows', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const d = evaluateEligibility(input);
        expect(d.returnShipping.paidBy !== null).toBe(d.returnRequired);
        if (!d.eligible) expect(d.returnRequired).toBe(false);
        if (d.refund.dueBy && d.refund.statutoryDueBy) expect(d.refund.dueBy.getTime()).toBeLessThanOrEqual(d.refund.statutoryDueBy.getTime());
        expect(d.policyVersionId).toBe(input.policy.versionId);
      }),
    );
  });

  it('a refusal that advises another kind of request advises one that is open for the same item', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const d = evaluateEligibility(input);
        if (d.eligible || d.advisedKind === null) return;
        expect(evaluateEligibility({ ...input, kind: d.advisedKind }).eligible).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('summarizes every product in both languages', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const s = summarizeProductPolicy(input.policy.rules, input.product, { isPlatform: input.order.sellerIsPlatform });
        expect(s.text['zh-CN'].length).toBeGreaterThan(0);
        expect(s.text['en-US'].length).toBeGreaterThan(0);
        expect(s.noReasonReturn.days).toBeGreaterThanOrEqual(7);
      }),
    );
  });
});
