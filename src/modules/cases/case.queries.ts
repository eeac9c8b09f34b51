// Read side of cases: one case in full, and scoped, paginated lists.
import { type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { Actor } from '../identity/index.ts';
import { AppError } from '../../shared/errors.ts';
import { assertCanReadCase } from './case.access.ts';
import { isExternalVoice } from './case.voice.ts';
import { presentRetention } from '../retention/retention.service.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import { collaborationsForCase } from '../collaboration/collaboration.queries.ts';
import { caseNumbers, presentCaseDetail, presentCaseSummary } from './case.presenter.ts';
import { freeTextFor, optionalFreeTextFor, searchFormFor } from '../privacy/pii.present.ts';
import { findCaseByNo, loadCaseDetail } from './case.repository.ts';
import { OPEN_STATES } from './case.state.ts';
import type { ListCasesQuery } from './case.schemas.ts';
import { caseDeadlinesFor, mostUrgentClocks, partiesVisibleTo } from '../sla/sla.presenter.ts';
import { incidentOfCase } from '../incidents/incident.repository.ts';
import { cachedQueues } from '../routing/routing.repository.ts';
import { merchantHistory } from '../routing/routing.appeal.ts';
import { containing } from '../../db/like.ts';
import { isReadyTaskOf } from '../execution/task.ready.ts';

export async function getCase(deps: AppDeps, actor: Actor, caseNo: string) {
  const { db } = deps.database;
  const row = await assertCanReadCase(db, actor, await findCaseByNo(db, caseNo));
  const now = deps.clock.now();
  const [detail, rules, queues] = await Promise.all([loadCaseDetail(db, row.id), deps.sla.rules(db), cachedQueues(db)]);
  const deadlines = await caseDeadlinesFor(db, rules, row.id, actor, now);
  // Cross-department requests (ORG-2): staff see all, a department its own, customers and merchants none.
  const collaborations = await collaborationsForCase(db, actor, row.id, now);
  // The group complaint (TR-6) the case belongs to: internal, so never shown to the customer.
  const incident = actor.role === 'customer' ? null : await incidentOfCase(db, row.id);
  // Staff read who holds the case and the queue's name (the console's header shows both).
  const staff = (STAFF_ROLES as readonly string[]).includes(actor.role);
  const assignee = staff && row.assignee_id
    ? await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.assignee_id).executeTakeFirst()
    : undefined;
  const routing = staff
    ? { queueName: queues.get(row.queue)?.name ?? null, assignee: assignee ? { id: assignee.id, displayName: assignee.display_name } : null }
    : undefined;
  // CL-6: how long the case is kept and any legal hold: the platform's staff only.
  const retention = staff ? presentRetention(row, now, deps.config.retentionYears) : undefined;
  // The customer sees none of the merchant's clocks or inner moves, but they say when the customer may appeal (ORG-3).
  const merchantSoFar = actor.role === 'customer' ? await merchantHistory(db, row.id) : undefined;
  // What staff asked other departments, and their answers, often quote the customer (RISK-2).
  const known = caseNumbers(row, detail);
  const shownCollaborations = collaborations?.map((c) => ({
    ...c,
    question: freeTextFor(actor, row.customer_id, c.question, known).text,
    answer: optionalFreeTextFor(actor, row.customer_id, c.answer, known),
  }));
  return { ...presentCaseDetail(row, detail, actor, now, queues, merchantSoFar), deadlines, incident, collaborations: shownCollaborations, routing, retention };
}

/** Matches no row: the scope of a caller without the id the scope needs. */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

function sorted<O>(q: SelectQueryBuilder<DB, 'cases', O>, sort: ListCasesQuery['sort'], parties: string[]) {
  switch (sort) {
    case 'oldest':
      return q.orderBy('cases.created_at', 'asc');
    case 'priority':
      return q.orderBy('cases.priority', 'asc').orderBy('cases.created_at', 'asc');
    case 'urgent':
      // The earliest due open clock the caller may see first; cases without one after them.
      return q
        .orderBy(
          sql`(select min(d.due_at) from case_deadlines d where d.case_id = cases.id and d.status in ('running', 'paused') and d.party in (${sql.join(parties)}))`,
          (ob) => ob.asc().nullsLast(),
        )
        .orderBy('cases.created_at', 'asc');
    default:
      return q.orderBy('cases.created_at', 'desc');
  }
}

const DESCRIPTION_SEARCHED = {
  clear: 'cases.description',
  contact: 'cases.description_contact',
  masked: 'cases.description_masked',
} as const;

/** The platform's own grading and work queues: a customer neither sees them nor filters or sorts by them. */
const INTERNAL_FILTERS = ['severity', 'priority', 'emotion', 'queue', 'assignee', 'taskOwner', 'refund'] as const;

function assertCustomerFilters(actor: Actor, query: ListCasesQuery): void {
  if (actor.role !== 'customer') return;
  const field = INTERNAL_FILTERS.find((f) => query[f] !== undefined) ?? (query.sort === 'priority' ? 'sort' : undefined);
  if (!field) return;
  throw new AppError({
    status: 403,
    type: 'forbidden',
    field,
    text: { 'zh-CN': `客户不能按「${field}」筛选或排序售后单`, 'en-US': `Customers cannot filter or sort cases by "${field}"` },
  });
}

