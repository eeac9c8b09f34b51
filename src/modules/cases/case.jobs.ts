// Follow-ups driven by case events, run by the job queue after the command committed.
// Handlers are idempotent: a retried job finds its work already done and does nothing.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
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
 * The receipt names who answers by when (IN-5): the merchant while it holds the case (its silence
 * grants a request it can grant as filed), else the platform; with no clock running (the case was
 * answered before the receipt went out) it promises no time.
 */
const RECEIPT = {
  'zh-CN': (caseNo: string, by: By) => {
    const head = `您的售后申请 ${caseNo} 已收到`;
    const tail = '进度可在「我的售后」中随时查看。';
    switch (by.who) {
      case 'merchant_review': return `${head}，已转商家处理。商家将在 ${by.at} 前处理；逾期未处理的，系统将自动同意您的申请。${tail}`;
      case 'merchant': return `${head}，已转商家处理。商家将在 ${by.at} 前给出处理方案；逾期未处理的，平台将介入。${tail}`;
      case 'platform': return `${head}。我们会尽快核实，并在 ${by.at} 前给出处理方案，${tail}`;
      case 'progress': return `${head}。您反映的问题需要多方核实，${by.contact ? `专人将在 ${by.contact} 前与您联系，并` : '我们会'}在 ${by.at} 前向您反馈处理进展，之后定期告知。${tail}`;
      default: return `${head}，${tail}`;
    }
  },
  'en-US': (caseNo: string, by: By) => {
    const head = `We have received your request ${caseNo}`;
    const tail = 'You can follow it under "My after-sales".';
    switch (by.who) {
      case 'merchant_review': return `${head} and passed it to the merchant, who will handle it by ${by.at} (China time); if they do not, your request is approved automatically. ${tail}`;
      case 'merchant': return `${head} and passed it to the merchant, who will propose a solution by ${by.at} (China time); if they do not, the platform steps in. ${tail}`;
      case 'platform': return `${head}. We will check it and propose a solution by ${by.at} (China time). ${tail}`;
      case 'progress': return `${head}. It needs checking with several teams: ${by.contact ? `someone will contact you by ${by.contact} and ` : 'we will '}tell you how it is going by ${by.at} (China time), and regularly after that. ${tail}`;
      default: return `${head}. ${tail}`;
    }
  },
};
/** `contact`: for a complex complaint, when someone first gets back to the customer (hours, not days: SLA-5). */
type By = { who: 'merchant_review' | 'merchant' | 'platform' | 'progress' | 'none'; at: string; contact?: string };

/** The clocks that measure the first contact with the customer. */
const FIRST_CONTACT = ['first_response', 'follow_up', 'acknowledgement'];

/** The running clock that says when the customer hears back, and whose it is. */
async function answerBy(db: Kysely<DB>, caseId: string): Promise<By> {
  const clock = await db
    .selectFrom('case_deadlines')
    .select(['metric', 'party', 'due_at'])
    .where('case_id', '=', caseId)
    .where('metric', 'in', ['plan_due', 'merchant_review', 'staged_feedback'])
    .where('status', '=', 'running')
    // A plan promised wins over progress reports (SLA-6: only a complex case has those alone).
    .orderBy(sql`metric = 'staged_feedback'`)
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  if (!clock) return { who: 'none', at: '' };
  const who = clock.metric === 'staged_feedback' ? 'progress' : clock.metric === 'merchant_review' ? 'merchant_review' : clock.party === 'merchant' ? 'merchant' : 'platform';
  if (who !== 'progress') return { who, at: formatLocalDateTime(clock.due_at) };
  const contact = await db
    .selectFrom('case_deadlines')
    .select('due_at')
    .where('case_id', '=', caseId)
    .where('metric', 'in', FIRST_CONTACT)
    .where('status', '=', 'running')
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  return { who, at: formatLocalDateTime(clock.due_at), ...(contact ? { contact: formatLocalDateTime(contact.due_at) } : {}) };
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
      body: RECEIPT[locale](row.case_no, await answerBy(db, row.id)),
      created_at: clock.now(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await queueCustomerEmail(db, receiptId, clock.now());
  if (incidents) await checkCaseForIncident(incidents, row.id);
}
