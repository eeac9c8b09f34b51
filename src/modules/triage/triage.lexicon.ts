// Cue words of each category, zh-CN and English, given to the model as extra features ("the text
// speaks of couriers", "of the listing", "of an agent"). They carry domain knowledge the small corpus
// cannot teach on its own and are shared by both languages; the model learns how much each one counts.
// Unlike the rules in triage.signals.ts they decide nothing by themselves.
import { hits } from './triage.match.ts';
import type { Category } from './triage.vocabulary.ts';

export const CATEGORY_CUES: Record<Category, RegExp> = {
  product_quality:
    /质量|品控|坏了|坏的|故障|失灵|不制冷|不工作|开不了机|黑屏|开胶|断了|裂|漏水|掉色|起球|跑绒|噪音|异响|发霉|烂|变质|臭|死了|不亮|充不进|重启|坏点|缺页|印刷|缩水|生锈|塌|晃|破洞|不转|没反应|卡住|拉不动|结霜|漏光|起皱|闭口|合不上|松了|\bbroken?\b|\bbroke\b|defect|faulty|stopped (working|spinning|charging)|doesn'?t work|won'?t (turn on|drain|charge|close|stay)|\bdead\b|crack|leak|rott|mold|shrank|peel|rust|quality|nois|squeak|overheat|flicker|crackle|pill|flak|warp|snapp|error|sour\b/,
  not_as_described:
    /色差|颜色|图片|实物|描述|详情页|宣传|虚假|页面|标题|标的|写的|写着|说好的|说是|号称|标称|所谓|实拍|模特图|海报|标签|参数|虚标|假货|正品|高仿|不符|尺码表|材质|成分|产地|缺斤少两|\blisting\b|advertis|described|description|photos?\b|pictures?\b|listed|\blabel|claims?|counterfeit|fake|genuine|authentic|colou?r|shade|swatch|sold as|so-called|nothing like|page says|product page|supposedly|my foot/,
  logistics:
    /快递|物流|包裹|派送|派件|配送|驿站|签收|运输|冷链|运单|单号|快递员|送货|揽收|中转|到货|没到|还没到|丢件|送到|快递柜|面单|顺丰|次日达|箱子|外箱|纸箱|拆封痕迹|海关|清关|出省|没发货|还没发货|承诺发货|节后发货|分拣|网点|送错|\bcourier|\bparcel|\bpackage|tracking|deliver|shipment|shipped|transit|carrier|sorting|driver|arriv|customs|\bbox\b|crushed|reseal|wrong address|pickup point|out for delivery/,
  payment:
    /扣款|扣费|扣了|付款|支付|账单|花呗|白条|分期|信用卡|银行卡|余额|续费|优惠券|满减|尾款|定金|利息|手续费|汇率|多付|结算|折扣|运费|charged?|payment|\bpay\b|paid|\bcard\b|\bbank\b|coupon|checkout|subscription|renewal|installment|interest|currency|deposit|gift card|declined|billed|statement|\btax\b|discount/,
  return_process:
    /退货|换货|退回|寄回|驳回|上门取件|取件|运费险|七天无理由|无理由|退货地址|退货原因|审核|商家拒|确认收货|拒收|退货申请|换货申请|退货运费|七天|7天|塑封|原包装|退个货|\breturns?\b|exchange|pickup|pick up|return label|restocking|rejected|return window|send(ing)? (it|them) back|shipping insurance|drop-off|plastic wrap|original (box|packaging)/,
  service_attitude:
    /客服|态度|挂电话|挂了|机器人|转人工|人工|不理|不回|敷衍|推给|推卸|踢皮球|专属客服|师傅|主管|回电话|回访|排队|工号|话术|阴阳怪气|不耐烦|售后人员|语音菜单|热线|禁言|转给|部门|效率|\bagent|support|rude|hung up|\bhold\b|chatbot|callback|representative|\brep\b|technician|installer|condescending|script|repl(y|ied)|responded|ticket|transferred|passed around|blames?|phone menu|muted|staff|nothing happens|nobody answers/,
  process_error:
    /赠品|赠送|送的|漏发|少发|错发|发错|写错|少了|补发|小样|积分|发票|到账|退款.{0,6}(没|未|还没|一直|金额|退到|成功后|完成|延迟|拖)|延迟退款|取消了|被取消|价保|差价|返现|红包|晒单|延保|没登记|会员权益|激活码|安装费|误操作|扣回|港版|国行|入库|同名|地址.{0,6}(改|旧)|重复发|清零|\bgift\b|\bfree\b|wrong (item|model|size|colou?r|version)|missing|refund (was )?(approved|shows|amount)|haven'?t (got|received) my refund|points|invoice|cancell?ed|warranty|credited|instead|cashback|restored|same name|activation|mistake|scheduled|version|took the money back|supposed to (come|have|include)|marked as (done|completed|delivered)|\bbundle\b|part of the (set|bundle)|anyway|refund (went|was sent|never)|half of my refund|弄混|配错|已完成|已上门|返还/,
  privacy:
    /信息|隐私|泄露|泄漏|骚扰|诈骗|冒充|打码|手机号|电话号码|身份证|账号|注销|推销|数据|录音|监控|通讯录|住址|匿名|私密|个性化|陌生人|\bprivacy|personal|\bdata\b|spam|scam|leak|number|address|account|unsubscrib|\bid\b|contacts|marketing|anonymous|stranger|selfie|lock screen|workplace/,
  other:
    /请问|建议|谢谢|感谢|点赞|表扬|夸|怎么|如何|能不能|可以吗|有没有|支持|优惠|发货到|入驻|什么时候|多少|区别|门店|适合|推荐|权益|说明书|电子版|实体店|how do|how long|can i|do you|is there|what|when will|which|suggestion|thanks|thank|wanted to say|does the|is this|suitable|benefits|edition|instructions|feedback|recommend|store/,
};

