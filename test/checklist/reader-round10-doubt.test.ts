/**
 * Round 10 (issue 16): a value read from the client's own words in a reply that also talks about the work is a guess,
 * read back to the client, not a fact (parse/doubt.ts); the verification's own clause; words that only report an item
 * done. Phrasings of our own, not corpus J's (docs/reader.md, "Round 10, from corpus J").
 */
import { describe, expect, it } from 'vitest';
import { doubtOf } from '../../src/checklist/parse/doubt.js';
import { validate } from '../../src/checklist/rules.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: [item] }));
  return rest;
};
const guessed = (text: string, item: ItemKey) => {
  const u = readByRules(text, { expected: [item] });
  return { facts: u.facts.length, outcome: u.outcome, guesses: u.guesses.map((g) => [g.key, g.value, g.doubt]) };
};

describe('the kinds of talk about the work', () => {
  it.each([
    ['我问一下我们IT再回你', 'process'],
    ['check with the design team', 'process'],
    ['下周一给你', 'time'],
    ['把首页去掉', 'change'],
    ['提交的时候报错了', 'problem'],
    ['如果需要的话', 'condition'],
    ['是填公司名字吗？', 'question'],
  ])('%s → %s', (text, kind) => {
    expect(doubtOf(text)).toBe(kind);
  });
  it('plain values, quoted copy and links raise none', () => {
    expect(doubtOf('华为云 广州 ECS')).toBeUndefined();
    expect(doubtOf('首页、菜单、会员中心')).toBeUndefined();
    expect(doubtOf('「下单失败了？请稍后再试」')).toBeUndefined();
    expect(doubtOf('https://example.cn/track?when=later')).toBeUndefined();
  });
  it('a day in a later clause defers a part, not the value said first', () => {
    expect(doubtOf('华为云 广州，账号密码明天给')).toBeUndefined();
    expect(doubtOf('明天给服务器信息')).toBe('time');
  });
  it('only the kinds asked for are looked for', () => {
    expect(doubtOf('改成明天上线', ['question'])).toBeUndefined();
    expect(doubtOf('我问下老板', ['question', 'process'])).toBe('process');
  });
});

describe('a reply that talks about the work gives a guess, not a fact', () => {
  it('free text: a person to ask, a plan (zh, en)', () => {
    expect(guessed('我们运维老张在整理服务器资料', 'servers')).toEqual({
      facts: 0,
      outcome: 'confirm',
      guesses: [['servers', '我们运维老张在整理服务器资料', 'process']],
    });
    expect(guessed('our designer will draft the share card next sprint', 'sharing_flow').outcome).toBe('confirm');
  });
  it('a word list beside a plan for the rest', () => {
    const u = guessed('Booking, Orders — Sam will confirm the third', 'functions_pages');
    expect(u.facts).toBe(0);
    expect(u.outcome).toBe('confirm');
    expect(u.guesses[0]?.[2]).toBe('process');
  });
  it('an edit the reader recognises stays an edit, not a guess', () => {
    const u = readByRules('会员中心那个删掉吧', { expected: ['functions_pages'] });
    expect(u.outcome).toBe('edit');
    expect(u.guesses).toEqual([]);
  });
  it('a label that changes a list the reader cannot see is a guess; one that restates the list is the value', () => {
    expect(guessed('门店地址换一个：杭州市西湖区文三路90号', 'nearby_locations').outcome).toBe('confirm');
    expect(read('改成：首页、预约、我的', 'functions_pages')).toEqual({ functions_pages: ['首页', '预约', '我的'] });
  });
  it('copy may speak of time and changes; a problem report is not copy, except error copy', () => {
    expect(read('分享文案：今晚8点前下单立减5元', 'sharing_flow')).toEqual({ sharing_flow: '今晚8点前下单立减5元' });
    expect(read('icon 上传一直失败', 'app_icon')).toEqual({});
    expect(read('Payment failed, please try another card', 'error_copywriting')).toEqual({
      error_copywriting: 'Payment failed, please try another card',
    });
  });
  it('a reply that says what it is (a question back, a deferral) keeps that outcome and no guess', () => {
    const u = readByRules('分享文案你们能先写一版吗？', { expected: ['sharing_flow'] });
    expect(u.facts).toEqual([]);
    expect(u.guesses).toEqual([]);
    expect(u.outcome).not.toBe('confirm');
  });
  it('plain values are still recorded', () => {
    expect(read('腾讯云 广州三区 CVM', 'servers')).toEqual({ servers: '腾讯云 广州三区 CVM' });
    expect(read('Mixpanel', 'analytics_platform')).toEqual({ analytics_platform: 'Mixpanel' });
  });
});

