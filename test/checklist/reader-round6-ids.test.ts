/**
 * Classes of wrong facts found on held-out corpus F (issue 16, round 6) for the account and ID items —
 * enterprise account, App ID and secret, merchant account, Open Platform, URL whitelist, templates, SMS
 * template, UGC licence, category — each tested with phrasings of our own, not the corpus's.
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, understand } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey | ItemKey[] = []) => {
  const { _intent, _outcome, ...rest } = factsToJson(understand(text, { expected: [item].flat() }));
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
