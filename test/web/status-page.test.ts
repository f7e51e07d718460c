import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { PM } from '../jobs/reminder-helpers.js';
import { ACME_SECRET, seedAcme, seedQuiet } from '../status/seed.js';
import { launchChromium } from './browser.js';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import { formatTime } from '../../src/status/format.js';
import { CLIENT_APP_ID } from '../support/ids.js';

describe('the status page in a real browser', () => {
  let browser: Browser;
  let t: TestApp;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(() => t?.close());

  it('a PM signs in with the token, sees each release’s progress, opens one and reads its timeline', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: 'tok-3f9a' } });
    seedQuiet(t, 'Blue Tea');
    seedAcme(t);
    const port = await t.app.listen();
    await t.app.outbox.flush();
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Dashboard token').fill('tok-3f9a');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`http://127.0.0.1:${port}/`);
    const cards = page.locator('section.release');
    expect(await cards.locator('h2').allTextContents()).toEqual(['Acme Coffee', 'Blue Tea']);
    expect(await cards.first().textContent()).toContain('2/26 done');
    expect(await cards.first().getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2');
    expect(await cards.nth(1).textContent()).toContain('0/26 done');

    await page.getByRole('link', { name: 'Acme Coffee' }).click();
    await page.waitForURL(/\/releases\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('Acme Coffee — Mini Program release');
    expect(await page.locator('tr[data-item="app_id"]').textContent()).toContain(CLIENT_APP_ID);
    expect(await page.locator('tr[data-item="app_secret"]').textContent()).toContain(`••••${ACME_SECRET.slice(-4)}`);
    const timeline = await page.locator('ol.timeline').textContent();
    expect(timeline).toContain('local:client wrote');
    expect(timeline).toContain('The bot sent (delivered)Thanks — App ID saved.');
    expect(await page.content()).not.toContain(ACME_SECRET);

    await page.getByRole('link', { name: '中文' }).click();
    expect(await page.locator('h2').allTextContents()).toContainEqual(expect.stringContaining('准备'));
    expect(await page.getByRole('link', { name: '← 返回全部上线' }).count()).toBe(1);
  });

  it('shows every time in one time zone, labelled; an answered App secret is not "skipped"; the timeline is paged', async () => {
    t = await startTestApp();
    const { app } = t;
    const local = { platform: 'local' as const, channel: 'acme', kind: 'local' as const, shared: false };
    await app.bot.command(
      { platform: 'local', user: 'local:pm', isPm: true, locale: 'en', conversation: local },
      '/release start Acme Coffee en',
    );
    const release = app.store.openReleaseOf(app.service.clientByName('Acme Coffee').id);
    if (!release) throw new Error('no release');
    let n = 0;
    const say = (text: string) =>
      app.bot.handle({ platform: 'local', channel: 'acme', sender: 'local:client', text, externalId: `m${(n += 1)}` });
    // The client skips the App secret when asked, answers it later; skips the template IDs and leaves them open.
    app.service.recordAnswer(release.id, 'app_id', CLIENT_APP_ID, { actor: 'local:client' });
    app.service.setStatus(release.id, 'app_secret', 'asked', 'bot');
    for (const key of ITEM_KEYS)
      if (key !== 'app_secret' && app.store.item(release.id, key)?.status === 'asked')
        app.service.setStatus(release.id, key, 'todo', 'local:pm');
    await say('skip');
    expect(app.store.item(release.id, 'app_secret')).toMatchObject({ status: 'asked', note: 'skipped' });
    await say(`AppSecret: ${ACME_SECRET}`);
    expect(app.store.item(release.id, 'app_secret')?.status).toBe('answered');
    for (const key of ITEM_KEYS)
      if (app.store.item(release.id, key)?.status === 'asked')
        app.service.setStatus(release.id, key, 'todo', 'local:pm');
    app.service.markAsked(release.id, ['template_ids'], 'bot');
    await say('skip');
    expect(app.store.item(release.id, 'template_ids')).toMatchObject({ status: 'asked', note: 'skipped' });
    for (let i = 0; i < 40; i += 1) {
      t.clock.advance(60_000);
      await say(`still looking, message ${i}`);
    }
    const port = await app.listen();
    await app.outbox.flush();

    const page = await browser.newPage({ locale: 'en-US', timezoneId: 'America/New_York' });
    await page.goto(`http://127.0.0.1:${port}/releases/${release.id}?lang=en`);
    // One zone, labelled once in the page's header line, and no other zone named anywhere.
    expect(await page.locator('.tz').allTextContents()).toEqual(['Times in Asia/Shanghai']);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('UTC');
    const shanghai = (iso: string) => formatTime(iso, 'Asia/Shanghai');
    const newest = await page.locator('ol.timeline li small').first().textContent();
    expect(newest).toBe(shanghai(t.clock.now().toISOString()));
    // The answered secret: masked, answered, and no "skipped" under it; the open skipped item says so in words.
    const secretRow = page.locator('tr[data-item="app_secret"]');
    expect(await secretRow.textContent()).toContain(`••••${ACME_SECRET.slice(-4)}`);
    expect(await secretRow.textContent()).not.toMatch(/skipped/i);
    expect(await page.locator('tr[data-item="template_ids"] .note').textContent()).toBe(
      'The client skipped it for now; asked again later.',
    );
    expect(text).not.toMatch(/\bskipped\b(?! it for now)/);
    // Opens on what needs attention, before the 26 items.
    const headings = await page.locator('h2').allTextContents();
    expect(headings[0]).toMatch(/^Needs attention/);
    expect(await page.locator('tr[data-attention="template_ids"]').count()).toBe(1);
    // The timeline: the latest 30, then "show more" brings 30 more.
    expect(await page.locator('ol.timeline li').count()).toBe(30);
    await page.getByRole('link', { name: 'Show older entries' }).click();
    await page.waitForURL(/timeline=60/);
    expect(await page.locator('ol.timeline li').count()).toBe(60);

    await page.goto(`http://127.0.0.1:${port}/releases/${release.id}?lang=zh`);
    expect(await page.locator('.tz').allTextContents()).toEqual(['时间均为 Asia/Shanghai 时区']);
    expect(await page.locator('tr[data-item="app_secret"]').textContent()).not.toMatch(/skipped|跳过/);
    expect(await page.locator('tr[data-item="template_ids"] .note').textContent()).toBe('客户暂时跳过，稍后会再问。');

    await page.goto(`http://127.0.0.1:${port}/?lang=en`);
    expect(await page.locator('.tz').allTextContents()).toEqual(['Times in Asia/Shanghai']);
    const card = (await page.locator('section.release').first().textContent()) ?? '';
    expect(card).not.toMatch(/waiting on client/i);
    expect(card).not.toMatch(/next:/);
  });

  it('says whether the launch date holds and which item decides it, on the overview card and the release page, as /release status does', async () => {
    t = await startTestApp({
      env: { DASHBOARD_TOKEN: 'tok-3f9a' },
      clock: new FakeClock(new Date('2026-11-30T02:00:00Z')),
    });
    await t.app.bot.command(PM, 'start Acme Coffee en');
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-16');
    const line = 'launch 2026-12-16: AT RISK — App ID must be done by 2026-12-02 (needs 10 working days before launch)';
    expect((await t.app.bot.command(PM, 'status Acme Coffee')).message.text).toContain(line);
    const port = await t.app.listen();
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${port}/login`);
    await page.getByLabel('Dashboard token').fill('tok-3f9a');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`http://127.0.0.1:${port}/`);
    expect(await page.locator('section.release').first().textContent()).toContain(line);
    await page.getByRole('link', { name: 'Acme Coffee' }).click();
    await page.waitForURL(/\/releases\/\d+$/);
    expect(await page.locator('main').textContent()).toContain(line);
    // In Chinese too, naming the same item and date.
    await page.getByRole('link', { name: '中文' }).click();
    expect(await page.locator('main').textContent()).toContain(
      '上线 2026-12-16：有风险 — 「AppID」须在 2026-12-02 前完成（上线前需 10 个工作日）',
    );
  });

  it('a wrong token is refused and shows nothing', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: 'tok-3f9a' } });
    seedAcme(t);
    const port = await t.app.listen();
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${port}/login`);
    await page.getByLabel('Dashboard token').fill('tok-wrong');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(answer.status()).toBe(401);
    expect(await page.getByRole('alert').textContent()).toContain('That token is not right');
    expect(await page.content()).not.toContain('Acme Coffee');
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
