// 工单列表的更多筛选与视图文字。键与 workspace.en-US.ts 相同（由 Shape 类型检查）。
import type { workspaceEnUS } from './workspace.en-US.ts';
import type { Shape } from './shape.ts';

export const workspaceZhCN: Shape<typeof workspaceEnUS> = {
  workspace: {
    category: '问题分类',
    priority: '优先级',
    emotion: '情绪',
    assignee: '处理人',
    openState: '处理状态',
    sort: '排序',
    assigneeValue: { me: '我负责的', unassigned: '未分配' },
    openValue: { true: '处理中', false: '已结束' },
    sortValue: { newest: '最新创建', oldest: '最早创建', urgent: '最紧急时效优先', priority: '优先级最高优先' },
    views: '视图',
    builtIn: {
      all: '全部',
      mine: '我的待办',
      unassigned: '未分配',
      breached: '已超时',
      urgent: '一级紧急',
      approvals: '待审批',
      complianceReview: '合规复核',
      toHandle: '待我处理',
    },
    saveView: '保存为视图',
    viewName: '视图名称',
    viewNamePlaceholder: '例如：一级投诉，最紧急优先',
    saved: '视图已保存',
    deleteView: '删除视图“{{name}}”？',
    deleted: '视图已删除',
  },
  shortcuts: {
    title: '键盘快捷键',
    key: '按键',
    does: '作用',
    help: '显示本列表',
    next: '列表中的下一条',
    previous: '列表中的上一条',
    open: '打开选中的售后单',
    search: '搜索',
    reply: '撰写回复',
    action: '执行第 n 个可执行操作',
    back: '返回售后单列表',
  },
};
