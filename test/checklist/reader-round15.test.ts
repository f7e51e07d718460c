/**
 * Round 15 (issue 16): the rules' share of the round — reader errors found on corpora AK and AL (held-out-29, -30) and
 * on the misses of the tuned corpora, tested in phrasings of our own (docs/reader.md, "Round 15").
 */
import { describe, expect, it } from 'vitest';
import { readByRules } from '../../src/checklist/understand.js';
import { cases } from './rules-cases.js';

describe('a status in a sentence of its own', () => {
  // The clause a "done" is judged by ends at a full stop when the sentence beside it names another item: its deferral is
  // that item's.
  cases([
    ['Roles done. Template IDs tomorrow.', 'roles', { roles: 'done' }],
    ["The App secret I'll send later. Roles are all added.", undefined, { roles: 'done' }],
  ]);
  cases([
    ['Roles done tomorrow.', 'roles', {}],
    // A sentence that names no item goes on about the same one: a failure, the rest to come, a time.
    ['Developers added. zhang_wei88 not found', 'developers', {}],
    ['Developers added. The others tomorrow.', 'developers', {}],
    ['Roles done by approx. 5pm tomorrow', 'roles', {}],
    // A failure said after it still takes it back.
    ['We thought the roles were all added but one didn’t save.', 'roles', {}],
  ]);
});

describe('done and not done, in more words', () => {
  cases([
    ['确认过了', 'relogin_on_401_403', { relogin_on_401_403: 'done' }],
    ['sentry is in 👍 seeing events from staging', 'sentry', { sentry: 'done' }],
  ]);
  cases([
    // "不同意" is no approval; another mark than a thumbs-up or a check is none either.
    ['领导说不同意这个方案', 'permission_page', {}],
    ['sentry is in 👎 not working', 'sentry', {}],
    // Done in part, said as "so far", is not done.
    ['Roles are done but only 3 so far', 'roles', {}],
    ['We thought the roles were all added but one did not save.', 'roles', {}],
  ]);
});

describe('does not apply, in more words', () => {
  cases([
    ["the functions pages don't apply to us", 'functions_pages', { functions_pages: 'n/a' }],
    ['these do not apply to our shop', 'functions_pages', { functions_pages: 'n/a' }],
    ['我们不发订阅消息', 'template_ids', { template_ids: 'n/a' }],
    ['Sentry 别加了，我们用自己的监控', 'sentry', { sentry: 'n/a' }],
    ['数据统计那块 no third-party analytics', undefined, { analytics_platform: 'n/a' }],
    // A feature's name in quotes still names it.
    ['“附近门店”这个功能我们不需要', undefined, { nearby_locations: 'n/a' }],
    // Asked about another item, "no nearby stores" is no address.
    ['no open platform, no nearby stores', 'open_platform', { open_platform: 'n/a', nearby_locations: 'n/a' }],
    ['no nearby locations', 'app_id', { nearby_locations: 'n/a' }],
    // A refused beta list, then telling us what to do: not done.
    ['不需要体验版，你们测完直接发布就行', 'beta_whitelist', { beta_whitelist: 'n/a' }],
  ]);
  cases([
    // Remarks about something else, and a "not now", are not "does not apply".
    ['域名加好了，之前那个报错跟我们没关系', 'mp_url_whitelist', { mp_url_whitelist: 'done' }],
    ['Sentry 先别加了，下周再说', 'sentry', {}],
    ['Servers are ours, no third party', 'servers', {}],
    // Telling us to confirm the invitation: the client's part is done.
    ['邀请发过去了，你们点一下确认就行', 'developers', { developers: 'done' }],
  ]);
});

