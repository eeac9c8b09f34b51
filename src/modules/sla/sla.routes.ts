// SLA configuration (targets, calendars), the vocabulary of metrics, and the simulated clock.
// Admins change targets and calendars; a change moves the clocks already running (a job).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { recordConfigChange } from '../audit/audit.request.ts';
import { CASE_KINDS, CHANNELS, MEMBERSHIP_TIERS, SEVERITIES } from '../../shared/vocabulary.ts';
import { CASE_STATE_LABELS, CASE_STATES, CLOSED_STATES } from '../cases/case.state.ts';
import { checkMessage } from '../../shared/validation.ts';
import { BusinessCalendar, calendarSpecSchema, DEFAULT_CALENDAR_SPEC, shortestMinutes } from './calendar.ts';
import { loadQueues } from '../routing/routing.repository.ts';
import { loadCalendars, loadTargets, targetFromRow } from './sla.repository.ts';
import {
  AUTO_OUTCOMES, BREACH_ACTIONS, type SlaTarget, SLA_METRIC_LABELS, SLA_METRICS, SLA_PARTIES,
} from './sla.targets.ts';

const UNITS = ['minutes', 'hours', 'days', 'working_hours', 'working_days'] as const;

/** Each automatic outcome belongs to one obligation clock. */
const OUTCOME_METRIC: Record<(typeof AUTO_OUTCOMES)[number], (typeof SLA_METRICS)[number]> = {
  approve_request: 'merchant_review',
  close_unshipped_return: 'customer_ship_return',
  confirm_receipt_and_refund: 'merchant_confirm_receipt',
  pass_inspection_and_refund: 'merchant_inspection',
  expire_plan: 'plan_answer',
  decide_without_evidence: 'customer_evidence',
  close_unconfirmed: 'customer_confirmation',
  notify_result: 'result_notice',
};

const targetBody = z
  .object({
    metric: z.enum(SLA_METRICS),
    match: z
      .object({
        channel: z.enum(CHANNELS).nullable().default(null),
        kind: z.enum(CASE_KINDS).nullable().default(null),
        category: z.string().trim().min(1).max(64).nullable().default(null),
        severity: z.enum(SEVERITIES).nullable().default(null),
        tier: z.enum(MEMBERSHIP_TIERS).nullable().default(null),
        merchantId: z.string().uuid().nullable().default(null),
      })
      .prefault({}),
    duration: z.object({ amount: z.number().int().min(1).max(100_000), unit: z.enum(UNITS) }),
    warnBeforeMinutes: z.number().int().min(0).max(525_600).default(0),
    pauseStates: z.array(z.enum(CASE_STATES)).max(CASE_STATES.length).default([]),
    breachActions: z.array(z.enum(BREACH_ACTIONS)).max(BREACH_ACTIONS.length).default([]),
    reassignQueue: z.string().trim().min(1).max(64).nullable().default(null),
    party: z.enum(SLA_PARTIES).default('platform'),
    autoOutcome: z.enum(AUTO_OUTCOMES).nullable().default(null),
    calendarId: z.string().uuid().nullable().default(null),
    active: z.boolean().default(true),
  })
  .superRefine((t, ctx) => {
    if (t.breachActions.includes('reassign') && !t.reassignQueue) {
      ctx.addIssue({ code: 'custom', path: ['reassignQueue'], ...checkMessage({ 'zh-CN': '超时转派需要指定队列', 'en-US': 'A reassign on breach needs the queue to reassign to' }) });
    }
    if (t.autoOutcome && OUTCOME_METRIC[t.autoOutcome] !== t.metric) {
      const belongs = SLA_METRIC_LABELS[OUTCOME_METRIC[t.autoOutcome]];
      ctx.addIssue({
        code: 'custom',
        path: ['autoOutcome'],
        ...checkMessage({ 'zh-CN': `该自动结果只适用于「${belongs['zh-CN']}」时效`, 'en-US': `This automatic outcome belongs to the ${belongs['en-US']} target` }),
      });
    }
    // A clock never runs in a closed state (it is met or cancelled when the case closes): pausing there says nothing.
    t.pauseStates.forEach((state, i) => {
      if (!CLOSED_STATES.includes(state)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['pauseStates', i],
        ...checkMessage({ 'zh-CN': `「${CASE_STATE_LABELS[state]['zh-CN']}」的售后单已结束，不会计时，不能作为暂停状态`, 'en-US': `A case that is ${CASE_STATE_LABELS[state]['en-US']} has ended: no clock runs to pause` }),
      });
    });
  });
