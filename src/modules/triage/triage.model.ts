// The triage model: multinomial logistic regression (softmax, L2-regularised) over binary features
// (triage.features.ts), one classifier for the category and one for the suggested kind. Pure
// TypeScript, no dependency. Training is deterministic — examples sorted by id, weights start at zero,
// full-batch gradient descent for a fixed number of steps — and takes well under a second on the
// committed corpus. `defaultModel()` trains once per process, at first use, on the whole corpus.
import { CASE_KINDS } from '../../shared/vocabulary.ts';
import type { CaseKind } from '../../shared/vocabulary.ts';
import { loadCorpus } from './triage.corpus.ts';
import type { LabelledExample } from './triage.corpus.ts';
import { features } from './triage.features.ts';
import { CATEGORIES } from './triage.vocabulary.ts';
import type { Category } from './triage.vocabulary.ts';

export interface TrainingOptions {
  /** L2 penalty per step. */
  l2: number;
  /** Gradient steps over the whole training set. */
  epochs: number;
  learningRate: number;
}

/** Chosen by cross-validation on the training split only. */
export const TRAINING: TrainingOptions = { l2: 0.001, epochs: 50, learningRate: 5 };

export interface Softmax<L extends string> {
  labels: readonly L[];
  /** Feature → column. */
  index: Map<string, number>;
  /** Row per label: one weight per feature, then the bias. */
  weights: Float64Array[];
}

export interface Prediction<L extends string> {
  label: L;
  confidence: number;
  probabilities: Record<L, number>;
}

