/**
 * Template IDs checked with WeChat: once the App ID and App secret work, the MP's templates are
 * fetched (`gettemplate`, with a stable token) and each template ID is looked up — known ones
 * echoed with their title, unknown ones blocked with the titles that exist, a 40164 tells the PM
 * which IP to add, and WeChat unreachable changes nothing and is tried again.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeChatHttpApi } from '../../bots/wechat/api.js';
import { TEMPLATE_CHECK_EVENT } from '../../src/use-cases/template-check.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeWeChat, startFakeWeChat } from './fake-wechat.js';

const APP_ID = 'wx1a2b3c4d5e6f7a8b';
const SECRET = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
const SHIPPED = '9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk';
const PAID = 'cy_DfOZL7lypxHh3ja3DyAUbn1GYQRGwezuy5LBTFME';
const UNKNOWN = 'Zz9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQkZ';

let fake: FakeWeChat;
let t: TestApp;
let releaseId: number;

const sentSince = (seen: number, to: string): string =>
  (t.app.localChat?.transcript.slice(seen) ?? [])
    .filter((m) => m.to === to)
    .map((m) => m.message.text)
    .join('\n');
const seen = (): number => t.app.localChat?.transcript.length ?? 0;
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

beforeEach(async () => {
  fake = await startFakeWeChat();
  fake.register(APP_ID, SECRET);
  fake.setTemplates(APP_ID, [
    { priTmplId: SHIPPED, title: '订单发货提醒' },
    { priTmplId: PAID, title: '支付成功通知' },
  ]);
  t = await startTestApp({ env: { WECHAT_API_BASE: fake.url } });
  await t.app.bot.command(
    {
      platform: 'local',
      user: 'local:pm',
      isPm: true,
      locale: 'en',
      conversation: { platform: 'local', channel: 'acme', kind: 'local', shared: false },
    },
    '/release start Acme zh',
  );
  releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Acme').id)?.id as number;
  await client(`AppID ${APP_ID}`);
  await client(`AppSecret ${SECRET}`);
});
afterEach(async () => {
  await t.close();
  await fake.close();
});

describe('template IDs checked with WeChat', () => {
  it('echoes known template IDs with their titles, fetched with the pair’s stable token', async () => {
    const before = seen();
    await client(`模板ID：${SHIPPED}，${PAID}`);
    expect(sentSince(before, 'thread:acme')).toContain('微信已确认以下订阅消息模板：订单发货提醒 ✓，支付成功通知 ✓');
    expect(fake.templateCalls.at(-1)).toEqual({ appid: APP_ID });
    expect(t.app.store.item(releaseId, 'template_ids')?.status).toBe('answered');
  });

  it('blocks an unknown template ID with the reason and the titles that exist; the client and the PM are told; a right answer unblocks it', async () => {
    const before = seen();
    await client(`模板ID：${SHIPPED}，${UNKNOWN}`);
    const toClient = sentSince(before, 'thread:acme');
    expect(toClient).toContain(
      `微信在 AppID ${APP_ID} 下找不到模板 ID ${UNKNOWN}。这个小程序现有的模板是：订单发货提醒、支付成功通知。`,
    );
    expect(t.app.store.item(releaseId, 'template_ids')).toMatchObject({
      status: 'blocked',
      setHow: 'wechat',
      setRole: 'bot',
      note: `unknown to WeChat: ${UNKNOWN}`,
    });
    expect(sentSince(before, 'user:pm')).toContain(`Acme: WeChat does not know the template ID ${UNKNOWN}`);
    await client(`改成 ${SHIPPED}`);
    expect(t.app.store.item(releaseId, 'template_ids')).toMatchObject({ status: 'answered', value: [SHIPPED] });
  });

  it('a 40164 tells the PM which IP to add to the MP’s whitelist; the client hears nothing of it', async () => {
    fake.failNextTemplates({
      errcode: 40164,
      errmsg: 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: x',
    });
    const before = seen();
    await client(`模板ID：${SHIPPED}`);
    expect(sentSince(before, 'user:pm')).toContain(
      "WeChat refused to list the templates of wx1a2b3c4d5e6f7a8b from our server's IP 203.0.113.7",
    );
    expect(sentSince(before, 'thread:acme')).not.toContain('203.0.113.7');
    expect(t.app.store.item(releaseId, 'template_ids')?.status).toBe('answered');
  });

  it('WeChat unreachable: nothing changes or is said, and the next run tries again', async () => {
    fake.failNextTemplates({ httpStatus: 502 });
    const before = seen();
    await client(`模板ID：${SHIPPED}`);
    expect(t.app.store.events(releaseId).filter((e) => e.type === TEMPLATE_CHECK_EVENT)).toEqual([]);
    expect(sentSince(before, 'thread:acme')).not.toContain('微信已确认');
    expect(t.app.store.item(releaseId, 'template_ids')?.status).toBe('answered');
    await t.app.appSecrets?.checkAll();
    await t.app.outbox.flush();
    expect(sentSince(before, 'thread:acme')).toContain('订单发货提醒 ✓');
  });
});

describe('WeChatHttpApi.templates', () => {
  it('keeps one token per App ID in memory and asks stable_token again only when it expires', async () => {
    let now = Date.parse('2026-11-25T02:00:00Z');
    const api = new WeChatHttpApi({ apiBase: fake.url, now: () => now });
    const tokensBefore = fake.calls.length;
    expect(await api.templates(APP_ID, SECRET)).toMatchObject({
      ok: true,
      templates: [
        { id: SHIPPED, title: '订单发货提醒' },
        { id: PAID, title: '支付成功通知' },
      ],
    });
    await api.templates(APP_ID, SECRET);
    expect(fake.calls.length - tokensBefore).toBe(1);
    expect(fake.calls.at(-1)).toMatchObject({ appid: APP_ID, force_refresh: false });
    now += 7200 * 1000;
    await api.templates(APP_ID, SECRET);
    expect(fake.calls.length - tokensBefore).toBe(2);
  });

  it('refuses a wrong secret as the secret check does', async () => {
    const api = new WeChatHttpApi({ apiBase: fake.url });
    expect(await api.templates(APP_ID, '0'.repeat(32))).toEqual({ ok: false, problem: 'wrong_secret', errcode: 40125 });
  });

  it('never logs or stores the token', async () => {
    await client(`模板ID：${SHIPPED}`);
    const dump = JSON.stringify(t.app.store.events(releaseId)) + JSON.stringify(t.app.localChat?.transcript);
    expect(dump).not.toContain('ACCESS_TOKEN_');
  });
});

describe('template IDs a PM set', () => {
  it('are confirmed to the PM, not in the client’s thread', async () => {
    const before = seen();
    await t.app.bot.command(
      { platform: 'local', user: 'local:pm', isPm: true, locale: 'en' },
      `/release set Acme template_ids ${SHIPPED}`,
    );
    await t.app.appSecrets?.idle();
    await t.app.outbox.flush();
    expect(sentSince(before, 'thread:acme')).toBe('');
    expect(sentSince(before, 'user:pm')).toContain(
      'Acme: WeChat knows these subscription-message templates: 订单发货提醒 ✓',
    );
  });

  it('an unknown one is the PM’s to fix: blocked, the PM told with the titles that exist, nothing in the client’s thread', async () => {
    const before = seen();
    await t.app.bot.command(
      { platform: 'local', user: 'local:pm', isPm: true, locale: 'en' },
      `/release set Acme template_ids ${UNKNOWN}`,
    );
    await t.app.appSecrets?.idle();
    await t.app.outbox.flush();
    expect(t.app.store.item(releaseId, 'template_ids')?.status).toBe('blocked');
    expect(sentSince(before, 'thread:acme')).toBe('');
    const pm = sentSince(before, 'user:pm');
    expect(pm).toContain(UNKNOWN);
    expect(pm).toContain('订单发货提醒');
  });
});
