/**
 * The held-out corpora (test/checklist/held-out*.jsonl: replies written by someone who never saw the
 * reader) judged the way scripts/score-reader.mjs judges it from outside: exact facts, exact refusals,
 * list edits, no wrong fact, no secret in clear. And reading cost: linear work, a capped message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readerWork } from '../../src/checklist/parse/work.js';
import { isItemKey, type ItemKey } from '../../src/checklist/types.js';
import { factsToJson, READ_LIMIT, understand } from '../../src/checklist/understand.js';
import { BLIND } from '../../scripts/gate/corpora.js';
import { masked } from '../../scripts/gate/train.js';

interface HeldOutLine {
  text: string;
  item?: string | string[];
  expect: Record<string, unknown>;
  invalid?: string[];
  outcome?: string;
  why?: string;
  edit_ops?: { item: string; add?: string[]; remove?: string[] };
}

/** J's list edits the reader does not read as meant yet (round 10 left them: a ratchet, docs/reader.md). */
const EDITS_MISSED_J = 8;
/** M's, left by round 11. */
const EDITS_MISSED_M = 4;
/** O's, left by round 12. */
const EDITS_MISSED_O = 5;
/** Q's list edits left by round 12, and its wrong lines left by round 13 (the gate and R's rules). */
const EDITS_MISSED_Q = 5;
const Q_WRONG = 28;
/** O's wrong lines left by round 13 (most are conventions the corpora disagree on; docs/reader.md). */
const O_WRONG = 24;
/** R's (held-out-18, round 13): its list edits and wrong lines left. */
const EDITS_MISSED_R = 4;
const R_WRONG = 27;
/** AK's and AL's (held-out-29, -30, round 15): their list edits and wrong lines left. */
const EDITS_MISSED_AK = 4;
const AK_WRONG = 10;
const EDITS_MISSED_AL = 6;
const AL_WRONG = 4;
/** AR's and AS's (held-out-33, -34, round 16): their list edits and wrong lines left. */
const EDITS_MISSED_AR = 4;
const AR_WRONG = 3;
const EDITS_MISSED_AS = 12;
const AS_WRONG = 5;
/** AW's and AX's (held-out-37, -38, round 17): their list edits and wrong lines left. */
const EDITS_MISSED_AW = 7;
const AW_WRONG = 3;
const EDITS_MISSED_AX = 3;
const AX_WRONG = 4;

/**
 * A: held-out.jsonl (issue 16's own), B: held-out-2.jsonl (blind for round 1, tuned in round 2), C: held-out-3.jsonl
 * (blind for rounds 1–2, tuned in round 3): each held to ≥ 97% exactly right and no wrong fact. D: held-out-4.jsonl
 * (blind for rounds 1–3, tuned in round 4, 71.2% before): held to the 91% reached, and no wrong fact but on the
 * lines its "why" marks as disputed with an older corpus or contaminated (each says which and why). E:
 * held-out-5.jsonl (blind for rounds 1–4, 75.6% / 45 wrong after round 4), the same way. G: held-out-7.jsonl
 * (blind for rounds 1–6, tuned in round 7), H: held-out-8.jsonl (tuned in round 8) and I: held-out-9.jsonl (tuned in
 * round 9), the same way.
 */
