// Cross-department collaboration requests (ORG-2, SLA-7, TR-3): a case handler asks a department
// a question; the department answers within its deadline (the collaboration_reply target, 2 h,
// or minutes the asker sets); the asker or a supervisor may withdraw it. Each command is one
// transaction that locks the case (cases before requests, the order every command uses), writes
// the request, and records a case event through recordCaseEvents, so the request's clock starts,
// is met or is cancelled with it. Idempotency-Key works as for case commands.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';

type Db = Kysely<DB>;
import { conflict, forbidden, notFound } from '../../shared/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../shared/idempotency.ts';
import { DEPARTMENT_LABELS, type Department } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { noticeText } from '../privacy/pii.present.ts';
import { assertAcceptsChanges, assertCanSeeCase } from '../cases/case.access.ts';
import { recordCaseEvents } from '../cases/case.events.ts';
import { findCaseByNo } from '../cases/case.repository.ts';
import { type CaseState, isOpenState } from '../cases/case.state.ts';
import { cachedQueues } from '../routing/routing.repository.ts';
import {
  answerRequest, cancelRequest, clockDueAt, findListedRequest, findRequest, insertRequest, setDueAt,
} from './collaboration.repository.ts';
import { presentRequest, type PresentedRequest } from './collaboration.queries.ts';

const MINUTE_MS = 60_000;
/** Used only when no collaboration_reply target is active: SLA-7's 2 hours. */
const FALLBACK_REPLY_MINUTES = 120;
const REQUEST = { 'zh-CN': '协同请求', 'en-US': 'collaboration request' };
const MANAGERS = new Set(['supervisor', 'admin']);

export interface AskInput {
  department: Department;
  question: string;
  dueMinutes?: number | undefined;
}

async function presentOne(trx: Parameters<typeof findListedRequest>[0], id: string, now: Date): Promise<PresentedRequest> {
  const found = await findListedRequest(trx, id);
  if (!found) throw notFound(REQUEST, 'id');
  return presentRequest(found, now);
}

export async function askCollaboration(
  deps: AppDeps,
  actor: Actor,
  caseNo: string,
  input: AskInput,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<PresentedRequest>> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute((trx) =>
    runIdempotent(trx, { principal: actor.userId ?? 'system', key: idempotencyKey, operation: `collaboration.ask:${caseNo}`, input, now }, async () => {
      const row = assertCanSeeCase(actor, await findCaseByNo(trx, caseNo, true));
      if (!isOpenState(row.state as CaseState)) {
        throw conflict('case-not-open', { 'zh-CN': '售后单已结束，不能再发起协同请求', 'en-US': 'The case is no longer open' }, { state: row.state });
      }
      const { id, version } = await openRequest(deps, trx, row, actor, { ...input, dueMinutes: input.dueMinutes ?? null }, now);
      await deps.jobs.send(trx, 'case-event', { caseId: row.id, seq: version, type: 'collaboration_requested' });
      return { status: 201, body: await presentOne(trx, id, now) };
    }),
  );
}

/**
 * Opens one request on a case the caller holds locked: the row, the `collaboration_requested`
 * event (which starts its clock), the due time the clock gives, and the department's notice.
 */
export async function openRequest(
  deps: Pick<AppDeps, 'sla'>,
  trx: Db,
  row: CaseRow,
  actor: Actor,
  input: { department: Department; question: string; dueMinutes: number | null; automatic?: boolean },
  now: Date,
): Promise<{ id: string; version: number }> {
  const { department, question, dueMinutes } = input;
  const id = await insertRequest(trx, {
    caseId: row.id, department, question, askedBy: actor.userId, askedByRole: actor.role,
    dueMinutes, dueAt: new Date(now.getTime() + (dueMinutes ?? FALLBACK_REPLY_MINUTES) * MINUTE_MS), now,
  });
  // The severity asked at: the system asks a department again only when the case is raised further.
  const data = { requestId: id, department, question, dueMinutes, severity: row.severity, ...(input.automatic ? { automatic: true } : {}) };
  const version = await recordCaseEvents(deps, trx, row, actor, [
    { type: 'collaboration_requested', fromState: row.state, toState: row.state, data },
  ], now);
  // The clock the event started says when the answer is due: the target's time, or the asker's.
  const due = await clockDueAt(trx, id);
  if (due) await setDueAt(trx, id, due);
  const label = DEPARTMENT_LABELS[department];
  await notify(trx, {
    recipientRole: 'department', department, caseId: row.id, type: 'collaboration_requested',
    title: { 'zh-CN': `新的协同请求（${label['zh-CN']}）`, 'en-US': `New collaboration request (${label['en-US']})` },
    body: {
      'zh-CN': `售后单 ${row.case_no} 请求${label['zh-CN']}协助：${question}`,
      'en-US': `Case ${row.case_no} asks ${label['en-US']} for help: ${question}`,
    },
    dedupeKey: `collaboration:${id}:asked`, now,
  });
  return { id, version };
}