function scores<L extends string>(model: Softmax<L>, columns: readonly number[]): number[] {
  const bias = model.index.size;
  return model.weights.map((w) => columns.reduce((z, j) => z + w[j]!, w[bias]!));
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const exp = z.map((x) => Math.exp(x - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((x) => x / sum);
}

export function trainSoftmax<L extends string>(labels: readonly L[], docs: { features: string[]; label: L }[], options: TrainingOptions = TRAINING): Softmax<L> {
  const present = labels.filter((l) => docs.some((d) => d.label === l));
  const index = new Map<string, number>();
  for (const doc of docs) for (const f of doc.features) if (!index.has(f)) index.set(f, index.size);
  const v = index.size;
  const k = present.length;
  const width = v + 1;
  // One flat array (label-major) for speed; split into rows at the end.
  const w = new Float64Array(k * width);
  const g = new Float64Array(k * width);
  // Rows as one flat column list with offsets, labels as indexes: the inner loops touch typed arrays only.
  const offsets = new Int32Array(docs.length + 1);
  docs.forEach((d, i) => (offsets[i + 1] = offsets[i]! + d.features.length));
  const columns = new Int32Array(offsets[docs.length]!);
  const targets = new Int32Array(docs.length);
  docs.forEach((d, i) => {
    d.features.forEach((f, n) => (columns[offsets[i]! + n] = index.get(f)!));
    targets[i] = present.indexOf(d.label);
  });
  const z = new Float64Array(k);
  const step = options.learningRate / Math.max(1, docs.length);
  const decay = 1 - options.learningRate * options.l2;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    g.fill(0);
    for (let r = 0; r < docs.length; r += 1) {
      const from = offsets[r]!;
      const to = offsets[r + 1]!;
      let max = -Infinity;
      for (let c = 0; c < k; c += 1) {
        const base = c * width;
        let sum = w[base + v]!;
        for (let i = from; i < to; i += 1) sum += w[base + columns[i]!]!;
        z[c] = sum;
        if (sum > max) max = sum;
      }
      let total = 0;
      for (let c = 0; c < k; c += 1) {
        z[c] = Math.exp(z[c]! - max);
        total += z[c]!;
      }
      const y = targets[r]!;
      for (let c = 0; c < k; c += 1) {
        const err = z[c]! / total - (y === c ? 1 : 0);
        const base = c * width;
        g[base + v] = g[base + v]! + err;
        for (let i = from; i < to; i += 1) g[base + columns[i]!] = g[base + columns[i]!]! + err;
      }
    }
    for (let c = 0; c < k; c += 1) {
      const base = c * width;
      for (let j = 0; j < v; j += 1) w[base + j] = w[base + j]! * decay - step * g[base + j]!;
      w[base + v] = w[base + v]! - step * g[base + v]!;
    }
  }
  return { labels: present, index, weights: present.map((_, c) => w.slice(c * width, (c + 1) * width)) };
}

export function predictSoftmax<L extends string>(model: Softmax<L>, feats: readonly string[]): Prediction<L> {
  const columns = feats.flatMap((f) => (model.index.has(f) ? [model.index.get(f)!] : []));
  const p = softmax(scores(model, columns));
  const probabilities = {} as Record<L, number>;
  let best = 0;
  model.labels.forEach((label, k) => {
    probabilities[label] = p[k]!;
    if (p[k]! > p[best]!) best = k;
  });
  return { label: model.labels[best]!, confidence: p[best]!, probabilities };
}

/** The features that speak most for `label` against the average of the other labels (for reasons). */
export function strongestFeatures<L extends string>(model: Softmax<L>, feats: readonly string[], label: L, count = 4): string[] {
  const k = model.labels.indexOf(label);
  if (k < 0) return [];
  const totals = columnTotals(model);
  const others = Math.max(1, model.labels.length - 1);
  return feats
    .filter((f) => model.index.has(f) && f !== 'w:#num')
    .map((f) => {
      const j = model.index.get(f)!;
      const own = model.weights[k]![j]!;
      return { f, lift: own - (totals[j]! - own) / others };
    })
    .filter((x) => x.lift > 0 && !/^w:.$/u.test(x.f))
    .sort((a, b) => b.lift - a.lift || (a.f < b.f ? -1 : 1))
    .map((x) => readable(x.f))
    .filter((word, i, all) => all.indexOf(word) === i)
    .slice(0, count);
}

// Each feature's weight summed over all labels, per model: the other labels' average is then one
// subtraction, not a pass over every label for every feature of every new case.
const totalsOf = new WeakMap<Softmax<string>, Float64Array>();
function columnTotals(model: Softmax<string>): Float64Array {
  let totals = totalsOf.get(model);
  if (!totals) {
    totals = new Float64Array(model.index.size + 1);
    for (const row of model.weights) for (let j = 0; j < totals.length; j += 1) totals[j] = totals[j]! + row[j]!;
    totalsOf.set(model, totals);
  }
  return totals;
}

/** A feature as a person reads it: the word itself, or "cue:logistics" for a cue word list. */
function readable(feature: string): string {
  return /^(c2?|x):/.test(feature) ? `cue:${feature.replace(/^(c2?|x):/, '')}` : feature.slice(2);
}

export interface TriageModel {
  category: Softmax<Category>;
  kind: Softmax<CaseKind>;
  examples: number;
}

export interface ModelPrediction {
  category: Prediction<Category>;
  kind: Prediction<CaseKind>;
}

export function trainModel(examples: readonly LabelledExample[], options: TrainingOptions = TRAINING): TriageModel {
  const sorted = [...examples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const docs = sorted.map((e) => ({ features: features(e.text), category: e.category, kind: e.kind }));
  return {
    category: trainSoftmax(CATEGORIES, docs.map((d) => ({ features: d.features, label: d.category })), options),
    kind: trainSoftmax(CASE_KINDS, docs.map((d) => ({ features: d.features, label: d.kind })), options),
    examples: sorted.length,
  };
}

export function predict(model: TriageModel, text: string): ModelPrediction {
  const feats = features(text);
  return { category: predictSoftmax(model.category, feats), kind: predictSoftmax(model.kind, feats) };
}

/** Share of the examples whose category the model gets right (the build check prints it). */
export function trainingAccuracy(model: TriageModel, examples: readonly LabelledExample[]): number {
  return examples.filter((e) => predict(model, e.text).category.label === e.category).length / Math.max(1, examples.length);
}

let trained: TriageModel | null = null;

/** The model trained on the whole committed corpus, once per process. */
export function defaultModel(): TriageModel {
  trained ??= trainModel(loadCorpus());
  return trained;
}
