import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { PM, sh, startAcme, transcript } from '../jobs/reminder-helpers.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const developers = Array.from({ length: 15 }, (_, i) => `dev_user${String(i).padStart(2, '0')}`);

describe('a change of verification re-checks the developer limit', () => {
  it('15 developers recorded, then the account turns out unverified (limit 10): the client and the PM are told to remove 5', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    const release = await startAcme(t, 'zh');
    const { service } = t.app;
    expect(
      service.recordAnswer(
        release.id,
        'enterprise_account',
        { registered: true, verified: true },
        { actor: 'local:client' },
      ).kind,
    ).toBe('saved');
    expect(service.recordAnswer(release.id, 'developers', developers, { actor: 'local:client' }).kind).toBe('saved');
    const before = (await transcript(t)).length;

    service.recordAnswer(
      release.id,
      'enterprise_account',
      { registered: true, verified: false },
      { actor: 'local:client', mode: 'replace' },
    );
    const sent = (await transcript(t)).slice(before);
    expect(sent).toEqual([
      {
        to: 'thread:client',
        text: '开发者：小程序未认证，最多可添加 10 个，目前记录了 15 个。请在 用户身份 → 开发者 中移除 5 个，并告诉我们保留哪些。',
      },
      {
        to: 'user:pm',
        text: 'Acme Coffee · Developers: the account is now not verified (limit 10) and 15 are recorded — 5 must be removed. The client was asked which ones stay.',
      },
    ]);

    // Verified again: 15 is within 20, nothing more is said; an unrelated change says nothing either.
    service.recordAnswer(
      release.id,
      'enterprise_account',
      { registered: true, verified: true },
      { actor: 'local:client', mode: 'replace' },
    );
    await t.app.bot.command(PM, 'done Acme Coffee roles');
    expect((await transcript(t)).slice(before + 2).filter((m) => m.text.includes('15'))).toEqual([]);
  });
});
