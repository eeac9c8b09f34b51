// 用户管理与跨部门协同的中文文字。键与 users.en-US.ts 相同（由 Shape 类型检查）。
import type { Shape } from './shape.ts';
import type { usersEnUS } from './users.en-US.ts';

export const usersZhCN: Shape<typeof usersEnUS> = {
  usersNav: { users: '用户', collaborations: '协同请求' },
  dept: { supply_chain: '供应链', logistics: '物流', finance: '财务', legal: '法务', pr: '公关', compliance: '合规' },
  users: {
    title: '用户管理', subtitle: '创建员工、协同部门与商家客服账号，调整角色或停用账号。',
    forbidden: '此页面仅供管理员使用。', create: '新建用户', search: '邮箱或姓名', role: '角色', department: '部门',
    merchant: '商家', status: '状态', active: '启用中', deactivated: '已停用', allRoles: '全部角色',
    allDepartments: '全部部门', allStatuses: '全部状态', name: '姓名', email: '邮箱', scope: '所属部门/商家',
    openCases: '在办售后单', createdAt: '创建时间', actions: '操作', edit: '编辑', deactivate: '停用', reactivate: '启用',
    you: '（我）', empty: '暂无用户', emptyFiltered: '没有符合筛选条件的用户',
    createTitle: '新建用户', editTitle: '编辑 {{name}}', displayName: '显示名称', password: '初始密码',
    passwordHint: '至少 8 位；请告知用户并提醒其妥善保管。', locale: '界面语言',
    merchantSearch: '输入商家名称搜索', required: '必填', emailInvalid: '邮箱格式不正确',
    passwordShort: '至少 8 位', save: '保存', created: '已创建用户 {{name}}', saved: '已保存修改',
    deactivateTitle: '停用 {{name}}？', deactivateText: '停用后该用户无法登录，已登录的设备立即失效；其未结售后单重新分派给可接单的同事。',
    openCasesWarning: '该用户仍有 {{count}} 张在办售后单，停用后请由主管改派。',
    deactivatedDone: '已停用 {{name}}', reactivatedDone: '已启用 {{name}}，用户需用密码重新登录。',
    ownAccount: '不能停用自己的账号，也不能取消自己的管理员角色。',
  },
  collab: {
    title: '协同请求', departmentTitle: '{{department}} · 协同请求',
    departmentSubtitle: '售后团队请本部门协助核实的问题。请在截止时间前答复，逾期的请求标红显示。',
    staffSubtitle: '各部门收到的协同请求及答复情况。', tabOpen: '待答复', tabLate: '已逾期', tabAnswered: '已答复',
    caseNo: '售后单', question: '问题', department: '部门', askedBy: '发起人', askedAt: '发起时间', due: '截止时间', status: '状态',
    answer: '答复', answerLine: '答复：{{answer}}', late: '已逾期', system: '系统（L2 自动发起）', allDepartments: '全部部门',
    emptyOpen: '暂无待答复的请求，新的请求会显示在这里。', emptyLate: '没有逾期的请求。', emptyAnswered: '暂无已答复的请求。',
    answerButton: '答复', answerTitle: '答复售后单 {{caseNo}} 的协同请求', answerLabel: '答复内容',
    answerPlaceholder: '核实结果是什么？有什么处理建议？', answerRequired: '请填写答复内容', answeredDone: '答复已发送',
    openCase: '查看售后单', caseHidden: '答复后本部门不再能查看该售后单。',
    cardTitle: '部门协同', cardEmpty: '尚未请求其他部门协助。', ask: '请部门协助', askTitle: '请部门协助',
    askDepartment: '部门', askQuestion: '问题', askQuestionPlaceholder: '需要该部门核实或提供什么？',
    askDue: '答复期限', dueDefault: '默认（2 小时）', dueMinutesOption: '{{n}} 分钟', dueHoursOption: '{{n}} 小时',
    askSent: '已发送给{{department}}', withdraw: '撤回', withdrawConfirm: '撤回这条协同请求？', withdrawn: '已撤回协同请求',
    answeredBy: '{{name}} · {{time}} 答复', askedByLine: '{{name}} · {{time}}',
    state: { open: '待答复', answered: '已答复', cancelled: '已撤回' },
  },
};
