/**
 * A client takes back or changes what was recorded, in the local chat: `撤销` / `undo` restores the
 * value and status exactly (a list, a replaced App secret), re-plans reminders and says what it
 * restored; `改成 …` / `change … to …` replaces a value by the same rules as an answer; after 30
 * minutes an undo is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LocalSession } from '../../src/cli/local-session.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { CLIENT_APP_ID } from '../support/ids.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const T1 = '9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk';
const T2 = 'Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const SECRET_1 = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
const SECRET_2 = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

async function start(
  client: string,
  locale: 'zh' | 'en',
): Promise<{ session: LocalSession; releaseId: number; app: TestApp['app'] }> {
  t = await startTestApp();
  const { app } = t;
  const session = new LocalSession(app, 'client');
  await session.send('pm', `/release start ${client} ${locale}`);
  const releaseId = app.store.openReleaseOf(app.service.clientByName(client).id)?.id as number;
  return { session, releaseId, app };
}

const said = (r: { messages: { message: { text: string } }[] }): string =>
  r.messages.map((m) => m.message.text).join('\n');

describe('taking back an answer in the local chat', () => {
  it('confirms each recorded fact with how to take it back, and `撤销` restores the App ID before it exactly', async () => {
    const { session, releaseId, app } = await start('Acme Coffee', 'zh');
    const first = await session.send('client', 'AppID wx1a2b3c4d5e6f7a8b');
    expect(said(first)).toContain('回复「撤销」');
    const confirmation = first.messages.find((m) => m.to === 'thread:client')?.message;
    const buttons = confirmation?.blocks?.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])) ?? [];
    expect(buttons.map((b) => [b.action, b.itemKey])).toEqual(
      expect.arrayContaining([
        ['undo', 'app_id'],
        ['edit', 'app_id'],
      ]),
    );

    await session.send('client', '写错了，应该是 wx9f8e7d6c5b4a3f2e');
    expect(app.store.item(releaseId, 'app_id')?.value).toBe('wx9f8e7d6c5b4a3f2e');
    const undone = await session.send('client', '撤销');
    expect(said(undone)).toContain('已撤销：AppID 已恢复为 wx1a2b3c4d5e6f7a8b（撤销前为 wx9f8e7d6c5b4a3f2e）');
    expect(app.store.item(releaseId, 'app_id')).toMatchObject({
      value: 'wx1a2b3c4d5e6f7a8b',
      status: 'answered',
      setHow: 'undo',
      setRole: 'client',
    });

    // A second undo takes back the first answer: the item is asked again, with no value.
    const again = await session.send('client', 'undo');
    expect(said(again)).toContain('尚未回答');
    expect(app.store.item(releaseId, 'app_id')).toMatchObject({ value: null, status: 'asked' });
    // Nothing left of theirs to undo.
    expect(said(await session.send('client', '撤销'))).toContain('没有可以撤销的记录');
  });

  it('undoes a list edit to the list before it, entries and order exactly', async () => {
    const { session, releaseId, app } = await start('Blue Tea', 'en');
    await session.send('client', `template IDs: ${T1}`);
    await session.send('client', `template id ${T2}`);
    expect(app.store.item(releaseId, 'template_ids')?.value).toEqual([T1, T2]);
    const reply = await session.send('client', 'undo');
    expect(said(reply)).toContain(`Undone: Template IDs is back to ${T1} (it was ${T1}, ${T2}).`);
    expect(app.store.item(releaseId, 'template_ids')).toMatchObject({ value: [T1], status: 'answered' });
  });

  it('undoes a replaced App secret: the previous sealed secret is back, never shown in clear', async () => {
    const { session, releaseId, app } = await start('Blue Tea', 'en');
    await session.send('client', `app secret ${SECRET_1}`);
    await session.send('client', `sorry, the right app secret is ${SECRET_2}`);
    expect(app.service.revealSecret(releaseId, 'app_secret')).toBe(SECRET_2);
    const reply = await session.send('client', 'undo');
    expect(said(reply)).toContain('App secret is back to ••••7e6d (it was ••••e1f0)');
    expect(app.service.revealSecret(releaseId, 'app_secret')).toBe(SECRET_1);
    expect(app.store.item(releaseId, 'app_secret')?.value).toEqual({ on_file: true, last4: '7e6d' });
    const events = JSON.stringify(app.store.events(releaseId));
    expect(events).not.toContain(SECRET_1);
    expect(events).not.toContain(SECRET_2);
    // Undoing the first secret too leaves none on file.
    await session.send('client', 'undo');
    expect(app.service.revealSecret(releaseId, 'app_secret')).toBeUndefined();
  });

  it('refuses an undo more than 30 minutes after the change, and says how to fix it instead', async () => {
    const { session, releaseId, app } = await start('Blue Tea', 'en');
    await session.send('client', `App ID ${CLIENT_APP_ID}`);
    await session.send('client', 'our company account, verified');
    t?.clock.advance(10 * 60_000);
    expect(said(await session.send('client', 'undo'))).toContain('Undone: Enterprise account');
    t?.clock.advance(21 * 60_000);
    // The second undo would take back the App ID, given 31 minutes ago: refused.
    const reply = await session.send('client', 'undo');
    expect(said(reply)).toContain('Your last change (App ID) is more than 30 minutes old');
    expect(app.store.item(releaseId, 'app_id')?.value).toBe(CLIENT_APP_ID);
  });

  it('undo re-plans reminders: the item asked again gets its nudge back', async () => {
    const { session, releaseId, app } = await start('Blue Tea', 'en');
    const nudges = () =>
      app.store.remindersOf(releaseId, 'scheduled').filter((r) => r.itemKey === 'app_id' && r.kind === 'nudge');
    expect(nudges().length).toBeGreaterThan(0);
    await session.send('client', `App ID ${CLIENT_APP_ID}`);
    expect(nudges()).toHaveLength(0);
    await session.send('client', 'undo');
    expect(nudges().length).toBeGreaterThan(0);
  });

  it('an undo that asks the item again restarts its clock: asked Monday, answered and undone Friday → nudged two working days after Friday', async () => {
    const sh = (local: string): string => new Date(`${local}+08:00`).toISOString();
    const clock = new FakeClock(new Date(sh('2026-11-16T10:00:00')));
    t = await startTestApp({ clock });
    const { app } = t;
    const session = new LocalSession(app, 'client');
    await session.send('pm', '/release start Blue Tea en');
    const releaseId = app.store.openReleaseOf(app.service.clientByName('Blue Tea').id)?.id as number;
    expect(app.store.item(releaseId, 'app_id')?.askedAt).toBe(sh('2026-11-16T10:00:00'));
    clock.set(sh('2026-11-20T10:00:00'));
    app.store.updateItem(releaseId, 'app_id', { nudges: 2 }, clock.now().toISOString());
    await session.send('client', `App ID ${CLIENT_APP_ID}`);
    await session.send('client', 'undo');
    expect(app.store.item(releaseId, 'app_id')).toMatchObject({
      status: 'asked',
      askedAt: sh('2026-11-20T10:00:00'),
      nudges: 0,
    });
    const nudges = app.store
      .remindersOf(releaseId, 'scheduled')
      .filter((r) => r.itemKey === 'app_id' && r.kind === 'nudge');
    expect(nudges.map((r) => r.dueAt)).toEqual([sh('2026-11-24T10:00:00')]);

    // The undo alone (no question sent after it) plans the nudge from the undo, not from Monday.
    clock.set(sh('2026-11-20T10:05:00'));
    await session.send('client', `App ID ${CLIENT_APP_ID}`);
    app.store.transaction(() =>
      app.store.updateItem(releaseId, 'app_id', { askedAt: sh('2026-11-16T10:00:00') }, clock.now().toISOString()),
    );
    expect(app.service.undo(releaseId, 'local:client')).toMatchObject({ kind: 'undone', key: 'app_id' });
    const after = app.store
      .remindersOf(releaseId, 'scheduled')
      .filter((r) => r.itemKey === 'app_id' && r.kind === 'nudge');
    expect(after.map((r) => r.dueAt)).toEqual([sh('2026-11-24T10:05:00')]);
  });

  it('`改成 …` changes the item changed last; `change <item> to …` a named one, by the same rules as an answer', async () => {
    const { session, releaseId, app } = await start('Acme Coffee', 'zh');
    await session.send('client', 'AppID wx1a2b3c4d5e6f7a8b');
    const changed = await session.send('client', '改成 wx9f8e7d6c5b4a3f2e');
    expect(said(changed)).toContain('wx1a2b3c4d5e6f7a8b → wx9f8e7d6c5b4a3f2e');
    expect(app.store.item(releaseId, 'app_id')?.value).toBe('wx9f8e7d6c5b4a3f2e');
    const wrong = await session.send('client', '把 AppID 改成 wx123');
    expect(said(wrong)).toContain('「wx123」不是有效的 AppID');
    expect(app.store.item(releaseId, 'app_id')?.value).toBe('wx9f8e7d6c5b4a3f2e');
    await session.send('client', '把商户号改成 1900000109');
    expect(app.store.item(releaseId, 'merchant_account')?.value).toEqual({
      status: 'active',
      merchant_id: '1900000109',
    });
    expect(said(await session.send('client', '把火箭改成 1'))).toContain('没有找到名为「火箭」的项目');
  });

  it('`change the developers to …` replaces a list instead of adding to it', async () => {
    const { session, releaseId, app } = await start('Blue Tea', 'en');
    await session.send('client', 'our company account, verified');
    await session.send('client', 'developers: zhang_wei88, lisa_chen01');
    expect(app.store.item(releaseId, 'developers')?.value).toEqual(['zhang_wei88', 'lisa_chen01']);
    await session.send('client', 'change the developers to mike_chen88');
    expect(app.store.item(releaseId, 'developers')?.value).toEqual(['mike_chen88']);
  });
});

describe('a change that carries other facts', () => {
  it('is read as a whole message, so no fact in it is lost', async () => {
    const { session, releaseId, app } = await start('Acme Coffee', 'zh');
    await session.send('client', '商户号还在申请中');
    await session.send('client', '商户号改成已开通了 1900000109，AppID wx1a2b3c4d5e6f7a8b');
    expect(app.store.item(releaseId, 'app_id')?.value).toBe('wx1a2b3c4d5e6f7a8b');
    expect(app.store.item(releaseId, 'merchant_account')?.value).toMatchObject({
      status: 'active',
      merchant_id: '1900000109',
    });
  });

  it('`改成` inside an answer (not a change request) leaves the answer whole: the App ID is recorded', async () => {
    const { session, releaseId, app } = await start('Acme Coffee', 'zh');
    const reply = await session.send('client', 'AppID wx1a2b3c4d5e6f7a8b，图标下周改成新版');
    expect(app.store.item(releaseId, 'app_id')).toMatchObject({ value: 'wx1a2b3c4d5e6f7a8b', status: 'answered' });
    expect(said(reply)).not.toContain('没有找到名为');
  });

  it('`改为` after a fact about another item keeps that fact: the merchant account is applying', async () => {
    const { session, releaseId, app } = await start('Acme Coffee', 'zh');
    await session.send('client', '商户号还在申请中，小程序名称可能改为“咖啡时光”');
    expect(app.store.item(releaseId, 'merchant_account')?.value).toMatchObject({ status: 'applying' });
  });
});
