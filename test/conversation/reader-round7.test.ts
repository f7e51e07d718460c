/**
 * Round 7 (corpus G) through the conversation: a guessed value and a merchant ID under review — what is recorded
 * and what the client is told (docs/reader.md, "Round 7, from corpus G").
 */
import { describe, expect, it } from 'vitest';
import { localReleases } from '../support/local-client.js';

const release = localReleases();

describe('a guess is no fact', () => {
  it('“maybe wx…? let me double check” (en): no App ID recorded, nothing confirmed to the client', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['app_id']);
    const reply = await r.say('maybe wx6d2f8a1c0e3b5d79? let me double check with our IT');
    expect(r.item('app_id')?.value).toBeNull();
    expect(reply).not.toContain('wx6d2f8a1c0e3b5d79');
  });

  it('“应该开通了吧” (zh): the merchant account stays unanswered', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['merchant_account']);
    await r.say('商户号应该开通了吧，我印象里弄过');
    expect(r.item('merchant_account')?.value).toBeNull();
  });
});

describe('a merchant ID under review', () => {
  it('“商户号 … 还在审核” (zh): recorded as applying with its number, not active', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['merchant_account']);
    await r.say('商户号 1645678901 还在审核中');
    expect(r.item('merchant_account')?.value).toEqual({ status: 'applying', merchant_id: '1645678901' });
  });
});
