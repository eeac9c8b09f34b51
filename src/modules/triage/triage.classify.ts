// classify(): category, severity, emotion, kind and priority of one customer message, each with the
// reasons it was taken (TR-1, TR-2, TR-5, TR-7). Rules decide where they are certain (privacy and
// payment words, safety and escalation signals, explicit requests such as 换货 / 补发); the naive Bayes
// model decides the category and kind otherwise. Deterministic: the same input gives the same result.
import { CASE_KINDS } from '../../shared/vocabulary.ts';
import type { CaseKind } from '../../shared/vocabulary.ts';
import { assessEmotion } from './triage.emotion.ts';
import { features } from './triage.features.ts';
import { normalize, reason } from './triage.match.ts';
import { defaultModel, predictSoftmax, strongestFeatures } from './triage.model.ts';
import type { TriageModel } from './triage.model.ts';
import { priorityOf } from './triage.priority.ts';
import { assessSeverity } from './triage.rules.ts';
import { categoryRule, kindRules } from './triage.signals.ts';
import { CATEGORY_LABELS } from './triage.vocabulary.ts';
import type { TriageInput, TriageReason, TriageResult } from './triage.vocabulary.ts';

export type { TriageInput, TriageReason, TriageResult } from './triage.vocabulary.ts';

export interface ClassifyOptions {
  /** Defaults to the model trained on the whole corpus. */
  model?: TriageModel;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function classify(input: TriageInput, options: ClassifyOptions = {}): TriageResult {
  const model = options.model ?? defaultModel();
  const text = normalize(input.text ?? '');
  const feats = features(input.text ?? '');
  const categoryPrediction = predictSoftmax(model.category, feats);
  const kindPrediction = predictSoftmax(model.kind, feats);
  const reasons: TriageReason[] = [];

  // Category: a certain rule, else the model.
  const rule = categoryRule(text);
  let category = categoryPrediction.label;
  let categoryConfidence = categoryPrediction.confidence;
  if (rule) {
    category = rule.rule.category;
    categoryConfidence = 1;
    reasons.push(reason(rule.rule, 'category', rule.matched));
  } else {
    const label = CATEGORY_LABELS[category];
    reasons.push({
      rule: 'category.model',
      field: 'category',
      matched: strongestFeatures(model.category, feats, category),
      text: { 'zh-CN': `模型判断：${label['zh-CN']}（${pct(categoryConfidence)}）`, 'en-US': `Model: ${label['en-US']} (${pct(categoryConfidence)})` },
    });
  }

  const severity = assessSeverity(text, { groupComplaint: input.groupComplaint, previousContacts: input.previousContacts });
  reasons.push(...severity.reasons);
  const emotion = assessEmotion(input.text ?? '');
  reasons.push(...emotion.reasons);

  // Kind: the hint, else one explicit request, else the model (among the requests when several match).
  let kind: CaseKind;
  const hint = input.kindHint ?? null;
  if (hint !== null && (CASE_KINDS as readonly string[]).includes(hint)) {
    kind = hint as CaseKind;
    reasons.push({ rule: 'kind.hint', field: 'kind', matched: [hint], text: { 'zh-CN': '沿用已选择的类型', 'en-US': 'Kind chosen beforehand' } });
  } else {
    const requests = kindRules(text);
    if (requests.length === 1) {
      kind = requests[0]!.rule.kind;
      reasons.push(reason(requests[0]!.rule, 'kind', requests[0]!.matched));
    } else if (requests.length > 1) {
      const ranked = [...requests].sort((a, b) => kindPrediction.probabilities[b.rule.kind] - kindPrediction.probabilities[a.rule.kind]);
      kind = ranked[0]!.rule.kind;
      reasons.push(reason(ranked[0]!.rule, 'kind', ranked[0]!.matched));
    } else {
      kind = kindPrediction.label;
      reasons.push({
        rule: 'kind.model',
        field: 'kind',
        matched: strongestFeatures(model.kind, feats, kind),
        text: { 'zh-CN': `模型建议：${kind}（${pct(kindPrediction.confidence)}）`, 'en-US': `Model suggestion: ${kind} (${pct(kindPrediction.confidence)})` },
      });
    }
  }

  const priority = priorityOf(severity.severity, emotion.emotion, input.tier);
  reasons.push(...priority.reasons);
  return {
    category,
    categoryConfidence: Math.round(categoryConfidence * 1000) / 1000,
    kind,
    severity: severity.severity,
    emotion: emotion.emotion,
    priority: priority.priority,
    priorityScore: priority.score,
    reasons,
  };
}
