import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PolicyRules } from './policy.rules.ts';
import { containing } from '../../db/like.ts';

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

export interface PolicyVersionRecord extends PolicyVersion {
  createdAt: Date;
  createdBy: { userId: string; displayName: string; role: string } | null;
}

/** Every version of a scope, newest first, with who published it and when (for the admin history). */
export async function listVersionHistory(db: Kysely<DB>, merchantId: string | null): Promise<PolicyVersionRecord[]> {
  let query = db
    .selectFrom('policy_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.id', 'v.scope', 'v.merchant_id', 'v.version', 'v.rules', 'v.effective_from', 'v.created_at', 'v.created_by', 'u.display_name', 'u.role'])
    .orderBy('v.version', 'desc');
  query = merchantId ? query.where('v.merchant_id', '=', merchantId) : query.where('v.scope', '=', 'platform');
  const rows = await query.execute();
  return rows.map((r) => ({
    ...toVersion(r),
    createdAt: r.created_at,
    createdBy: r.created_by ? { userId: r.created_by, displayName: r.display_name ?? '', role: r.role ?? '' } : null,
  }));
}

export interface MerchantPolicyListing {
  id: string;
  name: string;
  platformOperated: boolean;
  /** The newest merchant policy version, or null when the merchant follows the platform baseline. */
  latestVersion: number | null;
  latestPublishedAt: Date | null;
}

/** Merchants by name with their newest policy version; `onlyId` narrows to one (a merchant's own). */
export async function listMerchantPolicies(
  db: Kysely<DB>,
  f: { q?: string | undefined; onlyId?: string | null | undefined; limit: number; offset: number },
): Promise<{ items: MerchantPolicyListing[]; total: number }> {
  let base = db.selectFrom('merchants as m');
  if (f.onlyId !== undefined) base = base.where('m.id', '=', f.onlyId ?? '00000000-0000-0000-0000-000000000000');
  if (f.q?.trim()) base = base.where('m.name', 'ilike', containing(f.q.trim()));
  const [rows, count] = await Promise.all([
    base
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('policy_versions')
            .select(['merchant_id', (e) => e.fn.max('version').as('latest'), (e) => e.fn.max('created_at').as('published_at')])
            .where('scope', '=', 'merchant')
            .groupBy('merchant_id')
            .as('pv'),
        (join) => join.onRef('pv.merchant_id', '=', 'm.id'),
      )
      .select(['m.id', 'm.name', 'm.platform_operated', 'pv.latest', 'pv.published_at'])
      .orderBy('m.platform_operated', 'desc')
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      platformOperated: r.platform_operated,
      latestVersion: r.latest === null || r.latest === undefined ? null : Number(r.latest),
      latestPublishedAt: r.published_at ? new Date(r.published_at as Date | string) : null,
    })),
    total: Number(count.n),
  };
}
