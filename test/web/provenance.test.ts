/**
 * Where each value came from, on the release page (in a real browser) and in the CSV export: who
 * recorded it (client, PM, bot) and how (answer, PM set, undo), and the PM's note.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalSession } from '../../src/cli/local-session.js';
import { exportCsv } from '../../src/status/export.js';
import { buildStatus } from '../../src/status/model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchChromium } from './browser.js';
import { CLIENT_APP_ID } from '../support/ids.js';

describe('provenance on the release page and in the export', () => {
  let browser: Browser;
  let t: TestApp;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(() => t?.close());

  it('each value says who recorded it and how; the PM’s note shows beside it', async () => {
    t = await startTestApp();
    const session = new LocalSession(t.app, 'acme');
    await session.send('pm', '/release start Acme en');
    await session.send('client', `App ID ${CLIENT_APP_ID}`);
    await session.send('client', 'our company account, verified');
    await session.send('client', 'undo');
    await session.send('pm', '/release set Acme 商户号 1900000109');
    await session.send('pm', '/release note Acme app_id checked with the client by phone');
    const client = t.app.service.clientByName('Acme');
    const releaseId = t.app.store.openReleaseOf(client.id)?.id as number;

    const port = await t.app.listen();
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`http://127.0.0.1:${port}/releases/${releaseId}`);
    const source = (key: string) => page.locator(`tr[data-item="${key}"] .source`).textContent();
    expect(await source('app_id')).toContain('client local:client · answer');
    expect(await source('merchant_account')).toContain('PM local:pm · set by PM');
    expect(await source('enterprise_account')).toContain('client local:client · undo');
    expect(await page.locator('tr[data-item="app_id"] .pm-note').textContent()).toBe(
      'PM note: checked with the client by phone',
    );
    const timeline = await page.locator('ol.timeline').textContent();
    expect(timeline).toContain('local:client undid Enterprise account');
    expect(timeline).toContain('local:pm noted on App ID: checked with the client by phone');

    const [status] = buildStatus(t.app.store.statusRows({ clientId: client.id }), t.clock.now());
    if (!status) throw new Error('no status');
    const rows = exportCsv('en', status)
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const row = (key: string) => rows.find((r) => r[1] === key);
    expect(row('app_id')?.slice(5, 8)).toEqual(['local:client', 'client', 'answer']);
    expect(row('app_id')?.[9]).toBe('checked with the client by phone');
    expect(row('merchant_account')?.slice(5, 8)).toEqual(['local:pm', 'PM', 'set by PM']);
    expect(row('enterprise_account')?.slice(6, 8)).toEqual(['client', 'undo']);
  });
});
