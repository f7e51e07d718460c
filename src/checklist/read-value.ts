/**
 * Reading a value typed for one named item — a PM's `/release set`, a client's `改成 …` or a Slack
 * Edit form — with the same reader as a client's reply (`understand`, the item expected), so the
 * same words mean the same value everywhere. Lists also take `+entry` / `-entry` against what is on
 * file, or a whole new list. Limits are not checked here: `ReleaseService.recordAnswer` validates.
 *
 *   readValueFor('merchant_account', '1900000109', null)       // { kind: 'value', value: { status: 'active', merchant_id: '1900000109' } }
 *   readValueFor('developers', '-dev_zhao +dev_sun', ['dev_zhao'])  // { kind: 'value', value: ['dev_sun'] }
 *
 * A secret-shaped run (32 hex, or a near miss by a secret keyword) is read only for an item that takes
 * a secret; for any other it is refused, so a secret given for the wrong item is neither stored as
 * free text nor quoted: every reason shows the input with its secrets masked (••••last4).
 */
import type { Message, MessageParams } from '../i18n/index.js';
import { findSecretRuns, maskSecretsIn } from '../release/secret-runs.js';
import { shapeOf } from './shapes.js';
import { type ItemKey, type ItemValue } from './types.js';
import { readByRules } from './understand.js';

export type ValueReading =
  | { kind: 'value'; value: ItemValue }
  | { kind: 'secret'; secret: string }
  | { kind: 'invalid'; reason: Message };

/** The items whose value may hold a secret (sealed by the caller): the App secret, the Open Platform secret. */
const TAKES_SECRET: ReadonlySet<ItemKey> = new Set<ItemKey>(['app_secret', 'open_platform']);

export function isListItem(key: ItemKey): boolean {
  return shapeOf(key).list;
}

/** `+a -b +c` → the entries to add and to remove, or undefined when the text is not such an edit. */
function listEdit(text: string): { add: string[]; remove: string[] } | undefined {
  const trimmed = text.trim();
  if (!/^[+\-＋－]/.test(trimmed)) return undefined;
  const add: string[] = [];
  const remove: string[] = [];
  for (const m of trimmed.matchAll(/(?:^|\s)([+\-＋－])\s*([^\s+＋－][^+＋－]*?)(?=\s+[+\-＋－]|\s*$)/g)) {
    const entry = (m[2] ?? '').trim();
    if (entry) (m[1] === '+' || m[1] === '＋' ? add : remove).push(entry);
  }
  return add.length + remove.length > 0 ? { add, remove } : undefined;
}

/** The entries an added `+…` stands for, read by the item's own reader (a template ID, a WeChat ID…). */
function readEntries(key: ItemKey, text: string): ValueReading {
  const reading = readWhole(key, text);
  if (reading.kind !== 'value') return reading;
  return Array.isArray(reading.value) ? reading : { kind: 'value', value: [text] };
}

function readWhole(key: ItemKey, text: string): ValueReading {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'invalid', reason: { key: 'reason.empty' } };
  // A value given for a named item ("改成 …", a PM's set, the client page's field) is read by the rules alone: the
  // learned checks weigh replies to a question, and would read back what was typed for this item.
  const facts = readByRules(trimmed, { expected: [key] }).facts.filter((f) => f.key === key);
  const secret = facts.find((f) => f.kind === 'secret');
  if (secret?.kind === 'secret') return { kind: 'secret', secret: secret.secret };
  const value = facts.find((f) => f.kind === 'value');
  if (value?.kind === 'value') return { kind: 'value', value: value.value };
  const invalid = facts.find((f) => f.kind === 'invalid');
  if (invalid?.kind === 'invalid') return { kind: 'invalid', reason: invalid.reason };
  if (shapeOf(key).anyText && !shapeOf(key).list) return { kind: 'value', value: trimmed };
  return { kind: 'invalid', reason: { key: 'reason.unreadable', params: { input: trimmed } } };
}

/** A reason's quoted input with its secrets masked: a refusal is shown and stored, the secret must not be. */
function maskReason(reason: Message): Message {
  if (!reason.params) return reason;
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(reason.params))
    params[name] = typeof value === 'string' ? maskSecretsIn(value) : value;
  return { ...reason, params };
}

export interface ReadOptions {
  /**
   * The text is a form field's whole content (the client page): a list is one entry per line (list
   * marks such as `-`, `•`, `1.` dropped), free text is all of it, lines included. Other shapes are read as usual.
   */
  wholeText?: boolean;
}

/** A form field's lines as list entries: one per non-empty line, a leading `-`/`•`/`*`/`1.`/`1、` dropped. */
export function fieldLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-•*·]|\d{1,3}[.、)）])\s+/u, '').trim())
    .filter((line) => line !== '');
}

/** `text` read as a value of `key`; `current` is what is on file (for `+` / `-` list edits). */
export function readValueFor(
  key: ItemKey,
  text: string,
  current: ItemValue | null,
  opts: ReadOptions = {},
): ValueReading {
  if (!TAKES_SECRET.has(key) && findSecretRuns(text).runs.length > 0) {
    return {
      kind: 'invalid',
      reason: { key: 'reason.secret_elsewhere', params: { input: maskSecretsIn(text.trim()) } },
    };
  }
  if (opts.wholeText && isListItem(key)) {
    const entries = fieldLines(text);
    return entries.length > 0
      ? { kind: 'value', value: entries }
      : { kind: 'invalid', reason: { key: 'reason.empty' } };
  }
  if (opts.wholeText && shapeOf(key).anyText && !shapeOf(key).list && text.trim() !== '' && /\n/.test(text.trim())) {
    return { kind: 'value', value: text.trim().replace(/\r\n/g, '\n') };
  }
  const reading = readUnmasked(key, text, current);
  return reading.kind === 'invalid' ? { kind: 'invalid', reason: maskReason(reading.reason) } : reading;
}

function readUnmasked(key: ItemKey, text: string, current: ItemValue | null): ValueReading {
  const edit = isListItem(key) ? listEdit(text) : undefined;
  if (!edit) return readWhole(key, text);
  const base = Array.isArray(current) ? [...current] : [];
  const removing = new Set(edit.remove.map((x) => x.toLowerCase()));
  const missing = edit.remove.find((x) => !base.some((b) => b.toLowerCase() === x.toLowerCase()));
  if (missing) return { kind: 'invalid', reason: { key: 'reason.not_in_list', params: { input: missing } } };
  const kept = base.filter((x) => !removing.has(x.toLowerCase()));
  for (const entry of edit.add) {
    const read = readEntries(key, entry);
    if (read.kind !== 'value') return read;
    for (const x of read.value as string[]) if (!kept.some((k) => k.toLowerCase() === x.toLowerCase())) kept.push(x);
  }
  if (kept.length === 0) return { kind: 'invalid', reason: { key: 'reason.empty' } };
  return { kind: 'value', value: kept };
}
