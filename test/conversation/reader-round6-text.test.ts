/**
 * Round 6 (corpus F) through the conversation, for the list, confirmation and copy items: what is recorded,
 * what the client is told, and what the PM's status shows (docs/reader.md, "Round 6, from corpus F").
 */
import { describe, expect, it } from 'vitest';
import { localReleases } from '../support/local-client.js';

const release = localReleases();

describe('n/a for an item the release can go without', () => {
  it('“登录态都没有，401 重新登录不需要” (zh): the re-login item is n/a, the client told so, the status shows it', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['relogin_on_401_403']);
    const reply = await r.say('我们没有登录态，401重新登录不需要');
    expect(r.item('relogin_on_401_403')).toMatchObject({ value: 'n/a', status: 'n/a' });
    expect(reply).toContain('已记为不适用');
    expect(await r.status()).toContain('– Re-login on 401/403 — n/a');
  });

  it('“No share card, the app is for staff only” (en): sharing is n/a, not refused', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['sharing_flow']);
    const reply = await r.say('No share card needed, the app is for staff only');
    expect(r.item('sharing_flow')).toMatchObject({ value: 'n/a', status: 'n/a' });
    expect(reply).toContain('noted as not applicable');
    expect(reply).not.toContain('cannot be');
  });

  it('the category still cannot be n/a: nothing recorded, the reason given', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['mp_category']);
    const reply = await r.say("we don't need a category");
    expect(r.item('mp_category')?.value).toBeNull();
    expect(reply).toContain('cannot be n/a');
  });

  it('“不需要自定义图标，用默认的” (zh): the custom icon is n/a, and the client is told so', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['app_icon']);
    const reply = await r.say('不需要自定义图标，用默认的');
    expect(r.item('app_icon')).toMatchObject({ value: 'n/a', status: 'n/a' });
    expect(reply).toContain('已记为不适用');
  });
});

describe('the go-ahead for what we do', () => {
  // Items the agency does are never asked in chat (openClientItems): a bare "ok" goes to what is asked, and
  // the go-ahead for Sentry counts only where the client names it.
  it('“ok” while the roles are asked records nothing; “Sentry: yes, add it” beside the roles records both', async () => {
    const r = await release('en', 'Blue Tea', {
      enterprise_account: { registered: true, verified: true },
      app_id: 'wx9f8e7d6c5b4a3f2e',
    });
    r.asked(['roles']);
    await r.say('ok');
    expect(r.item('roles')?.value).toBeNull();
    expect(r.item('sentry')?.value).toBeNull();
    await r.say('Roles are done. Sentry: yes, add it.');
    expect(r.item('roles')).toMatchObject({ value: 'done', status: 'done' });
    expect(r.item('sentry')).toMatchObject({ value: 'done', status: 'done' });
  });
});
