/**
 * The gate: how likely a reply is to give nothing to record, learned from the labelled corpora rather than
 * written as rules. About half of all replies give nothing ("还没", "can you check?", "老板在看", a problem, an
 * example) and the rules read a value from some of them anyway: each way of saying "not this" they were not written
 * for is a wrong fact. The gate weighs the whole reply at once — its words, its characters, the shapes of its tokens
 * and the item asked — with a logistic model trained on every corpus line a PM labelled. It never adds a fact: a
 * fact read from a reply the gate is sure gives nothing is read back to the client for a yes (a guess) instead of
 * recorded.
 *
 * The fact check, below, then weighs each value the rules read from a reply the gate lets through.
 *
 * The models are data (`gate-model.json`, `fact-model.json`), rebuilt by `npm run train:gate` from the corpora they
 * name; the features below are the only code both the trainer and the reader run.
 *
 *   nothingLikelihood('老板说下周再定', 'mp_category')   // ≈ 0.95
 *   nothingLikelihood('餐饮 > 快餐', 'mp_category')       // ≈ 0.05
 */

import type { ItemKey, ItemValue } from '../types.js';
import { tagged } from '../values.js';
import factModel from './fact-model.json' with { type: 'json' };
import model from './gate-model.json' with { type: 'json' };
import { normalizeWithMap } from './normalize.js';
import { readable } from './readable.js';

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

/**
 * Greetings and thanks around a reply say nothing about it ("嗯 不需要", "收到 开发者已加", "Sentry is set up, thanks!"),
 * as the rules' filler does not; marks ("?", "✅") stay, they do.
 */
const FILLER_HEAD = /^(?:\s|[,，.。!！~]|嗯+|哦|噢|好的|好滴|收到|您好|你好|\b(?:hi|hello|hey|dear)\b)+/i;
const FILLER_TAIL =
  /(?:\s|[,，.。!！~]|\p{Extended_Pictographic}(?<![\u2705\u2714\u2611\u{1F44C}])|谢谢(?:啦|你|您)?|多谢|感谢|辛苦了?|\b(?:thanks?(?: a lot)?|thx|cheers)\b)+$/iu;

/** How far from either end filler is looked for: a "$"-anchored run is tried from every start, so it is kept short. */
const FILLER_REACH = 64;

function withoutFiller(text: string): string {
  const head = text.slice(0, FILLER_REACH).replace(FILLER_HEAD, '');
  const rest = head + text.slice(FILLER_REACH);
  const cut = Math.max(0, rest.length - FILLER_REACH);
  return rest.slice(0, cut) + rest.slice(cut).replace(FILLER_TAIL, '');
}

