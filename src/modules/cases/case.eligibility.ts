// VER-1 / POL-10: the order facts and the policy version in force for the order, evaluated per
// item by the pure policy engine. Used at intake and by the preview shown before submitting.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CaseKind, RequestReason } from '../../shared/vocabulary.ts';
import type { OrderItemFacts } from '../orders/index.ts';
import { type EligibilityDecision, evaluateEligibility, type ItemCondition } from '../policy/policy.engine.ts';
import { type PolicyInForce, policyInForce } from '../policy/policy.service.ts';

export interface ItemEligibility {
  orderItemId: string;
  decision: EligibilityDecision;
}

export interface EligibilityCheck {
  facts: OrderItemFacts[];
  policy: PolicyInForce;
  decisions: ItemEligibility[];
}

export async function checkEligibility(
  db: Kysely<DB>,
  request: { kind: CaseKind; reason: RequestReason; orderItemIds: string[]; condition?: ItemCondition | undefined; failedRepairs?: number; merchantId?: string | null },
  now: Date,
  /** The order facts reader (the intake queue's, which reads concurrent requests together). */
  loadFacts: (orderItemIds: string[]) => Promise<OrderItemFacts[]>,
): Promise<EligibilityCheck> {
  const facts = request.orderItemIds.length > 0 ? await loadFacts(request.orderItemIds) : [];
  const policy = await policyInForce(db, facts[0]?.merchantId ?? request.merchantId ?? null, facts[0]?.placedAt ?? now);
  const decisions = facts.map((fact) => ({
    orderItemId: fact.orderItemId,
    decision: evaluateEligibility({
      kind: request.kind,
      reason: request.reason,
      now,
      policy: { versionId: policy.version?.id ?? 'baseline', rules: policy.rules },
      product: { category: fact.product.category, categoryName: fact.product.categoryName, flags: fact.product.flags, warrantyMonths: fact.product.warrantyMonths },
      item: { paidFen: fact.paidFen, quantity: fact.quantity, ...(request.condition ? { condition: request.condition } : {}) },
      order: { placedAt: fact.placedAt, shippingInsurance: fact.shippingInsurance, sellerIsPlatform: fact.sellerIsPlatform },
      delivery: fact.delivery,
      history: { failedRepairs: request.failedRepairs ?? 0 },
    }),
  }));
  return { facts, policy, decisions };
}

export function presentDecision(orderItemId: string, decision: EligibilityDecision) {
  return {
    orderItemId,
    eligible: decision.eligible,
    path: decision.path,
    reasons: decision.reasons,
    deadline: decision.deadline?.toISOString() ?? null,
    returnRequired: decision.returnRequired,
    returnShippingPaidBy: decision.returnShipping.paidBy,
    returnShippingReason: decision.returnShipping.reasonCode,
    refund: { withinDays: decision.refund.withinDays, dayType: decision.refund.dayType },
    advisedKind: decision.advisedKind,
    policyVersionId: decision.policyVersionId,
  };
}
