// What happens when a clock warns or breaches (SLA-10, SLA-15 and the obligation clocks). Runs as
// a job after the firing committed. Every effect is idempotent: notices carry a dedupe key, case
// changes and automatic outcomes an idempotency key derived from the deadline, so a retried job
// changes nothing twice. An outcome the case has moved past (the merchant answered meanwhile) is
// refused by the state machine and simply not applied.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { runIdempotent } from '../../shared/idempotency.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { type Department, DEPARTMENT_LABELS, type LocalizedText, type Severity } from '../../shared/vocabulary.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { priorityOf } from '../triage/triage.priority.ts';
import type { Emotion } from '../triage/triage.vocabulary.ts';
import { notify, notifyMany } from '../notifications/notifications.repository.ts';
import { recordCaseEvents } from '../cases/case.events.ts';
import { runAutoOutcome } from './sla.outcomes.ts';
import { openTasks } from '../execution/execution.repository.ts';
import { describeTask } from '../execution/task.describe.ts';
import { RESPONSIVENESS_METRICS } from './sla.lifecycle.ts';
import { requestPlatformIntervention } from '../routing/routing.actions.ts';
import { heldByCompliance } from '../routing/routing.offers.ts';
import { routeCase } from '../routing/routing.service.ts';
import { cachedQueues } from '../routing/routing.repository.ts';
import type { SlaActionJob } from './sla.scheduler.ts';
import { SLA_METRIC_LABELS, type SlaMetric } from './sla.targets.ts';

export const slaActionJobSchema = z.object({
  deadlineId: z.string().uuid(),
  caseId: z.string().uuid(),
  metric: z.string(),
  subjectId: z.string().uuid().nullable(),
  firing: z.enum(['warning', 'breach']),
  late: z.boolean(),
  party: z.string(),
  autoOutcome: z.string().nullable(),
  actions: z.array(z.string()),
  reassignQueue: z.string().nullable(),
  dueAt: z.string(),
}) satisfies z.ZodType<SlaActionJob>;

const ESCALATED: Record<Severity, Severity> = { L3: 'L2', L2: 'L1', L1: 'L1' };

/** What the goods' passing leads to under the case's plan: its refund, its replacement, or other steps. */
type GoodsOutcome = 'refund' | 'replacement' | 'plan';

/** After "taken as passed", in the plan's terms: a merchant owing a replacement is not told of a refund. */
const AFTER_PASS: Record<GoodsOutcome, LocalizedText> = {
  refund: { 'zh-CN': '并退款', 'en-US': ', and the refund paid' },
  replacement: { 'zh-CN': '，您须按方案为买家发出换新商品', 'en-US': ', and the replacement will be due from you' },
  plan: { 'zh-CN': '，并按方案执行', 'en-US': ', and the plan carried out' },
};

const OBLIGATION_WARNINGS: Record<string, (caseNo: string, due: string, goods: GoodsOutcome) => LocalizedText> = {
  approve_request: (no, due) => ({
    'zh-CN': `售后单 ${no} 尚未处理，将于 ${due} 自动同意买家申请，请及时审核。`,
    'en-US': `Case ${no} is waiting for your review; it will be approved automatically at ${due}.`,
  }),
  close_unconfirmed: (no, due) => ({
    'zh-CN': `售后单 ${no} 的处理结果已通知您。如问题已解决请确认；如仍有问题请回复或重新打开。${due} 前未回复将视为接受处理结果并自动结案。`,
    'en-US': `We told you the result of case ${no}. Confirm it if your problem is solved, or reply or reopen it if not; without an answer by ${due} the case closes with the result accepted.`,
  }),
  close_unshipped_return: (no, due) => ({
    'zh-CN': `您的售后单 ${no} 已同意退货，请在 ${due} 前寄回商品并填写退货运单号，逾期退货将自动取消。`,
    'en-US': `Your return for case ${no} was approved. Please ship the goods and enter the tracking number by ${due}, or the return is called off.`,
  }),
  confirm_receipt_and_refund: (no, due, goods) => ({
    'zh-CN': goods === 'refund'
      ? `售后单 ${no} 的退货已签收，请在 ${due} 前确认收货；逾期系统将自动确认并退款。`
      : `售后单 ${no} 的退货已签收，请在 ${due} 前确认收货；逾期系统将自动确认收货并视为验货通过${AFTER_PASS[goods]['zh-CN']}。`,
    'en-US': goods === 'refund'
      ? `The return for case ${no} was delivered. Confirm receipt by ${due}, or it will be confirmed and refunded automatically.`
      : `The return for case ${no} was delivered. Confirm receipt by ${due}, or it will be confirmed and taken as passed automatically${AFTER_PASS[goods]['en-US']}.`,
  }),
  pass_inspection_and_refund: (no, due, goods) => ({
    'zh-CN': `售后单 ${no} 的退货已确认收货，请在 ${due} 前完成验货；逾期系统将视为验货通过${AFTER_PASS[goods]['zh-CN']}。`,
    'en-US': `The return for case ${no} has arrived. Inspect it by ${due}, or it will be taken as passed automatically${AFTER_PASS[goods]['en-US']}.`,
  }),
  expire_plan: (no, due) => ({
    'zh-CN': `售后单 ${no} 的处理方案请在 ${due} 前答复（接受、拒绝或提出您的方案），逾期方案将失效。`,
    'en-US': `Please answer the plan on case ${no} by ${due} (accept it, reject it or propose your own); after that it expires.`,
  }),
  notify_result: (no, due) => ({
    'zh-CN': `售后单 ${no} 已按方案处理完毕，请在 ${due} 前告知买家处理结果；逾期系统将按已执行的方案自动告知。`,
    'en-US': `Case ${no} has been carried out: tell the customer the result by ${due}, or it will be told automatically as carried out.`,
  }),
  decide_without_evidence: (no, due) => ({
    'zh-CN': `请在 ${due} 前为售后单 ${no} 补充凭证，逾期我们将根据现有信息处理。`,
    'en-US': `Please provide the evidence for case ${no} by ${due}; after that we will decide on what we have.`,
  }),
};

