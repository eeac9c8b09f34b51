// Routing applied to cases (TR-3, TR-4, TR-7, ORG-3): reads the rules, the queues, the agents and
// their loads, lets the pure engine decide, and records the decision as a `case_routed` event with
// the reasons, in the caller's transaction (a batch with one statement per table: routing moves no
// SLA clock). Nothing else here changes a case's queue. The roles the rule names are told at once.
import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { type Actor, SYSTEM_ACTOR } from '../identity/index.ts';
import { type NewNotification, notifyMany } from '../notifications/notifications.repository.ts';
import { askDepartmentsForEscalated, asksDepartments } from '../collaboration/collaboration.auto.ts';
import type { CaseEventInput } from '../cases/case.repository.ts';
import { recordCaseEvents } from '../cases/case.events.ts';
import { OPEN_STATES } from '../cases/case.state.ts';
import { ROUTING_MANAGERS, ROUTING_STAFF } from './routing.offers.ts';
import type { SlaService } from '../sla/sla.service.ts';
import { moveOpenDeadlines } from '../sla/sla.repository.ts';
import { heldByCompliance } from './routing.offers.ts';
import {
  cachedQueues, cachedRules, INTERVENTION_EVENT, loadCandidates, loadRoutingFacts, type AgentProfile, type Queue,
} from './routing.repository.ts';
import {
  assignmentReason, evaluateRules, keepInQueue, pickAssignee, route, sendToQueue, type RoutingDecision, type RoutingFacts, type RoutingReason, type RoutingRule,
} from './routing.rules.ts';

type Db = Kysely<DB>;

export const ROUTING_TRIGGERS = [
  'intake', 'severity_changed', 'appeal', 'merchant_missed_deadline', 'manual', 'assignee_deactivated', 'assignee_role_changed', 'queue_closed',
  'sla_escalation',
] as const;
export type RoutingTrigger = (typeof ROUTING_TRIGGERS)[number];
/** Triggers after which the current assignee may not keep the case, even where routing lands in the same queue. */
const RELEASING: ReadonlySet<RoutingTrigger> = new Set(['assignee_deactivated', 'assignee_role_changed']);

/** Routing's own timeline events: bookkeeping, never a response to the customer. */
export const ROUTING_EVENTS = new Set(['case_routed', 'case_assigned', 'case_unassigned', INTERVENTION_EVENT]);
const SLA_KEY_FIELDS = ['state', 'severity', 'category', 'channel', 'merchant_id'] as const;

/**
 * The SLA clocks read handling roles' events as responses to the customer; routing's events are
 * not, so they are left out of what the clocks see. A change of queue still reaches them: a move
 * into or out of a merchant's hands (ORG-3) changes whose clocks run (the SLA service tells).
 */
export function withRoutingSla<D extends { sla: SlaService }>(deps: D): D {
  const sla = deps.sla;
  return {
    ...deps,
    sla: {
      ...sla,
      async onCaseChange(trx, change) {
        const queueMoved = change.after.queue !== change.row.queue;
        const events = change.events.filter((e) => !ROUTING_EVENTS.has(e.type));
        const keyUnchanged = SLA_KEY_FIELDS.every((f) => change.after[f] === change.row[f]);
        if (events.length === 0 && keyUnchanged && !queueMoved && !change.rebudget) return [];
        return sla.onCaseChange(trx, { ...change, events });
      },
    },
  };
}

export interface CaseRouting extends RoutingDecision {
  /** The person picked, kept, or null (the case waits in the queue). */
  assigneeId: string | null;
  from: { queue: string; assigneeId: string | null } | null;
}

interface DecideItem {
  facts: RoutingFacts;
  current: { queue: string; assigneeId: string | null } | null;
  /** The current assignee may not keep the case (they were deactivated), even in the same queue. */
  release?: boolean;
  /** The case stays in its current queue whatever the rules say (heldByCompliance). */
  keepQueue?: boolean;
  /** The case goes to this queue whatever the rules say (an SLA target's reassignQueue). */
  toQueue?: string;
}

