import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { configurePmLocales } from '../../src/i18n/index.js';
import { ConfigError } from '../../src/config.js';
import { readConfig } from '../../src/main.js';
import { buildDigests } from '../../src/reminders/digest.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { PM, sh, transcript } from '../jobs/reminder-helpers.js';
import { startFakeWeChat } from '../wechat/fake-wechat.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  configurePmLocales(undefined, {});
});

describe('PMs are answered in their own language, clients in theirs', () => {
  it('a Chinese client’s status reads in English for the PM (the default); the client still gets Chinese', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    await t.app.bot.command(PM, 'start Acme Coffee zh');
    const status = await t.app.bot.command(PM, 'status Acme Coffee');
    expect(status.message.text.split('\n')[0]).toBe('Acme Coffee — Mini Program release');
    expect((await transcript(t)).find((m) => m.to === 'thread:client')?.text).toMatch(/^您好/);
  });

  it('PM_USERS’ slack:U123:zh gives that PM Chinese replies and a Chinese digest; others keep PM_LOCALE', async () => {
    t = await startTestApp({
      clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))),
      env: { PM_USERS: 'local:pm:zh,slack:UPM', PM_LOCALE: 'en' },
    });
    expect(t.app.config.pmUsers).toEqual(['local:pm', 'slack:UPM']);
    await t.app.bot.command(PM, 'start Acme Coffee en');
    const status = await t.app.bot.command(PM, 'status Acme Coffee');
    expect(status.message.text.split('\n')[0]).toBe(`Acme Coffee — 小程序上线`);
    const digest = buildDigests(t.app.store, t.clock.now(), 'Asia/Shanghai').get('local:pm')?.text ?? '';
    expect(digest).toMatch(/^早上好，2026-11-25 的上线进度：/);
    const other = await t.app.bot.command(
      { ...PM, user: 'slack:UPM', platform: 'slack', locale: 'zh' },
      'status Acme Coffee',
    );
    expect(other.message.text.split('\n')[0]).toBe('Acme Coffee — Mini Program release');
  });

  it('a Chinese client’s release: the PM’s set, unset, note, done, skip and due replies and the attachment notice are in English', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))), env: { PM_LOCALE: 'en' } });
    await t.app.bot.command(PM, 'start Acme Coffee zh');
    const said = async (text: string): Promise<string> => (await t?.app.bot.command(PM, text))?.message.text ?? '';
    expect(await said('set Acme Coffee app_id wx1a2b3c4d5e6f7a8b')).toMatch(
      /^Acme Coffee · App ID: — → wx1a2b3c4d5e6f7a8b\. Recorded as set by you/,
    );
    expect(await said('note Acme Coffee app_id from the contract')).toBe(
      'Acme Coffee · App ID: note saved (“from the contract”). It shows in status and exports, not to the client.',
    );
    expect(await said('unset Acme Coffee app_id')).toMatch(/^Acme Coffee · App ID/);
    expect(await said('done Acme Coffee app_id')).toBe('Acme Coffee · App ID: done.');
    expect(await said('skip Acme Coffee ugc_license')).toMatch(/^Acme Coffee · /);
    expect(await said('due Acme Coffee 2026-13-45')).not.toMatch(/[\u4e00-\u9fff]/);
    await t.app.bot.handle({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text: '',
      attachments: [{ kind: 'image' }],
      externalId: randomUUID(),
    });
    const sent = await transcript(t);
    expect(sent.filter((m) => m.to === 'user:pm').map((m) => m.text)).toContain(
      'Acme Coffee sent a file (image) in the release conversation.',
    );
    expect(sent.filter((m) => m.to === 'thread:client').at(-1)?.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('WeChat’s App-secret notices go to the PM in the PM’s own language (PM_USERS local:pm:zh), not PM_LOCALE', async () => {
    const fake = await startFakeWeChat();
    try {
      fake.register('wx1a2b3c4d5e6f7a8b', '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d');
      t = await startTestApp({ env: { WECHAT_API_BASE: fake.url, PM_USERS: 'local:pm:zh', PM_LOCALE: 'en' } });
      await t.app.bot.command(PM, 'start Acme Coffee en');
      for (const text of ['AppID wx1a2b3c4d5e6f7a8b', 'the app secret is 3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6e']) {
        await t.app.bot.handle({
          platform: 'local',
          channel: 'client',
          sender: 'local:client',
          text,
          externalId: randomUUID(),
        });
        await t.app.appSecrets?.idle();
      }
      const toPm = (await transcript(t)).filter((m) => m.to === 'user:pm').map((m) => m.text);
      expect(toPm.length).toBeGreaterThan(0);
      expect(toPm.join('\n')).toMatch(/[\u4e00-\u9fff]/);
      expect(toPm.join('\n')).not.toContain('WeChat refused');
    } finally {
      await t?.close();
      t = undefined;
      await fake.close();
    }
  });

  it('/release set-lang and set-tz change the client, with clear answers to bad values', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    await t.app.bot.command(PM, 'start Acme Coffee zh');
    expect((await t.app.bot.command(PM, 'set-lang Acme Coffee fr')).message.text).toBe(
      'Which language? /release set-lang Acme Coffee zh|en',
    );
    expect((await t.app.bot.command(PM, 'set-lang Acme Coffee en')).message.text).toBe(
      'Acme Coffee now gets questions and reminders in English.',
    );
    expect(t.app.store.findClientByName('Acme Coffee')?.locale).toBe('en');
    expect((await t.app.bot.command(PM, 'set-tz Acme Coffee America/New_York')).message.text).toMatch(
      /^Acme Coffee now works in America\/New_York/,
    );
    expect(t.app.store.findClientByName('Acme Coffee')?.timezone).toBe('America/New_York');
  });

  it('config: PM_LOCALE and per-PM languages are checked', () => {
    expect(readConfig({ PM_LOCALE: 'zh', PM_USERS: 'slack:U1:en,wecom:li' })).toMatchObject({
      pmLocale: 'zh',
      pmUsers: ['slack:U1', 'wecom:li'],
      pmLocales: { 'slack:U1': 'en' },
    });
    expect(() => readConfig({ PM_LOCALE: 'fr' })).toThrow(ConfigError);
    expect(() => readConfig({ PM_LOCALE: 'fr' })).toThrow('PM_LOCALE must be en or zh (got "fr").');
    expect(() => readConfig({ PM_USERS: 'slack:U1:fr' })).toThrow(/PM_USERS: "slack:U1:fr" is not valid/);
  });
});
