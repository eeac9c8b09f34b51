// Everyday words on a case: acknowledgements, follow-ups, internal notes, result notices and
// the customer's feedback.
import type { PlanSpec } from './variant.types.ts';
import { yuan } from './variant.types.ts';
import type { Random } from './random.ts';

export const ACKNOWLEDGEMENTS = [
  '您好，您的售后申请已受理，我们会在 24 小时内核实并给出处理方案，请保持电话畅通。',
  '您好，已收到您的反馈，非常抱歉给您带来不便，我们正在加急核实，稍后给您答复。',
  '亲，您的问题已登记，专员会尽快跟进处理，处理进度可在「我的售后」中查看。',
];

export const CUSTOMER_FOLLOW_UPS = [
  '请问现在处理到哪一步了？',
  '麻烦尽快处理一下，谢谢。',
  '已经等了一天了，什么时候能有结果？',
  '想确认一下退货地址是不是售后单里的那个？',
  '好的，我等你们的消息。',
];

export const STAFF_REPLIES = [
  '您好，已为您加急处理，预计今天内给您答复，请耐心等待。',
  '您好，您的售后单正在处理中，有进展会第一时间通知您。',
  '亲，已帮您催促相关同事，请留意短信和站内消息。',
];

export const INTERNAL_NOTES = [
  '已调取出库视频，发货时商品完好，配件齐全。',
  '已与商家电话沟通，商家同意承担往返运费。',
  '客户为高价值会员，注意安抚情绪，优先处理。',
  '承运商反馈该批次转运中心分拣异常，已要求提供书面说明。',
  '已核对聊天记录，客户诉求合理，按政策处理。',
];

export const WITHDRAW_REASONS = [
  '已经和商家协商解决了，撤销申请。',
  '东西找到了，是家人代收放起来了，不需要处理了。',
  '想了想还是留着用吧，撤销售后。',
  '不小心重复提交了，撤销这一单。',
];

export const CONFIRM_COMMENTS: readonly (readonly [number, string])[] = [
  [5, '处理很快，客服很耐心，满意！'],
  [5, '问题解决了，谢谢。'],
  [4, '整体满意，就是退货物流慢了点。'],
  [4, '客服态度不错，处理结果可以接受。'],
  [3, '结果还行，但中间等待时间有点长。'],
];

export const CLOSE_NOTES = ['已电话回访，客户表示无其他问题，关闭售后单。', '客户确认收到处理结果，超过 3 天未再反馈，按流程关闭。'];

export const ARCHIVE_NOTES = ['处理完毕，资料齐全，归档留存。', '超过重新打开期限，按规定归档（保存不少于 3 年）。'];

export const REOPEN_REASONS = ['换回来的新品还是有同样的问题，问题没有解决。', '退款金额和说好的不一致，少退了一部分。'];

export const CUSTOMER_NAMES_FOR_SIGNING = ['本人', '家门口', '快递柜', '菜鸟驿站', '物业前台', '同事代收'];

export function notifyText(plan: PlanSpec, rng: Random): string {
  const t = plan.terms;
  const parts: string[] = [];
  if ((t.refundFen ?? 0) > 0) parts.push(`退款 ${yuan(t.refundFen ?? 0)} 已原路退回，预计 1-3 个工作日到账`);
  if ((t.fraudCompensationFen ?? 0) > 0) parts.push(`三倍赔偿 ${yuan(t.fraudCompensationFen ?? 0)} 已打款至您的账户`);
  if (t.replacement) parts.push('新品已发出，可在售后单中查看物流单号');
  if (t.reshipParts) parts.push('补发的配件已寄出，请留意查收');
  if (t.repair) parts.push('商品已维修完成并寄回，维修报告已上传');
  if ((t.couponFen ?? 0) > 0) parts.push(`${yuan(t.couponFen ?? 0)} 优惠券已发放至您的账户`);
  if ((t.cashFen ?? 0) > 0) parts.push(`${yuan(t.cashFen ?? 0)} 赔偿款已转账`);
  if ((t.pointsAwarded ?? 0) > 0) parts.push(`${t.pointsAwarded} 积分已到账`);
  if (parts.length === 0) parts.push('您咨询的问题已解答，详见上方回复');
  const closing = rng.pick(['如有其他问题，欢迎随时联系我们。', '感谢您的耐心，祝您生活愉快！', '请确认问题是否已解决，期待您的评价。']);
  return `您好，您的售后已处理完成：${parts.join('；')}。${closing}`;
}
