/**
 * Open Platform registered and bound, said without its App ID (issue 16, round 16): kept as done in part, and its App ID
 * and secret asked next (items.ts `followUp`); the App ID given then replaces it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import { sh, startAcme } from '../jobs/reminder-helpers.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { askOnly, clientSays } from '../support/local-client.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('Open Platform bound, its App ID to come', () => {
  it('“开放平台已经注册并绑定公众号了” (zh): kept, the App ID asked; the App ID next is recorded', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    const release = await startAcme(t, 'zh');
    for (const key of ITEM_KEYS)
      if (key !== 'open_platform') t.app.service.setStatus(release.id, key, 'done', 'local:pm');
    askOnly(t.app, release.id, ['open_platform']);
    const first = await clientSays(t.app, '开放平台已经注册并绑定公众号了');
    expect(t.app.store.item(release.id, 'open_platform')).toMatchObject({ value: 'done', status: 'asked' });
    expect(first).toContain('请发一下开放平台的 AppID');
    await clientSays(t.app, '开放平台 AppID wx0a1b2c3d4e5f6a7b');
    expect(t.app.store.item(release.id, 'open_platform')).toMatchObject({ value: { app_id: 'wx0a1b2c3d4e5f6a7b' } });
  });
});
