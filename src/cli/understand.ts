/**
 * `release-bot understand [--item KEY[,KEY…]] "TEXT"`: what the bot reads in a client's reply, as one
 * JSON object on one line (factsToJson: secrets only masked). `--item` names the items the bot just
 * asked, so a bare answer ("加好了", "1900000109") has somewhere to go.
 *
 * `understand --jsonl` reads `{"text": …, "item"?: …}` lines on stdin (`item`: a key, "k1,k2", or
 * ["k1", "k2"] — the items asked, in order) and prints one object per line,
 * in order; a line it cannot read prints `{"_error": …}` (never the line itself: it may hold a
 * secret) and the exit code is 1.
 *
 *   echo '{"text":"加好了","item":"developers"}' | release-bot understand --jsonl   // {"developers":"done"}
 */
import { createInterface } from 'node:readline';
import { ITEM_KEYS, isItemKey, type ItemKey } from '../checklist/types.js';
import { factsToJson, understand } from '../checklist/understand.js';
import { maskSecretsIn } from '../release/secrets.js';
import { type CliCommand, type CliIO, parseArgs, UsageError } from './command.js';

/** "developers,template_ids" → the keys, or the first name that is not an item. */
function itemsIn(spec: string): { items: ItemKey[] } | { unknown: string } {
  const names = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.find((n) => !isItemKey(n));
  return unknown === undefined ? { items: names as ItemKey[] } : { unknown };
}

function itemsOption(value: string | boolean | undefined): ItemKey[] {
  if (typeof value !== 'string') return [];
  const read = itemsIn(value);
  if ('unknown' in read)
    throw new UsageError(`Unknown item "${read.unknown}" for --item. Items: ${ITEM_KEYS.join(', ')}`);
  return read.items;
}

function print(io: CliIO, object: Record<string, unknown>): void {
  io.stdout.write(`${maskSecretsIn(JSON.stringify(object))}\n`);
}

/** One stdin line → the object to print for it. */
function readJsonLine(line: string, n: number, fallback: ItemKey[]): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { _error: `line ${n} is not JSON; expected {"text": "…", "item"?: "…"}` };
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { text?: unknown }).text !== 'string') {
    return { _error: `line ${n} has no "text" string; expected {"text": "…", "item"?: "…"}` };
  }
  const { text, item } = parsed as { text: string; item?: unknown };
  const isKeyList = Array.isArray(item) && item.every((k) => typeof k === 'string');
  if (item !== undefined && typeof item !== 'string' && !isKeyList) {
    return { _error: `line ${n}: "item" must be an item key, "key1,key2" or ["key1", "key2"]` };
  }
  const read = item === undefined ? { items: fallback } : itemsIn(Array.isArray(item) ? item.join(',') : String(item));
  if ('unknown' in read) return { _error: `line ${n}: unknown item "${read.unknown}"` };
  return factsToJson(understand(text, { expected: read.items }));
}

async function runJsonl(io: CliIO, fallback: ItemKey[]): Promise<number> {
  let n = 0;
  let failed = false;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    n += 1;
    if (line.trim() === '') continue;
    const object = readJsonLine(line, n, fallback);
    failed ||= '_error' in object;
    print(io, object);
  }
  return failed ? 1 : 0;
}

export const understandCommand: CliCommand = {
  name: 'understand',
  usage: 'understand [--item KEY[,KEY…]] "TEXT" | understand --jsonl',
  summary:
    'what the bot reads in a client reply, as JSON (secrets masked); --jsonl reads {"text","item"} lines on stdin',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { boolean: ['jsonl'], string: ['item'] });
    const expected = itemsOption(options.item);
    if (options.jsonl) {
      if (positional.length > 0) throw new UsageError('Give either the text or --jsonl, not both');
      return runJsonl(io, expected);
    }
    const text = positional.join(' ');
    if (text.trim() === '')
      throw new UsageError('Give the reply to read, e.g. understand --item app_id "wx0123456789abcdef"');
    print(io, factsToJson(understand(text, { expected })));
    return 0;
  },
};
