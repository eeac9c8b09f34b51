import { describe, expect, it } from 'vitest';
import { departmentsForL2 } from './collaboration.auto.ts';

const triage = (...rules: string[]) => ({ reasons: rules.map((rule) => ({ rule })) });

describe('departments an L2 case needs (TR-3)', () => {
  it('follows the category: goods to supply chain, parcels to logistics, money to finance', () => {
    expect(departmentsForL2({ category: 'product_quality', triage: triage() })).toEqual(['supply_chain']);
    expect(departmentsForL2({ category: 'logistics', triage: triage() })).toEqual(['logistics']);
    expect(departmentsForL2({ category: 'payment', triage: triage() })).toEqual(['finance']);
    expect(departmentsForL2({ category: 'privacy', triage: triage() })).toEqual(['compliance']);
  });

  it('adds legal for a threat to go to the authorities or to court, and for counterfeits', () => {
    expect(departmentsForL2({ category: 'logistics', triage: triage('l2.threat.authority') })).toEqual(['logistics', 'legal']);
    expect(departmentsForL2({ category: 'other', triage: triage('l2.threat.legal') })).toEqual(['legal']);
    expect(departmentsForL2({ category: 'not_as_described', triage: triage('l2.cross.counterfeit') })).toEqual(['supply_chain', 'legal']);
  });

  it('asks nobody when nothing points anywhere', () => {
    expect(departmentsForL2({ category: 'service_attitude', triage: null })).toEqual([]);
    expect(departmentsForL2({ category: null, triage: triage('l2.repeat_contact') })).toEqual([]);
  });
});
