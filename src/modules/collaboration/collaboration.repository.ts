// The SQL of collaboration requests (ORG-2): one row per question a case handler asks a
// department, with its deadline and answer. A request's clock lives in case_deadlines (metric
// collaboration_reply, subject = the request); the SLA engine reconciles it from these rows.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CollaborationRequestRow } from '../../db/schema.collab.ts';

type Db = Kysely<DB>;

export const COLLABORATION_STATUSES = ['open', 'answered', 'cancelled'] as const;
export type CollaborationStatus = (typeof COLLABORATION_STATUSES)[number];

export async function insertRequest(
  db: Db,
  r: { caseId: string; department: string; question: string; askedBy: string | null; askedByRole: string; dueMinutes: number | null; dueAt: Date; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('collaboration_requests')
    .values({
      case_id: r.caseId,
      department: r.department,
      question: r.question,
      asked_by: r.askedBy,
      asked_by_role: r.askedByRole,
      asked_at: r.now,
      due_minutes: r.dueMinutes,
      due_at: r.dueAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findRequest(db: Db, id: string, forUpdate = false): Promise<CollaborationRequestRow | undefined> {
  const query = db.selectFrom('collaboration_requests').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function answerRequest(db: Db, id: string, answer: string, userId: string | null, now: Date): Promise<void> {
  await db
    .updateTable('collaboration_requests')
    .set({ status: 'answered', answer, answered_by: userId, answered_at: now })
    .where('id', '=', id)
    .execute();
}

export async function cancelRequest(db: Db, id: string, userId: string | null, now: Date): Promise<void> {
  await db
    .updateTable('collaboration_requests')
    .set({ status: 'cancelled', cancelled_by: userId, cancelled_at: now })
    .where('id', '=', id)
    .execute();
}

/** Cancels the case's unanswered requests (the case has ended); returns their ids. */
/**
 * Withdraws the case's open requests; with systemAsked, only those the system asked on its own
 * (asked_by null): a case lowered out of L1/L2 no longer needs the departments its severity
 * called in, while requests a person asked stay.
 */
export async function withdrawOpenRequests(db: Db, caseId: string, now: Date, options: { systemAsked?: boolean } = {}): Promise<string[]> {
  let update = db
    .updateTable('collaboration_requests')
    .set({ status: 'cancelled', cancelled_by: null, cancelled_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open');
  if (options.systemAsked) update = update.where('asked_by', 'is', null);
  const rows = await update.returning('id').execute();
  return rows.map((r) => r.id);
}

/** The request's due time as its running clock has it (the target's, or the asker's); null without a clock. */
export async function clockDueAt(db: Db, id: string): Promise<Date | null> {
  const row = await db
    .selectFrom('case_deadlines')
    .select('due_at')
    .where('metric', '=', 'collaboration_reply')
    .where('subject_id', '=', id)
    .where('status', 'in', ['running', 'paused'])
    .executeTakeFirst();
  return row?.due_at ?? null;
}

export async function setDueAt(db: Db, id: string, dueAt: Date): Promise<void> {
  await db.updateTable('collaboration_requests').set({ due_at: dueAt }).where('id', '=', id).execute();
}

export interface RequestFilter {
  id?: string;
  caseId?: string;
  department?: string;
  status?: CollaborationStatus;
  /** Only open requests past their due time. */
  lateAt?: Date;
  limit: number;
  offset: number;
}

/** Requests with their case, asker, answerer and running clock; open ones first, the most urgent first. */
export function requestQuery(db: Db, filter: Omit<RequestFilter, 'limit' | 'offset'>) {
  let q = db
    .selectFrom('collaboration_requests as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .leftJoin('users as asker', 'asker.id', 'r.asked_by')
    .leftJoin('users as answerer', 'answerer.id', 'r.answered_by')
    .leftJoin('case_deadlines as d', (join) =>
      join.onRef('d.subject_id', '=', 'r.id').on('d.metric', '=', 'collaboration_reply').on('d.status', 'in', ['running', 'paused']),
    );
  if (filter.id) q = q.where('r.id', '=', filter.id);
  if (filter.caseId) q = q.where('r.case_id', '=', filter.caseId);
  if (filter.department) q = q.where('r.department', '=', filter.department);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.lateAt) {
    const at = filter.lateAt;
    q = q
      .where('r.status', '=', 'open')
      .where((eb) => eb.or([eb(eb.fn.coalesce('d.due_at', 'r.due_at'), '<=', at), eb('d.breached_at', 'is not', null)]));
  }
  return q;
}

function listed(db: Db, filter: Omit<RequestFilter, 'limit' | 'offset'>) {
  return requestQuery(db, filter)
    .selectAll('r')
    .select([
      'c.case_no', 'c.state as case_state', 'asker.display_name as asker_name', 'answerer.display_name as answerer_name',
      'd.due_at as clock_due_at', 'd.breached_at as clock_breached_at', 'd.status as clock_status',
      // Whether the reply clock ever breached, the ended one included: an answer after it is late.
      (eb) => eb.exists(eb.selectFrom('case_deadlines as b').select('b.id').whereRef('b.subject_id', '=', 'r.id')
        .where('b.metric', '=', 'collaboration_reply').where('b.breached_at', 'is not', null)).as('ever_breached'),
    ]);
}
export type ListedRequest = Awaited<ReturnType<ReturnType<typeof listed>['execute']>>[number];

export async function listRequests(db: Db, filter: RequestFilter, withTotal = true): Promise<{ rows: ListedRequest[]; total: number }> {
  const page = listed(db, filter)
    .orderBy((eb) => eb.case().when('r.status', '=', 'open').then(0).else(1).end())
    .orderBy('r.due_at')
    .orderBy('r.asked_at', 'desc')
    .orderBy('r.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  if (!withTotal) {
    const rows = await page;
    return { rows, total: rows.length };
  }
  const [rows, count] = await Promise.all([
    page,
    requestQuery(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findListedRequest(db: Db, id: string): Promise<ListedRequest | undefined> {
  return listed(db, { id }).executeTakeFirst();
}