type TargetBody = z.infer<typeof targetBody>;

const idParams = z.object({ id: z.string().uuid() });
/** A date both closed and an extra working day says two things about one day: which one is meant is the admin's to say. */
const calendarInput = calendarSpecSchema.superRefine((spec, ctx) => {
  const closed = new Set(spec.closures);
  spec.extraWorkingDays.forEach((date, i) => {
    if (!closed.has(date)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['extraWorkingDays', i],
      ...checkMessage({ 'zh-CN': `${date} 同时是停工日和额外工作日，请只保留一个`, 'en-US': `${date} is both a closure and an extra working day; keep one` }),
    });
  });
});
const calendarBody = z.object({ name: z.string().trim().min(1).max(64), spec: calendarInput, isDefault: z.boolean().default(false) });
const daysQuery = z
  .object({ from: z.string().date(), to: z.string().date() })
  .refine((q) => q.from <= q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366, {
    path: ['to'],
    ...checkMessage({ 'zh-CN': '结束日期须不早于开始日期，且不超过 366 天', 'en-US': 'to must be on or after from, at most 366 days later' }),
  });
const clockBody = z
  .object({ at: z.coerce.date().optional(), advanceMinutes: z.number().int().min(1).max(525_600).optional() })
  .refine((b) => (b.at === undefined) !== (b.advanceMinutes === undefined), {
    path: ['at'],
    ...checkMessage({ 'zh-CN': '请只提供 at 或 advanceMinutes 之一', 'en-US': 'Give either at or advanceMinutes' }),
  });

const TARGET = { 'zh-CN': '时效目标', 'en-US': 'SLA target' };
const CALENDAR = { 'zh-CN': '工作日历', 'en-US': 'business calendar' };

function presentTarget(t: SlaTarget) {
  return { ...t, metricLabel: SLA_METRIC_LABELS[t.metric] };
}

function targetColumns(t: TargetBody) {
  return {
    metric: t.metric,
    channel: t.match.channel,
    kind: t.match.kind,
    category: t.match.category,
    severity: t.match.severity,
    tier: t.match.tier,
    merchant_id: t.match.merchantId,
    duration_amount: t.duration.amount,
    duration_unit: t.duration.unit,
    warn_before_minutes: t.warnBeforeMinutes,
    pause_states: JSON.stringify(t.pauseStates),
    breach_actions: JSON.stringify(t.breachActions),
    reassign_queue: t.reassignQueue,
    party: t.party,
    auto_outcome: t.autoOutcome,
    calendar_id: t.calendarId,
    active: t.active,
  };
}

