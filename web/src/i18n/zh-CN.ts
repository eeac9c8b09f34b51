// 中文界面文字。键与 en-US.ts 相同（由 Shape 类型检查）。
import type { uiEnUS } from './en-US.ts';
import type { Shape } from './shape.ts';
import { vocabZhCN } from './zh-CN.vocab.ts';
import { dashboardZhCN } from './dashboard.zh-CN.ts';
import { liveZhCN } from './live.zh-CN.ts';
import { workspaceZhCN } from './workspace.zh-CN.ts';
import { policyZhCN } from './policy.zh-CN.ts';
import { kbZhCN } from './kb.zh-CN.ts';
import { caseworkZhCN } from './casework.zh-CN.ts';
import { accountZhCN } from './account.zh-CN.ts';
import { adminZhCN } from './admin.zh-CN.ts';
import { usersZhCN } from './users.zh-CN.ts';
import { auditZhCN } from './audit.zh-CN.ts';
import { retentionZhCN } from './retention.zh-CN.ts';

const uiZhCN: Shape<typeof uiEnUS> = {
  app: { name: 'Afterdesk', tagline: '售后服务台' },
  common: {
    loading: '加载中…', retry: '重试', submit: '提交', cancel: '取消', confirm: '确定', search: '搜索',
    resetFilters: '清除筛选', yes: '是', no: '否', back: '返回', previous: '上一页', next: '下一页',
    page: '第 {{page}} 页', total: '共 {{count}} 条', download: '下载', all: '全部', remove: '删除',
  },
  nav: { cases: '售后单', myCases: '我的售后', orders: '订单', myOrders: '我的订单', signOut: '退出登录', language: '语言', escalations: '升级队列' },
  signIn: {
    title: '登录', subtitle: '电商售后服务与客诉处理平台', email: '邮箱', password: '密码', submit: '登录',
    emailRequired: '请输入邮箱', emailInvalid: '邮箱格式不正确', passwordRequired: '请输入密码',
    expired: '登录已失效，请重新登录。',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试。', http: '服务器返回状态 {{status}}。',
    reference: '错误编号：{{id}}', crashTitle: '页面出错了',
    crashText: '此页面无法显示，请刷新重试。', reload: '刷新',
    notFoundTitle: '页面不存在', notFoundText: '此地址没有内容。', home: '返回首页',
    forbiddenTitle: '无权访问', forbiddenText: '此页面仅供售后主管和管理员使用。',
  },
  stage: { review: '审核', return_shipment: '寄回商品', inspection: '质检', refund_or_replacement: '退款/换新', resolution: '方案执行', done: '完成' },
  cases: {
    title: '售后单', myTitle: '我的售后申请', state: '状态', kind: '类型', severity: '级别',
    search: '售后单号、标题或描述', empty: '暂无售后单', emptyFiltered: '没有符合筛选条件的售后单',
    caseNo: '售后单号', caseTitle: '标题', createdAt: '创建时间', untitled: '（无标题）', yourMove: '待您处理',
    sla: '时效', slaState: '时效状态', channel: '渠道', queue: '队列', slaNone: '无进行中的时效',
  },
  sla: {
    title: '处理时效（SLA）', myTitle: '办理时限', due: '截止 {{time}}', left: '剩余 {{time}}', overdue: '超时 {{time}}',
    overdueShort: '已超时', paused: '已暂停', pausedLeft: '已暂停 · 剩余 {{time}}', met: '已完成', metLate: '已完成 · 超时',
    cancelled: '已取消', warningHint: '已过预警点', workingTime: '按工作时间计',
    ifMissed: '逾期：{{outcome}}', metAt: '{{time}} 完成', breachedAt: '{{time}} 起超时', lateFired: '延迟发现', metricDue: '{{label}}（截止 {{time}}）',
    missed: '{{label}}：已超过期限（{{due}}）',
    ask: {
      customer_ship_return: '请在 {{due}} 前寄回商品', customer_evidence: '请在 {{due}} 前补充凭证',
      merchant_review: '请在 {{due}} 前审核申请', merchant_confirm_receipt: '请在 {{due}} 前确认收到退货',
      merchant_inspection: '请在 {{due}} 前完成退货验货', plan_answer: '请在 {{due}} 前答复处理方案',
      customer_confirmation: '请在 {{due}} 前确认处理结果，或回复您的问题',
      result_notice: '请在 {{due}} 前告知客户处理结果',
      other: '请在 {{due}} 前完成“{{label}}”',
    },
    consequence: {
      close_unshipped_return: '逾期未寄回，退货将自动取消。',
      close_unconfirmed: '逾期未回复，视为接受处理结果，售后单将自动结案。',
      decide_without_evidence: '逾期未补充，将按现有信息处理。',
      approve_request: '逾期未审核，系统将自动同意申请。',
      confirm_receipt_and_refund: '逾期未确认，系统将自动确认收货并退款。',
      pass_inspection_and_refund: '逾期未验货，系统将视为验货通过并退款。',
      confirm_receipt_and_refund_replacement: '逾期未确认，系统将自动确认收货并视为验货通过，您须按方案发出换新商品。',
      confirm_receipt_and_refund_plan: '逾期未确认，系统将自动确认收货并视为验货通过，并按方案执行。',
      pass_inspection_and_refund_replacement: '逾期未验货，系统将视为验货通过，您须按方案发出换新商品。',
      pass_inspection_and_refund_plan: '逾期未验货，系统将视为验货通过，并按方案执行。',
      expire_plan: '逾期未答复，方案将失效，客服会重新跟进。',
      notify_result: '逾期未告知，系统将按已执行的方案自动告知客户处理结果。',
    },
  },
  notifications: {
    title: '通知', open: '通知（{{count}} 条未读）', empty: '暂无未读通知', caseLink: '售后单 {{caseNo}}',
  },
  escalations: {
    title: '升级队列', subtitle: '有超时未完成的时效、一级/二级投诉，或已转到专员组、主管队列的进行中售后单。',
    caseNo: '售后单号', caseTitle: '标题', severity: '级别', queue: '队列', state: '状态', breaches: '超时项',
    latestBreach: '超时时间', noBreach: '因级别或队列升级', empty: '暂无需要升级处理的售后单。', pausedClock: '（已暂停）',
  },
  compliance: {
    title: '时效达成', subtitle: '近 30 天创建的售后单，按渠道统计各时效的达成率；低于 {{threshold}} 即为未达标。',
    group: '渠道', cases: '售后单', firstResponse: '首次响应（分钟）', median: '中位数', p90: 'P90', breaches: '超时次数',
    missed: '未达标：', none: '无', empty: '此期间没有新建的售后单。', shareTitle: '{{total}} 项中达成 {{met}} 项',
  },
  case: {
    notFound: '售后单不存在，或您无权查看。', description: '问题描述', desiredResolution: '期望处理方式',
    reason: '申请原因', channel: '渠道', createdAt: '创建时间', updatedAt: '更新时间', responsibility: '判责', progress: '处理进度',
    items: '售后商品', noItems: '此售后单不涉及具体商品。', order: '订单 {{orderNo}} · 下单 {{placedAt}} · 订单金额 {{total}}', viewOrder: '查看订单', itemName: '商品', category: '类目', quantity: '数量', paid: '实付', ofOrderLine: '订单行 {{quantity}} 件共 {{total}}',
    eligibility: '政策校验', eligible: '符合政策', notEligible: '不符合政策', deadline: '截止时间',
    returnShipping: '退货运费承担方', refundWithin: '收到退货后 {{days}} {{unit}}内退款',
    reopened: '已重新处理（第 {{n}} 次）', otherPayments: '其他款项（补偿、赔偿、运费）',
    replaceWithin: '收到退货后 {{days}} {{unit}}内发出换新商品', refundOrReplaceWithin: '收到退货后 {{days}} {{unit}}内退款或发出换新商品',
    timeline: '处理记录', noEvents: '暂无记录。',
    messages: '沟通记录', noMessages: '暂无留言。', internal: '内部',
    numbersMasked: '证件/卡号/手机号已脱敏', revealText: '查看客户填写的完整内容',
    composerPlaceholder: '输入留言…', send: '发送', internalToggle: '内部备注（仅员工可见）',
    sent: '留言已发送', messageRequired: '请先输入留言',
    offers: '协商方案', noOffers: '尚未提出方案。', revision: '方案 #{{n}}', proposer: '提出方',
    basis: '依据', goodwillReason: '超出政策的理由', expiresAt: '答复期限', answerReason: '客户答复', terms: '方案内容', noTerms: '无金额或商品条款',
    fraudFound: '已认定欺诈（假一赔三）',
    steps: '执行步骤', step: '{{task}}：{{owner}}负责，接受后 {{hours}} 小时内完成，验收：{{verification}}',
    returnAddress: '退货地址', returnRecipient: '收件人', returnPhone: '电话', returnAddressLine: '地址',
    returnAddressHint: '请按此地址寄回，并在寄出后填写退货运单号。', returnAddressMissing: '商家尚未提供退货地址，请先联系客服获取，不要自行寄出。',
    tasks: '执行任务', taskType: '任务', status: '状态', direction: '类型', noTasks: '暂无任务。', owner: '负责人', due: '截止', verification: '验收方式', proof: '执行凭证',
    refunds: '退款', noRefunds: '暂无退款。', amount: '金额', providerRef: '交易流水号',
    ledger: '费用承担', noLedger: '暂无费用记录。', borneBy: '承担方', paidTo: '支付给', entryType: '费用项',
    shipments: '物流', noShipments: '暂无物流。', carrier: '承运商', trackingNo: '运单号', shippedAt: '发出', deliveredAt: '签收',
    parcelOfCase: '售后', when: '时间', interventionMissed: '商家未在时限内处理，平台已介入。', noTrace: '暂无物流动态。',
    estimatedDelivery: '预计送达', late: '已延误', promisedBy: '承诺 {{time}} 前送达',
    attachments: '凭证与附件', noAttachments: '暂无文件。',
    actions: '可执行操作', noActions: '当前阶段您无需操作。', actionDone: '已完成：{{label}}', visitRating: '评分 {{rating}} 星',
    confirmAction: '确定要{{label}}吗？', links: '关联售后单', mergedInto: '此售后单已合并到其他售后单。',
  },
  terms: {
    refundFen: '退款', couponFen: '优惠券', cashFen: '现金补偿', pointsAwarded: '积分', extendedWarrantyMonths: '延长保修（月）',
    fraudCompensationFen: '假一赔三', returnRequired: '需寄回商品', keepItem: '客户保留商品', replacement: '换新',
    repair: '维修', reshipParts: '补寄配件', apology: '书面致歉',
  },
  fields: {
    message: '留言', note: '备注', question: '需要客户补充什么？', reason: '原因', channel: '渠道',
    rating: '评分', comment: '评价', outcome: '回访结果', targetCaseNo: '合并到售后单号', refundFen: '退款金额（元，留空按申请金额）',
    planType: '方案类型', responsibility: '判责', fraudFound: '认定欺诈（适用假一赔三）', basis: '依据（客户可见）',
    goodwillReason: '超出政策的理由', expiresInHours: '客户答复期限（小时）', carrier: '承运商',
    trackingNo: '运单号', shippingFeeFen: '已付运费（元）', passed: '质检结果', passedYes: '通过', passedNo: '不通过',
    photoAttachmentIds: '质检照片', taskId: '任务', proof_carrier: '承运商', proof_trackingNo: '运单号',
    proof_reference: '凭证编号（如交易流水号）', proof_note: '备注', required: '必填', tooLong: '最多 {{max}} 个字符',
    trackingFormat: '6–40 位字母、数字或短横线', noPhotos: '请先在“凭证与附件”中上传照片',
    noOpenTasks: '没有待处理任务', caseNo: '关联的售后单号', linkType: '关联类型',
    steps: '执行步骤（可选）', stepTask: '步骤', stepOwner: '负责人', stepDueInHours: '时限（小时）', stepVerification: '验收方式', addStep: '添加步骤',
  },
  upload: {
    title: '上传文件', purpose: '用途', choose: '选择文件', submit: '上传', done: '已上传 {{name}}', noFile: '请先选择文件',
    hint: '支持图片、视频或 PDF，服务器会检查大小和类型。',
  },
  orders: {
    title: '订单', myTitle: '我的订单', searchPlaceholder: '订单号或商品名称', goods: '商品', goodsMore: '{{first}} 等 {{count}} 件', orderNo: '订单号', status: '状态', placedAt: '下单时间', total: '订单金额', empty: '暂无订单。',
    notFound: '订单不存在，或不属于您。', items: '商品', shipments: '物流', apply: '申请售后',
    shippingInsurance: '运费险', unitPrice: '单价', warranty: '保修', warrantyMonths: '{{n}} 个月',
    casesForOrder: '此订单的售后', noCases: '此订单暂无售后申请。', shipping: '运费',
    payments: '支付记录', paymentMethod: '支付方式', paymentAmount: '金额', paidAt: '支付时间', paymentReference: '支付流水号', noPayments: '此订单没有支付记录。',
  },
  apply: {
    title: '申请售后', item: '商品', kind: '需要什么服务？', reason: '申请原因', quantity: '数量', channel: '客户联系渠道（代客登记）',
    description: '问题描述', descriptionPlaceholder: '发生了什么？希望我们怎样处理？',
    descriptionRequired: '请描述问题', desired: '期望处理方式', condition: '商品状况',
    opened: '已拆封', trialUse: '已试用', damagedByCustomer: '人为损坏', accessoriesComplete: '配件齐全',
    packagingComplete: '包装完好', preview: '政策答复', checking: '正在校验售后政策…',
    eligible: '该申请符合售后政策', notEligible: '该申请不符合售后政策',
    deadline: '申请截止', returnShippingBy: '退货运费承担方', returnShippingWhy: '（{{why}}）', noReturn: '无需寄回商品',
    advised: '建议改为：{{kind}}', useAdvised: '改为{{kind}}', submit: '提交申请',
    blocked: '当前选择无法提交，请调整上面的选项或联系客服。',
    created: '售后申请 {{caseNo}} 已提交', duplicate: '该商品已有进行中的售后申请（{{caseNo}}），您的描述已追加到该申请。',
    itemNotFound: '订单中没有这个商品。',
  },
};

export const zhCN = { ...uiZhCN, ...vocabZhCN, ...kbZhCN, ...dashboardZhCN, ...liveZhCN, ...workspaceZhCN, ...policyZhCN, ...caseworkZhCN, ...accountZhCN, ...adminZhCN, ...usersZhCN, ...auditZhCN, ...retentionZhCN, event: { ...vocabZhCN.event, ...retentionZhCN.retentionEvents } };
