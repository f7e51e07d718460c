/**
 * Understanding a client's reply: free text in Chinese, English or both → facts about checklist
 * items, plus what the reply means as a whole (skip, n/a, done, help).
 *
 *   understand('是企业主体，已经认证了。AppID wx1a2b3c4d5e6f7a8b，商户号还在申请中').facts
 *   // enterprise_account {registered, verified}, app_id 'wx1a2b3c4d5e6f7a8b', merchant_account {status: 'applying'}
 *   understand('加好了', { expected: ['developers'] }) // facts: developers 'done'; intent: 'done'
 *
 * Values take the shapes of DESIGN.md "Values". What is not valid is reported as an `invalid` fact with
 * a reason (a message key), never turned into a value. Count limits are not checked here:
 * rules.validate enforces them when a value is stored. How the reading works: parse/pass.ts.
 */
import { type Message, render } from '../i18n/index.js';
import { maskSecret, maskSecretsIn } from '../release/secrets.js';
import { mergeCandidates } from './parse/merge.js';
import { normalize } from './parse/normalize.js';
import { readMessage } from './parse/pass.js';
import { isCorrection } from './parse/phrases.js';
import type { ItemKey, ItemValue } from './types.js';

export type Fact =
  | { kind: 'value'; key: ItemKey; value: ItemValue; correction: boolean }
  /** The raw 32-hex secret: the caller seals it; it is never printed. */
  | { kind: 'secret'; key: 'app_secret' | 'open_platform'; secret: string }
  | { kind: 'invalid'; key: ItemKey; input: string; reason: Message };

export type Intent = 'skip' | 'n/a' | 'done' | 'help' | 'none';

export interface Understanding {
  facts: Fact[];
  /**
   * What the reply says without naming an item: "稍后" → skip, "不需要" → n/a, "加好了" → done,
   * "在哪里找?" → help. A bare "done"/"n/a" is also a fact for the first asked item that takes it.
   */
  intent: Intent;
  /** The client corrects an earlier answer ("写错了，应该是 …", "actually …"); value facts carry it too. */
  correction: boolean;
}

export interface UnderstandContext {
  /** The items the bot just asked, in order: a bare answer goes to the first whose shape takes it. */
  expected?: readonly ItemKey[];
}

export function understand(text: string, ctx: UnderstandContext = {}): Understanding {
  const normalized = normalize(text);
  const correction = isCorrection(normalized);
  const reading = readMessage(normalized, ctx.expected ?? [], correction);
  return { facts: mergeCandidates(reading.candidates), intent: reading.intent, correction };
}

// === The JSON view (CLI, logs, the test corpus)

export interface InvalidJson {
  key: ItemKey;
  input: string;
  reason: string;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function putValue(out: Record<string, unknown>, fact: Extract<Fact, { kind: 'value' }>): void {
  const isObject = typeof fact.value === 'object' && !Array.isArray(fact.value);
  out[fact.key] = fact.key === 'open_platform' && isObject ? { ...asRecord(fact.value), ...asRecord(out.open_platform) } : fact.value;
}

function putSecret(out: Record<string, unknown>, fact: Extract<Fact, { kind: 'secret' }>): void {
  const masked = maskSecret(fact.secret.slice(-4));
  out[fact.key] = fact.key === 'open_platform' ? { ...asRecord(out.open_platform), secret: masked } : masked;
}

/**
 * The facts as one object keyed by item key, values in DESIGN shapes. Secrets appear only masked
 * ("••••cdef"); refused inputs are listed under "_invalid" with the English reason; the intent shows
 * as "_intent" when the reply gave no fact, and always when it is skip or help.
 */
export function factsToJson(u: Understanding): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const invalid: InvalidJson[] = [];
  for (const fact of u.facts) {
    if (fact.kind === 'value') putValue(out, fact);
    else if (fact.kind === 'secret') putSecret(out, fact);
    else invalid.push({ key: fact.key, input: fact.input, reason: render('en', fact.reason) });
  }
  if (invalid.length > 0) out._invalid = invalid;
  if (u.intent !== 'none' && (u.facts.length === 0 || u.intent === 'skip' || u.intent === 'help')) out._intent = u.intent;
  // Belt and braces: no 32-hex run leaves this function, whatever field it hides in.
  return JSON.parse(JSON.stringify(out, (_k, v: unknown) => (typeof v === 'string' ? maskSecretsIn(v) : v))) as Record<string, unknown>;
}
