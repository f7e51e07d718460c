/**
 * Round 17 (issue 16): "does not apply" said in more words than the readers took, the account's halves ticked one by one,
 * a status said of the item that opens the message, and words taken back — found in corpora AW and AX (held-out-37,
 * -38) and in the misses of the training corpora, tested in phrasings of our own (docs/reader.md, "Round 17").
 */
import { describe } from 'vitest';
import { cases } from './rules-cases.js';

describe('no payments, said beside another answer', () => {
  // A clause that says the MP takes no payments is the merchant account's "does not apply", asked or not.
  cases([
    [
      'App ID 是 wx9a8b7c6d5e4f3a21。我们小程序不做线上支付',
      'app_id',
      { app_id: 'wx9a8b7c6d5e4f3a21', merchant_account: 'n/a' },
    ],
    [
      'category: Books & Media. no payments in the first version btw',
      'mp_category',
      {
        mp_category: 'Books & Media',
        merchant_account: 'n/a',
      },
    ],
    ["we don't want payments inside the mini program", 'merchant_account', { merchant_account: 'n/a' }],
  ]);
  cases([
    // No payments yet, with an account to come, is not "does not apply".
    [
      'App ID wx9a8b7c6d5e4f3a21, no payments yet but we will apply next month',
      'app_id',
      {
        app_id: 'wx9a8b7c6d5e4f3a21',
      },
    ],
  ]);
});

describe('what we would add, refused by its name', () => {
  cases([
    ['please no Sentry, our IT does not allow it', 'sentry', { sentry: 'n/a' }],
    ['we do not want Sentry at all', 'sentry', { sentry: 'n/a' }],
    ['不要 sentry，我们有自己的监控', 'sentry', { sentry: 'n/a' }],
  ]);
  cases([['Sentry is fine, go ahead', 'sentry', { sentry: 'done' }]]);
});

describe('nothing to bind on Open Platform', () => {
  cases([
    ['我们没有公众号', 'open_platform', { open_platform: 'n/a' }],
    ['不需要绑', 'open_platform', { open_platform: 'n/a' }],
    ["we don't have an official account, nothing to link", 'open_platform', { open_platform: 'n/a' }],
  ]);
  cases([
    // Not bound yet, or asked: nothing settled.
    ['公众号还没绑，下周弄', 'open_platform', {}],
    ['没有公众号的话还要绑吗？', 'open_platform', {}],
  ]);
});

describe('"n/a" for the UGC licence, in so many words', () => {
  cases([
    ['N/A', 'ugc_license', { ugc_license: 'n/a' }],
    ['UGC: not applicable', 'ugc_license', { ugc_license: 'n/a' }],
    // "None" is an answer about the content: no UGC.
    ['没有', 'ugc_license', { ugc_license: { has_ugc: false } }],
  ]);
});

describe('"does not apply" the readers did not take, for the one item asked', () => {
  cases([
    ['prod server n/a, you host it all', 'servers', { servers: 'n/a' }],
    ['不需要第三方统计', 'analytics_platform', { analytics_platform: 'n/a' }],
  ]);
  cases([
    // The accounts read their own "none"; a detail refused is not the item; a hand-back is no refusal.
    ['没有', 'merchant_account', {}],
    ['用这张图，圆角不用加', 'app_icon', {}],
  ]);
});

describe("the account's halves, ticked one by one", () => {
  cases([
    ['企业主体 yes，认证 yes', 'enterprise_account', { enterprise_account: { registered: true, verified: true } }],
    ['company yes, verified no', 'enterprise_account', { enterprise_account: { registered: true, verified: false } }],
    [
      'registered yes / verified yes',
      'enterprise_account',
      {
        enterprise_account: { registered: true, verified: true },
      },
    ],
    ['企业号 yes，认证还没有 😅', 'enterprise_account', { enterprise_account: { registered: true, verified: false } }],
    // "认证是…" is no yes: the sentence goes on.
    ['更正 小程序还没认证 之前说的认证是公众号的', 'enterprise_account', { enterprise_account: { verified: false } }],
    ['认证也办完了', 'enterprise_account', { enterprise_account: { verified: true } }],
  ]);
});

describe('the item that opens the message, with its status', () => {
  cases([
    ['403/401 重新登录我们测过了', 'sentry', { relogin_on_401_403: 'done' }],
    ['权限页设计稿 ok 了', 'wechat_auth', { permission_page: 'done' }],
    ['Relogin on 403 tested, all good', 'wechat_auth', { relogin_on_401_403: 'done' }],
  ]);
});

