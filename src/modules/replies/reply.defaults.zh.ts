// Default reply templates in zh-CN (AN-5), written for the SOP's steps: acknowledgement within the
// hour "received, what happens next, by when" (S4 §二(二)), evidence requests, plan proposals,
// return instructions, refunds, logistics, quality and safety (L1). Wording follows RISK-1: no
// unquantifiable promises, no deflections; deadlines come from the case's own clocks ({{dueAt}}).
import type { DefaultTemplate } from './reply.defaults.ts';

export const DEFAULT_TEMPLATES_ZH: DefaultTemplate[] = [
  // Receipt and acknowledgement, one per complaint category (TR-1).
  {
    slug: 'received.generic',
    name: '已收到申请',
    state: 'submitted',
    body: '{{customerName}}您好，您的售后申请 {{caseNo}} 已收到，我们正在安排专人受理，将在 {{dueAt}} 前与您确认处理安排。处理进度可随时在「我的售后」中查看。',
  },
  {
    slug: 'ack.product_quality',
    name: '受理确认 · 商品质量',
    category: 'product_quality',
    state: 'acknowledged',
    body: '{{customerName}}您好，您反映的订单 {{orderNo}} 中「{{productName}}」的质量问题已受理（售后单 {{caseNo}}）。我们会联系商家核实并进行质量溯源，在 {{dueAt}} 前给您进一步答复。如方便，请补充问题部位的照片或视频，便于加快处理。',
  },
  {
    slug: 'ack.not_as_described',
    name: '受理确认 · 描述不符',
    category: 'not_as_described',
    state: 'acknowledged',
    body: '{{customerName}}您好，您反映「{{productName}}」与商品页描述不符的问题已受理（售后单 {{caseNo}}）。我们将核对商品详情页与实物，并在 {{dueAt}} 前告知您核实结果和处理方案。',
  },
  {
    slug: 'ack.logistics',
    name: '受理确认 · 物流问题',
    category: 'logistics',
    state: 'acknowledged',
    body: '{{customerName}}您好，您的物流问题已受理（售后单 {{caseNo}}，订单 {{orderNo}}）。我们正在联系承运商核实配送情况，将在 {{dueAt}} 前告知您最新进展。给您带来不便，深表歉意。',
  },
  {
    slug: 'ack.payment',
    name: '受理确认 · 支付问题',
    category: 'payment',
    state: 'acknowledged',
    body: '{{customerName}}您好，您反映的支付问题已受理（售后单 {{caseNo}}，订单 {{orderNo}}）。我们正在核对支付与扣款记录，将在 {{dueAt}} 前告知您核对结果。为保护您的账户安全，请勿向任何人透露验证码或银行卡密码。',
  },
  {
    slug: 'ack.return_process',
    name: '受理确认 · 退换货流程',
    category: 'return_process',
    state: 'acknowledged',
    body: '{{customerName}}您好，您的退换货申请已受理（售后单 {{caseNo}}，订单 {{orderNo}}）。我们将按平台售后政策审核，在 {{dueAt}} 前告知您审核结果及下一步操作。',
  },
  {
    slug: 'ack.service_attitude',
    name: '受理确认 · 服务态度',
    category: 'service_attitude',
    state: 'acknowledged',
    body: '{{customerName}}您好，非常抱歉此前的服务给您带来了不好的体验。您的反馈已受理（售后单 {{caseNo}}），我们会调取相关沟通记录进行核查，并在 {{dueAt}} 前向您反馈核查结果和改进措施。',
  },
  {
    slug: 'ack.process_error',
    name: '受理确认 · 流程失误',
    category: 'process_error',
    state: 'acknowledged',
    body: '{{customerName}}您好，您反映的问题（如漏发赠品、退款延迟等）已受理（售后单 {{caseNo}}，订单 {{orderNo}}）。我们正在核查系统操作记录，将在 {{dueAt}} 前给您明确答复。',
  },
  {
    slug: 'ack.privacy',
    name: '受理确认 · 个人信息保护',
    category: 'privacy',
    state: 'acknowledged',
    body: '{{customerName}}您好，您关于个人信息保护的反馈已受理（售后单 {{caseNo}}），已转交合规专员处理。我们将核查相关信息的使用与访问记录，并在 {{dueAt}} 前向您说明核查情况。',
  },
  {
    slug: 'ack.generic',
    name: '受理确认 · 通用',
    state: 'acknowledged',
    body: '{{customerName}}您好，您的售后单 {{caseNo}} 已受理，我们会尽快核实情况，并在 {{dueAt}} 前给您进一步答复。',
  },
  // Evidence requests (VER, S4 step 3.1).
  {
    slug: 'evidence.product_quality',
    name: '补充凭证 · 商品质量',
    category: 'product_quality',
    state: 'awaiting_customer',
    body: '{{customerName}}您好，为尽快核实「{{productName}}」的质量问题，请在 {{dueAt}} 前于售后单 {{caseNo}} 中上传：1. 问题部位的多角度清晰照片或视频；2. 商品外包装及标签照片；3. 如有检测报告或维修记录，也请一并上传。',
  },
  {
    slug: 'evidence.not_as_described',
    name: '补充凭证 · 描述不符',
    category: 'not_as_described',
    state: 'awaiting_customer',
    body: '{{customerName}}您好，为核实描述不符的问题，请在 {{dueAt}} 前上传实物照片（含颜色、尺寸或参数标签）以及与商品页描述对比的截图，我们收到后会立即核对。',
  },
  {
    slug: 'evidence.logistics',
    name: '补充凭证 · 物流破损',
    category: 'logistics',
    state: 'awaiting_customer',
    body: '{{customerName}}您好，为向承运商发起核实，请在 {{dueAt}} 前上传外包装、快递面单及商品破损处的照片；如签收时有异常记录，也请一并提供。',
  },
  {
    slug: 'evidence.generic',
    name: '补充凭证 · 通用',
    state: 'awaiting_customer',
    body: '{{customerName}}您好，为尽快处理售后单 {{caseNo}}，请在 {{dueAt}} 前补充相关凭证（照片、视频或聊天记录截图）。逾期我们将根据现有信息处理。',
  },
  // Plan proposals (S4 step 3.2): who does what, by when.
  {
    slug: 'plan.return_refund',
    name: '方案 · 退货退款',
    kind: 'return_refund',
    state: 'plan_proposed',
    body: '{{customerName}}您好，针对售后单 {{caseNo}}，我们为您提供的方案是：退货退款，退款金额 {{refundAmount}}。您确认后请按退货指引寄回商品，商家签收并确认无误后将原路退款。请在 {{dueAt}} 前确认方案。',
  },
  {
    slug: 'plan.refund_only',
    name: '方案 · 仅退款',
    kind: 'refund_only',
    state: 'plan_proposed',
    body: '{{customerName}}您好，针对售后单 {{caseNo}}，我们为您提供的方案是：仅退款 {{refundAmount}}，无需寄回商品。您确认后我们将发起原路退款，请在 {{dueAt}} 前确认方案。',
  },
  {
    slug: 'plan.exchange',
    name: '方案 · 换货',
    kind: 'exchange',
    state: 'plan_proposed',
    body: '{{customerName}}您好，针对售后单 {{caseNo}}，我们为您提供的方案是：为「{{productName}}」办理换货。您寄回原商品后，商家将在签收并确认后发出新商品。请在 {{dueAt}} 前确认方案。',
  },
  {
    slug: 'plan.repair',
    name: '方案 · 维修',
    kind: 'repair',
    state: 'plan_proposed',
    body: '{{customerName}}您好，针对售后单 {{caseNo}}，我们为您提供的方案是：按三包规定为「{{productName}}」免费维修，往返运费由责任方承担。维修完成后商品将寄回给您。请在 {{dueAt}} 前确认方案。',
  },
  {
    slug: 'plan.generic',
    name: '方案 · 通用',
    state: 'plan_proposed',
    body: '{{customerName}}您好，售后单 {{caseNo}} 的处理方案已提交，请在「我的售后」中查看方案详情，并在 {{dueAt}} 前确认或提出您的意见。若方案不能满足您的需求，请告诉我们您的具体诉求，我们会尽力帮您争取最优方案。',
  },
  // Execution (S4 step 4).
  {
    slug: 'return.instructions',
    name: '退货寄回指引',
    state: 'awaiting_return',
    body: '{{customerName}}您好，您的退货申请已同意。请在 {{dueAt}} 前将「{{productName}}」连同配件、赠品及包装寄回，并在售后单 {{caseNo}} 中填写退货运单号。为避免运输损坏，请妥善包装；寄件时请勿使用到付。',
  },
  {
    slug: 'refund.done',
    name: '退款已完成',
    state: 'resolved',
    body: '{{customerName}}您好，售后单 {{caseNo}} 的退款 {{refundAmount}} 已原路退回，预计 1-3 个工作日到账（以支付渠道实际到账时间为准）。如有其他问题，欢迎随时联系我们。',
  },
  {
    slug: 'result.notify',
    name: '处理结果告知',
    state: 'result_notified',
    body: '{{customerName}}您好，售后单 {{caseNo}} 已处理完毕。请问您的问题是否已经解决？如仍有疑问，请直接回复，我们会继续为您跟进。',
  },
  // Category-specific handling wording.
  {
    slug: 'logistics.delay_apology',
    name: '物流延迟致歉',
    category: 'logistics',
    state: 'investigating',
    body: '{{customerName}}您好，订单 {{orderNo}} 的配送超出了约定时效，给您带来不便，深表歉意。我们已联系承运商加急处理，并将在 {{dueAt}} 前告知您最新物流信息；如确认包裹丢失，我们将按规定为您补发或退款。',
  },
  {
    slug: 'quality.complaint',
    name: '质量投诉处理中',
    category: 'product_quality',
    kind: 'complaint',
    state: 'investigating',
    body: '{{customerName}}您好，您对「{{productName}}」的质量投诉我们高度重视，已将问题反馈给商家和供应链进行质量溯源（售后单 {{caseNo}}）。核实期间您的合法权益不受影响，我们将在 {{dueAt}} 前向您反馈阶段性进展。',
  },
  {
    slug: 'safety.escalation',
    name: '人身安全问题升级（一级）',
    category: 'product_quality',
    kind: 'complaint',
    severity: 'L1',
    body: '{{customerName}}您好，您反映的情况涉及人身安全，我们已将售后单 {{caseNo}} 列为一级（紧急）处理，由售后主管和合规专员共同跟进。为了您和家人的安全，请立即停止使用「{{productName}}」，并妥善保留商品、包装及相关凭证；如有人员受伤，请先及时就医并保留就诊记录。我们将在 {{dueAt}} 前与您联系，说明调查进展和处理方案。',
  },
  {
    slug: 'apology.generic',
    name: '致歉与跟进',
    body: '{{customerName}}您好，给您带来不好的体验，我们深表歉意。您的问题（售后单 {{caseNo}}）正在处理中，我们会尽力帮您争取最优方案，并在 {{dueAt}} 前给您答复。',
  },
];
