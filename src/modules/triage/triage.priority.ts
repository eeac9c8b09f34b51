// Priority (TR-5, S4 step 1.2): severity sets the base, membership tier and high emotion raise it.
//
//   score = severity (L1 100, L2 40, L3 0) + emotion (high 20) + tier (regular 0, silver 10, gold 20, platinum 25)
//   P1 ≥ 75, P2 ≥ 40, P3 ≥ 20, P4 below.
//
//               regular  silver  gold  platinum | with high emotion: regular silver gold platinum
//   L1            P1       P1     P1     P1     |                     P1      P1     P1    P1
//   L2            P2       P2     P2     P2     |                     P2      P2     P1    P1
//   L3            P4       P4     P3     P3     |                     P3      P3     P2    P2
//
// So L1 is always P1, L2 never falls below P2 and L3 never reaches P1; within a band the score orders
// cases (a platinum member before a silver one). An unknown or missing tier counts as regular.
import { MEMBERSHIP_TIERS } from '../../shared/vocabulary.ts';
import type { MembershipTier, Severity } from '../../shared/vocabulary.ts';
import type { Emotion, Priority, TriageReason } from './triage.vocabulary.ts';

export const SEVERITY_POINTS: Record<Severity, number> = { L1: 100, L2: 40, L3: 0 };
export const HIGH_EMOTION_POINTS = 20;
export const TIER_POINTS: Record<MembershipTier, number> = { regular: 0, silver: 10, gold: 20, platinum: 25 };
export const PRIORITY_BANDS: readonly { priority: Priority; min: number }[] = [
  { priority: 'P1', min: 75 },
  { priority: 'P2', min: 40 },
  { priority: 'P3', min: 20 },
  { priority: 'P4', min: 0 },
];

function knownTier(tier: string | null | undefined): MembershipTier {
  return (MEMBERSHIP_TIERS as readonly string[]).includes(tier ?? '') ? (tier as MembershipTier) : 'regular';
}

const TIER_NAMES: Record<MembershipTier, string> = { regular: '普通会员', silver: '银卡会员', gold: '金卡会员', platinum: '铂金会员' };

export function priorityOf(severity: Severity, emotion: Emotion, tier?: string | null): { priority: Priority; score: number; reasons: TriageReason[] } {
  const member = knownTier(tier);
  const score = Math.min(100, SEVERITY_POINTS[severity] + (emotion === 'high' ? HIGH_EMOTION_POINTS : 0) + TIER_POINTS[member]);
  const priority = PRIORITY_BANDS.find((b) => score >= b.min)?.priority ?? 'P4';
  const reasons: TriageReason[] = [
    {
      rule: 'priority.severity',
      field: 'priority',
      matched: [severity],
      text: { 'zh-CN': `严重等级 ${severity}：+${SEVERITY_POINTS[severity]}`, 'en-US': `Severity ${severity}: +${SEVERITY_POINTS[severity]}` },
    },
  ];
  if (emotion === 'high') {
    reasons.push({ rule: 'priority.emotion', field: 'priority', matched: ['high'], text: { 'zh-CN': `高情绪：+${HIGH_EMOTION_POINTS}`, 'en-US': `High emotion: +${HIGH_EMOTION_POINTS}` } });
  }
  if (TIER_POINTS[member] > 0) {
    // People read the tier's name, not its code.
    reasons.push({ rule: 'priority.tier', field: 'priority', matched: [member], text: { 'zh-CN': `会员等级「${TIER_NAMES[member]}」：+${TIER_POINTS[member]}`, 'en-US': `Membership ${member}: +${TIER_POINTS[member]}` } });
  }
  return { priority, score, reasons };
}
