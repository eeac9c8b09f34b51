// Category and kind rules that are certain enough to override the model (TR-1, TR-7): privacy words
// make a privacy case, charge words a payment case; explicit requests (换货, 补发, 价保 …) name the kind.
// Pure data plus matching.
import type { CaseKind } from '../../shared/vocabulary.ts';
import type { PatternRule } from './triage.match.ts';
import { matchRule } from './triage.match.ts';
import type { Category } from './triage.vocabulary.ts';

export interface CategoryRule extends PatternRule {
  category: Category;
}

/** Checked in order: the first that matches decides (privacy before payment: 信息泄露后被盗刷 is a privacy case). */
export const CATEGORY_RULES: readonly CategoryRule[] = [
  {
    id: 'category.privacy',
    category: 'privacy',
    patterns: [
      /个人信息|隐私|(信息|数据|资料|号码|手机号|地址)[^。,]{0,4}(泄露|泄漏|外泄|被卖|卖了)|泄露|骚扰电话|诈骗(电话|短信)|冒充.{0,6}客服|(没有?|未)打码|信息安全|数据安全/,
      /\bpersonal (data|information|info|details)\b|\bprivacy\b|\bdata (leak|breach|protection)\b|\bleaked (my|our|customer|personal)\b|\b(my|our) (data|details) (was|were) (leaked|shared|sold)\b|\bspam calls?\b|\bscam(mer)? (calls?|pretending)\b|\bpretending to be (your|customer)\b|\bgdpr\b|\b(sold|shared|gave|leaked) my (purchase history|personal|data|details|info|number|email|address)\b/,
    ],
    text: { 'zh-CN': '涉及个人信息保护（信息泄露、骚扰/诈骗电话、隐私）', 'en-US': 'Personal information: leak, spam or scam calls, privacy' },
  },
  {
    id: 'category.payment',
    category: 'payment',
    patterns: [
      /扣款|扣费|扣了我?[^。,]{0,4}(两|三|四|2|3|4)(次|笔)|多扣|重复(扣|支付|付款)|(付款|支付)(失败|不了|异常|处理中|超时)|自动续费|免密支付|盗刷|分期|花呗|白条|交易失败/,
      /\bcharged (me |my card )?(twice|two times|three times|double)\b|\bdouble[- ]charged\b|\bovercharged\b|\bpayment (failed|declined|keeps getting declined|didn'?t go through)\b|\b(card|payment) (was |keeps getting |got )?declined\b|\bunauthori[sz]ed (charge|transaction)s?\b|\bduplicate charge\b/,
    ],
    text: { 'zh-CN': '涉及扣款、支付失败、重复扣费', 'en-US': 'Charges: double charge, failed payment, unauthorised charge' },
  },
];

export interface KindRule extends PatternRule {
  kind: CaseKind;
}

export const KIND_RULES: readonly KindRule[] = [
  {
    id: 'kind.price_protection',
    kind: 'price_protection',
    patterns: [/价保|价格保护|降价|(买|下单)[^,。!?]{0,12}(便宜了|搞活动便宜)/, /\bprice (protection|match)\b|\bdropped[^.!?]{0,20}after i (bought|ordered|purchased)|\b(went|goes|go) on sale after\b|\brefund the difference\b|\bget the difference back\b/],
    text: { 'zh-CN': '价保/降价退差价', 'en-US': 'Price protection' },
  },
  {
    id: 'kind.reship',
    kind: 'reship',
    patterns: [/补发|重新发(货|一份|一个|一件|给我)|再发一(份|个|件)|漏发|少发|缺件|少件/, /\bre-?send\b|\bsend (me )?(another|the missing|a new one)\b|\bship (another|the missing)\b/],
    text: { 'zh-CN': '补发/漏发', 'en-US': 'Reship a missing or lost item' },
  },
  {
    id: 'kind.exchange',
    kind: 'exchange',
    patterns: [/换货|(?<!以旧)换新|换一(个|双|台|件|本|套|块|下)(?!客服)|换个|换大|换小|换码|调换|给换|(?<!需)要换|能换/, /\bexchange\b|\breplacement\b|\breplace (it|them|the)\b|\bswap\b/],
    text: { 'zh-CN': '换货', 'en-US': 'Exchange' },
  },
  {
    id: 'kind.return_refund',
    kind: 'return_refund',
    patterns: [/退货退款|申请退货|要求退货|我要退货|想退货|要退货|我要退|想退(?!款)|退了吧/, /\b(i'?d like|i want|want) to return\b|\breturn (it|them) for a refund\b|\bstart a return\b/],
    text: { 'zh-CN': '退货退款', 'en-US': 'Return and refund' },
  },
  {
    id: 'kind.refund_only',
    kind: 'refund_only',
    patterns: [/仅退款|只退款|退款不退货|不用退货|不退货|直接退款|退款吧/, /\bjust refund\b|\brefund only\b|\brefund without (a )?return\b|\bnot worth sending (it|them) back\b|\b(don'?t|do not) want to send (it|them) back\b/],
    text: { 'zh-CN': '仅退款', 'en-US': 'Refund without return' },
  },
  {
    id: 'kind.repair',
    kind: 'repair',
    patterns: [/维修(?!师傅|人员)|修理|送修|返修|修一下|能修|来修|上门修|修好|保修期内/, /\brepair(ed|s)?\b(?! (technician|guy|man|person))|\bcome (and|to) fix\b|\bunder warranty\b/],
    text: { 'zh-CN': '维修/保修', 'en-US': 'Repair under warranty' },
  },
  {
    id: 'kind.tech_support',
    kind: 'tech_support',
    patterns: [/怎么设置|如何设置|怎么配对|如何配对|连不上|投屏|固件|怎么切换|录入指纹/, /\bhow (do|can) i (set up|pair|cast|connect|switch)\b|\bfirmware\b|\bset up the\b/],
    text: { 'zh-CN': '使用/技术支持', 'en-US': 'Technical support' },
  },
];

export function categoryRule(text: string): { rule: CategoryRule; matched: string[] } | null {
  for (const rule of CATEGORY_RULES) {
    const matched = matchRule(rule, text);
    if (matched.length > 0) return { rule, matched };
  }
  return null;
}

export function kindRules(text: string): { rule: KindRule; matched: string[] }[] {
  return KIND_RULES.map((rule) => ({ rule, matched: matchRule(rule, text) })).filter((k) => k.matched.length > 0);
}
