// 自助服务文字：帮助中心、提交申请前推荐的答案、发货前修改收货地址。键与 kb.en-US.ts 相同（由 Shape 类型检查）。
import type { kbEnUS } from './kb.en-US.ts';
import type { Shape } from './shape.ts';

export const kbZhCN: Shape<typeof kbEnUS> = {
  kb: {
    nav: '帮助中心', title: '帮助中心', subtitle: '常见售后问题解答：退换货、退款、物流、支付等。',
    searchPlaceholder: '输入您的问题，例如：退货运费谁出？', allCategories: '全部分类',
    empty: '暂无文章。', noResults: '没有找到与“{{q}}”相关的答案，请换个说法，或在订单中申请售后。',
    results: '共 {{count}} 条答案', readMore: '查看全文', backToList: '返回帮助中心', updatedAt: '更新于 {{time}}',
    notFound: '文章不存在或已下线。', signIn: '登录', console: '返回工作台', consoleShort: '工作台', myOrders: '我的订单',
    category: {
      return_process: '退换货', logistics: '物流配送', payment: '支付与退款', product_quality: '质量与保修',
      not_as_described: '描述不符', process_error: '少件错发', service_attitude: '投诉建议', privacy: '隐私与安全', other: '其他',
    },
    suggest: {
      title: '这些答案也许能解决您的问题', subtitle: '根据您填写的问题描述推荐，提交前可以先看看。',
      loading: '正在查找相关答案…', solved: '这解决了我的问题', notSolved: '没有解决，继续申请', open: '查看完整答案',
      solvedTitle: '很高兴问题已解决', solvedText: '本次未提交售后申请。如果问题再次出现，可以随时在订单中重新申请。',
      backToOrder: '返回订单', dismissed: '感谢反馈，请继续填写下方申请。',
    },
  },
  address: {
    title: '收货地址', none: '订单没有收货地址。', change: '修改收货地址',
    locked: '订单已发货，不能再在此修改地址。', history: '地址修改记录',
    recipientName: '收货人', phone: '手机号', phoneInvalid: '请填写 11 位大陆手机号（13–19 开头）',
    province: '省份', city: '城市', district: '区县', detail: '详细地址', postalCode: '邮编', postalCodeInvalid: '邮编为 6 位数字',
    reason: '修改原因（代客户修改时必填）', reasonRequired: '请填写原因', saved: '收货地址已修改',
    unchanged: '与当前收货地址相同，无需修改', changedBy: '{{time}} · {{role}}', from: '原地址', to: '新地址',
  },
};
