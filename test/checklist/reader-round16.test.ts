/**
 * Round 16 (issue 16): conventions the rules held against every labeller, and reader errors found on corpora AR and AS
 * (held-out-33, -34), tested in phrasings of our own (docs/reader.md, "Round 16").
 */
import { describe } from 'vitest';
import { cases } from './rules-cases.js';

describe('a status said of another item, named', () => {
  // The item named before its status takes it, even with a word before its name or a remark after it; the item asked
  // gets nothing.
  cases([
    ['App icon approved ✅ (the blue one)', 'service_messages', { app_icon: 'done' }],
    ['Permission page mockup signed off by legal', 'sentry', { permission_page: 'done' }],
    ['Standard WeChat auth popup approved', 'permission_page', { wechat_auth: 'done' }],
    ['自定义权限页面设计 老板已经确认了', 'wechat_auth', { permission_page: 'done' }],
  ]);
});

describe('a skip for now, with news', () => {
  // News of why not now is no reason it does not apply; a reason that denies it still is.
  cases([
    ['skip the share card for now, marketing is on holiday', 'sharing_flow', {}],
    ['先跳过，设计师这周请假', 'app_icon', {}],
    ['icon 先跳过，设计师不在', 'app_icon', {}],
    ['先跳过，我手上没有后台权限', 'roles', {}],
    ['skip service messages, we will come back to it', 'service_messages', {}],
  ]);
  cases([
    ['先跳过，我们不发短信', 'sms_template', { sms_template: 'n/a' }],
    ['先跳过，我们纯线上', 'nearby_locations', { nearby_locations: 'n/a' }],
  ]);
});

describe('a status denied', () => {
  cases([
    ['我没说开发者加好了，我是问要不要加', 'developers', {}],
    ['not all the roles are done, only the admin', 'roles', {}],
    ['角色不是都加好了', 'roles', {}],
    ['是已认证的，不是未认证，刚才打错了', 'enterprise_account', { enterprise_account: { verified: true } }],
    // A plain denial stays one.
    ['公司主体注册的，不是认证的', 'enterprise_account', { enterprise_account: { registered: true, verified: false } }],
  ]);
  cases([
    // "没说" and "didn't say" deny only a status said after them.
    ['加好了，我们老板没说别的', 'developers', { developers: 'done' }],
    ["done, didn't say earlier sorry", 'roles', { roles: 'done' }],
  ]);
});

describe('the Beta, where the whitelist check was done', () => {
  cases([
    ['URL whitelist works now, beta ok ✅', 'mp_url_whitelist', { mp_url_whitelist: 'done' }],
    ['whitelist 生效了，体验版 ok', 'mp_url_whitelist', { mp_url_whitelist: 'done' }],
    // "白名单" is no list of testers.
    ['白名单已经生效了，体验版 ok', 'mp_url_whitelist', { mp_url_whitelist: 'done' }],
    // Domains for the MP whitelist are no check said done: the Beta testers' news is theirs.
    [
      '合法域名 pay.acme.cn 也加一下。另外体验者都加好了',
      'mp_url_whitelist',
      { mp_url_whitelist: { domains: ['pay.acme.cn'] }, beta_whitelist: 'done' },
    ],
  ]);
});

describe('the custom version refused, or an asset of their own offered', () => {
  cases([
    ['权限页不用定制，用你们默认的设计就行', 'permission_page', { permission_page: 'n/a' }],
    ['图标不用单独设计，用我们公司的 logo 就行', 'app_icon', { app_icon: 'done' }],
    ['no custom icon for now, maybe later', 'app_icon', {}],
    ['图标还是用原来的，不需要换', 'app_icon', {}],
    ['no need for a new icon, keep the current one', 'app_icon', {}],
    ['不用了，上周已经给过你们了', 'app_icon', {}],
    // The standard popup chosen, not the popup refused.
    ['不要定制的授权弹窗，用微信标准的', 'sentry', {}],
  ]);
});

describe('a refusal that opens the reply is the item’s', () => {
  cases([
    ['监控不需要', 'sentry', { sentry: 'n/a' }],
    ['sentry 完全不需要', 'sentry', { sentry: 'n/a' }],
  ]);
});

