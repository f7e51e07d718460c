/**
 * Rebuilds the gate's model and the fact check's (src/checklist/parse/gate-model.json, fact-model.json) from the
 * corpora in corpora.ts — after any change to what the rules read, since the fact check learns from their readings:
 *
 *   npm run train:gate
 *
 * The gate's threshold was chosen by `npx tsx scripts/gate/cv.ts --sim …` on three corpora as they were when still blind
 * (docs/reader.md, "Round 13"), the fact check's by `cv.ts --facts` ("Round 14"), never on a blind corpus.
 */
import { writeFileSync } from 'node:fs';
import type { FactModel, GateModel } from '../../src/checklist/parse/gate.js';
import { TRAINING } from './corpora.js';
import { FACT_TRAINING, factRows, fit, readCorpus, train } from './train.js';

const THRESHOLD = 0.6;
/** Chosen by `npx tsx scripts/gate/cv.ts --facts` on the corpora written only for training, never on a blind one. */
export const FACT_THRESHOLD = 0.7;
const model: GateModel = {
  trainedOn: TRAINING,
  ...train(TRAINING.flatMap((f) => readCorpus(f))),
  threshold: THRESHOLD,
};
writeFileSync(
  new URL('../../src/checklist/parse/gate-model.json', import.meta.url),
  `${JSON.stringify(model, null, 2)}\n`,
);
const facts: FactModel = {
  trainedOn: TRAINING,
  ...fit(factRows(TRAINING.flatMap((f) => readCorpus(f))), FACT_TRAINING),
  threshold: FACT_THRESHOLD,
};
writeFileSync(
  new URL('../../src/checklist/parse/fact-model.json', import.meta.url),
  `${JSON.stringify(facts, null, 2)}\n`,
);
console.log(
  `gate-model.json: ${Object.keys(model.weights).length} weights from ${TRAINING.length} corpora, threshold ${THRESHOLD}; fact-model.json: ${Object.keys(facts.weights).length} weights, threshold ${FACT_THRESHOLD}`,
);
