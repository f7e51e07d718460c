/**
 * Round 9, free-text values (category, analytics platform, sharing, permission page, error copy, the icon): how much
 * of a reply is the value. Each class tested with phrasings of our own, not corpus I's (docs/reader.md, "Round 9,
 * from corpus I" → "How much of a free-text reply is the value").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};

describe('the asked free text goes on over later sentences that name no other item', () => {
  it('keeps the sentences after a labelled copy (en, zh)', () => {
    expect(read('Share text: Join us this weekend! Image: the store front photo', 'sharing_flow')).toEqual({
      sharing_flow: 'Join us this weekend! Image: the store front photo',
    });
    expect(read('权限页：相册和定位。文案：用于上传头像和推荐附近门店', 'permission_page')).toEqual({
      permission_page: '相册和定位。文案：用于上传头像和推荐附近门店',
    });
  });
  it('stops where a sentence names another item', () => {
    expect(read('Analytics: Umeng. SMS: SMS_520011223', 'analytics_platform')).toEqual({
      analytics_platform: 'Umeng',
      sms_template: 'SMS_520011223',
    });
  });
  it("keeps a name's detail sentence with its address, which is no whitelist domain", () => {
    expect(read('GrowingIO. Dashboard URL https://www.growingio.com/p/77?tab=mp', 'analytics_platform')).toEqual({
      analytics_platform: 'GrowingIO. Dashboard URL https://www.growingio.com/p/77?tab=mp',
    });
  });
  it('drops a sentence that only signs off (zh, en)', () => {
    expect(read('类目：教育 > 早教。辛苦啦！', 'mp_category')).toEqual({ mp_category: '教育 > 早教' });
    expect(read('Analytics: Umeng. Let us know if anything is missing.', 'analytics_platform')).toEqual({
      analytics_platform: 'Umeng',
    });
  });
  it('still drops a deferral after a name, in its own sentence', () => {
    expect(read('Umeng. Our IT lead will send the login next week.', 'analytics_platform')).toEqual({
      analytics_platform: 'Umeng',
    });
  });
});

describe('quotes: which ones mark the copy', () => {
  it('keeps words after a straight single-quoted copy with it (en)', () => {
    expect(read("Error copy: 'Network is down. Try again.' on every page", 'error_copywriting')).toEqual({
      error_copywriting: "'Network is down. Try again.' on every page",
    });
    expect(read("Share copy: 'Hello spring', use the logo as the image", 'sharing_flow')).toEqual({
      sharing_flow: "'Hello spring', use the logo as the image",
    });
  });
  it('keeps a quote joined by "+" to its image whole (zh)', () => {
    expect(read('分享就写「周末一起来喝茶」+门店照片', 'sharing_flow')).toEqual({
      sharing_flow: '分享就写「周末一起来喝茶」+门店照片',
    });
  });
  it('gives the replacing copy when the old one is refused whole (zh, en)', () => {
    expect(read('别用「全场5折」了，换成「开业大吉」', 'sharing_flow')).toEqual({ sharing_flow: '开业大吉' });
    expect(read("Drop 'Save 20%', use 'Free delivery today' instead", 'sharing_flow')).toEqual({
      sharing_flow: 'Free delivery today',
    });
  });
  it('gives a name wholly in quotes without them', () => {
    expect(read('We went with "Education > Online courses"', 'mp_category')).toEqual({
      mp_category: 'Education > Online courses',
    });
    expect(read("We picked 'Retail > Shoes'", 'mp_category')).toEqual({ mp_category: 'Retail > Shoes' });
  });
});

describe('what is around a name and is not it', () => {
  it("drops a lead before a colon around the item's word (zh, en)", () => {
    expect(read('类目和营业执照上的一样：零售 > 服饰', 'mp_category')).toEqual({ mp_category: '零售 > 服饰' });
    expect(read('我们改了类目：教育 > 培训机构')).toEqual({ mp_category: '教育 > 培训机构' });
    expect(read('Our category changed: Retail > Clothing', 'mp_category')).toEqual({
      mp_category: 'Retail > Clothing',
    });
  });
  it('drops a status in brackets after it (zh, en)', () => {
    expect(read('服务类目：餐饮 > 茶饮（已提交）', 'mp_category')).toEqual({ mp_category: '餐饮 > 茶饮' });
    expect(read('类目：教育 > 培训机构 (approved)', 'mp_category')).toEqual({ mp_category: '教育 > 培训机构' });
  });
  it("drops a bracketed remark about another item's account", () => {
    expect(read('类目: 餐饮 > 饮品店 (merchant account is also catering)', 'mp_category')).toEqual({
      mp_category: '餐饮 > 饮品店',
    });
  });
  it('keeps "only" with the name: it says no other platform is used', () => {
    expect(read('只接友盟', 'analytics_platform')).toEqual({ analytics_platform: '只接友盟' });
    expect(read('就用小程序自带的We分析', 'analytics_platform')).toEqual({ analytics_platform: 'We分析' });
  });
});

describe('a status is no copy', () => {
  it('reads a file said sent or uploaded after its description as done (zh, en)', () => {
    expect(read('logo就用官网那个，已经上传到后台了', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('图标用门头照片那版（已发） 尺寸你们看着裁', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('Icon: the round version (uploaded)', 'app_icon')).toEqual({ app_icon: 'done' });
  });
  it('keeps a description alone as the icon', () => {
    expect(read('就用我们门店招牌的照片', 'app_icon')).toEqual({ app_icon: '就用我们门店招牌的照片' });
  });
  it('reads "read them, fine" after a label as approval (en, zh)', () => {
    expect(read("Permission page: we've checked it, looks good", 'permission_page')).toEqual({
      permission_page: 'done',
    });
    expect(read('报错文案：看过了，没意见', 'error_copywriting')).toEqual({ error_copywriting: 'done' });
  });
  it('reads a remark in brackets after a secret as no sharing copy', () => {
    expect(read('AppSecret: 0123456789abcdef0123456789abcdef (please do not share)')).toEqual({
      app_secret: '••••cdef',
    });
  });
});
