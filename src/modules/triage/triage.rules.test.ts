import { describe, expect, it } from 'vitest';
import { normalize } from './triage.match.ts';
import { assessSeverity } from './triage.rules.ts';
import type { SeverityFlags } from './triage.rules.ts';

const severity = (text: string, flags?: SeverityFlags) => assessSeverity(normalize(text), flags);
const rules = (text: string, flags?: SeverityFlags) => severity(text, flags).reasons.map((r) => r.rule);

describe('L1: personal safety, word group by word group (TR-2)', () => {
  it.each([
    ['l1.safety.electric', '电热水壶漏电，手碰到就麻了一下'],
    ['l1.safety.electric', '我老婆倒水的时候被电了一下'],
    ['l1.safety.electric', '摸水龙头有一点麻的感觉'],
    ['l1.safety.electric', 'The kettle gave me an electric shock'],
    ['l1.safety.fire', '充电器冒烟了差点起火'],
    ['l1.safety.fire', '电暖器昨晚自己着火了'],
    ['l1.safety.fire', '插座都烧黑了'],
    ['l1.safety.fire', 'The space heater caught fire last night'],
    ['l1.safety.fire', 'The adapter started smoking'],
    ['l1.safety.explosion', '充电宝在包里爆炸了'],
    ['l1.safety.explosion', '热水袋爆开了'],
    ['l1.safety.explosion', 'The power bank exploded on the train'],
    ['l1.safety.injury', '刀片弹出来把我手割伤了，缝了三针'],
    ['l1.safety.injury', '热油溅出来把孩子手臂烫伤了'],
    ['l1.safety.injury', '碎片飞出来划伤了我的脸'],
    ['l1.safety.injury', '柜子砸到我爸脚上，骨折了'],
    ['l1.safety.injury', 'The blade cut my finger and I needed stitches'],
    ['l1.safety.injury', 'She got a nasty burn from the curling iron'],
    ['l1.safety.health', '用了面霜第二天脸上过敏，红肿起疹子'],
    ['l1.safety.health', '吃完全家食物中毒住院了'],
    ['l1.safety.health', '小孩误食了积木的小零件'],
    ['l1.safety.health', 'My son had an allergic reaction to the sunscreen'],
    ['l1.safety.health', 'We got food poisoning and my dad was hospitalized'],
    ['l1.safety.gas', '燃气灶接口处漏气了，满屋子煤气味'],
    ['l1.safety.gas', 'I can smell gas around the hob'],
    ['l1.safety.foreign_object', '坚果里面吃出了玻璃渣'],
    ['l1.safety.foreign_object', 'We found glass shards in the baby food'],
  ])('%s fires for "%s"', (rule, text) => {
    expect(severity(text).severity).toBe('L1');
    expect(rules(text)).toContain(rule);
  });

  it.each([
    ['a charger that is only warm', '充电器充电的时候有点发热'],
    ['a heater that is hot to the touch', '取暖器开了两个小时外壳有点烫手'],
    ['a snack bag that lost its air', '零食有一袋漏气了，打开已经软了'],
    ['a scratched screen', '屏幕划伤了一道，能换吗'],
    ['a question about allergy', '这款面霜会不会过敏？'],
    ['a question about explosion', '请问这个充电宝会爆炸吗'],
    ['a denied leak', '没有漏电，就是不制冷'],
    ['a worry, not an event', '担心起火，能不能整晚插着'],
    ['being furious (气炸)', '我气炸了，快递还没到'],
    ['an air fryer that does not heat', '空气炸锅不加热'],
    ['a smoke alarm', '家里有烟雾报警器，想问能不能装'],
    ['a warm charger (English)', 'The charger gets a little warm, is that normal?'],
    ['a question (English)', 'Will it catch fire if I leave it on overnight?'],
    ['nobody hurt (English)', 'Nobody was hurt, the box was just dented'],
    ['a smoke detector that does not work', 'The smoke detector I bought does not beep'],
  ])('does not fire for %s', (_what, text) => {
    expect(severity(text).severity).toBe('L3');
  });
});

