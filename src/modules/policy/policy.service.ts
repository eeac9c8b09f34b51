// Policy versions in the database: the platform baseline and merchant policies (POL-9, POL-10).
// Publishing checks the law and, for merchants, the baseline; a case is judged under the
// version in force when its order was placed, or delivered where the platform chose that.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import type { Actor } from '../identity/index.ts';
import { type CategoryNames, compareWithBaseline, raiseToBaseline } from './policy.baseline.ts';
import { checkLaw } from './policy.law.ts';
import { findVersionInForce, insertVersion, listVersions, type PolicyVersion } from './policy.repository.ts';
import { type GoverningRules, PLATFORM_BASELINE, PLATFORM_SETTINGS, type PolicyRules } from './policy.rules.ts';
import { createConfigCache } from '../../shared/config-cache.ts';
import { namedCategories } from '../orders/orders.categories.ts';

const EPOCH = new Date('2000-01-01T00:00:00Z');

/** Makes sure a platform baseline exists (first start of a new database). */
export async function ensurePlatformBaseline(db: Kysely<DB>, now: Date): Promise<void> {
  const existing = await findVersionInForce(db, null, new Date('9999-12-31T00:00:00Z'));
  if (existing) return;
  await insertVersion(db, { merchantId: null, rules: PLATFORM_BASELINE, effectiveFrom: EPOCH, createdBy: null, now });
}

export interface PolicyInForce {
  version: PolicyVersion | null;
  /** What governs the order: the version's rules, a merchant's raised to the baseline in force where that is more generous. */
  rules: GoverningRules;
  baseline: PolicyRules;
}

/** A platform version always carries the threshold (policyRulesSchema); the default covers the type. */
const goodwillOf = (platform: PolicyRules) => platform.goodwill ?? PLATFORM_BASELINE.goodwill;

// Policy versions change rarely and are read on every intake: kept in-process for a few seconds.
const versionCache = createConfigCache<PolicyVersion[]>();

function versionsOf(db: Kysely<DB>, merchantId: string | null): Promise<PolicyVersion[]> {
  return versionCache.get(db, merchantId ?? 'platform', () => listVersions(db, merchantId));
}

/** Call after a publication committed: this process forgets the versions it kept. */
export function forgetPolicyVersions(): void {
  versionCache.forget();
}

/** The latest version whose effective_from ≤ at. */
function inForceAt(versions: PolicyVersion[], at: Date): PolicyVersion | null {
  let best: PolicyVersion | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > at) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom.getTime() === best.effectiveFrom.getTime() && v.version > best.version)) best = v;
  }
  return best;
}

/**
 * POL-10: the moment whose policies govern an order. By placement, unless the platform's policy in
 * force now says by delivery; an order not delivered yet goes by its placement until it is.
 */
export async function governingMoment(db: Kysely<DB>, order: { placedAt: Date; deliveredAt: Date | null }, now: Date): Promise<Date> {
  const platform = inForceAt(await versionsOf(db, null), now);
  const basis = platform?.rules.versionBasis ?? 'order_placed';
  return basis === 'delivered' && order.deliveredAt ? order.deliveredAt : order.placedAt;
}

/** The policy that governs an order of this merchant at `at` (see governingMoment). */
export async function policyInForce(db: Kysely<DB>, merchantId: string | null, at: Date): Promise<PolicyInForce> {
  const [platformVersions, merchantVersions] = await Promise.all([
    versionsOf(db, null),
    merchantId ? versionsOf(db, merchantId) : Promise.resolve([]),
  ]);
  const platform = inForceAt(platformVersions, at);
  const merchant = inForceAt(merchantVersions, at);
  const baseline = platform?.rules ?? PLATFORM_BASELINE;
  // The goodwill approval threshold is the platform's control over its staff and merchants, not a
  // promise to buyers: a merchant policy cannot move it (raiseToBaseline drops any it carries).
  if (merchant) return { version: merchant, rules: { ...raiseToBaseline(merchant.rules, baseline), goodwill: goodwillOf(baseline) }, baseline };
  return { version: platform, rules: { ...baseline, goodwill: goodwillOf(baseline) }, baseline };
}

/**
 * The rules a case is judged under: the terms of the version that governed its order (kept on the
 * case), with the platform's goodwill approval threshold in force now (RES-3): it is the platform's
 * control, not a term of the order, so an admin who lowers it reaches open cases too, and a merchant
 * version that carries one of its own (published before merchants were refused it) changes nothing.
 */
export async function rulesForCase(db: Kysely<DB>, policyVersionId: string | null, now: Date): Promise<GoverningRules> {
  const [stored, platformVersions] = await Promise.all([
    policyVersionId ? db.selectFrom('policy_versions').select('rules').where('id', '=', policyVersionId).executeTakeFirst() : Promise.resolve(undefined),
    versionsOf(db, null),
  ]);
  const platform = inForceAt(platformVersions, now)?.rules ?? PLATFORM_BASELINE;
  const terms = (stored?.rules as PolicyRules | undefined) ?? PLATFORM_BASELINE;
  return { ...terms, goodwill: goodwillOf(platform) };
}

