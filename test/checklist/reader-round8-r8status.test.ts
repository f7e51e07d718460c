/**
 * Round 8 (issue 16), status words: what kind of answer a reply is — done, none, n/a, not yet, later, a question back
 * — in simplified and traditional Chinese, Cantonese and English. Phrasings of our own, not corpus H's
 * (docs/reader.md, "Round 8: status words").
 */
import { describe, expect, it } from 'vitest';
import { normalizeWithMap } from '../../src/checklist/parse/normalize.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};
const outcome = (text: string, item: ItemKey) => readByRules(text, { expected: [item] }).outcome;

describe('traditional characters and Cantonese read as Mandarin', () => {
  it('reads the account and merchant status in traditional characters', () => {
    expect(read('是用公司名義開的，還沒有申請認證', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('我們的商戶號還在審核，銀行說要一週', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying' },
    });
  });
  it('reads Cantonese status words: 搞掂 咗 冇 仲未 唔使 唔需要', () => {
    expect(read('公司主體，認證搞掂咗', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
    expect(read('我哋冇商戶號，仲未去申請', 'merchant_account')).toEqual({ merchant_account: { status: 'none' } });
    expect(read('冇用戶留言嘅功能', 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
    expect(read('呢個唔需要', 'service_messages')).toEqual({ service_messages: 'n/a' });
    expect(outcome('唔該，呢題跳過先', 'analytics_platform')).toBe('skip');
  });
  it('reads Cantonese in progress, done, later and how-to', () => {
    expect(read('商戶號申請緊', 'merchant_account')).toEqual({ merchant_account: { status: 'applying' } });
    expect(read('開發者嗰邊得咗', 'developers')).toEqual({ developers: 'done' });
    expect(read('權限整好咗喇', 'roles')).toEqual({ roles: 'done' });
    expect(read('門店地址遲啲畀你', 'nearby_locations')).toEqual({});
    expect(outcome('功能頁點整㗎', 'functions_pages')).toBe('question');
    expect(read('冇呀', 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
  });
  it('keeps the client’s own characters in a value', () => {
    expect(read('類目：餐飲 > 點心', 'mp_category')).toEqual({ mp_category: '餐飲 > 點心' });
    expect(normalizeWithMap('搞掂咗').text).toBe('搞定了');
  });
  it('does not read 仲 or 呢 as Cantonese where they are Mandarin', () => {
    expect(normalizeWithMap('仲裁').text).toBe('仲裁');
    expect(normalizeWithMap('还没弄好呢').text).toBe('还没弄好呢');
    expect(normalizeWithMap('加紧处理 喇叭').text).toBe('加紧处理 喇叭');
  });
});

describe('not done, not yet', () => {
  it('records nothing from 没弄好 / 没搞完 or "not <word> yet" (zh and en)', () => {
    expect(read('还是没弄好', 'app_icon')).toEqual({});
    expect(read('设计没搞完呢', 'permission_page')).toEqual({});
    expect(read('share copy not approved yet', 'sharing_flow')).toEqual({});
  });
  it('a done word still reads as done', () => {
    expect(read('已经弄好啦', 'developers')).toEqual({ developers: 'done' });
    expect(read('成员权限都设定好了', 'roles')).toEqual({ roles: 'done' });
  });
});

describe('later, not a value', () => {
  it('reads a promise to answer as later (zh and en)', () => {
    expect(outcome('门店地址我问下老板再回你', 'nearby_locations')).toBe('later');
    expect(outcome('页面名单本周内给', 'functions_pages')).toBe('later');
    expect(outcome('这个统计平台后面再聊', 'analytics_platform')).toBe('later');
    expect(read('the templates: we will decide after the pilot', 'template_ids')).toEqual({});
    expect(read('报错文案我们明天会回复', 'error_copywriting')).toEqual({});
  });
  it('reads "next question" as skip, and a how-to question as a question', () => {
    expect(read('下一题吧，这个要问老板', 'mp_category')).toEqual({});
    expect(outcome('这个咋设置啊', 'permission_page')).toBe('question');
  });
});

describe('does not apply', () => {
  it('reads a refusal in more words as n/a (zh and en)', () => {
    expect(read('附近门店不用弄，我们只有线上', 'nearby_locations')).toEqual({ nearby_locations: 'n/a' });
    expect(read('Sentry is not needed, we have our own monitoring', 'sentry')).toEqual({ sentry: 'n/a' });
    expect(read("We don't plan to use any analytics tool for now.", 'analytics_platform')).toEqual({
      analytics_platform: 'n/a',
    });
  });
  it('reads an opening refusal then its reason as n/a for copy items too', () => {
    expect(read('短信不需要，我们只发邮件', 'sms_template')).toEqual({ sms_template: 'n/a' });
    expect(read('分享不用，我们的内容都要登录', 'sharing_flow')).toEqual({ sharing_flow: 'n/a' });
  });
  it('reads no payments from 不搞 / 没打算做 payments, and keeps 还没开通 as none', () => {
    expect(read('不搞线上支付，到店付款', 'merchant_account')).toEqual({ merchant_account: 'n/a' });
    expect(read('我们没打算做支付', 'merchant_account')).toEqual({ merchant_account: 'n/a' });
    expect(read('还没开通支付', 'merchant_account')).toEqual({ merchant_account: { status: 'none' } });
  });
  it('does not take an emphatic "no, no" for an A-not-A question', () => {
    expect(read('没有没有，不收钱的', 'merchant_account')).toEqual({ merchant_account: 'n/a' });
    expect(outcome('有没有示例可以参考？', 'merchant_account')).toBe('question');
  });
});

describe('UGC said in other words', () => {
  it('reads no UGC from a negated users-posting phrase and a negated 涉及', () => {
    expect(read('没有让用户上传东西的地方', 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
    expect(read('我们这边不涉及', 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
    expect(read('涉及，有评论区', 'ugc_license')).toEqual({ ugc_license: { has_ugc: true } });
  });
  it('reads only what follows words the client takes back', () => {
    expect(read('刚才说没有UGC是我弄错了，其实有用户评论', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: true },
    });
    expect(read('之前说有评论是我记错了 其实没有', 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
  });
});

describe('enterprise account: guesses and the annual review', () => {
  it('records nothing when whose account it is, is guessed (en and zh)', () => {
    expect(read('I believe it was opened with my personal WeChat, not sure', 'enterprise_account')).toEqual({});
    expect(read('好像是老板个人注册的', 'enterprise_account')).toEqual({});
  });
  it('keeps a firm company with a guessed date, and reads a passed annual review as verified', () => {
    expect(read('公司主体的，认证审核中 下周应该能过', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('企业主体，年审已经过了', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
    expect(read('企业主体，年审刚过期', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
  });
});

describe('an OK to a task is not the task done', () => {
  it('reads "ok 👌" / 好的👌 to a task of the client as an acknowledgement', () => {
    expect(read('okay 👌', 'developers')).toEqual({});
    expect(read('好的👌', 'beta_whitelist')).toEqual({});
  });
  it('still reads a mark alone, a done word with a mark, and an OK to copy or to our work as done', () => {
    expect(read('✅', 'roles')).toEqual({ roles: 'done' });
    expect(read('都加好了 ok 👌', 'developers')).toEqual({ developers: 'done' });
    expect(read('ok 👌', 'error_copywriting')).toEqual({ error_copywriting: 'done' });
    expect(read('ok 👌', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
  });
});

describe('role names are roles', () => {
  it('reads a run of role names with their done word as the roles done (zh and en)', () => {
    expect(read('管理员、开发者、体验成员 全部配好了', 'roles')).toEqual({ roles: 'done' });
    expect(read('Admin, Data Analyst and Developer are set up', 'roles')).toEqual({ roles: 'done' });
  });
  it('does not read a role run as done when one is still missing', () => {
    expect(read('运营 开发者 加好了，体验成员还没加', 'roles')).toEqual({});
  });
});

describe('copy approved in other words', () => {
  it('reads OK啦 / OK的 / 确认OK / 照用 / "no change" as done', () => {
    expect(read('授权页文案OK的', 'permission_page')).toEqual({ permission_page: 'done' });
    expect(read('错误提示照用就行', 'error_copywriting')).toEqual({ error_copywriting: 'done' });
    expect(read('分享设计稿确认OK', 'sharing_flow')).toEqual({ sharing_flow: 'done' });
    expect(read('error copy fine, no change needed', 'error_copywriting')).toEqual({ error_copywriting: 'done' });
    expect(read('the logo files were emailed to your PM yesterday', 'app_icon')).toEqual({ app_icon: 'done' });
  });
  it('keeps a change as the copy, and a conditional OK as nothing approved', () => {
    expect(read('报错文案改成：网络不太好，请稍后再试', 'error_copywriting')).toEqual({
      error_copywriting: '网络不太好，请稍后再试',
    });
  });
});

describe('a value asked about, promised or awaiting someone is not given', () => {
  it('reads nothing from a value offered as "the format?" (en)', () => {
    expect(read('is wx5e8a1c3b7d9f2a04 the right format? I will look up ours', 'app_id')).toEqual({});
    expect(read('SMS_2233445566 is this the format? not applied yet', 'sms_template')).toEqual({});
    expect(read('SMS_2233445566, approved last week', 'sms_template')).toEqual({ sms_template: 'SMS_2233445566' });
  });
  it('reads no attempt at an App ID from a deferral after its label', () => {
    expect(read('App ID will come later this afternoon', 'app_id')).toEqual({});
    expect(Object.keys(read('AppID wx12ab', 'app_id'))).toEqual(['_invalid']);
  });
  it('reads a merchant number not yet handed over as nothing, not "none"', () => {
    expect(read('商户号财务那边还没发给我', 'merchant_account')).toEqual({});
    expect(read('还没有商户号', 'merchant_account')).toEqual({ merchant_account: { status: 'none' } });
  });
  it('records nothing for a number whose use still waits on someone’s confirmation', () => {
    expect(read('可以用总部的商户号 1612345678，但得等法务确认是否可以共用', 'merchant_account')).toEqual({});
    expect(read('商户号 1612345678，在等审核', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying', merchant_id: '1612345678' },
    });
    expect(read('商户号 1612345678', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1612345678' },
    });
  });
  it('reads "whether it is done" as not done (en)', () => {
    expect(read('no idea whether the developers have been added, ask Kim', 'developers')).toEqual({});
    expect(read('the developers have been added', 'developers')).toEqual({ developers: 'done' });
  });
  it('reads "verified on the test phones" as a test, not the WeChat verification', () => {
    expect(read('401/403: verified on our test phones', 'relogin_on_401_403')).toEqual({});
    expect(read('company account, verified in 2022', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
});
