/**
 * Classes of reading errors found on held-out corpus C (round 3), each with cases of our own wording (not
 * the corpus's): the general rule is tested, not the sentence that showed it. And the waiting reader.
 */
import { describe, expect, it } from 'vitest';
import { CHINA_CALENDAR } from '../../src/calendar/working-calendar.js';
import { readWaitingOn, readWhen, resolveWhen } from '../../src/checklist/parse/waiting.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, ...items: ItemKey[]) => {
  const { _intent, ...rest } = factsToJson(readByRules(text, { expected: items }));
  return rest;
};
const values = (text: string, ...items: ItemKey[]) => {
  const { _outcome, _invalid, _edit, ...rest } = read(text, ...items);
  return rest;
};

describe('a task for a colleague is not an answer, whatever it holds', () => {
  it('reads nothing from "@name 把/你/can you …"', () => {
    expect(values('@小王 你把商户号 1612345678 发一下给他们', 'merchant_account')).toEqual({});
    expect(values('@Ann could you send them our App ID wx5e6f7a8b9c0d1e2f', 'app_id')).toEqual({});
    expect(values('@运营 附近门店你整理一下：静安店、徐汇店', 'nearby_locations')).toEqual({});
  });
  it('still reads an answer addressed to the bot by name, with no task in it', () => {
    expect(values('@发布助手 AppID：wx5e6f7a8b9c0d1e2f', 'app_id')).toEqual({ app_id: 'wx5e6f7a8b9c0d1e2f' });
  });
});

describe('"does not apply" in English sentences', () => {
  it('reads n/a from "no … needed", "not using", "we don\'t …", "online only"', () => {
    expect(values('No SMS needed for this app.', 'sms_template')).toEqual({ sms_template: 'n/a' });
    expect(values('Not using any analytics tool for now', 'analytics_platform')).toEqual({ analytics_platform: 'n/a' });
    expect(values('We sell online only, no shops.', 'nearby_locations')).toEqual({ nearby_locations: 'n/a' });
    expect(values("Customers pay at the counter, the mini program won't take payments.", 'merchant_account')).toEqual({
      merchant_account: 'n/a',
    });
  });
});

