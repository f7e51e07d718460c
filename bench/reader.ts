/**
 * `npm run bench -- reader`: the reply reader scored from outside (scripts/score-reader.mjs, through
 * `release-bot understand --jsonl`) on each corpus: the share of replies read exactly right, the wrong
 * facts (a value the reply does not give, or a different one) and secrets printed in clear.
 *
 * test/checklist/held-out-2.jsonl is the figure that counts: it was written by someone who never saw
 * the reader, and the reader was never tuned on it (it is scored here, not in the test suite).
 */
import { execFileSync } from 'node:child_process';

const CORPORA = ['test/checklist/held-out-2.jsonl', 'test/checklist/held-out.jsonl', 'test/fixtures/replies.jsonl'];

export async function run(): Promise<void> {
  for (const corpus of CORPORA) {
    process.stdout.write(execFileSync('node', ['scripts/score-reader.mjs', corpus], { encoding: 'utf8' }));
  }
}
