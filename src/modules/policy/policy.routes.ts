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
import { itemConditionSchema } from '../cases/case.schemas.ts';
import type { Actor } from '../identity/index.ts';
import { compareWithBaseline } from './policy.baseline.ts';
import { checkLaw } from './policy.law.ts';
import { listVersions, type PolicyVersion } from './policy.repository.ts';
import { policyRulesSchema } from './policy.rules.ts';
import { forgetPolicyVersions, policyInForce, publishPolicy } from './policy.service.ts';
import { summarizeProductPolicy } from './policy.summary.ts';

const presentVersion = (v: PolicyVersion | null) =>
  v && { id: v.id, scope: v.scope, merchantId: v.merchantId, version: v.version, effectiveFrom: v.effectiveFrom.toISOString(), rules: v.rules };

const publishBody = z.object({ rules: policyRulesSchema, effectiveFrom: z.coerce.date().optional() });
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
      return { policy: presentVersion(inForce.version), rules: inForce.rules };
    },
  );

  app.get(
    '/api/v1/policy/versions',
    { config: { access: ['admin', 'compliance', 'supervisor'] }, schema: { tags: ['policy'], summary: 'All platform baseline versions' } },
    async () => ({ items: (await listVersions(db, null)).map(presentVersion) }),
  );

  app.put(
    '/api/v1/policy',
    {
      config: { access: ['admin'] },
      schema: { tags: ['policy'], summary: 'Publish a new platform baseline version (refused below the law)', body: publishBody },
    },
    async (request) => {
      const now = deps.clock.now();
      const version = await db.transaction().execute((trx) =>
        publishPolicy(trx, actorOf(request), { merchantId: null, rules: request.body.rules, effectiveFrom: request.body.effectiveFrom ?? now, now }),
      );
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
      return {
        policy: presentVersion(inForce.version),
        isMerchantPolicy: inForce.version?.scope === 'merchant',
        rules: inForce.rules,
        violationsOfBaseline: compareWithBaseline(inForce.rules, inForce.baseline),
      };
    },
  );

  app.post(
    '/api/v1/merchants/:merchantId/policy/check',
    {
      config: { access: ['merchant', 'admin', 'compliance'], scope: 'cases:read' },
      schema: { tags: ['policy'], summary: 'Check a draft merchant policy against the law and the baseline', params: merchantParams, body: publishBody },
    },
    async (request) => {
      assertOwnMerchant(actorOf(request), request.params.merchantId);
      const inForce = await policyInForce(db, null, request.body.effectiveFrom ?? deps.clock.now());
      const law = checkLaw(request.body.rules);
      const baseline = compareWithBaseline(request.body.rules, inForce.rules);
      return { acceptable: law.length === 0 && baseline.length === 0, lawViolations: law, baselineViolations: baseline };
    },
  );

  app.put(
    '/api/v1/merchants/:merchantId/policy',
    {
      config: { access: ['merchant', 'admin'] },
      schema: { tags: ['policy'], summary: 'Publish a merchant policy (refused if stricter than the baseline)', params: merchantParams, body: publishBody },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOwnMerchant(actor, request.params.merchantId);
      const merchant = await db.selectFrom('merchants').select('id').where('id', '=', request.params.merchantId).executeTakeFirst();
      if (!merchant) throw notFound({ 'zh-CN': '商家', 'en-US': 'merchant' }, 'merchantId');
      const now = deps.clock.now();
      const version = await db.transaction().execute((trx) =>
        publishPolicy(trx, actor, { merchantId: merchant.id, rules: request.body.rules, effectiveFrom: request.body.effectiveFrom ?? now, now }),
      );
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
        .select(['p.id', 'p.name', 'p.category', 'p.flags', 'p.warranty_months', 'p.merchant_id', 'm.platform_operated'])
        .where('p.id', '=', request.params.productId)
        .executeTakeFirst();
      if (!product) throw notFound({ 'zh-CN': '商品', 'en-US': 'product' }, 'productId');
      const inForce = await policyInForce(db, product.merchant_id, deps.clock.now());
      const summary = summarizeProductPolicy(
        inForce.rules,
        { category: product.category, flags: product.flags as never, warrantyMonths: product.warranty_months },
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
      const check = await checkEligibility(db, { ...request.body }, deps.clock.now());
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
