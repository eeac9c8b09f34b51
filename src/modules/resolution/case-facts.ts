// The facts a plan is judged against: what was paid and already refunded, which policy path made the case
// eligible, who sells (merchant or platform), and the policy rules in force for the order.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { Party } from '../../shared/vocabulary.ts';
import { PLATFORM_BASELINE, type PolicyRules } from '../policy/policy.rules.ts';
import { paidForCase, refundedForCase } from './offer.repository.ts';
import type { Seller } from './resolution.rules.ts';

export interface CaseFacts {
  paidFen: number;
  /** Refunds already paid for these goods (this case, any plan, and other cases on the same order lines): a new plan refunds at most paidFen − refundedFen. */
  refundedFen: number;
  eligibilityPath: string | null;
  returnShippingPaidBy: Party | null;
  /** Whether the policy decision at intake asked for the goods back. */
  eligibilityReturnRequired: boolean | null;
  seller: Seller;
  rules: PolicyRules;
}

interface StoredEligibility {
  items?: { path?: string; returnShippingPaidBy?: Party | null; returnRequired?: boolean }[];
}

export async function caseFacts(db: Kysely<DB>, row: CaseRow): Promise<CaseFacts> {
  const [paidFen, refundedFen, merchant, policy] = await Promise.all([
    paidForCase(db, row.id),
    refundedForCase(db, row.id),
    row.merchant_id
      ? db.selectFrom('merchants').select('platform_operated').where('id', '=', row.merchant_id).executeTakeFirst()
      : Promise.resolve(undefined),
    row.policy_version_id
      ? db.selectFrom('policy_versions').select('rules').where('id', '=', row.policy_version_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const eligibility = row.eligibility as StoredEligibility | null;
  const first = eligibility?.items?.[0];
  return {
    paidFen,
    refundedFen,
    eligibilityPath: first?.path ?? null,
    returnShippingPaidBy: first?.returnShippingPaidBy ?? null,
    eligibilityReturnRequired: first?.returnRequired ?? null,
    seller: !merchant || merchant.platform_operated ? 'platform' : 'merchant',
    rules: (policy?.rules as PolicyRules | undefined) ?? PLATFORM_BASELINE,
  };
}