describe('done, and not done', () => {
  it('a check mark or 👌 alone says done; a thumbs-up only acknowledges', () => {
    expect(values('✅', 'roles')).toEqual({ roles: 'done' });
    expect(values('好的 👌', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(values('👍', 'roles')).toEqual({});
  });
  it('"all … except X" and "还差一个" are not done', () => {
    expect(values('All roles added except the data analyst one', 'roles')).toEqual({});
    expect(values('角色都加了，还差运营者', 'roles')).toEqual({});
  });
  it('a label followed by a mark is done for that item', () => {
    expect(values('icon ✅ error copy ✅', 'app_icon', 'error_copywriting')).toEqual({
      app_icon: 'done',
      error_copywriting: 'done',
    });
  });
});

describe('a name, without what the client says around it', () => {
  it('drops the verb of choice and the remark after the name', () => {
    expect(values('We went with Travel > Hotels', 'mp_category')).toEqual({ mp_category: 'Travel > Hotels' });
    expect(values('Amplitude, our web team set it up last year', 'analytics_platform')).toEqual({
      analytics_platform: 'Amplitude',
    });
    expect(values('友盟+，账号回头发你', 'analytics_platform')).toEqual({ analytics_platform: '友盟+' });
  });
  it('takes the name switched to, not the one switched from', () => {
    expect(values('not Mixpanel any more — we moved to Amplitude this year', 'analytics_platform')).toEqual({
      analytics_platform: 'Amplitude',
    });
    expect(values('类目不是电商，是 生活服务 > 家政', 'mp_category')).toEqual({ mp_category: '生活服务 > 家政' });
  });
  it("keeps the name's own detail, and gives nothing back when the remark hands the choice to us", () => {
    expect(values('GrowingIO，项目ID 77aa88bb', 'analytics_platform')).toEqual({
      analytics_platform: 'GrowingIO，项目ID 77aa88bb',
    });
    expect(values('按营业执照来，你们帮我挑一个', 'mp_category')).toEqual({});
  });
});

describe('deferrals in so many words', () => {
  it('reads "I\'ll send …", "by Friday", "on leave until …", "周四回复" as later, not as copy', () => {
    expect(values("I'll send the share text on Friday", 'sharing_flow')).toEqual({});
    expect(values('Our designer is on leave until Monday.', 'app_icon')).toEqual({});
    expect(values('文案我们周四回复', 'error_copywriting')).toEqual({});
  });
});

describe('lists', () => {
  it('entries that name an event stay entries, and the limit applies to them', () => {
    expect(values('Order paid, Order shipped, Refund approved', 'service_messages')).toEqual({
      service_messages: ['Order paid', 'Order shipped', 'Refund approved'],
    });
    expect(read('Order paid, Order shipped, Refund approved, Review reminder', 'service_messages')._invalid).toEqual([
      expect.objectContaining({ key: 'service_messages' }),
    ]);
  });
  it('a sentence introducing the list is no entry', () => {
    expect(values('We have just one shop: 8 Nanjing Road, Shanghai', 'nearby_locations')).toEqual({
      nearby_locations: ['8 Nanjing Road, Shanghai'],
    });
  });
  it('"take X off the list" and "remove X and add Y instead" are edits', () => {
    expect(read('take dev_amy01 off the developer list', 'developers')._edit).toEqual([
      { item: 'developers', add: [], remove: ['dev_amy01'] },
    ]);
    expect(read('remove dev_amy01 and add dev_bob02 instead', 'developers')._edit).toEqual([
      { item: 'developers', add: ['dev_bob02'], remove: ['dev_amy01'] },
    ]);
  });
});

describe('two IDs where the client says which one counts', () => {
  it('drops the one they say to ignore or give another use', () => {
    expect(
      values('Live app: wx1111222233334444 (ignore wx5555666677778888, that is our staging one)', 'app_id'),
    ).toEqual({ app_id: 'wx1111222233334444' });
    expect(values('1600000001 是线下收银用的，小程序用 1600000002', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1600000002' },
    });
  });
});

describe('waiting on someone else', () => {
  const wed = { year: 2026, month: 11, day: 25 }; // a Wednesday
  it('names the party and the date as said', () => {
    expect(readWaitingOn('还在等微信审核')).toMatchObject({ party: 'review' });
    expect(readWaitingOn('申请中，在等银行回复，12月3号左右')).toMatchObject({
      party: 'bank',
      when: { kind: 'date', month: 12, day: 3 },
    });
    expect(readWaitingOn('our ICP filing is pending, maybe two weeks')).toMatchObject({
      party: 'icp',
      when: { kind: 'days', days: 14, working: false },
    });
    expect(readWaitingOn("we haven't applied yet")).toBeUndefined();
    expect(readWaitingOn('还没加，等我同事回来')).toBeUndefined();
  });
  it('resolves the date on the calendar', () => {
    expect(resolveWhen({ kind: 'weekday', weekday: 3, week: 1 }, wed, CHINA_CALENDAR)).toEqual({
      year: 2026,
      month: 12,
      day: 2,
    });
    expect(resolveWhen({ kind: 'weekday', weekday: 5, week: 0 }, wed, CHINA_CALENDAR)).toEqual({
      year: 2026,
      month: 11,
      day: 27,
    });
    expect(resolveWhen({ kind: 'days', days: 3, working: true }, wed, CHINA_CALENDAR)).toEqual({
      year: 2026,
      month: 11,
      day: 30,
    });
    expect(resolveWhen({ kind: 'day', day: 10 }, wed, CHINA_CALENDAR)).toEqual({ year: 2026, month: 12, day: 10 });
    expect(resolveWhen({ kind: 'date', month: 2, day: 30 }, wed, CHINA_CALENDAR)).toBeUndefined();
    expect(readWhen('下周五前应该可以')).toEqual({ kind: 'weekday', weekday: 5, week: 1 });
    expect(readWhen('by the 15th')).toEqual({ kind: 'day', day: 15 });
  });
  it('is an outcome of its own, for the item named where it is said', () => {
    const u = readByRules('商户号在等银行审批', { expected: ['app_id', 'merchant_account'] });
    expect(u.outcome).toBe('waiting');
    expect(u.waiting).toMatchObject({ key: 'merchant_account', party: 'bank' });
    expect(readByRules('在等腾讯审核', { expected: ['mp_category'] }).waiting).toMatchObject({
      key: 'mp_category',
      party: 'review',
    });
  });
});