describe('media and regulators: involvement is L1, a threat is L2 (TR-2)', () => {
  it.each([
    '我已经投诉到12315了',
    '12315已经受理了我的投诉',
    '记者已经联系我了，准备报道',
    '我已经报警了',
    '视频已经发到抖音了，现在二十多万播放',
    '我已经向市场监管局举报，对方说已经立案',
    '市场监管局和网警都已经介入调查了',
    'I have already filed a complaint with the FTC',
    'A reporter from the local paper has already contacted me',
    "I've already filed a police report",
    '我打了12315，他们说会转给你们',
    '上周找过记者，今天还没人联系我',
    '微博上已经有好几千人转发我的帖子了',
  ])('L1 for "%s"', (text) => {
    expect(severity(text).severity).toBe('L1');
    expect(rules(text)).toContain('l1.authority.involved');
  });

  it.each([
    '不解决就去12315投诉',
    '我要去消协投诉你们',
    '再不处理我就曝光你们',
    '我会找媒体的',
    '如果三天内不给答复，我就向市场监管局举报',
    '多扣的钱再不退回来，我就去银行投诉，顺便打12315',
    "If this isn't fixed by Friday I will report you to the consumer protection agency",
    "Unless someone calls me today, I'm going to the press",
    '我已经准备向 12315 投诉了',
    '我已经打算去找记者曝光',
  ])('L2 threat for "%s"', (text) => {
    expect(severity(text).severity).toBe('L2');
    expect(rules(text)).toContain('l2.threat.authority');
    expect(rules(text)).not.toContain('l1.authority.involved');
  });

  it.each(['我要起诉你们', '已经在找律师了', '投诉到平台', 'I will sue you', "You'll be hearing from my lawyer", "I'm taking you to small claims court"])(
    'legal threats are L2: "%s"',
    (text) => {
      expect(severity(text).severity).toBe('L2');
      expect(rules(text)).toContain('l2.threat.legal');
    },
  );

  it.each([
    '取件请联系 13812315678',
    '运单号 SF1231578902，麻烦查一下',
    '订单号 2026112315000123 的商品有划痕',
    '听说空调有召回新闻了，我这台需要检修吗？',
    '看到你们的新闻说可以以旧换新',
    '我不是要投诉12315，只是想尽快换货',
    '12315能管这种事吗',
  ])('a number that contains a hotline, news that is not the press, a denied or asked step is not a regulator: "%s"', (text) => {
    expect(rules(text).filter((r) => r.includes('authority'))).toEqual([]);
  });

  it.each(['我要上新闻曝光你们', '不解决我就找新闻媒体'])('the press as a threat is L2: "%s"', (text) => {
    expect(rules(text)).toContain('l2.threat.authority');
  });

  it.each(['在抖音直播间买的衣服，尺码偏小', '家里有烟雾报警器', '工商银行的卡付不了款'])('a platform or bank name is not a regulator: "%s"', (text) => {
    expect(severity(text).severity).toBe('L3');
  });

  it('involvement wins over a threat in the same message', () => {
    const r = severity('客服威胁要曝光我的住址，我已经报警了');
    expect(r.severity).toBe('L1');
    expect(r.reasons.map((x) => x.rule)).toEqual(expect.arrayContaining(['l1.authority.involved', 'l2.threat.authority']));
  });
});

