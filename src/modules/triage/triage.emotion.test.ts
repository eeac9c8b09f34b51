import { describe, expect, it } from 'vitest';
import { assessEmotion, shoutedWords } from './triage.emotion.ts';

const rulesOf = (text: string) => assessEmotion(text).reasons.map((r) => r.rule);

describe('high emotion (S4 step 1.2)', () => {
  it.each([
    ['emotion.punctuation', '快递一个星期了还没到！！！'],
    ['emotion.punctuation', '这是要出人命吗？？？'],
    ['emotion.punctuation', '钱呢??'],
    ['emotion.punctuation', 'Where is my package?!'],
    ['emotion.punctuation', 'Refund me! Now! I mean it!'],
    ['emotion.insult', '骗子客服，说好的退差价不认账'],
    ['emotion.insult', '垃圾手机，用了一周就坏'],
    ['emotion.insult', '无良商家，售后就装死'],
    ['emotion.insult', '什么破质量'],
    ['emotion.insult', 'This is a scam'],
    ['emotion.insult', 'Your support team are useless idiots'],
    ['emotion.anger', '气死我了，沟通了一个小时'],
    ['emotion.anger', '我非常生气，等了四十分钟没人接'],
    ['emotion.anger', 'I am very angry about this'],
    ['emotion.anger', '客服这是什么态度'],
    ['emotion.anger', '我对处理结果非常不满'],
    ['emotion.anger', 'This is completely unacceptable'],
    ['emotion.anger', "I'm fed up with being passed around"],
    ['emotion.complain_to_you', '我要投诉你们这个客服'],
    ['emotion.ultimatum', '这是我最后一次联系你们'],
    ['emotion.ultimatum', 'This is your last chance to fix it'],
    ['emotion.ultimatum', '你们再不处理我就去12315投诉'],
    ['emotion.ultimatum', '三天内再不给我退款就法院见'],
    ['emotion.ultimatum', "If you don't refund me by Friday I will file a chargeback"],
    ['emotion.shouting', 'The agent HUNG UP on me'],
    ['emotion.shouting', 'Tracking says DELIVERED but nothing is here'],
  ])('%s: "%s"', (rule, text) => {
    const r = assessEmotion(text);
    expect(r.emotion).toBe('high');
    expect(r.reasons.map((x) => x.rule)).toContain(rule);
  });

  it.each([
    ['a calm request', '衬衫第一次洗就缩水了，申请退货'],
    ['a single question mark', '请问什么时候发货？'],
    ['a single exclamation mark', '谢谢你们！'],
    ['an air fryer (空气炸锅 is not 气炸)', '空气炸锅第一次用有点塑料味'],
    ['literal rubbish (垃圾也不带走)', '安装师傅装完就走，垃圾也不带走'],
    ['a fruit with a black core (黑心的)', '买的牛油果全是黑心的'],
    ['a drum washing machine (滚筒)', '滚筒洗衣机脱水声音大'],
    ['a scam call about a data leak', 'I keep getting scam calls since my order'],
    ['a calm report to the regulator', '我已经向市场监管局举报，请尽快处理'],
    ['acronyms', 'The USB port and the HDMI port do not work'],
    ['brand names in Chinese text', 'OPPO 手机充电口接触不良'],
    ['a fault that comes back (再不能开机)', '充了一晚上电再不能开机了，怎么办'],
    ['a condition that is not a threat', 'If the size is not right I will send it back, is that ok'],
  ])('normal for %s', (_what, text) => {
    const r = assessEmotion(text);
    expect(r.emotion).toBe('normal');
    expect(r.reasons).toEqual([expect.objectContaining({ rule: 'emotion.calm', field: 'emotion' })]);
  });

  it('counts three exclamation marks even when they are apart', () => {
    expect(assessEmotion('退钱! 马上! 现在!').reasons[0]).toMatchObject({ rule: 'emotion.punctuation', matched: ['!×3'] });
  });

  it('full-width punctuation reads like ASCII', () => {
    expect(rulesOf('怎么还没到？？')).toEqual(['emotion.punctuation']);
  });

  it('finds shouted words only in English text and not acronyms', () => {
    expect(shoutedWords('You charged me THREE TIMES')).toEqual(['THREE', 'TIMES']);
    expect(shoutedWords('The LED on the USB hub is off')).toEqual([]);
    expect(shoutedWords('HUAWEI 手机')).toEqual([]);
    expect(shoutedWords('Fix it NOW')).toEqual([]);
  });
});
