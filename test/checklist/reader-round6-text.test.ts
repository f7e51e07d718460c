/**
 * Classes of wrong facts and misses found on corpus F (issue 16, round 6) in the list, confirmation and
 * copy items, each tested with phrasings of our own, not the corpus's (docs/reader.md, "Round 6, from
 * corpus F").
 */
import { describe, expect, it } from 'vitest';
import { acceptsNa, ITEM_DEFS } from '../../src/checklist/items.js';
import { type Verdict, validate } from '../../src/checklist/rules.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';
import { render } from '../../src/i18n/index.js';

function reasonIn(verdict: Verdict, locale: 'en' | 'zh'): string {
  if (verdict.ok) throw new Error(`expected a refusal, got ${JSON.stringify(verdict.value)}`);
  return render(locale, verdict.reason);
}

const read = (text: string, item: ItemKey | ItemKey[]) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: [item].flat() }));
  return rest;
};
const editOf = (text: string, item: ItemKey) => readByRules(text, { expected: [item] }).edits;

describe('n/a: every item but the few a release cannot exist without', () => {
  const REFUSED: readonly ItemKey[] = [
    'enterprise_account',
    'app_id',
    'app_secret',
    'roles',
    'developers',
    'mp_category',
  ];
  it('refuses n/a exactly for the account, its IDs, roles, developers and category', () => {
    expect(ITEM_DEFS.filter((d) => !acceptsNa(d)).map((d) => d.key)).toEqual(REFUSED);
    expect(validate('sentry', 'n/a').ok).toBe(true);
    expect(validate('error_copywriting', 'n/a').ok).toBe(true);
    expect(reasonIn(validate('roles', 'n/a'), 'zh')).toContain('不能标记为不适用');
  });
  it('reads "we do not want it" as n/a for a development item, in both languages', () => {
    expect(read('权限页不需要，我们不收集任何信息', 'permission_page')).toEqual({ permission_page: 'n/a' });
    expect(read("we don't need the 401 re-login, there is no login at all", 'relogin_on_401_403')).toEqual({
      relogin_on_401_403: 'n/a',
    });
    expect(read('no share card needed, the app is staff-only', 'sharing_flow')).toEqual({ sharing_flow: 'n/a' });
  });
  it('still refuses it, with the reason, for an item a release needs', () => {
    expect(read('角色不需要', 'roles')).toEqual({ _invalid: [expect.objectContaining({ key: 'roles' })] });
    expect(read('we do not need a category', 'mp_category')).toEqual({
      _invalid: [expect.objectContaining({ key: 'mp_category' })],
    });
  });
  it('the custom icon and permission page: no custom one is n/a (WeChat’s own is used)', () => {
    expect(read('we do not need an app icon', 'app_icon')).toEqual({ app_icon: 'n/a' });
    expect(read('不需要自定义图标', 'app_icon')).toEqual({ app_icon: 'n/a' });
    expect(read('不需要自定义图标，用小程序头像就行', 'app_icon')).toEqual({ app_icon: 'n/a' });
    expect(read('permission page 用默认的，不用 custom', 'permission_page')).toEqual({ permission_page: 'n/a' });
    // A file sent with it is the icon delivered; the refusal of a detail records nothing (the client is asked again).
    expect(read('不用定制了，logo 已经发你邮箱了', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('app icon 用附件这个 PNG，1024×1024，圆角不用加', 'app_icon')).toEqual({});
  });
  it('"not now" with the value still to come, or a decision first, is later — not n/a', () => {
    expect(read('服务通知先不做，回头再发你', 'service_messages')).toEqual({});
    expect(read('先不接，要等法务评估完', 'sentry')).toEqual({});
    expect(read('hold off for now, our security team needs to review it first', 'sentry')).toEqual({});
    expect(read('错误监控这期先不接', 'sentry')).toEqual({ sentry: 'n/a' });
  });
  it('"不加了" / "不接了" (no longer wanted) is n/a, never "加了" done', () => {
    expect(read('监控不接了，公司有自己的', 'sentry')).toEqual({ sentry: 'n/a' });
    expect(read('Sentry 我们不装了', 'sentry')).toEqual({ sentry: 'n/a' });
  });
  it('"用不到" after the item name is not the verb 用 and a list entry "不到"', () => {
    expect(read('服务消息用不到', 'service_messages')).toEqual({ service_messages: 'n/a' });
    expect(read('附近门店用不上', 'nearby_locations')).toEqual({ nearby_locations: 'n/a' });
  });
});

describe('list edits', () => {
  it('"把「A」去掉，加个「B」": a quoted entry’s own keyword names no other item; the plain add beside a removal adds', () => {
    expect(editOf('把「附近门店」删掉，加个「积分兑换」', 'functions_pages')).toEqual([
      { key: 'functions_pages', add: ['积分兑换'], remove: ['附近门店'] },
    ]);
    expect(editOf('drop Coupons, add Loyalty Card', 'functions_pages')).toEqual([
      { key: 'functions_pages', add: ['Loyalty Card'], remove: ['Coupons'] },
    ]);
  });
  it('"X 打错了，应该是 Y" / "X was a typo, should be Y" replaces X by Y, never lists both', () => {
    expect(editOf('之前发的 zhou_li77 写错了，应该是 zhouli_77', 'beta_whitelist')).toEqual([
      { key: 'beta_whitelist', add: ['zhouli_77'], remove: ['zhou_li77'] },
    ]);
    expect(editOf('sorry, kate-w99 was a typo, it should be kate_w99', 'developers')).toEqual([
      { key: 'developers', add: ['kate_w99'], remove: ['kate-w99'] },
    ]);
    expect(read('之前发的 zhou_li77 写错了，应该是 zhouli_77', 'beta_whitelist')).toEqual({
      _edit: [{ item: 'beta_whitelist', add: ['zhouli_77'], remove: ['zhou_li77'] }],
    });
  });
});

describe('copy items: the copy without its leads and trailers', () => {
  it('takes the quoted copy after a lead of the copy’s own words, with or without a colon or dash', () => {
    expect(read('分享标题就用「周末一起来喝一杯」', 'sharing_flow')).toEqual({ sharing_flow: '周末一起来喝一杯' });
    expect(read('权限页文案“我们会用您的位置推荐最近的门店”', 'permission_page')).toEqual({
      permission_page: '我们会用您的位置推荐最近的门店',
    });
    expect(read("Share title — 'Your next coffee is on us'", 'sharing_flow')).toEqual({
      sharing_flow: 'Your next coffee is on us',
    });
  });
  it('drops a lead of the item’s name and a verb ("错误提示文案确认：", "For errors please say:"), keeps one that says which', () => {
    expect(read('报错提示确认：服务器开小差了，稍后再试', 'error_copywriting')).toEqual({
      error_copywriting: '服务器开小差了，稍后再试',
    });
    expect(read('For errors please say: Oops, please try again in a minute.', 'error_copywriting')).toEqual({
      error_copywriting: 'Oops, please try again in a minute.',
    });
    expect(read('网络断开那条改成：网络好像断了，检查一下再试', 'error_copywriting')).toEqual({
      error_copywriting: '网络断开那条改成：网络好像断了，检查一下再试',
    });
  });
  it('drops a trailer after a dash that says the copy was approved', () => {
    expect(read('权限页文案：仅用于查询您的订单 — 法务已确认', 'permission_page')).toEqual({
      permission_page: '仅用于查询您的订单',
    });
    expect(read('Share copy: Meet me at Blue Tea - approved by marketing', 'sharing_flow')).toEqual({
      sharing_flow: 'Meet me at Blue Tea',
    });
  });
  it('keeps the copy’s own closing emoji after a space', () => {
    expect(read('share copy: Your matcha is ready 🍵', 'sharing_flow')).toEqual({
      sharing_flow: 'Your matcha is ready 🍵',
    });
  });
  it('reads another file item’s own clause saying it was sent ("图标也发你邮箱了") as done', () => {
    expect(read('分享文案：约上好友一起拼，图标已经发你邮箱了', 'sharing_flow')).toEqual({
      sharing_flow: '约上好友一起拼',
      app_icon: 'done',
    });
    // Status words about the Beta version, an item not asked, still name nothing.
    expect(read('角色加好了，体验者那个也加了', 'roles')).toEqual({ roles: 'done' });
  });
  it('a file said sent or uploaded is done, whatever detail follows; feedback on our draft is no copy', () => {
    expect(read('图标发你微信了，尺寸 1024: 你看下', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('logo 已经 upload 到共享盘了', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('我觉得这个图标颜色太艳了', 'app_icon')).toEqual({});
    expect(read('the share image feels too busy, can you simplify it?', 'sharing_flow')).toEqual({});
  });
  it('"就用 … 那版", "设计 OK 了" approve what we proposed (done); under review or feedback by a date is nothing yet', () => {
    expect(read('就用上周你们发的那版', 'permission_page')).toEqual({ permission_page: 'done' });
    expect(read('报错文案没问题了，就用第二版', 'error_copywriting')).toEqual({ error_copywriting: 'done' });
    expect(read('分享文案 ok 了', 'sharing_flow')).toEqual({ sharing_flow: 'done' });
    expect(read('权限页文案老板在审', 'permission_page')).toEqual({});
    expect(read('the copy is under review by legal', 'error_copywriting')).toEqual({});
    expect(read('周五前反馈', 'sharing_flow')).toEqual({});
  });
});

describe('names and free text', () => {
  it('cuts a remark that starts with a linking word after a product’s own name', () => {
    expect(read('We run GrowingIO for the website already, happy to reuse it', 'analytics_platform')).toEqual({
      analytics_platform: 'GrowingIO',
    });
    expect(read('友盟 but we could switch', 'analytics_platform')).toEqual({ analytics_platform: '友盟' });
    expect(read('Analytics we handle in Sensors Data.', 'analytics_platform')).toEqual({
      analytics_platform: 'Sensors Data',
    });
  });
  it('"数据平台：" names the analytics item like its other words', () => {
    expect(read('数据平台：神策', 'analytics_platform')).toEqual({ analytics_platform: '神策' });
  });
  it('a check with someone else, a hand-over or an acknowledgement is no answer', () => {
    expect(read('analytics: have to check with our data team first', 'analytics_platform')).toEqual({});
    expect(read("I'll loop in our IT lead on this", 'servers')).toEqual({});
    expect(read('Noted, thanks!', 'servers')).toEqual({});
    expect(read('收到，谢谢', 'servers')).toEqual({});
  });
  it('reads a servers reply whose only keywords are its own whole, as written', () => {
    expect(read('everything on Huawei Cloud Guangzhou, two ECS for prod', 'servers')).toEqual({
      servers: 'everything on Huawei Cloud Guangzhou, two ECS for prod',
    });
    expect(read('prod  腾讯云 成都\nstatic 你们的\nstaging 也用你们的', 'servers')).toEqual({
      servers: 'prod  腾讯云 成都\nstatic 你们的\nstaging 也用你们的',
    });
    // "staging" there is a server, not the Beta whitelist; its words are no WeChat IDs.
    expect(read('Prod server: AWS Ningxia, cn-northwest-1. Staging can stay with you.', 'servers')).toEqual({
      servers: 'Prod server: AWS Ningxia, cn-northwest-1. Staging can stay with you.',
    });
  });
  it('drops a lead that only names the item or corrects, keeps one that says which server', () => {
    expect(read('服务器：华为云北京，测试用你们的', 'servers')).toEqual({ servers: '华为云北京，测试用你们的' });
    expect(read('servers: prod = Azure China North, rest yours', 'servers')).toEqual({
      servers: 'prod = Azure China North, rest yours',
    });
    expect(read('更新一下，正式环境换到华为云了', 'servers')).toEqual({ servers: '正式环境换到华为云了' });
  });
});

describe('lists', () => {
  it('splits on a bar or a spaced plus; not on a comma inside brackets', () => {
    expect(read('功能页：积分商城｜门店导航｜在线客服', 'functions_pages')).toEqual({
      functions_pages: ['积分商城', '门店导航', '在线客服'],
    });
    expect(read('服务通知：预约成功 + 排队提醒', 'service_messages')).toEqual({
      service_messages: ['预约成功', '排队提醒'],
    });
    expect(read('就一家 杭州市西湖区文三路90号（二楼，电梯直达）', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路90号（二楼，电梯直达）'],
    });
  });
  it('drops a count that leads the names, in English words and 仨 / 俩', () => {
    expect(read('Three: Booking Confirmed, Table Ready, Order Cancelled', 'service_messages')).toEqual({
      service_messages: ['Booking Confirmed', 'Table Ready', 'Order Cancelled'],
    });
    expect(read('Only one - Loyalty Card', 'functions_pages')).toEqual({ functions_pages: ['Loyalty Card'] });
    expect(read('就这俩：会员中心、积分商城', 'functions_pages')).toEqual({
      functions_pages: ['会员中心', '积分商城'],
    });
  });
  it('"其他店先不放" is no entry', () => {
    expect(read('附近门店先放总店：南京市鼓楼区中山路18号，分店暂不加', 'nearby_locations')).toEqual({
      nearby_locations: ['南京市鼓楼区中山路18号'],
    });
  });
  it('a list promised later is no list', () => {
    expect(read('门店清单等店长汇总好发你', 'nearby_locations')).toEqual({});
    expect(read("we'll add our stores once the mall branch opens", 'nearby_locations')).toEqual({});
    expect(read('the page list is with marketing, give us a few days', 'functions_pages')).toEqual({});
    expect(read('page names till Friday please', 'functions_pages')).toEqual({});
  });
  it('WeChat IDs: a remark in brackets is no ID; IDs labelled as such are the list, whatever is said around them', () => {
    expect(read('Devs: amy_fe01, raj-be and Tom_K9 (he is our contractor)', 'developers')).toEqual({
      developers: ['amy_fe01', 'raj-be', 'Tom_K9'],
    });
    expect(read('体验版的微信号: lin_qa01, zoe-pm88 都邀请了', 'beta_whitelist')).toEqual({
      beta_whitelist: ['lin_qa01', 'zoe-pm88'],
    });
    // Unlabelled, the IDs named around "added" are ours confirmed (corpus B, the fixtures).
    expect(read('加好了，dev_wang 和 dev_li 都发邀请了', 'developers')).toEqual({ developers: 'done' });
  });
});

describe('what we do: the client’s go-ahead or refusal', () => {
  it('a bare yes, "要的", "必须要" or "fine by us" is done for an agency item; the choice left to us is not', () => {
    expect(read('yes', 'sentry')).toEqual({ sentry: 'done' });
    expect(read('好的', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
    expect(read('要的，401 的时候自动重登', 'relogin_on_401_403')).toEqual({ relogin_on_401_403: 'done' });
    expect(read('重新登录这个必须要', 'relogin_on_401_403')).toEqual({ relogin_on_401_403: 'done' });
    expect(read('Fine with us, add the standard popup', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
    expect(read('Yes, add Sentry to the staging build as well.', 'sentry')).toEqual({ sentry: 'done' });
    expect(read('监控这块你们技术定就好', 'sentry')).toEqual({});
    expect(read('Sentry: up to you guys', 'sentry')).toEqual({});
    expect(read('授权弹窗按微信默认的来，不需要自定义', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
  });
  it('for the client’s own tasks and copy, a bare yes confirms nothing', () => {
    expect(read('yes', 'roles')).toEqual({});
    expect(read('好的', 'sharing_flow')).toEqual({});
  });
  it('a refusal that opens the reply, then its reason, is n/a', () => {
    expect(read('不用，小程序不需要登录', 'relogin_on_401_403')).toEqual({ relogin_on_401_403: 'n/a' });
    expect(read('不要装sentry，我们用自己的 APM', 'sentry')).toEqual({ sentry: 'n/a' });
  });
});

describe('more classes: role names, product names, copy given beside a deferral', () => {
  it('a role named inside the roles answer is no other item; "配齐了" is done', () => {
    expect(read('角色都配齐了，管理员是我，数据分析给了运营', 'roles')).toEqual({ roles: 'done' });
    expect(read('角色还没配齐', 'roles')).toEqual({});
  });
  it('a product’s own name names its item while another is asked', () => {
    expect(read('正式服务器在华为云。数据统计我们用友盟', 'servers')).toEqual({
      servers: '正式服务器在华为云',
      analytics_platform: '友盟',
    });
  });
  it('copy quoted, or after its label’s colon, stands though the rest is deferred or its words say "waiting"', () => {
    expect(read('分享文案都用「来店里坐坐」，配图下周给', 'sharing_flow')).toEqual({ sharing_flow: '来店里坐坐' });
    expect(read('share copy: 「Brunch is served」 images later', 'sharing_flow')).toEqual({
      sharing_flow: 'Brunch is served',
    });
    expect(read('Share title: Your seat is waiting', 'sharing_flow')).toEqual({ sharing_flow: 'Your seat is waiting' });
    expect(read('分享文案晚点发你', 'sharing_flow')).toEqual({});
  });
  it('another copy item approved in a clause of its own is done; mixed "bind 好了" is done', () => {
    expect(read('分享文案：周末见，错误文案也按你们的来', 'sharing_flow')).toEqual({
      sharing_flow: '周末见',
      error_copywriting: 'done',
    });
    expect(read('体验者都 add 好了', 'beta_whitelist')).toEqual({ beta_whitelist: 'done' });
  });
});

describe('done, said in other ways', () => {
  it('"传到…了，你们看一下有没有问题" asks us to check what was sent: done, not a question back', () => {
    expect(read('图标已经放到网盘里了，麻烦核对下对不对', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('图标上传了，你们看下有没有问题？', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('图标还没上传', 'app_icon')).toEqual({});
  });
  it('"Roles are in." is done; "in progress" is not', () => {
    expect(read('All roles are in, thanks.', 'roles')).toEqual({ roles: 'done' });
    expect(read('Roles are in progress', 'roles')).toEqual({});
  });
  it('each thing we do named with its own OK is done', () => {
    expect(read('Sentry ok, relogin on 401 ok', 'sentry')).toEqual({ sentry: 'done', relogin_on_401_403: 'done' });
  });
});

describe('WeChat IDs that are not', () => {
  it('refuses a phone number offered as the account, or an ID starting with a digit, with the reason', () => {
    expect(read('体验版直接加我手机号 18612345678 就行', 'beta_whitelist')).toEqual({
      _invalid: [expect.objectContaining({ key: 'beta_whitelist', input: '18612345678' })],
    });
    expect(read('please add 88kevin_w as a developer', 'developers')).toEqual({
      _invalid: [expect.objectContaining({ key: 'developers', input: '88kevin_w' })],
    });
  });
  it('a number to call is no attempt at an ID', () => {
    expect(read('加的时候有问题就打我电话 18612345678', 'beta_whitelist')).toEqual({});
  });
});

describe('a limit the same message sets', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `fe_dev${String(i + 10)}`);
  it('refuses 12 developers when the message says the account is not verified; takes them when verified', () => {
    expect(read(`还没做微信认证，开发者：${ids.join('、')}`, 'developers')).toEqual({
      enterprise_account: { verified: false },
      _invalid: [expect.objectContaining({ key: 'developers' })],
    });
    expect(read(`Verified company account. Developers: ${ids.join(', ')}`, 'developers')).toMatchObject({
      developers: ids,
    });
  });
});
