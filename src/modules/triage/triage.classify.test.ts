import { describe, expect, it } from 'vitest';
import { classify } from './triage.classify.ts';
import { REASON_FIELDS } from './triage.vocabulary.ts';

describe('category: certain rules override the model (TR-1)', () => {
  it.each([
    ['privacy', '刚下单就接到骚扰电话，我的个人信息是不是被泄露了'],
    ['privacy', '有人冒充你们客服给我打电话，知道我的订单号'],
    ['privacy', 'Did you sell my personal data? I get spam calls every day'],
    ['payment', '同一个订单扣款两次，赶紧退回来'],
    ['payment', '支付失败了但是银行卡已经扣了钱'],
    ['payment', 'I was charged twice for the same order'],
  ] as const)('%s: "%s"', (category, text) => {
    const r = classify({ text });
    expect(r.category).toBe(category);
    expect(r.categoryConfidence).toBe(1);
    expect(r.reasons.find((x) => x.field === 'category')?.rule).toBe(`category.${category}`);
  });

  it('privacy comes before payment', () => {
    expect(classify({ text: '信息泄露以后我的信用卡被盗刷了' }).category).toBe('privacy');
  });

  it('a gas leak (燃气泄漏) is not a privacy leak', () => {
    expect(classify({ text: '燃气泄漏，满屋子都是煤气味' }).category).not.toBe('privacy');
  });

  it.each([
    ['product_quality', '刚买的冰箱不制冷了，冷藏室一直是常温'],
    ['not_as_described', '连衣裙实物和图片色差太大，详情页写的是雾霾蓝'],
    ['logistics', '快递一个星期了还没到，物流信息一直不更新'],
    ['return_process', '退货申请被商家驳回了，吊牌都还在'],
    ['service_attitude', '客服态度太差了，问了三句就不理人'],
    ['process_error', '下单送的赠品没有收到，订单详情里写着有'],
    ['other', '请问你们支持开增值税专用发票吗'],
    ['logistics', 'The parcel has been stuck at the sorting center for a week'],
    ['service_attitude', 'The support agent was rude and closed the chat on me'],
  ] as const)('the model decides the rest: %s for "%s"', (category, text) => {
    const r = classify({ text });
    expect(r.category).toBe(category);
    expect(r.categoryConfidence).toBeGreaterThan(0.3);
    expect(r.reasons.find((x) => x.field === 'category')).toMatchObject({ rule: 'category.model' });
  });
});

describe('kind suggestion', () => {
  it.each([
    ['return_refund', '质量太差了，我要退货退款'],
    ['exchange', '尺码小了，麻烦换货'],
    ['repair', '空调不制热了，还在保修期内能上门修一下吗'],
    ['reship', '少发了一件，麻烦补发'],
    ['price_protection', '买完第二天就降价了，能申请价保吗'],
    ['refund_only', '水果全烂了，申请仅退款'],
    ['tech_support', '新买的路由器怎么设置'],
    ['exchange', 'Can I get a replacement? The earbud stopped working'],
    ['repair', 'It is under warranty, how do I get it repaired?'],
    ['price_protection', 'The price dropped $50 two days after I bought it'],
  ] as const)('rule: %s for "%s"', (kind, text) => {
    const r = classify({ text });
    expect(r.kind).toBe(kind);
    expect(r.reasons.find((x) => x.field === 'kind')?.rule).toBe(`kind.${kind}`);
  });

  it.each([
    ['logistics_exception', '快递一直没到，物流也不更新'],
    ['consultation', '请问怎么开发票？'],
    ['complaint', '我要投诉你们的客服，态度太差了'],
    ['logistics_exception', 'My package is stuck in transit for ten days'],
  ] as const)('model: %s for "%s"', (kind, text) => {
    const r = classify({ text });
    expect(r.kind).toBe(kind);
    expect(r.reasons.find((x) => x.field === 'kind')?.rule).toBe('kind.model');
  });

  it('when several requests match, the model chooses among them', () => {
    const r = classify({ text: '商家只同意换货不同意退货，我就想退货退款' });
    expect(['exchange', 'return_refund']).toContain(r.kind);
  });

  it('keeps a known kind hint and ignores an unknown one', () => {
    expect(classify({ text: '快递一直没到', kindHint: 'complaint' })).toMatchObject({ kind: 'complaint' });
    expect(classify({ text: '快递一直没到', kindHint: 'complaint' }).reasons.find((x) => x.field === 'kind')?.rule).toBe('kind.hint');
    expect(classify({ text: '快递一直没到', kindHint: 'nonsense' }).kind).toBe('logistics_exception');
  });
});

describe('the whole decision', () => {
  it('an L1 safety case, calm', () => {
    expect(classify({ text: '充电器冒烟了差点起火', channel: 'web' })).toMatchObject({ category: 'product_quality', severity: 'L1', emotion: 'normal', priority: 'P1' });
  });

  it('an English L2 threat from an angry gold member', () => {
    const r = classify({ text: "Third refund request!!! If I don't get my money back I'll sue you.", tier: 'gold' });
    expect(r).toMatchObject({ severity: 'L2', emotion: 'high', priority: 'P1' });
  });

  it('a routine English case', () => {
    expect(classify({ text: 'My package is two days late, any update?', tier: 'regular' })).toMatchObject({ category: 'logistics', severity: 'L3', emotion: 'normal', priority: 'P4' });
  });

  it('passes group complaints and repeated contacts on to severity', () => {
    expect(classify({ text: '吸管开裂', groupComplaint: true }).severity).toBe('L1');
    expect(classify({ text: '快递还没到', previousContacts: 3 }).severity).toBe('L2');
  });

  it('gives reasons for every field (TR-7)', () => {
    const r = classify({ text: '客服态度太差了！！我已经投诉到12315了', tier: 'platinum' });
    for (const field of REASON_FIELDS) expect(r.reasons.some((x) => x.field === field)).toBe(true);
    for (const reason of r.reasons) {
      expect(reason.rule).toMatch(/^[a-z0-9_.]+$/);
      expect(reason.text['zh-CN']).not.toBe('');
      expect(reason.text['en-US']).not.toBe('');
    }
  });

  it('is deterministic: the same text gives the same result', () => {
    const text = '买的羽绒服跑绒严重，客服还不理人，再不处理我就去消协投诉！！';
    expect(classify({ text, tier: 'silver' })).toEqual(classify({ text, tier: 'silver' }));
  });

  it('copes with an empty or punctuation-only text', () => {
    expect(classify({ text: '' }).severity).toBe('L3');
    expect(classify({ text: '？？？' }).emotion).toBe('high');
  });
});