type Command = 'answer' | 'cancel';

/** Answer or cancel: the request, its case locked first, checked and changed, one event recorded. */
async function onRequest(
  deps: AppDeps,
  actor: Actor,
  id: string,
  command: Command,
  input: { answer?: string; reason?: string | undefined },
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<PresentedRequest>> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute((trx) =>
    runIdempotent(trx, { principal: actor.userId ?? 'system', key: idempotencyKey, operation: `collaboration.${command}:${id}`, input, now }, async () => {
      const seen = await findRequest(trx, id);
      // Another department's request answers like a missing one, so ids cannot be probed.
      if (!seen || (actor.role === 'department' && actor.department !== seen.department)) throw notFound(REQUEST, 'id');
      const row = await trx.selectFrom('cases').selectAll().where('id', '=', seen.case_id).forUpdate().executeTakeFirstOrThrow();
      const request = (await findRequest(trx, id, true))!;
      if (command === 'answer' && actor.role !== 'department' && !MANAGERS.has(actor.role)) throw forbidden();
      if (command === 'cancel' && request.asked_by !== actor.userId && !MANAGERS.has(actor.role)) {
        throw forbidden({ 'zh-CN': '只有发起人或主管可以撤回协同请求', 'en-US': 'Only the asker or a supervisor can cancel a collaboration request' });
      }
      if (request.status !== 'open') {
        throw conflict(
          'collaboration-not-open',
          { 'zh-CN': '该协同请求已答复或已撤回', 'en-US': 'The collaboration request was already answered or cancelled' },
          { status: request.status },
        );
      }
      const base = { requestId: id, department: request.department };
      let type: string;
      if (command === 'answer') {
        // An archived or merged case takes no new content; withdrawing the request still clears
        // the department's list.
        assertAcceptsChanges(row);
        const answer = input.answer ?? '';
        await answerRequest(trx, id, answer, actor.userId, now);
        type = 'collaboration_answered';
        // The answer goes to whoever asked and to whoever holds the case now; a request the system
        // made (an L2 case) has no asker, so with nobody holding the case its queue is told.
        const label = DEPARTMENT_LABELS[request.department as Department] ?? { 'zh-CN': request.department, 'en-US': request.department };
        const answeredNotice = {
          caseId: row.id, type, now,
          title: { 'zh-CN': `${label['zh-CN']}已答复协同请求`, 'en-US': `${label['en-US']} answered a request for help` },
          // An answer often quotes the customer (RISK-2): the case shows it as its reader may see it.
          body: { 'zh-CN': `售后单 ${row.case_no}：${noticeText(answer, row)}`, 'en-US': `Case ${row.case_no}: ${noticeText(answer, row)}` },
        };
        const people = [...new Set([request.asked_by, row.assignee_id])].filter((u): u is string => u !== null && u !== actor.userId);
        for (const person of people) await notify(trx, { ...answeredNotice, recipientUserId: person, dedupeKey: `collaboration:${id}:answered:${person}` });
        const queueRole = (await cachedQueues(trx)).get(row.queue)?.role;
        if (people.length === 0 && queueRole) {
          await notify(trx, { ...answeredNotice, recipientRole: queueRole, ...(queueRole === 'merchant' ? { merchantId: row.merchant_id } : {}), dedupeKey: `collaboration:${id}:answered` });
        }
        const version = await recordCaseEvents(deps, trx, row, actor, [
          { type, fromState: row.state, toState: row.state, data: { ...base, answer } },
        ], now);
        await deps.jobs.send(trx, 'case-event', { caseId: row.id, seq: version, type });
      } else {
        await cancelRequest(trx, id, actor.userId, now);
        type = 'collaboration_cancelled';
        const version = await recordCaseEvents(deps, trx, row, actor, [
          { type, fromState: row.state, toState: row.state, reason: input.reason ?? null, data: base },
        ], now);
        await deps.jobs.send(trx, 'case-event', { caseId: row.id, seq: version, type });
      }
      return { status: 200, body: await presentOne(trx, id, now) };
    }),
  );
}

export const answerCollaboration = (deps: AppDeps, actor: Actor, id: string, input: { answer: string }, key: string | undefined) =>
  onRequest(deps, actor, id, 'answer', input, key);

export const cancelCollaboration = (deps: AppDeps, actor: Actor, id: string, input: { reason?: string | undefined }, key: string | undefined) =>
  onRequest(deps, actor, id, 'cancel', input, key);
