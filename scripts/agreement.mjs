#!/usr/bin/env node
/**
 * How far two independent labellers agree on a corpus, and how the reader does where they agree. The second
 * label file holds the same lines (same text and item, same order), labelled by someone who saw only the
 * text, the item asked and the labelling conventions.
 *
 *   node scripts/agreement.mjs test/checklist/held-out-27.jsonl test/checklist/relabel/held-out-27.jsonl [...pairs] [--by]
 *     [--cli "npx tsx src/cli.ts"]
 *
 * For each pair, and over all pairs: labellers agree (%), the reader against each label, the reader on the lines
 * where both labels agree (right, wrong facts), and the reader's facts that both labellers call wrong.
 * With --by, also the agreement per outcome class of the first label and per item asked.
 * Only counts are printed, never a line: the first files are blind corpora.
 */
import { facts, readCorpus, same, understandAll, wrongFacts } from './reader-lines.mjs';

const args = process.argv.slice(2);
const cliAt = args.indexOf('--cli');
const cli = cliAt >= 0 ? args[cliAt + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && (cliAt < 0 || i !== cliAt + 1));
const by = args.includes('--by');
/** Per class: [lines, labellers agree, reader = first]. */
const classes = new Map();
const count = (key, agree, readerA) => {
  const c = classes.get(key) ?? [0, 0, 0];
  classes.set(key, [c[0] + 1, c[1] + (agree ? 1 : 0), c[2] + (readerA ? 1 : 0)]);
};
if (files.length === 0 || files.length % 2 !== 0) {
  console.error(
    'usage: node scripts/agreement.mjs FIRST.jsonl SECOND.jsonl [FIRST.jsonl SECOND.jsonl ...] [--by] [--cli "COMMAND"]',
  );
  process.exit(2);
}

const zero = () => ({
  lines: 0,
  agree: 0,
  readerA: 0,
  readerB: 0,
  wrongA: 0,
  wrongB: 0,
  consensus: 0,
  consensusRight: 0,
  consensusWrong: 0,
  disputedA: 0,
  disputedB: 0,
  wrongBoth: 0,
});
const pct = (n, d) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
const report = (name, t) =>
  console.log(
    `${name}: ${t.lines} lines; labellers agree on ${t.agree} (${pct(t.agree, t.lines)}); ` +
      `reader = first ${pct(t.readerA, t.lines)} (${t.wrongA} wrong facts), = second ${pct(t.readerB, t.lines)} (${t.wrongB}); ` +
      `on agreed lines ${t.consensusRight}/${t.consensus} right (${pct(t.consensusRight, t.consensus)}), ${t.consensusWrong} wrong facts; ` +
      `on disputed lines reader = first ${t.disputedA}, = second ${t.disputedB} of ${t.lines - t.consensus}; ` +
      `facts both call wrong ${t.wrongBoth}`,
  );

const total = zero();
for (let p = 0; p < files.length; p += 2) {
  const first = readCorpus(files[p]);
  const second = readCorpus(files[p + 1]);
  if (first.length !== second.length) throw new Error(`${files[p + 1]}: ${second.length} lines, want ${first.length}`);
  first.forEach((l, i) => {
    if (l.text !== second[i].text || l.item !== second[i].item)
      throw new Error(`${files[p + 1]}:${i + 1}: not the same line`);
  });
  const got = understandAll(first, cli);
  const t = zero();
  first.forEach((l, i) => {
    const a = facts(l);
    const b = facts(second[i]);
    const r = facts(got[i]);
    const agree = same(a, b);
    const badA = wrongFacts(r, a);
    const badB = wrongFacts(r, b);
    t.lines += 1;
    t.agree += agree ? 1 : 0;
    t.readerA += same(r, a) ? 1 : 0;
    t.readerB += same(r, b) ? 1 : 0;
    t.wrongA += badA.length;
    t.wrongB += badB.length;
    if (agree) {
      t.consensus += 1;
      t.consensusRight += same(r, a) ? 1 : 0;
      t.consensusWrong += badA.length;
    } else {
      t.disputedA += same(r, a) ? 1 : 0;
      t.disputedB += same(r, b) ? 1 : 0;
    }
    count(`outcome ${l.outcome ?? (Object.keys(a.values).length > 0 ? 'value' : 'none')}`, agree, same(r, a));
    count(`asked ${l.item ?? '(nothing)'}`, agree, same(r, a));
    t.wrongBoth += badA.filter(([k]) => badB.some(([kb]) => kb === k)).length;
  });
  report(files[p], t);
  for (const k of Object.keys(total)) total[k] += t[k];
}
if (files.length > 2) report('all', total);
if (by)
  for (const [key, [n, agree, readerA]] of [...classes].sort((x, y) => x[0].localeCompare(y[0])))
    console.log(`  ${key}: ${n} lines, labellers agree ${pct(agree, n)}, reader = first ${pct(readerA, n)}`);
