/**
 * Rebuilds the gate's model (src/checklist/parse/gate-model.json) from the tuned corpora:
 *
 *   npm run train:gate
 *
 * The threshold was chosen by `npx tsx scripts/gate/cv.ts --sim …` on three corpora as they were when still blind
 * (docs/reader.md, "Round 13"), never on a blind corpus.
 */
import { writeFileSync } from 'node:fs';
import type { GateModel } from '../../src/checklist/parse/gate.js';
import { TRAINING } from './corpora.js';
import { readCorpus, train } from './train.js';

const THRESHOLD = 0.6;
const model: GateModel = {
  trainedOn: TRAINING,
  ...train(TRAINING.flatMap((f) => readCorpus(f))),
  threshold: THRESHOLD,
};
writeFileSync(
  new URL('../../src/checklist/parse/gate-model.json', import.meta.url),
  `${JSON.stringify(model, null, 2)}\n`,
);
console.log(
  `gate-model.json: ${Object.keys(model.weights).length} weights from ${TRAINING.length} corpora, threshold ${THRESHOLD}`,
);