describe('words taken back', () => {
  cases([
    ['刚才说没有评论功能不对，其实有评论区', 'ugc_license', { ugc_license: { has_ugc: true } }],
    [
      "earlier I said pending, actually it's active: 1601234567",
      'merchant_account',
      {
        merchant_account: { status: 'active', merchant_id: '1601234567' },
      },
    ],
    // Taken back at the end: what comes before it is the answer.
    ['其实我们有用户评论的 之前说没有是错的', 'ugc_license', { ugc_license: { has_ugc: true } }],
  ]);
  cases([
    // A secret the client says was reset is nobody's now.
    ['旧的 secret 0123456789abcdef0123456789abcd12，这个已经重置作废了，新的稍后发', 'app_secret', {}],
  ]);
});

describe('later, and not done yet', () => {
  cases([
    ['icon approved, share copy coming Friday', undefined, { app_icon: 'done' }],
    ['类目等会儿说，App ID 先给你 wx9a8b7c6d5e4f3a21', 'mp_category', { app_id: 'wx9a8b7c6d5e4f3a21' }],
    // An invitation not accepted yet is not done.
    ['邀请发了，等他们在微信上点同意', 'roles', {}],
    ['invites sent, still needs confirming on their side', 'roles', {}],
  ]);
});

describe('the MP whitelist, named', () => {
  cases([
    ['小程序域名：api.acme-demo.cn', 'admin_url_whitelist', { mp_url_whitelist: { domains: ['api.acme-demo.cn'] } }],
    ['MP domains: api.acme-demo.cn', 'admin_url_whitelist', { mp_url_whitelist: { domains: ['api.acme-demo.cn'] } }],
  ]);
});

describe("the review's replies: what the new rules must not take", () => {
  cases([
    // No-payments words about something else, or denied.
    ['AppID wx9a8b7c6d5e4f3a21，支付不用你们操心，商户号我们自己配', 'app_id', { app_id: 'wx9a8b7c6d5e4f3a21' }],
    ['checked the whole checkout, no payment issues', 'relogin_on_401_403', {}],
    ['商户号在申请中，不是没有支付哈', 'merchant_account', { merchant_account: { status: 'applying' } }],
    // A detail of Sentry refused, not Sentry.
    ['no sentry alerts since launch, all quiet', 'sentry', {}],
    ['不要 sentry 邮件通知，sentry 本身要接的', 'sentry', {}],
    // Bound now, or something still to bind, or an account planned.
    ['之前没有公众号，上周注册了，已经绑好了', 'open_platform', { open_platform: 'done' }],
    ['开放平台绑好了，登录不用绑手机号', 'open_platform', { open_platform: 'done' }],
    ['没有公众号，但是我们的 App 要绑开放平台', 'open_platform', {}],
    ["we don't have an OA yet, registering one this week", 'open_platform', {}],
    // A refusal of our doing, of another thing, or for a while.
    ['不需要你们买服务器，我们自己有', 'servers', {}],
    ['不需要 CDN，就一台机器', 'servers', {}],
    ['prod server not needed until launch', 'servers', {}],
    // The tick and what is said after it; a condition.
    [
      'enterprise yes, verification yes but still under review',
      'enterprise_account',
      {
        enterprise_account: { registered: true, verified: false },
      },
    ],
    ['认证 ok 的话多久能上线', 'enterprise_account', {}],
    [
      'quick recap, correct me if wrong: we are verified',
      'enterprise_account',
      { enterprise_account: { verified: true } },
    ],
    // A user's avatar and nickname are no icon; a secret reset and given is the new one.
    ['头像 昵称授权我们测过了', 'wechat_auth', { wechat_auth: 'done' }],
    [
      'AppSecret 0123456789abcdef0123456789abcd12 已经重置了，用这个',
      'app_secret',
      {
        app_secret: '••••cd12',
      },
    ],
    // A review's complaint names no licence.
    [
      '商户号被驳回了，说经营类目和资质不符，正在重新提交',
      'merchant_account',
      {
        merchant_account: { status: 'applying' },
      },
    ],
    // "开发者的话" names the topic; it sets no condition.
    ['roles 还没弄好。开发者的话两个都绑好了', 'roles', { developers: 'done' }],
    // Nothing to bind, said twice over; an app to bind is something to bind.
    ['没有开放平台账号，也不需要绑公众号', undefined, { open_platform: 'n/a' }],
    ['open platform 不用，我们没有公众号，也没有 app', 'open_platform', { open_platform: 'n/a' }],
    ["we don't need to bind the OA", 'open_platform', { open_platform: 'n/a' }],
    // A refusal of a third-party thing is still the item's.
    ['no third-party analytics at all', 'analytics_platform', { analytics_platform: 'n/a' }],
  ]);
});