describe('L2: cross-department work (TR-2, TR-3)', () => {
  it.each([
    ['l2.cross.custom_size', '定制的实木餐桌尺寸不符，订的是1.6米，收到只有1.4米'],
    ['l2.cross.custom_size', '定做的窗帘尺寸全做错了'],
    ['l2.cross.custom_size', "The custom-made curtains don't match the measurements I submitted"],
    ['l2.cross.batch', '从你们这里进的这一批床垫全部都有异味'],
    ['l2.cross.batch', '公司团购的50个保温杯，至少20个漏水'],
    ['l2.cross.batch', '我们班十几个家长都买了，吸管都开裂'],
    ['l2.cross.batch', 'We ordered 200 mugs and the whole batch has hairline cracks'],
    ['l2.cross.counterfeit', '这耳机绝对是假货，序列号查不到'],
    ['l2.cross.counterfeit', '怀疑神仙水是假的，申请鉴定'],
    ['l2.cross.counterfeit', 'These AirPods are counterfeit'],
    ['l2.cross.department', '需要物流公司出具证明并一起定损'],
    ['l2.cross.department', '快递公司一直拖着不理赔'],
    ['l2.cross.department', 'This needs someone from your supply chain'],
    ['l2.cross.privacy', '你们泄露了我的个人信息，天天接到骚扰电话'],
    ['l2.cross.privacy', '我的手机号和住址被卖给了推销的'],
    ['l2.cross.privacy', 'You leaked my personal data to a spammer'],
  ])('%s fires for "%s"', (rule, text) => {
    expect(severity(text).severity).toBe('L2');
    expect(rules(text)).toContain(rule);
  });

  it.each(['想批量采购50台显示器，有企业优惠吗', '物流单号是假的吗，查不到信息', '定制的商品能不能加急', '怎么修改我的个人信息', '收货地址填错了能改吗'])('no cross-department signal in "%s"', (text) => {
    expect(severity(text).severity).toBe('L3');
  });
});

describe('L2: repeated contact', () => {
  it.each(['这是我第三次联系你们了', '问了你们好几次了还是没结果', '退货的事已经联系客服五次了', 'This is the third time I am contacting you', "I've contacted you five times about this"])(
    'text: "%s"',
    (text) => {
      expect(severity(text).severity).toBe('L2');
      expect(rules(text)).toContain('l2.repeat_contact');
    },
  );

  it('two or more earlier contacts count, one does not', () => {
    expect(severity('快递还没到', { previousContacts: 2 })).toMatchObject({ severity: 'L2' });
    expect(severity('快递还没到', { previousContacts: 2 }).reasons[0]).toMatchObject({ rule: 'l2.repeat_contact', matched: ['previousContacts=2'] });
    expect(severity('快递还没到', { previousContacts: 1 }).severity).toBe('L3');
  });

  it.each(['这是第二次联系了', '催了三天了还没发货', '上门取件约了三次都没来'])('not repeated contact: "%s"', (text) => {
    expect(severity(text).severity).toBe('L3');
  });
});

describe('group complaint, routine cases and reasons', () => {
  it('a group complaint flag from the incident module is L1', () => {
    const r = severity('吸管开裂', { groupComplaint: true });
    expect(r.severity).toBe('L1');
    expect(r.reasons.map((x) => x.rule)).toContain('l1.group_complaint');
  });

  it.each(['衣服尺码不合适，想退货', '快递三天了还没到', 'The jeans are too small, I want to exchange them', 'My package is two days late'])('routine: "%s"', (text) => {
    const r = severity(text);
    expect(r.severity).toBe('L3');
    expect(r.reasons).toEqual([expect.objectContaining({ rule: 'l3.routine', field: 'severity' })]);
  });

  it('every reason names its rule, the words that fired it, and says why in both languages', () => {
    const r = severity('充电器冒烟了，我已经投诉到12315，不行就起诉');
    for (const reason of r.reasons) {
      expect(reason.field).toBe('severity');
      expect(reason.text['zh-CN'].length).toBeGreaterThan(0);
      expect(reason.text['en-US'].length).toBeGreaterThan(0);
    }
    expect(r.reasons.find((x) => x.rule === 'l1.safety.fire')?.matched).toEqual(['冒烟']);
    expect(r.reasons.find((x) => x.rule === 'l1.authority.involved')?.matched).toEqual(['12315']);
    expect(r.reasons.find((x) => x.rule === 'l2.threat.legal')?.matched).toEqual(['起诉']);
  });
});
