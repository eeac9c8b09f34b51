// Routing API: the rule list (admins replace it whole, version + 1), queues, agent profiles (an
// agent may switch their own availability), explain (the decision and its reasons, applying
// nothing), and the routing actions on a case.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../shared/errors.ts';
import type { IdempotentResult } from '../../shared/idempotency.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import type { ActionHandler } from '../cases/case.actions.runner.ts';
import { assertCanSeeCase } from '../cases/case.access.ts';
import { findCaseByNo } from '../cases/case.repository.ts';
import { caseNoParams } from '../cases/case.schemas.ts';
import { recordConfigChange } from '../audit/audit.request.ts';
import { routingActionHandlers, runRoutingAction } from './routing.actions.ts';
import {
  type AgentProfile, forgetRoutingConfig, insertQueue, listProfiles, listStaffWithoutProfile, loadProfile, loadQueues, loadRoutingFacts, loadRules, lockRules, replaceRules,
  updateQueue, upsertProfile,
} from './routing.repository.ts';
import { DEFAULT_QUEUE, type RoutingFacts } from './routing.rules.ts';
import {
  explainBody, profileBody, queueBody, queueParams, queueUpdateBody, routingActionSchemas, rulesBody, userParams,
} from './routing.schemas.ts';
import { explainRouting, rerouteQueue } from './routing.service.ts';
import { SLA_METRIC_LABELS, type SlaMetric } from '../sla/sla.targets.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const STAFF = new Set<string>(STAFF_ROLES);
const MANAGERS = new Set(['supervisor', 'admin']);
const ROUTING_READERS = ['admin', 'supervisor', 'compliance'] as const;
const WORKERS = ['agent', 'specialist', 'supervisor', 'compliance', 'admin'] as const;
const QUEUE = { 'zh-CN': '队列', 'en-US': 'queue' };
const PROFILE = { 'zh-CN': '处理人档案', 'en-US': 'agent profile' };
const DEFAULT_CAP = 20;

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(8).max(128).optional() });

function send<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  reply.status(result.status);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return result.body;
}

/** A deactivated user is shown as such and as unavailable: routing and assignment pass them by (ORG-1). */
function presentProfile(p: AgentProfile) {
  return {
    userId: p.userId, displayName: p.displayName, role: p.role, skills: p.skills, maxOpenCases: p.cap,
    available: p.available && p.active, active: p.active, senior: p.senior, openCases: p.openCases,
  };
}

/** What an agent profile's audit record keeps: the settings, not the load of the moment. */
const profileSettings = (p: AgentProfile) => ({ skills: p.skills, maxOpenCases: p.cap, available: p.available, senior: p.senior });

/**
 * SLA-15: an SLA target that moves breached cases to this queue would move them where no one works;
 * which queue it should use instead is the admin's to say, so switching the queue off is refused.
 */
async function assertNoTargetReassignsTo(trx: Kysely<DB>, key: string): Promise<void> {
  const targets = await trx.selectFrom('sla_targets').select(['id', 'metric']).where('active', '=', true).where('reassign_queue', '=', key).orderBy('metric').execute();
  if (targets.length === 0) return;
  const named = (lang: 'zh-CN' | 'en-US') => targets.map((t) => SLA_METRIC_LABELS[t.metric as SlaMetric]?.[lang] ?? t.metric).join(lang === 'zh-CN' ? '、' : ', ');
  throw conflict(
    'queue-in-use',
    {
      'zh-CN': `有 ${targets.length} 个启用中的时效目标超时转派到此队列（${named('zh-CN')}），请先改为其他队列`,
      'en-US': `${targets.length} active SLA target(s) reassign breached cases to this queue (${named('en-US')}); point them elsewhere first`,
    },
    { slaTargets: targets.map((t) => t.id) },
  );
}