describe('smaller classes from AW and AX', () => {
  cases([
    // A status said before a label, in the same sentence, is not the labelled value's.
    [
      '商户号还在审核，类目我们选了 生活服务 > 家政',
      'merchant_account',
      {
        merchant_account: { status: 'applying' },
        mp_category: '生活服务 > 家政',
      },
    ],
    // "装修" in a page's name is no store under renovation.
    ['功能页就两个：装修报价、案例展示', 'functions_pages', { functions_pages: ['装修报价', '案例展示'] }],
    // Added as the list asked.
    ['已按清单添加好了：管理员、运营、开发', 'roles', { roles: 'done' }],
    ['popup 也看到了，头像昵称都能拿到', 'wechat_auth', { wechat_auth: 'done' }],
  ]);
});

describe('done, in the words of each item', () => {
  cases([
    // Sentry running: connected, live, its errors arriving.
    ['sentry 已经接好了，能收到报错', 'sentry', { sentry: 'done' }],
    ['fyi sentry is live, first errors coming in', undefined, { sentry: 'done' }],
    // Relogin and the auth popup seen working.
    ['重登录 ✅', 'relogin_on_401_403', { relogin_on_401_403: 'done' }],
    ['新包打开有授权弹窗了', undefined, { wechat_auth: 'done' }],
    // The whitelist's check passed.
    ['whitelist check ok now', 'mp_url_whitelist', { mp_url_whitelist: 'done' }],
    ['刚试了下 接口都通了', 'mp_url_whitelist', { mp_url_whitelist: 'done' }],
    // Roles set up as the list asked.
    ['All roles have been set up.', 'roles', { roles: 'done' }],
    ['roles assigned per your list', 'roles', { roles: 'done' }],
    ['角色设置完成', 'roles', { roles: 'done' }],
    // An ID list's item named, then only a mark.
    ['developers ✅', 'developers', { developers: 'done' }],
  ]);
  cases([
    // Not yet, or asked.
    ['sentry 还没接好，下周', 'sentry', {}],
    ['sentry 能收到报错了吗？', 'sentry', {}],
    // "the beta ✅" is the build, not its testers.
    ['confirmed, sentry reports errors from the beta ✅', undefined, { sentry: 'done' }],
  ]);
});

describe('a list of statuses, one mark each', () => {
  cases([
    [
      'roles ✅ devs ✅ beta: amy_wu88, bo_lin77',
      'roles',
      {
        roles: 'done',
        developers: 'done',
        beta_whitelist: ['amy_wu88', 'bo_lin77'],
      },
    ],
    [
      'verified ✅ merchant applying ⏳ developers added ✅',
      'enterprise_account',
      {
        enterprise_account: { verified: true },
        merchant_account: { status: 'applying' },
        developers: 'done',
      },
    ],
    ['icon ✅ 分享 ✅ 权限页 ❌ 还要改', 'app_icon', { app_icon: 'done', sharing_flow: 'done' }],
    // Cantonese "同" joins items that share one status.
    ['開發者同體驗者都加好晒', undefined, { developers: 'done', beta_whitelist: 'done' }],
  ]);
});

describe('a category after another answer', () => {
  cases([
    [
      '商户号已开通 1600998877，类目就选 零售-日用百货',
      'merchant_account',
      {
        merchant_account: { status: 'active', merchant_id: '1600998877' },
        mp_category: '零售-日用百货',
      },
    ],
    ['Roles added. Category is 教育 > 培训机构, approved.', 'roles', { roles: 'done', mp_category: '教育 > 培训机构' }],
  ]);
});

describe("which App ID, by the client's words", () => {
  cases([
    // The one described as this release's.
    [
      '我们有两个小程序：点餐 wx1a2b3c4d5e6f7081，积分商城 wx9a8b7c6d5e4f3a21，这次要上线的是点餐那个',
      'app_id',
      {
        app_id: 'wx1a2b3c4d5e6f7081',
      },
    ],
    // The description after its ID, in its own clause.
    [
      'wx1a2b3c4d5e6f7081 是积分商城的，wx9a8b7c6d5e4f3a21 是点餐的，这次上线的是积分商城那个',
      'app_id',
      {
        app_id: 'wx1a2b3c4d5e6f7081',
      },
    ],
    // The test one, bracketed with a "don't use"; a neighbour's; the real one after a sentence about the test one.
    [
      'AppID：wx1a2b3c4d5e6f7081（正式） / wx9a8b7c6d5e4f3a21（测试号，别用）',
      'app_id',
      { app_id: 'wx1a2b3c4d5e6f7081' },
    ],
    ['AppID wx1a2b3c4d5e6f7081，上面那个 wx9a8b7c6d5e4f3a21 是隔壁门店的', 'app_id', { app_id: 'wx1a2b3c4d5e6f7081' }],
    [
      'sorry, that was our test account. The real one is wx1a2b3c4d5e6f7081',
      'app_id',
      { app_id: 'wx1a2b3c4d5e6f7081' },
    ],
  ]);
  cases([
    // Two with no word for which: asked back, nothing recorded.
    ['wx1a2b3c4d5e6f7081 wx9a8b7c6d5e4f3a21', 'app_id', {}],
  ]);
});

