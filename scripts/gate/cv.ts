/**
 * Cross-validates the gate, leaving one corpus out at a time: trained on the others, it gates the rule reader's facts
 * on the one left out, which is scored as score-reader scores it. Prints, per threshold, lines right and wrong facts
 * before and after, summed over the folds — a measure on lines the model never saw.
 *
 *   npx tsx scripts/gate/cv.ts [--each]           // leave one training corpus out at a time
 *   npx tsx scripts/gate/cv.ts --blind FILE…       // train on all, score FILE (headline only)
 *   npx tsx scripts/gate/cv.ts --sim CORPUS OUTPUTS [LEFT_OUT…]
 *   npx tsx scripts/gate/cv.ts --facts              // the fact check, over the gate, on the corpora written to train
 *
 * --sim replays a corpus as it was while still blind: OUTPUTS is an older reader's `understand --jsonl` output on it
 * (`git archive <sha> | tar -x -C DIR`, then `npx tsx src/cli.ts understand --jsonl` there), gated by a model trained
 * without CORPUS and LEFT_OUT. The threshold was chosen this way (docs/reader.md, "Round 13"). Knobs for experiments:
 * GATE_TRAIN='{"l2":…,"epochs":…,"minCount":…}', GATE_FRACTION=0.5 (train on part of the lines), GATE_EXEMPT=tokens|status
 * (leave those values to the rules).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { likelihoodWith, scoreWith } from '../../src/checklist/parse/gate.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';
import { GATE_ONLY, TRAINING } from './corpora.js';
import {
  askedOf,
  type CorpusLine,
  FACT_TRAINING,
  fit,
  gateRow,
  readCorpus,
  readLines,
  type TrainOptions,
  train,
} from './train.js';

interface Scored {
  right: boolean;
  wrong: number;
}

function score(line: CorpusLine, out: Record<string, unknown>): Scored {
  const values = Object.fromEntries(Object.entries(out).filter(([k]) => !k.startsWith('_')));
  const invalid = [...new Set(((out._invalid as { key: string }[] | undefined) ?? []).map((x) => x.key))].sort();
  const want = [...new Set(line.invalid ?? [])].sort();
  const wrong = Object.entries(values).filter(([k, v]) => !(k in line.expect) || !isDeepStrictEqual(v, line.expect[k]));
  return { right: isDeepStrictEqual(values, line.expect) && isDeepStrictEqual(invalid, want), wrong: wrong.length };
}

function readLine(line: CorpusLine, gated: boolean): Record<string, unknown> {
  const u = readByRules(line.text, { expected: askedOf(line) });
  return factsToJson(gated ? { ...u, facts: u.facts.filter((f) => f.kind !== 'value') } : u);
}

const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];

function report(name: string, lines: CorpusLine[], p: number[], show: boolean): [number, number, number][] {
  const plain = lines.map((l) => score(l, readLine(l, false)));
  const gated = lines.map((l) => score(l, readLine(l, true)));
  const rows = THRESHOLDS.map((t): [number, number, number] => {
    let right = 0;
    let wrong = 0;
    lines.forEach((_l, i) => {
      const s = (p[i] ?? 0) >= t ? gated[i] : plain[i];
      if (s?.right) right += 1;
      wrong += s?.wrong ?? 0;
    });
    return [t, right, wrong];
  });
  const right0 = plain.filter((s) => s.right).length;
  const wrong0 = plain.reduce((a, s) => a + s.wrong, 0);
  if (show) {
    console.log(`${name}: ${lines.length} lines; rules alone ${right0} right, ${wrong0} wrong facts`);
    for (const [t, r, w] of rows)
      console.log(`  gate ≥ ${t}: ${r} right (${r - right0 >= 0 ? '+' : ''}${r - right0}), ${w} wrong facts`);
  }
  return [[0, right0, wrong0], ...rows];
}

const args = process.argv.slice(2);

/**
 * --facts: leaves each corpus written only for training out in turn (the rules were never tuned on those, so their
 * readings err as on a new reply), trains the gate and the fact check on the rest, and scores the corpus left out with
 * the gate at its threshold and the fact check at each threshold. FACTS_TRAIN='{"l2":…}' tries other options.
 */
