/**
 * The corpora the gate learns from: every corpus the rules were tuned on, and the first fixtures. The blind ones (K, L, N, P and the newest)
 * are never trained on, so they can measure it.
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
  ].map((f) => `test/checklist/${f}`),
];
