/**
 * IDs, the merchant account and licences (issue 16, round 9, from corpus I), each class with phrasings of our own:
 * tokens that look like one item's value but are another's or none (the merchant's API key, another platform's mini
 * program ID, the bot's example App ID quoted back), two IDs of which the words choose one, a category beside the
 * merchant account, a licence's own number, an 11-digit merchant ID after its label.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_APP_ID } from '../../src/checklist/rules.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...values } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return values;
};

const KEY = '9f8e7d6c5b4a39281706f5e4d3c2b1a0'; // 32 hex, the shape of an App secret

describe('a token of one shape that is another thing', () => {
  it.each([
    [`我们商户平台的 APIv3密钥：${KEY}`, 'merchant_account'],
    [`API v3 key is ${KEY}, do you need it?`, 'merchant_account'],
    [`支付密钥 ${KEY}`, 'app_secret'],
  ] as const)('the merchant’s API key is no App secret: "%s"', (text, item) => {
    expect(read(text, item)).toEqual({});
  });

  it('a correction after the merchant key still gives the App secret', () => {
    expect(read(`Oops, the first one was our merchant API key. The real AppSecret: ${KEY}`, 'app_secret')).toEqual({
      app_secret: '••••b1a0',
    });
  });

  it.each([
    'We also have an Alipay mini program ID: 2021009988776655',
    '我们抖音小程序的 AppID 是 tt5a6b7c8d9e0f1a2b',
    '支付宝小程序id 2021001122334455',
  ])('another platform’s mini program ID names nothing and is refused as nothing: "%s"', (text) => {
    expect(read(text)).toEqual({});
  });

  it('our own App ID beside the other platform’s is still read', () => {
    expect(read('支付宝小程序的是 2021001122334455，微信小程序AppID wx4e5f6a7b8c9d0e1f', 'app_id')).toEqual({
      app_id: 'wx4e5f6a7b8c9d0e1f',
    });
  });

  it('the bot’s example App ID quoted back while another item is asked is neither recorded nor refused', () => {
    expect(read(`AppID 早就给过了 ${EXAMPLE_APP_ID}`, 'app_secret')).toEqual({});
    expect(read(`AppID 早就给过了 ${EXAMPLE_APP_ID}`, 'merchant_account')).toEqual({});
  });

  it('while the App ID is asked, the example is still refused as the example', () => {
    expect(read(`AppID 早就给过了 ${EXAMPLE_APP_ID}`, 'app_id')).toEqual({
      _invalid: [expect.objectContaining({ key: 'app_id' })],
    });
  });
});

describe('two IDs in one message, the words choosing one', () => {
  it.each([
    ['wx1a2b3c4d5e6f7a8b (prod) / wx9f8e7d6c5b4a3928 (staging)', 'wx1a2b3c4d5e6f7a8b'],
    ['wx9f8e7d6c5b4a3928（测试号） wx1a2b3c4d5e6f7a8b', 'wx1a2b3c4d5e6f7a8b'],
  ])('a bracketed test or staging label rules its ID out: "%s"', (text, id) => {
    expect(read(text, 'app_id')).toEqual({ app_id: id });
  });

  it.each([
    ['商户号 1611112222\n抱歉 写错了 应该是 1611112233', '1611112233'],
    ['merchant ID 1633334444\nsorry, wrong one, it is 1633335555', '1633335555'],
    ['商户号刚才那个发错了，那是我们另一个品牌的，这个才是：1655556666', '1655556666'],
  ])('a merchant ID taken back gives the other, not "which one?": %j', (text, id) => {
    expect(read(text, 'merchant_account')).toEqual({ merchant_account: { status: 'active', merchant_id: id } });
  });
});

describe('a merchant ID and a category in one message', () => {
  it.each([
    ['商户号 1677778888 已开通，另外类目我们选的 教育 > 在线教育', '教育 > 在线教育'],
    [
      'Merchant ID 1677778888 is active; the category we registered is Education > Online Courses',
      'Education > Online Courses',
    ],
  ])('records both: "%s"', (text, category) => {
    expect(read(text, 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1677778888' },
      mp_category: category,
    });
  });

  it('a category word with no label and no chooser still names nothing while the merchant account is asked', () => {
    expect(read('商户号 1677778888 已开通，类目那个还在看', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1677778888' },
    });
  });
});

describe('a licence keeps its own number', () => {
  it.each([
    [
      '会员能发动态，我们持有网络文化经营许可证 京网文〔2021〕5678-123号',
      '网络文化经营许可证 京网文〔2021〕5678-123号',
    ],
    ['有点评功能，网络文化经营许可证 浙网文[2020]0099-010号', '网络文化经营许可证 浙网文[2020]0099-010号'],
    ['有用户评论，增值电信业务经营许可证号 苏B2-20190011', '增值电信业务经营许可证 苏B2-20190011'],
  ])('"%s"', (text, licence) => {
    expect(read(text, 'ugc_license')).toEqual({ ugc_license: { has_ugc: true, licence } });
  });
});

describe('an 11-digit number as the merchant ID', () => {
  it('right after the merchant-ID label it is a mistyped merchant ID, refused — not a phone number', () => {
    expect(read('商户号是 13512345678，已经开通了', 'merchant_account')).toEqual({
      _invalid: [expect.objectContaining({ key: 'merchant_account', input: '13512345678' })],
    });
  });

  it('a status beside the mistyped ID waits for the ID: only the refusal', () => {
    expect(read('merchant ID: 13512345678. It is active', 'merchant_account')).toEqual({
      _invalid: [expect.objectContaining({ key: 'merchant_account', input: '13512345678' })],
    });
  });

  it('anywhere else it is a phone number, no merchant ID', () => {
    expect(read('商户号的事找财务王姐 13512345678', 'merchant_account')).toEqual({});
    expect(read('商户号 13512345678', 'merchant_account')).toEqual({});
  });
});

describe('a dash joins two clauses like a comma', () => {
  it('the statement before the dash is read, the question after it asks back', () => {
    expect(read('有用户评论 — 要办什么证？', 'ugc_license')).toEqual({ ugc_license: { has_ugc: true } });
  });
});
