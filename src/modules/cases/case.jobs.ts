// Follow-ups driven by case events, run by the job queue after the command committed.
// Handlers are idempotent: a retried job finds its work already done and does nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { queueCustomerEmail } from '../email/email.outbox.ts';
import { checkCaseForIncident, type IncidentDeps } from '../incidents/incident.service.ts';
import { noticeCustomer } from './case.customer-notices.ts';

export const caseEventJobSchema = z.object({ caseId: z.string().uuid(), seq: z.number().int(), type: z.string() });

/** A stable id per (case, purpose), so a retried job cannot send the same notice twice. */
function noticeId(caseId: string, purpose: string): string {
  const hex = createHash('sha256').update(`${caseId}:${purpose}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const RECEIPT = {
  'zh-CN': (caseNo: string) => `您的售后申请 ${caseNo} 已收到。我们会尽快核实并在 24 小时内给出处理方案，进度可在「我的售后」中随时查看。`,
  'en-US': (caseNo: string) => `We have received your request ${caseNo}. We will check it and propose a solution within 24 hours; you can follow its progress under "My cases".`,
};

/**
 * IN-5: the customer hears "received, what happens next, by when" through the original channel.
 * With `incidents`, a submitted case is then checked for a group complaint (TR-6).
 */
export async function handleCaseEvent(db: Kysely<DB>, clock: Clock, payload: unknown, incidents?: IncidentDeps): Promise<void> {
  const job = caseEventJobSchema.parse(payload);
  if (job.type !== 'case_submitted') return noticeCustomer(db, job.caseId, job.seq, clock.now());
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['c.id', 'c.case_no', 'c.channel', 'cu.locale'])
    .where('c.id', '=', job.caseId)
    .executeTakeFirst();
  if (!row) return;
  const locale = row.locale === 'en-US' ? 'en-US' : 'zh-CN';
  const receiptId = noticeId(row.id, 'receipt');
  await db
    .insertInto('messages')
    .values({
      id: receiptId,
      case_id: row.id,
      author_id: null,
      author_role: 'system',
      visibility: 'public',
      channel: row.channel,
      body: RECEIPT[locale](row.case_no),
      created_at: clock.now(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await queueCustomerEmail(db, receiptId, clock.now());
  if (incidents) await checkCaseForIncident(incidents, row.id);
}
