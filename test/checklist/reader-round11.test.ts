/**
 * Round 11 (issue 16): reader errors found on corpus J once it was tuned on, tested in phrasings of our own
 * (docs/reader.md, "Round 11").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: [item] }));
  return rest;
};

describe('a name denied before the one used', () => {
  it('"不是X，是Y" gives Y, not "X，是Y"', () => {
    expect(read('纠正一下：不是神策，是GrowingIO', 'analytics_platform')).toEqual({ analytics_platform: 'GrowingIO' });
  });
  it('"not X" alone gives no name', () => {
    expect(read('not Mixpanel, we moved off it', 'analytics_platform')).toEqual({});
  });
});

describe('names joined by "+"', () => {
  it('the space after "+" is no cut', () => {
    expect(read('友盟 + 腾讯有数 都接', 'analytics_platform')).toEqual({ analytics_platform: '友盟 + 腾讯有数' });
  });
});

describe('two whole addresses split by a space', () => {
  it('each city-to-number address is its own entry', () => {
    expect(read('杭州市西湖区文三路90号 杭州市滨江区江南大道588号', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路90号', '杭州市滨江区江南大道588号'],
    });
  });
  it('a floor after the number stays with its address', () => {
    expect(read('成都市锦江区春熙路12号 3楼', 'nearby_locations')).toEqual({
      nearby_locations: ['成都市锦江区春熙路12号 3楼'],
    });
  });
});

describe('a secret a character short, after its label', () => {
  const short = 'a1b2c3d4e5f60718293a4b5c6d7e8f'; // 30 characters
  it('the Open Platform secret is refused, and its App ID not kept alone', () => {
    const out = factsToJson(
      readByRules(`开放平台 appid wx1f2e3d4c5b6a7980 / secret ${short}`, { expected: ['open_platform'] }),
    );
    expect(out.open_platform).toBeUndefined();
    expect(out._invalid).toEqual([expect.objectContaining({ key: 'open_platform', input: '••••7e8f' })]);
    expect(JSON.stringify(out)).not.toContain(short);
  });
  it('the App secret is refused, never echoed', () => {
    const out = factsToJson(readByRules(`AppSecret: ${short}`, { expected: ['app_secret'] }));
    expect(out._invalid).toEqual([expect.objectContaining({ key: 'app_secret' })]);
    expect(JSON.stringify(out)).not.toContain(short.slice(0, 12));
  });
});

const guessed = (text: string, item: ItemKey) => {
  const u = readByRules(text, { expected: [item] });
  return { facts: u.facts.map((f) => f.key), outcome: u.outcome, guesses: u.guesses.map((g) => [g.key, g.doubt]) };
};

describe('an ID, number or domain the client asks about is read back, not recorded', () => {
  it.each<[string, ItemKey]>([
    ['这个是不是我们的 wx9a8b7c6d5e4f3a2b？', 'app_id'],
    ['is 1623456789 the sub-merchant one?', 'merchant_account'],
    ['do we need to add cdn.example-shop.cn as well?', 'admin_url_whitelist'],
  ])('%s', (text, item) => {
    expect(guessed(text, item).facts).toEqual([]);
  });
  it('a value asked about in a reply that says nothing else is offered for a yes', () => {
    expect(guessed('is 1623456789 the sub-merchant one?', 'merchant_account')).toEqual({
      facts: [],
      outcome: 'confirm',
      guesses: [['merchant_account', 'question']],
    });
  });
  it('given, then asked to be checked, it is recorded', () => {
    expect(read('appid 是 wx9a8b7c6d5e4f3a2b 你帮我看下对不对', 'app_id')).toEqual({ app_id: 'wx9a8b7c6d5e4f3a2b' });
    expect(read('AppID wx9a8b7c6d5e4f3a2b, is that correct?', 'app_id')).toEqual({ app_id: 'wx9a8b7c6d5e4f3a2b' });
  });
  it('a question the client answers themself gives it', () => {
    expect(read('appid 是啥来着 我找找 wx9a8b7c6d5e4f3a2b 对就是这个', 'app_id')).toEqual({
      app_id: 'wx9a8b7c6d5e4f3a2b',
    });
  });
});

describe('"done" read from a reply that asks, plans or reports a problem', () => {
  it('a question or a plan: read back for a yes', () => {
    expect(guessed('Sentry is in, can you confirm on your side?', 'sentry')).toMatchObject({
      facts: [],
      guesses: [['sentry', 'question']],
    });
    expect(guessed('弹窗的事等隐私政策定了再决定', 'wechat_auth').facts).toEqual([]);
  });
  it('a problem: nothing recorded, nothing offered', () => {
    expect(guessed('登录态过期后没反应，还是会白屏', 'relogin_on_401_403')).toMatchObject({ facts: [], guesses: [] });
  });
  it('done, then asking us to look, or done yesterday evening, stays done', () => {
    expect(read('开发者加好了，你们看下有没有收到邀请', 'developers')).toEqual({ developers: 'done' });
    expect(read('图标昨天晚上传了', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('1) roles done 2) beta list tomorrow', 'roles')).toEqual({ roles: 'done' });
  });
});

describe('a skip with a reason', () => {
  it('a reason that says it does not apply is n/a, whatever else the skip says', () => {
    expect(read('skip nearby, we have no physical shops', 'nearby_locations')).toEqual({ nearby_locations: 'n/a' });
    expect(read('skip for now, we never send SMS', 'sms_template')).toEqual({ sms_template: 'n/a' });
    expect(read('先跳过吧，我们不做支付', 'merchant_account')).toEqual({ merchant_account: 'n/a' });
    expect(read('skip, Apple handles payments, no WeChat Pay', 'merchant_account')).toEqual({
      merchant_account: 'n/a',
    });
  });
  it('"for now", "next phase", or who handles it: skipped, nothing recorded', () => {
    for (const text of [
      'skip this for now, our lawyer handles licences',
      'skip, not my department',
      'skip, we will bind the OA next phase',
    ]) {
      const u = readByRules(text, { expected: ['ugc_license'] });
      expect([text, u.outcome, u.facts]).toEqual([text, 'skip', []]);
    }
  });
});

describe('a picture sent in the chat, as a text export shows it', () => {
  it('"[图片]" / "[image]" for the icon is done', () => {
    expect(read('[image]', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('新的图标 👇\n[图片]', 'app_icon')).toEqual({ app_icon: 'done' });
  });
  it('for an item that takes no picture, or beside copy, it is no value and no part of one', () => {
    expect(read('[图片]', 'app_id')).toEqual({});
    expect(read('[图片] 分享文案：“周末来喝茶”', 'sharing_flow')).toEqual({ sharing_flow: '周末来喝茶' });
  });
});

describe('copy changed to a new quoted copy', () => {
  it('the message ending on the new copy gives it', () => {
    expect(read('“欢迎光临”改成“好久不见，进来坐坐”', 'sharing_flow')).toEqual({ sharing_flow: '好久不见，进来坐坐' });
    expect(read('timeout 那条改成“信号不太好，再试一次”', 'error_copywriting')).toEqual({
      error_copywriting: '信号不太好，再试一次',
    });
  });
  it('a part changed ("把…改成…") or one change among copy approved is kept as written', () => {
    expect(read('把“门店”改成“小店”', 'sharing_flow')).toEqual({ sharing_flow: '把“门店”改成“小店”' });
    const u = readByRules('“加载失败”改成“没加载出来”，其他的可以', { expected: ['error_copywriting'] });
    expect(u.facts.find((f) => f.kind === 'value' && f.value === '没加载出来')).toBeUndefined();
  });
});

describe("a value said to be someone else's, or the one before", () => {
  it.each<[string, ItemKey]>([
    ['竞品用的是 wx0f1e2d3c4b5a6978，我们想做成类似的', 'app_id'],
    ['SMS_512398765 是我们 APP 用的登录模板，小程序的还没申请', 'sms_template'],
    ['之前那个是 9f8e7d6c5b4a39281706f5e4d3c2b1a0，被同事重置了，新的还没拿到', 'app_secret'],
  ])('%s', (text, item) => {
    expect(readByRules(text, { expected: [item] }).facts).toEqual([]);
  });
});

describe('a forwarded message', () => {
  it('the header naming who it came from is no answer ("转发" is also a word of sharing)', () => {
    expect(readByRules('【转发】运营-小李：\nAppID wx1a2b3c4d5e6f7081', { expected: ['sharing_flow'] }).facts).toEqual([
      expect.objectContaining({ key: 'app_id', value: 'wx1a2b3c4d5e6f7081' }),
    ]);
  });
});

describe("a platform's account given with its name", () => {
  it('the account itself, given, stays with the name; one promised is cut off', () => {
    expect(read('神策，账号 growth@example-tea.cn', 'analytics_platform')).toEqual({
      analytics_platform: '神策，账号 growth@example-tea.cn',
    });
    expect(read('神策，账号回头发你', 'analytics_platform')).toEqual({ analytics_platform: '神策' });
  });
  it('an address is no team: "marketing@…" raises no doubt', () => {
    expect(read('Mixpanel, project id 2210934, owner marketing@example-tea.cn', 'analytics_platform')).toEqual({
      analytics_platform: 'Mixpanel, project id 2210934, owner marketing@example-tea.cn',
    });
  });
});

describe('"done" beside a failure, or asked to be confirmed', () => {
  it('OK, but a failure after it: not done', () => {
    expect(read('登录那块是OK的，但是过期以后还是会白屏', 'relogin_on_401_403')).toEqual({});
  });
  it('our own work, asked to be confirmed, is not done on the client’s word; theirs, asked to be checked, is', () => {
    expect(read('Sentry should be fine I guess. Could you confirm?', 'sentry')).toEqual({});
    expect(read('开发者加好了，麻烦你们确认一下', 'developers')).toEqual({ developers: 'done' });
  });
  it('a failure is no "does not apply"', () => {
    expect(read('没有自动重新登录，还是白屏', 'relogin_on_401_403')).toEqual({});
  });
});

describe('a reply that opens on a condition, or plans the choice', () => {
  it('records nothing yet', () => {
    expect(read('需要的话就用我们的logo图', 'sharing_flow')).toEqual({});
    expect(read('这个类目要许可证，等证办下来再选', 'mp_category')).toEqual({});
  });
});

describe('no custom page: WeChat’s own', () => {
  it('"不用自定义，就用系统的" / "the default is fine" is n/a for the permission page', () => {
    expect(read('不用自定义，用系统的就行', 'permission_page')).toEqual({ permission_page: 'n/a' });
    expect(read('no custom one, the default is fine', 'permission_page')).toEqual({ permission_page: 'n/a' });
  });
});

describe('list tidying', () => {
  it('a closing "就这俩", an Oxford "and", an entry in quotes, a header line ending in 👇', () => {
    expect(read('排队提醒 + 取餐提醒 就这俩', 'service_messages')).toEqual({
      service_messages: ['排队提醒', '取餐提醒'],
    });
    expect(read('booking confirmed, and booking cancelled', 'service_messages')).toEqual({
      service_messages: ['booking confirmed', 'booking cancelled'],
    });
    expect(read('就“取餐提醒”一个', 'service_messages')).toEqual({ service_messages: ['取餐提醒'] });
    expect(read('先放这两家 👇\n- 杭州市西湖区文三路90号\n- 杭州市滨江区江南大道588号', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路90号', '杭州市滨江区江南大道588号'],
    });
  });
});

describe('a mistake owned, then "is Y, not X"', () => {
  it('free text and quoted copy give Y', () => {
    expect(read('刚才说错了，生产环境是腾讯云不是阿里云', 'servers')).toEqual({ servers: '腾讯云' });
    expect(read('文案写错了，是“满50减10”不是满50减5', 'sharing_flow')).toEqual({ sharing_flow: '满50减10' });
  });
});

describe('a WeChat ID said not to add', () => {
  it('is left out of the list', () => {
    expect(read('加 chen_yu2020，同事的 wu_lei1988 不用加', 'beta_whitelist')).toEqual({
      beta_whitelist: ['chen_yu2020'],
    });
  });
});

describe('a value taken back in the same breath, without a "but"', () => {
  it('"X on the website, nothing for the MP yet" records no X', () => {
    expect(read('Matomo on our website, nothing for the MP yet', 'analytics_platform')).toEqual({});
    expect(read('官网用的友盟，小程序还没有', 'analytics_platform')).toEqual({});
  });
});

describe('after the review: what the round-11 rules must leave alone', () => {
  it('an ID given, then a question about something else, is recorded', () => {
    expect(read('AppID wx9a8b7c6d5e4f3a2b 收到吗', 'app_id')).toEqual({ app_id: 'wx9a8b7c6d5e4f3a2b' });
    expect(read('App ID: wx9a8b7c6d5e4f3a2b do you also need the secret?', 'app_id')).toEqual({
      app_id: 'wx9a8b7c6d5e4f3a2b',
    });
  });
  it('"App" in a reply is no other owner unless the value is said to be the app’s', () => {
    expect(read('我们 Mini App 的 AppID 是 wx9a8b7c6d5e4f3a2b', 'app_id')).toEqual({ app_id: 'wx9a8b7c6d5e4f3a2b' });
    expect(read('商户号跟App用的是同一个 1612345678', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1612345678' },
    });
  });
  it('"【转发】" inside a line is a word, not a forwarded header', () => {
    expect(readByRules('【转发】 AppID wx1a2b3c4d5e6f7a8b', {}).facts).toEqual([
      expect.objectContaining({ key: 'app_id', value: 'wx1a2b3c4d5e6f7a8b' }),
    ]);
    expect(read('分享要加【转发】按钮，文案：一起来喝茶', 'sharing_flow').sharing_flow).toContain('【转发】');
  });
  it('a picture said not to be final is not the icon, and the words beside it are no value', () => {
    for (const text of [
      '[图片] 还要再改改',
      '[image] first draft',
      '[图片] 这个是公众号的头像',
      '[图片] 这个还不是最终版',
    ])
      expect([text, read(text, 'app_icon')]).toEqual([text, {}]);
  });
  it('two quoted changes, or one part named, keep the reply as written', () => {
    expect(read('“网络错误”改成“网络开小差了”，“加载失败”改成“没加载出来”', 'error_copywriting')).toEqual({
      error_copywriting: '“网络错误”改成“网络开小差了”，“加载失败”改成“没加载出来”',
    });
    expect(read('标题不变，“立即购买”改成“马上抢”', 'sharing_flow')).toEqual({
      sharing_flow: '标题不变，“立即购买”改成“马上抢”',
    });
  });
  it('an ID said not to add, with whose it is before it, leaves the rest of the list', () => {
    expect(read('开发者：kate_w88, tom_li99，老板的 laozhang1975 不用加', 'developers')).toEqual({
      developers: ['kate_w88', 'tom_li99'],
    });
  });
  it('a failure given as the reason after an n/a keeps the n/a', () => {
    expect(read('不需要短信，之前接过一次失败了', 'sms_template')).toEqual({ sms_template: 'n/a' });
  });
});

describe('a short reply closing on a done mark', () => {
  it('reports the item done; with a denial or a question it does not', () => {
    expect(read('sentry 那个 OK 了 👌', 'sentry')).toEqual({ sentry: 'done' });
    expect(read('sentry 还没接 👌', 'sentry')).toEqual({});
    expect(read('sentry 这样可以吗 ✅', 'sentry')).toEqual({});
  });
});

describe('a table pasted from a sheet or a doc', () => {
  it('each two-cell row is a label and its value', () => {
    expect(
      factsToJson(readByRules('| 项目 | 内容 |\n|---|---|\n| 服务类目 | 教育 > 培训机构 |\n| 统计 | 神策 |', {})),
    ).toMatchObject({ mp_category: '教育 > 培训机构', analytics_platform: '神策' });
    expect(factsToJson(readByRules('Item | Value\nCategory | Retail > Eyewear', {}))).toMatchObject({
      mp_category: 'Retail > Eyewear',
    });
  });
  it('a bar inside quoted copy stays the client’s text', () => {
    expect(read('分享文案：「小店咖啡 | 第二杯半价」', 'sharing_flow')).toEqual({
      sharing_flow: '小店咖啡 | 第二杯半价',
    });
  });
});

describe('corporate replies, in our own wording', () => {
  it('a topic opened, then a choice left to legal, records no name', () => {
    expect(read('关于服务类目，法务建议选“教育 > 培训机构”，待法务确认后再告知', 'mp_category')).toEqual({});
  });
  it('"添加完毕" reports it done', () => {
    expect(read('开发者微信号已由IT部统一添加完毕，请知悉。', 'developers')).toEqual({ developers: 'done' });
  });
  it('"服务消息模板：" heads service messages, not template IDs', () => {
    expect(read('服务消息模板：\n订单支付成功通知\n退款结果通知', 'service_messages')).toEqual({
      service_messages: ['订单支付成功通知', '退款结果通知'],
    });
  });
  it('a licence still applied for is no licence held', () => {
    const out = read(
      'UGC licence: members post reviews. Legal is applying for the ICP licence, expected in May.',
      'ugc_license',
    );
    expect(out).not.toHaveProperty('ugc_license.licence');
  });
});

describe('corporate replies, more', () => {
  it('"will not be using WeChat Pay" does not apply', () => {
    expect(read('We will not be using WeChat Pay; orders go to our Tmall store.', 'merchant_account')).toEqual({
      merchant_account: 'n/a',
    });
  });
  it('what a category needs, in brackets, is no part of it', () => {
    expect(read('类目：教育 > 培训机构（需办学许可证，已上传）', 'mp_category')).toEqual({
      mp_category: '教育 > 培训机构',
    });
  });
  it('a design sent to "贵司" is sent', () => {
    expect(read('权限页设计稿已发贵司邮箱，请查收。', 'permission_page')).toEqual({ permission_page: 'done' });
  });
});

describe('chat replies, in our own wording', () => {
  it('an address said with "在" before it and a phone number after it is the address alone', () => {
    expect(read('店就一家 在杭州市上城区解放路18号 对了电话是0571-85550000', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市上城区解放路18号'],
    });
  });
  it('a topic lead "…的话" is no part of the copy', () => {
    expect(read('分享的话就用门口那张照片', 'sharing_flow')).toEqual({ sharing_flow: '就用门口那张照片' });
  });
  it('done, but only in part, is not done', () => {
    expect(read('roles are done but we only added four of them', 'roles')).toEqual({});
  });
});

describe('whose account it is, said or not', () => {
  it('"not verified" alone says nothing of whose account; nor, since round 12, does "verified"', () => {
    expect(read('还没认证', 'enterprise_account')).toEqual({ enterprise_account: { verified: false } });
    expect(read('已认证', 'enterprise_account')).toEqual({ enterprise_account: { verified: true } });
  });
  it('registered in so many words, or in another sentence, completes the account', () => {
    expect(read('注册了，认证还没做', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read("It's under our company. Verification is still pending.", 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
  });
  it('a personal account said in one clause is not made a company’s by "没认证" in the next', () => {
    expect(read('小程序是我个人身份证注册的，没认证', 'enterprise_account')).toEqual({
      enterprise_account: { registered: false, verified: false },
    });
  });
});

describe('more chat replies, in our own wording', () => {
  it('"the same as another\'s, then the name" gives the name; the pointer alone gives none', () => {
    expect(read('小程序类目跟公众号一样，都是 教育', 'mp_category')).toEqual({ mp_category: '教育' });
    expect(read('类目跟公众号一样', 'mp_category')).toEqual({});
    expect(read('体育 > 体育场馆服务 跟营业执照一致', 'mp_category')).toEqual({ mp_category: '体育 > 体育场馆服务' });
  });
  it('"按微信默认的，不用单独设计" is n/a for the permission page', () => {
    expect(read('权限页按微信默认的就好，不用单独设计', 'permission_page')).toEqual({ permission_page: 'n/a' });
  });
});
