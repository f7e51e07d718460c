/**
 * IDs and account answers (issue 16, round 8, from corpus H), each class with phrasings of our own: an arrow that
 * replaces one ID with another, an ID said to be for the shop's till, a value offered as "the format", an App ID
 * "sent tomorrow", a merchant ID still to be passed on, a value waiting for someone's confirmation.
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey) => {
  const { _intent, _outcome, ...values } = factsToJson(readByRules(text, { expected: [item] }));
  return values;
};

describe('the client replaces one ID with another', () => {
  it.each([
    ['wx1111aaaa2222bbbb -> wx3333cccc4444dddd 之前那个打错了', 'wx3333cccc4444dddd'],
    ['AppID: wx5555eeee6666ffff → wx7777aaaa8888bbbb', 'wx7777aaaa8888bbbb'],
  ])('"%s" gives the one after the arrow', (text, id) => {
    expect(read(text, 'app_id')).toEqual({ app_id: id });
  });

  it('a merchant ID "for our till" is not the MP’s; the one to bind is', () => {
    expect(read('1612345678是我们线下收银用的，小程序绑 1698765432', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1698765432' },
    });
  });
});

describe('a value offered as a format is no answer', () => {
  it.each([
    ['wx9a8b7c6d5e4f3a2b is that the format you mean? ours is in the admin, I will look', 'app_id'],
    ['Is SMS_33445566 the right format? not applied yet', 'sms_template'],
  ] as const)('"%s"', (text, item) => {
    expect(read(text, item)).toEqual({});
  });

  it('an ID given with a question about something else is still read', () => {
    expect(read('wx9a8b7c6d5e4f3a2b 是我们的，secret 去哪里找？', 'app_id')).toEqual({ app_id: 'wx9a8b7c6d5e4f3a2b' });
  });
});

describe('an App ID promised, not tried', () => {
  it.each(['I will send the App ID tomorrow', 'App ID later today, the admin is in a meeting'])('"%s"', (text) => {
    expect(factsToJson(readByRules(text, { expected: ['app_id'] }))._invalid).toBeUndefined();
  });

  it('a try with digits is still refused with its reason', () => {
    expect(factsToJson(readByRules('App ID: wx12ab34', { expected: ['app_id'] }))._invalid).toHaveLength(1);
  });
});

describe('the merchant account: a number to come, or a choice waiting for someone', () => {
  it.each([
    '商户号财务还没发给我，拿到马上转你',
    "finance hasn't sent me the merchant ID yet",
    '准备用总部那个商户号 1634567890，还要等法务确认能不能共用',
    'merchant ID 1634567890 (TBC with our finance team)',
  ])('"%s" records nothing', (text) => {
    expect(read(text, 'merchant_account')).toEqual({});
  });

  it.each([
    ['还没有商户号', { status: 'none' }],
    ['merchant ID 1634567890, still pending approval', { status: 'applying', merchant_id: '1634567890' }],
  ])('"%s" still says its status', (text, account) => {
    expect(read(text, 'merchant_account')).toEqual({ merchant_account: account });
  });

  it('"显示待确认" after adding developers is their invitation, not a hedge', () => {
    expect(read('都已经添加了，页面显示待确认', 'developers')).toEqual({ developers: 'done' });
  });
});

describe('an entry dropped and replaced in one breath', () => {
  it('"<id> 这个不用了，换成 <id>" removes the one and adds the other', () => {
    const { _edit } = factsToJson(
      readByRules('lily_w88 这个不用了，换成 lily_w2024', { expected: ['beta_whitelist'] }),
    );
    expect(_edit).toEqual([{ item: 'beta_whitelist', add: ['lily_w2024'], remove: ['lily_w88'] }]);
  });
});

describe('a removal, then what comes instead in its own clause', () => {
  it.each([
    ['服务消息去掉「到店提醒」，换成「积分变动通知」', 'service_messages', ['积分变动通知'], ['到店提醒']],
    ['remove order_dev01 from developers, replace it with order_dev02', 'developers', ['order_dev02'], ['order_dev01']],
  ] as const)('"%s"', (text, item, add, remove) => {
    expect(factsToJson(readByRules(text, { expected: [item] }))._edit).toEqual([{ item, add, remove }]);
  });
});
