// Follow-ups driven by case events, run by the job queue after the command committed.
// Handlers are idempotent: a retried job finds its work already done and does nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { queueCustomerEmail } from '../email/email.outbox.ts';
import { checkCaseForIncident, type IncidentDeps } from '../incidents/incident.service.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { noticeCustomer } from './case.customer-notices.ts';

export const caseEventJobSchema = z.object({ caseId: z.string().uuid(), seq: z.number().int(), type: z.string() });

/** A stable id per (case, purpose), so a retried job cannot send the same notice twice. */
function noticeId(caseId: string, purpose: string): string {
  const hex = createHash('sha256').update(`${caseId}:${purpose}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The receipt names who answers by when (IN-5): the platform's plan clock, or the merchant's
 * review clock when the merchant holds the case (its silence grants the request).
 */
const RECEIPT = {
  'zh-CN': (caseNo: string, by: By) =>
    by.who === 'merchant'
      ? `您的售后申请 ${caseNo} 已收到，已转商家处理。商家将在 ${by.at} 前处理；逾期未处理的，系统将自动同意您的申请。进度可在「我的售后」中随时查看。`
      : `您的售后申请 ${caseNo} 已收到。我们会尽快核实，并在 ${by.at} 前给出处理方案，进度可在「我的售后」中随时查看。`,
  'en-US': (caseNo: string, by: By) =>
    by.who === 'merchant'
      ? `We have received your request ${caseNo} and passed it to the merchant, who will handle it by ${by.at} (China time); if they do not, your request is approved automatically. You can follow it under "My cases".`
      : `We have received your request ${caseNo}. We will check it and propose a solution by ${by.at} (China time); you can follow its progress under "My cases".`,
};
type By = { who: 'merchant' | 'platform'; at: string };

/** The running clock that says when the customer hears back; 24 h from now if none runs. */
async function answerBy(db: Kysely<DB>, caseId: string, now: Date): Promise<By> {
  const clock = await db
    .selectFrom('case_deadlines')
    .select(['metric', 'due_at'])
    .where('case_id', '=', caseId)
    .where('metric', 'in', ['plan_due', 'merchant_review'])
    .where('status', '=', 'running')
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  const due = clock?.due_at ?? new Date(now.getTime() + 24 * 3_600_000);
  return { who: clock?.metric === 'merchant_review' ? 'merchant' : 'platform', at: formatLocalDateTime(due) };
}

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
      body: RECEIPT[locale](row.case_no, await answerBy(db, row.id, clock.now())),
      created_at: clock.now(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await queueCustomerEmail(db, receiptId, clock.now());
  if (incidents) await checkCaseForIncident(incidents, row.id);
}
