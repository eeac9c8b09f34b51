// Collaboration requests on the demo's open cases (ORG-2, SLA-7): an agent asks a department a
// question through the API at a time after the case's last step; some departments answered within
// their two hours, some requests are still open (one of them long past due, so it shows late).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type CaseState, isOpenState } from '../../modules/cases/case.state.ts';
import type { ManualClock } from '../../shared/clock.ts';
import type { Department } from '../../shared/vocabulary.ts';
import type { CaseRef, DemoApi } from './api.ts';

const MINUTE = 60_000;
/** Where a case is still being looked into, most fitting first; other open states come after. */
const INQUIRY_STATES = ['investigating', 'acknowledged', 'awaiting_customer', 'plan_pending_approval', 'plan_proposed', 'compliance_review', 'submitted'];

interface Scene {
  department: Department;
  question: string;
  /** Minutes before the seed's "now" when the agent asked. */
  askedMinutesAgo: number;
  dueMinutes?: number;
  /** Minutes after asking when the department answered; absent: still open. */
  answer?: { afterMinutes: number; text: string };
}

const SCENES: readonly Scene[] = [
  {
    department: 'logistics',
    question: '客户称包裹显示已签收但本人未收到，请调取签收底单并联系派送员核实投递位置。',
    askedMinutesAgo: 26 * 60,
    answer: { afterMinutes: 55, text: '已调取签收底单：系快递柜代签（丰巢 3 号格），派送员已电话告知客户取件码，客户确认已取到。' },
  },
  {
    department: 'supply_chain',
    question: '客户反馈收到即有划痕，请核实该批次商品的出厂质检记录，判断是否为生产问题。',
    askedMinutesAgo: 20 * 60,
    answer: { afterMinutes: 70, text: '该批次出厂抽检合格率 99.2%，划痕位置与外箱挤压痕一致，判定为运输途中造成，建议按物流破损处理，由承运商承担。' },
  },
  {
    department: 'legal',
    question: '客户表示若今天不解决将向 12315 投诉并起诉，请评估拟定的补偿方案是否存在法律风险。',
    askedMinutesAgo: 9 * 60,
    answer: { afterMinutes: 90, text: '方案不低于《消费者权益保护法》第二十四条的退货义务，补偿属自愿让利，无额外法律风险；沟通中请避免承诺“赔偿”字样。' },
  },
  {
    department: 'pr',
    question: '客户已在微博发布维权帖（转发 2000+），请评估舆情并给出对外回应口径。',
    askedMinutesAgo: 25,
  },
  {
    department: 'finance',
    question: '客户称同一订单被扣款两次，请核实支付流水是否重复扣款，并确认退款原路径。',
    askedMinutesAgo: 50,
    dueMinutes: 240,
  },
  {
    department: 'logistics',
    question: '运单已三天无轨迹更新，请联系承运商核实包裹是否丢失，并确认理赔流程。',
    askedMinutesAgo: 7 * 60,
  },
  {
    department: 'compliance',
    question: '客户要求删除其手机号与收货地址等个人信息，请确认处理流程及需保留的记录。',
    askedMinutesAgo: 80,
  },
];

export interface CollaborationDeps {
  api: DemoApi;
  db: Kysely<DB>;
  clock: ManualClock;
  now: Date;
  agentToken: string;
  departmentTokens: Map<Department, string>;
}

/** Plays the scenes on open cases; returns how many requests were asked and answered. */
export async function playCollaborations(d: CollaborationDeps, cases: readonly CaseRef[]): Promise<{ asked: number; answered: number }> {
  const open = cases.filter((c) => isOpenState(c.state as CaseState));
  if (open.length === 0) return { asked: 0, answered: 0 };
  const rows = await d.db.selectFrom('cases').select(['id', 'updated_at', 'state']).where('id', 'in', open.map((c) => c.id)).execute();
  const lastStep = new Map(rows.map((r) => [r.id, r.updated_at.getTime()]));
  // Cases still being looked into first: that is when a handler needs another department's facts.
  const rank = (state: string) => {
    const at = INQUIRY_STATES.indexOf(state);
    return at === -1 ? INQUIRY_STATES.length : at;
  };
  const candidates = [...open].sort((a, b) => rank(a.state) - rank(b.state));
  const used = new Set<string>();
  let asked = 0;
  let answered = 0;
  for (const scene of SCENES) {
    const askAt = d.now.getTime() - scene.askedMinutesAgo * MINUTE;
    const target = candidates.find((c) => !used.has(c.id) && (lastStep.get(c.id) ?? Infinity) < askAt - 5 * MINUTE);
    if (!target) continue;
    used.add(target.id);
    d.clock.set(new Date(askAt));
    const body = { department: scene.department, question: scene.question, ...(scene.dueMinutes ? { dueMinutes: scene.dueMinutes } : {}) };
    const request = (await d.api.request(d.agentToken, 'POST', `/api/v1/cases/${target.caseNo}/collaborations`, body)) as { id: string };
    asked += 1;
    if (!scene.answer) continue;
    const answerAt = Math.min(askAt + scene.answer.afterMinutes * MINUTE, d.now.getTime() - MINUTE);
    d.clock.set(new Date(answerAt));
    const token = d.departmentTokens.get(scene.department);
    if (!token) throw new Error(`demo seed: no account for department ${scene.department}`);
    await d.api.request(token, 'POST', `/api/v1/collaborations/${request.id}/answer`, { answer: scene.answer.text });
    answered += 1;
  }
  return { asked, answered };
}