/** Decides queue and person for each item, balancing loads across the items as it goes. */
async function decideMany(
  db: Db,
  items: DecideItem[],
  options: { rules?: RoutingRule[]; lock: boolean },
): Promise<{ routings: CaseRouting[]; queues: Map<string, Queue> }> {
  const [rules, queues] = await Promise.all([options.rules ? Promise.resolve(options.rules) : cachedRules(db), cachedQueues(db)]);
  const queueName = (key: string) => queues.get(key)?.name ?? { 'zh-CN': key, 'en-US': key };
  const decisions = items.map((item) => {
    const decision = route(item.facts, rules, undefined, queueName);
    if (item.keepQueue && item.current) return keepInQueue(decision, item.current.queue, queueName);
    return item.toQueue ? sendToQueue(decision, item.toQueue, queueName) : decision;
  });
  const sticky = (i: number) => {
    const { current, release } = items[i]!;
    return !release && current !== null && current.assigneeId !== null && current.queue === decisions[i]!.queue;
  };
  const roles = new Set<string>();
  decisions.forEach((d, i) => {
    const role = queues.get(d.queue)?.role;
    if (d.assign && !sticky(i) && role) roles.add(role);
  });
  const candidates: AgentProfile[] = await loadCandidates(db, [...roles], options.lock);
  const byId = new Map(candidates.map((c) => [c.userId, c]));
  const routings = decisions.map((decision, i): CaseRouting => {
    const current = items[i]!.current;
    const reasons: RoutingReason[] = [...decision.reasons];
    let assigneeId: string | null = null;
    if (sticky(i)) {
      assigneeId = current!.assigneeId;
      reasons.push({ rule: 'assignment', text: { 'zh-CN': '队列未变，仍由当前处理人负责', 'en-US': 'Same queue: the case stays with its current assignee' } });
    } else if (!decision.assign) {
      reasons.push({
        rule: 'assignment',
        text: {
          'zh-CN': `规则不指定处理人，售后单在队列「${queueName(decision.queue)['zh-CN']}」中等待处理`,
          'en-US': `The rule assigns no person; the case waits in queue "${queueName(decision.queue)['en-US']}"`,
        },
      });
    } else {
      const role = queues.get(decision.queue)?.role;
      const pool = candidates.filter((c) => c.role === role);
      assigneeId = pickAssignee(pool, decision.requiredSkills);
      const picked = assigneeId ? byId.get(assigneeId)! : null;
      reasons.push(assignmentReason(picked, queueName(decision.queue), pool.length));
      if (picked) picked.openCases += 1;
    }
    // The previous holder's load drops when the case leaves them.
    const previous = current?.assigneeId ? byId.get(current.assigneeId) : undefined;
    if (previous && previous.userId !== assigneeId) previous.openCases = Math.max(0, previous.openCases - 1);
    return { ...decision, reasons, assigneeId, from: current };
  });
  return { routings, queues };
}

// ---- Plans: what routing would write ----

export interface RoutingPlan {
  row: CaseRow;
  routing: CaseRouting;
  changes: { queue: string; assignee_id: string | null };
  /** The `case_routed` event (its actor is the caller's to choose). */
  event: CaseEventInput;
  notices: NewNotification[];
}

export interface PlanOptions {
  trigger: RoutingTrigger;
  /** Who asked (a manual re-route); null for the system's own triggers. */
  requestedBy?: Actor | null;
  /** The platform intervenes with this very command (the event is not written yet). */
  platformIntervention?: boolean;
  /** The queue the case must go to (an SLA target's reassignQueue), unless compliance holds it. */
  queue?: string;
  now: Date;
}

const queueName = (queues: Map<string, Queue>, key: string): LocalizedText => queues.get(key)?.name ?? { 'zh-CN': key, 'en-US': key };

/** Decides routing for cases the caller holds (locked) in this transaction; writes nothing. */
export async function planRoutes(trx: Db, rows: CaseRow[], options: PlanOptions): Promise<RoutingPlan[]> {
  const facts = await loadRoutingFacts(trx, rows);
  const items = rows.map((row) => {
    const f = facts.get(row.id)!;
    return {
      facts: options.platformIntervention ? { ...f, platformIntervention: true } : f,
      current: { queue: row.queue, assigneeId: row.assignee_id },
      release: RELEASING.has(options.trigger),
      keepQueue: heldByCompliance(row),
      ...(options.queue ? { toQueue: options.queue } : {}),
    };
  });
  const { routings, queues } = await decideMany(trx, items, { lock: true });
  return rows.map((row, i) => {
    const routing = routings[i]!;
    return {
      row,
      routing,
      changes: { queue: routing.queue, assignee_id: routing.assigneeId },
      event: routedEvent(row.state, routing, options),
      notices: noticesFor(row, routing, queueName(queues, routing.queue), options.now),
    };
  });
}

