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
import { SECRET, facts, readCorpus, same, understandAll, wrongFacts } from './reader-lines.mjs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node scripts/score-reader.mjs CORPUS.jsonl [--cli "COMMAND"] [--show]');
  process.exit(2);
}
const cliAt = args.indexOf('--cli');
const show = args.includes('--show');

const lines = readCorpus(file);
const got = understandAll(lines, cliAt >= 0 ? args[cliAt + 1] : undefined);
let right = 0;
let wrong = 0;
let linesWithWrong = 0;
let leaks = 0;
const failures = [];
lines.forEach((line, i) => {
  const out = got[i];
  const read = facts(out);
  const want = facts(line);
  if (SECRET.test(JSON.stringify(out))) leaks += 1;
  if (same(read, want)) right += 1;
  else
    failures.push({ n: i + 1, text: line.text, item: line.item, expect: want.values, invalid: line.invalid, got: out });
  const bad = wrongFacts(read, want);
  if (bad.length > 0) {
    wrong += bad.length;
    linesWithWrong += 1;
  }
});

const pct = ((100 * right) / lines.length).toFixed(1);
console.log(
  `${file}: ${right}/${lines.length} right (${pct}%), ${wrong} wrong facts on ${linesWithWrong} lines, ${leaks} secret leaks`,
);
if (show) for (const f of failures) console.log(JSON.stringify(f));
