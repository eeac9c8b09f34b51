import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_TIERS, SEVERITIES } from '../../shared/vocabulary.ts';
import { priorityOf } from './triage.priority.ts';
import { PRIORITIES } from './triage.vocabulary.ts';

describe('priority table (TR-5)', () => {
  // severity, emotion, regular, silver, gold, platinum — the table documented in triage.priority.ts.
  it.each([
    ['L1', 'normal', 'P1', 'P1', 'P1', 'P1'],
    ['L1', 'high', 'P1', 'P1', 'P1', 'P1'],
    ['L2', 'normal', 'P2', 'P2', 'P2', 'P2'],
    ['L2', 'high', 'P2', 'P2', 'P1', 'P1'],
    ['L3', 'normal', 'P4', 'P4', 'P3', 'P3'],
    ['L3', 'high', 'P3', 'P3', 'P2', 'P2'],
  ] as const)('%s with %s emotion', (severity, emotion, ...byTier) => {
    MEMBERSHIP_TIERS.forEach((tier, i) => expect(priorityOf(severity, emotion, tier).priority).toBe(byTier[i]));
  });

  it('never falls as tier or emotion rises, and L1/L2/L3 keep their floors and ceilings', () => {
    const rank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number]);
    for (const severity of SEVERITIES) {
      for (const emotion of ['normal', 'high'] as const) {
        const scores = MEMBERSHIP_TIERS.map((t) => priorityOf(severity, emotion, t).score);
        expect([...scores].sort((a, b) => a - b)).toEqual(scores);
        // Below the L1 cap every step up in tier raises the score.
        if (severity !== 'L1') expect(new Set(scores).size).toBe(scores.length);
        for (const tier of MEMBERSHIP_TIERS) {
          const calm = priorityOf(severity, 'normal', tier);
          expect(priorityOf(severity, 'high', tier).score).toBeGreaterThanOrEqual(calm.score);
          if (severity === 'L1') expect(calm.priority).toBe('P1');
          if (severity === 'L2') expect(rank(priorityOf(severity, emotion, tier).priority)).toBeLessThanOrEqual(rank('P2'));
          if (severity === 'L3') expect(priorityOf(severity, emotion, tier).priority).not.toBe('P1');
        }
      }
    }
  });

  it('treats a missing or unknown tier as regular', () => {
    expect(priorityOf('L3', 'high', null)).toMatchObject({ priority: 'P3', score: 20 });
    expect(priorityOf('L3', 'high', 'diamond')).toMatchObject({ priority: 'P3', score: 20 });
    expect(priorityOf('L3', 'normal', undefined)).toMatchObject({ priority: 'P4', score: 0 });
  });

  it('explains each addition', () => {
    const r = priorityOf('L2', 'high', 'gold');
    expect(r).toMatchObject({ priority: 'P1', score: 80 });
    expect(r.reasons.map((x) => [x.rule, x.matched])).toEqual([
      ['priority.severity', ['L2']],
      ['priority.emotion', ['high']],
      ['priority.tier', ['gold']],
    ]);
    expect(r.reasons.every((x) => x.field === 'priority')).toBe(true);
  });
});