export async function handleSlaAction(deps: AppDeps, payload: unknown): Promise<void> {
  const job = slaActionJobSchema.parse(payload);
  const db = deps.database.db;
  const row = await db.selectFrom('cases').selectAll().where('id', '=', job.caseId).executeTakeFirst();
  if (!row) return;
  const now = deps.clock.now();
  const due = formatLocalDateTime(new Date(job.dueAt));
  const metric = await clockLabel(db, job);
  const key = `${job.deadlineId}:${job.firing}`;

  if (job.firing === 'warning') {
    // The platform's own clock with an outcome (the result told for it) warns its handlers as any.
    if (job.autoOutcome && job.party !== 'platform') return warnParty(deps, row, job, due, now);
    return notifyOwner(db, row, job, key, now, {
      title: { 'zh-CN': `${metric['zh-CN']}即将超时`, 'en-US': `${metric['en-US']} due soon` },
      body: { 'zh-CN': `售后单 ${row.case_no}：${metric['zh-CN']}将于 ${due} 到期。`, 'en-US': `Case ${row.case_no}: ${metric['en-US']} is due at ${due}.` },
    });
  }

  const breached = {
    title: { 'zh-CN': `${metric['zh-CN']}已超时`, 'en-US': `${metric['en-US']} breached` },
    body: {
      'zh-CN': `售后单 ${row.case_no}：${metric['zh-CN']}已于 ${due} 超时${job.late ? '（系统延迟触发）' : ''}。`,
      'en-US': `Case ${row.case_no}: ${metric['en-US']} was due at ${due}${job.late ? ' (fired late)' : ''}.`,
    },
  };
  if (job.actions.includes('notify_owner')) await notifyOwner(db, row, job, `${key}:owner`, now, breached);
  if (job.actions.includes('notify_supervisor')) {
    await notify(db, { recipientRole: 'supervisor', caseId: row.id, type: 'sla_breached', ...breached, dedupeKey: `${key}:supervisor`, now });
  }
  if (job.actions.includes('escalate_severity') || job.actions.includes('reassign')) await escalate(deps, job, now);
  const apology = LATE_FOR_CUSTOMER[job.metric];
  if (apology) await tellCustomer(db, row, `${key}:customer`, now, apology(row.case_no));
  if (job.autoOutcome) await runAutoOutcome(deps, row, job);
  // ORG-3: a merchant that misses its deadline with nothing automatic to follow brings the platform in.
  else if (
    (job.party === 'merchant' && !RESPONSIVENESS_METRICS.has(job.metric as SlaMetric))
    || (job.metric === 'task_deadline' && (await taskOwner(db, job.subjectId)) === 'merchant')
  ) {
    await requestPlatformIntervention(deps, { caseId: row.id, deadlineId: job.deadlineId, metric: job.metric });
  }
}

/**
 * EX-3: a promise to the customer the platform broke is said to them, with an apology, rather
 * than left for them to notice: the plan, the refund after their goods arrived.
 */
