import { describe, expect, it } from 'vitest';
import { matchTemplate, type RankableTemplate, rankTemplates } from './reply.rank.ts';

let n = 0;
const t = (name: string, o: Partial<RankableTemplate> = {}): RankableTemplate => ({
  id: `t${String((n += 1)).padStart(2, '0')}`, name, locale: 'zh-CN', category: null, kind: null, state: null, severity: null, active: true, ...o,
});

const LOGISTICS_ACK = { category: 'logistics', severity: 'L3', kind: 'complaint', state: 'acknowledged' };

describe('reply template ranking (AN-5)', () => {
  it('exact category+state+kind first, then partial (category counts most), then generic', () => {
    const templates = [
      t('generic'),
      t('state only', { state: 'acknowledged' }),
      t('category only', { category: 'logistics' }),
      t('exact', { category: 'logistics', kind: 'complaint', state: 'acknowledged' }),
      t('category+state', { category: 'logistics', state: 'acknowledged' }),
      t('kind only', { kind: 'complaint' }),
    ];
    const ranked = rankTemplates(templates, LOGISTICS_ACK, 'zh-CN');
    expect(ranked.map((r) => r.template.name)).toEqual(['exact', 'category+state', 'category only', 'state only', 'kind only', 'generic']);
    expect(ranked.map((r) => r.match)).toEqual(['exact', 'partial', 'partial', 'partial', 'partial', 'generic']);
    expect(ranked[1]!.matched).toEqual(['category', 'state']);
  });

  it('a template naming another category, kind or state does not fit at all', () => {
    const templates = [
      t('quality ack', { category: 'product_quality', state: 'acknowledged' }),
      t('logistics evidence', { category: 'logistics', state: 'awaiting_customer' }),
      t('return plan', { kind: 'return_refund' }),
      t('logistics ack', { category: 'logistics', state: 'acknowledged' }),
    ];
    expect(rankTemplates(templates, LOGISTICS_ACK, 'zh-CN').map((r) => r.template.name)).toEqual(['logistics ack']);
    expect(matchTemplate({ category: 'logistics', severity: null, kind: null, state: null }, { ...LOGISTICS_ACK, category: null })).toBeNull();
  });

  it("puts the customer's language first", () => {
    const templates = [
      t('en exact', { locale: 'en-US', category: 'logistics', kind: 'complaint', state: 'acknowledged' }),
      t('zh generic'),
      t('zh ack', { state: 'acknowledged' }),
      t('en generic', { locale: 'en-US' }),
    ];
    expect(rankTemplates(templates, LOGISTICS_ACK, 'zh-CN').map((r) => r.template.name)).toEqual(['zh ack', 'zh generic', 'en exact', 'en generic']);
    expect(rankTemplates(templates, LOGISTICS_ACK, 'en-US').map((r) => r.template.name)).toEqual(['en exact', 'en generic', 'zh ack', 'zh generic']);
  });

  it('skips inactive templates and orders ties by name', () => {
    const templates = [t('乙', { state: 'acknowledged' }), t('甲', { state: 'acknowledged' }), t('停用', { state: 'acknowledged', active: false })];
    expect(rankTemplates(templates, LOGISTICS_ACK, 'zh-CN').map((r) => r.template.name)).toEqual(['甲', '乙']);
  });

  it('a template for a severity fits only cases of that severity, and ranks above one that names less', () => {
    const QUALITY = { category: 'product_quality', kind: 'complaint', state: 'submitted' };
    const templates = [
      t('safety', { category: 'product_quality', kind: 'complaint', severity: 'L1' }),
      t('quality complaint', { category: 'product_quality', kind: 'complaint' }),
      t('generic'),
    ];
    expect(rankTemplates(templates, { ...QUALITY, severity: 'L2' }, 'zh-CN').map((r) => r.template.name)).toEqual(['quality complaint', 'generic']);
    const urgent = rankTemplates(templates, { ...QUALITY, severity: 'L1' }, 'zh-CN');
    expect(urgent.map((r) => r.template.name)).toEqual(['safety', 'quality complaint', 'generic']);
    expect(urgent[0]).toMatchObject({ match: 'partial', matched: ['category', 'severity', 'kind'] });
    // Category, state and kind make a match exact, with or without a severity.
    const exact = rankTemplates([t('all four', { ...QUALITY, severity: 'L1' })], { ...QUALITY, severity: 'L1' }, 'zh-CN');
    expect(exact[0]!.match).toBe('exact');
  });
});
