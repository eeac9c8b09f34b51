// The published policy (POL-8): public, versioned, with a per-product summary for display
// before ordering; admins publish the baseline, merchants their own (never stricter) policy.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { forbidden, notFound } from '../../shared/errors.ts';
import { CASE_KINDS, REQUEST_REASONS } from '../../shared/vocabulary.ts';
import { checkEligibility, presentDecision } from '../cases/case.eligibility.ts';
import { categoryName, namedCategories } from '../orders/index.ts';
import { itemConditionSchema } from '../cases/case.schemas.ts';
import type { Actor } from '../identity/index.ts';
import { compareWithBaseline } from './policy.baseline.ts';
import { checkLaw } from './policy.law.ts';
import { recordConfigChange } from '../audit/audit.request.ts';
import { listMerchantPolicies, listVersionHistory, type PolicyVersion, type PolicyVersionRecord } from './policy.repository.ts';
import { merchantPolicyRulesSchema, policyRulesSchema } from './policy.rules.ts';
import { categoryNames, forgetPolicyVersions, policyInForce, publishPolicy } from './policy.service.ts';
import { summarizeProductPolicy } from './policy.summary.ts';

const presentVersion = (v: PolicyVersion | null) =>
  v && { id: v.id, scope: v.scope, merchantId: v.merchantId, version: v.version, effectiveFrom: v.effectiveFrom.toISOString(), rules: v.rules };

const presentRecord = (v: PolicyVersionRecord) => ({
  ...presentVersion(v),
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdBy,
});

/** What the audit trail keeps of a publication (the rules themselves stay in policy_versions). */
const publicationDetail = (v: PolicyVersion) => ({ scope: v.scope, merchantId: v.merchantId, version: v.version, effectiveFrom: v.effectiveFrom.toISOString() });

const POLICY_READERS = ['admin', 'compliance', 'supervisor'] as const;
const merchantListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const publishBody = z.object({ rules: policyRulesSchema, effectiveFrom: z.coerce.date().optional() });
/** The platform's own settings (goodwill approval threshold, version basis) may be left out of a merchant's. */
const merchantPublishBody = z.object({ rules: merchantPolicyRulesSchema, effectiveFrom: z.coerce.date().optional() });
const merchantParams = z.object({ merchantId: z.string().uuid() });

function assertOwnMerchant(actor: Actor, merchantId: string): void {
  if (actor.role === 'merchant' && actor.merchantId !== merchantId) throw forbidden();
}

