// 案件处理文字：分级分类及其依据与人工调整、回复编辑（推荐回复、话术检查）、分派、群体性投诉，以及处理记录中
// 分级与分派事件的说法。键与 casework.en-US.ts 相同（由 Shape 类型检查）。
import type { caseworkEnUS } from './casework.en-US.ts';
import type { Shape } from './shape.ts';

export const caseworkZhCN: Shape<typeof caseworkEnUS> = {
  triage: {
    title: '分类与分级', category: '投诉分类', severity: '投诉级别', emotion: '情绪', priority: '优先级', kind: '建议类型',
    confidence: '把握 {{pct}}%', none: '此售后单没有分级记录。', why: '依据', matched: '命中',
    override: '人工调整', overrideTitle: '人工调整分类与分级', overrideHint: '只改需要纠正的项，其余不变；原因会记入处理记录。',
    keep: '不变（当前：{{value}}）', reason: '调整原因', reasonRequired: '请填写调整原因',
    nothingChanged: '请至少选择一项新的值', done: '分类与分级已调整',
    escalated: '{{time}} 升级为{{to}}', slaEscalated: '时效「{{metric}}」超时',
    overridden: '人工调整', overriddenAt: '{{time}} 人工调整：{{reason}}', source: { classifier: '自动判断', override: '人工调整' },
  },
  triageCategory: {
    product_quality: '商品质量', not_as_described: '描述不符', logistics: '物流服务', payment: '支付问题',
    return_process: '退换货流程', service_attitude: '服务态度', process_error: '流程失误',
    privacy: '个人信息保护', other: '其他',
  },
  emotion: { normal: '普通诉求', high: '高情绪诉求' },
  priority: { P1: 'P1 立即处理', P2: 'P2 优先处理', P3: 'P3 尽快处理', P4: 'P4 常规处理' },
  reply: {
    public: '回复客户', internal: '内部备注', internalHint: '内部备注仅员工可见。',
    placeholder: '输入回复…', notePlaceholder: '输入内部备注…',
    suggestions: '推荐回复', suggestionsHint: '按与本单的匹配程度排序，已填入本单信息；点击即可放入回复框。',
    insert: '使用', noSuggestions: '没有适合此售后单的模板。', missing: '需自行补充：{{names}}', language: '模板语言',
    customerLanguage: '客户语言', zhTemplates: '中文', enTemplates: '英文', match: { exact: '完全匹配', partial: '部分匹配', generic: '通用' },
    flagsTitle: '不合规表述', flag: '「{{phrase}}」→「{{alternative}}」', replace: '替换', replaced: '已替换为合规表述',
    checking: '正在检查话术…', checkFailed: '话术检查暂不可用：{{detail}}',
    refusedTitle: '含不合规表述，不能发送', refusedText: '回复中仍有：{{phrases}}。请替换为合规表述后再发送。', refusedOk: '去修改',
    inserted: '已放入推荐回复',
  },
  routing: {
    queue: '队列', assignee: '处理人', unassigned: '未分配', assignTitle: '指派或转队列', takeTitle: '认领售后单',
    takeText: '认领后由您负责，计入您的在办数量。', queueField: '队列', agentField: '处理人',
    agentPlaceholder: '不指定：留在队列中', agentLoad: '在办 {{open}}/{{cap}}', unavailable: '不可接单', atCap: '已满', senior: '资深',
    noAgents: '没有处理此队列的处理人档案', note: '备注（仅员工可见）', done: '已指派', taken: '已认领',
    agentsFailed: '无法加载处理人：{{detail}}',
  },
  incidents: {
    nav: '群体投诉', title: '群体性投诉', subtitle: '同一商品（或商家）在时间窗口内有 5 位及以上客户反映同一问题：合并为一个事件，所有售后单升为一级投诉。',
    status: '状态', statuses: { open: '处理中', resolved: '已解决' }, all: '全部', incidentNo: '事件编号', scope: '范围',
    scopes: { product: '商品', merchant: '商家' }, subject: '商品 / 商家', category: '问题', customers: '客户数', cases: '售后单',
    openedAt: '发现时间', resolvedAt: '解决时间', empty: '暂无群体性投诉。', emptyFiltered: '没有此状态的事件。',
    notFound: '事件不存在。', back: '全部事件', summary: '概述', window: '{{hours}} 小时内 {{threshold}} 位客户',
    detectedBy: '判定规则', merchant: '商家', product: '商品', casesTitle: '涉及的售后单', founding: '首批',
    joinedAt: '并入时间', resolve: '标记已解决', resolveTitle: '解决事件 {{incidentNo}}', resolveNote: '处理情况',
    resolveNoteRequired: '请填写处理情况', resolvedMessage: '事件已标记为解决', resolutionNote: '处理结果',
    banner: '此售后单属于群体性投诉 {{incidentNo}}（{{status}}）。', open: '查看事件',
    forbiddenText: '群体性投诉列表仅供售后主管、合规专员和管理员使用。',
  },
  linkType: { related: '相关', duplicate: '重复申请', merged: '已合并到' },
  casework: {
    event: {
      triage_overridden: '人工调整分级', triage_raised: '客户留言提升分级', case_routed: '分派',
      case_assigned: '指派', case_unassigned: '释放', incident_joined: '并入群体性投诉', platform_intervention: '平台介入', parcel_trouble: '包裹物流异常',
      collaboration_requested: '发起跨部门协同', collaboration_answered: '协同部门已答复', collaboration_cancelled: '取消协同',
    },
    detail: {
      change: '{{field}}：{{from}} → {{to}}', rule: '规则 {{rule}}', routedTo: '分派到{{queue}}', assignedTo: '指派给他人', took: '本人认领',
      queueMove: '队列 {{from}} → {{to}}', note: '备注：{{note}}', incident: '群体性投诉 {{incidentNo}}',
      excessiveGoodwill: '超额补偿：补偿合计 {{goodwill}}，超过上限 {{limit}}（商品价值 {{value}} 的 {{multiple}} 倍），由提出人以外的主管审批',
      trigger: {
        intake: '受理时', severity_changed: '级别变化后', appeal: '客户申请平台介入', merchant_missed_deadline: '商家逾期未处理',
        manual: '员工重新分派', assignee_deactivated: '原处理人账号已停用', assignee_role_changed: '原处理人的角色已变更', queue_closed: '原队列已停用', sla_escalation: '时限超时升级',
      },
    },
    links: { duplicateHint: '重复申请与合并的售后单列在此处。' },
  },
};
