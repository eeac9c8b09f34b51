// TR-3: an L2 case goes to a senior specialist *with* collaboration requests to the departments
// its problem needs — supply chain for the goods, logistics for the parcel, legal for a threat to
// go to the authorities or to court, finance for money, compliance for personal data. Asked by
// the system in the transaction that made the case L2, once per department while one is open.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { DEPARTMENT_LABELS, type Department } from '../../shared/vocabulary.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { recordCaseEvents } from '../cases/case.events.ts';
import { clockDueAt, insertRequest, setDueAt } from './collaboration.repository.ts';

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
    const id = await insertRequest(trx, {
      caseId: row.id, department, question: QUESTION(row, department), askedBy: null, askedByRole: 'system',
      dueMinutes: null, dueAt: new Date(now.getTime() + 2 * 3_600_000), now,
    });
    await recordCaseEvents(deps, trx, current, SYSTEM_ACTOR, [
      { type: 'collaboration_requested', fromState: row.state, toState: row.state, data: { requestId: id, department, question: QUESTION(row, department), dueMinutes: null, automatic: true } },
    ], now);
    const due = await clockDueAt(trx, id);
    if (due) await setDueAt(trx, id, due);
    const label = DEPARTMENT_LABELS[department];
    await notify(trx, {
      recipientRole: 'department', department, caseId: row.id, type: 'collaboration_requested',
      title: { 'zh-CN': `新的协同请求（${label['zh-CN']}）`, 'en-US': `New collaboration request (${label['en-US']})` },
      body: { 'zh-CN': QUESTION(row, department), 'en-US': `Case ${row.case_no} (L2) needs ${label['en-US']} to check it and give an opinion.` },
      dedupeKey: `collaboration:${id}:asked`, now,
    });
    current = await trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  }
  return current;
}