export async function policyRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/api/v1/policy',
    { config: { access: 'public' }, schema: { tags: ['policy'], summary: 'The platform after-sales policy in force', security: [] } },
    async () => {
      const inForce = await policyInForce(db, null, deps.clock.now());
      // POL-3: the categories excluded from no-reason return are shown to buyers by name.
      const excludedCategories = await namedCategories(db, inForce.rules.noReasonReturn.excludedCategories);
      return { policy: presentVersion(inForce.version), rules: inForce.rules, excludedCategories };
    },
  );

  app.get(
    '/api/v1/policy/versions',
    { config: { access: POLICY_READERS }, schema: { tags: ['policy'], summary: 'All platform baseline versions, newest first, with who published each and when' } },
    async () => ({ items: (await listVersionHistory(db, null)).map(presentRecord) }),
  );

  app.get(
    '/api/v1/merchants',
    {
      config: { access: [...POLICY_READERS, 'merchant'] },
      schema: { tags: ['policy'], summary: "Merchants with their newest policy version (a merchant sees only its own)", querystring: merchantListQuery },
    },
    async (request) => {
      const actor = actorOf(request);
      const { q, limit, offset } = request.query;
      const { items, total } = await listMerchantPolicies(db, { q, limit, offset, ...(actor.role === 'merchant' ? { onlyId: actor.merchantId } : {}) });
      return { items: items.map((m) => ({ ...m, latestPublishedAt: m.latestPublishedAt?.toISOString() ?? null })), total, limit, offset };
    },
  );

  app.get(
    '/api/v1/merchants/:merchantId/policy/versions',
    {
      config: { access: [...POLICY_READERS, 'merchant'] },
      schema: { tags: ['policy'], summary: "A merchant's policy versions, newest first, with who published each and when", params: merchantParams },
    },
    async (request) => {
      assertOwnMerchant(actorOf(request), request.params.merchantId);
      const merchant = await db.selectFrom('merchants').select(['id', 'name']).where('id', '=', request.params.merchantId).executeTakeFirst();
      if (!merchant) throw notFound({ 'zh-CN': '商家', 'en-US': 'merchant' }, 'merchantId');
      return { merchant, items: (await listVersionHistory(db, merchant.id)).map(presentRecord) };
    },
  );

  app.put(
    '/api/v1/policy',
    {
      config: { access: ['admin'] },
      schema: { tags: ['policy'], summary: 'Publish a new platform baseline version (refused below the law)', body: publishBody },
    },
    async (request) => {
      const now = deps.clock.now();
      const version = await db.transaction().execute(async (trx) => {
        const published = await publishPolicy(trx, actorOf(request), { merchantId: null, rules: request.body.rules, effectiveFrom: request.body.effectiveFrom ?? now, now });
        await recordConfigChange(trx, request, now, { action: 'config.policy.published', subjectType: 'policy_version', subjectId: published.id, detail: publicationDetail(published) });
        return published;
      });
      forgetPolicyVersions();
      return presentVersion(version);
    },
  );

  app.get(
    '/api/v1/merchants/:merchantId/policy',
    {
      config: { access: 'public' },
      schema: { tags: ['policy'], summary: "A merchant's policy in force (or the baseline)", params: merchantParams, security: [] },
    },
    async (request) => {
      const inForce = await policyInForce(db, request.params.merchantId, deps.clock.now());
      const published = inForce.version?.rules;
      return {
        policy: presentVersion(inForce.version),
        isMerchantPolicy: inForce.version?.scope === 'merchant',
        rules: inForce.rules,
        excludedCategories: await namedCategories(db, inForce.rules.noReasonReturn.excludedCategories),
        // Clauses of the published version that a later baseline overtook, or that only the platform
        // sets: the baseline's apply (rules above).
        violationsOfBaseline: published ? compareWithBaseline(published, inForce.baseline, await categoryNames(db, published.noReasonReturn.excludedCategories)) : [],
      };
    },
  );

  app.post(
    '/api/v1/merchants/:merchantId/policy/check',
    {
      config: { access: ['merchant', 'admin', 'compliance'], scope: 'cases:read' },
      schema: { tags: ['policy'], summary: 'Check a draft merchant policy against the law and the baseline', params: merchantParams, body: merchantPublishBody },
    },
    async (request) => {
      assertOwnMerchant(actorOf(request), request.params.merchantId);
      const inForce = await policyInForce(db, null, request.body.effectiveFrom ?? deps.clock.now());
      const law = checkLaw(request.body.rules);
      const baseline = compareWithBaseline(request.body.rules, inForce.baseline, await categoryNames(db, request.body.rules.noReasonReturn.excludedCategories));
      return { acceptable: law.length === 0 && baseline.length === 0, lawViolations: law, baselineViolations: baseline };
    },
  );

  app.put(
    '/api/v1/merchants/:merchantId/policy',
    {
      config: { access: ['merchant', 'admin'] },
      schema: {
        tags: ['policy'],
        summary: "Publish a merchant policy (refused if stricter than the baseline, or if it changes the platform's own settings)",
        params: merchantParams,
        body: merchantPublishBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOwnMerchant(actor, request.params.merchantId);
      const merchant = await db.selectFrom('merchants').select('id').where('id', '=', request.params.merchantId).executeTakeFirst();
      if (!merchant) throw notFound({ 'zh-CN': '商家', 'en-US': 'merchant' }, 'merchantId');
      const now = deps.clock.now();
      const version = await db.transaction().execute(async (trx) => {
        const published = await publishPolicy(trx, actor, { merchantId: merchant.id, rules: request.body.rules, effectiveFrom: request.body.effectiveFrom ?? now, now });
        await recordConfigChange(trx, request, now, { action: 'config.policy.published', subjectType: 'policy_version', subjectId: published.id, detail: publicationDetail(published) });
        return published;
      });
      forgetPolicyVersions();
      return presentVersion(version);
    },
  );

  app.get(
    '/api/v1/products/:productId/policy-summary',
    {
      config: { access: 'public' },
      schema: { tags: ['policy'], summary: 'Plain-language after-sales summary of a product, for display before ordering', params: z.object({ productId: z.string().uuid() }), security: [] },
    },
    async (request) => {
      const product = await db
        .selectFrom('products as p')
        .innerJoin('merchants as m', 'm.id', 'p.merchant_id')
        .leftJoin('product_categories as pc', 'pc.external_id', 'p.category')
        .select(['p.id', 'p.name', 'p.category', 'p.flags', 'p.warranty_months', 'p.merchant_id', 'm.platform_operated'])
        .select(['pc.name_zh as category_name_zh', 'pc.name_en as category_name_en'])
        .where('p.id', '=', request.params.productId)
        .executeTakeFirst();
      if (!product) throw notFound({ 'zh-CN': '商品', 'en-US': 'product' }, 'productId');
      const inForce = await policyInForce(db, product.merchant_id, deps.clock.now());
      const summary = summarizeProductPolicy(
        inForce.rules,
        {
          category: product.category,
          categoryName: categoryName(product.category, product.category_name_zh, product.category_name_en),
          flags: product.flags as never,
          warrantyMonths: product.warranty_months,
        },
        { isPlatform: product.platform_operated },
      );
      return { productId: product.id, productName: product.name, policyVersionId: inForce.version?.id ?? null, ...summary };
    },
  );

  app.post(
    '/api/v1/eligibility',
    {
      config: { access: 'authenticated', scope: 'cases:read' },
      schema: {
        tags: ['policy'],
        summary: 'Preview: would this request be accepted, until when, and who pays return shipping',
        body: z.object({
          kind: z.enum(CASE_KINDS),
          reason: z.enum(REQUEST_REASONS),
          orderItemIds: z.array(z.string().uuid()).min(1).max(50),
          condition: itemConditionSchema.optional(),
          failedRepairs: z.number().int().min(0).max(20).default(0),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const check = await checkEligibility(db, { ...request.body, filedByStaff: actor.role !== 'customer' && actor.role !== 'merchant' }, deps.clock.now(), deps.intake.loadFacts);
      const visible = check.facts.filter(
        (f) => (actor.role !== 'customer' || f.customerId === actor.customerId) && (actor.role !== 'merchant' || f.merchantId === actor.merchantId),
      );
      if (visible.length !== request.body.orderItemIds.length) throw notFound({ 'zh-CN': '订单商品', 'en-US': 'order item' }, 'orderItemIds');
      return {
        eligible: check.decisions.every((d) => d.decision.eligible),
        policyVersionId: check.policy.version?.id ?? null,
        items: check.decisions.map((d) => presentDecision(d.orderItemId, d.decision)),
      };
    },
  );
}