const LATE_FOR_CUSTOMER: Partial<Record<string, (caseNo: string) => { title: LocalizedText; body: LocalizedText }>> = {
  plan_due: (no) => ({
    title: { 'zh-CN': '处理方案延迟', 'en-US': 'Your solution is late' },
    body: {
      'zh-CN': `很抱歉，售后单 ${no} 未能在承诺时间内给出处理方案。我们已督促处理，会尽快答复您。`,
      'en-US': `We are sorry: case ${no} did not get a solution by the time we promised. It has been chased and you will hear from us soon.`,
    },
  }),
  refund_after_receipt: (no) => ({
    title: { 'zh-CN': '退款或换新延迟', 'en-US': 'Your refund or replacement is late' },
    body: {
      'zh-CN': `很抱歉，售后单 ${no} 的退款或换新未能在承诺时间内完成。我们已督促处理，依法不会晚于收到退货后 7 天。`,
      'en-US': `We are sorry: the refund or replacement on case ${no} was not done by the time we promised. It has been chased, and by law it comes within 7 days of your return arriving.`,
    },
  }),
};

async function tellCustomer(db: Kysely<DB>, row: CaseRow, dedupeKey: string, now: Date, text: { title: LocalizedText; body: LocalizedText }): Promise<void> {
  const users = await db.selectFrom('users').select('id').where('customer_id', '=', row.customer_id).where('role', '=', 'customer').execute();
  await notifyMany(db, users.map((u) => ({ recipientUserId: u.id, caseId: row.id, type: 'customer_sla_late', ...text, dedupeKey: `${dedupeKey}:${u.id}`, now })));
}

/**
 * What the clock measures, as its notices name it: a task's clock names the task and the money it
 * moves ("执行任务「退款 ¥120.00」"), so its owner knows which of a case's tasks is due; a
 * collaboration reply names the department asked (SLA-7).
 */
async function clockLabel(db: Kysely<DB>, job: Pick<SlaActionJob, 'metric' | 'subjectId'>): Promise<LocalizedText> {
  const label = SLA_METRIC_LABELS[job.metric as SlaMetric] ?? { 'zh-CN': job.metric, 'en-US': job.metric };
  if (job.metric === 'collaboration_reply' && job.subjectId) {
    const request = await db.selectFrom('collaboration_requests').select('department').where('id', '=', job.subjectId).executeTakeFirst();
    if (!request) return label;
    const department = DEPARTMENT_LABELS[request.department as Department] ?? { 'zh-CN': request.department, 'en-US': request.department };
    return { 'zh-CN': `${label['zh-CN']}（${department['zh-CN']}）`, 'en-US': `${label['en-US']} (${department['en-US']})` };
  }
  const task = job.metric === 'task_deadline' && job.subjectId ? await describeTask(db, job.subjectId) : undefined;
  if (!task) return label;
  return { 'zh-CN': `${label['zh-CN']}「${task.label['zh-CN']}」`, 'en-US': `${label['en-US']} "${task.label['en-US']}"` };
}

async function taskOwner(db: Kysely<DB>, taskId: string | null): Promise<string | null> {
  if (!taskId) return null;
  const task = await db.selectFrom('execution_tasks').select('owner_role').where('id', '=', taskId).executeTakeFirst();
  return task?.owner_role ?? null;
}

async function notifyOwner(
  db: Kysely<DB>,
  row: CaseRow,
  job: SlaActionJob,
  dedupeKey: string,
  now: Date,
  text: { title: LocalizedText; body: LocalizedText },
): Promise<void> {
  // Named like the timeline events (sla_warning, sla_breached), as the supervisor's notice is.
  const base = { caseId: row.id, type: job.firing === 'breach' ? 'sla_breached' : 'sla_warning', ...text, dedupeKey, now };
  if (job.metric === 'task_deadline') {
    const owner = await taskOwner(db, job.subjectId);
    if (owner === 'merchant') return notify(db, { ...base, merchantId: row.merchant_id });
    if (owner) return notify(db, { ...base, recipientRole: owner });
  }
  if (job.metric === 'collaboration_reply' && job.subjectId) {
    // SLA-7: the department owes the answer; on a breach the asker hears of it too.
    const request = await db.selectFrom('collaboration_requests').select(['department', 'asked_by']).where('id', '=', job.subjectId).executeTakeFirst();
    if (request) {
      await notify(db, { ...base, recipientRole: 'department', department: request.department });
      if (job.firing === 'breach' && request.asked_by) await notify(db, { ...base, recipientUserId: request.asked_by, dedupeKey: `${dedupeKey}:asker` });
      return;
    }
  }
  if (row.assignee_id) return notify(db, { ...base, recipientUserId: row.assignee_id });
  // Unassigned: the people of the queue's role (routing keeps the queues); a merchant queue's
  // cases are that merchant's staff's only.
  const queue = await db.selectFrom('queues').select('role').where('key', '=', row.queue).executeTakeFirst();
  const role = queue?.role ?? 'agent';
  if (role === 'merchant') return notify(db, { ...base, merchantId: row.merchant_id });
  return notify(db, { ...base, recipientRole: role });
}