/**
 * Each violation also becomes a field error on the clause it names (`rules.noReasonReturn.days`,
 * the request body's own path), so a form can show it on the offending field.
 */
function refuse(type: string, text: AppError['text'], violations: { path: string; text: AppError['text'] }[]): never {
  const issues = violations.map((v) => ({ field: `rules.${v.path}`, message: v.text }));
  throw new AppError({ status: 422, type, text, issues, ...(issues[0] ? { field: issues[0].field } : {}), extra: { violations } });
}

/** Room for the clocks of the admin's browser and the server to disagree. */
const BACKDATING_TOLERANCE_MS = 5 * 60_000;

export async function publishPolicy(
  db: Kysely<DB>,
  actor: Actor,
  input: { merchantId: string | null; rules: PolicyRules; effectiveFrom: Date; now: Date },
): Promise<PolicyVersion> {
  // POL-10: an order is judged under the terms in force when it was placed; a version dated back
  // would rewrite the terms of orders already placed (and take back promises made to buyers). Only
  // the platform's admins may date a version back (to record history, or correct one), audited.
  if (actor.role === 'merchant' && input.effectiveFrom.getTime() < input.now.getTime() - BACKDATING_TOLERANCE_MS) {
    throw new AppError({
      status: 422,
      type: 'policy-backdated',
      field: 'effectiveFrom',
      text: { 'zh-CN': '政策生效时间不能早于现在：已下单的订单按下单时的政策处理', 'en-US': 'A policy cannot take effect in the past: orders already placed keep the terms they were placed under' },
    });
  }
  await assertKnownCategories(db, input.rules.noReasonReturn.excludedCategories);
  // Every clause that is wrong is named at once, the law's first: a form can then show them all.
  const lawViolations = checkLaw(input.rules);
  const baselineViolations = input.merchantId
    ? compareWithBaseline(
        input.rules,
        (await findVersionInForce(db, null, input.effectiveFrom))?.rules ?? PLATFORM_BASELINE,
        await categoryNames(db, input.rules.noReasonReturn.excludedCategories),
      )
    : [];
  if (lawViolations.length > 0) {
    const named = new Set(lawViolations.map((v) => v.path));
    const also = baselineViolations.filter((v) => !named.has(v.path));
    refuse('policy-below-law', { 'zh-CN': '该政策低于法律规定的最低标准', 'en-US': 'The policy falls below what the law requires' }, [...lawViolations, ...also]);
  }
  if (baselineViolations.length > 0) {
    const setsPlatformSetting = baselineViolations.some((v) => (PLATFORM_SETTINGS as readonly string[]).includes(v.path.split('.')[0]!));
    refuse(
      'policy-below-baseline',
      setsPlatformSetting
        ? { 'zh-CN': '商家政策不得比平台基线更严格,也不能更改由平台设置的条款', 'en-US': 'A merchant policy may neither be stricter than the platform baseline nor change what the platform sets' }
        : { 'zh-CN': '商家政策不得比平台基线更严格', 'en-US': 'A merchant policy may not be stricter than the platform baseline' },
      baselineViolations,
    );
  }
  // The platform's own settings are not part of a merchant's terms (a value equal to the platform's is accepted, not kept).
  const rules = input.merchantId ? withoutPlatformSettings(input.rules) : { ...input.rules, versionBasis: input.rules.versionBasis ?? 'order_placed' };
  return insertVersion(db, { ...input, rules, createdBy: actor.userId });
}

function withoutPlatformSettings(rules: PolicyRules): PolicyRules {
  const { goodwill: _approval, versionBasis: _basis, ...merchantTerms } = rules;
  return merchantTerms;
}

/** Names of the given category codes (the code itself when unnamed). */
export async function categoryNames(db: Kysely<DB>, codes: readonly string[]): Promise<CategoryNames> {
  return new Map((await namedCategories(db, codes)).map((c) => [c.code, c.name]));
}

/**
 * POL-3: excluded categories are shown to buyers by name before they order, so each must be a
 * category the shop system named (product_categories); a mistyped code would exclude nothing and
 * show as a code.
 */
async function assertKnownCategories(db: Kysely<DB>, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set((await db.selectFrom('product_categories').select('external_id').where('external_id', 'in', [...codes]).execute()).map((r) => r.external_id));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length === 0) return;
  throw invalid(
    'rules.noReasonReturn.excludedCategories',
    { 'zh-CN': `没有这些商品类目:${unknown.join('、')}`, 'en-US': `No such product categories: ${unknown.join(', ')}` },
    'unknown-category',
  );
}
