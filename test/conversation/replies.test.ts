/**
 * Issue 16's examples through the conversation: what is recorded, and what the client is told, when a
 * reply is not a plain value (not yet, later, a question back, skip X, n/a, a list edit, two IDs with
 * the client's choice, the bot's own example quoted back).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ItemKey, ItemValue } from '../../src/checklist/types.js';
import { READ_LIMIT } from '../../src/checklist/understand.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { clientSays, askOnly } from '../support/local-client.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Release {
  app: TestApp['app'];
  id: number;
  /** The bot has just asked these items (and no others). */
  asked(keys: ItemKey[]): void;
  /** The client writes; the bot's reply comes back. */
  say(text: string): Promise<string>;
  value(key: ItemKey): ItemValue | null | undefined;
  status(key: ItemKey): string | undefined;
}

async function release(locale: 'en' | 'zh', answered: Partial<Record<ItemKey, ItemValue>> = {}): Promise<Release> {
  t = await startTestApp();
  const { app } = t;
  const name = locale === 'zh' ? 'Acme Coffee' : 'Blue Tea';
  await app.bot.command(
    {
      platform: 'local',
      user: 'local:pm',
      isPm: true,
      locale: 'en',
      conversation: { platform: 'local', channel: 'client', kind: 'local', shared: false },
    },
    `/release start ${name} ${locale}`,
  );
  await app.outbox.flush();
  const id = app.store.openReleaseOf(app.service.clientByName(name).id)?.id as number;
  for (const [key, value] of Object.entries(answered))
    app.service.recordAnswer(id, key as ItemKey, value as ItemValue, { actor: 'test', mode: 'replace' });
  return {
    app,
    id,
    asked(keys) {
      askOnly(app, id, keys);
    },
    async say(text) {
      return clientSays(app, text);
    },
    value: (key) => app.store.item(id, key)?.value,
    status: (key) => app.store.item(id, key)?.status,
  };
}

const BASICS = {
  enterprise_account: { registered: true, verified: true },
  app_id: 'wx9f8e7d6c5b4a3f2e',
  merchant_account: { status: 'active', merchant_id: '1612345678' },
} as const;

