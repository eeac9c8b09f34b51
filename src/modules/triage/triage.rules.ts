// Severity rules (TR-2, S4 step 1.3), zh-CN and English, each named so a decision says which one fired
// (TR-7). Pure: the result is a function of the text and the two flags.
//   L1 urgent  — personal safety (漏电 / 起火 / 受伤 …), media or regulator already involved
//                (已经投诉到12315 / 记者已经联系我 / 已经报警), or a group complaint (set by incidents, TR-6).
//   L2 complex — a threat to go to the consumer association / 12315 / court / the media if not resolved,
//                a case that needs another department (custom size mismatch, a batch or bulk problem,
//                counterfeit checks, carrier claims), or repeated contact (≥2 earlier contacts).
//   L3 routine — everything else (single item return/exchange, logistics delay …).
// A safety word that is denied or asked about (没有漏电 / 会不会爆炸 / will it catch fire) does not fire,
// and mild symptoms are not safety: 有点发热 / 有点烫手 are L3, 冒烟 / 烫伤 are L1.
import type { Severity } from '../../shared/vocabulary.ts';
import type { Hit, PatternRule } from './triage.match.ts';
import { clauseAround, hits, reason, unique } from './triage.match.ts';
import { CROSS_DEPARTMENT_RULES, REPEAT_CONTACT_RULE } from './triage.rules.l2.ts';
import type { TriageReason } from './triage.vocabulary.ts';

export { CROSS_DEPARTMENT_RULES, REPEAT_CONTACT_RULE } from './triage.rules.l2.ts';

export const SAFETY_RULES: readonly PatternRule[] = [
  {
    id: 'l1.safety.electric',
    patterns: [/漏电|触电|被电(了|到|一下)|电到(我|手|人)|电了一下|手(都|到现在|还是|一直)*麻|麻了(一下|好几秒|半天)|麻的感觉|发麻|麻手/, /\belectric(al)? shock|\b(got )?shocked (me|him|her)\b|electrocut\w*/],
    text: { 'zh-CN': '人身安全：漏电、触电', 'en-US': 'Personal safety: electric leakage or shock' },
  },
  {
    id: 'l1.safety.fire',
    patterns: [
      /起火|着火|失火|烧起来|火苗|火花|冒火|自燃|烧焦|烧黑|烧化|熔了|熔化|黑烟|冒烟|烧了一(块|个|片)|消防/,
      /\b(caught|catch(es)?|on|started( a)?|set) fire\b|\bfire (department|brigade|alarm went)|\bflames?\b|\bspark(s|ed|ing)?\b|\bsmok(e|ed|ing)\b(?! detectors?)/,
    ],
    text: { 'zh-CN': '人身安全：起火、冒烟', 'en-US': 'Personal safety: fire or smoke' },
  },
  {
    id: 'l1.safety.explosion',
    patterns: [/爆炸|(?<!气)炸(了|开|伤|裂)|爆(了|开)/, /\bexplo(de|ded|des|sion)\b|\bblew up\b|\bburst\b/],
    text: { 'zh-CN': '人身安全：爆炸', 'en-US': 'Personal safety: explosion' },
  },
  {
    id: 'l1.safety.injury',
    patterns: [
      /受伤|摔伤|扭伤|砸伤|骨折|割伤|烫伤|炸伤|夹伤|流血|出血|缝了?\s*[\d一二三四五六七八九十几]*\s*针|摔倒|跌倒|水泡|撞到了?(人|我|孩子|小孩)|烫(了|出|起)[^,。]{0,6}泡/,
      /划(伤|破)了?(我|他|她|孩子|宝宝)?的?(手|脸|皮|嘴|牙龈|手指|腿|脚)|(手|手指|脸|嘴里?|牙龈|腿|脚)[^,。]{0,3}(划|割)(伤|破)/,
      /\binjur(y|ies|ed)\b|\bhurt (me|my|him|her|them|himself|herself|myself|our|his)\b|\bcut (my|his|her|our) \w+|\bstitches\b|\bbleed(ing)?\b|\bfractur(e|ed)\b|\bbroke (my|his|her) (arm|leg|foot|wrist|ankle)/,
      /\bburn(ed|t|s)? (my|his|her|our|him|me)\b|\bburns\b|\b(a|nasty|bad|severe|serious|painful) burns?\b|\bscald(ed|s)?\b|\bblisters?\b/,
    ],
    text: { 'zh-CN': '人身安全：受伤', 'en-US': 'Personal safety: injury' },
  },
  {
    id: 'l1.safety.health',
    patterns: [
      /过敏|红肿|起了?红?疹|皮炎|中毒|上吐下泻|呕吐|腹泻|拉肚子|头晕|呼吸困难|窒息|卡住喉咙|卡喉|误食|误吞|吞下|住院|医院|急诊|送医|就医|输液|打了针/,
      /\ballergic\b|\brash\b|\bhives\b|\bpoison\w*|\bhospital\w*|\bemergency room\b|\bswallowed\b|\bchok(ed|ing)\b|\bvomit\w*|\bdiarrh\w*|can'?t breathe/,
    ],
    text: { 'zh-CN': '人身安全：过敏、中毒、就医', 'en-US': 'Personal safety: allergic reaction, poisoning or hospital' },
  },
  {
    id: 'l1.safety.gas',
    patterns: [/(燃气|煤气|天然气|灶|气罐|阀门|接口)[^。]{0,10}漏气|煤气味|燃气味|燃气泄漏|煤气泄漏/, /\bgas leak|\bsmell(ed|s)? (of )?gas\b/],
    text: { 'zh-CN': '人身安全：燃气泄漏', 'en-US': 'Personal safety: gas leak' },
  },
  {
    id: 'l1.safety.foreign_object',
    patterns: [/玻璃渣|玻璃碴|碎玻璃|金属片|金属丝|铁钉/, /\b(glass|metal) (shards?|pieces?|fragments?)\b|\bshards? of (glass|metal)\b/],
    text: { 'zh-CN': '人身安全：食品中有玻璃、金属等异物', 'en-US': 'Personal safety: glass or metal in food' },
  },
];

