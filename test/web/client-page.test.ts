/**
 * The client's private page in real Chromium with a phone's viewport (WeChat's built-in browser's
 * user agent): a link from `/release link`, answers refused with the chat's reasons and saved, the
 * chat thread echoing each save, n/a and undo, and the App secret through a single-use link that
 * never shows it again — nor writes it to the logs or the database in clear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalSession } from '../../src/cli/local-session.js';
import { createLogger } from '../../src/logger.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { pngImage, ZIP_HEAD } from '../support/files.js';
import { launchChromium } from './browser.js';
import { CLIENT_APP_ID } from '../support/ids.js';

const SECRET = '0f1e2d3c4b5a69788796a5b4c3d27b6c';
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const tokenOf = (text: string | undefined): string => /\/c\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1] ?? '';
/** A whole visit in a real browser, many page loads: room for a loaded shared machine (a cap, not a timed assertion). */
const BROWSER_VISIT_MS = 120_000;

describe('the client page in a phone browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let t: TestApp;
  let logs: string[];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await context?.close();
    await t?.close();
  });

  async function start() {
    logs = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void logs.push(line) } });
    t = await startTestApp({ env: { PUBLIC_URL: 'https://bot.agency.example' }, options: { logger } });
    const session = new LocalSession(t.app, 'acme');
    await session.send('pm', '/release start Acme en');
    await session.send('client', 'hello');
    const port = await t.app.listen();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      userAgent: WECHAT_UA,
      locale: 'zh-CN',
    });
    const releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Acme').id)?.id as number;
    /** The bot's messages in the client's chat thread, oldest first. */
    const thread = (): string[] =>
      (t.app.localChat?.transcript ?? []).filter((m) => m.to === 'thread:acme').map((m) => m.message.text);
    const item = (key: string) => t.app.store.item(releaseId, key as 'app_id');
    return { session, port, releaseId, thread, item };
  }

  const section = (page: Page, key: string) => page.locator(`section[data-item="${key}"]`);

  it(
    'open the link, App ID refused then saved, 11 locations refused, n/a and undo, an icon uploaded — each save echoed in the chat thread',
    async () => {
      const { session, port, thread, item } = await start();
      const { answer } = await session.send('pm', '/release link Acme');
      expect(answer).toContain('https://bot.agency.example/c/');
      const token = tokenOf(answer);
      expect(token).toHaveLength(43);
      expect(thread().at(-1)).toContain(`https://bot.agency.example/c/${token}`);
      // Only the token's hash is stored: the link row has none, and the sent message keeps `/c/…`.
      expect(JSON.stringify(t.app.store.linksOf(item('app_id')?.releaseId as number))).not.toContain(token);
      const stored = t.app.db.$client
        .prepare<[], { message: string }>('SELECT message FROM outbox')
        .all()
        .map((r) => r.message);
      expect(stored.join('\n')).not.toContain(token);
      expect(stored.join('\n')).toContain('https://bot.agency.example/c/…');

      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/c/${token}`);
      expect(await page.title()).toBe('Acme — release details');
      // Fits a phone: nothing wider than the viewport.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await section(page, 'app_id').locator('.hint').textContent()).toContain('开发管理');

      // A wrong App ID: refused with the chat's own reason, nothing recorded, the typed value kept.
      await section(page, 'app_id').locator('input[name="value"]').fill('wx123');
      await section(page, 'app_id').getByRole('button', { name: 'Save' }).click();
      await section(page, 'app_id').getByRole('alert').waitFor();
      expect(await section(page, 'app_id').getByRole('alert').textContent()).toMatch(/^Not saved: .*wx123/);
      expect(await section(page, 'app_id').locator('input[name="value"]').inputValue()).toBe('wx123');
      expect(item('app_id')?.value).toBeNull();

      await section(page, 'app_id').locator('input[name="value"]').fill(CLIENT_APP_ID);
      await section(page, 'app_id').getByRole('button', { name: 'Save' }).click();
      await section(page, 'app_id').getByRole('status').waitFor();
      expect(await section(page, 'app_id').locator('.current').textContent()).toBe(`On file: ${CLIENT_APP_ID}`);
      expect(item('app_id')).toMatchObject({
        value: CLIENT_APP_ID,
        setBy: 'local:client',
        setRole: 'client',
        setHow: 'page',
      });
      await t.app.outbox.flush();
      expect(thread().at(-1)).toContain(`Received (via your page): App ID ${CLIENT_APP_ID}`);

      // Eleven nearby locations, one per line: refused at 10, as in chat.
      const eleven = Array.from(
        { length: 11 },
        (_, i) => `Store ${i + 1}, ${i + 10} Huaihai Rd, Shanghai (31.2${i}, 121.4${i})`,
      ).join('\n');
      await section(page, 'nearby_locations').locator('textarea').fill(eleven);
      await section(page, 'nearby_locations').getByRole('button', { name: 'Save' }).click();
      await section(page, 'nearby_locations').getByRole('alert').waitFor();
      expect(await section(page, 'nearby_locations').getByRole('alert').textContent()).toContain('10');
      expect((await section(page, 'nearby_locations').locator('textarea').inputValue()).split('\n')).toHaveLength(11);
      expect(item('nearby_locations')?.value).toBeNull();
      await section(page, 'nearby_locations').locator('textarea').fill(eleven.split('\n').slice(0, 10).join('\n'));
      await section(page, 'nearby_locations').getByRole('button', { name: 'Save' }).click();
      await section(page, 'nearby_locations').getByRole('status').waitFor();
      expect(item('nearby_locations')?.value).toHaveLength(10);
      expect((item('nearby_locations')?.value as string[])[3]).toBe('Store 4, 13 Huaihai Rd, Shanghai (31.23, 121.43)');

      // Not applicable, then taken back with the page's Undo.
      await section(page, 'functions_pages').getByRole('button', { name: 'Not applicable' }).click();
      await section(page, 'functions_pages').getByRole('status').waitFor();
      expect(item('functions_pages')).toMatchObject({ status: 'n/a', setHow: 'page' });
      await t.app.outbox.flush();
      expect(thread().at(-1)).toContain('(via your page) Functions pages: noted as not applicable');
      await page.getByRole('button', { name: 'Undo my last change (Functions pages)' }).click();
      await section(page, 'functions_pages').getByRole('status').waitFor();
      expect(item('functions_pages')?.status).not.toBe('n/a');
      await t.app.outbox.flush();
      expect(thread().at(-1)).toContain('(via your page)');
      expect(thread().at(-1)).toContain('Functions pages');

      // Upload the icon: a ZIP named .png is refused by its bytes, the PNG is kept, linked to the item, and answers it.
      const icon = section(page, 'app_icon');
      await icon
        .locator('input[type="file"]')
        .setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: ZIP_HEAD });
      await icon.getByRole('button', { name: 'Upload' }).click();
      await section(page, 'app_icon').getByRole('alert').waitFor();
      expect(await section(page, 'app_icon').getByRole('alert').textContent()).toContain('ZIP');
      expect(t.app.files.list(item('app_id')?.releaseId as number)).toEqual([]);
      await section(page, 'app_icon')
        .locator('input[type="file"]')
        .setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: pngImage(64, 64, [220, 30, 30]) });
      await section(page, 'app_icon').getByRole('button', { name: 'Upload' }).click();
      await section(page, 'app_icon').getByRole('status').waitFor();
      expect(await section(page, 'app_icon').locator('.files').textContent()).toMatch(
        /^Files: #1 icon\.png \(\d+ KB\)$/,
      );
      const [kept] = t.app.files.list(item('app_id')?.releaseId as number);
      expect(kept).toMatchObject({
        number: 1,
        itemKey: 'app_icon',
        mime: 'image/png',
        source: 'page',
        sentBy: 'local:client',
      });
      expect(item('app_icon')).toMatchObject({ status: 'done', setHow: 'page' });
      await t.app.outbox.flush();
      expect(thread().at(-1)).toContain('Received (via your page): App icon — file #1, “icon.png”');

      // An item that refuses n/a (`naRefused`) offers no n/a (and the server refuses it the chat's way).
      expect(await section(page, 'app_id').getByRole('button', { name: 'Not applicable' }).count()).toBe(0);
      // The chat's own "撤销" takes back a page save too: the same contact, the same record.
      await session.send('client', '撤销');
      expect(item('app_icon')).toMatchObject({ value: null, setHow: 'undo' });
      expect(item('nearby_locations')?.value).toHaveLength(10);
    },
    BROWSER_VISIT_MS,
  );

  it(
    'the App secret through a single-use link: sealed, echoed masked, never in the page, logs or database; a second visit is refused',
    async () => {
      const { session, port, thread, item, releaseId } = await start();
      const { answer } = await session.send('pm', '/release link Acme secret');
      const token = tokenOf(answer);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/c/${token}`);
      expect(await page.locator('section[data-item]').count()).toBe(1);
      const field = section(page, 'app_secret').locator('input[type="password"]');
      await field.fill(SECRET.slice(0, 31));
      await section(page, 'app_secret').getByRole('button', { name: 'Save' }).click();
      await section(page, 'app_secret').getByRole('alert').waitFor();
      expect(await page.content()).not.toContain(SECRET.slice(0, 31));
      expect(item('app_secret')?.value).toBeNull();

      await section(page, 'app_secret').locator('input[type="password"]').fill(SECRET);
      await section(page, 'app_secret').getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').waitFor();
      const after = await page.content();
      expect(after).toContain('••••7b6c');
      expect(after).not.toContain(SECRET);
      expect(item('app_secret')).toMatchObject({ value: { on_file: true, last4: '7b6c' }, setHow: 'page' });
      expect(t.app.service.revealSecret(releaseId, 'app_secret')).toBe(SECRET);
      await t.app.outbox.flush();
      expect(thread().at(-1)).toContain('Received (via your page): App secret, ••••7b6c');
      expect(thread().join('\n')).not.toContain(SECRET);

      // Used up: the second visit is the same 404 as any unknown link.
      const again = await page.goto(`http://127.0.0.1:${port}/c/${token}`);
      expect(again?.status()).toBe(404);
      expect(await page.content()).not.toContain('Acme');

      expect(logs.join('\n')).not.toContain(SECRET);
      expect(logs.join('\n')).not.toContain(token);
      t.app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      for (const file of readdirSync(t.dir)) {
        if (file.startsWith('bot.sqlite'))
          expect(readFileSync(join(t.dir, file)).includes(Buffer.from(SECRET))).toBe(false);
      }
    },
    BROWSER_VISIT_MS,
  );
});
