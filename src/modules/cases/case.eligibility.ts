// VER-1 / POL-10: the order facts and the policy version in force for the order, evaluated per
// item by the pure policy engine. Used at intake and by the preview shown before submitting.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CaseKind, RequestReason } from '../../shared/vocabulary.ts';
import type { OrderItemFacts } from '../orders/index.ts';
import { type EligibilityDecision, evaluateEligibility, type ItemCondition } from '../policy/policy.engine.ts';
import { governingMoment, type PolicyInForce, policyInForce } from '../policy/policy.service.ts';

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
  request: {
    kind: CaseKind;
    reason: RequestReason;
    orderItemIds: string[];
    condition?: ItemCondition | undefined;
    /** Repairs that failed, as the filer states them; counted only when staff file (see repairsOnRecord). */
    failedRepairs?: number;
    /** Whether the filer is staff, who have checked repairs done elsewhere (a service centre's records). */
    filedByStaff?: boolean;
    merchantId?: string | null;
  },
  now: Date,
  /** The order facts reader (the intake queue's, which reads concurrent requests together). */
  loadFacts: (orderItemIds: string[]) => Promise<OrderItemFacts[]>,
): Promise<EligibilityCheck> {
  const facts = request.orderItemIds.length > 0 ? await loadFacts(request.orderItemIds) : [];
  // The warranty matters to a fault claim or a repair, not to a return without a reason.
  const underWarranty = REPAIR_LADDER_KINDS.has(request.kind) && (request.reason === 'quality' || request.kind === 'repair');
  const record = underWarranty ? await warrantyRecord(db, request.orderItemIds) : new Map<string, WarrantyRecord>();
  const failedRepairs = (orderItemId: string) =>
    underWarranty ? Math.max(record.get(orderItemId)?.repairs ?? 0, request.filedByStaff ? (request.failedRepairs ?? 0) : 0) : 0;
  const first = facts[0];
  const at = first ? await governingMoment(db, { placedAt: first.placedAt, deliveredAt: first.delivery.signedAt }, now) : now;
  const policy = await policyInForce(db, first?.merchantId ?? request.merchantId ?? null, at);
  const decisions = facts.map((fact) => ({
    orderItemId: fact.orderItemId,
    decision: evaluateEligibility({
      kind: request.kind,
      reason: request.reason,
      now,
      policy: { versionId: policy.version?.id ?? 'baseline', rules: policy.rules },
      product: { category: fact.product.category, categoryName: fact.product.categoryName, flags: fact.product.flags, warrantyMonths: fact.product.warrantyMonths, priceFen: fact.product.priceFen },
      item: { paidFen: fact.paidFen, quantity: fact.quantity, ...(request.condition ? { condition: request.condition } : {}) },
      order: { placedAt: fact.placedAt, shippingInsurance: fact.shippingInsurance, sellerIsPlatform: fact.sellerIsPlatform, status: fact.orderStatus },
      delivery: fact.delivery,
      history: { failedRepairs: failedRepairs(fact.orderItemId), replacedAt: record.get(fact.orderItemId)?.replacedAt ?? null },
    }),
  }));
  return { facts, policy, decisions };
}

/** Kinds where the 三包 ladder (replacement or refund after failed repairs) can apply. */
const REPAIR_LADDER_KINDS = new Set<CaseKind>(['return_refund', 'exchange', 'refund_only', 'repair']);

interface WarrantyRecord {
  /** The last replacement shipped for the item under an exchange: its warranty starts again then. */
  replacedAt: Date | null;
  /** Repairs the platform carried out on the item since then. */
  repairs: number;
}

/**
 * The item's warranty history from the cases on it: replacements shipped under an exchange and the
 * repairs the platform itself carried out (done tasks). An item back with a quality fault after a
 * repair was not repaired: the repairs since the last replacement count as failed repairs. The
 * customer's own word is not enough to skip the ladder; staff may add repairs done elsewhere.
 */
async function warrantyRecord(db: Kysely<DB>, orderItemIds: string[]): Promise<Map<string, WarrantyRecord>> {
  if (orderItemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('execution_tasks as t')
    .innerJoin('case_items as ci', 'ci.case_id', 't.case_id')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .leftJoin('offers as o', 'o.id', 't.offer_id')
    .select(['ci.order_item_id', 't.id', 't.type', 't.done_at', 'c.kind', sql<boolean | null>`(o.terms->>'replacement')::boolean`.as('replacement')])
    .where('ci.order_item_id', 'in', orderItemIds)
    .where('t.status', '=', 'done')
    .where('t.type', 'in', ['repair', 'ship_replacement'])
    .execute();
  const out = new Map<string, WarrantyRecord>();
  for (const id of orderItemIds) {
    const mine = rows.filter((r) => r.order_item_id === id && r.done_at !== null);
    // A replacement shipped on an exchange, or under a plan giving a replacement (the 三包 ladder's
    // after two failed repairs, on whatever kind of case), replaces the item; reshipped parts only
    // complete it.
    const replacements = mine
      .filter((r) => r.type === 'ship_replacement' && (r.kind === 'exchange' || r.replacement === true))
      .map((r) => r.done_at!.getTime());
    const replacedAt = replacements.length > 0 ? new Date(Math.max(...replacements)) : null;
    const repairs = new Set(mine.filter((r) => r.type === 'repair' && (!replacedAt || r.done_at!.getTime() > replacedAt.getTime())).map((r) => r.id)).size;
    out.set(id, { replacedAt, repairs });
  }
  return out;
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
    ...(decision.returnRight !== undefined ? { returnRight: decision.returnRight } : {}),
  };
}
