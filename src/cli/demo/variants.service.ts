// Requests about the service around the goods: complaints, questions, technical help and
// parcels that went astray — plus the escalations (approval above the goodwill threshold, and
// three rejected plans that go to compliance).
import type { DemoProduct } from './catalog.ts';
import { type Variant, yuan } from './variant.types.ts';

const has = (p: DemoProduct, flag: string) => (p.flags as readonly string[]).includes(flag);
const anyDelivered = (p: DemoProduct) => p.category !== 'digital';
const bigAppliance = (p: DemoProduct) => p.category === 'home_appliances' && /空调|冰箱|电视|热水器|洗衣机|净饮/.test(p.name);

export const SERVICE_VARIANTS: readonly Variant[] = [
  {
    id: 'complaint-service',
    kind: 'complaint',
    reason: 'no_reason',
    channels: ['phone', 'chat', 'social', 'email'],
    products: anyDelivered,
    timing: { kind: 'signed', days: [1, 20] },
    request: (rng) => ({
      title: '投诉客服服务态度',
      description: rng.pick([
        '之前咨询售后问题，客服回复敷衍，说"这是公司规定"就不再理我，还两次挂断电话，体验非常差。',
        '申请售后三天没人处理，催了好几次都是机器人回复，希望有人认真对待。',
        '商家客服承诺当天回电，结果一直没有联系我，要求给个说法。',
      ]),
      desiredResolution: 'apology',
      evidenceQuestion: '请提供与客服的聊天截图或通话时间，便于我们调取记录核实。',
      evidenceReply: '聊天截图已上传，通话是昨天下午三点左右。',
    }),
    plan: () => ({
      planType: 'compensation',
      responsibility: 'platform_error',
      terms: { apology: true, couponFen: 2_000 },
      basis: '经调取聊天和通话记录，客服确有回复不规范、未按承诺回电的情况，已对相关人员进行辅导。向您诚挚致歉，并赠送 20 元无门槛优惠券。',
      goodwillReason: '服务过失致歉补偿，金额在一线权限内。',
    }),
    rejectReason: '经调取全部通话录音和聊天记录，客服回复规范且已按承诺回电，投诉情况不属实。',
  },
  {
    id: 'complaint-refund-delay',
    kind: 'complaint',
    reason: 'no_reason',
    channels: ['chat', 'phone', 'app'],
    products: anyDelivered,
    timing: { kind: 'signed', days: [8, 25] },
    request: () => ({
      title: '退款迟迟未到账',
      description: '退货已经被仓库签收一周了，页面承诺 3 个工作日内退款，到现在还没收到，要求尽快处理并给个解释。',
      desiredResolution: 'apology',
      evidenceQuestion: '请提供退货物流单号或签收截图。',
      evidenceReply: '退货单号和签收截图已上传。',
    }),
    plan: () => ({
      planType: 'apology',
      responsibility: 'merchant_error',
      terms: { apology: true, pointsAwarded: 1_000 },
      basis: '经核实，仓库入库登记延误导致退款晚于承诺时效，现已加急处理。向您致歉，并赠送 1000 积分。',
    }),
    rejectReason: '经核实，退款已于承诺时效内原路退回，银行入账存在延迟，请留意银行账单。',
  },
  {
    id: 'consultation-general',
    kind: 'consultation',
    reason: 'no_reason',
    channels: ['chatbot', 'chat', 'web', 'mini_program'],
    products: null,
    timing: null,
    request: (rng) => ({
      title: rng.pick(['发票开具咨询', '会员积分咨询', '以旧换新咨询', '退货运费险咨询']),
      description: rng.pick([
        '请问你们支持开具增值税专用发票吗？公司报销需要，怎么申请？',
        '会员积分可以抵现吗？积分有效期是多久？',
        '空调以旧换新怎么操作？旧机需要自己拆吗？',
        '下单时买了运费险，退货的运费是怎么赔付的？多久到账？',
      ]),
      desiredResolution: 'information',
      evidenceQuestion: '请问您的订单号或会员账号是多少？方便为您查询。',
      evidenceReply: '会员账号就是我现在登录的手机号。',
    }),
    plan: () => ({
      planType: 'answer',
      responsibility: 'no_fault',
      terms: {},
      basis: '已为您解答：可在「订单详情-申请开票」中提交开票信息；积分 100 分抵 1 元，有效期至次年年底；以旧换新由安装师傅上门拆旧；运费险在退货签收后 72 小时内按首重标准赔付至原支付账户。',
    }),
    rejectReason: '该咨询与平台售后无关，已引导您联系品牌官方客服。',
  },
  {
    id: 'tech-support',
    kind: 'tech_support',
    reason: 'quality',
    channels: ['chat', 'phone', 'email', 'forum'],
    products: (p) => p.category === 'electronics' || has(p, 'digital') || p.name.includes('扫地机器人'),
    timing: { kind: 'signed', days: [1, 40] },
    request: (rng, p) => ({
      description:
        p?.category === 'digital'
          ? '激活码提示"已被使用"，但我是第一次输入，无法激活。'
          : rng.pick(['升级系统后 WiFi 频繁断开，重启路由器也不行。', 'App 一直配网失败，提示设备不在线。', '蓝牙连接电脑后没有声音，换了几台设备都一样。']),
      desiredResolution: 'information',
      evidenceQuestion: '请提供设备型号、系统版本号和报错截图。',
      evidenceReply: '截图已上传，系统是最新版本。',
    }),
    plan: () => ({
      planType: 'answer',
      responsibility: 'no_fault',
      terms: {},
      basis: '已远程协助排查：请在「设置-系统-重置网络设置」后重新连接，并将路由器 2.4G 与 5G 频段分开命名；如仍有问题，可随时回复或申请检测维修。',
    }),
    rejectReason: '该问题属于第三方软件兼容性问题，不在本店技术支持范围内，已提供软件厂商联系方式。',
  },
  {
    id: 'logistics-stuck',
    kind: 'logistics_exception',
    reason: 'logistics',
    channels: ['app', 'chat', 'phone'],
    products: (p) => p.category !== 'digital' && p.category !== 'fresh_food',
    timing: { kind: 'stuck', days: [3, 6] },
    request: (rng) => ({
      title: '物流停滞不更新',
      description: rng.pick([
        '物流信息显示在转运中心滞留三天没有更新，打快递电话也打不通，着急用。',
        '快递显示"派送异常"，一直没人联系我，请帮忙催一下。',
      ]),
      desiredResolution: 'reship',
      evidenceQuestion: '请确认收货地址和联系电话是否有变化。',
      evidenceReply: '地址和电话都没变。',
    }),
    plan: () => ({
      planType: 'compensation',
      responsibility: 'logistics_damage',
      terms: { apology: true, couponFen: 1_000 },
      basis: '已联系承运商加急处理，包裹因分拣异常滞留，已重新安排派送，预计 1-2 天送达。延误由承运商承担责任，向您致歉并补偿 10 元优惠券。',
      goodwillReason: '物流延误致歉补偿，费用由承运商承担。',
    }),
    rejectReason: '物流已恢复正常派送，包裹已于今日签收，异常已解除。',
  },
  {
    id: 'logistics-signed-not-received',
    kind: 'logistics_exception',
    reason: 'logistics',
    channels: ['app', 'chat'],
    products: (p) => p.category !== 'digital' && p.category !== 'furniture',
    timing: { kind: 'signed', days: [0, 2] },
    request: () => ({
      title: '显示签收但未收到',
      description: '物流显示已签收，但我本人没有收到，家里人也没收，快递柜和驿站都没有。',
      desiredResolution: 'reship',
      evidenceQuestion: '请确认是否有家人、同事或物业代收，并提供小区驿站名称。',
      evidenceReply: '问过了都没有，驿站是小区东门的菜鸟驿站。',
    }),
    plan: () => ({
      planType: 'apology',
      responsibility: 'logistics_damage',
      terms: { apology: true, pointsAwarded: 500 },
      basis: '已联系快递员核实，包裹误投至同楼层邻居家，已协调送回并由您确认收到。快递员未按规范投递，已由承运商处理，向您致歉并赠送 500 积分。',
    }),
    rejectReason: '快递员提供了投递至您指定快递柜的照片和取件短信记录，签收无误。',
  },
  {
    id: 'complaint-install-damage',
    kind: 'complaint',
    reason: 'quality',
    channels: ['phone', 'social'],
    products: bigAppliance,
    timing: { kind: 'signed', days: [1, 6] },
    approval: true,
    request: () => ({
      title: '安装师傅损坏墙面地板',
      description: '安装师傅打孔时把墙面瓷砖打裂了两块，搬运时还把木地板划了一道长痕，师傅不认账就走了。要求赔偿维修费用。',
      desiredResolution: 'compensation',
      evidenceQuestion: '请提供损坏部位的照片和维修报价单（如有）。',
      evidenceReply: '照片和装修师傅给的维修报价单都上传了，报价 480 元。',
    }),
    plan: () => ({
      planType: 'compensation',
      responsibility: 'merchant_error',
      terms: { apology: true, cashFen: 50_000 },
      basis: '经与安装服务商核实，损坏系安装操作不当造成。按维修报价赔付 500 元现金，并对安装师傅进行处罚和培训。',
      goodwillReason: `按客户提供的维修报价赔付 ${yuan(50_000)}，超出一线补偿权限，提交主管审批。`,
    }),
    rejectReason: '安装服务商提供的施工视频显示墙面裂纹在安装前已存在，责任无法认定。',
  },
  {
    id: 'return-vip-goodwill',
    kind: 'return_refund',
    reason: 'quality',
    channels: ['phone', 'app'],
    products: (p) => p.category === 'electronics' && p.priceFen >= 200_000,
    timing: { kind: 'signed', days: [1, 6] },
    approval: true,
    request: () => ({
      description: '新买的设备第三天就黑屏无法开机，耽误了出差工作，非常失望，要求退货并给个说法。',
      desiredResolution: 'refund',
      condition: { opened: true, trialUse: true },
      evidenceQuestion: '请提供黑屏状态的视频和充电时的指示灯状态。',
      evidenceReply: '视频已上传，充电指示灯不亮。',
    }),
    plan: (paid) => ({
      planType: 'return_and_refund',
      responsibility: 'quality_defect',
      terms: { refundFen: paid, returnRequired: true, couponFen: 30_000 },
      basis: `属质量问题，全额退款 ${yuan(paid)}，退货运费由卖家承担；考虑到给您工作带来的不便，另赠 300 元购物券。`,
      goodwillReason: '高价值会员，新品故障影响工作，额外补偿 300 元券安抚，超过审批额度。',
    }),
    inspectionFailure: '检测发现设备有明显进水痕迹，主板腐蚀，属人为损坏。',
    rejectReason: '检测确认黑屏系系统设置问题，已远程恢复正常，设备无质量问题。',
  },
  {
    id: 'complaint-demands-triple',
    kind: 'complaint',
    reason: 'quality',
    channels: ['phone', 'email'],
    products: (p) => p.category === 'home_appliances' && p.priceFen >= 100_000,
    timing: { kind: 'signed', days: [10, 40] },
    request: () => ({
      title: '质量问题要求退一赔三',
      description: '新买的电器用了不到一个月就出故障，商家说只能修。我认为是以次充好，要求退一赔三，否则就去 12315 投诉。',
      desiredResolution: 'compensation',
      evidenceQuestion: '请提供故障照片或视频，以及售后检测单（如有）。',
      evidenceReply: '故障视频已上传，检测单在维修师傅那里。',
    }),
    plan: () => ({
      planType: 'repair',
      responsibility: 'quality_defect',
      terms: { repair: true, returnRequired: true },
      basis: '在三包有效期内，首次故障依法提供免费修理，由售后中心上门取件检测维修。',
    }),
    compliance: {
      plans: [
        () => ({
          planType: 'repair',
          responsibility: 'quality_defect',
          terms: { repair: true, returnRequired: true },
          basis: '在三包有效期内，首次故障依法提供免费修理，由售后中心上门取件检测维修，往返运费由卖家承担。',
        }),
        () => ({
          planType: 'exchange',
          responsibility: 'quality_defect',
          terms: { replacement: true, returnRequired: true },
          basis: '考虑到您的使用体验，可为您更换同型号新机，旧机由物流上门取回。',
        }),
        (paid) => ({
          planType: 'return_and_refund',
          responsibility: 'quality_defect',
          terms: { refundFen: paid, returnRequired: true, couponFen: 10_000 },
          basis: `可为您办理退货，全额退款 ${yuan(paid)}，并赠送 100 元购物券。经核查未发现欺诈情形，不适用三倍赔偿。`,
          goodwillReason: '客户情绪激动且已第三次协商，额外赠送 100 元券。',
        }),
      ],
      rejections: [
        '修理解决不了问题，新买的东西凭什么修？我要求退一赔三。',
        '换新也不行，同一批次的肯定也有问题，还是要三倍赔偿。',
        '只退款不赔偿我不接受，我已经准备向 12315 投诉了。',
      ],
    },
    rejectReason: '经检测为电压不稳导致保护性停机，设备本身无质量问题。',
  },
];
