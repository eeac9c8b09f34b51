// Evaluation of the classifier on labelled examples: per-category precision/recall/F1 and macro-F1,
// the severity confusion matrix (and how many true L1 were called L3), emotion and kind accuracy.
import { SEVERITIES } from '../../shared/vocabulary.ts';
import type { Severity } from '../../shared/vocabulary.ts';
import { classify } from './triage.classify.ts';
import type { LabelledExample } from './triage.corpus.ts';
import type { TriageModel } from './triage.model.ts';
import { CATEGORIES } from './triage.vocabulary.ts';
import type { Category, TriageResult } from './triage.vocabulary.ts';

export interface CategoryScore {
  category: Category;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  examples: number;
  categories: CategoryScore[];
  macroF1: number;
  categoryAccuracy: number;
  /** confusion[true][predicted] */
  severityConfusion: Record<Severity, Record<Severity, number>>;
  l1PredictedL3: number;
  l1Total: number;
  severityAccuracy: number;
  emotionAccuracy: number;
  kindAccuracy: number;
  mistakes: { id: string; field: string; expected: string; got: string }[];
}

export function evaluate(examples: readonly LabelledExample[], model: TriageModel): Evaluation {
  const results: [LabelledExample, TriageResult][] = examples.map((e) => [e, classify({ text: e.text }, { model })]);
  const categories = CATEGORIES.map((category) => {
    const tp = results.filter(([e, r]) => e.category === category && r.category === category).length;
    const predicted = results.filter(([, r]) => r.category === category).length;
    const support = results.filter(([e]) => e.category === category).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { category, support, precision, recall, f1 };
  }).filter((s) => s.support > 0);
  const severityConfusion = Object.fromEntries(SEVERITIES.map((t) => [t, Object.fromEntries(SEVERITIES.map((p) => [p, 0]))])) as Evaluation['severityConfusion'];
  for (const [e, r] of results) severityConfusion[e.severity][r.severity] += 1;
  const share = (ok: (e: LabelledExample, r: TriageResult) => boolean) => results.filter(([e, r]) => ok(e, r)).length / Math.max(1, results.length);
  const mistakes: Evaluation['mistakes'] = [];
  for (const [e, r] of results) {
    for (const field of ['category', 'severity', 'emotion', 'kind'] as const) {
      if (e[field] !== r[field]) mistakes.push({ id: e.id, field, expected: e[field], got: r[field] });
    }
  }
  return {
    examples: results.length,
    categories,
    macroF1: categories.reduce((sum, s) => sum + s.f1, 0) / Math.max(1, categories.length),
    categoryAccuracy: share((e, r) => e.category === r.category),
    severityConfusion,
    l1PredictedL3: severityConfusion.L1.L3,
    l1Total: SEVERITIES.reduce((sum, p) => sum + severityConfusion.L1[p], 0),
    severityAccuracy: share((e, r) => e.severity === r.severity),
    emotionAccuracy: share((e, r) => e.emotion === r.emotion),
    kindAccuracy: share((e, r) => e.kind === r.kind),
    mistakes,
  };
}

const f3 = (x: number) => x.toFixed(3);

/** The evaluation as a plain-text report. */
export function formatEvaluation(ev: Evaluation): string {
  const lines: string[] = [];
  lines.push(`Held-out examples: ${ev.examples}`, '', 'Category            support  precision  recall     F1');
  for (const s of ev.categories) lines.push(`${s.category.padEnd(19)} ${String(s.support).padStart(7)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${f3(s.f1).padStart(5)}`);
  lines.push(`Macro-F1: ${f3(ev.macroF1)} (target ≥ 0.85)   accuracy: ${f3(ev.categoryAccuracy)}`, '');
  lines.push('Severity confusion (rows true, columns predicted)', '         L1    L2    L3');
  for (const t of SEVERITIES) lines.push(`  ${t}  ${SEVERITIES.map((p) => String(ev.severityConfusion[t][p]).padStart(5)).join(' ')}`);
  lines.push(`True L1 predicted L3: ${ev.l1PredictedL3} of ${ev.l1Total}`, `Severity accuracy: ${f3(ev.severityAccuracy)}`);
  lines.push(`Emotion accuracy: ${f3(ev.emotionAccuracy)}`, `Kind accuracy: ${f3(ev.kindAccuracy)}`);
  return lines.join('\n');
}
