/**
 * Classes of wrong facts and misses found on corpus G (issue 16, round 7), each tested with phrasings of our
 * own, not the corpus's (docs/reader.md, "Round 7, from corpus G").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};

describe('a guess is no fact', () => {
  it('reads nothing from a value the client hedges with 应该…吧 / 大概…吧 / 吧应该 (zh)', () => {
    expect(read('商户号应该是办过的吧，财务那边弄的', 'merchant_account')).toEqual({});
    expect(read('开发者都加上了吧应该', 'developers')).toEqual({});
    expect(read('大概就是会员和积分两个页面吧', 'functions_pages')).toEqual({});
  });
  it('reads nothing from a value handed to someone to check (zh)', () => {
    expect(read('wx5e8a1c3b7d9f2a04 这个我让财务再核对一下', 'app_id')).toEqual({});
    expect(read('模板 ID 我再跟运营确认下', 'template_ids')).toEqual({});
  });
  it('reads nothing from "maybe …?", "double check", "I think …?" (en)', () => {
    expect(read('maybe wx7c2d9e0a4b1f3e85? found it in a forwarded chat', 'app_id')).toEqual({});
    expect(read('wx7c2d9e0a4b1f3e85 but I need to double-check it with our IT', 'app_id')).toEqual({});
    expect(read('I think the roles were added by Ming last week?', 'roles')).toEqual({});
  });
  it('keeps a firm "已经…了" before a reassurance, a trailing "I think" and two IDs to choose from', () => {
    expect(read('开发者我已经全部邀请了，应该都没问题了吧', 'developers')).toEqual({ developers: 'done' });
    expect(read('Education > Online courses I think', 'mp_category')).toEqual({
      mp_category: 'Education > Online courses',
    });
    expect(readByRules('AppID wx5e8a1c3b7d9f2a04, or maybe wx7c2d9e0a4b1f3e85', { expected: ['app_id'] }).outcome).toBe(
      'ask_which',
    );
  });
});

describe("another project's, brand's or agency's values are not ours", () => {
  it('drops a list or a category said of another project or a sister brand (zh and en)', () => {
    expect(read('之前那个项目的体验成员是 lily_qa01 和 tom-test2，这次要重新定', 'beta_whitelist')).toEqual({});
    expect(read('上个项目的体验者是 lily_qa01 和 tom-test2', 'beta_whitelist')).toEqual({});
    expect(read('Our sister brand is under 教育 > 培训机构, we have not picked ours', 'mp_category')).toEqual({});
  });
  it("drops an App ID the agency before us used, and another brand's verification", () => {
    expect(read('the previous agency set up wx3b9d0e2f6a8c1d47 for us, ignore it')).toEqual({});
    expect(read('我们旗下另一个品牌「山野」的小程序已经认证了，这个还不知道', 'enterprise_account')).toEqual({});
  });
  it('records nothing for a merchant ID the client asks about reusing', () => {
    expect(read('门店收银用的商户号是 1623456789，小程序需不需要另外申请？', 'merchant_account')).toEqual({});
  });
});

describe('pending is not active', () => {
  it('keeps a merchant ID under review as applying (zh and en)', () => {
    expect(read('商户号 1634567012 还在审核中', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying', merchant_id: '1634567012' },
    });
    expect(read('merchant ID 1634567012, still pending approval', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying', merchant_id: '1634567012' },
    });
  });
  it('reads "once it comes through I will send it" as applying, not active', () => {
    expect(read('还在申请，批下来了再发你商户号', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying' },
    });
  });
  it('reads a labelled "Verified: no" and "认证 still pending" as not verified', () => {
    expect(read('Company account: yes\nVerified: no', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('公司主体的，认证 still pending', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('主体是公司，认证 also done', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
});

describe('WeChat ID lists', () => {
  it('reads a list under a done label as the list (zh and en)', () => {
    expect(read('已添加体验者：amy_test7、ben-qa22', 'beta_whitelist')).toEqual({
      beta_whitelist: ['amy_test7', 'ben-qa22'],
    });
    expect(read('Testers added: amy_test7, ben-qa22', 'beta_whitelist')).toEqual({
      beta_whitelist: ['amy_test7', 'ben-qa22'],
    });
    expect(read('added:\nzoe_fe03\nmax-dev9', 'developers')).toEqual({ developers: ['zoe_fe03', 'max-dev9'] });
  });
  it('keeps unlabelled IDs around "added" as done (ours confirmed, corpus B)', () => {
    expect(read('加好了，dev_wang 和 dev_li 都发邀请了', 'developers')).toEqual({ developers: 'done' });
  });
  it('reads no entry from a removal asked for, nor from an ID that cannot be found', () => {
    // With no list on file nothing is recorded; with one, the conversation applies the removal (`_edit`).
    expect(read('sam_dev88 已经不在公司了，麻烦从体验者里删掉', 'beta_whitelist').beta_whitelist).toBeUndefined();
    expect(read('please remove sam_dev88 from the developers', 'developers').developers).toBeUndefined();
    expect(read('rita_fe21 这个号搜不到，是不是拼错了', 'developers')).toEqual({});
  });
});

describe('copy and names without their leads and trailers', () => {
  it('drops a lead of the copy’s own words: 分享语 / 授权说明 … 改成：', () => {
    expect(read('分享语改成：周末带娃来玩', 'sharing_flow')).toEqual({ sharing_flow: '周末带娃来玩' });
    expect(read('授权说明改成：用于定位您所在的城市', 'permission_page')).toEqual({
      permission_page: '用于定位您所在的城市',
    });
  });
  it('keeps quoted copy whole across its own full stops, and a greeting at its end', () => {
    expect(read('Error copy: "Sorry, that did not work. Try again in a minute."', 'error_copywriting')).toEqual({
      error_copywriting: 'Sorry, that did not work. Try again in a minute.',
    });
    expect(read('share copy: New menu is out, drop by and say hello', 'sharing_flow')).toEqual({
      sharing_flow: 'New menu is out, drop by and say hello',
    });
  });
  it('drops a pointer back or a done mark after a category, and "另外" before its label', () => {
    expect(read('教育 > 在线教育那个类目 已经选好了', 'mp_category')).toEqual({ mp_category: '教育 > 在线教育' });
    expect(read('餐饮 > 烘焙 ✅ 审核通过了', 'mp_category')).toEqual({ mp_category: '餐饮 > 烘焙' });
    expect(read('统计还在接。另外类目：商业服务 > 会展', 'analytics_platform')).toEqual({
      mp_category: '商业服务 > 会展',
    });
  });
  it('drops an English reason in brackets after a name, keeps a translation; "between A and B" names none', () => {
    expect(read('Mixpanel (required by our parent company)', 'analytics_platform')).toEqual({
      analytics_platform: 'Mixpanel',
    });
    expect(read('Sensors Data (神策)', 'analytics_platform')).toEqual({ analytics_platform: 'Sensors Data (神策)' });
    expect(read("we're between Mixpanel and Umeng at the moment", 'analytics_platform')).toEqual({});
  });
  it('reads nothing from copy the boss still has to see, nor from a server question handed to a colleague', () => {
    expect(read('权限页文案领导要先看一下', 'permission_page')).toEqual({});
    expect(read('服务器问 @小刘 吧，他最清楚', 'servers')).toEqual({});
  });
  it('reads "换好了" for the icon as done and "就 A 和 B" without its 就', () => {
    expect(read('图标已经替换好了', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('功能页就 预约 和 会员 两个', 'functions_pages')).toEqual({ functions_pages: ['预约', '会员'] });
  });
  it('reads "that’s all so far" as not all roles done', () => {
    expect(read('we set up the operator role, that’s all for now', 'roles')).toEqual({});
  });
});

describe('what a clause around the value says of it', () => {
  it('reads "不用附近的小程序" on its own line as that item refused, not the list above it', () => {
    expect(read('功能页: 课程、报名\n不用附近的小程序', 'functions_pages')).toEqual({
      functions_pages: ['课程', '报名'],
      nearby_locations: 'n/a',
    });
  });
  it('drops the IDs after a contrast ("…，不是 …", ", not …")', () => {
    expect(read('体验者是 lucy_qa1、mark-t02，不是 lucy_qa1、mark_t02', 'beta_whitelist')).toEqual({
      beta_whitelist: ['lucy_qa1', 'mark-t02'],
    });
    expect(read('testers: lucy_qa1, mark-t02; not mark_t02', 'beta_whitelist')).toEqual({
      beta_whitelist: ['lucy_qa1', 'mark-t02'],
    });
  });
  it('drops "the built-in" / "…自带的" before a platform name', () => {
    expect(read('统计就用小程序后台自带的数据助手', 'analytics_platform')).toEqual({ analytics_platform: '数据助手' });
  });
  it('reads no App ID from a message that says the MP is not registered yet', () => {
    expect(read('wx4a7c1e9b2d0f8e63 is for our Shenzhen store, the new MP is not registered yet', 'app_id')).toEqual(
      {},
    );
  });
  it('reads no n/a that hangs on the client’s own question', () => {
    expect(read('开放平台是可选的吧？那就先不做', 'open_platform')).toEqual({});
  });
});

describe('list edits', () => {
  const editOf = (text: string, item: ItemKey) =>
    readByRules(text, { expected: [item] }).edits.map((e) => ({ item: e.key, add: e.add, remove: e.remove }));
  it('reads "X …，麻烦从<list>里删掉" as removing X', () => {
    expect(editOf('amy_test7 调走了 麻烦从体验者里删掉', 'beta_whitelist')).toEqual([
      { item: 'beta_whitelist', add: [], remove: ['amy_test7'] },
    ]);
  });
  it('removes the quoted name, not the words that say which list it is in', () => {
    expect(editOf('把「会员卡」这个页面去掉', 'functions_pages')).toEqual([
      { item: 'functions_pages', add: [], remove: ['会员卡'] },
    ]);
  });
  it('reads "<list>: add X, remove Y" as both', () => {
    expect(editOf('developers: add zoe_fe03, remove max-dev9', 'developers')).toEqual([
      { item: 'developers', add: ['zoe_fe03'], remove: ['max-dev9'] },
    ]);
  });
});

describe('misses: the item named, then only its status', () => {
  it('reads "<item> 好了" as done for a confirmation item (zh and en)', () => {
    expect(read('分享图好了✅', 'sharing_flow')).toEqual({ sharing_flow: 'done' });
    expect(read('icon: done', 'app_icon')).toEqual({ app_icon: 'done' });
  });
  it('reads "the popup came up on …, looks fine" as done', () => {
    expect(read('the login popup came up on first launch, looks fine to me', 'wechat_auth')).toEqual({
      wechat_auth: 'done',
    });
  });
  it('reads "no external links" and a refusal right before the item as n/a', () => {
    expect(read('there are no external pages in our app', 'admin_url_whitelist')).toEqual({
      admin_url_whitelist: 'n/a',
    });
    expect(read('我们用的是自己的一套权限说明，不需要权限页', 'permission_page')).toEqual({ permission_page: 'n/a' });
    // Not when more is said after the item: "no analytics in the mini program yet" is not yet, not n/a.
    expect(read('GA for the site, but no analytics in the app yet', 'analytics_platform')).toEqual({});
  });
});

describe('misses: done and none in more words', () => {
  it('reads "are all set up" and "加到…里了" as done', () => {
    expect(read('the roles are all set up, including the data analyst one', 'roles')).toEqual({ roles: 'done' });
    expect(read('你们的两个微信号我都加到开发者里了', 'developers')).toEqual({ developers: 'done' });
  });
  it('reads "no place for users to post" as no UGC', () => {
    expect(read('customers cannot post anything in the app', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: false },
    });
  });
});

describe('misses: the enterprise account in English company words', () => {
  it('reads "registered under … Ltd." as a company and "verification came through" as verified', () => {
    expect(
      read('It is registered under Hill Foods Ltd. and the verification came through last week.', 'enterprise_account'),
    ).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
});
