/**
 * The gate (src/checklist/parse/gate.ts): a model learned from the tuned corpora that reads a whole reply as giving
 * nothing, over the rules' reading. Its model file is what the trainer makes of those corpora (no hand edits), it was
 * never trained on a blind corpus, and it turns the rules' facts into guesses — read back, not recorded — only where
 * it is sure. Replies here are our own wording, not corpus lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import model from '../../src/checklist/parse/gate-model.json' with { type: 'json' };
import { gateFeatures, nothingLikelihood } from '../../src/checklist/parse/gate.js';
import { readByRules, understand } from '../../src/checklist/understand.js';
import { TRAINING } from '../../scripts/gate/corpora.js';
import { givesNothing, readCorpus, train } from '../../scripts/gate/train.js';

const BLIND = [
  'held-out-11',
  'held-out-12',
  'held-out-14',
  'held-out-16',
  'held-out-19',
  'held-out-20',
  'held-out-21',
  'held-out-22',
];

describe('the model file', () => {
  it('is exactly what the trainer makes of the tuned corpora', () => {
    const rebuilt = {
      trainedOn: TRAINING,
      ...train(TRAINING.flatMap((f) => readCorpus(f))),
      threshold: model.threshold,
    };
    expect(rebuilt).toEqual(model);
  });

  it('never learned from a blind corpus', () => {
    expect(model.trainedOn.length).toBeGreaterThan(10);
    for (const blind of BLIND) expect(model.trainedOn.some((f) => f.includes(`${blind}.jsonl`))).toBe(false);
  });

  it('holds no secret, App ID or template ID, only their shapes', () => {
    const text = readFileSync(new URL('../../src/checklist/parse/gate-model.json', import.meta.url), 'utf8');
    expect(text).not.toMatch(/\b[0-9a-f]{32}\b|\bwx[0-9a-f]{16}\b/i);
    expect(Object.keys(model.weights)).toContain('w:⟨appid⟩');
  });
});

describe('features', () => {
  it('are the same for the same reply, and name token shapes, not tokens', () => {
    const f = gateFeatures('AppID：wx5e6f7a8b9c0d1e2f，商户号 1612345678', 'app_id');
    expect(gateFeatures('AppID：wx5e6f7a8b9c0d1e2f，商户号 1612345678', 'app_id')).toEqual(f);
    expect(f).toEqual(expect.arrayContaining(['item:app_id', 'w:⟨appid⟩', 'w:⟨merchant⟩', 'cc:商户']));
    expect(f.join(' ')).not.toContain('5e6f7a8b');
  });

  it('classify each token by its shape on its own, and a token too long for any shape as long (so cost is linear)', () => {
    expect(gateFeatures(`${'a-'.repeat(150)}a`, 'developers')).toContain('w:⟨long⟩');
    expect(gateFeatures('tom_88，lucy_2020', 'developers')).toContain('w:⟨handle⟩');
    expect(gateFeatures('https://api.acme.cn/v1?x=1 和 a.b@acme.cn', 'mp_url_whitelist')).toEqual(
      expect.arrayContaining(['w:⟨domain⟩', 'w:⟨email⟩']),
    );
  });

  it('read what the rules read: no forwarded header, no opening quote of the bot’s question, no greeting or thanks', () => {
    expect(gateFeatures('> 附近的小程序需要吗？\n不需要', 'nearby_locations')).toEqual(
      gateFeatures('不需要', 'nearby_locations'),
    );
    expect(gateFeatures('嗯嗯 sentry 接好了，谢谢！', 'sentry')).toEqual(gateFeatures('sentry 接好了', 'sentry'));
    expect(gateFeatures('wx5e6f7a8b9c0d1e2f？', 'app_id')).toContain('mark:?');
  });

  it('leave quoted copy out: its words are the client’s text, not talk about the work', () => {
    const f = gateFeatures('改成“请稍后再试”', 'error_copywriting');
    expect(f).toContain('w:⟨quote⟩');
    expect(f).not.toContain('cc:稍后');
  });

  it('a line labels as giving nothing only when it records no value, refuses none and edits no list', () => {
    expect(givesNothing({ text: '还没', expect: {} })).toBe(true);
    expect(givesNothing({ text: '再加一个 tom_88', expect: {}, edit_ops: { item: 'developers' } })).toBe(false);
    expect(givesNothing({ text: 'wx12', expect: {}, invalid: ['app_id'] })).toBe(false);
    expect(givesNothing({ text: '加好了', expect: { roles: 'done' } })).toBe(false);
  });
});

describe('over the rules', () => {
  it('reads talk about the work as giving nothing, and a plain value as giving one', () => {
    expect(nothingLikelihood('还没弄好，下周再说', 'roles')).toBeGreaterThan(model.threshold);
    expect(nothingLikelihood('not sure yet, I need to check with our IT guy', 'servers')).toBeGreaterThan(
      model.threshold,
    );
    expect(nothingLikelihood('角色都加好了', 'roles')).toBeLessThan(model.threshold);
    expect(nothingLikelihood('AppID wx5e6f7a8b9c0d1e2f', 'app_id')).toBeLessThan(model.threshold);
    expect(nothingLikelihood('首页、菜单、购物车、我的', 'functions_pages')).toBeLessThan(model.threshold);
  });

  it('turns a fact the rules read from such a reply into a guess, read back for a yes', () => {
    const text = 'GrowingIO 吧，不过我要问下市场部';
    expect(readByRules(text, { expected: ['analytics_platform'] }).facts).toEqual([
      expect.objectContaining({ kind: 'value', key: 'analytics_platform', value: 'GrowingIO' }),
    ]);
    const u = understand(text, { expected: ['analytics_platform'] });
    expect(u.facts).toEqual([]);
    expect(u.outcome).toBe('confirm');
    expect(u.guesses).toEqual([expect.objectContaining({ key: 'analytics_platform', value: 'GrowingIO' })]);
  });

  it('leaves a plain answer to the rules', () => {
    for (const [text, key] of [
      ['统计用 GrowingIO', 'analytics_platform'],
      ['dev_tom, lucy_88', 'developers'],
      ['商户号 1612345678 已开通', 'merchant_account'],
    ] as const) {
      const rules = readByRules(text, { expected: [key] });
      expect(understand(text, { expected: [key] }).facts, text).toEqual(rules.facts);
      expect(rules.facts.length, text).toBeGreaterThan(0);
    }
  });
});
