/**
 * Classes of wrong facts found on held-out corpus F (issue 16, round 6) for the account and ID items —
 * enterprise account, App ID and secret, merchant account, Open Platform, URL whitelist, templates, SMS
 * template, UGC licence, category — each tested with phrasings of our own, not the corpus's.
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey | ItemKey[] = []) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: [item].flat() }));
  return rest;
};

describe('the bot’s own example App ID is nobody’s', () => {
  it('is refused as the example when said alone, labelled or bare, in either language', () => {
    for (const text of ['wx0123456789abcdef', 'App ID: WX0123456789ABCDEF', '小程序AppID是 wx0123456789abcdef']) {
      const got = read(text, 'app_id');
      expect(got).toEqual({ _invalid: [expect.objectContaining({ key: 'app_id', input: expect.any(String) })] });
      expect(JSON.stringify(got)).toContain('only the example');
    }
  });
  it('is refused for Open Platform too, and never recorded while another item is asked', () => {
    expect(read('开放平台的 AppID wx0123456789abcdef', 'open_platform')).toEqual({
      _invalid: [expect.objectContaining({ key: 'open_platform' })],
    });
    expect(read('AppID wx0123456789abcdef', 'merchant_account')).not.toHaveProperty('app_id');
  });
  it('still lets the client’s own ID through when the example is quoted beside it', () => {
    expect(read('你们给的例子是 wx0123456789abcdef。我们自己的是 wx9c8b7a6f5e4d3c2b', 'app_id')).toEqual({
      app_id: 'wx9c8b7a6f5e4d3c2b',
    });
  });
});

describe('registration and verification of another account say nothing of this Mini Program', () => {
  it('drops what is said of the Official Account, Open Platform or another MP', () => {
    expect(read('服务号早就认证了，小程序这边我还不清楚', 'enterprise_account')).toEqual({});
    expect(read('Our other mini program is verified; no idea about this one.', 'enterprise_account')).toEqual({});
    expect(read('The open platform account is pending verification, should take a few days.', 'open_platform')).toEqual(
      {},
    );
    expect(read('旗下品牌的小程序是认证过的', 'developers')).toEqual({});
  });
  it('keeps a clause that names the Mini Program as well', () => {
    expect(read('小程序和公众号都是公司主体，都已认证', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
  it('reads nothing of "not registered yet": pending is not a personal account', () => {
    expect(read('The MP has not been registered yet, our OA is verified though.', 'enterprise_account')).toEqual({});
  });
});

describe('the verification, in the words clients use', () => {
  it('is not done when the client chose not to do it, or says not yet in English inside Chinese', () => {
    expect(read('主体是公司 认证的费用领导没批 暂时不认证', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('企业主体 ok，认证 pending，等财务付款', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
  });
  it('is done when it was done at a time in the past, or its annual review passed', () => {
    expect(read('主体是杭州某某贸易有限公司，认证是前年三月办的', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
    expect(read('公司主体，年审上个月通过了', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
  it('reads "N个人" as people, not as a personal account', () => {
    expect(read('公司号还没认证，先加这3个人', 'developers')).toMatchObject({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('我们几个人轮流管，主体是公司', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true },
    });
  });
  it('reads the statement before an emoji and a question back', () => {
    expect(read('现在挂在我个人名下🙈 以后能不能改成公司的？', 'enterprise_account')).toEqual({
      enterprise_account: { registered: false },
    });
  });
  it('keeps a clause with the item’s word with it, before another item’s keyword', () => {
    expect(read('1. 主体是公司，认证也搞定了 2. 商户号 1623456789', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
      merchant_account: { status: 'active', merchant_id: '1623456789' },
    });
  });
});

describe('an ID’s owner is the account named nearest before it', () => {
  it('reads the Mini Program’s ID said after the Official Account’s was withdrawn', () => {
    expect(read('之前那个是服务号的🙈 小程序是 wx3f4e5d6c7b8a9f0e', 'app_id')).toEqual({
      app_id: 'wx3f4e5d6c7b8a9f0e',
    });
    expect(read('发错了那是服务号的 小程序的 wx3f4e5d6c7b8a9f0e', 'app_id')).toEqual({ app_id: 'wx3f4e5d6c7b8a9f0e' });
  });
  it('still rules out the other account’s ID named after the Mini Program', () => {
    expect(read('小程序关联的公众号 wx3f4e5d6c7b8a9f0e', 'app_id')).toEqual({});
  });
});

describe('a value named as another kind of thing is none of our IDs', () => {
  it('reads no App ID out of a prepay ID, no secret out of a hash', () => {
    expect(read('支付回调里 prepay_id=wx26120514302201a7c3e9f0b8d1e2f30000 是不是跟AppID有关', 'app_id')).toEqual({});
    expect(
      read('sha256 checksum of the package: 9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e, secret comes later', 'app_secret'),
    ).toEqual({});
    expect(read('文件的MD5校验值 0a1b2c3d4e5f60718293a4b5c6d7e8f9 你们对一下', 'app_secret')).toEqual({});
  });
  it('reads no merchant status out of a payment’s order number, nor an ID out of a sum of money', () => {
    expect(
      read('test order no. 4200001234202612051234567890 was charged twice, no refund yet', 'merchant_account'),
    ).toEqual({});
    expect(read('商户号 1623456789，每天限额 20000 元', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1623456789' },
    });
    expect(read('merchant ID 1623456789, the daily limit is ¥50000 for now', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1623456789' },
    });
  });
  it('takes the Official Account’s merchant ID when the client says it is reused, never its App ID', () => {
    expect(read('沿用公众号那边的商户号 1587654321 就可以', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1587654321' },
    });
    expect(read('AppID 就用公众号的 wx7c6d5e4f3a2b1c0d', 'app_id')).toEqual({});
  });
  it('reads the ID after a merchant status even when a full stop follows it', () => {
    expect(read('WeChat Pay is live, number 1623456789. Anything else?', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1623456789' },
    });
  });
});

describe('the merchant account’s status, in more words', () => {
  it('is applying when the application was sent or sent back for changes', () => {
    expect(read('We filed the WeChat Pay application last week.', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying' },
    });
    expect(read('商户号申请被拒了，说门头照不合格，这周重新提交', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying' },
    });
  });
  it('is n/a when the MP takes no money', () => {
    expect(read('这个小程序不收钱，纯展示用', 'merchant_account')).toEqual({ merchant_account: 'n/a' });
  });
});

describe('the SMS template is its code, done or n/a — never other words', () => {
  it('reads no signature, phone number or other provider as the template', () => {
    expect(read('短信签名用【山野茶社】', 'sms_template')).toEqual({});
    expect(read('验证码发到这个手机号测试 13800138000', 'sms_template')).toEqual({});
    expect(read("We're on Huawei Cloud SMS, not AliCloud.", 'sms_template')).toEqual({});
  });
  it('keeps the code without the sentence’s full stop, and drops another project’s code', () => {
    expect(read('Approved today, the code is SMS_312345678.', 'sms_template')).toEqual({
      sms_template: 'SMS_312345678',
    });
    expect(read('SMS_398765432 is from our last project, the new one is still in review', 'sms_template')).toEqual({});
    expect(read('上个项目的 SMS_398765432 别管，新模板还在审', 'sms_template')).toEqual({});
  });
  it('is done when its approval came through — not waiting on the review', () => {
    const u = readByRules('模板批下来了，审核已通过', { expected: ['sms_template'] });
    expect(factsToJson(u)).toEqual({ sms_template: 'done' });
    expect(u.waiting).toBeUndefined();
  });
});

describe('the category is the name, without what is said around it', () => {
  it('drops a lead that says it is the one chosen, kept or done', () => {
    expect(read('类目这块我们报的是 餐饮 > 茶饮', 'mp_category')).toEqual({ mp_category: '餐饮 > 茶饮' });
    expect(read('category 还是选 教育 > 培训机构', 'mp_category')).toEqual({ mp_category: '教育 > 培训机构' });
    expect(read('the category is actually Travel > Hotels, not Tourism', 'mp_category')).toEqual({
      mp_category: 'Travel > Hotels',
    });
  });
  it('drops a header before the label, a qualifier of the label, a "for now" and a remark about registering', () => {
    expect(read('Answers from marketing: category is Retail > Books', 'mp_category')).toEqual({
      mp_category: 'Retail > Books',
    });
    expect(read('Business category: Sports > Fitness', 'mp_category')).toEqual({ mp_category: 'Sports > Fitness' });
    expect(read('we chose 商业服务-法律咨询 for the moment', 'mp_category')).toEqual({
      mp_category: '商业服务-法律咨询',
    });
    expect(read('类目是 医疗器械 注册小程序那会儿就定了', 'mp_category')).toEqual({ mp_category: '医疗器械' });
  });
  it('keeps a word of another item glued inside the name after its label', () => {
    expect(read('服务类目 商业服务-企业咨询', 'mp_category')).toEqual({ mp_category: '商业服务-企业咨询' });
  });
  it('reads nothing from a question about which category, the licence’s business scope, or waiting on someone', () => {
    expect(read('我们做宠物寄养和美容 类目选哪个合适？', 'mp_category')).toEqual({});
    expect(read('营业执照上的经营范围是 餐饮管理、食品销售', 'mp_category')).toEqual({});
    expect(read('类目等财务确认', 'mp_category')).toEqual({});
  });
});

describe('UGC and its licence, in more words', () => {
  it('reads users’ posts said with 用户, with spaces, and none in this phase', () => {
    expect(read('有用户点评，许可证在办', 'ugc_license')).toEqual({ ugc_license: { has_ugc: true } });
    expect(read('有 UGC 的，评论区', 'ugc_license')).toEqual({ ugc_license: { has_ugc: true } });
    expect(read('只是展示商品，没有用户评论也没有上传什么的', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: false },
    });
    expect(read('UGC 后面再规划，这期不涉及', 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
  });
  it('keeps the licence’s number and its name in both languages as written', () => {
    expect(read('有UGC，EDI许可证 粤B2-20190456', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: true, licence: 'EDI许可证 粤B2-20190456' },
    });
    expect(
      read('Users post reviews. We have an EDI Licence (在线数据处理与交易处理业务许可证).', 'ugc_license'),
    ).toEqual({
      ugc_license: { has_ugc: true, licence: 'EDI Licence (在线数据处理与交易处理业务许可证)' },
    });
  });
  it('reads no UGC licence from the ICP filing named as a licence', () => {
    expect(read('ICP license 京ICP备2019034567号-2, domain shop.example-brand.cn', 'admin_url_whitelist')).toEqual({
      admin_url_whitelist: { domains: ['shop.example-brand.cn'], icp: '京ICP备2019034567号-2' },
    });
  });
});

describe('the admin URL whitelist', () => {
  it('is n/a when the MP opens no outside page', () => {
    expect(read('我们小程序不跳转外部网页', 'admin_url_whitelist')).toEqual({ admin_url_whitelist: 'n/a' });
    expect(read('小程序里不跳转到外部', 'admin_url_whitelist')).toEqual({ admin_url_whitelist: 'n/a' });
  });
});

describe('a limit the same message sets applies at once', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `qa_tester${i + 10}`).join(', ');
  it('refuses 12 developers with the account said to be unverified, keeps them when it is verified', () => {
    expect(read(`还没做微信认证，开发者先加这12个：${ids}`, 'developers')).toEqual({
      enterprise_account: { verified: false },
      _invalid: [expect.objectContaining({ key: 'developers' })],
    });
    expect(read(`Verified company account. Developers: ${ids}`, 'developers')).toMatchObject({
      enterprise_account: { registered: true, verified: true },
      developers: expect.arrayContaining(['qa_tester10', 'qa_tester21']),
    });
  });
});