if (args.includes('--facts')) {
  const opts = JSON.parse(process.env.FACTS_TRAIN ?? JSON.stringify(FACT_TRAINING)) as TrainOptions;
  let first = 0;
  const all = TRAINING.map((file) => {
    const lines = readCorpus(file);
    const readings = readLines(lines, first);
    first += lines.length;
    return {
      file,
      lines: readings.map((reading, i) => {
        const line = lines[i] ?? { text: '', expect: {} };
        return { ...reading, line: { ...line, expect: reading.want }, gate: gateRow(line) };
      }),
    };
  });
  const FACT_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01];
  const total = new Map<number, [number, number]>();
  let n = 0;
  for (const fold of all.filter((c) => GATE_ONLY.includes(c.file))) {
    const rest = all.filter((c) => c !== fold).flatMap((c) => c.lines);
    const gate = fit(rest.map((l) => l.gate));
    const check = fit(
      rest.flatMap((l) => l.facts),
      opts,
    );
    n += fold.lines.length;
    for (const l of fold.lines) {
      const gated = scoreWith(gate, l.gate.f) >= 0.6;
      const p = l.facts.map((x) => scoreWith(check, x.f));
      for (const t of FACT_THRESHOLDS) {
        const drop = new Set<string>(
          // A correction is never doubted by the check (understand.ts).
          l.facts.filter((x, i) => gated || (!x.correction && (p[i] ?? 0) >= t)).map((x) => x.key),
        );
        const s = score(l.line, Object.fromEntries(Object.entries(l.printed).filter(([k]) => !drop.has(k))));
        const acc = total.get(t) ?? [0, 0];
        total.set(t, [acc[0] + (s.right ? 1 : 0), acc[1] + s.wrong]);
      }
    }
  }
  for (const [t, [r, w]] of total)
    console.log(
      `${t > 1 ? 'gate alone' : `gate + check ≥ ${t}`}: ${r}/${n} right (${((100 * r) / n).toFixed(1)}%), ${w} wrong facts`,
    );
  process.exit(0);
}
const simAt = args.indexOf('--sim');
if (simAt >= 0) {
  // --sim CORPUS OUTPUTS [LEFT_OUT…]: an older reader's outputs on CORPUS (when it was blind), gated by a model
  // trained on the tuned corpora but CORPUS and LEFT_OUT — the gate as it would have met that corpus.
  const [file, outputs, ...leftOut] = args.slice(simAt + 1);
  if (!file || !outputs) throw new Error('--sim CORPUS OUTPUTS [LEFT_OUT…]');
  const skip = new Set([file, ...leftOut]);
  const fraction = Number(process.env.GATE_FRACTION ?? '1');
  const model = train(
    TRAINING.filter((f) => !skip.has(f))
      .flatMap((f) => readCorpus(f))
      .filter((_l, i) => (i * 0.618034) % 1 < fraction),
    JSON.parse(process.env.GATE_TRAIN ?? '{}') as TrainOptions,
  );
  const lines = readCorpus(file);
  const outs = readFileSync(outputs, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const p = lines.map((l) => likelihoodWith(model, l.text, askedOf(l)[0]));
  const plain = lines.map((l, i) => score(l, outs[i] ?? {}));
  const exempt = process.env.GATE_EXEMPT ?? '';
  const kept = (k: string, v: unknown): boolean =>
    k.startsWith('_') ||
    k === 'app_secret' ||
    (exempt.includes('tokens') &&
      /wx[0-9a-f]{16}|[\w-]{43}|"domains"|"merchant_id"|SMS_\d|"icp"/.test(JSON.stringify(v))) ||
    (exempt.includes('status') && (v === 'done' || v === 'n/a'));
  const gated = lines.map((l, i) =>
    score(l, Object.fromEntries(Object.entries(outs[i] ?? {}).filter(([k, v]) => kept(k, v)))),
  );
  console.log(
    `${file} (older reader): ${plain.filter((s) => s.right).length} right, ${plain.reduce((a, s) => a + s.wrong, 0)} wrong facts`,
  );
  for (const t of THRESHOLDS) {
    const pick = lines.map((_l, i) => ((p[i] ?? 0) >= t ? gated[i] : plain[i]));
    console.log(
      `  gate ≥ ${t}: ${pick.filter((s) => s?.right).length} right, ${pick.reduce((a, s) => a + (s?.wrong ?? 0), 0)} wrong facts`,
    );
  }
  process.exit(0);
}
const blindAt = args.indexOf('--blind');
if (blindAt >= 0) {
  const model = train(TRAINING.flatMap((f) => readCorpus(f)));
  for (const file of args.slice(blindAt + 1)) {
    const lines = readCorpus(file);
    report(
      file,
      lines,
      lines.map((l) => likelihoodWith(model, l.text, askedOf(l)[0])),
      true,
    );
  }
} else {
  const corpora = TRAINING.map((f) => ({ f, lines: readCorpus(f) }));
  const total = new Map<number, number[]>();
  for (const { f, lines } of corpora) {
    const model = train(corpora.filter((c) => c.f !== f).flatMap((c) => c.lines));
    const rows = report(
      f,
      lines,
      lines.map((l) => likelihoodWith(model, l.text, askedOf(l)[0])),
      args.includes('--each'),
    );
    for (const [t, r, w] of rows) {
      const acc = total.get(t) ?? [0, 0];
      total.set(t, [(acc[0] ?? 0) + r, (acc[1] ?? 0) + w]);
    }
  }
  const n = corpora.reduce((a, c) => a + c.lines.length, 0);
  for (const [t, [r, w]] of total)
    console.log(`${t === 0 ? 'rules alone' : `gate ≥ ${t}`}: ${r}/${n} right, ${w} wrong facts`);
}
