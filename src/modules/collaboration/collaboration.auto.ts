// TR-3: an L2 case goes to a senior specialist *with* collaboration requests to the departments
// its problem needs — supply chain for the goods, logistics for the parcel, legal for a threat to
// go to the authorities or to court, finance for money, compliance for personal data. An L1 case
// (S4: 立即升级…启动应急预案，2小时内召开跨部门会议) asks them at once too, with legal for a
// safety incident and PR with legal where media or a regulator is involved. Asked by the system in
// the transaction that made the case L1 or L2, once per department and severity.
import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { DEPARTMENT_LABELS, type Department } from '../../shared/vocabulary.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { openRequest } from './collaboration.actions.ts';

const BY_CATEGORY: Record<string, Department[]> = {
  product_quality: ['supply_chain'],
  not_as_described: ['supply_chain'],
  process_error: ['supply_chain'],
  logistics: ['logistics'],
  payment: ['finance'],
  privacy: ['compliance'],
};
const LEGAL_RULES = ['l2.threat.authority', 'l2.threat.legal'];

/** Whether the case's severity has the system ask departments at once (TR-3). */
export function asksDepartments(severity: string): boolean {
  return severity === 'L1' || severity === 'L2';
}

/** The departments an L1 or L2 case needs, from its category and the rules that graded it. */
export function departmentsForEscalated(row: Pick<CaseRow, 'category' | 'triage'> & Partial<Pick<CaseRow, 'severity'>>): Department[] {
  const reasons = ((row.triage as { reasons?: { rule: string }[] } | null)?.reasons ?? []).map((r) => r.rule);
  const wanted = new Set<Department>(BY_CATEGORY[row.category ?? ''] ?? []);
  if (reasons.some((rule) => LEGAL_RULES.includes(rule))) wanted.add('legal');
  if (reasons.includes('l2.cross.counterfeit')) wanted.add('legal');
  if (reasons.includes('l2.cross.privacy')) wanted.add('compliance');
  if (row.severity === 'L1') {
    if (reasons.some((rule) => rule.startsWith('l1.safety.'))) {
      wanted.add('supply_chain');
      wanted.add('legal');
    }
    if (reasons.includes('l1.authority.involved')) {
      wanted.add('pr');
      wanted.add('legal');
    }
  }
  return [...wanted];
}

const QUESTION = (row: CaseRow, department: Department) =>
  row.severity === 'L1'
    ? `【系统发起·一级紧急投诉】售后单 ${row.case_no}「${row.title}」已启动应急处理，需要${DEPARTMENT_LABELS[department]['zh-CN']}在 2 小时内协助核实并给出意见。`
    : `【系统发起·L2 复杂投诉】售后单 ${row.case_no}「${row.title}」需要${DEPARTMENT_LABELS[department]['zh-CN']}协助核实并给出意见。`;

/**
 * The departments already asked about this case: any with a request still open, and any asked
 * (answered, open or called off) while the case had this severity. Re-routing the case or raising
 * it again to the same level asks nobody twice; a raise to L1 asks again, for the emergency.
 * Requests recorded before the severity was kept with them count as asked at any severity.
 */
async function alreadyAsked(trx: Kysely<DB>, row: CaseRow): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('collaboration_requests as r')
    .select('r.department')
    .where('r.case_id', '=', row.id)
    .where((eb) => eb.or([
      eb('r.status', '=', 'open'),
      eb.exists(eb.selectFrom('case_events as e').select('e.id')
        .whereRef('e.case_id', '=', 'r.case_id')
        .where('e.type', '=', 'collaboration_requested')
        .where(sql<boolean>`e.data->>'requestId' = r.id::text and coalesce(e.data->>'severity', ${row.severity}) = ${row.severity}`)),
    ]))
    .execute();
  return new Set(rows.map((r) => r.department));
}

export async function askDepartmentsForEscalated(deps: Pick<AppDeps, 'sla'>, trx: Kysely<DB>, row: CaseRow, now: Date): Promise<CaseRow> {
  if (!asksDepartments(row.severity)) return row;
  const asked = await alreadyAsked(trx, row);
  const missing = departmentsForEscalated(row).filter((d) => !asked.has(d));
  let current = row;
  for (const department of missing) {
    await openRequest(deps, trx, current, SYSTEM_ACTOR, { department, question: QUESTION(current, department), dueMinutes: null, automatic: true }, now);
    current = await trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  }
  return current;
}
