import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { overclaimedItem } from './case.claims.ts';

const line = (quantity: number, openClaims: { caseNo: string; kind: string; quantity: number; dedupeKey: string }[] = []) => ({ orderItemId: 'A', quantity, openClaims });
const claim = (kind: string, quantity: number, dedupeKey = `c:${kind}:A`) => ({ caseNo: 'AS1', kind, quantity, dedupeKey });

describe('the same units are not asked for twice (IN-8)', () => {
  it('refuses a second return of the only unit, naming the open case', () => {
    expect(overclaimedItem({ kind: 'return_refund', dedupeKey: 'c:return_refund:A,B', items: [{ orderItemId: 'A', quantity: 1 }] }, [line(1, [claim('return_refund', 1)])])).toEqual({ index: 0, caseNo: 'AS1' });
  });

  it('leaves an identical request to the duplicate slot', () => {
    expect(overclaimedItem({ kind: 'return_refund', dedupeKey: 'c:return_refund:A', items: [{ orderItemId: 'A', quantity: 1 }] }, [line(1, [claim('return_refund', 1)])])).toBeNull();
  });

  it('lets the other units of a line be returned, and a return be refused while the same unit is exchanged', () => {
    const twoBought = [line(2, [claim('return_refund', 1)])];
    expect(overclaimedItem({ kind: 'return_refund', dedupeKey: 'x', items: [{ orderItemId: 'A', quantity: 1 }] }, twoBought)).toBeNull();
    expect(overclaimedItem({ kind: 'return_refund', dedupeKey: 'x', items: [{ orderItemId: 'A', quantity: 2 }] }, twoBought)).not.toBeNull();
    expect(overclaimedItem({ kind: 'return_refund', dedupeKey: 'x', items: [{ orderItemId: 'A', quantity: 1 }] }, [line(1, [claim('exchange', 1)])])).not.toBeNull();
  });

  it('lets a complaint, a repair or a price protection sit beside a return of the same unit', () => {
    for (const kind of ['complaint', 'repair', 'price_protection']) {
      expect(overclaimedItem({ kind, dedupeKey: 'x', items: [{ orderItemId: 'A', quantity: 1 }] }, [line(1, [claim('return_refund', 1)])])).toBeNull();
    }
  });

  it('property: with no open claims nothing is refused; a refusal always names a colliding open case', () => {
    const kinds = ['return_refund', 'refund_only', 'exchange', 'repair', 'reship', 'price_protection', 'complaint'];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), quantity: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
        (kind, bought, asked, open) => {
          const claims = open.map((o, i) => ({ caseNo: `AS${i}`, kind: o.kind, quantity: o.quantity, dedupeKey: `k${i}` }));
          const request = { kind, dedupeKey: 'new', items: [{ orderItemId: 'A', quantity: asked }] };
          expect(overclaimedItem(request, [line(bought)])).toBeNull();
          const refused = overclaimedItem(request, [line(bought, claims)]);
          if (refused) expect(claims.map((c) => c.caseNo)).toContain(refused.caseNo);
        },
      ),
    );
  });
});