describe("the verification's own clause", () => {
  it('not done yet, under review, or hoped for: verified false when whose account it is is said', () => {
    expect(read('公司主体，verification 还在走', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(
      read('Registered to our company; the verification is with Tencent for review', 'enterprise_account'),
    ).toEqual({ enterprise_account: { registered: true, verified: false } });
  });
  it('done in its own clause: verified', () => {
    expect(read('企业的号，认证前天就已经下来了', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
  it('a plan about verification alone says nothing of the account', () => {
    expect(read('if the verification helps with the limit we will do it', 'enterprise_account')).toEqual({});
  });
});

describe('words that only report an item done', () => {
  it('copy and the icon: done, not their text', () => {
    expect(read('图标已经换成新的了', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('分享文案都确认了✅', 'sharing_flow')).toEqual({ sharing_flow: 'done' });
  });
  it('quoted or labelled copy stays the copy', () => {
    expect(read('权限页文案：已为您开启定位', 'permission_page')).toEqual({ permission_page: '已为您开启定位' });
  });
  it("a done mark beside the item's name", () => {
    expect(read('Sentry ✅', 'sentry')).toEqual({ sentry: 'done' });
    expect(read('✅ 图标', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('the app icon ✅', 'app_icon')).toEqual({ app_icon: 'done' });
  });
  it('what we built, reported built', () => {
    expect(read('re-login on 401 is implemented', 'relogin_on_401_403')).toEqual({ relogin_on_401_403: 'done' });
    expect(read('授权弹窗我们这边已经做了', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
    expect(read('这个交给小李去做了', 'wechat_auth')).toEqual({});
  });
});

describe('a list of WeChat IDs with an entry that is no ID is asked again whole, with the reason', () => {
  const refused = (text: string, item: ItemKey) =>
    readByRules(text, { expected: [item] }).facts.map((f) => (f.kind === 'invalid' ? f.input : f.kind));
  it('labelled or not, a dotted name or a phone number is refused and nothing is recorded in part', () => {
    expect(refused('体验成员：amy.w、qa_tester01', 'beta_whitelist')).toEqual(['amy.w']);
    expect(refused('devs - kate_w / 15900001111 / tom_dev88', 'developers')).toEqual(['15900001111']);
    expect(read('kate_w, tom_dev88', 'developers')).toEqual({ developers: ['kate_w', 'tom_dev88'] });
  });
  it('ordinary words between the IDs are not refused as IDs', () => {
    expect(read('kate_w and tom_dev88 need the staging one', 'beta_whitelist')).toEqual({
      beta_whitelist: ['kate_w', 'tom_dev88'],
    });
  });
});

describe('what is not settled yet', () => {
  it('a reply that ends asking does not say the item is done', () => {
    expect(read('授权弹窗是不是要用户点了同意才能继续用？', 'wechat_auth')).toEqual({});
    expect(read('授权弹窗已经加好了', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
  });
  it('a reply that ends asking does not make the item not apply', () => {
    expect(read('开放平台不弄了吧，以后再说可以吗？', 'open_platform')).toEqual({});
    expect(read('no nearby locations for now, is that ok?', 'nearby_locations')).toEqual({});
    expect(read('附近门店不需要', 'nearby_locations')).toEqual({ nearby_locations: 'n/a' });
    expect(read('附近门店不需要。开放平台要注册吗？', 'nearby_locations')).toEqual({ nearby_locations: 'n/a' });
  });
  it('a status of an item not asked, in a sentence that plans, is not recorded', () => {
    expect(read('等公司认证通过了再加开发者', 'developers')).toEqual({});
    expect(read('公司主体，已认证', 'developers')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
});

describe('list edits said by an arrow or by the right spelling beside the wrong one', () => {
  const edit = (text: string, item: ItemKey) => readByRules(text, { expected: [item] }).edits;
  it('an arrow replaces the entry before it', () => {
    expect(edit('改一下: dev_amy01 -> dev_amy02', 'developers')).toEqual([
      { key: 'developers', add: ['dev_amy02'], remove: ['dev_amy01'] },
    ]);
  });
  it('"it\'s X not Y" with X and Y spelt almost alike corrects Y; two different IDs are no correction', () => {
    expect(edit("it's wang_lei88 not wang_lei8", 'beta_whitelist')).toEqual([
      { key: 'beta_whitelist', add: ['wang_lei88'], remove: ['wang_lei8'] },
    ]);
    expect(edit('是 zhou_fe01 不是 zhou-fe01', 'developers')).toEqual([
      { key: 'developers', add: ['zhou_fe01'], remove: ['zhou-fe01'] },
    ]);
    expect(edit("it's kate_w not tom_dev88", 'developers')).toEqual([]);
  });
});

describe('an ICP filing as written', () => {
  it('in Traditional characters it is kept so, and valid', () => {
    expect(read('域名：shop.lanting.hk 備案：粵ICP備19088776號-2', 'admin_url_whitelist')).toEqual({
      admin_url_whitelist: { domains: ['shop.lanting.hk'], icp: '粵ICP備19088776號-2' },
    });
    expect(validate('admin_url_whitelist', { domains: ['shop.lanting.hk'], icp: '粵ICP備19088776號-2' }).ok).toBe(true);
  });
});
