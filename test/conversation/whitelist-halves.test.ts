/**
 * The Admin UI whitelist in halves (issue 16, round 8, from corpus H; DESIGN.md: `icp` is optional in the value):
 * domains whose ICP filing is still to come, or the filing alone, are kept and the other half asked — the client
 * never sends the same domains twice. The agency's own submission (mp_url_whitelist) still needs both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { askOnly, clientSays } from '../support/local-client.js';
import { PM, sh, startAcme } from '../jobs/reminder-helpers.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function whitelistAsked(locale: 'en' | 'zh') {
  t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
  const release = await startAcme(t, locale);
  for (const key of ITEM_KEYS)
    if (key !== 'admin_url_whitelist') t.app.service.setStatus(release.id, key, 'done', 'local:pm');
  askOnly(t.app, release.id, ['admin_url_whitelist']);
  return { app: t.app, release };
}

describe('the Admin UI whitelist in halves', () => {
  it('domains first: kept, the filing asked; the filing next completes the item', async () => {
    const { app, release } = await whitelistAsked('zh');
    const first = await clientSays(app, '域名就两个 shop.lanxi-tea.cn 和 img.lanxi-tea.cn，备案号我找一下');
    expect(app.store.item(release.id, 'admin_url_whitelist')).toMatchObject({
      status: 'asked',
      value: { domains: ['shop.lanxi-tea.cn', 'img.lanxi-tea.cn'] },
    });
    expect(first).toContain('配置白名单需要域名和对应的 ICP 备案号两项');
    expect(first).not.toContain('每个白名单域名都需要 ICP 备案号');

    await clientSays(app, '备案号：浙ICP备2022031415号-2');
    expect(app.store.item(release.id, 'admin_url_whitelist')).toMatchObject({
      status: 'answered',
      value: { domains: ['shop.lanxi-tea.cn', 'img.lanxi-tea.cn'], icp: '浙ICP备2022031415号-2' },
    });
  });

  it('the filing first: kept, its domains asked; a corrected filing replaces it and keeps the domains', async () => {
    const { app, release } = await whitelistAsked('en');
    const first = await clientSays(app, 'Our ICP number is 沪ICP备2019076543号-1');
    expect(app.store.item(release.id, 'admin_url_whitelist')).toMatchObject({
      status: 'asked',
      value: { domains: [], icp: '沪ICP备2019076543号-1' },
    });
    expect(first).toContain('To whitelist them we need both');
    await clientSays(app, 'domains: m.harbourbrew.cn');
    await clientSays(app, 'sorry, the filing number is wrong, the right one is 沪ICP备2019076543号-3');
    expect(app.store.item(release.id, 'admin_url_whitelist')).toMatchObject({
      status: 'answered',
      value: { domains: ['m.harbourbrew.cn'], icp: '沪ICP备2019076543号-3' },
    });
  });

  it('domains the client names after our MP whitelist submission leave the submission and its check as they are', async () => {
    const { app, release } = await whitelistAsked('zh');
    await app.bot.command(PM, 'whitelist Acme Coffee api.acme.cn 沪ICP备2021012345号-1');
    const submitted = app.store.item(release.id, 'mp_url_whitelist');
    expect(submitted).toMatchObject({ status: 'waiting', value: { domains: ['api.acme.cn'] } });
    askOnly(app, release.id, ['app_icon']);
    const said = await clientSays(app, '对了，小程序合法域名还有 cdn.acme.cn');
    expect(app.store.item(release.id, 'mp_url_whitelist')).toMatchObject({
      status: 'waiting',
      value: submitted?.value ?? {},
    });
    expect(said).toContain('小程序域名白名单已经提交');
    // The PM gets the domains, for a new submission.
    await app.outbox.flush();
    expect(
      app.localChat?.transcript.some(
        (m) =>
          m.to === 'user:pm' && m.message.text.includes('cdn.acme.cn') && m.message.text.includes('/release whitelist'),
      ),
    ).toBe(true);
  });

  it('the agency’s MP whitelist still needs the filing', async () => {
    const { app } = await whitelistAsked('en');
    const said = await app.bot.command(PM, 'whitelist Acme Coffee api.acme.cn');
    expect(JSON.stringify(said)).toContain('needs an ICP filing');
  });
});
