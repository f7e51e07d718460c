/**
 * The corpora the gate learns from. Every corpus the rules were tuned on (and the first fixtures), plus corpora
 * written blind only to train it (test/checklist/gate-train: U–AB, round 13), which nobody read. The blind corpora
 * (K, L, N, P, S, T, AC, AD: held-out-11, -12, -14, -16, -19 to -22) are never trained on, so they can measure it.
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
  ].map((f) => `test/checklist/${f}`),
];

export const GATE_ONLY = ['u', 'v', 'w', 'x', 'y', 'z', 'aa', 'ab', 'ac', 'ad', 'ae', 'af', 'ag', 'ah'].map(
  (k) => `test/checklist/gate-train/${k}.jsonl`,
);

export const TRAINING = [...TUNED, ...GATE_ONLY];