describe('licences of another kind', () => {
  cases([
    ['商户号在申请，银行说还差开户许可证', 'merchant_account', { merchant_account: { status: 'applying' } }],
    [
      '有评论功能，许可证是 ICP经营许可证 沪B2-20210001',
      'ugc_license',
      {
        ugc_license: { has_ugc: true, licence: 'ICP经营许可证 沪B2-20210001' },
      },
    ],
  ]);
});

describe('"we do not need" in full', () => {
  cases([
    ['we do not need any service messages', 'service_messages', { service_messages: 'n/a' }],
    ['We do not need to change anything, the copy is fine', 'error_copywriting', {}],
  ]);
});

describe('an item deferred, then others answered', () => {
  // A list whose clause says it is not decided yet has no entries: the next item's label opens that item.
  cases([
    ['服务消息还没定，体验版名单：lin_qa01、zoe-pm88', undefined, { beta_whitelist: ['lin_qa01', 'zoe-pm88'] }],
    ['功能页面还没想好，体验者：lin_qa01', undefined, { beta_whitelist: ['lin_qa01'] }],
  ]);
  // An item's word, then "写错了，应该是": a label, as a colon would be.
  cases([['开发者明天发。类目写错了，应该是 餐饮 > 饮品', 'developers', { mp_category: '餐饮 > 饮品' }]]);
});

describe('not applicable, and not yet, in more words', () => {
  cases([
    ['附近的小程序总部不允许做', 'nearby_locations', { nearby_locations: 'n/a' }],
    ['我们不开放分享', 'sharing_flow', { sharing_flow: 'n/a' }],
    ['官网有评论区，小程序没有', 'ugc_license', { ugc_license: { has_ugc: false } }],
    ['类目老板在看', 'mp_category', {}],
  ]);
});

describe('after the second review', () => {
  // A word that is not the subject of its sentence names nothing ("开发者工具", "分享一下", "Beta build").
  cases([
    ['角色加好了。开发者工具里预览正常了', 'roles', { roles: 'done' }],
    ['角色都加好了。分享一下进度，首页已经做完了', 'roles', { roles: 'done' }],
    ['Roles done. Logo on the splash page is approved', 'roles', { roles: 'done' }],
    ['角色加好了。统计了一下，一共三个人，都加好了', 'roles', { roles: 'done' }],
    ['done. Tracking number is 12345, will be sent tomorrow', 'developers', {}],
  ]);
  // Another item's word with a custom or new before it still names it; a deadline is no status.
  cases([
    ['Custom permission page approved', 'sentry', { permission_page: 'done' }],
    ['New icon done', 'sentry', { app_icon: 'done' }],
    ['Icon approved by EOD', 'roles', {}],
    ['roles done, no custom icon', 'roles', { roles: 'done', app_icon: 'n/a' }],
  ]);
  cases([
    // A list after a status of its own item is that status's ("not added yet": nothing recorded).
    ['还没加，微信号：dev_zhao1、dev_qian2', 'developers', {}],
    ['企业主体，不是已认证的', 'enterprise_account', { enterprise_account: { registered: true, verified: false } }],
    ['先跳过，没有公众号', 'open_platform', { open_platform: 'n/a' }],
    ['icon 先跳过，不用着急，设计师下周回来', 'app_icon', {}],
    ['request domain cdn.acme.cn too. Beta ok', 'mp_url_whitelist', { mp_url_whitelist: { domains: ['cdn.acme.cn'] } }],
  ]);
});

describe('Open Platform registered and bound', () => {
  // Done, its App ID and secret asked next; with an ID named, the ID is the answer.
  cases([
    ['开放平台已经注册并绑定公众号了', 'open_platform', { open_platform: 'done' }],
    ['Open Platform: registered & bound to our OA ✅', 'open_platform', { open_platform: 'done' }],
    ['开放平台账号注册了，还没绑公众号', 'open_platform', {}],
    ['绑定了，appid 我明天让IT发你', 'open_platform', {}],
    ['开放平台之前别的供应商绑过，需要解绑吗？', 'open_platform', {}],
  ]);
});
