// TR-3: an L2 case goes to a senior specialist *with* collaboration requests to the departments
// its problem needs — supply chain for the goods, logistics for the parcel, legal for a threat to
// go to the authorities or to court, finance for money, compliance for personal data. Asked by
// the system in the transaction that made the case L2, once per department while one is open.
import type { Kysely } from 'kysely';
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

/** The departments an L2 case needs, from its category and the rules that made it L2. */
export function departmentsForL2(row: Pick<CaseRow, 'category' | 'triage'>): Department[] {
  const reasons = ((row.triage as { reasons?: { rule: string }[] } | null)?.reasons ?? []).map((r) => r.rule);
  const wanted = new Set<Department>(BY_CATEGORY[row.category ?? ''] ?? []);
  if (reasons.some((rule) => LEGAL_RULES.includes(rule))) wanted.add('legal');
  if (reasons.includes('l2.cross.counterfeit')) wanted.add('legal');
  return [...wanted];
}

const QUESTION = (row: CaseRow, department: Department) =>
  `【系统发起·L2 复杂投诉】售后单 ${row.case_no}「${row.title}」需要${DEPARTMENT_LABELS[department]['zh-CN']}协助核实并给出意见。`;

export async function askDepartmentsForL2(deps: Pick<AppDeps, 'sla'>, trx: Kysely<DB>, row: CaseRow, now: Date): Promise<CaseRow> {
  if (row.severity !== 'L2') return row;
  const open = await trx.selectFrom('collaboration_requests').select('department').where('case_id', '=', row.id).where('status', '=', 'open').execute();
  const missing = departmentsForL2(row).filter((d) => !open.some((o) => o.department === d));
  let current = row;
  for (const department of missing) {
    await openRequest(deps, trx, current, SYSTEM_ACTOR, { department, question: QUESTION(current, department), dueMinutes: null, automatic: true }, now);
    current = await trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  }
  return current;
}
