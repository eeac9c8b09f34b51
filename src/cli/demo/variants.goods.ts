// Requests about the goods themselves: returns, refunds, exchanges, repairs, missing parts and
// price protection, each with the plan a careful agent would propose.
import { fraudCompensationFen } from '../../modules/resolution/resolution.rules.ts';
import type { DemoProduct } from './catalog.ts';
import { type Variant, yuan } from './variant.types.ts';

const has = (p: DemoProduct, flag: string) => (p.flags as readonly string[]).includes(flag);
const plainApparel = (p: DemoProduct) => p.category === 'apparel' && !has(p, 'intimate_apparel');
const gadget = (p: DemoProduct) => p.category === 'electronics';
const warrantyGoods = (p: DemoProduct) => has(p, 'warranty_goods');
const mailable = (p: DemoProduct) => warrantyGoods(p) && p.priceFen <= 300_000;
const returnSteps = '请在 7 天内按售后单中的退货地址寄回，并填写退货运单号';

export const GOODS_VARIANTS: readonly Variant[] = [
  {
    id: 'return-no-reason-apparel',
    kind: 'return_refund',
    reason: 'no_reason',
    channels: ['app', 'app', 'web', 'mini_program'],
    products: plainApparel,
    timing: { kind: 'signed', days: [1, 5] },
    request: (rng, _p, sku) => ({
      description: rng.pick([
        `收到后试穿发现${sku ?? ''}码偏小，穿着很紧，想退货退款。吊牌还在，没有洗过。`,
        '颜色和详情页图片差别较大，上身效果不太喜欢，申请七天无理由退货。',
        '买重了，家里已经有一件同款，申请退货退款，商品未穿着。',
      ]),
      desiredResolution: 'refund',
      condition: { opened: true, trialUse: rng.chance(0.5), packagingComplete: true, accessoriesComplete: true },
      evidenceQuestion: '您好，请补充商品吊牌和整体平铺照片，便于我们确认商品状态。',
      evidenceReply: '已上传吊牌和平铺照片，衣服只试穿过一次。',
    }),
    plan: (paid) => ({
      planType: 'return_and_refund',
      responsibility: 'no_fault',
      terms: { refundFen: paid, returnRequired: true },
      basis: `符合七天无理由退货条件（签收后 7 天内，商品完好不影响二次销售）。${returnSteps}，仓库签收并质检通过后 3 个工作日内原路退回 ${yuan(paid)}。`,
    }),
    inspectionFailure: '退回商品有明显穿着痕迹，吊牌已剪，领口有粉底污渍，影响二次销售，不符合七天无理由退货条件。',
    rejectReason: '经核实，该商品签收已超过 7 天，且商品已洗涤，不符合七天无理由退货条件。',
  },
  {
    id: 'return-no-reason-gadget',
    kind: 'return_refund',
    reason: 'no_reason',
    channels: ['app', 'web'],
    products: (p) => gadget(p) && p.priceFen <= 200_000,
    timing: { kind: 'signed', days: [1, 6] },
    request: (rng) => ({
      description: rng.pick(['收到后觉得不太适合自己，包装未拆封，申请七天无理由退货。', '同款在别的活动里买到了，这单想退掉，商品未拆封。']),
      desiredResolution: 'refund',
      condition: { opened: false, packagingComplete: true, accessoriesComplete: true },
      evidenceQuestion: '请拍一下外包装塑封和序列号标签，确认商品未拆封。',
      evidenceReply: '照片已上传，塑封完好。',
    }),
    plan: (paid) => ({
      planType: 'return_and_refund',
      responsibility: 'no_fault',
      terms: { refundFen: paid, returnRequired: true },
      basis: `七天无理由退货，商品未拆封。${returnSteps}，验货通过后原路退款 ${yuan(paid)}。`,
    }),
    inspectionFailure: '退回商品塑封已拆，机身有明显划痕，且缺少原装充电线，与出库质检记录不符。',
    rejectReason: '该商品为激活后不支持无理由退货的定制版本，详情页已明确提示，本次申请不予受理。',
  },
  {
    id: 'return-quality-gadget',
    kind: 'return_refund',
    reason: 'quality',
    channels: ['app', 'chat', 'phone'],
    products: (p) => gadget(p) || (warrantyGoods(p) && p.priceFen <= 80_000),
    timing: { kind: 'signed', days: [1, 6] },
    request: (rng) => ({
      description: rng.pick([
        '使用第二天左耳机就没有声音了，重置配对也不行，怀疑是质量问题，申请退货退款。',
        '开机后屏幕中间有一条竖线，重启也没用，刚买几天就这样，要求退货。',
        '充电时机身发烫严重，有焦糊味，不敢再用了，要求退货退款。',
        '按键失灵，有时候按了没反应，和客服视频确认过，申请退货。',
      ]),
      desiredResolution: 'refund',
      condition: { opened: true, trialUse: true },
      evidenceQuestion: '您好，请提供故障现象的视频或照片，以及机身序列号照片，方便我们判定。',
      evidenceReply: '已上传故障视频截图和序列号照片，麻烦尽快处理。',
    }),
    plan: (paid) => ({
      planType: 'return_and_refund',
      responsibility: 'quality_defect',
      terms: { refundFen: paid, returnRequired: true },
      basis: `根据您提供的视频，判定为商品质量问题。退货运费由卖家承担，${returnSteps}，收到退货后 3 个工作日内全额退款 ${yuan(paid)}。`,
    }),
    inspectionFailure: '检测发现机身有明显摔落凹痕，主板进水腐蚀，属于人为损坏，不属于质量问题。',
    rejectReason: '经检测，故障系使用非原装充电器导致，属人为因素，不在质量问题退货范围内，可为您提供付费维修。',
  },
  {
    id: 'return-not-as-described-keep',
    kind: 'return_refund',
    reason: 'not_as_described',
    channels: ['app', 'web', 'chat'],
    products: (p) => plainApparel(p) || (p.category === 'furniture' && !has(p, 'custom_made')),
    timing: { kind: 'signed', days: [1, 6] },
    request: (rng) => ({
      description: rng.pick([
        '实物颜色比详情页深很多，面料也不是描述里写的 100% 纯棉，摸起来像化纤，与描述不符。',
        '详情页写的是实木，收到后发现椅背是密度板贴皮，与宣传不符。',
        '图片上是哑光面料，收到的是亮面的，和描述差别挺大的。',
      ]),
      desiredResolution: 'refund',
      condition: { opened: true },
      evidenceQuestion: '请拍摄商品实物与详情页对比的照片，以及洗标/材质标签。',
      evidenceReply: '已上传实物照片和洗标照片，可以看到成分标签和宣传不一致。',
    }),
    plan: (paid) => ({
      planType: 'partial_refund',
      responsibility: 'not_as_described',
      terms: { refundFen: Math.round(paid * 0.3), keepItem: true, couponFen: 2_000 },
      basis: `商品与描述存在差异。若您愿意保留商品，退还 30% 货款 ${yuan(Math.round(paid * 0.3))}，并赠送 20 元无门槛优惠券；如不接受，也可申请退货全额退款。`,
      goodwillReason: '商品描述有误导，客户保留商品，额外补偿 20 元无门槛券以示歉意。',
    }),
    counter: (paid) => ({
      reason: '30% 太少了，差别挺明显的，退一半货款我就留下。',
      planType: 'partial_refund',
      terms: { refundFen: Math.round(paid * 0.5), keepItem: true },
    }),
    rejectReason: '经比对，商品颜色差异在详情页注明的显示器色差范围内，材质与质检报告一致，不构成描述不符。',
  },
  {
    id: 'return-fake-cosmetics',
    kind: 'return_refund',
    reason: 'not_as_described',
    channels: ['web', 'phone', 'email'],
    products: (p) => p.category === 'cosmetics' && p.priceFen >= 30_000,
    timing: { kind: 'signed', days: [2, 6] },
    request: () => ({
      title: '疑似假货，要求假一赔三',
      description: '店铺宣传"官方正品"，但拿到专柜比对后发现瓶身批号在品牌官网查询不到，包装印刷和专柜正品也不一样，专柜柜姐确认是仿品。要求退款并按假一赔三赔偿。',
      desiredResolution: 'compensation',
      condition: { opened: true },
      evidenceQuestion: '请提供批号照片、品牌官网查询截图及专柜比对的照片或鉴定说明。',
      evidenceReply: '已上传批号照片、官网查询结果截图和专柜出具的比对说明。',
    }),
    plan: (paid) => ({
      planType: 'fraud_compensation',
      responsibility: 'not_as_described',
      fraudFound: true,
      terms: { refundFen: paid, returnRequired: true, fraudCompensationFen: fraudCompensationFen(paid) },
      basis: `经核实，商品批号在品牌官方系统中查询不到，且与正品比对包装印刷存在差异，认定为假冒商品。依据《消费者权益保护法》第五十五条，退还货款 ${yuan(paid)}，并赔偿价款的三倍 ${yuan(fraudCompensationFen(paid))}（不足 500 元按 500 元）。请将商品寄回留存作为证据。`,
    }),
    rejectReason: '品牌方出具的鉴定报告确认该批次为正品，批号查询不到系官网系统未同步新批次，投诉不成立。',
  },
  {
    id: 'refund-only-fresh',
    kind: 'refund_only',
    reason: 'quality',
    channels: ['app', 'mini_program'],
    products: (p) => p.category === 'fresh_food',
    timing: { kind: 'signed', days: [0, 1] },
    request: (rng) => ({
      description: rng.pick([
        '到货后打开发现大面积腐烂发软，有异味，已经拍了开箱视频，申请仅退款。',
        '冰袋全化了，三文鱼到手是常温的，颜色发暗，不敢吃，申请退款。',
        '螃蟹到货时一半已经死了，申请仅退款。',
      ]),
      desiredResolution: 'refund',
      evidenceQuestion: '请拍摄开箱照片（需包含外箱面单）以便核实。',
      evidenceReply: '已补充带面单的开箱照片和视频截图。',
    }),
    plan: (paid) => ({
      planType: 'full_refund',
      responsibility: 'quality_defect',
      terms: { refundFen: paid, keepItem: true },
      basis: `生鲜商品到货变质，无需寄回，凭开箱照片直接全额退款 ${yuan(paid)}。`,
    }),
    rejectReason: '根据物流记录，包裹签收后超过 48 小时才开箱，生鲜商品变质无法认定为运输或质量原因。',
  },
  {
    id: 'refund-only-missing',
    kind: 'refund_only',
    reason: 'logistics',
    channels: ['app', 'chat'],
    products: (p) => p.category === 'books' || (gadget(p) && p.priceFen <= 40_000),
    timing: { kind: 'signed', days: [0, 4] },
    request: () => ({
      description: '包裹签收后打开发现是空盒/少件，外包装胶带有二次粘贴痕迹，申请仅退款。',
      desiredResolution: 'refund',
      evidenceQuestion: '请提供包裹外观照片、面单照片和开箱视频（如有），我们将同步向快递公司核实。',
      evidenceReply: '已上传外包装和面单照片，开箱视频截图也传了。',
    }),
    plan: (paid) => ({
      planType: 'full_refund',
      responsibility: 'logistics_damage',
      terms: { refundFen: paid },
      basis: `已向承运商核实，包裹在中转环节破损丢件，由承运商承担责任，先行为您全额退款 ${yuan(paid)}，无需退货。`,
    }),
    rejectReason: '经核实，出库称重与签收称重一致，且签收人为本人，未能认定少件，建议您再次核对包裹。',
  },
  {
    id: 'exchange-quality',
    kind: 'exchange',
    reason: 'quality',
    channels: ['app', 'web', 'chat'],
    products: (p) => plainApparel(p) || (warrantyGoods(p) && p.priceFen <= 100_000),
    timing: { kind: 'signed', days: [2, 12] },
    request: (rng, p) => ({
      description:
        p?.category === 'apparel'
          ? rng.pick(['跑步鞋才穿了两次鞋底就开胶了，要求换一双新的。', '大衣扣子掉了一颗，而且腋下缝线开了，要求换货。'])
          : rng.pick(['电饭煲加热不均匀，煮的饭一半夹生，要求换新。', '吹风机用了几天就时冷时热，要求换一台。']),
      desiredResolution: 'exchange',
      condition: { opened: true, trialUse: true },
      evidenceQuestion: '请补充问题部位的清晰照片或视频。',
      evidenceReply: '照片已上传，问题部位拍得比较清楚。',
    }),
    plan: () => ({
      planType: 'exchange',
      responsibility: 'quality_defect',
      terms: { replacement: true, returnRequired: true },
      basis: `属于质量问题，为您更换同款新品。${returnSteps}，往返运费由卖家承担，仓库收货后 48 小时内发出新品。`,
    }),
    inspectionFailure: '检测发现问题部位有明显外力拉扯和磨损痕迹，系使用不当造成，不属于质量问题。',
    rejectReason: '签收已超过 15 天质量换货期限，且商品不属于三包范围，建议申请维修。',
  },
  {
    id: 'exchange-wrong-size',
    kind: 'exchange',
    reason: 'not_as_described',
    channels: ['app', 'mini_program'],
    products: plainApparel,
    timing: { kind: 'signed', days: [1, 6] },
    request: (_rng, _p, sku) => ({
      description: `下单选的是 ${sku ?? 'M'} 码，收到的却是别的尺码，吊牌和包装都在，要求换成正确尺码。`,
      desiredResolution: 'exchange',
      condition: { opened: true, packagingComplete: true },
      evidenceQuestion: '请拍一下收到商品的尺码标签和订单截图。',
      evidenceReply: '尺码标签和订单截图都上传了。',
    }),
    plan: () => ({
      planType: 'exchange',
      responsibility: 'merchant_error',
      terms: { replacement: true, returnRequired: true },
      basis: '经核实为仓库发错尺码，为您换发正确尺码。退回运费由商家承担，收到退货后立即补发。',
    }),
    inspectionFailure: '退回商品吊牌已拆且有洗涤痕迹，无法换货。',
    rejectReason: '出库复核照片显示发出尺码与订单一致，未能认定发错货。',
  },
  {
    id: 'repair-warranty',
    kind: 'repair',
    reason: 'quality',
    channels: ['app', 'phone', 'web'],
    products: mailable,
    timing: { kind: 'signed', days: [25, 240] },
    request: (rng) => ({
      description: rng.pick([
        '扫地机器人回充失败，一直提示找不到充电座，还在保修期内，申请维修。',
        '手机用了几个月，最近经常自动重启，充电也很慢，申请保修。',
        '微波炉加热时转盘不转，有滋滋声，申请维修。',
        '笔记本键盘有几个键失灵，外接键盘正常，申请保修维修。',
      ]),
      desiredResolution: 'repair',
      condition: { opened: true },
      evidenceQuestion: '请提供购买凭证之外的故障视频，并说明是否有摔落、进水等情况。',
      evidenceReply: '故障视频已上传，没有摔过也没有进水。',
    }),
    plan: (_paid, rng) => {
      const extended = rng.chance(0.3);
      return {
        planType: 'repair',
        responsibility: 'quality_defect',
        terms: { repair: true, returnRequired: true, ...(extended ? { extendedWarrantyMonths: 6 } : {}) },
        basis: '商品在保修期内，故障为非人为损坏，寄回售后中心免费检测维修，维修完成后顺丰寄回，往返运费由卖家承担。',
        ...(extended ? { goodwillReason: '会员客户，维修后额外延长保修 6 个月，增强使用信心。' } : {}),
      };
    },
    inspectionFailure: '拆机检测发现主板有进水腐蚀痕迹，属人为损坏，不在免费保修范围内。',
    rejectReason: '经检测为进水导致主板损坏，属人为损坏，不在免费保修范围内，可提供付费维修报价。',
  },
  {
    id: 'reship-parts',
    kind: 'reship',
    reason: 'quality',
    channels: ['app', 'chat', 'qr_card'],
    products: (p) => p.category === 'furniture' || (gadget(p) && p.priceFen <= 60_000),
    timing: { kind: 'signed', days: [1, 12] },
    request: (rng, p) => ({
      description:
        p?.category === 'furniture'
          ? rng.pick(['安装时发现少了两块层板和一包五金配件，没办法装完，请补发。', '书桌的一个桌腿有裂纹，请补寄一个新的桌腿。'])
          : rng.pick(['包装里没有充电线和说明书，请补发配件。', '收到的数据线是坏的，插上没反应，请补寄一根。']),
      desiredResolution: 'reship',
      evidenceQuestion: '请拍一下包装内全部配件的照片，方便我们确认缺少的配件。',
      evidenceReply: '配件照片已上传，缺的就是清单上标红的那几样。',
    }),
    plan: () => ({
      planType: 'reship_parts',
      responsibility: 'merchant_error',
      terms: { reshipParts: true },
      basis: '经核实为出库漏装/配件损坏，免费为您补发缺少的配件，无需退回商品，补发运费由商家承担。',
    }),
    rejectReason: '经核对出库视频，配件已完整装箱，且签收时未反馈，暂无法补发，建议核对包装内夹层。',
  },
  {
    id: 'price-protection',
    kind: 'price_protection',
    reason: 'no_reason',
    channels: ['app', 'web'],
    products: (p) => p.merchantNo <= 2 && p.priceFen >= 20_000 && p.category !== 'books',
    timing: { kind: 'placed', days: [1, 6] },
    request: () => ({
      description: '下单后没几天同款商品降价了，在价保期内，申请补差价。',
      desiredResolution: 'refund',
      evidenceQuestion: '请提供当前商品页面价格截图（需包含时间）。',
      evidenceReply: '已上传带时间的价格截图。',
    }),
    plan: (paid) => {
      const drop = Math.max(1_000, Math.round((paid * 0.08) / 100) * 100);
      return {
        planType: 'partial_refund',
        responsibility: 'no_fault',
        terms: { refundFen: drop, keepItem: true },
        basis: `在价保期内，同款商品当前售价较您的实付价低 ${yuan(drop)}，差价原路退回。`,
      };
    },
    rejectReason: '当前低价为限时秒杀活动价，根据价保规则，秒杀、拼团等活动价不在价格保护范围内。',
  },
];