/** Obligation clocks warn the party whose move it is before the system moves for them. */
async function warnParty(deps: AppDeps, row: CaseRow, job: SlaActionJob, due: string, now: Date): Promise<void> {
  const warning = OBLIGATION_WARNINGS[job.autoOutcome ?? ''];
  if (!warning) return;
  const db = deps.database.db;
  const text = warning(row.case_no, due, await goodsOutcome(db, row.id));
  if (job.party === 'merchant') {
    await notify(db, {
      merchantId: row.merchant_id, caseId: row.id, type: 'obligation_warning',
      title: { 'zh-CN': '售后处理即将超时', 'en-US': 'After-sales deadline approaching' }, body: text,
      dedupeKey: `${job.deadlineId}:warning`, now,
    });
    return;
  }
  const customer = await db.selectFrom('customers').select('locale').where('id', '=', row.customer_id).executeTakeFirst();
  const locale = customer?.locale === 'en-US' ? 'en-US' : 'zh-CN';
  await db
    .insertInto('messages')
    .values({
      id: job.deadlineId, case_id: row.id, author_id: null, author_role: 'system', visibility: 'public',
      channel: row.channel, body: text[locale], created_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** What passing the goods leads to: the plan's open refund, else its replacement, else its other steps. */
async function goodsOutcome(db: Kysely<DB>, caseId: string): Promise<GoodsOutcome> {
  const types = new Set((await openTasks(db, caseId)).map((t) => t.type));
  return types.has('refund') ? 'refund' : types.has('ship_replacement') ? 'replacement' : 'plan';
}

/**
 * SLA-8: severity up one level and/or the case moved to another queue, once per breach. The move
 * goes through routing, as any other: the rules (or the target's queue) pick the queue, the
 * queue's people by load pick the holder, the roles and the new holder are told, an L1/L2 case
 * asks its departments (TR-3), and the previous holder hears the case left them. A case compliance
 * holds (SLA-9) is not moved: its handlers' clocks stopped there, so such a firing is left over.
 */
async function escalate(deps: AppDeps, job: SlaActionJob, now: Date): Promise<void> {
  await deps.database.db.transaction().execute((trx) =>
    runIdempotent(trx, { principal: 'system', key: `sla:${job.deadlineId}:escalate`, operation: 'sla.escalate', input: job, now }, async () => {
      const row = await trx.selectFrom('cases').selectAll().where('id', '=', job.caseId).forUpdate().executeTakeFirst();
      if (!row) return { status: 404, body: {} };
      if (heldByCompliance(row)) return { status: 200, body: {} };
      let current = row;
      const from = row.severity as Severity;
      if (job.actions.includes('escalate_severity') && ESCALATED[from] !== from) {
        const to = ESCALATED[from];
        // TR-5: priority follows severity, as at intake and on a group complaint.
        const customer = await trx.selectFrom('customers').select('tier').where('id', '=', row.customer_id).executeTakeFirst();
        const priority = priorityOf(to, row.emotion as Emotion, customer?.tier ?? null).priority;
        await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, [{
          type: 'severity_escalated',
          fromState: row.state,
          toState: row.state,
          data: { from, to, priority: { from: row.priority, to: priority }, deadlineId: job.deadlineId, metric: job.metric },
        }], now, { severity: to, priority });
        current = await trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      }
      const toQueue = job.actions.includes('reassign') && job.reassignQueue && job.reassignQueue !== row.queue ? job.reassignQueue : null;
      if (current === row && !toQueue) return { status: 200, body: {} };
      const routed = await routeCase(deps, trx, current, { reason: 'sla_escalation', now, ...(toQueue ? { queue: toQueue } : {}) });
      if (row.assignee_id && routed.assigneeId !== row.assignee_id) {
        const queue = (await cachedQueues(trx)).get(routed.queue)?.name ?? { 'zh-CN': routed.queue, 'en-US': routed.queue };
        await notify(trx, {
          recipientUserId: row.assignee_id, caseId: row.id, type: 'case_escalated_away', dedupeKey: `sla:${job.deadlineId}:escalate:${row.assignee_id}`, now,
          title: { 'zh-CN': `售后单 ${row.case_no} 已超时升级`, 'en-US': `Case ${row.case_no} was escalated` },
          body: {
            'zh-CN': `售后单 ${row.case_no} 超过处理时限，已转入队列「${queue['zh-CN']}」，不再由您负责。`,
            'en-US': `Case ${row.case_no} missed its deadline and moved to queue "${queue['en-US']}"; it is no longer yours.`,
          },
        });
      }
      return { status: 200, body: {} };
    }),
  );
}