/** Cues that are not a category but tell categories apart: thanks and praise (other, not
 * service_attitude), a question before buying (other, not a complaint), the process errors of S4
 * (wrong or missing item, refund gone wrong) and a price drop (price protection). */
export const EXTRA_CUES: Record<string, RegExp> = {
  praise: /谢谢|感谢|点赞|表扬|好评|夸一下|很专业|很耐心|很负责|服务很好|\bthanks?\b|thank you|compliments?|fantastic|great job|appreciate/,
  presale: /能用吗|可以用吗|适合|能不能买|有没有.{0,6}(款|货|优惠|门店|实体店)|什么时候(补货|开始|发货)|多久发货|区别|推荐|before (i|we) (order|buy)|in stock|suitable|difference between|\bdo you (ship|offer|have)\b/,
  wrong_item: /(买的是|订的是|下单的?是|选的是|订单上写的是|要的是)[^。!?]{0,20}(发来|收到|发过来|送来)的?是|发错|错发|配错|弄混|(?<!不)一只.{0,4}一只|\b(ordered|order says|my order)\b[^.!?]{0,40}\b(got|received|sent me|came|arrived)\b|\bsent me (a|the) (wrong|size|different)|\bdifferent (designs?|sizes?)\b/,
  missing_part: /(少了|缺了?|没有?收到|没有送|只有|只收到|只到了)[^。!?]{0,8}(赠品|配件|一件|一本|一个|一盒|一瓶|一双|保护罩|小样|耳机)|赠品|附赠|满赠|送的|\bbonus\b|\bfree (gift|earbuds|cable|case)\b|(was|were)n'?t (in|included)|\bonly (got|received) \w+|\bmissing\b/,
  refund_problem: /退款.{0,10}(没|未|少|只|一半|延迟|拖|不对|错|退到)|钱退了一半|(refund|refunded)[^.!?]{0,40}\b(never|short|wrong|half|old|closed|still|instead|took|anyway)\b/,
  price_drop: /降价|便宜了|价保|价格保护|差价|price (drop|protection)|cheaper|went on sale|the difference/,
};

const CUE_ENTRIES = Object.entries(CATEGORY_CUES) as [Category, RegExp][];

/** The categories whose cue words occur in the (normalized) text, with how many times. */
export function cueCounts(text: string): [Category, number][] {
  const out: [Category, number][] = [];
  for (const [category, cue] of CUE_ENTRIES) {
    const n = hits([cue], text).length;
    if (n > 0) out.push([category, n]);
  }
  return out;
}

/** The extra cues found in the (normalized) text. */
export function extraCues(text: string): string[] {
  return Object.entries(EXTRA_CUES)
    .filter(([, cue]) => cue.test(text))
    .map(([name]) => name);
}
