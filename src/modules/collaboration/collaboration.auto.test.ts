import { describe, expect, it } from 'vitest';
import { departmentsForEscalated } from './collaboration.auto.ts';

const triage = (...rules: string[]) => ({ reasons: rules.map((rule) => ({ rule })) });

describe('departments an L2 case needs (TR-3)', () => {
  it('follows the category: goods to supply chain, parcels to logistics, money to finance', () => {
    expect(departmentsForEscalated({ category: 'product_quality', triage: triage() })).toEqual(['supply_chain']);
    expect(departmentsForEscalated({ category: 'logistics', triage: triage() })).toEqual(['logistics']);
    expect(departmentsForEscalated({ category: 'payment', triage: triage() })).toEqual(['finance']);
    expect(departmentsForEscalated({ category: 'privacy', triage: triage() })).toEqual(['compliance']);
  });

  it('adds legal for a threat to go to the authorities or to court, and for counterfeits', () => {
    expect(departmentsForEscalated({ category: 'logistics', triage: triage('l2.threat.authority') })).toEqual(['logistics', 'legal']);
    expect(departmentsForEscalated({ category: 'other', triage: triage('l2.threat.legal') })).toEqual(['legal']);
    expect(departmentsForEscalated({ category: 'not_as_described', triage: triage('l2.cross.counterfeit') })).toEqual(['supply_chain', 'legal']);
  });

  it('asks nobody when nothing points anywhere', () => {
    expect(departmentsForEscalated({ category: 'service_attitude', triage: null })).toEqual([]);
    expect(departmentsForEscalated({ category: null, triage: triage('l2.repeat_contact') })).toEqual([]);
  });

  it('for L1, adds supply chain and legal for a safety incident, PR and legal where media or a regulator is involved', () => {
    expect(departmentsForEscalated({ severity: 'L1', category: 'product_quality', triage: triage('l1.safety.fire') })).toEqual(['supply_chain', 'legal']);
    expect(departmentsForEscalated({ severity: 'L1', category: 'logistics', triage: triage('l1.authority.involved') })).toEqual(['logistics', 'pr', 'legal']);
    // The same signals on a case graded lower ask for what the category needs only.
    expect(departmentsForEscalated({ severity: 'L2', category: 'logistics', triage: triage('l1.authority.involved') })).toEqual(['logistics']);
  });
});