const CORPORA = [
  // A and C: round 8 keeps a half whitelist (domains without their filing, or the filing alone) and asks the rest —
  // DESIGN.md's value shape and four later corpora; the three lines of A and C that refuse it are marked disputed.
  { file: 'held-out.jsonl', min: 0.97, disputed: 1 },
  { file: 'held-out-2.jsonl', min: 0.97, disputed: 1 },
  { file: 'held-out-3.jsonl', min: 0.97, disputed: 2 },
  { file: 'held-out-4.jsonl', min: 0.91, disputed: 5 },
  // E (blind for rounds 1–4: 74.5% / 52 wrong facts before round 4, 75.6% / 45 after it; round 5 fixed its wrong
  // facts by class): 87.5% reached (330/377); its six wrong lines are disputed with the fixtures or corpora A and C.
  { file: 'held-out-5.jsonl', min: 0.87, disputed: 9 },
  // G (blind for rounds 1–6: 76.1% / 62 wrong facts at the start of round 6, 79.2% / 54 after its F tuning; round 7
  // fixed its wrong facts by class): 89.8% reached (405/451); its twelve wrong lines and one list edit are disputed with
  // DESIGN.md, the fixtures or corpora B, D, E and F.
  { file: 'held-out-7.jsonl', min: 0.897, disputed: 13 },
  // H (blind for rounds 1–7: 67.8% / 107 wrong facts at the start of round 6, 72.2% / 92 after round 7; round 8 fixed
  // its lines by class): 94.1% reached in round 8, 95.3% (450/472) after round 9; its 13 wrong lines are all disputed
  // with DESIGN.md or corpora A–G (each says which) — round 9 read the four the reader had left, so none may come back.
  { file: 'held-out-8.jsonl', min: 0.95, disputed: 13 },
  // I (blind for rounds 1–8: 77.7% / 72 wrong facts at the start of round 8, 82.0% / 62 after it; round 9 fixed its
  // lines by class): 97.3% reached (466/479); of its 10 wrong lines, nine are disputed with DESIGN.md or corpora A–H
  // (each says which), and one is the reader's own (311: a copy kept from its quote to a trailing 'others later').
  { file: 'held-out-9.jsonl', min: 0.96, disputed: 11, readerWrong: 1 },
  // J: held-out-10.jsonl (blind for rounds 1–9: 79.2% / 71 wrong at round 9's start, 80.0% / 66 after; tuned in
  // rounds 10–12 by class): 90.6% by scripts/score-reader.mjs at round 12's end; its 18 wrong lines are a ratchet
  // (docs/reader.md, "Round 10, from corpus J", "Round 11", "Round 12").
  { file: 'held-out-10.jsonl', min: 0.9, disputed: 0, readerWrong: 17, editsMissed: EDITS_MISSED_J },
  // M: held-out-13.jsonl (blind until round 11's start: 77.3% / 64 wrong; tuned in rounds 11–12 by class): 87.7%
  // by the script at round 12's end; its 16 wrong lines are a ratchet, most of them conventions the corpora disagree
  // on (docs/reader.md, "Round 11", "Round 12").
  { file: 'held-out-13.jsonl', min: 0.865, disputed: 0, readerWrong: 14, editsMissed: EDITS_MISSED_M },
  // O: held-out-15.jsonl (written blind at round 12's start: 74.6% / 68 wrong facts; tuned in round 12 by class):
  // its wrong lines are a ratchet (docs/reader.md, "Round 12, from corpus O").
  { file: 'held-out-15.jsonl', min: 0.81, disputed: 0, readerWrong: O_WRONG, editsMissed: EDITS_MISSED_O },
  // Q: held-out-17.jsonl (written blind mid-round 12: 73.3% / 78 wrong facts at round 12's start, 74.4% / 70 after
  // O's fixes, before anyone read it; then tuned on): its wrong lines are a ratchet.
  { file: 'held-out-17.jsonl', min: 0.815, disputed: 0, readerWrong: Q_WRONG, editsMissed: EDITS_MISSED_Q },
  // R: held-out-18.jsonl (written blind at round 13's start: 81.9% / 52 wrong facts; the gate's development set,
  // headline only, then tuned on and trained on): a ratchet.
  { file: 'held-out-18.jsonl', min: 0.88, disputed: 0, readerWrong: R_WRONG, editsMissed: EDITS_MISSED_R },
  // AK, AL: held-out-29, -30 (written blind at round 15's start: 78.1% / 40 and 81.5% / 34 wrong facts; tuned on in
  // round 15 and trained on): a ratchet.
  { file: 'held-out-29.jsonl', min: 0.82, disputed: 0, readerWrong: AK_WRONG, editsMissed: EDITS_MISSED_AK },
  { file: 'held-out-30.jsonl', min: 0.835, disputed: 0, readerWrong: AL_WRONG, editsMissed: EDITS_MISSED_AL },
  // AR, AS: held-out-33, -34 (written blind at round 16's start: 80.4% / 30 and 81.9% / 27 wrong facts; tuned on in
  // round 16 and trained on): a ratchet.
  { file: 'held-out-33.jsonl', min: 0.86, disputed: 0, readerWrong: AR_WRONG, editsMissed: EDITS_MISSED_AR },
  { file: 'held-out-34.jsonl', min: 0.85, disputed: 0, readerWrong: AS_WRONG, editsMissed: EDITS_MISSED_AS },
  // AW, AX: held-out-37, -38 (written blind at round 17's start: 81.5% / 29 and 83.8% / 16 wrong facts; tuned on in
  // round 17 and trained on): a ratchet.
  { file: 'held-out-37.jsonl', min: 0.85, disputed: 0, readerWrong: AW_WRONG, editsMissed: EDITS_MISSED_AW },
  { file: 'held-out-38.jsonl', min: 0.87, disputed: 0, readerWrong: AX_WRONG, editsMissed: EDITS_MISSED_AX },
] as const;

