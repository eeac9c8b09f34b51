// `npm run eval:triage`: trains the triage model on the training split of corpus/triage, evaluates it on
// the fixed held-out set (corpus/triage/heldout.json) and prints per-category precision/recall/F1,
// macro-F1, the severity confusion matrix, true-L1-predicted-L3, emotion and kind accuracy.
// Exits 1 when macro-F1 < 0.85 or more than max(1, 2% of L1) true-L1 cases are called L3.
import { loadCorpus, loadHeldoutIds, splitCorpus } from '../modules/triage/triage.corpus.ts';
import { evaluate, formatEvaluation } from '../modules/triage/triage.eval.ts';
import { trainModel } from '../modules/triage/triage.model.ts';
import { segment } from '../modules/triage/triage.segment.ts';

export const MACRO_F1_TARGET = 0.85;

export function maxL1MissedAsL3(l1Total: number): number {
  return Math.max(1, Math.floor(l1Total * 0.02));
}

segment('预热'); // load the jieba dictionary outside the timing
const { train, test } = splitCorpus(loadCorpus(), loadHeldoutIds());
const started = performance.now();
const model = trainModel(train);
const ms = Math.round(performance.now() - started);
const ev = evaluate(test, model);
console.log(`Trained on ${train.length} examples in ${ms} ms (features ${model.category.index.size}).`);
console.log(formatEvaluation(ev));
const failures: string[] = [];
if (ev.macroF1 < MACRO_F1_TARGET) failures.push(`macro-F1 ${ev.macroF1.toFixed(3)} < ${MACRO_F1_TARGET}`);
if (ev.l1PredictedL3 > maxL1MissedAsL3(ev.l1Total)) failures.push(`${ev.l1PredictedL3} true L1 predicted L3 (max ${maxL1MissedAsL3(ev.l1Total)})`);
if (process.argv.includes('--mistakes')) {
  const byId = new Map(test.map((e) => [e.id, e.text]));
  for (const m of ev.mistakes) console.log(`  ${m.id} ${m.field}: ${m.expected} → ${m.got}  ${byId.get(m.id)}`);
}
console.log(failures.length === 0 ? 'Targets met.' : `Targets missed: ${failures.join('; ')}`);
process.exitCode = failures.length === 0 ? 0 : 1;