function routedEvent(state: string, routing: CaseRouting, options: Pick<PlanOptions, 'trigger' | 'requestedBy'>): CaseEventInput {
  return {
    type: 'case_routed',
    fromState: state,
    toState: state,
    data: {
      trigger: options.trigger,
      rule: routing.rule,
      queue: routing.queue,
      assigneeId: routing.assigneeId,
      from: routing.from,
      requiredSkills: routing.requiredSkills,
      notifyRoles: routing.notifyRoles,
      reasons: routing.reasons,
      requestedBy: options.requestedBy ? { userId: options.requestedBy.userId, role: options.requestedBy.role } : null,
    },
  };
}

// ---- New cases ----

/** Where a case starts before routing (the column default). */
const INTAKE_QUEUE = 'frontline';

export interface NewCaseRouting {
  routing: CaseRouting;
  /** The `case_routed` event, by the system, written with the case's first events. */
  event: CaseEventInput;
}

/**
 * Routing of cases about to be created (intake), decided from facts the caller read already, so
 * each row is inserted with its queue and assignee and no second write of the case follows.
 * Once the rows exist, send `newCaseNotices` and call `askDepartmentsForNewEscalated`.
 */
export async function routeNewCases(
  trx: Db,
  drafts: { state: string; facts: RoutingFacts }[],
  options: { lock: boolean } = { lock: true },
): Promise<{ routings: NewCaseRouting[]; queues: Map<string, Queue> }> {
  const current = { queue: INTAKE_QUEUE, assigneeId: null };
  const { routings, queues } = await decideMany(trx, drafts.map((d) => ({ facts: d.facts, current })), options);
  return {
    routings: routings.map((routing, i) => ({ routing, event: { ...routedEvent(drafts[i]!.state, routing, { trigger: 'intake' }), actor: SYSTEM_ACTOR } })),
    queues,
  };
}

/** What the roles and people the decisions name are told about the new cases (TR-3). */
export function newCaseNotices(created: { row: CaseRow; routing: CaseRouting }[], queues: Map<string, Queue>, now: Date): NewNotification[] {
  return created.flatMap(({ row, routing }) => noticesFor(row, routing, queueName(queues, routing.queue), now));
}

/** TR-3: new L2 cases ask the departments they need at once; returns their versions after that. */
export async function askDepartmentsForNewEscalated(deps: Pick<AppDeps, 'sla' | 'clock'>, trx: Db, rows: CaseRow[], now: Date): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (const row of rows) {
    if (asksDepartments(row.severity)) versions.set(row.id, (await askDepartmentsForEscalated(deps, trx, row, now)).version);
  }
  return versions;
}

function noticesFor(row: CaseRow, routing: CaseRouting, queue: LocalizedText, now: Date): NewNotification[] {
  const notices: NewNotification[] = [];
  const why = routing.reasons[0]?.text ?? { 'zh-CN': '', 'en-US': '' };
  for (const role of routing.notifyRoles) {
    const dedupeKey = `routing:${row.id}:${routing.rule ?? 'default'}:${role}`;
    if (role === 'merchant') {
      if (!row.merchant_id) continue;
      notices.push({
        merchantId: row.merchant_id, caseId: row.id, type: 'case_routed', dedupeKey, now,
        title: { 'zh-CN': `新的售后单 ${row.case_no} 待您处理`, 'en-US': `New case ${row.case_no} for you to handle` },
        body: {
          'zh-CN': `买家就您的商品提交了售后申请「${row.title}」，请及时处理；逾期或买家申诉时平台将介入。`,
          'en-US': `A customer filed "${row.title}" about your goods. Please handle it in time; the platform steps in on appeal or a missed deadline.`,
        },
      });
      continue;
    }
    notices.push({
      recipientRole: role, caseId: row.id, type: 'case_routed', dedupeKey, now,
      title: { 'zh-CN': `${row.severity} 售后单 ${row.case_no} 进入「${queue['zh-CN']}」`, 'en-US': `${row.severity} case ${row.case_no} routed to ${queue['en-US']}` },
      body: { 'zh-CN': `${row.title}。${why['zh-CN']}`, 'en-US': `${row.title}. ${why['en-US']}` },
    });
  }
  if (routing.assigneeId && routing.assigneeId !== routing.from?.assigneeId) {
    notices.push(assignedNotice(row, routing.assigneeId, now));
  }
  return notices;
}