describe('lists', () => {
  cases([
    [
      '西安市雁塔区小寨东路12号 和 西安市碑林区东大街300号',
      'nearby_locations',
      { nearby_locations: ['西安市雁塔区小寨东路12号', '西安市碑林区东大街300号'] },
    ],
    [
      '门店就是成都市锦江区春熙路8号然后还有成都市武侯区科华北路66号就这两家先',
      'nearby_locations',
      { nearby_locations: ['成都市锦江区春熙路8号', '成都市武侯区科华北路66号'] },
    ],
    ['已添加 developer：zhou_dev88 和 lin-qa2020', 'developers', { developers: ['zhou_dev88', 'lin-qa2020'] }],
  ]);
  cases([
    // "That's all we need" closes a list of names.
    [
      "service messages: Order paid, Order refunded. That's all we need",
      'nearby_locations',
      { service_messages: ['Order paid', 'Order refunded'] },
    ],
    // A list opened on a numbered line ends at the next numbered line; a bullet under a point is still its entry.
    [
      '进度：\n1. AppID wx5e8c1d2f3a4b6c7d\n2. 服务消息要两个：预约成功、预约取消\n3. 报错文案 ok 了',
      undefined,
      // (Round 17: "报错文案 ok 了" on its own line is the error copy approved.)
      { app_id: 'wx5e8c1d2f3a4b6c7d', service_messages: ['预约成功', '预约取消'], error_copywriting: 'done' },
    ],
    ['1. 功能页：首页\n- 门店查询\n- 会员中心', undefined, { functions_pages: ['首页', '门店查询', '会员中心'] }],
  ]);
});

describe('words that only look like something else', () => {
  cases([
    // "Mr." ends no sentence: the contact's name stays in the servers' text.
    [
      'FYI the prod server is ours: Tencent Cloud Shanghai, IT contact is Mr. Wang',
      undefined,
      { servers: 'ours: Tencent Cloud Shanghai, IT contact is Mr. Wang' },
    ],
    // "no." before a number is "number", not "none".
    ['Merchant no. 12345O6789', 'merchant_account', {}],
    [
      'Merchant no. 1234567890',
      'merchant_account',
      { merchant_account: { status: 'active', merchant_id: '1234567890' } },
    ],
    // An item's word inside quoted copy is the copy's.
    [
      '分享文案：首页“附近门店天天有新品”，图片用门头照',
      undefined,
      { sharing_flow: '首页“附近门店天天有新品”，图片用门头照' },
    ],
  ]);
});

describe('list edits', () => {
  it('"new one X, old one Y" replaces Y by X', () => {
    expect(
      readByRules('微信号换了 新的是 lily_w2024 旧的lily_w2019不用了', { expected: ['developers'] }).edits,
    ).toEqual([{ key: 'developers', add: ['lily_w2024'], remove: ['lily_w2019'] }]);
    expect(readByRules('old one: ken_dev01, new one: ken_dev02', { expected: ['beta_whitelist'] }).edits).toEqual([
      { key: 'beta_whitelist', add: ['ken_dev02'], remove: ['ken_dev01'] },
    ]);
    expect(
      readByRules('新的是 static.shop-demo.cn 旧的 img.shop-demo.cn', { expected: ['mp_url_whitelist'] }).edits,
    ).toEqual([{ key: 'mp_url_whitelist', add: ['static.shop-demo.cn'], remove: ['img.shop-demo.cn'] }]);
  });
  it('keeps both IDs when the old one is to stay', () => {
    expect(readByRules('新的是 lily_w2024，旧的 lily_w2019 也留着', { expected: ['developers'] }).edits).toEqual([]);
    expect(
      readByRules('new one: ken_dev02, old one ken_dev01 should stay too', { expected: ['beta_whitelist'] }).edits,
    ).toEqual([]);
  });
  it('a generic whitelist word edits the whitelist asked', () => {
    expect(readByRules('再加一个 socket 域名 wss.shop-demo.cn', { expected: ['mp_url_whitelist'] }).edits).toEqual([
      { key: 'mp_url_whitelist', add: ['wss.shop-demo.cn'], remove: [] },
    ]);
    // Asked second, it is still the whitelist asked.
    expect(readByRules('再加一个域名 m.shop-demo.cn', { expected: ['developers', 'mp_url_whitelist'] }).edits).toEqual([
      { key: 'mp_url_whitelist', add: ['m.shop-demo.cn'], remove: [] },
    ]);
    // The admin UI named in so many words keeps it the admin UI's.
    expect(
      readByRules('add one more domain h5.shop-demo.cn to the admin whitelist', { expected: ['mp_url_whitelist'] })
        .edits,
    ).toEqual([{ key: 'admin_url_whitelist', add: ['h5.shop-demo.cn'], remove: [] }]);
    // While the admin UI's is asked, it stays the admin UI's.
    expect(readByRules('再加一个域名 h5.shop-demo.cn', { expected: ['admin_url_whitelist'] }).edits).toEqual([
      { key: 'admin_url_whitelist', add: ['h5.shop-demo.cn'], remove: [] },
    ]);
  });
});