describe('replies that are not a value', () => {
  it('“roles not done yet, will be done tomorrow”: roles stay open, the client is told to say when', async () => {
    const r = await release('en', BASICS);
    r.asked(['roles', 'developers']);
    const reply = await r.say('roles not done yet, will be done tomorrow');
    expect(r.value('roles')).toBeNull();
    expect(r.status('roles')).not.toBe('done');
    expect(reply).toContain('Roles is not done yet — tell me here when it is.');
  });

  it('“the merchnat acount is stil pending”: the merchant account is applying, nothing is done', async () => {
    const r = await release('en');
    r.asked(['merchant_account']);
    const reply = await r.say('the merchnat acount is stil pending');
    expect(r.value('merchant_account')).toEqual({ status: 'applying' });
    expect(r.app.store.items(r.id).filter((i) => i.value === 'done')).toEqual([]);
    expect(reply).toContain('Merchant account');
  });

  it('“skip the analytics thing, we don’t use any” while the App secret is asked: analytics is n/a, the secret untouched', async () => {
    const r = await release('en', BASICS);
    r.asked(['app_secret', 'analytics_platform']);
    const reply = await r.say("skip the analytics thing, we don't use any");
    expect(r.value('analytics_platform')).toBe('n/a');
    expect(r.status('app_secret')).toBe('asked');
    expect(r.value('app_secret')).toBeNull();
    expect(reply).toContain('Analytics platform: noted as not applicable');
  });

  it('“skip SMS” postpones that item by name, not the first one asked', async () => {
    const r = await release('en', BASICS);
    r.asked(['app_icon', 'sms_template']);
    const reply = await r.say('skip SMS');
    expect(r.app.store.item(r.id, 'sms_template')?.note).toBe('skipped');
    expect(r.app.store.item(r.id, 'app_icon')?.note).not.toBe('skipped');
    expect(reply).toContain('we will come back to SMS template later');
  });

  it('six Functions Pages split on commas are refused with the limit of 5; Chinese separators give no nearby location', async () => {
    const r = await release('en', BASICS);
    r.asked(['functions_pages']);
    const reply = await r.say('Functions pages: home, menu, cart, orders, profile, coupons');
    expect(reply).toContain('That makes 6 Functions Pages: WeChat allows at most 5.');
    expect(r.value('functions_pages')).toBeNull();
    await r.say('功能页面：首页、门店查询、购物车');
    expect(r.value('functions_pages')).toEqual(['首页', '门店查询', '购物车']);
    expect(r.value('nearby_locations')).toBeNull();
  });

  it('“门店这块我们用不上” for the asked nearby locations: n/a, none of its words stored', async () => {
    const r = await release('zh', BASICS);
    r.asked(['nearby_locations']);
    const reply = await r.say('门店这块我们用不上');
    expect(r.value('nearby_locations')).toBe('n/a');
    expect(reply).toContain('附近的小程序：已记为不适用');
  });

  it('“Please remove refund from the service messages” edits the list on file', async () => {
    const r = await release('en', { ...BASICS, service_messages: ['refund', 'order shipped'] });
    r.asked(['service_messages']);
    const reply = await r.say('Please remove refund from the service messages');
    expect(r.value('service_messages')).toEqual(['order shipped']);
    expect(reply).toContain('Service messages updated: order shipped');
    r.asked(['service_messages']);
    await r.say('服务消息再加一个 退款成功通知');
    expect(r.value('service_messages')).toEqual(['order shipped', '退款成功通知']);
  });

  it('a store named by part of its address (“徐汇那家（漕溪北路88号）关了，删掉吧”) is removed from the list on file', async () => {
    const r = await release('zh', {
      ...BASICS,
      nearby_locations: ['上海市徐汇区漕溪北路88号', '上海市静安区南京西路1266号', '上海市静安区延安中路1000号'],
    });
    r.asked(['nearby_locations']);
    const reply = await r.say('徐汇那家（漕溪北路88号）关了，删掉吧');
    expect(r.value('nearby_locations')).toEqual(['上海市静安区南京西路1266号', '上海市静安区延安中路1000号']);
    expect(reply).toContain('上海市静安区南京西路1266号');
    // A part two entries hold names neither: nothing is removed.
    r.asked(['nearby_locations']);
    await r.say('门店里把 上海市静安区 删掉');
    expect(r.value('nearby_locations')).toEqual(['上海市静安区南京西路1266号', '上海市静安区延安中路1000号']);
  });

  it('“把 tom_wang 换成 tomwang_sh” replaces one Beta tester; a name not on file is said so', async () => {
    const r = await release('zh', { ...BASICS, beta_whitelist: ['tom_wang', 'lily_88'] });
    r.asked(['beta_whitelist']);
    const replaced = await r.say('把 tom_wang 换成 tomwang_sh，他换号了');
    expect(replaced).toContain('已更新 体验版白名单：lily_88, tomwang_sh');
    expect(r.value('beta_whitelist')).toEqual(['lily_88', 'tomwang_sh']);
    const reply = await r.say('把 nobody_99 删掉');
    expect(reply).toContain('没有找到 nobody_99');
    expect(r.value('beta_whitelist')).toEqual(['lily_88', 'tomwang_sh']);
  });

  it.each([
    ['刚才那个 wx0138f7618ec536ce 发错了，正确的是 wxa0eb1d51b26bf4c0', 'wxa0eb1d51b26bf4c0'],
    ['old one wx0138f7618ec536ce, new one wxa0eb1d51b26bf4c0', 'wxa0eb1d51b26bf4c0'],
    ['测试号是 wxeb166df70162a730，正式的是 wx8ec1d9d8a01eb764', 'wx8ec1d9d8a01eb764'],
  ])('two App IDs where the client says which counts: “%s” records %s', async (text, chosen) => {
    const r = await release('zh');
    r.asked(['app_id']);
    const reply = await r.say(text);
    expect(r.value('app_id')).toBe(chosen);
    expect(reply).toContain(chosen);
  });

  it('two App IDs and no word for which: nothing stored, the client is asked which one', async () => {
    const r = await release('en');
    r.asked(['app_id']);
    const reply = await r.say('App ID wx0138f7618ec536ce, or maybe wxa0eb1d51b26bf4c0');
    expect(r.value('app_id')).toBeNull();
    expect(reply).toContain('I see two different App IDs, wx0138f7618ec536ce and wxa0eb1d51b26bf4c0');
    expect(reply).toContain('Which one should we use?');
  });

  it('“格式就是 wx0123456789abcdef 这样？” is a question about the bot’s example: nothing stored, the hint given', async () => {
    const r = await release('zh');
    r.asked(['app_id']);
    const reply = await r.say('格式就是 wx0123456789abcdef 这样？');
    expect(r.value('app_id')).toBeNull();
    expect(reply).toContain('关于 AppID：在 公众平台 → 开发管理 → 开发设置 中');
  });

  it.each([
    ['zh', 'wx0123456789abcdef', '只是我们说明里的示例'],
    ['en', 'Our AppID: wx0123456789abcdef', 'is only the example from our instructions'],
  ] as const)(
    'the bot’s example App ID said alone (%s) is refused as the example, nothing stored',
    async (locale, text, said) => {
      const r = await release(locale);
      r.asked(['app_id']);
      const reply = await r.say(text);
      expect(r.value('app_id')).toBeNull();
      expect(reply).toContain(said);
    },
  );

  it('developers over the limit of the verification said in the same message are refused with that limit', async () => {
    const r = await release('en');
    r.asked(['developers']);
    const ids = Array.from({ length: 11 }, (_, i) => `ops_member${i + 20}`).join(', ');
    const reply = await r.say(`Our account isn't verified yet. Developers: ${ids}`);
    expect(r.value('developers')).toBeNull();
    expect(reply).toContain('an unverified account can add at most 10');
  });

  it('“AppID在哪里看？” is answered with the hint, nothing recorded', async () => {
    const r = await release('zh');
    r.asked(['app_id']);
    const reply = await r.say('AppID在哪里看？');
    expect(r.value('app_id')).toBeNull();
    expect(reply).toContain('关于 AppID：');
  });

  it('“不做线上支付，我们只展示门店” (merchant asked): merchant n/a, no nearby locations invented', async () => {
    const r = await release('zh');
    r.asked(['merchant_account']);
    const reply = await r.say('不做线上支付，我们只展示门店');
    expect(r.value('merchant_account')).toBe('n/a');
    expect(r.value('nearby_locations')).toBeNull();
    expect(reply).toContain('商户号：已记为不适用');
  });

  it('“稍后发” records nothing and tells the client it will be asked again', async () => {
    const r = await release('zh', BASICS);
    r.asked(['template_ids']);
    const reply = await r.say('模板ID稍后发');
    expect(r.value('template_ids')).toBeNull();
    expect(reply).toContain('准备好了再发给我们');
  });

  it('“N/A” for a required item is refused with a clear reply', async () => {
    const r = await release('en', BASICS);
    r.asked(['developers']);
    const reply = await r.say('N/A');
    expect(r.value('developers')).toBeNull();
    expect(reply).toContain('Developers is needed for every release');
  });

  it('a 200 KB message: the client is told only its head was read, and what the head holds is recorded', async () => {
    const r = await release('en', BASICS);
    r.asked(['beta_whitelist']);
    const ids = Array.from({ length: 20_000 }, (_, i) => `tester_${String(i).padStart(5, '0')}`);
    const text = `beta testers: ${ids.join(', ')}`;
    expect(text.length).toBeGreaterThan(200_000);
    const reply = await r.say(text);
    expect(reply).toContain(`I read only its first ${READ_LIMIT} characters`);
    const stored = r.value('beta_whitelist');
    expect(Array.isArray(stored) ? stored[0] : undefined).toBe('tester_00000');
  });
});