export function assignedNotice(row: CaseRow, userId: string, now: Date): NewNotification {
  return {
    recipientUserId: userId, caseId: row.id, type: 'case_assigned', dedupeKey: `routing:${row.id}:assignee:${userId}:${row.version}`, now,
    title: { 'zh-CN': `售后单 ${row.case_no} 已分配给您`, 'en-US': `Case ${row.case_no} is assigned to you` },
    body: { 'zh-CN': `${row.severity}｜${row.title}`, 'en-US': `${row.severity} | ${row.title}` },
  };
}

// ---- Applying ----

export interface AppliedRouting extends CaseRouting {
  caseId: string;
  /** The case's version after the routing events: re-read the row before changing it again. */
  version: number;
}

/**
 * Routes cases the caller holds in this transaction (new cases at intake, or rows it locked) and
 * records each decision as a `case_routed` event by the system. The rows must be current: their
 * version moves on, so re-read them before any further change.
 */
export async function routeCases(
  deps: Pick<AppDeps, 'sla' | 'clock'>,
  trx: Db,
  rows: CaseRow[],
  options: { reason: RoutingTrigger; now?: Date; queue?: string },
): Promise<AppliedRouting[]> {
  if (rows.length === 0) return [];
  const now = options.now ?? deps.clock.now();
  const plans = await planRoutes(trx, rows, { trigger: options.reason, now, ...(options.queue ? { queue: options.queue } : {}) });
  // Routing moves no SLA clock (withRoutingSla), so a batch is written with one statement per
  // table: the cases' queue, assignee and version, then their case_routed events. A case moving
  // between a merchant's hands and the platform's changes whose clocks run (ORG-3): it is recorded
  // the way commands are, so its clocks follow.
  const queues = await cachedQueues(trx);
  const withMerchant = (queue: string) => queues.get(queue)?.role === 'merchant';
  const changesHands = (p: RoutingPlan) => withMerchant(p.row.queue) !== withMerchant(p.changes.queue);
  const versions = await writeRoutedBatch(trx, plans.filter((p) => !changesHands(p)), now);
  // SLA-13: clocks still running go with the case to its new queue, which answers for them now.
  for (const p of plans.filter((p) => !changesHands(p) && p.changes.queue !== p.row.queue)) await moveOpenDeadlines(trx, p.row.id, p.changes.queue);
  for (const p of plans.filter(changesHands)) {
    versions.set(p.row.id, await recordCaseEvents(withRoutingSla(deps), trx, p.row, SYSTEM_ACTOR, [{ ...p.event, actor: SYSTEM_ACTOR }], now, p.changes));
  }
  const applied: AppliedRouting[] = [];
  for (const plan of plans) {
    let version = versions.get(plan.row.id)!;
    if (asksDepartments(plan.row.severity)) {
      // TR-3: L1 and L2 go up with the departments they need asked at once.
      const routed = await trx.selectFrom('cases').selectAll().where('id', '=', plan.row.id).executeTakeFirstOrThrow();
      version = (await askDepartmentsForEscalated(deps, trx, routed, now)).version;
    }
    applied.push({ ...plan.routing, caseId: plan.row.id, version });
  }
  await notifyMany(trx, plans.flatMap((p) => p.notices));
  return applied;
}

type RoutingDeps = Pick<AppDeps, 'sla' | 'clock'>;

/** Open cases held by a person or sitting in a queue, locked, oldest first. */
function openCases(trx: Db, where: { assigneeId: string } | { queue: string }) {
  const query = trx.selectFrom('cases').selectAll().where('state', 'in', [...OPEN_STATES]);
  return ('queue' in where ? query.where('queue', '=', where.queue) : query.where('assignee_id', '=', where.assigneeId)).orderBy('created_at').forUpdate().execute();
}

async function reroute(deps: RoutingDeps, trx: Db, rows: CaseRow[], reason: RoutingTrigger, now: Date): Promise<string[]> {
  await routeCases(deps, trx, rows, { reason, now });
  return rows.map((r) => r.case_no);
}