/** A safety word that is denied or asked about: 没有漏电, 会不会爆炸, 担心起火, 会爆炸吗, won't catch fire. */
const DENIED_ZH = /(没有|没|不会|会不会|是否|有没有|担心|害怕|怕|以免|避免|防止)(发生|出现|有|会)?$/;
const DENIED_EN = /\b(no|not|never|without|nobody|no one|won'?t|wouldn'?t|doesn'?t|didn'?t|isn'?t|can'?t|could|will it|does it|is it|might|may|risk of|afraid|worried)( [\w']+){0,2} ?$/;
const ASKED_ZH = /^[^,。!?]{0,6}(吗|么|嘛)/;

function affirmed(text: string, hit: Hit): boolean {
  const { before, after } = clauseAround(text, hit);
  return !DENIED_ZH.test(before) && !DENIED_EN.test(before) && !ASKED_ZH.test(after);
}

// Media and regulators (TR-2 L1 when already involved, L2 when only threatened).
const AUTHORITY = [
  // The hotlines only as numbers of their own (13812315678, SF1231578902 are not 12315); 新闻 only
  // as the press (上新闻, 新闻媒体), not "news of a recall" or "your news said".
  /(?<!\d)(12315|12345)(?!\d)|消协|消费者协会|市场监管|市监局|工商(局|部门|所)|监管部门|质监|网信办|人民银行|银保监|金融监管|黑猫投诉|记者|媒体|电视台|报社|(上|找|捅到|发到|登)新闻|新闻(媒体|记者|热线|频道|台|曝光)|热搜|曝光|网警|民警|警方|警察|派出所|报警(?!器)/,
  /(发到|发在|发了?|上了?)(微博|抖音|小红书|朋友圈|网上)|(微博|抖音|小红书)(上)?(曝光|热搜)/,
  // A post already spreading: 微博上已经有好几千人转发我的帖子了.
  /(几千|几万|上万|好几千|好几万|成千上万|\d{3,})(个)?(人|次)?(转发|播放|阅读|点赞)/,
  /\bftc\b|attorney general|trading standards|consumer (protection|affairs|association|council|agency|rights)|better business bureau|\bbbb\b|data protection (authority|commissioner|office)|\bregulators?\b|\bpolice\b|\bjournalists?\b|\breporters?\b|\bthe press\b|\bmedia\b|\b(tv|news) station\b|\bnewspaper\b|\blocal (paper|news)\b|went viral/,
];
/** Already happened: 已经投诉到12315 / 12315已经受理 / 记者联系我了 / has already contacted me / filed a report. */
const INVOLVED_BEFORE = /已经|已|刚刚|刚才|\balready\b|\b(have|has|had|i've|we've|they've)( \w+)? (filed|reported|contacted|called|gone|taken|spoken|posted|complained)\b|\bfiled\b|\breported\b|\bcontacted\b/;
const INVOLVED_AFTER = /^[^,。!?]{0,40}(已经|已|受理|立案|介入|联系(过)?我|来过|采访|报道|播放|热搜|笔录|打电话来|核实|调查|转给|already|contacted me|interviewed|opened|investigat|involved|picked up|views)/;
/** Only threatened: 不解决就去12315 / 我要曝光 / if … I'll report you. */
const THREAT = /要|会(?!员)|就|准备|打算|将|再不|不然|否则|如果|要是|不给|不解决|不处理|考虑|等着|直接去|\b(will|'ll|going to|gonna|unless|if|otherwise|or else|or i|next step)\b/;
/** A denied step: 我不是要投诉到 / 不想找 / 没打算报 (the hotline or office follows). */
const AUTHORITY_DENIED = /(不是|不会|没有|没|不想|不打算|没打算|并不|并没有)(要|想|打算)?(去)?(投诉(到|给)?|找|打给?|联系|报给?|向)?$/;
/** A weak sign the step was taken: a 了 right after (我投诉到12315了). */
const DONE_AFTER = /^[^,。!?]{0,6}了/;
/** The step taken, said by its verb right before: 我打了12315 / 找过记者 / 去过消协. */
const DONE_BEFORE = /(打了|打过|拨打了|拨打过|找了|找过|投诉了|投诉过|举报了|举报过|报了|报过|联系了|联系过|反映了|反映过|去了|去过)[^,，。!?]{0,4}$/;

/** Where the last match of `pattern` in `text` starts, or -1. */
function lastMatchAt(pattern: RegExp, text: string): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))) at = m.index;
  return at;
}

