// Emotion (S4 step 1.2: 普通诉求 / 高情绪诉求): "high" when the customer shouts, insults, or says they
// have had enough. Pure; the reasons name every signal that fired (TR-7).
import type { PatternRule } from './triage.match.ts';
import { matchRule, normalize, reason } from './triage.match.ts';
import type { Emotion, TriageReason } from './triage.vocabulary.ts';

export const EMOTION_RULES: readonly PatternRule[] = [
  {
    id: 'emotion.punctuation',
    // After NFKC ！？ read as !?: a run like !! ?? ?! or ！！！ (three exclamation marks in all count too).
    patterns: [/[!?]{2,}/],
    text: { 'zh-CN': '连续感叹号或问号', 'en-US': 'Repeated exclamation or question marks' },
  },
  {
    id: 'emotion.insult',
    patterns: [
      /骗子|垃圾(?!也|都|袋|桶|不|没|分类|清)|坑人|坑爹|坑我|无良|黑心(?!的)|奸商|恶心|滚(?!筒|动|轮|烫)|去死|傻[逼bx]|\bsb\b|脑残|智障|废物|不要脸|流氓|强盗|人渣|什么破|破玩意|偷钱|抢钱|挂羊头卖狗肉/,
      /\bscams?\b(?! calls?)|\bgarbage\b|\btrash\b|\bjunk\b|\bidiots?\b|\bmorons?\b|\buseless\b|\bpathetic\b|\bdisgusting\b|\bdisgraceful\b|\bliars?\b|\bthie(f|ves)\b|\btheft\b|\brip-?off\b|\bwtf\b|\bdamn\b|\bcrap\b|\bshit\b|\bfuck\w*|\bbs\b|\bclowns?\b/,
    ],
    text: { 'zh-CN': '辱骂或贬损用语', 'en-US': 'Insults' },
  },
  {
    id: 'emotion.anger',
    patterns: [
      /气死|(?<!空)气炸|太过分|过分了|欺人太甚|忍无可忍|受够了|岂有此理|什么态度|人话|欺负|敷衍|离谱|丧良心|没良心|再也不(买|来|会)|非常不满|极度不满|愤怒|(?<!不)生气|很气|火大|崩溃|烦死|要人命|吓死/,
      /\bunacceptable\b|\boutrageous\b|\bunbelievable\b|\bridiculous\b|\bfurious\b|\blivid\b|\b(very |so |really |extremely )?angry\b|\bpissed( off)?\b|\bfed up\b|\bsick (and tired )?of\b|\bnever (buying|again|shopping|ordering)\b|\bworst\b|\bhow dare\b|\bdisgrace\b/,
    ],
    text: { 'zh-CN': '明显的愤怒或不满表达', 'en-US': 'Explicit anger' },
  },
  {
    id: 'emotion.complain_to_you',
    patterns: [/(投诉|曝光|告)你们/, /\b(report(ing)?|expos(e|ing)|su(e|ing)) you\b/],
    text: { 'zh-CN': '表示要投诉/举报你们', 'en-US': 'Says they will report or expose you' },
  },
  {
    id: 'emotion.ultimatum',
    patterns: [
      /最后一次|最后通牒|再不(给我)?(处理|解决|回复|答复|退|赔|理)[^。.!?]{0,12}就/,
      /\blast (chance|warning|time i)\b|\bfinal warning\b|\bor else\b|\bif (you|this) (do(n't| not)|is(n't| not)) [^.!?]{0,40}\bi('ll| will)\b/,
    ],
    text: { 'zh-CN': '最后通牒（"最后一次"）', 'en-US': 'Ultimatum ("last chance")' },
  },
];

export const SHOUTING_RULE = {
  id: 'emotion.shouting',
  text: { 'zh-CN': '英文全大写（喊叫）', 'en-US': 'All-caps shouting' },
} as const;

/** Upper-case words that are names, not shouting. */
const ACRONYMS = new Set(
  'USB HDMI LED LCD OLED SKU VAT FTC BBB TV OK DHL UPS FEDEX USPS IPS APR ASAP SMS GDPR ICU SSD RAM CPU GPU NFC USA UK EU AI APP PDF PIN CVV QR AM PM ID ER IKEA SONY ASUS OPPO VIVO DJI IOS MAX PRO'.split(' '),
);

/** English shouting: a capitalised word of 4+ letters, or two of 3+, that is not an acronym. Chinese text is skipped (brand names). */
export function shoutedWords(original: string): string[] {
  if (/[\u3400-\u9fff]/.test(original)) return [];
  const caps = [...original.normalize('NFKC').matchAll(/\b[A-Z]{3,}\b/g)].map((m) => m[0]).filter((w) => !ACRONYMS.has(w));
  return caps.some((w) => w.length >= 4) || caps.length >= 2 ? caps : [];
}

export function assessEmotion(original: string): { emotion: Emotion; reasons: TriageReason[] } {
  const text = normalize(original);
  const reasons: TriageReason[] = [];
  for (const rule of EMOTION_RULES) {
    const words = matchRule(rule, text);
    const exclamations = (text.match(/!/g) ?? []).length;
    if (rule.id === 'emotion.punctuation' && words.length === 0 && exclamations >= 3) words.push(`!×${exclamations}`);
    if (words.length > 0) reasons.push(reason(rule, 'emotion', words));
  }
  const shouted = shoutedWords(original);
  if (shouted.length > 0) reasons.push(reason(SHOUTING_RULE, 'emotion', shouted));
  if (reasons.length > 0) return { emotion: 'high', reasons };
  return {
    emotion: 'normal',
    reasons: [reason({ id: 'emotion.calm', text: { 'zh-CN': '未发现高情绪信号', 'en-US': 'No sign of high emotion' } }, 'emotion')],
  };
}