/**
 * A person who is deactivated works no case any more: their open cases go back through routing
 * (the rules, then someone available below their cap; the person is no longer a candidate), in the
 * transaction that deactivates them. Returns the cases moved.
 */
export async function rerouteCasesOf(deps: RoutingDeps, trx: Db, userId: string, now: Date): Promise<string[]> {
  return reroute(deps, trx, await openCases(trx, { assigneeId: userId }), 'assignee_deactivated', now);
}

/**
 * Whether a person of this role may hold a case in a queue worked by `queueRole`: platform staff of
 * the queue's role, or a supervisor or admin (who may be given any case, TR-7).
 */
export function mayHold(role: string, queueRole: string | undefined): boolean {
  return ROUTING_STAFF.has(role) && (ROUTING_MANAGERS.has(role) || role === queueRole);
}

/**
 * A person given another role keeps the open cases they may still hold (mayHold); the others go
 * back through routing as after a deactivation, in the transaction that changes the role (ORG-1).
 * Returns the cases moved.
 */
export async function rerouteCasesOutOfRole(deps: RoutingDeps, trx: Db, userId: string, role: string, now: Date): Promise<string[]> {
  const queues = await cachedQueues(trx);
  const rows = (await openCases(trx, { assigneeId: userId })).filter((r) => !mayHold(role, queues.get(r.queue)?.role));
  return reroute(deps, trx, rows, 'assignee_role_changed', now);
}

/**
 * A queue switched off is worked by no one: its open cases go back through the rules (which no
 * longer route there), in the transaction that switches it off. Returns the cases moved.
 */
export async function rerouteQueue(deps: RoutingDeps, trx: Db, queue: string, now: Date): Promise<string[]> {
  return reroute(deps, trx, await openCases(trx, { queue }), 'queue_closed', now);
}

/** One case: see routeCases. */
export async function routeCase(
  deps: Pick<AppDeps, 'sla' | 'clock'>,
  trx: Db,
  row: CaseRow,
  options: { reason: RoutingTrigger; now?: Date; queue?: string },
): Promise<AppliedRouting> {
  const [applied] = await routeCases(deps, trx, [row], options);
  return applied!;
}

/** Bumps each case's version by one (refusing a case changed meanwhile) and appends its event. */
async function writeRoutedBatch(trx: Db, plans: RoutingPlan[], now: Date): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  if (plans.length === 0) return versions;
  const updated = await sql<{ id: string; version: number }>`
    update cases as c
    set queue = v.queue, assignee_id = v.assignee_id, version = c.version + 1, updated_at = ${now}
    from unnest(
      ${plans.map((p) => p.row.id)}::uuid[],
      ${plans.map((p) => p.changes.queue)}::text[],
      ${plans.map((p) => p.changes.assignee_id)}::uuid[],
      ${plans.map((p) => p.row.version)}::int[]
    ) as v(id, queue, assignee_id, version)
    where c.id = v.id and c.version = v.version
    returning c.id, c.version`.execute(trx);
  if (updated.rows.length !== plans.length) throw new Error('routing: a case changed concurrently');
  for (const r of updated.rows) versions.set(r.id, r.version);
  await sql`
    insert into case_events (case_id, seq, type, from_state, to_state, actor_role, reason, data, occurred_at)
    select v.case_id, v.seq, 'case_routed', v.state, v.state, 'system', null, v.data, ${now}
    from unnest(
      ${plans.map((p) => p.row.id)}::uuid[],
      ${plans.map((p) => versions.get(p.row.id)!)}::int[],
      ${plans.map((p) => p.row.state)}::text[],
      ${plans.map((p) => JSON.stringify(p.event.data ?? {}))}::jsonb[]
    ) as v(case_id, seq, state, data)`.execute(trx);
  return versions;
}

// ---- Explaining ----

/** The decision for given facts (and the person it would pick now), applying nothing. */
export async function explainRouting(
  db: Db,
  input: { facts: RoutingFacts; current: { queue: string; assigneeId: string | null } | null; rules?: RoutingRule[] },
) {
  const rules = input.rules ?? (await cachedRules(db));
  const { routings } = await decideMany(db, [{ facts: input.facts, current: input.current }], { rules, lock: false });
  return { facts: input.facts, decision: routings[0]!, rules: evaluateRules(input.facts, rules) };
}

export { loadRoutingFacts };