describe('reader classes from held-out corpus B, through the conversation', () => {
  it('four service messages (limit 3) are refused with the limit and nothing stored; "<entry>不要了" edits the list on file', async () => {
    const r = await release('zh', BASICS);
    r.asked(['service_messages']);
    const reply = await r.say('付款成功提醒，取餐提醒，储值变动，生日福利提醒');
    expect(reply).toContain('4');
    expect(reply).toContain('3');
    expect(r.value('service_messages')).toBeNull();
    r.asked(['service_messages']);
    await r.say('付款成功提醒，取餐提醒，储值变动');
    expect(r.value('service_messages')).toEqual(['付款成功提醒', '取餐提醒', '储值变动']);
    r.asked(['service_messages']);
    await r.say('储值变动不要了');
    expect(r.value('service_messages')).toEqual(['付款成功提醒', '取餐提醒']);
  });

  it('Open Platform asked: its App ID and secret are recorded on it, the MP App ID untouched; "忘了加一个：<id>" adds a template', async () => {
    const first = 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9w';
    const second = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa-_98765';
    const r = await release('en', { ...BASICS, template_ids: [first] });
    r.asked(['open_platform']);
    const reply = await r.say('yes we have one, app id wx5e6f7a8b9c0d1e2f, secret 0123456789abcdef0123456789abcdef');
    expect(reply).not.toContain('0123456789abcdef0123456789abcdef');
    expect(r.value('open_platform')).toMatchObject({ app_id: 'wx5e6f7a8b9c0d1e2f' });
    expect(r.value('app_id')).toBe(BASICS.app_id);
    expect(r.value('app_secret')).toBeNull();
    r.asked(['template_ids']);
    await r.say(`忘了加一个：${second}`);
    expect(r.value('template_ids')).toEqual([first, second]);
  });
});
