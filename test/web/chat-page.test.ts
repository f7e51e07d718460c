import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium } from './browser.js';

const doneCount = (text: string | null): number => Number(/(\d+)\/26 done/.exec(text ?? '')?.[1] ?? -1);

describe('the local chat page in a real browser', () => {
  let browser: Browser;
  let t: TestApp;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  // The page polls the server every second: closed first, so the app's stop has no client still asking.
  afterEach(async () => {
    await Promise.all(browser.contexts().map((c) => c.close()));
    await t?.close();
  });

  it('a newcomer starts a demo release, answers the App ID as the client, and sees the bot confirm it and the status move', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${port}/chat?lang=en`);
    expect(await page.locator('#pm-input').inputValue()).toBe('/release start Demo Client en');

    await page.getByRole('button', { name: 'Start a demo release' }).click();
    await page.locator('#status-panel [data-release]').waitFor();
    await page.locator('.msg.from-bot').first().waitFor();
    expect(await page.locator('#start').isHidden()).toBe(true);
    const before = doneCount(await page.locator('#status-panel').textContent());
    expect(before).toBeGreaterThanOrEqual(0);

    await page.locator('#client-input').fill('Our AppID is wx1a2b3c4d5e6f7a8b');
    await page.locator('form[data-as="client"] button').click();
    await page.locator('.msg.from-bot', { hasText: 'wx1a2b3c4d5e6f7a8b' }).waitFor();
    await page.waitForFunction(
      (n) => Number(/(\d+)\/26 done/.exec(document.getElementById('status-panel')?.textContent ?? '')?.[1] ?? -1) > n,
      before,
    );
    expect(await page.locator('.msg.from-client').last().textContent()).toContain('wx1a2b3c4d5e6f7a8b');

    await page.locator('#pm-input').fill('/release status Demo Client');
    await page.locator('form[data-as="pm"] button').click();
    await page.locator('.msg.to-pm', { hasText: 'wx1a2b3c4d5e6f7a8b' }).waitFor();

    await page.getByRole('link', { name: 'Demo Client' }).click();
    await page.waitForURL(/\/releases\/\d+$/);
    expect(await page.locator('tr[data-item="app_id"]').textContent()).toContain('wx1a2b3c4d5e6f7a8b');
  });

  it('says the input limit on the page and on the server, the same limit, and sends nothing past it', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${port}/chat?lang=en`);
    expect(await page.locator('#one-client').textContent()).toContain('one client conversation at a time');
    const long = 'x'.repeat(4001);
    await page.locator('#client-input').fill(long);
    expect(await page.locator('#client-input').inputValue()).toHaveLength(4001); // not cut silently
    await page.locator('form[data-as="client"] button').click();
    await page.getByRole('alert').filter({ hasText: 'limited to 4000 characters; this one has 4001' }).waitFor();
    expect(await page.locator('#client-input').inputValue()).toHaveLength(4001); // kept, to shorten
    expect(await page.locator('.msg.from-client').count()).toBe(0);

    // The server holds the same line, and says it.
    const post = (text: string) =>
      fetch(`http://127.0.0.1:${port}/chat/messages?lang=en`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: 'client', text }),
      });
    const refused = await post(long);
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: string }).error).toBe(
      'Messages here are limited to 4000 characters; this one has 4001. Shorten it or send it in two parts — nothing was sent.',
    );
    expect((await post('好'.repeat(4000))).status).toBe(202);
  });
});
