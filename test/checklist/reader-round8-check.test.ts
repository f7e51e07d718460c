/**
 * The whitelist check (issue 16, round 8, from corpus H): after the 24 h wait the bot asks the client to open the
 * Beta once and reply "done" (reminders/firing.ts). Their "it works" answers that check — the Beta they name is
 * where they looked, not the Beta whitelist — and "still failing" answers nothing.
 */
import { describe, expect, it } from 'vitest';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, expected: Parameters<typeof readByRules>[1] = { expected: ['mp_url_whitelist'] }) => {
  const { _intent, _outcome, ...values } = factsToJson(readByRules(text, expected));
  return values;
};

describe('the whitelist check', () => {
  it.each([
    '好的 刚试了 体验版里请求都正常',
    'opened the beta on my phone, every request goes through now',
    '可以了，生效了',
    'done ✅',
  ])('"%s" confirms it', (text) => {
    expect(read(text)).toEqual({ mp_url_whitelist: 'done' });
  });

  it.each([
    '体验版还是报错，说不在合法域名列表中',
    'the beta still fails on the login call',
    'not yet, I will try it tonight',
    '收到',
  ])('"%s" confirms nothing', (text) => {
    expect(read(text)).toEqual({});
  });

  it('is read only while the check is asked: "done" for the admin whitelist is no value', () => {
    expect(read('done', { expected: ['admin_url_whitelist'] })).toEqual({});
  });

  it('Beta testers given while the check is asked are still the Beta whitelist', () => {
    expect(read('体验版再加两个人：lily_w88 和 tom_h2024', { expected: ['mp_url_whitelist'] })).not.toHaveProperty(
      'mp_url_whitelist',
    );
  });
});

describe('the whitelist check asked back or still failing', () => {
  it.each(['白名单生效了吗？我这边 still 报错', 'is it live yet? the beta still shows an error'])('"%s"', (text) => {
    expect(read(text)).toEqual({});
  });
});
