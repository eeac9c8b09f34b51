// 看板文字。键与 dashboard.en-US.ts 相同（由 Shape 类型检查）。
import type { dashboardEnUS } from './dashboard.en-US.ts';
import type { Shape } from './shape.ts';

export const dashboardZhCN: Shape<typeof dashboardEnUS> = {
  dashboard: {
    nav: '看板',
    title: '售后看板',
    subtitle: '待处理积压与群体投诉为当前数据；其余数字统计所选时段内提交的工单。',
    period: { '7': '近 7 天', '30': '近 30 天', '90': '近 90 天' },
    openCases: '待处理工单',
    slaMet: 'SLA 达成率',
    openBreaches: '未结的超时时钟',
    satisfaction: '满意度',
    ratings: '{{count}} 条评价',
    noRatings: '暂无评价',
    openIncidents: '进行中的群体投诉',
    backlog: '待处理积压（按状态与等级）',
    intake: '每日新增工单',
    categories: '问题分类排行',
    ratingsChart: '评分分布',
    stars: '{{n}} 星',
    met: '达成',
    breached: '超时',
    incidents: '进行中的群体投诉',
    incidentNo: '事件编号',
    scope: '范围',
    category: '分类',
    customers: '涉及客户',
    openedAt: '发起时间',
    scopeValue: { product: '同一商品', merchant: '同一商家' },
    noIncidents: '当前没有群体投诉。',
    empty: '该时段没有数据。',
    escalations: '升级队列',
  },
};
