/**
 * The corpora the gate and the fact check learn from. Every corpus the rules were tuned on (and the first fixtures),
 * plus corpora written blind only to train them (test/checklist/gate-train: u–ab in round 13, ac–ah in round 14, am–ap
 * in round 15, ay–bb in round 17). Until round 17 nobody read them; round 17 read u–ap's misses to find rule classes.
 * The blind corpora (`BLIND`: K, L, N, P, S, T, AC–AJ, AQ, AT, AU, AV) are never trained on, so they can measure them.
 */
export const TUNED = [
  'test/fixtures/replies.jsonl',
  ...[
    'held-out.jsonl',
    'held-out-2.jsonl',
    'held-out-3.jsonl',
    'held-out-4.jsonl',
    'held-out-5.jsonl',
    'held-out-6.jsonl',
    'held-out-7.jsonl',
    'held-out-8.jsonl',
    'held-out-9.jsonl',
    'held-out-10.jsonl',
    'held-out-13.jsonl',
    'held-out-15.jsonl',
    'held-out-17.jsonl',
    'held-out-18.jsonl',
    'held-out-29.jsonl',
    'held-out-30.jsonl',
    'held-out-33.jsonl',
    'held-out-34.jsonl',
    'held-out-37.jsonl',
    'held-out-38.jsonl',
  ].map((f) => `test/checklist/${f}`),
];

export const GATE_ONLY = [
  'u',
  'v',
  'w',
  'x',
  'y',
  'z',
  'aa',
  'ab',
  'ac',
  'ad',
  'ae',
  'af',
  'ag',
  'ah',
  'am',
  'an',
  'ao',
  'ap',
  'ay',
  'az',
  'ba',
  'bb',
].map((k) => `test/checklist/gate-train/${k}.jsonl`);

export const TRAINING = [...TUNED, ...GATE_ONLY];

/**
 * The blind corpora (K, L, N, P, S, T, AC–AJ, AQ, AT, AU, AV): never tuned on, never trained on — the measure of replies
 * nobody here read (README, docs/reader.md). Each has a second, independent labelling in test/checklist/relabel.
 */
export const BLIND = [11, 12, 14, 16, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 35, 36].map(
  (n) => `test/checklist/held-out-${n}.jsonl`,
);
