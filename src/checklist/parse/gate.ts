/**
 * The gate: how likely a reply is to give nothing to record, learned from the labelled corpora rather than
 * written as rules. About half of all replies give nothing ("还没", "can you check?", "老板在看", a problem, an
 * example) and the rules read a value from some of them anyway: each way of saying "not this" they were not written
 * for is a wrong fact. The gate weighs the whole reply at once — its words, its characters, the shapes of its tokens
 * and the item asked — with a logistic model trained on every corpus line a PM labelled. It never adds a fact: a
 * fact read from a reply the gate is sure gives nothing is read back to the client for a yes (a guess) instead of
 * recorded.
 *
 * The model is data (`gate-model.json`), rebuilt by `npm run train:gate` from the corpora it names; the features
 * below are the only code both the trainer and the reader run.
 *
 *   nothingLikelihood('老板说下周再定', 'mp_category')   // ≈ 0.95
 *   nothingLikelihood('餐饮 > 快餐', 'mp_category')       // ≈ 0.05
 */

import type { ItemKey } from '../types.js';
import model from './gate-model.json' with { type: 'json' };
import { normalizeWithMap } from './normalize.js';

export interface GateModel {
  /** The corpora the weights were learned from, for the record. */
  trainedOn: string[];
  bias: number;
  weights: Record<string, number>;
  /** A fact is read back instead of recorded when the reply's likelihood of giving nothing reaches this. */
  threshold: number;
}

/** Quoted copy ("改成“请稍后再试”") is the client's text: its words say nothing about the reply. */
const QUOTED = /["“「『][^"“”「」『』\n]*["”」』]/g;

/** Tokens whose shape says more than their letters: every App ID is one feature, not sixteen hex digits. */
const SHAPES: readonly [RegExp, string][] = [
  [QUOTED, ' ⟨quote⟩ '],
  [/\bwx[0-9a-f]{16}\b/gi, ' ⟨appid⟩ '],
  [/\b[0-9a-f]{32}\b/gi, ' ⟨secret⟩ '],
  [/(?<![\w-])[\w-]{43}(?![\w-])/g, ' ⟨template⟩ '],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ⟨email⟩ '],
  [
    /\b(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|hk|tw|sg|my|co|app|shop|top|xyz|info)\b\S*/gi,
    ' ⟨domain⟩ ',
  ],
  [/\b1\d{9}\b/g, ' ⟨merchant⟩ '],
  // "tom_wang", "lucy88": a WeChat ID or another handle, letters with digits or an underscore.
  [/\b(?=[a-z_-]*[\d_])(?=\w*[a-z])[a-z][\w-]{3,19}\b/gi, ' ⟨handle⟩ '],
  [/\d+/g, '0'],
];

const WORD = /[a-z][a-z']*|⟨\w+⟩|0/g;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Punctuation, emoji and other marks: "✅" alone says done, "?" asks. */
const MARKS = /[^\s\p{L}\p{N}⟨⟩]/gu;

/** The features of a reply, each once: the trainer and the reader call this same function. */
export function gateFeatures(text: string, item?: ItemKey): string[] {
  let s = normalizeWithMap(text).text.toLowerCase();
  for (const [re, shape] of SHAPES) s = s.replace(re, shape);
  const out = new Set<string>([`item:${item ?? '-'}`]);
  const words = s.match(WORD) ?? [];
  words.forEach((w, i) => {
    out.add(`w:${w}`);
    const next = words[i + 1];
    if (next !== undefined) out.add(`ww:${w} ${next}`);
  });
  if (words[0] !== undefined) out.add(`first:${words[0]}`);
  const runs = s.match(HAN_RUN) ?? [];
  for (const run of runs) {
    const chars = [...run];
    chars.forEach((c, i) => {
      out.add(`c:${c}`);
      const two = chars[i + 1];
      if (two !== undefined) out.add(`cc:${c}${two}`);
      const three = chars[i + 2];
      if (two !== undefined && three !== undefined) out.add(`ccc:${c}${two}${three}`);
    });
  }
  if (runs[0] !== undefined) out.add(`firsthan:${[...runs[0]].slice(0, 2).join('')}`);
  for (const m of s.match(MARKS) ?? []) out.add(`mark:${m}`);
  out.add(`len:${Math.min(8, Math.floor(Math.log2(1 + [...s].length)))}`);
  return [...out];
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The likelihood, by a model, that a reply gives nothing to record. */
export function likelihoodWith(m: Pick<GateModel, 'bias' | 'weights'>, text: string, item?: ItemKey): number {
  return scoreWith(m, gateFeatures(text, item));
}

/** A model's likelihood for a set of features. */
export function scoreWith(m: Pick<GateModel, 'bias' | 'weights'>, features: readonly string[]): number {
  let z = m.bias;
  for (const f of features) z += m.weights[f] ?? 0;
  return sigmoid(z);
}

const GATE: GateModel = model;

/** The likelihood, by the trained gate, that a reply gives nothing to record. */
export function nothingLikelihood(text: string, item?: ItemKey): number {
  return likelihoodWith(GATE, text, item);
}

/** The gate is sure the reply gives nothing: what it read is read back, not recorded. */
export function gateDoubts(text: string, item?: ItemKey): boolean {
  return nothingLikelihood(text, item) >= GATE.threshold;
}
