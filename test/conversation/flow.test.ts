import { afterEach, describe, expect, it } from 'vitest';
import { isAskedOfClient, itemDef } from '../../src/checklist/items.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { openClientItems } from '../../src/conversation/questions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { CLIENT_APP_ID } from '../support/ids.js';
import { EXAMPLE_APP_ID } from '../../src/checklist/rules.js';
import { clientSays } from '../support/local-client.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const SECRET = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';

const ANSWERS: Record<'zh' | 'en', Partial<Record<ItemKey, string>>> = {
  zh: {
    enterprise_account: '是企业主体，已经认证了',
    app_id: 'AppID：wx1a2b3c4d5e6f7a8b',
    merchant_account: '商户号 1900000109，已开通',
    app_secret: SECRET,
    roles: '角色都加好了',
    developers: '开发者已添加',
    beta_whitelist: '体验版：zhang_wei88、lisa_chen01',
    mp_category: '服务类目：餐饮-餐饮服务',
    ugc_license: '没有用户生成内容',
    template_ids: '模板ID：9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk',
    functions_pages: '功能页面不需要',
    analytics_platform: '数据分析用神策',
    open_platform: '开放平台没有',
    nearby_locations: '门店地址：上海市静安区南京西路1266号',
    admin_url_whitelist: '域名 api.acme.cn 备案号 沪ICP备2021012345号-1',
    sms_template: '短信模板 SMS_123456789',
    sharing_flow: '分享文案已发邮件，好了',
    app_icon: '图标已发，好了',
    permission_page: '授权页没问题，好了',
    service_messages: '服务消息不需要',
    error_copywriting: '错误文案确认，好了',
  },
  en: {
    enterprise_account: 'Yes, it is our company account and it is verified',
    app_id: `App ID: ${CLIENT_APP_ID}`,
    merchant_account: 'no payments in this MP',
    app_secret: `the app secret is ${SECRET}`,
    roles: 'roles added, done',
    developers: 'added the developers',
    beta_whitelist: 'beta testers: mike_chen88, anna_lee01',
    mp_category: 'MP category: Food & Beverage > Restaurant',
    ugc_license: 'No UGC',
    template_ids: 'template id 9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk',
    functions_pages: 'n/a',
    analytics_platform: 'We use Google Analytics 4',
    open_platform: 'no',
    nearby_locations: 'n/a',
    admin_url_whitelist: 'domains api.bluetea.cn with ICP 京ICP备2020012345号-2',
    sms_template: 'SMS template SMS_987654321',
    sharing_flow: 'done',
    app_icon: 'done',
    permission_page: 'done',
    service_messages: 'n/a',
    error_copywriting: 'done',
  },
};

async function client(app: TestApp['app'], text: string): Promise<string> {
  return clientSays(app, text);
}

/** The PM opens a release bound to the local conversation `client`. */
async function startRelease(app: TestApp['app'], args: string, shared = false): Promise<void> {
  await app.bot.command(
    {
      platform: 'local',
      user: 'local:pm',
      isPm: true,
      locale: 'en',
      conversation: { platform: 'local', channel: 'client', kind: 'local', shared },
    },
    `/release start ${args}`,
  );
}