export async function routingRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  // ---- Case actions ----
  const labels: Record<keyof typeof routingActionSchemas, string> = {
    assign: 'Assign to a person or take the case; supervisors may also change its queue (分派/认领)',
    unassign: 'Release the case back to its queue (释放)',
    route: 'Run routing again and record why (重新分派)',
    appeal: 'Ask the platform to intervene on a merchant-handled case (申请平台介入)',
  };
  for (const [name, schema] of Object.entries(routingActionSchemas)) {
    const key = name as keyof typeof routingActionSchemas;
    app.post(
      `/api/v1/cases/:caseNo/actions/${name}`,
      {
        config: { access: 'authenticated' },
        schema: { tags: ['case actions'], summary: labels[key], params: caseNoParams, headers: idempotencyHeaders, body: schema },
      },
      async (request: FastifyRequest<{ Params: { caseNo: string }; Body: unknown; Headers: { 'idempotency-key'?: string } }>, reply) =>
        send(
          reply,
          await runRoutingAction(
            deps,
            actorOf(request),
            request.params.caseNo,
            { type: name, input: request.body as never, handler: routingActionHandlers[key] as ActionHandler<never> },
            request.headers['idempotency-key'],
          ),
        ),
    );
  }

  // ---- Rules ----
  app.get('/api/v1/routing/rules', { config: { access: ROUTING_READERS }, schema: { tags: ['routing'], summary: 'The routing rules, in evaluation order' } }, async () => {
    const stored = await loadRules(db);
    return { version: stored.version, updatedAt: stored.updatedAt?.toISOString() ?? null, updatedBy: stored.updatedBy, items: stored.rules };
  });

  app.put(
    '/api/v1/routing/rules',
    { config: { access: ['admin'] }, schema: { tags: ['routing'], summary: 'Replace the routing rules (ordered; first match wins)', body: rulesBody } },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const saved = await db.transaction().execute(async (trx) => {
        await lockRules(trx);
        const current = await loadRules(trx);
        if (request.body.version !== undefined && request.body.version !== current.version) {
          throw conflict('rules-version-conflict', {
            'zh-CN': `分派规则已被他人修改（当前版本 ${current.version}），请刷新后再改`,
            'en-US': `The routing rules were changed meanwhile (now version ${current.version}); reload and edit again`,
          }, { version: current.version });
        }
        const queues = await loadQueues(trx);
        const merchantIds = [...new Set(request.body.rules.flatMap((r) => r.conditions.merchantId ?? []))];
        const known = merchantIds.length
          ? new Set((await trx.selectFrom('merchants').select('id').where('id', 'in', merchantIds).execute()).map((m) => m.id))
          : new Set<string>();
        request.body.rules.forEach((rule, i) => {
          if (!queues.get(rule.actions.queue)?.active) {
            throw invalid(`rules.${i}.actions.queue`, { 'zh-CN': `队列 ${rule.actions.queue} 不存在或已停用`, 'en-US': `No active queue ${rule.actions.queue}` });
          }
          const unknown = (rule.conditions.merchantId ?? []).find((id) => !known.has(id));
          if (unknown) throw invalid(`rules.${i}.conditions.merchantId`, { 'zh-CN': `商家 ${unknown} 不存在`, 'en-US': `No merchant ${unknown}` });
        });
        const version = current.version + 1;
        await replaceRules(trx, request.body.rules, version, actor.userId, now);
        await recordConfigChange(trx, request, now, {
          action: 'config.routing_rules.updated',
          subjectType: 'routing_rules',
          subjectId: String(version),
          detail: { fromVersion: current.version, version, before: current.rules, after: request.body.rules },
        });
        return { version, updatedAt: now.toISOString(), updatedBy: actor.userId, items: request.body.rules };
      });
      forgetRoutingConfig();
      return saved;
    },
  );

  // ---- Queues ----
  app.get('/api/v1/routing/queues', { config: { access: [...STAFF_ROLES] }, schema: { tags: ['routing'], summary: 'Queues and the role that works each' } }, async () => ({
    items: [...(await loadQueues(db)).values()],
  }));

  app.post(
    '/api/v1/routing/queues',
    { config: { access: ['admin'] }, schema: { tags: ['routing'], summary: 'Add a queue', body: queueBody } },
    async (request, reply) => {
      const now = deps.clock.now();
      const saved = await db.transaction().execute(async (trx) => {
        const inserted = await insertQueue(trx, request.body, actorOf(request).userId, now);
        if (!inserted) throw new AppError({ status: 409, type: 'queue-exists', field: 'key', text: { 'zh-CN': '已有同键的队列', 'en-US': 'A queue with this key exists' } });
        await recordConfigChange(trx, request, now, { action: 'config.routing_queue.created', subjectType: 'queue', subjectId: inserted.key, detail: { after: inserted } });
        return inserted;
      });
      forgetRoutingConfig();
      reply.status(201);
      return saved;
    },
  );

  app.put(
    '/api/v1/routing/queues/:key',
    { config: { access: ['admin'] }, schema: { tags: ['routing'], summary: 'Rename a queue, change its role, or switch it off', params: queueParams, body: queueUpdateBody } },
    async (request) => {
      const key = request.params.key;
      const now = deps.clock.now();
      const saved = await db.transaction().execute(async (trx) => {
        if (!request.body.active) {
          if (key === DEFAULT_QUEUE) {
            throw invalid('active', { 'zh-CN': '默认队列不能停用：没有规则匹配的售后单都进入此队列', 'en-US': 'The default queue cannot be switched off: cases no rule matches go there' });
          }
          // The rule list is locked so no rule can start routing here while the queue is switched off.
          await lockRules(trx);
          const used = (await loadRules(trx)).rules.find((r) => r.active && r.actions.queue === key);
          if (used) {
            throw invalid('active', { 'zh-CN': `启用中的规则 ${used.key} 仍分派到此队列`, 'en-US': `Active rule ${used.key} still routes to this queue` });
          }
          await assertNoTargetReassignsTo(trx, key);
        }
        const before = (await loadQueues(trx)).get(key);
        const saved = await updateQueue(trx, { key, ...request.body }, actorOf(request).userId, now);
        if (!saved) throw notFound(QUEUE, 'key');
        // Its open cases would wait where no one looks: they go where the rules send such cases now.
        const reroutedCases = !saved.active ? await rerouteQueue(deps, trx, key, now) : [];
        await recordConfigChange(trx, request, now, {
          action: 'config.routing_queue.updated', subjectType: 'queue', subjectId: key, detail: { before, after: saved, ...(reroutedCases.length > 0 ? { reroutedCases } : {}) },
        });
        return saved;
      });
      forgetRoutingConfig();
      return saved;
    },
  );

  // ---- Agents ----
  app.get(
    '/api/v1/routing/agents',
    {
      config: { access: ['admin', 'supervisor'] },
      schema: {
        tags: ['routing'],
        summary: 'Agent profiles with their open cases (include=all adds staff without a profile yet, with the defaults)',
        querystring: z.object({ include: z.enum(['profiles', 'all']).default('profiles') }),
      },
    },
    async (request) => {
      const profiles = (await listProfiles(db)).map((p) => ({ ...presentProfile(p), hasProfile: true }));
      if (request.query.include !== 'all') return { items: profiles };
      const others = (await listStaffWithoutProfile(db, STAFF_ROLES)).map((u) => ({
        ...u, skills: { categories: [], kinds: [], languages: [], productCategories: [] }, maxOpenCases: DEFAULT_CAP, available: u.active, senior: false, hasProfile: false,
      }));
      return { items: [...profiles, ...others] };
    },
  );

  app.get(
    '/api/v1/routing/agents/:userId',
    { config: { access: [...STAFF_ROLES] }, schema: { tags: ['routing'], summary: "An agent's profile and load (managers, or the agent)", params: userParams } },
    async (request) => {
      const actor = actorOf(request);
      if (!MANAGERS.has(actor.role) && actor.userId !== request.params.userId) throw forbidden();
      const profile = await loadProfile(db, request.params.userId);
      if (!profile) throw notFound(PROFILE, 'userId');
      return presentProfile(profile);
    },
  );

  app.put(
    '/api/v1/routing/agents/:userId',
    {
      config: { access: [...STAFF_ROLES] },
      schema: { tags: ['routing'], summary: 'Set skills, cap and availability (an agent may switch only their own availability)', params: userParams, body: profileBody },
    },
    async (request) => {
      const actor = actorOf(request);
      const { userId } = request.params;
      const body = request.body;
      if (!MANAGERS.has(actor.role)) {
        const onlyAvailability = Object.keys(body).every((k) => k === 'available');
        if (actor.userId !== userId || !onlyAvailability) {
          throw forbidden({ 'zh-CN': '您只能切换自己的接单状态', 'en-US': 'You can only switch your own availability' });
        }
      }
      const user = await db.selectFrom('users').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
      if (!user) throw notFound({ 'zh-CN': '用户', 'en-US': 'user' }, 'userId');
      if (!STAFF.has(user.role)) throw invalid('userId', { 'zh-CN': '只有平台员工可以有处理人档案', 'en-US': 'Only platform staff have agent profiles' });
      const now = deps.clock.now();
      return db.transaction().execute(async (trx) => {
        const existing = await loadProfile(trx, userId, true);
        if (!existing && !MANAGERS.has(actor.role)) throw notFound(PROFILE, 'userId');
        const skills = existing?.skills ?? { categories: [], kinds: [], languages: [], productCategories: [] };
        const next = {
          userId,
          skills: {
            categories: body.skills?.categories ?? skills.categories,
            kinds: body.skills?.kinds ?? skills.kinds,
            languages: body.skills?.languages ?? skills.languages,
            productCategories: body.skills?.productCategories ?? skills.productCategories,
          },
          cap: body.maxOpenCases ?? existing?.cap ?? DEFAULT_CAP,
          available: body.available ?? existing?.available ?? true,
          senior: body.senior ?? existing?.senior ?? false,
        };
        await upsertProfile(trx, next, actor.userId, now);
        const saved = (await loadProfile(trx, userId))!;
        await recordConfigChange(trx, request, now, {
          action: existing ? 'config.agent_profile.updated' : 'config.agent_profile.created',
          subjectType: 'agent_profile',
          subjectId: userId,
          detail: { ...(existing ? { before: profileSettings(existing) } : {}), after: profileSettings(saved) },
        });
        return presentProfile(saved);
      });
    },
  );

  // ---- Explain ----
  app.post(
    '/api/v1/routing/explain',
    { config: { access: WORKERS, scope: 'cases:read' }, schema: { tags: ['routing'], summary: 'The routing decision and its reasons for a case or given facts, applying nothing', body: explainBody } },
    async (request) => {
      const body = request.body;
      let facts: RoutingFacts;
      let current: { queue: string; assigneeId: string | null } | null = null;
      if (body.caseNo) {
        const row = assertCanSeeCase(actorOf(request), await findCaseByNo(db, body.caseNo));
        facts = (await loadRoutingFacts(db, [row])).get(row.id)!;
        current = { queue: row.queue, assigneeId: row.assignee_id };
      } else {
        const given = body.facts!;
        let operated = given.merchantPlatformOperated ?? null;
        if (given.merchantId && given.merchantPlatformOperated === undefined) {
          const merchant = await db.selectFrom('merchants').select('platform_operated').where('id', '=', given.merchantId).executeTakeFirst();
          if (!merchant) throw invalid('facts.merchantId', { 'zh-CN': '商家不存在', 'en-US': 'No such merchant' });
          operated = merchant.platform_operated;
        }
        facts = { ...given, merchantPlatformOperated: operated };
      }
      const [explained, stored, queues] = await Promise.all([
        explainRouting(db, { facts, current, ...(body.rules ? { rules: body.rules } : {}) }),
        body.rules ? Promise.resolve(null) : loadRules(db),
        loadQueues(db),
      ]);
      return {
        ...explained,
        decision: { ...explained.decision, queueName: queues.get(explained.decision.queue)?.name ?? null },
        rulesVersion: stored?.version ?? null,
        draft: body.rules !== undefined,
      };
    },
  );
}