export async function listCases(deps: AppDeps, actor: Actor, query: ListCasesQuery) {
  assertCustomerFilters(actor, query);
  const { db } = deps.database;
  const staff = (STAFF_ROLES as readonly string[]).includes(actor.role);
  let q = db.selectFrom('cases').selectAll('cases');
  if (actor.role === 'customer') q = q.where('cases.customer_id', '=', actor.customerId ?? NO_ONE);
  if (actor.role === 'merchant') q = q.where('cases.merchant_id', '=', actor.merchantId ?? NO_ONE);
  if (actor.role === 'department') {
    // A department lists the cases it is asked about, as it may read them (case.access.ts); PR and
    // compliance also the media-flagged cases they speak for (RISK-5).
    const voice = isExternalVoice(actor);
    q = q.where((eb) => eb.or([
      eb.exists(eb.selectFrom('collaboration_requests as r').select('r.id').whereRef('r.case_id', '=', 'cases.id')
        .where('r.department', '=', actor.department ?? '').where('r.status', '=', 'open')),
      ...(voice ? [eb('cases.media_flag', 'is not', null)] : []),
    ]));
  }
  if (query.state) q = q.where('cases.state', '=', query.state);
  if (query.kind) q = q.where('cases.kind', '=', query.kind);
  if (query.severity) q = q.where('cases.severity', '=', query.severity);
  if (query.channel) q = q.where('cases.channel', '=', query.channel);
  if (query.queue) q = q.where('cases.queue', '=', query.queue);
  if (query.slaState) {
    const state = query.slaState;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_deadlines as d')
          .select('d.id')
          .whereRef('d.case_id', '=', 'cases.id')
          .where('d.party', 'in', partiesVisibleTo(actor))
          .where((w) => {
            if (state === 'paused') return w('d.status', '=', 'paused');
            if (state === 'breached') return w.and([w('d.status', 'in', ['running', 'paused']), w('d.breached_at', 'is not', null)]);
            if (state === 'warning') return w.and([w('d.status', '=', 'running'), w('d.warned_at', 'is not', null), w('d.breached_at', 'is', null)]);
            return w.and([w('d.status', '=', 'running'), w('d.breached_at', 'is', null)]);
          }),
      ),
    );
  }
  if (query.category) q = q.where('cases.category', '=', query.category);
  if (query.priority) q = q.where('cases.priority', '=', query.priority);
  if (query.emotion) q = q.where('cases.emotion', '=', query.emotion);
  if (query.merchantId) q = q.where('cases.merchant_id', '=', query.merchantId);
  if (query.open === 'true') q = q.where('cases.state', 'in', [...OPEN_STATES]);
  if (query.open === 'false') q = q.where('cases.state', 'not in', [...OPEN_STATES]);
  if (query.assignee === 'unassigned') {
    q = q.where('cases.assignee_id', 'is', null);
    // No one on the platform can take a case from a merchant's queue: unless a queue is named, the
    // platform's staff see only the unassigned cases of the platform's own queues.
    if (staff && !query.queue) {
      q = q.where('cases.queue', 'in', (eb) => eb.selectFrom('queues').select('queues.key').where('queues.role', '<>', 'merchant'));
    }
  }
  else if (query.assignee) q = q.where('cases.assignee_id', '=', query.assignee === 'me' ? (actor.userId ?? NO_ONE) : query.assignee);
  if (query.taskOwner === 'me') {
    q = q.where((eb) => eb.exists(eb.selectFrom('execution_tasks as t').select('t.id').whereRef('t.case_id', '=', 'cases.id').where(isReadyTaskOf(actor.role))));
  }
  if (query.refund === 'in_doubt') {
    q = q.where((eb) => eb.exists(eb.selectFrom('refunds as r').select('r.id').whereRef('r.case_id', '=', 'cases.id').where('r.status', '=', 'pending')));
  }
  if (query.orderNo) {
    q = q.innerJoin('orders', 'orders.id', 'cases.order_id').where('orders.order_no', '=', query.orderNo);
  }
  if (query.q) {
    const like = containing(query.q);
    // RISK-2: the description as the caller reads it (the title is stored masked).
    const description = DESCRIPTION_SEARCHED[searchFormFor(actor)];
    q = q.where((eb) => eb.or([eb('cases.case_no', 'ilike', like), eb('cases.title', 'ilike', like), eb(description, 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    // Who holds each case, in the same query: one join on the primary key, never a query per row.
    sorted(q.leftJoin('users as holder', 'holder.id', 'cases.assignee_id').select('holder.display_name as holder_name'), query.sort, partiesVisibleTo(actor))
      .orderBy('cases.id').limit(query.limit).offset(query.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const now = deps.clock.now();
  const total = Number(count.n);
  const orderIds = [...new Set(rows.map((r) => r.order_id).filter((id): id is string => id !== null))];
  const [urgent, queues, orders] = await Promise.all([
    mostUrgentClocks(db, rows.map((r) => r.id), partiesVisibleTo(actor)),
    cachedQueues(db),
    // The order numbers a title may quote, which are not personal numbers to mask.
    orderIds.length > 0 ? db.selectFrom('orders').select(['id', 'order_no']).where('id', 'in', orderIds).execute() : [],
  ]);
  const orderNo = new Map(orders.map((o) => [o.id, o.order_no]));
  return {
    items: rows.map((row) => {
      const known = row.order_id && orderNo.has(row.order_id) ? [orderNo.get(row.order_id)!] : [];
      // Staff see who holds the case and the queue's name; the queue itself is platform bookkeeping.
      const holder = staff ? { assigneeName: row.holder_name ?? null, queueName: queues.get(row.queue)?.name ?? null } : {};
      return { ...presentCaseSummary(row, actor, now, queues, { known }), ...holder, sla: urgent.get(row.id) ?? null };
    }),
    total,
    limit: query.limit,
    offset: query.offset,
    hasMore: query.offset + rows.length < total,
  };
}