/** Tokens whose shape says more than their letters: every App ID is one feature, not sixteen hex digits. */
const SHAPES: readonly [RegExp, string][] = [
  [/^wx[0-9a-f]{16}$/, '⟨appid⟩'],
  [/^[0-9a-f]{32}$/, '⟨secret⟩'],
  [/^[\w-]{43}$/, '⟨template⟩'],
  [/^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/, '⟨email⟩'],
  [/^(?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|hk|tw|sg|my|co|app|shop|top|xyz|info)(?:[/?#]\S*)?$/, '⟨domain⟩'],
  [/^1\d{9}$/, '⟨merchant⟩'],
  // "tom_wang", "lucy88": a WeChat ID or another handle, letters with digits or an underscore.
  [/^(?=[a-z_-]*[\d_])(?=\w*[a-z])[a-z][\w-]{3,19}$/, '⟨handle⟩'],
];
/** A run of letters, digits and the marks IDs, domains and e-mails hold: one token, classified whole. */
const TOKEN = /[\w.+@/?#=&%-]+/g;
const LONGEST_TOKEN = 200;

const WORD = /[a-z][a-z']*|⟨\w+⟩|0/g;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Punctuation, emoji and other marks: "✅" alone says done, "?" asks. */
const MARKS = /[^\s\p{L}\p{N}⟨⟩]/gu;

/** A token by its shape, or its words with numbers as 0 — one pass over each token, so the whole is linear. */
function shaped(token: string): string {
  if (token.length > LONGEST_TOKEN) return ' ⟨long⟩ ';
  // "wx…?", "(api.x.cn)": the marks around a token stay marks.
  const [, lead = '', bare = '', trail = ''] = /^([./?#=&%-]*)(.*?)([./?#=&%-]*)$/.exec(token) ?? [];
  for (const [re, shape] of SHAPES) if (re.test(bare)) return `${lead} ${shape} ${trail}`;
  return token.replace(/\d+/g, '0');
}

/**
 * The features of a reply, each once: the trainer and the reader call this same function. It reads what the rules
 * read (readable.ts), without the filler around it.
 */
export function gateFeatures(raw: string, item?: ItemKey): string[] {
  return featuresOfReadable(readable(normalizeWithMap(raw).text), item);
}

/** The features of a reply already made readable (normalised, headers and the bot's quote blanked: understand.ts). */
function featuresOfReadable(readableText: string, item?: ItemKey): string[] {
  const text = withoutFiller(readableText);
  const s = text.toLowerCase().replace(QUOTED, ' ⟨quote⟩ ').replace(TOKEN, shaped);
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

/**
 * The gate is sure the reply gives nothing: what it read is read back, not recorded. Given the readable text the rules
 * read (so it is not normalised twice), which is what `gateFeatures` makes of the raw reply.
 */
export function gateDoubts(readableText: string, item?: ItemKey): boolean {
  return scoreWith(GATE, featuresOfReadable(readableText, item)) >= GATE.threshold;
}

// === The fact check: each value the rules read, weighed on its own

/**
 * The gate weighs a reply as a whole; the fact check weighs each value the rules read from it: how likely that value
 * is not what a PM would record ("服务器的事你们跟我们IT沟通" as the servers, "not yet" as no merchant account, "不是一家店"
 * as a nearby location). It reads the reply's features (as the gate does), the item and the kind of value, whether
 * that item was asked, the value's own words and the words just around it. Trained on what the rules read from every
 * labelled line, so it is rebuilt (`npm run train:gate`) whenever the rules change what they read.
 */
export type FactModel = GateModel;

/** A value the rules read: the item and the value, as understand holds it. */
export interface ReadFact {
  key: ItemKey;
  value: ItemValue;
}

/** How a value is weighed: a status, an item's text or list, or a structured value (account, whitelist). */
function classOf(key: ItemKey, value: ItemValue): { kind: string; coarse: string; texts: string[]; parts: string[] } {
  const v = tagged(key, value);
  switch (v.kind) {
    case 'status':
      return { kind: v.status, coarse: 'status', texts: [], parts: [] };
    case 'text':
      return { kind: 'text', coarse: 'copy', texts: [v.text], parts: [] };
    case 'list':
      return { kind: 'list', coarse: 'copy', texts: v.entries, parts: [`entries:${Math.min(6, v.entries.length)}`] };
    case 'enterprise':
    case 'merchant':
      return objectClass(v.account);
    case 'ugc':
      return objectClass(v.ugc);
    case 'whitelist':
      return objectClass(v.whitelist);
    case 'open_platform':
      return objectClass(v.platform);
    case 'none':
    case 'secret':
    case 'unexpected':
      return { kind: v.kind, coarse: 'object', texts: [], parts: [] };
  }
}

/** A structured value by the fields read, and its booleans and status ("field:verified=false"). */
function objectClass(value: object): ReturnType<typeof classOf> {
  const fields = Object.entries(value);
  const names = fields.map(([k]) => k).sort();
  const flags = fields.flatMap(([k, x]) =>
    typeof x === 'boolean' || k === 'status' ? [`field:${k}=${String(x)}`] : [],
  );
  return { kind: 'object', coarse: 'object', texts: [], parts: [`fields:${names.join(',')}`, ...flags] };
}

/** The words, characters and marks of a piece of text, each under a prefix. */
function piecesOf(prefix: string, text: string, pairs: boolean): string[] {
  const out: string[] = [];
  for (const w of text.match(WORD) ?? []) out.push(`${prefix}w:${w}`);
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    chars.forEach((c, i) => {
      out.push(`${prefix}c:${c}`);
      const next = chars[i + 1];
      if (pairs && next !== undefined) out.push(`${prefix}cc:${c}${next}`);
    });
  }
  for (const m of text.match(MARKS) ?? []) out.push(`${prefix}m:${m}`);
  return out;
}

/** How far around a value its context is read. */
const AROUND = 8;

/** The value's own words, and the words just before and after it in the reply. */
function textFeatures(texts: readonly string[], readableText: string, replyLength: number): string[] {
  if (texts.length === 0) return [];
  const length = [...texts.join('')].length;
  const out = [
    `vlen:${Math.min(8, Math.floor(Math.log2(1 + length)))}`,
    `vshare:${Math.min(10, Math.round((10 * length) / Math.max(1, replyLength)))}`,
  ];
  // The value as the rules read it (normalised: "報錯" as "报错", "，" as ","), as the reply around it is.
  const read = texts.map((t) => normalizeWithMap(t).text.toLowerCase());
  for (const t of read) {
    const s = t.replace(TOKEN, shaped);
    out.push(...piecesOf('v', s, true), `vfirst:${[...s].slice(0, 2).join('')}`, `vlast:${[...s].slice(-2).join('')}`);
  }
  const low = readableText.toLowerCase();
  const at = low.indexOf((read[0] ?? '').slice(0, 4));
  if (at < 0) return [...out, 'at:elsewhere'];
  const tail = (read[read.length - 1] ?? '').slice(-4);
  const lastAt = low.indexOf(tail, at);
  const before = low.slice(Math.max(0, at - AROUND), at);
  const after = lastAt < 0 ? '' : low.slice(lastAt + tail.length, lastAt + tail.length + AROUND);
  out.push(at === 0 ? 'at:start' : 'at:inside', after.trim() === '' ? 'to:end' : 'to:inside');
  out.push(...piecesOf('pre', before, false), ...piecesOf('post', after, false));
  return out;
}

/** The features of each value fact of a reply already made readable; the trainer and the reader call this. */
export function featuresOfFacts(
  readableText: string,
  expected: readonly ItemKey[],
  facts: readonly ReadFact[],
): string[][] {
  const reply = featuresOfReadable(readableText).filter((f) => !f.startsWith('item:'));
  const replyLength = [...readableText].length;
  const count = Math.min(3, facts.length);
  return facts.map(({ key, value }) => {
    const { kind, coarse, texts, parts } = classOf(key, value);
    const asked =
      expected[0] === key ? 'first' : expected.includes(key) ? 'asked' : expected.length === 0 ? 'none' : 'other';
    const out = new Set<string>([
      `key:${key}`,
      `kind:${kind}`,
      `key-kind:${key}|${kind}`,
      `asked:${asked}`,
      `asked-kind:${asked}|${kind}`,
      `facts:${count}`,
      `facts-kind:${count}|${coarse}`,
      ...parts,
    ]);
    for (const f of reply) {
      out.add(f);
      out.add(`${coarse}|${f}`);
    }
    for (const f of textFeatures(texts, readableText, replyLength)) out.add(f);
    return [...out];
  });
}

/** The features of each value fact of a raw reply (normalised and made readable first). */
export function factFeatures(raw: string, expected: readonly ItemKey[], facts: readonly ReadFact[]): string[][] {
  return featuresOfFacts(readable(normalizeWithMap(raw).text), expected, facts);
}

const FACTS: FactModel = factModel;

/** Which of the values read from a reply the fact check doubts: each is read back instead of recorded. */
export function factDoubts(readableText: string, expected: readonly ItemKey[], facts: readonly ReadFact[]): boolean[] {
  return featuresOfFacts(readableText, expected, facts).map((f) => scoreWith(FACTS, f) >= FACTS.threshold);
}
