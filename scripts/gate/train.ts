/**
 * Trains the gate (src/checklist/parse/gate.ts): a logistic model of "this reply gives nothing to record", on corpus
 * lines labelled by the PMs who wrote them. Deterministic: the same lines give the same weights.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { factFeatures, type GateModel, gateFeatures } from '../../src/checklist/parse/gate.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { maskSecret } from '../../src/release/secrets.js';
import { factsToJson, headOf, readByRules } from '../../src/checklist/understand.js';

export interface CorpusLine {
  text: string;
  /** The item asked: a key, "k1,k2" or a list. */
  item?: string | string[];
  expect: Record<string, unknown>;
  invalid?: string[];
  /** An edit of a list on file ("再加一个 …"): it gives something, though no value. */
  edit_ops?: unknown;
}

export function readCorpus(file: string): CorpusLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);
}

/** The items a line was asked, in order. */
export function askedOf(line: CorpusLine): ItemKey[] {
  const item = line.item;
  if (item === undefined) return [];
  return (Array.isArray(item) ? item : item.split(',')).map((k) => k.trim()).filter((k) => k !== '') as ItemKey[];
}

/** A line gives nothing when a PM would record no value, refuse none and change no list. */
export function givesNothing(line: CorpusLine): boolean {
  return Object.keys(line.expect).length === 0 && (line.invalid ?? []).length === 0 && line.edit_ops === undefined;
}

/**
 * The reader prints a secret only masked ("••••cdef"); a corpus that writes the secret in clear expects that form
 * (as scripts/score-reader.mjs compares).
 */
export function masked(v: unknown): unknown {
  if (typeof v === 'string' && /^[0-9a-f]{32}$/i.test(v)) return maskSecret(v.slice(-4));
  if (v && typeof v === 'object' && !Array.isArray(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, masked(x)]));
  return v;
}

/** A labelled row for a model: its features, and 1 for the class it predicts. */
export interface Row {
  f: string[];
  y: number;
  /** The corpus line it comes from (a line gives the fact check one row per value): features are counted per line. */
  line?: number;
}

/** What the rules read from a labelled line, as both models see it. */
export interface LineReading {
  /** The facts printed (`understand --jsonl`), and the expectation with any secret masked, as the scorer compares. */
  printed: Record<string, unknown>;
  want: Record<string, unknown>;
  /** The fact check's rows: one per value read, labelled 1 when a PM would not record it. */
  facts: (Row & { key: ItemKey; correction: boolean })[];
}

/**
 * Reads each line by the rules, for the fact check: its values, labelled 1 when a PM would not record them (another
 * item, or another value). They follow the rules: when the rules read differently, the rows change. `first` numbers
 * the lines (features are counted per line).
 */
export function readLines(lines: readonly CorpusLine[], first = 0): LineReading[] {
  return lines.map((line, n) => {
    const expected = askedOf(line);
    const u = readByRules(line.text, { expected });
    const printed = factsToJson(u);
    const want = masked(line.expect) as Record<string, unknown>;
    const values = u.facts.flatMap((f) => (f.kind === 'value' ? [f] : []));
    // What the reader reads of a message: its head (understand.ts).
    const features = factFeatures(headOf(line.text), expected, values);
    return {
      printed,
      want,
      facts: values.map((f, i) => ({
        key: f.key,
        correction: f.correction,
        f: features[i] ?? [],
        y: f.key in want && sameValue(printed[f.key], want[f.key]) ? 0 : 1,
        line: first + n,
      })),
    };
  });
}

/** The fact check's training rows. */
export function factRows(lines: readonly CorpusLine[]): Row[] {
  return readLines(lines).flatMap((r) => r.facts.map(({ f, y, line }) => ({ f, y, line })));
}

/**
 * A value read is the one expected, up to the width of its characters: the first fixtures wrote "，" as ","
 * (test/checklist/understand.test.ts compares them with this), and a value is not wrong for being printed as the client
 * wrote it.
 */
export function sameValue(got: unknown, want: unknown): boolean {
  const wide = (v: unknown): unknown =>
    JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? x.normalize('NFKC') : x)));
  return isDeepStrictEqual(wide(got), wide(want));
}

/** The options the fact check is trained with (chosen by `cv.ts --facts`). */
export const FACT_TRAINING: TrainOptions = { l2: 1e-3, epochs: 15 };

/** A small seeded generator, so training is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainOptions {
  epochs?: number;
  l2?: number;
  rate?: number;
  /** Features seen on fewer lines are left out. */
  minCount?: number;
}

/** The gate's row for a line: the features of what the reader reads of it (its head), labelled 1 when it gives nothing. */
export function gateRow(line: CorpusLine): Row {
  return { f: gateFeatures(headOf(line.text), askedOf(line)[0]), y: givesNothing(line) ? 1 : 0 };
}

/** Logistic regression by AdaGrad with L2, over binary features. */
export function train(lines: readonly CorpusLine[], opts: TrainOptions = {}): Pick<GateModel, 'bias' | 'weights'> {
  return fit(lines.map(gateRow), opts);
}

export function fit(rows: readonly Row[], opts: TrainOptions = {}): Pick<GateModel, 'bias' | 'weights'> {
  const { epochs = 30, l2 = 1e-4, rate = 0.3, minCount = 2 } = opts;
  // On how many lines a feature was seen: a word of one line is left out however many values that line gave.
  const count = new Map<string, number>();
  const lastLine = new Map<string, number>();
  rows.forEach((r, i) => {
    const line = r.line ?? i;
    for (const f of r.f) {
      if (lastLine.get(f) === line) continue;
      lastLine.set(f, line);
      count.set(f, (count.get(f) ?? 0) + 1);
    }
  });
  const kept = rows.map((r) => ({ f: r.f.filter((f) => (count.get(f) ?? 0) >= minCount), y: r.y }));
  const w = new Map<string, number>();
  const g2 = new Map<string, number>();
  let bias = 0;
  let biasG2 = 0;
  const order = kept.map((_, i) => i);
  const random = seeded(16);
  for (let e = 0; e < epochs; e += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) {
      const row = kept[i];
      if (!row) continue;
      let z = bias;
      for (const f of row.f) z += w.get(f) ?? 0;
      const err = 1 / (1 + Math.exp(-z)) - row.y;
      biasG2 += err * err;
      bias -= (rate * err) / Math.sqrt(biasG2 + 1e-8);
      for (const f of row.f) {
        const wf = w.get(f) ?? 0;
        const grad = err + l2 * wf;
        const acc = (g2.get(f) ?? 0) + grad * grad;
        g2.set(f, acc);
        w.set(f, wf - (rate * grad) / Math.sqrt(acc + 1e-8));
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, v] of [...w.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (Math.abs(v) >= 1e-3) weights[f] = Math.round(v * 1e4) / 1e4;
  return { bias: Math.round(bias * 1e4) / 1e4, weights };
}
