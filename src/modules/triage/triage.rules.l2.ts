// L2 "complex" signals besides threats (TR-2, TR-3): the case needs another department (supply chain,
// logistics, legal, finance) or the customer has already come back several times. Pure data.
import type { PatternRule } from './triage.match.ts';

const MISMATCH_ZH = '(不符|不对|做错|错了|偏差|差了|短了|长了|大了|小了|不一样|对不上)';
const PROBLEM_ZH = '(问题|破损|开裂|漏|坏|异味|不一样|不符|对不上|退换|检测|质检)';

export const CROSS_DEPARTMENT_RULES: readonly PatternRule[] = [
  {
    id: 'l2.cross.custom_size',
    patterns: [
      new RegExp(`(定制|定做|订做|量身|量体)[^。!?]{0,30}(尺寸|尺码|大小|长度|宽度|高度|袖长|数据)[^。!?]{0,12}${MISMATCH_ZH}`),
      /(custom|bespoke|made[- ]to[- ]measure|tailor[- ]made)[^.!?]{0,60}(wrong|doesn'?t match|don'?t match|mismatch|too (short|long|big|small|tall|wide|narrow)|\d+ ?cm (short|too))/,
    ],
    text: { 'zh-CN': '定制商品尺寸不符，需工厂/供应链协同', 'en-US': 'Custom-made item does not match the agreed size: needs the factory' },
  },
  {
    id: 'l2.cross.batch',
    patterns: [
      new RegExp(`(整批|这一?批|一批|批次|批量|全批|整车|团购|采购)[^。!?]{0,40}${PROBLEM_ZH}|(问题|破损|开裂|异味)[^。!?]{0,20}(整批|这一?批|批次)`),
      /(\d{2,}|几十|上百|十几|好几十)\s*(个|位|名)?(家长|顾客|客户|同事|员工|人)[^。!?]{0,12}(都|也)/,
      /\b(whole|entire) (batch|shipment|lot)\b|\ball \d+ of\b|\b\d{2,} (units|pieces|chairs|mugs|items|boxes|cartons)\b[^.!?]{0,60}(broken|crack|defect|damag|same|problem|faulty|wrong)/,
    ],
    text: { 'zh-CN': '批量或整批商品问题，需供应链/质检协同', 'en-US': 'Batch or bulk problem: needs supply chain and quality control' },
  },
  {
    id: 'l2.cross.counterfeit',
    patterns: [/假货|假冒|高仿|仿品|山寨|盗版|鉴定|伪劣|不是正品|(货|商品|东西|产品|包|表|鞋|耳机|水|霜|奶粉|手机|酒)是?假的/, /\bcounterfeit\b|\bknock-?offs?\b|\bnot (genuine|authentic)\b|\breplicas?\b|\bfake (products?|items?|airpods|brand|designer|goods)\b/],
    text: { 'zh-CN': '疑似假货，需鉴定及法务/供应链协同', 'en-US': 'Suspected counterfeit: needs authentication, legal and supply chain' },
  },
  {
    id: 'l2.cross.department',
    patterns: [
      /需要(你们)?的?(法务|财务|供应链|仓库|质检|厂家|工厂|供应商|物流公司|安全部门|技术部门)|(和|跟|与|同)(厂家|工厂|供应商|物流公司|快递公司|银行|仓库)(一起|共同|协调|核对)|(供应链|法务|安全部门|厂家|工厂)(介入|出面|派人|重新核对|重做)|出面协调|一起定损|定损|出具证明|保价[^。]{0,12}(理赔|不赔|拒赔)|不理赔|拒绝理赔/,
      /\b(supply chain|legal team|logistics team|finance team)\b|\b(insurance|insured)\b[^.!?]{0,60}\b(refus|reject|den(y|ied)|won'?t pay)|\b(factory|manufacturer|workshop) (involved|needs|must|should)\b|\binvestigation with the manufacturer\b|\bwith the (factory|manufacturer) to\b/,
    ],
    text: { 'zh-CN': '需跨部门协同（供应链、物流、法务、财务）', 'en-US': 'Needs another department (supply chain, logistics, legal, finance)' },
  },
  {
    // RISK-6: a customer's personal data leaked is a compliance matter before it is a refund.
    id: 'l2.cross.privacy',
    patterns: [
      /(个人信息|隐私|手机号|电话号码?|住址|家庭地址|身份证号?|订单信息)[^。!?]{0,12}(泄露|泄漏|外泄|被卖|卖给|公开)|(泄露|泄漏|倒卖|出卖)了?(我的?)?(个人信息|隐私|手机号|电话|住址|地址|身份证|订单信息)/,
      /\b(leak(ed|ing)?|sold|shared|exposed|published)\b[^.!?]{0,30}\b(my )?(personal|private) (data|information|details)\b|\bdata breach\b|\bmy (phone number|address|personal data) (was|has been|got) (leaked|sold|shared|exposed)\b/,
    ],
    text: { 'zh-CN': '客户反映个人信息泄露，需合规协同', 'en-US': 'Customer reports a leak of personal data: needs compliance' },
  },
];

export const REPEAT_CONTACT_RULE: PatternRule = {
  id: 'l2.repeat_contact',
  patterns: [
    /第\s*([三四五六七八九十]|[3-9]|\d{2,})\s*次(联系|找|打|来|反馈|反映|投诉|咨询|申请|问|催|说|了)/,
    /(联系|找|打了|打过|反馈|反映|问|催|投诉)了?\s*(你们|客服|售后|她|他|商家)?\s*([三四五六七八九十]|好几|很多|无数|n|[3-9]|\d{2,})\s*(次|遍|回)/,
    /(说了|讲了)(多少|无数|好几|n)遍/,
    /\b(third|fourth|fifth|sixth|\d+(rd|th)) time\b[^.!?]{0,20}\b(contact|writ|call|messag|ask|email|chas|report|reach)/,
    /\b(contacted|called|emailed|messaged|written to|chased|asked|reached out to)\b[^.!?]{0,25}\b(three|four|five|six|several|multiple|many|numerous|\d+) times\b/,
  ],
  text: { 'zh-CN': '重复来访：同一问题已多次联系', 'en-US': 'Repeated contact about the same problem' },
};