/**
 * Whether the words before a hotline, regulator or the press say the step was taken: 已经投诉到,
 * 我打了. An intention after 已经 (我已经准备/打算向12315投诉) is still only a threat.
 */
function takenBefore(before: string): boolean {
  if (DONE_BEFORE.test(before)) return true;
  const involved = lastMatchAt(INVOLVED_BEFORE, before);
  return involved >= 0 && lastMatchAt(THREAT, before) < involved;
}

export const AUTHORITY_INVOLVED_RULE = {
  id: 'l1.authority.involved',
  text: { 'zh-CN': '媒体或监管机构已介入（已投诉至12315、记者已联系、已报警等）', 'en-US': 'Media or a regulator already involved (complaint filed, reporter in contact, police report)' },
} as const;
export const AUTHORITY_THREAT_RULE = {
  id: 'l2.threat.authority',
  text: { 'zh-CN': '客户表示不解决将投诉至消协/12315/监管部门或媒体曝光', 'en-US': 'Customer threatens to go to the consumer association, a regulator or the media' },
} as const;
export const LEGAL_THREAT_RULE: PatternRule = {
  id: 'l2.threat.legal',
  patterns: [/起诉|律师|打官司|诉讼|法院|法律途径|投诉到平台|去银行投诉/, /\blawyers?\b|\battorney(?! general)\b|\bsu(e|ing)\b|\blegal action\b|\bsmall claims\b|\bcourt\b|\blawsuit\b/],
  text: { 'zh-CN': '客户表示将起诉、找律师或向平台/银行投诉', 'en-US': 'Customer threatens legal action' },
};
export const GROUP_COMPLAINT_RULE = {
  id: 'l1.group_complaint',
  text: { 'zh-CN': '群体性投诉（≥5位客户反映同一问题）', 'en-US': 'Group complaint (≥5 customers, same problem)' },
} as const;
export const ROUTINE_RULE = {
  id: 'l3.routine',
  text: { 'zh-CN': '常规诉求：未命中一级或二级信号', 'en-US': 'Routine: no L1 or L2 signal' },
} as const;

