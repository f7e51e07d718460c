/**
 * The App secret carried into a repeat release is checked with WeChat (the existing App-secret check,
 * WeChat faked on 127.0.0.1) as soon as the release opens: a secret reset since is found before the
 * client confirms it.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeWeChat, startFakeWeChat } from '../wechat/fake-wechat.js';

const APP_ID = 'wx1a2b3c4d5e6f7a8b';
const OLD = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
const RESET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

let fake: FakeWeChat;
let t: TestApp;
afterEach(async () => {
  await t?.close();
  await fake?.close();
});

const pm = {
  platform: 'local' as const,
  user: 'local:pm',
  isPm: true,
  locale: 'en' as const,
  conversation: { platform: 'local' as const, channel: 'acme', kind: 'local' as const, shared: false },
};

async function client(text: string): Promise<void> {
  await t.app.bot.handle({
    platform: 'local',
    channel: 'acme',
    sender: 'local:client',
    text,
    externalId: randomUUID(),
  });
  await t.app.appSecrets?.idle();
  await t.app.outbox.flush();
}

describe('a carried App secret', () => {
  it('is re-checked with WeChat when the next release opens; a reset one is blocked and asked for again', async () => {
    fake = await startFakeWeChat();
    fake.register(APP_ID, OLD);
    t = await startTestApp({ env: { WECHAT_API_BASE: fake.url } });
    await t.app.bot.command(pm, '/release start Acme Coffee en');
    await client(`App ID ${APP_ID}`);
    await client(`the app secret is ${OLD}`);
    const first = t.app.store.openReleaseOf(t.app.service.clientByName('Acme Coffee').id)?.id as number;
    expect(t.app.store.item(first, 'app_secret')?.status).toBe('answered');
    await t.app.bot.command(pm, '/release close Acme Coffee');

    fake.register(APP_ID, RESET); // reset in the MP admin between the two releases
    const seen = t.app.localChat?.transcript.length ?? 0;
    await t.app.bot.command(pm, '/release start Acme Coffee v2');
    await t.app.appSecrets?.idle();
    await t.app.outbox.flush();
    const second = t.app.store.openReleaseOf(t.app.service.clientByName('Acme Coffee').id)?.id as number;
    expect(t.app.store.item(second, 'app_secret')).toMatchObject({ status: 'blocked', confirmPending: false });
    const toClient = (t.app.localChat?.transcript.slice(seen) ?? [])
      .filter((m) => m.to === 'thread:acme')
      .map((m) => m.message.text)
      .join('\n');
    expect(toClient).toContain(`WeChat did not accept the App secret ••••7e6d for App ID ${APP_ID}`);
    expect(toClient).not.toContain(OLD);
    // The App ID was fine and still waits for the client's confirmation.
    expect(t.app.store.item(second, 'app_id')).toMatchObject({ value: APP_ID, confirmPending: true });
  });
});
