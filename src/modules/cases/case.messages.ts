// Messages on a case (VER-2, CL-5): customer messages count as unanswered questions until
// staff or the merchant answer in public; internal notes are for the platform's staff only. The
// case's holder hears of a customer's message, on an ended case too (case.holder-notices.ts).
// An archived or merged case takes no message from anyone (it is a record; see acceptsChanges).
import type { AppDeps } from '../../http/deps.ts';
import { forbidden } from '../../shared/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../shared/idempotency.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { assertAcceptsChanges, assertCanWriteOnCase, assertSelfServiceChannel } from './case.access.ts';
import { assertNotPurged } from '../retention/retention.guard.ts';
import { assertMayWriteToCustomer, isExternalVoice } from './case.voice.ts';
import { readCustomerText, rerouteIfRaised } from './case.customer-text.ts';
import { findCaseByNo, insertMessage } from './case.repository.ts';
import { recordCaseEvents } from './case.events.ts';
import type { CaseEventInput } from './case.repository.ts';
import type { MessageInput } from './case.schemas.ts';
import type { CaseRow } from '../../db/schema.ts';
import { assertCompliantWording, wordingCheckedFor } from '../replies/reply.wording.ts';

export interface MessageResult {
  id: string;
  caseNo: string;
  visibility: 'public' | 'internal';
  createdAt: string;
}

export async function addMessage(
  deps: AppDeps,
  actor: Actor,
  caseNo: string,
  input: MessageInput,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<MessageResult>> {
  const now = deps.clock.now();
  // Of the collaborating departments only PR and compliance write messages, on the cases they speak for (RISK-5).
  if (actor.role === 'department' && !isExternalVoice(actor)) throw forbidden();
  assertSelfServiceChannel(actor, input.channel);
  // PR and compliance department users are platform staff for the cases they speak for (RISK-5).
  const isStaff = (STAFF_ROLES as readonly string[]).includes(actor.role) || isExternalVoice(actor);
  if (input.visibility === 'internal' && !isStaff) {
    throw forbidden({ 'zh-CN': '只有平台员工可以添加内部备注', 'en-US': 'Only platform staff can add internal notes' });
  }
  // RISK-1: a reply to the customer with forbidden wording is refused, so the writer can fix it.
  if (input.visibility === 'public' && wordingCheckedFor(actor.role)) assertCompliantWording(input.body, 'body', { 'zh-CN': '回复', 'en-US': 'reply' });
  return deps.database.db.transaction().execute((trx) =>
    runIdempotent(trx, { principal: actor.userId ?? 'system', key: idempotencyKey, operation: `case.message:${caseNo}`, input, now }, async () => {
      const row = assertCanWriteOnCase(actor, await findCaseByNo(trx, caseNo, true));
      assertNotPurged(row);
      assertAcceptsChanges(row);
      if (input.visibility === 'public') assertMayWriteToCustomer(actor, row);
      const id = await insertMessage(trx, { caseId: row.id, actor, visibility: input.visibility, channel: input.channel, body: input.body, now });
      const unanswered =
        input.visibility === 'internal'
          ? row.unanswered_customer_messages
          : actor.role === 'customer'
            ? row.unanswered_customer_messages + 1
            : 0;
      const events: CaseEventInput[] = [
        { type: input.visibility === 'internal' ? 'internal_note_added' : 'message_added', fromState: row.state, toState: row.state, data: { messageId: id, channel: input.channel } },
      ];
      const changes: Partial<CaseRow> = { unanswered_customer_messages: unanswered };
      // TR-2, RISK-5: what the customer writes later can raise the case or put it under one voice.
      if (actor.role === 'customer') {
        const read = await readCustomerText(trx, row, input.body, input.channel, now, { messageId: id });
        Object.assign(changes, read.changes);
        events.push(...read.events);
      }
      let version = await recordCaseEvents(deps, trx, row, actor, events, now, changes);
      version = await rerouteIfRaised(deps, trx, row, changes, version);
      await deps.jobs.send(trx, 'case-event', { caseId: row.id, seq: version, type: 'message_added' });
      return { status: 201, body: { id, caseNo: row.case_no, visibility: input.visibility, createdAt: now.toISOString() } };
    }),
  );
}