describe('a whole release through conversation', () => {
  it.each(['zh', 'en'] as const)('from the first question to every client item answered (%s)', async (locale) => {
    t = await startTestApp();
    const { app } = t;
    const name = locale === 'zh' ? 'Acme Coffee' : 'Blue Tea';
    await startRelease(app, `${name} ${locale}`, true);
    await app.outbox.flush();
    const opening = app.localChat?.transcript.at(-1)?.message.text ?? '';
    expect(opening).toContain(locale === 'zh' ? '您好' : 'Hello');
    const releaseId = app.store.openReleaseOf(app.service.clientByName(name).id)?.id as number;

    const seenQuestions: ItemKey[] = [];
    const transcript: string[] = [];
    for (let turn = 0; turn < 40; turn += 1) {
      // Like a person: answer the first question of the bot's last message.
      const asked = openClientItems(app.store.items(releaseId)).find((i) => i.status === 'asked');
      if (!asked) break;
      seenQuestions.push(asked.key);
      const answer = ANSWERS[locale][asked.key];
      expect(answer, `an answer for ${asked.key}`).toBeDefined();
      transcript.push(await client(app, answer as string));
    }

    const items = app.store.items(releaseId);
    const open = items.filter((i) => isAskedOfClient(itemDef(i.key)) && (i.status === 'todo' || i.status === 'asked'));
    expect(open.map((i) => i.key)).toEqual([]);
    expect(new Set(seenQuestions).size).toBe(seenQuestions.length); // nothing asked twice after an answer
    expect(seenQuestions.indexOf('enterprise_account')).toBeLessThan(seenQuestions.indexOf('developers'));
    expect(seenQuestions.indexOf('app_id')).toBeLessThan(seenQuestions.indexOf('template_ids'));
    expect(transcript.at(-1)).toContain(locale === 'zh' ? '都齐了' : 'everything we need');
    // The secret was stored, confirmed masked, and never echoed.
    expect(app.store.item(releaseId, 'app_secret')?.value).toEqual({ on_file: true, last4: '7e6d' });
    expect(transcript.join('\n')).toContain('••••7e6d');
    expect(transcript.join('\n')).not.toContain(SECRET);
    expect(JSON.stringify(app.store.events(releaseId))).not.toContain(SECRET);
    // The PM heard that the client is through.
    expect(app.localChat?.transcript.some((m) => m.to === 'user:pm' && m.message.text.includes(name))).toBe(true);
  });

  it('answers a message it cannot read with what it is waiting for, not silence', async () => {
    t = await startTestApp();
    const { app } = t;
    await startRelease(app, 'Candle Co en');
    await app.outbox.flush();
    const reply = await client(app, 'hello, who is this?');
    expect(reply).toContain('could not find an answer');
    expect(reply).toContain('App ID');
  });

  it('refuses a wrong App ID with the reason and asks again, storing nothing', async () => {
    t = await startTestApp();
    const { app } = t;
    await startRelease(app, 'Candle Co en');
    await app.outbox.flush();
    const reply = await client(app, 'our app id is wx12345');
    expect(reply).toContain('“wx12345” is not an App ID');
    expect(reply).toContain(`e.g. ${EXAMPLE_APP_ID}`);
    const releaseId = app.store.openReleaseOf(app.service.clientByName('Candle Co').id)?.id as number;
    expect(app.store.item(releaseId, 'app_id')?.value).toBeNull();
  });

  it.each([
    [
      'en',
      'Candle Co en',
      `App ID ${CLIENT_APP_ID}, or maybe wx1111111111111111`,
      `I see two different App IDs, ${CLIENT_APP_ID} and wx1111111111111111, and can’t tell which one is right. Which one should we use?`,
    ],
    [
      'zh',
      '蜡烛铺 zh',
      `AppID 是 ${CLIENT_APP_ID} 还是 wx1111111111111111 来着`,
      `这里有两个不同的 AppID：${CLIENT_APP_ID} 和 wx1111111111111111，我无法确定哪个是正确的。请告诉我们用哪一个。`,
    ],
  ])(
    'given two App IDs, says which two it saw and asks which one (%s), storing neither',
    async (_locale, start, text, expected) => {
      t = await startTestApp();
      const { app } = t;
      await startRelease(app, start);
      await app.outbox.flush();
      expect(await client(app, text)).toContain(expected);
      const name = start.split(' ').slice(0, -1).join(' ');
      const releaseId = app.store.openReleaseOf(app.service.clientByName(name).id)?.id as number;
      expect(app.store.item(releaseId, 'app_id')?.value).toBeNull();
    },
  );

  it('processes a delivery once even when the platform sends it twice', async () => {
    t = await startTestApp();
    const { app } = t;
    await startRelease(app, 'Candle Co en');
    await app.outbox.flush();
    const inbound = {
      platform: 'local' as const,
      channel: 'client',
      sender: 'local:client',
      text: `App ID ${CLIENT_APP_ID}`,
      externalId: 'msg-1',
    };
    expect((await app.bot.handle(inbound)).kind).toBe('stored');
    expect((await app.bot.handle(inbound)).kind).toBe('duplicate');
    await app.outbox.flush();
    const confirmations =
      app.localChat?.transcript.filter((m) => m.message.text.includes(`Saved ✅ App ID: ${CLIENT_APP_ID}`)) ?? [];
    expect(confirmations).toHaveLength(1);
  });

  it('resumes a message stored before a crash when the service starts again', async () => {
    t = await startTestApp();
    const { app } = t;
    await startRelease(app, 'Candle Co en');
    const stored = app.bot.receive({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text: `App ID ${CLIENT_APP_ID}`,
      externalId: 'msg-crash',
    });
    expect(stored.kind).toBe('stored');
    expect(await app.bot.recover()).toBe(1);
    const releaseId = app.store.openReleaseOf(app.service.clientByName('Candle Co').id)?.id as number;
    expect(app.store.item(releaseId, 'app_id')?.value).toBe(CLIENT_APP_ID);
    expect(await app.bot.recover()).toBe(0);
  });

  it('a stored command that throws is done with: the PM is told it changed nothing, and a restart does not run it again', async () => {
    t = await startTestApp();
    const { app } = t;
    let runs = 0;
    app.commands.register('boom', () => {
      runs += 1;
      throw new Error('a bug in a command');
    });
    const stored = app.bot.receive({
      platform: 'local',
      channel: 'pm',
      sender: 'local:pm',
      text: '/release boom',
      externalId: 'cmd-boom',
      command: { isPm: true, locale: 'en' },
    });
    expect(stored.kind).toBe('stored');
    await app.bot.recover().catch(() => 0);
    expect(runs).toBe(1);
    await app.outbox.flush();
    const told =
      app.localChat?.transcript.filter((m) => m.message.text.includes('that command failed on our side')) ?? [];
    expect(told).toHaveLength(1);
    expect(await app.bot.recover()).toBe(0);
    expect(runs).toBe(1);
  });
});