/** A line whose expectation an older corpus or fixture contradicts, or that took its values from elsewhere. */
const KNOWN_DISAGREEMENT = /Disputed in round (?:[4-9]|1[0-2]) and kept|Contaminated:/;

function linesOf(file: string): HeldOutLine[] {
  return readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as HeldOutLine);
}

function asked(line: HeldOutLine): ItemKey[] {
  const items = line.item === undefined ? [] : typeof line.item === 'string' ? [line.item] : line.item;
  return items.filter(isItemKey);
}

type EditOps = NonNullable<HeldOutLine['edit_ops']>;

/**
 * The edit the client meant. An entry the reply names only in part ("漕溪北路那家搬了", the corpus removing the
 * full address on file) is removed by its part: the conversation removes the one entry on file that holds it
 * (test/conversation, round 4), which the reader alone cannot know.
 */
function editMatches(got: unknown, label: EditOps, text: string): boolean {
  // A label may leave out an empty side ({"item", "add"} with nothing removed): it is the same edit.
  const want = { item: label.item, add: label.add ?? [], remove: label.remove ?? [] };
  if (isDeepStrictEqual(got, want)) return true;
  const g = got as EditOps | undefined;
  if (
    !g ||
    g.item !== want.item ||
    !isDeepStrictEqual(g.add, want.add) ||
    (g.remove ?? []).length !== want.remove.length
  )
    return false;
  return want.remove.every((w, i) => {
    const part = (g.remove ?? [])[i] ?? '';
    return w === part || (!text.includes(w) && part.length >= 2 && w.includes(part) && text.includes(part));
  });
}

function judge(raw: HeldOutLine) {
  const line = { ...raw, expect: masked(raw.expect) as HeldOutLine['expect'] };
  const got = factsToJson(understand(line.text, { expected: asked(line) }));
  const { _invalid, _intent, _outcome, _edit, ...values } = got;
  const invalid = [...new Set((Array.isArray(_invalid) ? _invalid : []).map((x: { key: string }) => x.key))].sort();
  const wrong = Object.entries(values).filter(([k, v]) => !(k in line.expect) || !isDeepStrictEqual(v, line.expect[k]));
  const edit = Array.isArray(_edit) ? _edit[0] : undefined;
  const editRight = line.edit_ops === undefined || editMatches(edit, line.edit_ops, line.text);
  const right =
    isDeepStrictEqual(values, line.expect) &&
    isDeepStrictEqual(invalid, [...new Set(line.invalid ?? [])].sort()) &&
    editRight;
  return { line, got, wrong, right };
}

