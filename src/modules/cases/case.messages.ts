// Messages on a case (VER-2, CL-5): customer messages count as unanswered questions until
// staff or the merchant answer in public; internal notes are for the platform's staff only.
import type { AppDeps } from '../../http/deps.ts';
import { forbidden } from '../../shared/errors.ts';
import { type IdempotentResult, runIdempotent } from '../../shared/idempotency.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { assertCanSeeCase } from './case.access.ts';
import { findCaseByNo, insertMessage } from './case.repository.ts';
import { recordCaseEvents } from './case.events.ts';
import type { MessageInput } from './case.schemas.ts';

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
  const isStaff = (STAFF_ROLES as readonly string[]).includes(actor.role);
  if (input.visibility === 'internal' && !isStaff) {
    throw forbidden({ 'zh-CN': '只有平台员工可以添加内部备注', 'en-US': 'Only platform staff can add internal notes' });
  }
  return deps.database.db.transaction().execute((trx) =>
    runIdempotent(trx, { principal: actor.userId ?? 'system', key: idempotencyKey, operation: `case.message:${caseNo}`, input, now }, async () => {
      const row = assertCanSeeCase(actor, await findCaseByNo(trx, caseNo, true));
      const id = await insertMessage(trx, { caseId: row.id, actor, visibility: input.visibility, channel: input.channel, body: input.body, now });
      const unanswered =
        input.visibility === 'internal'
          ? row.unanswered_customer_messages
          : actor.role === 'customer'
            ? row.unanswered_customer_messages + 1
            : 0;
      const version = await recordCaseEvents(
        deps,
        trx,
        row,
        actor,
        [{ type: input.visibility === 'internal' ? 'internal_note_added' : 'message_added', fromState: row.state, toState: row.state, data: { messageId: id, channel: input.channel } }],
        now,
        { unanswered_customer_messages: unanswered },
      );
      await deps.jobs.send(trx, 'case-event', { caseId: row.id, seq: version, type: 'message_added' });
      return { status: 201, body: { id, caseNo: row.case_no, visibility: input.visibility, createdAt: now.toISOString() } };
    }),
  );
}
