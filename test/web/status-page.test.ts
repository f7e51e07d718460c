import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { ACME_SECRET, seedAcme, seedQuiet } from '../status/seed.js';
import { launchChromium } from './browser.js';

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
    expect(await page.locator('tr[data-item="app_id"]').textContent()).toContain('wx0123456789abcdef');
    expect(await page.locator('tr[data-item="app_secret"]').textContent()).toContain(`••••${ACME_SECRET.slice(-4)}`);
    const timeline = await page.locator('ol.timeline').textContent();
    expect(timeline).toContain('local:client wrote');
    expect(timeline).toContain('The bot sent (delivered)Thanks — App ID saved.');
    expect(await page.content()).not.toContain(ACME_SECRET);

    await page.getByRole('link', { name: '中文' }).click();
    expect(await page.locator('h2').first().textContent()).toContain('准备');
  });

  it('a wrong token is refused and shows nothing', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: 'tok-3f9a' } });
    seedAcme(t);
    const port = await t.app.listen();
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${port}/login`);
    await page.getByLabel('Dashboard token').fill('tok-wrong');
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().includes('/login') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(answer.status()).toBe(401);
    expect(await page.getByRole('alert').textContent()).toContain('That token is not right');
    expect(await page.content()).not.toContain('Acme Coffee');
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