describe.each(CORPORA)('the held-out corpus $file', (corpus) => {
  const { file, min, disputed } = corpus;
  const lines = linesOf(file);
  const judged = lines.map(judge);

  it('has at least 150 replies', () => {
    expect(lines.length).toBeGreaterThanOrEqual(150);
  });

  it(`reads at least ${min * 100}% exactly right`, () => {
    const misses = judged.filter((j) => !j.right);
    for (const m of misses)
      console.log(
        `  held-out miss: ${m.line.text}\n    got ${JSON.stringify(m.got)}\n    want ${JSON.stringify(m.line.expect)}`,
      );
    expect((lines.length - misses.length) / lines.length).toBeGreaterThanOrEqual(min);
  });

  const left = 'readerWrong' in corpus ? corpus.readerWrong : 0;
  it(left === 0 ? 'records no wrong fact' : `records no wrong fact but the ${left} left from its round`, () => {
    const wrong = judged.filter((j) => j.wrong.length > 0 && !KNOWN_DISAGREEMENT.test(j.line.why ?? ''));
    expect(
      wrong.length,
      wrong.map((j) => `${j.line.text} → ${JSON.stringify(j.wrong)}`).join('\n'),
    ).toBeLessThanOrEqual(left);
    expect(lines.filter((l) => KNOWN_DISAGREEMENT.test(l.why ?? '')).length).toBeLessThanOrEqual(disputed);
  });

  const editsLeft = 'editsMissed' in corpus ? corpus.editsMissed : 0;
  it(
    editsLeft === 0
      ? 'reads every list edit as the edit the client meant, never as values'
      : `reads every list edit as meant but the ${editsLeft} left from its round`,
    () => {
      const edits = judged.filter((j) => j.line.edit_ops !== undefined && !KNOWN_DISAGREEMENT.test(j.line.why ?? ''));
      expect(edits.length).toBeGreaterThan(0);
      const missed = edits.filter((j) => {
        const got = Array.isArray(j.got._edit) ? j.got._edit : [];
        return got.length !== 1 || !editMatches(got[0], j.line.edit_ops as EditOps, j.line.text);
      });
      expect(missed.length, missed.map((j) => j.line.text).join('\n')).toBeLessThanOrEqual(editsLeft);
    },
  );

  it('never prints a secret in clear', () => {
    for (const j of judged) expect(JSON.stringify(j.got)).not.toMatch(/[0-9a-f]{32}/i);
  });
});

/**
 * The blind corpora (K, L, N, P, S, T, AC–AJ: scripts/gate/corpora.ts, `BLIND`) are not scored here (no round tuned on
 * them, the gate never trained on them; README, docs/reader.md), but no reply in them, as in every corpus, may bring a
 * secret out in clear; nor in the gate's own training corpora (test/checklist/gate-train).
 */
it.each([
  ...BLIND.map((f) => f.replace('test/checklist/', '')),
  ...readdirSync(new URL('./gate-train', import.meta.url)).map((f) => `gate-train/${f}`),
])('prints no secret in clear on the blind corpus %s either', (file) => {
  const lines = linesOf(file);
  expect(lines.length).toBeGreaterThanOrEqual(150);
  for (const line of lines)
    expect(JSON.stringify(factsToJson(understand(line.text, { expected: asked(line) })))).not.toMatch(/[0-9a-f]{32}/i);
});

describe('reading cost', () => {
  function workFor(text: string): number {
    const before = readerWork.steps;
    understand(text, { expected: ['functions_pages'] });
    return readerWork.steps - before;
  }

  it.each([
    ['domains', (i: number) => `a${i}.acme.cn`],
    ['keyword entries', (i: number) => `门店${i}`],
    ['WeChat IDs', (i: number) => `dev_user${i}`],
  ])('grows linearly with the message (%s)', (_kind, entry) => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => entry(i)).join(', ');
    const small = workFor(list(300));
    const large = workFor(list(1200));
    expect(list(1200).length).toBeLessThan(READ_LIMIT);
    // Four times the text: about four times the work (a quadratic step would make it sixteen).
    expect(large / small).toBeLessThan(4.6);
  });

  it('reads only the head of a 200 KB message, so its work is bounded by the cap', () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => `tester_${i}`).join(', ');
    expect(huge.length).toBeGreaterThan(200_000);
    const capped = workFor(huge);
    const atCap = workFor(huge.slice(0, READ_LIMIT));
    expect(capped).toBeLessThanOrEqual(atCap * 1.05);
    const u = understand(huge, { expected: ['beta_whitelist'] });
    expect(u.truncated).toBe(true);
  });
});
