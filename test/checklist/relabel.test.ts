/**
 * The second labellings (test/checklist/relabel): every blind corpus labelled again by someone who saw only each
 * reply, the item asked and the labelling conventions — how far two careful labellers agree, and how the reader does
 * where they do (`node scripts/agreement.mjs`, docs/reader.md "Round 16"). Each must be the same lines as its corpus,
 * in the same order, and compare the way score-reader compares.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { facts, readCorpus, same, wrongFacts } from '../../scripts/reader-lines.mjs';
import { BLIND } from '../../scripts/gate/corpora.js';

const lines = (path: string) => readCorpus(fileURLToPath(new URL(path, import.meta.url)));

const relabelled = readdirSync(new URL('./relabel', import.meta.url));

describe('the second labellings', () => {
  it('label every blind corpus, and only those', () => {
    expect(relabelled).toHaveLength(BLIND.length);
    for (const file of relabelled) expect(BLIND).toContain(`test/checklist/${file}`);
  });

  it.each(relabelled)('%s: the same replies as its corpus, each labelled', (file) => {
    const first = lines(`./${file}`);
    const second = lines(`./relabel/${file}`);
    expect(second).toHaveLength(first.length);
    second.forEach((l, i) => {
      expect([l.text, l.item]).toEqual([first[i]?.text, first[i]?.item]);
      expect(l.expect !== null && typeof l.expect === 'object' && !Array.isArray(l.expect)).toBe(true);
    });
  });
});

describe('comparing two readings (scripts/reader-lines.mjs)', () => {
  it('masks a secret in a label as the reader prints it, and compares the refused keys as a set', () => {
    const secret = '0123456789abcdef0123456789abcdef';
    const label = facts({ text: '', expect: { app_secret: secret }, invalid: ['app_id', 'app_id'] });
    const read = facts({ app_secret: '••••cdef', _invalid: [{ key: 'app_id' }], _outcome: 'answer' });
    expect(same(label, read)).toBe(true);
    expect(same(label, facts({ app_secret: '••••cdef' }))).toBe(false);
  });

  it('counts as wrong a fact the label does not give, or gives otherwise', () => {
    const label = facts({ text: '', expect: { roles: 'done' } });
    expect(wrongFacts(facts({ roles: 'done', sentry: 'done' }), label)).toEqual([['sentry', 'done']]);
    expect(wrongFacts(facts({ roles: 'n/a' }), label)).toEqual([['roles', 'n/a']]);
    expect(wrongFacts(facts({}), label)).toEqual([]);
  });
});
