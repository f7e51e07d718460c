/**
 * Trains the gate (src/checklist/parse/gate.ts): a logistic model of "this reply gives nothing to record", on corpus
 * lines labelled by the PMs who wrote them. Deterministic: the same lines give the same weights.
 */
import { readFileSync } from 'node:fs';
import { type GateModel, gateFeatures } from '../../src/checklist/parse/gate.js';
import type { ItemKey } from '../../src/checklist/types.js';

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

/** Logistic regression by AdaGrad with L2, over binary features. */
export function train(lines: readonly CorpusLine[], opts: TrainOptions = {}): Pick<GateModel, 'bias' | 'weights'> {
  return fit(
    lines.map((l) => ({ f: gateFeatures(l.text, askedOf(l)[0]), y: givesNothing(l) ? 1 : 0 })),
    opts,
  );
}

function fit(rows: { f: string[]; y: number }[], opts: TrainOptions): Pick<GateModel, 'bias' | 'weights'> {
  const { epochs = 30, l2 = 1e-4, rate = 0.3, minCount = 2 } = opts;
  const count = new Map<string, number>();
  for (const r of rows) for (const f of r.f) count.set(f, (count.get(f) ?? 0) + 1);
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
