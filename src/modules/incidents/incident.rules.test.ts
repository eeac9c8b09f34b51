import { describe, expect, it } from 'vitest';
import { HOUR_MS, ManualClock } from '../../shared/clock.ts';
import {
  type CaseFacts, DEFAULT_INCIDENT_SETTINGS, decideIncident, type IncidentSettings, type OpenIncidentFacts, reportsProblem,
} from './incident.rules.ts';

const SETTINGS = DEFAULT_INCIDENT_SETTINGS;

/** Files cases at the clock's current time. */
function filer(clock: ManualClock) {
  let n = 0;
  return (customer: string, overrides: Partial<CaseFacts> = {}): CaseFacts => {
    n += 1;
    return {
      caseId: `case-${String(n).padStart(3, '0')}`,
      customerId: customer,
      merchantId: 'm1',
      category: 'product_quality',
      kind: 'complaint',
      reason: 'quality',
      productIds: ['p1'],
      createdAt: clock.now(),
      ...overrides,
    };
  };
}

const decide = (subject: CaseFacts, recent: CaseFacts[], open: OpenIncidentFacts[] = [], settings: IncidentSettings = SETTINGS) =>
  decideIncident(subject, recent, open, settings);

describe('group complaint detection (TR-6)', () => {
  it('four customers are not yet a group complaint', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const cases: CaseFacts[] = [];
    for (const customer of ['a', 'b', 'c', 'd']) {
      cases.push(file(customer));
      clock.advance(5 * HOUR_MS);
    }
    expect(decide(cases.at(-1)!, cases.slice(0, -1))).toEqual({ action: 'none', why: 'below_threshold' });
  });

  it('the fifth customer within 72 hours opens a product incident with all five cases', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const cases: CaseFacts[] = [];
    for (const customer of ['a', 'b', 'c', 'd', 'e']) {
      cases.push(file(customer));
      clock.advance(17 * HOUR_MS); // the fifth comes 68 h after the first
    }
    const decision = decide(cases[4]!, cases.slice(0, 4));
    expect(decision).toMatchObject({
      action: 'open', scope: 'product', productId: 'p1', merchantId: 'm1', category: 'product_quality', customers: 5, threshold: 5, windowHours: 72,
    });
    if (decision.action !== 'open') throw new Error('expected an incident');
    expect(decision.caseIds).toEqual(cases.map((c) => c.caseId));
    expect(decision.from).toEqual(cases[0]!.createdAt);
    expect(decision.to).toEqual(cases[4]!.createdAt);
  });

  it('a sixth matching case joins the open incident, even after the window', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const incident: OpenIncidentFacts = {
      id: 'i1', incidentNo: 'GC1', scope: 'product', productId: 'p1', merchantId: 'm1', category: 'product_quality', openedAt: clock.now(),
    };
    clock.advance(10 * 24 * HOUR_MS);
    const sixth = file('f', { productIds: ['p9', 'p1'] });
    expect(decide(sixth, [], [incident])).toEqual({ action: 'join', incident });
    // Another category or another product of the merchant does not join a product incident.
    expect(decide(file('g', { category: 'logistics', reason: 'logistics' }), [], [incident]).action).toBe('none');
    expect(decide(file('h', { productIds: ['p2'] }), [], [incident]).action).toBe('none');
  });

  it('an open incident does not take a case filed long before it opened', () => {
    const clock = new ManualClock('2026-10-01T10:00:00+08:00');
    const file = filer(clock);
    const old = file('old');
    clock.advance(60 * 24 * HOUR_MS);
    const incident: OpenIncidentFacts = {
      id: 'i1', incidentNo: 'GC1', scope: 'product', productId: 'p1', merchantId: 'm1', category: 'product_quality', openedAt: clock.now(),
    };
    // Checked late (a replay, a job run after a restart): October's case is not part of December's wave.
    expect(decide(old, [], [incident]).action).not.toBe('join');
    // One filed within the window before the incident opened still joins.
    const recent = { ...file('recent'), createdAt: new Date(clock.now().getTime() - 24 * HOUR_MS) };
    expect(decide(recent, [], [incident])).toEqual({ action: 'join', incident });
  });

  it('a product incident is preferred over a merchant incident for the same problem', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const filed = filer(clock);
    const file = (customer: string, overrides: Partial<CaseFacts> = {}) => filed(customer, { category: 'logistics', reason: 'logistics', ...overrides });
    const merchant: OpenIncidentFacts = { id: 'im', incidentNo: 'GC1', scope: 'merchant', productId: null, merchantId: 'm1', category: 'logistics', openedAt: clock.now() };
    const product: OpenIncidentFacts = { ...merchant, id: 'ip', incidentNo: 'GC2', scope: 'product', productId: 'p1', openedAt: new Date(clock.now().getTime() + HOUR_MS) };
    expect(decide(file('a'), [], [merchant, product])).toMatchObject({ action: 'join', incident: { id: 'ip' } });
    expect(decide(file('b', { productIds: ['p2'] }), [], [merchant, product])).toMatchObject({ action: 'join', incident: { id: 'im' } });
    expect(decide(file('c', { productIds: ['p2'] }), [], [merchant, product], { ...SETTINGS, merchantScope: false }).action).toBe('none');
  });

  it('one customer filing twice counts once', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const cases = [file('a'), file('b'), file('c'), file('d')];
    clock.advance(HOUR_MS);
    const again = file('d');
    expect(decide(again, cases)).toEqual({ action: 'none', why: 'below_threshold' });
    const fifth = file('e');
    const decision = decide(fifth, [...cases, again]);
    expect(decision).toMatchObject({ action: 'open', customers: 5 });
    if (decision.action === 'open') expect(decision.caseIds).toHaveLength(6);
  });

  it('reports more than 72 hours apart are not one group complaint', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const early = [file('a'), file('b'), file('c'), file('d')];
    clock.advance(72 * HOUR_MS + 1);
    const late = file('e');
    expect(decide(late, early).action).toBe('none');
    // Exactly 72 hours still counts.
    const clock2 = new ManualClock('2026-11-10T10:00:00+08:00');
    const file2 = filer(clock2);
    const early2 = [file2('a'), file2('b'), file2('c'), file2('d')];
    clock2.advance(72 * HOUR_MS);
    expect(decide(file2('e'), early2).action).toBe('open');
  });

  it('the window slides: only the customers within 72 hours of each other count', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const old = [file('a'), file('b')];
    clock.advance(60 * HOUR_MS);
    const mid = [file('c'), file('d')];
    clock.advance(20 * HOUR_MS); // 80 h after a and b
    expect(decide(file('e'), [...old, ...mid]).action).toBe('none');
  });

  it('cases filed after the subject count too (their jobs may have run first)', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const first = file('a');
    clock.advance(HOUR_MS);
    const later = [file('b'), file('c'), file('d'), file('e')];
    const decision = decide(first, later);
    expect(decision).toMatchObject({ action: 'open', customers: 5 });
  });

  it('a different category is a different problem', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const quality = ['a', 'b', 'c', 'd'].map((c) => file(c));
    const logistics = file('e', { category: 'logistics', reason: 'logistics' });
    expect(decide(logistics, quality).action).toBe('none');
    // …and the quality cases are not counted with it even when handed over.
    const stillFour = file('f', { category: 'not_as_described', reason: 'not_as_described' });
    expect(decide(stillFour, [...quality, logistics]).action).toBe('none');
  });

  it('another merchant or a case without a category never counts', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const others = ['a', 'b', 'c', 'd'].map((c) => file(c, { merchantId: 'm2' }));
    expect(decide(file('e'), others).action).toBe('none');
    expect(decide(file('f', { category: null }), []).action).toBe('none');
  });

  it('no-reason returns, consultations and "other" report no problem', () => {
    expect(reportsProblem({ category: 'return_process', kind: 'return_refund', reason: 'no_reason', merchantId: 'm1' })).toBe(false);
    expect(reportsProblem({ category: 'product_quality', kind: 'consultation', reason: 'quality', merchantId: 'm1' })).toBe(false);
    expect(reportsProblem({ category: 'other', kind: 'complaint', reason: 'quality', merchantId: 'm1' })).toBe(false);
    expect(reportsProblem({ category: 'logistics', kind: 'complaint', reason: 'logistics', merchantId: 'm1' })).toBe(true);
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const returns = ['a', 'b', 'c', 'd'].map((c) => file(c, { category: 'return_process', reason: 'no_reason', kind: 'return_refund' }));
    expect(decide(file('e', { category: 'return_process', reason: 'no_reason', kind: 'return_refund' }), returns)).toEqual({ action: 'none', why: 'not_a_problem_report' });
  });

  it('a quality problem is a product’s: complaints spread over a merchant’s catalogue are no group complaint', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const spread = Array.from({ length: 12 }, (_, i) => file(`c${i}`, { productIds: [`p${i}`] }));
    expect(decide(spread.at(-1)!, spread.slice(0, -1))).toEqual({ action: 'none', why: 'below_threshold' });
    const wide: OpenIncidentFacts = { id: 'old', incidentNo: 'GC0', scope: 'merchant', productId: null, merchantId: 'm1', category: 'product_quality', openedAt: clock.now() };
    expect(decide(file('late', { productIds: ['p99'] }), [], [wide]).action).toBe('none');
  });

  it('the merchant scope needs its own, higher threshold across different products', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const filed = filer(clock);
    // Shipping, service and process problems are the merchant's, whatever the product.
    const file = (customer: string, overrides: Partial<CaseFacts> = {}) => filed(customer, { category: 'logistics', reason: 'logistics', ...overrides });
    const spread = Array.from({ length: 9 }, (_, i) => file(`c${i}`, { productIds: [`p${i}`] }));
    const ninth = spread.pop()!;
    expect(decide(ninth, spread).action).toBe('none'); // 9 customers, no product with 5
    const tenth = file('c9', { productIds: ['p9'] });
    const decision = decide(tenth, [...spread, ninth]);
    expect(decision).toMatchObject({ action: 'open', scope: 'merchant', productId: null, customers: 10, threshold: 10 });
    expect(decide(tenth, [...spread, ninth], [], { ...SETTINGS, merchantScope: false }).action).toBe('none');
    expect(decide(tenth, spread.slice(0, 4), [], { ...SETTINGS, merchantThreshold: 5 })).toMatchObject({ action: 'open', scope: 'merchant', customers: 5 });
  });

  it('with several products the one with the most customers is chosen', () => {
    const clock = new ManualClock('2026-11-10T10:00:00+08:00');
    const file = filer(clock);
    const p1 = ['a', 'b', 'c', 'd'].map((c) => file(c, { productIds: ['p1'] }));
    const p2 = ['e', 'f', 'g', 'h', 'i'].map((c) => file(c, { productIds: ['p2'] }));
    const both = file('j', { productIds: ['p1', 'p2'] });
    expect(decide(both, [...p1, ...p2])).toMatchObject({ action: 'open', scope: 'product', productId: 'p2', customers: 6 });
  });
});
