import { describe, expect, it } from 'vitest';
import { features } from './triage.features.ts';
import { predictSoftmax, strongestFeatures, trainModel, trainSoftmax } from './triage.model.ts';
import type { LabelledExample } from './triage.corpus.ts';

const LABELS = ['fruit', 'tool'] as const;
const docs = [
  { features: ['w:apple', 'w:red'], label: 'fruit' as const },
  { features: ['w:banana', 'w:yellow'], label: 'fruit' as const },
  { features: ['w:hammer', 'w:steel'], label: 'tool' as const },
  { features: ['w:saw', 'w:steel'], label: 'tool' as const },
];

describe('softmax regression', () => {
  it('learns separable data and gives probabilities that sum to 1', () => {
    const model = trainSoftmax(LABELS, docs);
    const p = predictSoftmax(model, ['w:apple']);
    expect(p.label).toBe('fruit');
    expect(p.probabilities.fruit + p.probabilities.tool).toBeCloseTo(1, 10);
    expect(predictSoftmax(model, ['w:steel']).label).toBe('tool');
  });

  it('ignores unknown features and falls back on the bias', () => {
    const model = trainSoftmax(LABELS, docs);
    expect(predictSoftmax(model, ['w:unknown'])).toEqual(predictSoftmax(model, []));
  });

  it('leaves out labels with no example', () => {
    expect(trainSoftmax(['fruit', 'tool', 'toy'] as const, docs).labels).toEqual(['fruit', 'tool']);
  });

  it('names the features that speak for a label', () => {
    const model = trainSoftmax(LABELS, docs);
    expect(strongestFeatures(model, ['w:steel', 'w:apple'], 'tool')).toEqual(['steel']);
  });
});

describe('triage features and model', () => {
  it('uses words, character bigrams, English bigrams and cue words', () => {
    const f = features('快递员把包裹弄丢了 The courier lost it');
    expect(f).toEqual(expect.arrayContaining(['w:快递员', 'b:包裹', 'e:courier lost', 'c:logistics']));
    expect(new Set(f).size).toBe(f.length);
  });

  it('trains on a few examples per category and predicts a category and a kind', () => {
    const examples: LabelledExample[] = [
      { id: 'a', text: '快递一直没到', lang: 'zh-CN', category: 'logistics', severity: 'L3', emotion: 'normal', kind: 'logistics_exception' },
      { id: 'b', text: '物流不更新，包裹丢了', lang: 'zh-CN', category: 'logistics', severity: 'L3', emotion: 'normal', kind: 'logistics_exception' },
      { id: 'c', text: '客服态度很差', lang: 'zh-CN', category: 'service_attitude', severity: 'L3', emotion: 'normal', kind: 'complaint' },
      { id: 'd', text: '客服不理人', lang: 'zh-CN', category: 'service_attitude', severity: 'L3', emotion: 'normal', kind: 'complaint' },
    ];
    const model = trainModel(examples);
    expect(model.examples).toBe(4);
    expect(model.category.labels).toEqual(['logistics', 'service_attitude']);
  });
});