export async function slaRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const readers = ['admin', 'supervisor', 'compliance'] as const;

  async function assertReferences(t: TargetBody): Promise<void> {
    if (t.match.merchantId && !(await db.selectFrom('merchants').select('id').where('id', '=', t.match.merchantId).executeTakeFirst())) {
      throw invalid('match.merchantId', { 'zh-CN': '商家不存在', 'en-US': 'No such merchant' });
    }
    const calendars = await loadCalendars(db);
    const calendar = t.calendarId ? calendars.find((c) => c.id === t.calendarId) : (calendars.find((c) => c.isDefault) ?? { spec: DEFAULT_CALENDAR_SPEC });
    if (!calendar) throw invalid('calendarId', { 'zh-CN': '工作日历不存在', 'en-US': 'No such business calendar' });
    // ORG-1: a breach moves cases to a queue someone works, as routing rules do (routing.routes.ts).
    if (t.reassignQueue && !(await loadQueues(db)).get(t.reassignQueue)?.active) {
      throw invalid('reassignQueue', { 'zh-CN': `队列 ${t.reassignQueue} 不存在或已停用`, 'en-US': `No active queue ${t.reassignQueue}` });
    }
    // A warning as early as the whole time allowed (or earlier) would fire the moment the clock starts.
    const budgetMinutes = shortestMinutes(calendar.spec, t.duration);
    if (t.warnBeforeMinutes > 0 && t.warnBeforeMinutes >= budgetMinutes) {
      const working = t.duration.unit.startsWith('working_');
      throw invalid('warnBeforeMinutes', {
        'zh-CN': `提前预警的分钟数（${t.warnBeforeMinutes}）须小于时效本身（${budgetMinutes} 分钟${working ? '工作时间' : ''}）`,
        'en-US': `The warning (${t.warnBeforeMinutes} minutes before) must come within the target's own time (${budgetMinutes}${working ? ' working' : ''} minutes)`,
      });
    }
  }

  /** Running clocks follow the change, in the background: the job commits with the change. */
  async function recomputeLater(trx: typeof db, metric: string | null, calendars = false): Promise<void> {
    await deps.jobs.send(trx, 'sla-recompute', { metric, calendars });
  }

  app.get('/api/v1/sla/metrics', { config: { access: 'authenticated' }, schema: { tags: ['sla'], summary: 'The SLA metrics, parties, breach actions and automatic outcomes' } }, async () => ({
    metrics: SLA_METRICS.map((m) => ({ metric: m, label: SLA_METRIC_LABELS[m] })),
    parties: SLA_PARTIES,
    breachActions: BREACH_ACTIONS,
    autoOutcomes: AUTO_OUTCOMES.map((o) => ({ outcome: o, metric: OUTCOME_METRIC[o] })),
    units: UNITS,
  }));

  app.get('/api/v1/sla/targets', { config: { access: readers }, schema: { tags: ['sla'], summary: 'All SLA targets' } }, async () => ({
    items: (await loadTargets(db)).map(presentTarget),
  }));

  app.post(
    '/api/v1/sla/targets',
    { config: { access: ['admin'] }, schema: { tags: ['sla'], summary: 'Add an SLA target', body: targetBody } },
    async (request, reply) => {
      await assertReferences(request.body);
      const now = deps.clock.now();
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('sla_targets')
          .values({ ...targetColumns(request.body), updated_at: now, updated_by: actorOf(request).userId })
          .returningAll()
          .executeTakeFirstOrThrow();
        const target = targetFromRow(inserted);
        await recordConfigChange(trx, request, now, { action: 'config.sla_target.created', subjectType: 'sla_target', subjectId: target.id, detail: { after: target } });
        await recomputeLater(trx, target.metric);
        return target;
      });
      deps.sla.forget();
      reply.status(201);
      return presentTarget(row);
    },
  );

  app.put(
    '/api/v1/sla/targets/:id',
    { config: { access: ['admin'] }, schema: { tags: ['sla'], summary: 'Change an SLA target (running clocks follow)', params: idParams, body: targetBody } },
    async (request) => {
      await assertReferences(request.body);
      const now = deps.clock.now();
      const row = await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('sla_targets').selectAll().where('id', '=', request.params.id).forUpdate().executeTakeFirst();
        if (!before) throw notFound(TARGET, 'id');
        const updated = await trx
          .updateTable('sla_targets')
          .set((eb) => ({ ...targetColumns(request.body), version: eb('version', '+', 1), updated_at: now, updated_by: actorOf(request).userId }))
          .where('id', '=', request.params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const target = targetFromRow(updated);
        await recordConfigChange(trx, request, now, {
          action: 'config.sla_target.updated', subjectType: 'sla_target', subjectId: target.id, detail: { before: targetFromRow(before), after: target },
        });
        // The metric may have changed: every metric's clocks are looked at again.
        await recomputeLater(trx, null);
        return target;
      });
      deps.sla.forget();
      return presentTarget(row);
    },
  );

  app.get('/api/v1/sla/calendars', { config: { access: readers }, schema: { tags: ['sla'], summary: 'Business calendars' } }, async () => ({
    items: await loadCalendars(db),
  }));

  async function saveCalendar(request: FastifyRequest, id: string | null, body: z.infer<typeof calendarBody>) {
    const now = deps.clock.now();
    const userId = actorOf(request).userId;
    const saved = await db.transaction().execute(async (trx) => {
      const before = id ? await trx.selectFrom('business_calendars').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
      if (id && !before) throw notFound(CALENDAR, 'id');
      if (body.isDefault) await trx.updateTable('business_calendars').set({ is_default: false }).where('is_default', '=', true).execute();
      const values = { name: body.name, spec: JSON.stringify(body.spec), is_default: body.isDefault, updated_at: now, updated_by: userId };
      const clash = await trx.selectFrom('business_calendars').select('id').where('name', '=', body.name).executeTakeFirst();
      if (clash && clash.id !== id) throw new AppError({ status: 409, type: 'calendar-name-taken', field: 'name', text: { 'zh-CN': '已有同名日历', 'en-US': 'A calendar with this name exists' } });
      const row = id
        ? await trx.updateTable('business_calendars').set(values).where('id', '=', id).returningAll().executeTakeFirst()
        : await trx.insertInto('business_calendars').values(values).returningAll().executeTakeFirst();
      if (!row) throw notFound(CALENDAR, 'id');
      const stillDefault = await trx.selectFrom('business_calendars').select('id').where('is_default', '=', true).executeTakeFirst();
      if (!stillDefault) throw invalid('isDefault', { 'zh-CN': '必须保留一个默认日历', 'en-US': 'One calendar must stay the default' });
      const after = { id: row.id, name: row.name, spec: body.spec, isDefault: row.is_default };
      await recordConfigChange(trx, request, now, {
        action: id ? 'config.sla_calendar.updated' : 'config.sla_calendar.created',
        subjectType: 'sla_calendar',
        subjectId: row.id,
        detail: { ...(before ? { before: { name: before.name, spec: before.spec, isDefault: before.is_default } } : {}), after },
      });
      await recomputeLater(trx, null, true);
      return after;
    });
    deps.sla.forget();
    return saved;
  }

  app.post(
    '/api/v1/sla/calendars',
    { config: { access: ['admin'] }, schema: { tags: ['sla'], summary: 'Add a business calendar', body: calendarBody } },
    async (request, reply) => {
      const saved = await saveCalendar(request, null, request.body);
      reply.status(201);
      return saved;
    },
  );

  app.put(
    '/api/v1/sla/calendars/:id',
    { config: { access: ['admin'] }, schema: { tags: ['sla'], summary: 'Change a business calendar (running clocks follow)', params: idParams, body: calendarBody } },
    async (request) => {
      return saveCalendar(request, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/sla/calendars/:id/days',
    { config: { access: readers }, schema: { tags: ['sla'], summary: 'Working and non-working days of a calendar', params: idParams, querystring: daysQuery } },
    async (request) => {
      const stored = (await loadCalendars(db)).find((c) => c.id === request.params.id);
      if (!stored) throw notFound(CALENDAR, 'id');
      const calendar = new BusinessCalendar(stored.spec);
      const days = [];
      for (let t = Date.parse(request.query.from); t <= Date.parse(request.query.to); t += 86_400_000) {
        days.push(calendar.day(new Date(t).toISOString().slice(0, 10)));
      }
      const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))];
      return { calendar: stored.name, days, holidayDataMissing: stored.spec.chineseHolidays ? years.filter((y) => !calendar.holidayDataCovers(y)) : [] };
    },
  );

  // The simulated clock exists only when the server was started with AFTERDESK_SIMULATED_CLOCK=1.
  const simulated = deps.simulatedClock;
  if (!simulated) return;
  app.get('/api/v1/simulation/clock', { config: { access: ['admin'] }, schema: { tags: ['simulation'], summary: 'The simulated clock' } }, async () => ({
    now: simulated.now().toISOString(),
    simulated: true,
  }));
  app.post(
    '/api/v1/simulation/clock',
    { config: { access: ['admin'] }, schema: { tags: ['simulation'], summary: 'Set or advance the simulated clock; due deadlines fire', body: clockBody } },
    async (request) => {
      const { at, advanceMinutes } = request.body;
      if (at && at.getTime() < simulated.now().getTime()) {
        throw invalid('at', { 'zh-CN': '模拟时钟只能向前拨', 'en-US': 'The simulated clock only moves forward' });
      }
      if (at) simulated.set(at);
      else simulated.advance((advanceMinutes ?? 0) * 60_000);
      // Everything now due fires before the answer, so the caller sees its effect at once.
      const fired = await deps.scheduler.runDue();
      deps.scheduler.wake();
      return { now: simulated.now().toISOString(), simulated: true, fired };
    },
  );
}
