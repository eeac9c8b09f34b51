// Policy versions in the database: the platform baseline and merchant policies (POL-9, POL-10).
// Publishing checks the law and, for merchants, the baseline; a case is judged under the
// version in force when its order was placed, or delivered where the platform chose that.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { Actor } from '../identity/index.ts';
import { compareWithBaseline, raiseToBaseline } from './policy.baseline.ts';
import { checkLaw } from './policy.law.ts';
import { findVersionInForce, insertVersion, listVersions, type PolicyVersion } from './policy.repository.ts';
import { PLATFORM_BASELINE, type PolicyRules } from './policy.rules.ts';
import { createConfigCache } from '../../shared/config-cache.ts';

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
  rules: PolicyRules;
  baseline: PolicyRules;
}

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
  // promise to buyers: a merchant policy cannot move it.
  if (merchant) return { version: merchant, rules: { ...raiseToBaseline(merchant.rules, baseline), goodwill: baseline.goodwill }, baseline };
  return { version: platform, rules: baseline, baseline };
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
  // Every clause that is wrong is named at once, the law's first: a form can then show them all.
  const lawViolations = checkLaw(input.rules);
  const baselineViolations = input.merchantId
    ? compareWithBaseline(input.rules, (await findVersionInForce(db, null, input.effectiveFrom))?.rules ?? PLATFORM_BASELINE)
    : [];
  if (lawViolations.length > 0) {
    const named = new Set(lawViolations.map((v) => v.path));
    const also = baselineViolations.filter((v) => !named.has(v.path));
    refuse('policy-below-law', { 'zh-CN': '该政策低于法律规定的最低标准', 'en-US': 'The policy falls below what the law requires' }, [...lawViolations, ...also]);
  }
  if (baselineViolations.length > 0) {
    refuse(
      'policy-below-baseline',
      { 'zh-CN': '商家政策不得比平台基线更严格', 'en-US': 'A merchant policy may not be stricter than the platform baseline' },
      baselineViolations,
    );
  }
  // Which version governs an order is the platform's choice (POL-10), not part of a merchant's terms.
  const rules = input.merchantId ? withoutVersionBasis(input.rules) : { ...input.rules, versionBasis: input.rules.versionBasis ?? 'order_placed' };
  return insertVersion(db, { ...input, rules, createdBy: actor.userId });
}

function withoutVersionBasis(rules: PolicyRules): PolicyRules {
  const { versionBasis: _platformOnly, ...merchantTerms } = rules;
  return merchantTerms;
}
