#!/usr/bin/env node
/**
 * Scores the reply reader on a corpus from outside, through `release-bot understand --jsonl`, the way a PM
 * would judge it: a line is right when the facts read are exactly the facts expected (and the refused items
 * exactly those expected); a wrong fact is any value read that the corpus says is something else or that the
 * reply does not give. Secrets must never appear in clear.
 *
 *   node scripts/score-reader.mjs test/checklist/held-out.jsonl [--cli "npx tsx src/cli.ts"] [--show]
 *
 * Corpus lines: {"text", "item"?, "expect": {key: value}, "invalid"?: [key], "outcome"?, "why"?}.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node scripts/score-reader.mjs CORPUS.jsonl [--cli "COMMAND"] [--show]');
  process.exit(2);
}
const cliAt = args.indexOf('--cli');
const cli = (cliAt >= 0 ? args[cliAt + 1] : 'npx tsx src/cli.ts').split(' ');
const show = args.includes('--show');

const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
const input = lines
  .map((l) => JSON.stringify(l.item === undefined ? { text: l.text } : { text: l.text, item: l.item }))
  .join('\n');
let output;
try {
  output = execFileSync(cli[0], [...cli.slice(1), 'understand', '--jsonl'], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
} catch (e) {
  // Exit code 1 means a line could not be read; its object says so.
  output = e.stdout ?? '';
}
const got = output
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));
if (got.length !== lines.length) throw new Error(`expected ${lines.length} answers, got ${got.length}`);

const SECRET = /\b[0-9a-f]{32}\b/i;
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
let right = 0;
let wrongFacts = 0;
let linesWithWrong = 0;
let leaks = 0;
const failures = [];
lines.forEach((raw, i) => {
  const line = { ...raw, expect: masked(raw.expect) };
  const out = got[i];
  const { _invalid, _intent, _outcome, _edit, _error, ...values } = out;
  const invalid = [...new Set((Array.isArray(_invalid) ? _invalid : []).map((x) => x.key))].sort();
  const wantInvalid = [...new Set(line.invalid ?? [])].sort();
  const wrong = Object.entries(values).filter(([k, v]) => !(k in line.expect) || !isDeepStrictEqual(v, line.expect[k]));
  if (SECRET.test(JSON.stringify(out))) leaks += 1;
  const ok = !_error && isDeepStrictEqual(values, line.expect) && isDeepStrictEqual(invalid, wantInvalid);
  if (ok) right += 1;
  else
    failures.push({ n: i + 1, text: line.text, item: line.item, expect: line.expect, invalid: line.invalid, got: out });
  if (wrong.length > 0) {
    wrongFacts += wrong.length;
    linesWithWrong += 1;
  }
});

const pct = ((100 * right) / lines.length).toFixed(1);
console.log(
  `${file}: ${right}/${lines.length} right (${pct}%), ${wrongFacts} wrong facts on ${linesWithWrong} lines, ${leaks} secret leaks`,
);
if (show) for (const f of failures) console.log(JSON.stringify(f));
