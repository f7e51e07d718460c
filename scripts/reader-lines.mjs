/**
 * What score-reader.mjs and agreement.mjs share: reading a corpus, running the reader on it from outside
 * (`release-bot understand --jsonl`), and judging one reading against one label the way a PM would.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

/** The lines of a JSONL corpus. */
export const readCorpus = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

/** The reader's answer to each line, through the CLI. */
export function understandAll(lines, cli = 'npx tsx src/cli.ts') {
  const [bin, ...rest] = cli.split(' ');
  const input = lines
    .map((l) => JSON.stringify(l.item === undefined ? { text: l.text } : { text: l.text, item: l.item }))
    .join('\n');
  let output;
  try {
    output = execFileSync(bin, [...rest, 'understand', '--jsonl'], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    // Exit code 1 means a line could not be read; its object says so.
    output = e.stdout ?? '';
  }
  const got = output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
  if (got.length !== lines.length) throw new Error(`expected ${lines.length} answers, got ${got.length}`);
  return got;
}

export const SECRET = /\b[0-9a-f]{32}\b/i;

/**
 * The reader prints a secret only masked ("••••cdef"), by design; a corpus that writes the secret in clear expects
 * that masked form.
 */
const masked = (v) =>
  typeof v === 'string' && /^[0-9a-f]{32}$/i.test(v)
    ? `••••${v.slice(-4)}`
    : v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, masked(x)]))
      : v;

/** A label or a reading as what is compared: the facts (secrets masked) and the refused keys. */
export function facts(x) {
  if ('expect' in x) return { values: masked(x.expect), invalid: [...new Set(x.invalid ?? [])].sort() };
  const { _invalid, _intent, _outcome, _edit, _error, ...values } = x;
  const invalid = [...new Set((Array.isArray(_invalid) ? _invalid : []).map((i) => i.key))].sort();
  return { values: masked(values), invalid, error: Boolean(_error) };
}

/** Whether two readings (labels or reader answers, through `facts`) record the same. */
export const same = (a, b) =>
  !a.error && !b.error && isDeepStrictEqual(a.values, b.values) && isDeepStrictEqual(a.invalid, b.invalid);

/** The facts of `got` that `want` does not record with that value: the wrong facts. */
export const wrongFacts = (got, want) =>
  Object.entries(got.values).filter(([k, v]) => !(k in want.values) || !isDeepStrictEqual(v, want.values[k]));