describe("the account's certain half, and its status said on", () => {
  cases([
    // The half said for sure is kept; the other, hedged or to be checked, is not.
    [
      '主体是公司，认证我得问下财务，不确定认证做没做',
      'enterprise_account',
      { enterprise_account: { registered: true } },
    ],
    // A hedge that names nothing may be about the registration too: nothing is kept.
    ['主体是公司，认证我得问下财务，不确定做没做', 'enterprise_account', {}],
    [
      'Registered, yes. Verification - will check with IT',
      'enterprise_account',
      {
        enterprise_account: { registered: true },
      },
    ],
    // The verification's status in the clauses after its word.
    ['认证要老板刷脸，他在出差，暂时做不了', 'enterprise_account', { enterprise_account: { verified: false } }],
    ['认证你们说不是必须的，我们就没弄', 'enterprise_account', { enterprise_account: { verified: false } }],
  ]);
  cases([
    // A guess at whose account it is records nothing.
    ['应该是公司注册的吧，我不太清楚', 'enterprise_account', {}],
  ]);
});

describe("the second review's replies", () => {
  cases([
    // Not connected, about to be, or nothing arriving yet.
    ['sentry不用接入了', 'sentry', {}],
    ['Sentry准备接入了', 'sentry', {}],
    ['没收到报警邮件啊', 'sentry', {}],
    ['no events coming through yet', 'sentry', {}],
    // No popup is no popup; set up "after" is later; a thumbs-up only acknowledges; "the beta ✅" is the build.
    ['现在不会有弹窗了，直接进首页', 'wechat_auth', {}],
    ['角色设置完成后我通知你', 'roles', {}],
    ['开发者👍 晚上加', 'developers', {}],
    ['the beta ✅', 'developers', {}],
    // A check under a condition, or failing in part; a relogin guessed at.
    ['check ok 的话我再通知你', 'mp_url_whitelist', {}],
    ['只有首页加载出来了，其他页面还是空白', 'mp_url_whitelist', {}],
    ['重新登录也正常吧，我没细测', 'relogin_on_401_403', {}],
    // A hedge elsewhere in the sentence leaves the registration only when it names the verification; one that names
    // nothing may be about either half.
    ['公司主体，认证过了，不过认证我不太确定', 'enterprise_account', { enterprise_account: { registered: true } }],
    ['公司主体，认证过了，不过我不太确定', 'enterprise_account', {}],
    ['company account, verified, but let me double check', 'enterprise_account', {}],
    ['企业主体，不确定', 'enterprise_account', {}],
    ['company account. not 100% sure tho', 'enterprise_account', {}],
    // A description denied, or of an old version, chooses nothing.
    ['wx1a2b3c4d5e6f7081 不是点餐的，wx9a8b7c6d5e4f3a21 是积分的，这次上线的是点餐那个', 'app_id', {}],
    // Marks before the words belong to the word after them.
    ['✅ roles ❌ devs', 'roles', { roles: 'done' }],
    // UGC words with "有" inside other words, or refused, are no UGC.
    ["we don't have user comments", 'ugc_license', {}],
    // "Verification, ok will start it" is no yes.
    [
      'Company account, yes. Verification, ok will start it this week',
      'enterprise_account',
      {
        enterprise_account: { registered: true },
      },
    ],
  ]);
});

describe('each mark belongs to its own word', () => {
  cases([
    ['角色 ❌ 开发者 ✅', 'roles', { developers: 'done' }],
    ['❌ roles  ✅ devs', 'roles', {}],
    ['sentry ❌ 授权 ✅', 'sentry', {}],
    ['icon ❌ 分享 ✅', 'app_icon', { sharing_flow: 'done' }],
    // Whose account it is, marked unknown; "verified n/a" is no verification.
    ['认证✅ 企业主体❓', 'enterprise_account', { enterprise_account: { verified: true } }],
    [
      'not registered under company yet, verified n/a',
      'enterprise_account',
      {
        enterprise_account: { registered: false },
      },
    ],
  ]);
});
