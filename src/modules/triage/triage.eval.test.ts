// The held-out evaluation (corpus/triage/heldout.json, never trained on): the targets of the triage
// work are checked here, on a fixed set, so a corpus or feature change cannot quietly make them worse.
import { describe, expect, it } from 'vitest';
import { CASE_KINDS } from '../../shared/vocabulary.ts';
import { chooseHeldout, loadCorpus, loadHeldoutIds, splitCorpus } from './triage.corpus.ts';
import { evaluate } from './triage.eval.ts';
import { predict, trainModel } from './triage.model.ts';
import { CATEGORIES } from './triage.vocabulary.ts';

const corpus = loadCorpus();
const heldout = loadHeldoutIds();
const { train, test } = splitCorpus(corpus, heldout);

describe('corpus', () => {
  it('has at least 700 examples, 50 or more for each specific category, and every category', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(700);
    for (const category of CATEGORIES) {
      const n = corpus.filter((e) => e.category === category).length;
      expect(n, category).toBeGreaterThanOrEqual(category === 'other' ? 30 : 50);
    }
  });

  it('is about three quarters Chinese and one quarter English', () => {
    const zh = corpus.filter((e) => e.lang === 'zh-CN').length / corpus.length;
    expect(zh).toBeGreaterThan(0.65);
    expect(zh).toBeLessThan(0.85);
    for (const e of corpus) expect(/[\u4e00-\u9fff]/.test(e.text), e.id).toBe(e.lang === 'zh-CN');
  });

  it('has plenty of L1, L2 and high emotion, every kind, and no repeated text', () => {
    expect(corpus.filter((e) => e.severity === 'L1').length).toBeGreaterThanOrEqual(50);
    expect(corpus.filter((e) => e.severity === 'L2').length).toBeGreaterThanOrEqual(50);
    expect(corpus.filter((e) => e.emotion === 'high').length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map((e) => e.text)).size).toBe(corpus.length);
    for (const kind of CASE_KINDS) expect(corpus.some((e) => e.kind === kind), kind).toBe(true);
  });

  it('holds out about 20% of each category, with ids that exist', () => {
    for (const id of heldout) expect(corpus.some((e) => e.id === id), id).toBe(true);
    expect(test.length / corpus.length).toBeGreaterThan(0.15);
    expect(test.length / corpus.length).toBeLessThan(0.25);
    for (const category of CATEGORIES) expect(test.filter((e) => e.category === category).length, category).toBeGreaterThanOrEqual(10);
    expect(train.some((e) => heldout.has(e.id))).toBe(false);
  });

  it('chooses held-out ids deterministically', () => {
    expect(chooseHeldout(corpus)).toEqual(chooseHeldout([...corpus].reverse()));
  });
});

describe('held-out evaluation', () => {
  const model = trainModel(train);
  const ev = evaluate(test, model);

  it('reaches macro-F1 ≥ 0.85 on the categories', () => {
    expect(ev.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it('rarely calls a true L1 case L3 (at most 1, or 2% of L1)', () => {
    expect(ev.l1Total).toBeGreaterThanOrEqual(10);
    expect(ev.l1PredictedL3).toBeLessThanOrEqual(Math.max(1, Math.floor(ev.l1Total * 0.02)));
  });

  it('grades severity and emotion well and suggests a kind most of the time', () => {
    expect(ev.severityAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(ev.emotionAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(ev.kindAccuracy).toBeGreaterThanOrEqual(0.65);
  });

  it('trains deterministically: a second model predicts exactly the same', () => {
    const again = trainModel([...train].reverse());
    for (const e of test.slice(0, 40)) expect(predict(again, e.text)).toEqual(predict(model, e.text));
  });
});
