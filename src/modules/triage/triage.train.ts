// `npm run train:triage`: trains the triage model on the whole committed corpus, as the server and
// CLI do at first use, and prints its size, training time and training accuracy, so a build step can
// check the corpus still trains (exit 1 when the category training accuracy falls below 0.9).
import { loadCorpus } from './triage.corpus.ts';
import { predict, trainModel, trainingAccuracy } from './triage.model.ts';
import { segment } from './triage.segment.ts';

segment('预热'); // load the jieba dictionary outside the timing
const examples = loadCorpus();
const started = performance.now();
const model = trainModel(examples);
const ms = Math.round(performance.now() - started);
const accuracy = trainingAccuracy(model, examples);
const kindAccuracy = examples.filter((e) => predict(model, e.text).kind.label === e.kind).length / examples.length;
console.log(`Examples: ${examples.length}`);
console.log(`Vocabulary (features): ${model.category.index.size}`);
console.log(`Training time: ${ms} ms`);
console.log(`Training accuracy (category): ${accuracy.toFixed(3)}`);
console.log(`Training accuracy (kind): ${kindAccuracy.toFixed(3)}`);
process.exitCode = accuracy >= 0.9 ? 0 : 1;
