import { describe, expect, it } from 'vitest';
import { normalizeText, searchTokens, segment } from './triage.segment.ts';

describe('segmentation', () => {
  it('cuts Chinese into words and drops punctuation', () => {
    const words = segment('充电器漏电了！！！差点起火，我要投诉到12315');
    expect(words).toContain('漏电');
    expect(words).toContain('起火');
    expect(words).toContain('投诉');
    expect(words).toContain('12315');
    expect(words.some((w) => /[！，]/.test(w))).toBe(false);
  });

  it('treats English words and full-width characters alike', () => {
    expect(segment('The charger is BROKEN')).toEqual(['the', 'charger', 'is', 'broken']);
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
  });

  it('adds the shorter parts of long words for search', () => {
    const tokens = searchTokens('中华人民共和国的退货运费险怎么理赔');
    expect(tokens).toContain('人民');
    expect(tokens).toContain('共和国');
    expect(tokens).toContain('运费险');
    expect(tokens).toContain('理赔');
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