/** Authority mentions split into involvement (L1) and threats (L2). */
export function authoritySignals(text: string): { involved: string[]; threatened: string[] } {
  const involved: string[] = [];
  const threatened: string[] = [];
  for (const hit of hits(AUTHORITY, text)) {
    const { before, after } = clauseAround(text, hit);
    // 我不是要投诉12315 / 12315能管吗: neither a step taken nor a threat.
    if (AUTHORITY_DENIED.test(before) || !affirmed(text, hit)) continue;
    const strong = takenBefore(before) || INVOLVED_AFTER.test(after);
    if (strong || (!THREAT.test(before) && DONE_AFTER.test(after))) involved.push(hit.word);
    else threatened.push(hit.word);
  }
  return { involved: unique(involved), threatened: unique(threatened) };
}

export function safetySignals(text: string): { rule: PatternRule; matched: string[] }[] {
  return SAFETY_RULES.map((rule) => ({ rule, matched: unique(hits(rule.patterns, text).filter((h) => affirmed(text, h)).map((h) => h.word)) })).filter(
    (s) => s.matched.length > 0,
  );
}

export interface SeverityFlags {
  groupComplaint?: boolean;
  previousContacts?: number;
}

/** Severity of a normalized text, with every signal that fired. */
export function assessSeverity(text: string, flags: SeverityFlags = {}): { severity: Severity; reasons: TriageReason[] } {
  const l1: TriageReason[] = [];
  const l2: TriageReason[] = [];
  for (const s of safetySignals(text)) l1.push(reason(s.rule, 'severity', s.matched));
  const authority = authoritySignals(text);
  if (authority.involved.length > 0) l1.push(reason(AUTHORITY_INVOLVED_RULE, 'severity', authority.involved));
  if (flags.groupComplaint) l1.push(reason(GROUP_COMPLAINT_RULE, 'severity'));
  if (authority.threatened.length > 0) l2.push(reason(AUTHORITY_THREAT_RULE, 'severity', authority.threatened));
  const legal = unique(hits(LEGAL_THREAT_RULE.patterns, text).map((h) => h.word));
  if (legal.length > 0) l2.push(reason(LEGAL_THREAT_RULE, 'severity', legal));
  for (const rule of CROSS_DEPARTMENT_RULES) {
    const words = unique(hits(rule.patterns, text).map((h) => h.word));
    if (words.length > 0) l2.push(reason(rule, 'severity', words));
  }
  const repeated = unique(hits(REPEAT_CONTACT_RULE.patterns, text).map((h) => h.word));
  if ((flags.previousContacts ?? 0) >= 2) repeated.unshift(`previousContacts=${flags.previousContacts}`);
  if (repeated.length > 0) l2.push(reason(REPEAT_CONTACT_RULE, 'severity', repeated));
  if (l1.length > 0) return { severity: 'L1', reasons: [...l1, ...l2] };
  if (l2.length > 0) return { severity: 'L2', reasons: l2 };
  return { severity: 'L3', reasons: [reason(ROUTINE_RULE, 'severity')] };
}
