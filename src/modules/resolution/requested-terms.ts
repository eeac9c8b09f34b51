// A request granted as filed (EX-1, RES-5): the plan each kind of request asks for, and who is
// responsible by the reason the customer gave.
import type { CaseKind, RequestReason, Responsibility } from '../../shared/vocabulary.ts';
import type { CaseFacts } from './case-facts.ts';
import { toTerms } from './offer.schemas.ts';
import { type OfferTerms, type PlanType, refundableFen } from './resolution.rules.ts';

export const RESPONSIBILITY_BY_REASON: Record<RequestReason, Responsibility> = {
  quality: 'quality_defect',
  not_as_described: 'not_as_described',
  logistics: 'logistics_damage',
  no_reason: 'no_fault',
};

/** Kinds whose request is, above all, money back: granting one with nothing to refund grants nothing. */
export const REFUND_KINDS = new Set<CaseKind>(['return_refund', 'refund_only', 'price_protection']);

/**
 * The plan a request asks for, by kind; null where only a negotiated plan makes sense. A full
 * refund is what is left of the price: after an earlier refund on the case (then a reopen) only
 * the remainder can be given back.
 */
export function requestedTerms(kind: CaseKind, facts: CaseFacts, refundFen: number | undefined): { planType: PlanType; terms: OfferTerms } | null {
  const returnRequired = facts.eligibilityReturnRequired ?? true;
  const refundable = refundableFen(facts.paidFen, facts.refundedFen);
  switch (kind) {
    case 'return_refund':
      return { planType: 'return_and_refund', terms: toTerms({ refundFen: refundFen ?? refundable, returnRequired, keepItem: !returnRequired }) };
    case 'refund_only':
      return { planType: refundFen && refundFen < facts.paidFen ? 'partial_refund' : 'full_refund', terms: toTerms({ refundFen: refundFen ?? refundable }) };
    case 'exchange':
      return { planType: 'exchange', terms: toTerms({ returnRequired: true, replacement: true }) };
    case 'repair':
      return { planType: 'repair', terms: toTerms({ returnRequired: true, repair: true }) };
    case 'reship':
      return { planType: 'reship_parts', terms: toTerms({ reshipParts: true }) };
    case 'price_protection':
      return refundFen ? { planType: 'partial_refund', terms: toTerms({ refundFen, keepItem: true }) } : null;
    default:
      return null;
  }
}
