/**
 * Round 13 (issue 16): the rules' share of the round — reader errors found on corpus R once it was tuned on, tested
 * in phrasings of our own (docs/reader.md, "Round 13"). The gate over the rules has its own tests (gate.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { readByRules } from '../../src/checklist/understand.js';
import { cases } from './rules-cases.js';

describe('not needed, in more words', () => {
  cases([
    ['we won’t be using Sentry', 'sentry', { sentry: 'n/a' }],
    ["We won't need the Open Platform", 'open_platform', { open_platform: 'n/a' }],
    ['No physical locations, we are app-only', 'nearby_locations', { nearby_locations: 'n/a' }],
    ['门店这块我们不要', 'nearby_locations', { nearby_locations: 'n/a' }],
    ['服务消息一个都不要', 'service_messages', { service_messages: 'n/a' }],
    ['不要 Sentry，数据不出境', 'sentry', { sentry: 'n/a' }],
  ]);
  // A time after it makes it later, not "does not apply".
  cases([["we won't use sentry until next year", 'sentry', {}]]);
  it('a list entry dropped ("排队提醒不要了") is an edit of the list, not the item not needed', () => {
    const u = readByRules('排队提醒不要了', { expected: ['service_messages'] });
    expect(u.facts).toEqual([]);
    expect(u.edits).toEqual([{ key: 'service_messages', add: [], remove: ['排队提醒'] }]);
  });
});

describe('done, in more words', () => {
  cases([
    ['alerts are coming through now', 'sentry', { sentry: 'done' }],
    ['tried it, looks like it’s working', 'relogin_on_401_403', { relogin_on_401_403: 'done' }],
    ['登录过期重登已测通过', 'relogin_on_401_403', { relogin_on_401_403: 'done' }],
    ['token 过期会自动重新登录，测了一下，正常', 'relogin_on_401_403', { relogin_on_401_403: 'done' }],
    ['报错文案不用改，就按你们写的', 'error_copywriting', { error_copywriting: 'done' }],
  ]);
  cases([
    ["it's not working yet", 'relogin_on_401_403', {}],
    ['正常吗？', 'relogin_on_401_403', {}],
  ]);
});

describe('a category path, without the verb or the remark around it', () => {
  cases([
    ['We put Retail > Apparel', 'mp_category', { mp_category: 'Retail > Apparel' }],
    ['we set it to Education > Training', 'mp_category', { mp_category: 'Education > Training' }],
    ['就选 生活服务 > 家政 吧，我们也做保洁', 'mp_category', { mp_category: '生活服务 > 家政' }],
    [
      'We are a franchise — so the category should follow head office: Food & Beverage > Coffee',
      'mp_category',
      { mp_category: 'Food & Beverage > Coffee' },
    ],
  ]);
});

describe('a Chinese address keeps no English remark in brackets', () => {
  cases([
    [
      '深圳市南山区科技园路1号 (flagship), 深圳市福田区福华路3号 (opens in May)',
      'nearby_locations',
      { nearby_locations: ['深圳市南山区科技园路1号', '深圳市福田区福华路3号'] },
    ],
    ['杭州市西湖区文三路9号（B1层）', 'nearby_locations', { nearby_locations: ['杭州市西湖区文三路9号（B1层）'] }],
    [
      'Pacific Place (Admiralty), Times Square (Causeway Bay)',
      'nearby_locations',
      { nearby_locations: ['Pacific Place (Admiralty), Times Square (Causeway Bay)'] },
    ],
  ]);
});

describe('a value taken back as soon as it is said', () => {
  cases([
    [
      'Merchant is active, ID 1612345678… wait no, that one is our old POS, I will find the right one',
      'merchant_account',
      { merchant_account: { status: 'active' } },
    ],
    ['wx5e6f7a8b9c0d1e2f, no wait, it is wx1a2b3c4d5e6f7a8b', 'app_id', { app_id: 'wx1a2b3c4d5e6f7a8b' }],
    ['wx5e6f7a8b9c0d1e2f 哦不对 这个是测试号', 'app_id', {}],
    ['wx5e6f7a8b9c0d1e2f 对不对？', 'app_id', {}],
  ]);
});
