// Read side of collaboration requests: a department's worklist, the platform's overview, and
// the requests on one case. A request unanswered past its due time, or answered after it, shows as
// late (SLA-7).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DEPARTMENT_LABELS, type Department, STAFF_ROLES } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { type CollaborationStatus, type ListedRequest, listRequests } from './collaboration.repository.ts';

const STAFF = new Set<string>(STAFF_ROLES);

export function presentRequest(r: ListedRequest, now: Date) {
  const open = r.status === 'open';
  // The running clock is the truth while there is one (a target change moves it); else the row.
  const dueAt = r.clock_due_at ?? r.due_at;
  const breached = r.clock_breached_at !== null || Boolean(r.ever_breached);
  return {
    id: r.id,
    caseId: r.case_id,
    caseNo: r.case_no,
    caseState: r.case_state,
    department: r.department,
    departmentLabel: DEPARTMENT_LABELS[r.department as Department] ?? { 'zh-CN': r.department, 'en-US': r.department },
    question: r.question,
    askedBy: { userId: r.asked_by, role: r.asked_by_role, displayName: r.asker_name },
    askedAt: r.asked_at.toISOString(),
    dueMinutes: r.due_minutes,
    dueAt: dueAt.toISOString(),
    status: r.status as CollaborationStatus,
    answer: r.answer,
    answeredBy: r.answered_by ? { userId: r.answered_by, displayName: r.answerer_name } : null,
    answeredAt: r.answered_at?.toISOString() ?? null,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    /** Unanswered past its due time, or answered after it (SLA-7: the late answer stays late). */
    late: open
      ? breached || dueAt.getTime() <= now.getTime()
      : r.status === 'answered' && (breached || (r.answered_at !== null && r.answered_at.getTime() > dueAt.getTime())),
    /** Time left until due (negative once overdue); null once answered or cancelled. */
    remainingMs: open ? (r.clock_status === 'paused' ? null : dueAt.getTime() - now.getTime()) : null,
    paused: r.clock_status === 'paused',
  };
}
export type PresentedRequest = ReturnType<typeof presentRequest>;

export interface ListQuery {
  department?: Department;
  status?: CollaborationStatus;
  late?: boolean;
  caseNo?: string;
  limit: number;
  offset: number;
}

/** Department users see their department's requests, staff all of them. */
export async function listCollaborations(db: Kysely<DB>, actor: Actor, query: ListQuery, now: Date) {
  const own = actor.role === 'department' ? (actor.department ?? '-') : null;
  if (own !== null && query.department && query.department !== own) return { items: [], total: 0, limit: query.limit, offset: query.offset, hasMore: false };
  let caseId: string | undefined;
  if (query.caseNo) {
    const c = await db.selectFrom('cases').select('id').where('case_no', '=', query.caseNo).executeTakeFirst();
    if (!c) return { items: [], total: 0, limit: query.limit, offset: query.offset, hasMore: false };
    caseId = c.id;
  }
  const { rows, total } = await listRequests(db, {
    department: own ?? query.department,
    ...(query.status ? { status: query.status } : {}),
    ...(query.late ? { lateAt: now } : {}),
    ...(caseId ? { caseId } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  return {
    items: rows.map((r) => presentRequest(r, now)),
    total,
    limit: query.limit,
    offset: query.offset,
    hasMore: query.offset + rows.length < total,
  };
}

/**
 * The requests on one case for its detail: all of them for staff, a department's own for its
 * users, none (undefined) for customers and merchants, who never learn of them.
 */
export async function collaborationsForCase(db: Kysely<DB>, actor: Actor, caseId: string, now: Date): Promise<PresentedRequest[] | undefined> {
  const department = actor.role === 'department' ? (actor.department ?? '-') : undefined;
  if (department === undefined && !STAFF.has(actor.role)) return undefined;
  const { rows } = await listRequests(db, { caseId, ...(department ? { department } : {}), limit: 200, offset: 0 }, false);
  return rows.map((r) => presentRequest(r, now));
}
