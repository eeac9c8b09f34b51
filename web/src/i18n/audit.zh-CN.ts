// 审计与个人信息文字：审计页面、客户信息卡及查看完整信息。键与 audit.en-US.ts 相同（由 Shape 类型检查）。
import type { auditEnUS } from './audit.en-US.ts';
import type { Shape } from './shape.ts';

export const auditZhCN: Shape<typeof auditEnUS> = {
  audit: {
    nav: '审计日志', title: '审计日志',
    subtitle: '登录、被拒绝的请求、售后单状态变更和个人信息查看记录。记录不可修改或删除，每条都封存在哈希链上。',
    forbiddenText: '此页面仅供合规人员和管理员使用。',
    from: '开始时间', to: '结束时间', actorUserId: '用户 ID', actorRole: '角色', action: '操作前缀', actionPlaceholder: '例如 pii. 或 auth.sign_in',
    subjectType: '对象类型', subjectId: '对象 ID', outcome: '结果', search: '查询',
    actionColumn: '操作', at: '时间', actor: '操作人', subject: '对象', ip: '来源地址', seal: '链校验', detail: '详情', requestId: '请求编号', position: '封存 #{{n}}',
    anonymous: '匿名', empty: '暂无审计记录。', emptyFiltered: '没有符合筛选条件的审计记录。',
    export: '导出', exportCsv: 'CSV', exportJsonl: 'JSON Lines', exportFailed: '导出失败：{{detail}}', first: '最新',
    outcomes: { ok: '成功', denied: '已拒绝', failed: '失败' },
    seals: { verified: '已校验', pending: '待封存', broken: '被篡改' },
    sealHelp: {
      verified: '封存哈希与记录一致，并与上一条封存相连。',
      pending: '几秒内封存到哈希链上。',
      broken: '记录或其封存在封存后被改动，请运行 verify-audit。',
    },
  },
  customerCard: {
    title: '客户信息', history: '售后历史', historySummary: '订单 {{orders}} 笔 · 近 90 天售后 {{cases}} 次', name: '姓名', tier: '会员等级', phone: '手机号', email: '邮箱', address: '地址', idNumber: '身份证号',
    bankCard: '退款银行卡', masked: '已脱敏', reveal: '查看完整', revealTitle: '查看完整{{field}}',
    revealIntro: '完整信息仅向您显示一次，本次查看及原因将记入审计日志。',
    reason: '查看原因', reasonPlaceholder: '请说明查看用途，例如：核实身份信息', reasonRequired: '请填写查看原因',
    revealed: '已显示完整信息 · 已记入审计日志', hide: '隐藏', none: '—', notFound: '无法显示客户信息。',
    tiers: { regular: '普通会员', silver: '银卡会员', gold: '金卡会员', platinum: '铂金会员' },
  },
};
