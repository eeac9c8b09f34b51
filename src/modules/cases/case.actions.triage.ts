// Staff override triage (TR-7): category, severity, emotion or priority set by a person, with the
// reason on the timeline. The SLA clocks follow a changed severity (they are keyed by it).
import { z } from 'zod';
import { forbidden, invalid } from '../../shared/errors.ts';
import { SEVERITIES, type Severity, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { priorityOf } from '../triage/triage.priority.ts';
import { CATEGORIES, EMOTIONS, PRIORITIES, type Emotion } from '../triage/triage.vocabulary.ts';
import type { ActionContext, ActionHandler } from './case.actions.runner.ts';
import type { CaseTriage } from './case.triage.ts';
import { routeCase } from '../routing/routing.service.ts';
import { asksDepartments } from '../collaboration/collaboration.auto.ts';
import { withdrawOpenRequests } from '../collaboration/collaboration.repository.ts';
import type { CaseEventInput } from './case.repository.ts';

const STAFF = new Set<string>(STAFF_ROLES);
const DOWNGRADERS = new Set<string>(['supervisor', 'compliance', 'admin']);
/** L1 is the most severe. */
const SEVERITY_RANK: Record<string, number> = { L1: 1, L2: 2, L3: 3 };

export const triageActionSchemas = {
  retriage: z.object({
    category: z.enum(CATEGORIES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    emotion: z.enum(EMOTIONS).optional(),
    priority: z.enum(PRIORITIES).optional(),
    reason: z.string().trim().min(1).max(2000),
  }),
};
type RetriageInput = z.infer<typeof triageActionSchemas.retriage>;

const retriage: ActionHandler<RetriageInput> = async (ctx, input) => {
  if (!STAFF.has(ctx.actor.role) || ctx.actor.role === 'finance') throw forbidden();
  const row = ctx.row;
  const before = { category: row.category, severity: row.severity, emotion: row.emotion, priority: row.priority };
  const severity = input.severity ?? row.severity;
  // TR-3 (S4 权责): L1 and L2 complaints are for supervisors and compliance; frontline and
  // specialists may raise a case's severity, never lower it out of their reach.
  if ((SEVERITY_RANK[severity] ?? 3) > (SEVERITY_RANK[row.severity] ?? 3) && !DOWNGRADERS.has(ctx.actor.role)) {
    throw forbidden({
      'zh-CN': `只有售后主管、合规或管理员可以降低投诉级别（${row.severity} → ${severity}）`,
      'en-US': `Only supervisors, compliance and admins may lower a case's severity (${row.severity} → ${severity})`,
    });
  }
  const emotion = input.emotion ?? row.emotion;
  const customer = await ctx.trx.selectFrom('customers').select('tier').where('id', '=', row.customer_id).executeTakeFirst();
  const after = {
    category: input.category ?? row.category,
    severity,
    emotion,
    // A changed severity or emotion moves the priority with it, unless the person set one.
    priority: input.priority ?? (input.severity || input.emotion ? priorityOf(severity as Severity, emotion as Emotion, customer?.tier ?? null).priority : row.priority),
  };
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
  if (changed.length === 0) {
    throw invalid('category', { 'zh-CN': '没有需要修改的分级或分类', 'en-US': 'Nothing to change: give a different category, severity, emotion or priority' });
  }
  const previous = (row.triage ?? {}) as Partial<CaseTriage>;
  const triage = { ...previous, ...after, source: 'override', overriddenBy: ctx.actor.userId, overriddenAt: ctx.now.toISOString(), overrideReason: input.reason };
  return {
    command: null,
    apply: async () => ({
      eventType: 'triage_overridden',
      reason: input.reason,
      eventData: { changed, from: before, to: after },
      // A false alarm lowered out of L1/L2: the departments its severity called in are stood down.
      extraEvents: await standDownDepartments(ctx, before.severity, after.severity),
      caseChanges: { ...after, triage: JSON.stringify(triage) as never },
      // TR-3: a different severity may belong in a different queue.
      after: async (fresh) => {
        if (after.severity !== before.severity) await routeCase(ctx.deps, ctx.trx, fresh, { reason: 'severity_changed' });
      },
    }),
  };
};

async function standDownDepartments(ctx: ActionContext, from: string, to: string): Promise<CaseEventInput[]> {
  if (!asksDepartments(from) || asksDepartments(to)) return [];
  const requestIds = await withdrawOpenRequests(ctx.trx, ctx.row.id, ctx.now, { systemAsked: true });
  return requestIds.length > 0 ? [{ type: 'collaboration_withdrawn', fromState: ctx.row.state, toState: ctx.row.state, reason: null, data: { requestIds } }] : [];
}

export const triageActionHandlers = { retriage };
