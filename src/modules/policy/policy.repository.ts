import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PolicyRules } from './policy.rules.ts';

export interface PolicyVersion {
  id: string;
  scope: 'platform' | 'merchant';
  merchantId: string | null;
  version: number;
  rules: PolicyRules;
  effectiveFrom: Date;
}

function toVersion(row: {
  id: string;
  scope: string;
  merchant_id: string | null;
  version: number;
  rules: unknown;
  effective_from: Date;
}): PolicyVersion {
  return {
    id: row.id,
    scope: row.scope as PolicyVersion['scope'],
    merchantId: row.merchant_id,
    version: row.version,
    rules: row.rules as PolicyRules,
    effectiveFrom: row.effective_from,
  };
}

/** The version of a scope in force at an instant (the latest whose effective_from ≤ at). */
export async function findVersionInForce(db: Kysely<DB>, merchantId: string | null, at: Date): Promise<PolicyVersion | null> {
  let query = db
    .selectFrom('policy_versions')
    .select(['id', 'scope', 'merchant_id', 'version', 'rules', 'effective_from'])
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1);
  query = merchantId ? query.where('merchant_id', '=', merchantId) : query.where('scope', '=', 'platform');
  const row = await query.executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function listVersions(db: Kysely<DB>, merchantId: string | null): Promise<PolicyVersion[]> {
  let query = db
    .selectFrom('policy_versions')
    .select(['id', 'scope', 'merchant_id', 'version', 'rules', 'effective_from'])
    .orderBy('version', 'desc');
  query = merchantId ? query.where('merchant_id', '=', merchantId) : query.where('scope', '=', 'platform');
  return (await query.execute()).map(toVersion);
}

export async function insertVersion(
  db: Kysely<DB>,
  v: { merchantId: string | null; rules: PolicyRules; effectiveFrom: Date; createdBy: string | null; now: Date },
): Promise<PolicyVersion> {
  const latest = await listVersions(db, v.merchantId);
  const row = await db
    .insertInto('policy_versions')
    .values({
      scope: v.merchantId ? 'merchant' : 'platform',
      merchant_id: v.merchantId,
      version: (latest[0]?.version ?? 0) + 1,
      rules: JSON.stringify(v.rules),
      effective_from: v.effectiveFrom,
      created_by: v.createdBy,
      created_at: v.now,
    })
    .returning(['id', 'scope', 'merchant_id', 'version', 'rules', 'effective_from'])
    .executeTakeFirstOrThrow();
  return toVersion(row);
}
