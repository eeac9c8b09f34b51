// 保存期限、法律保全与统一对外口径（CL-6、RISK-5）。键与 retention.en-US.ts 相同（由 Shape 类型检查）。
import type { retentionEnUS } from './retention.en-US.ts';
import type { Shape } from './shape.ts';

export const retentionZhCN: Shape<typeof retentionEnUS> = {
  retention: {
    media: '媒体/监管介入',
    mediaHelp: '对外沟通统一由公关组和合规组负责；其他人员可添加内部备注。',
    legalHold: '法律保全',
    legalHoldHelp: '保全期间不会删除。原因：{{reason}}',
    keepUntil: '保存至 {{date}}',
    purged: '已过保存期限，个人数据已删除',
    placeHold: '法律保全',
    releaseHold: '解除法律保全',
    holdReason: '原因（记入处理记录和审计日志）',
    holdReasonRequired: '请填写原因',
  },
  retentionEvents: {
    media_flagged: '标记媒体/监管介入',
    media_unflagged: '解除媒体/监管标记',
    legal_hold_placed: '法律保全',
    legal_hold_released: '解除法律保全',
    case_purged: '保存期满，删除个人数据',
  },
};
