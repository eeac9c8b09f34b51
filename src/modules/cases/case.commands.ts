// Commands of the case lifecycle (IN, VER, RES, EX, CL). Pure types and labels; the rules live in
// case.state.ts.
import type { Channel, LocalizedText } from '../../shared/vocabulary.ts';

export type CaseCommand =
  | { type: 'acknowledge' }
  | { type: 'start_investigation' }
  | { type: 'request_evidence'; question: string }
  | { type: 'provide_evidence' }
  | { type: 'reject_ineligible'; reason: string }
  /** Review passed (EX-1): the customer's own request becomes the accepted plan. */
  | { type: 'approve_request'; offerId: string; returnRequired: boolean; openTasks: number }
  | { type: 'propose_plan'; offerId: string; needsApproval: boolean }
  /** `accepts`: the plan is a customer's counter-offer a handler accepted above the approval limit (RES-3): approving it accepts it. */
  | { type: 'approve_plan'; accepts?: { returnRequired: boolean; openTasks: number } }
  | { type: 'decline_plan_approval'; reason: string }
  | { type: 'accept_plan'; returnRequired: boolean; openTasks: number }
  | { type: 'reject_plan'; reason: string }
  | { type: 'counter_offer'; offerId: string; reason: string }
  /** needsApproval: above the approval limit, the acceptance waits on a supervisor (RES-3). */
  | { type: 'accept_counter_offer'; returnRequired: boolean; openTasks: number; needsApproval?: boolean }
  | { type: 'ship_return'; trackingNo: string; carrier: string }
  | { type: 'receive_return' }
  /** openTasks: execution tasks opened by a passed inspection (refund, replacement…). */
  | { type: 'inspect'; passed: boolean; reason: string; photoCount: number; openTasks: number }
  | { type: 'complete_task'; taskId: string; remainingOpenTasks: number }
  | { type: 'notify_result'; channel: Channel }
  | { type: 'confirm_resolution'; rating?: number }
  | { type: 'close' }
  | { type: 'reopen'; reason: string }
  /** 平台介入 after the merchant refused the request (ORG-3): the platform takes the refused case up. */
  | { type: 'appeal'; reason: string }
  | { type: 'withdraw'; reason?: string }
  | { type: 'merge_into'; targetCaseId: string }
  | { type: 'archive' }
  | { type: 'escalate_to_compliance'; reason: string }
  /** The customer did not ship the return in time (SLA obligation clock): the request lapses, with notice. */
  | { type: 'lapse_return' }
  /** The customer did not answer an evidence request in time: staff decide on what they have. */
  | { type: 'lapse_evidence_request' }
  /** The customer did not answer a plan within its answer window: it expires, and staff take the case up again. */
  | { type: 'lapse_plan' };

export type CaseCommandType = CaseCommand['type'];

/** What each command does, as a verb phrase (used in messages and on buttons). */
export const CASE_COMMAND_LABELS: Record<CaseCommandType, LocalizedText> = {
  acknowledge: { 'zh-CN': '受理售后单', 'en-US': 'acknowledge the case' },
  start_investigation: { 'zh-CN': '开始调查', 'en-US': 'start the investigation' },
  request_evidence: { 'zh-CN': '请客户补充凭证', 'en-US': 'ask the customer for evidence' },
  provide_evidence: { 'zh-CN': '补充凭证', 'en-US': 'provide evidence' },
  reject_ineligible: { 'zh-CN': '驳回申请', 'en-US': 'reject the request' },
  approve_request: { 'zh-CN': '同意申请', 'en-US': 'approve the request' },
  propose_plan: { 'zh-CN': '提出协商方案', 'en-US': 'propose a plan' },
  approve_plan: { 'zh-CN': '审批通过方案', 'en-US': 'approve the plan' },
  decline_plan_approval: { 'zh-CN': '驳回方案审批', 'en-US': 'decline the plan' },
  accept_plan: { 'zh-CN': '接受方案', 'en-US': 'accept the plan' },
  reject_plan: { 'zh-CN': '拒绝方案', 'en-US': 'reject the plan' },
  counter_offer: { 'zh-CN': '提出还价方案', 'en-US': 'make a counter-offer' },
  accept_counter_offer: { 'zh-CN': '接受客户还价', 'en-US': "accept the customer's counter-offer" },
  ship_return: { 'zh-CN': '寄回商品', 'en-US': 'ship the goods back' },
  receive_return: { 'zh-CN': '确认收到退货', 'en-US': 'receive the returned goods' },
  inspect: { 'zh-CN': '登记质检结果', 'en-US': 'record the inspection' },
  complete_task: { 'zh-CN': '完成执行任务', 'en-US': 'complete a task' },
  notify_result: { 'zh-CN': '告知客户处理结果', 'en-US': 'notify the customer of the result' },
  confirm_resolution: { 'zh-CN': '确认问题已解决', 'en-US': 'confirm the resolution' },
  close: { 'zh-CN': '关闭售后单', 'en-US': 'close the case' },
  reopen: { 'zh-CN': '重新打开售后单', 'en-US': 'reopen the case' },
  appeal: { 'zh-CN': '申请平台介入', 'en-US': 'ask the platform to intervene' },
  withdraw: { 'zh-CN': '撤销申请', 'en-US': 'withdraw the request' },
  merge_into: { 'zh-CN': '合并到其他售后单', 'en-US': 'merge into another case' },
  archive: { 'zh-CN': '归档', 'en-US': 'archive the case' },
  escalate_to_compliance: { 'zh-CN': '升级至合规评估', 'en-US': 'escalate to compliance' },
  lapse_return: { 'zh-CN': '因超时未寄回关闭申请', 'en-US': 'close the request as the return was not shipped in time' },
  lapse_evidence_request: { 'zh-CN': '结束超时的补充凭证请求', 'en-US': 'end an unanswered evidence request' },
  lapse_plan: { 'zh-CN': '使超时未答复的方案失效', 'en-US': 'let an unanswered plan expire' },
};

/** Every command type, in lifecycle order (the Record above guarantees none is missing). */
export const CASE_COMMAND_TYPES = Object.keys(CASE_COMMAND_LABELS) as readonly CaseCommandType[];
