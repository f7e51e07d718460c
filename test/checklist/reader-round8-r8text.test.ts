/**
 * Round 8, free-text values (servers, category, analytics platform, sharing, permission page, error copy, the UGC
 * licence): which part of the reply is the value. Each class tested with phrasings of our own, not corpus H's
 * (docs/reader.md, "Round 8, free-text values").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};

describe('item names in traditional Chinese are labels', () => {
  it('reads a traditional label like its simplified one (zh-Hant)', () => {
    expect(read('類目：零售 > 服飾', 'mp_category')).toEqual({ mp_category: '零售 > 服飾' });
    expect(read('授權頁文字：登入後可查看您的會員積分', 'permission_page')).toEqual({
      permission_page: '登入後可查看您的會員積分',
    });
    expect(read('分享語：週末來店有驚喜', 'sharing_flow')).toEqual({ sharing_flow: '週末來店有驚喜' });
  });
  it('a label that names the whole item ("Analytics platform:") goes (en)', () => {
    expect(read('Analytics platform: GrowingIO, project 7c1d', 'analytics_platform')).toEqual({
      analytics_platform: 'GrowingIO, project 7c1d',
    });
  });
});

describe('servers: a lead that only says what was asked goes', () => {
  it('drops the bare name and a verb of use (zh, zh-Hant)', () => {
    expect(read('服务器用华为云 北京四区，运维外包给了友商', 'servers')).toEqual({
      servers: '华为云 北京四区，运维外包给了友商',
    });
    expect(read('伺服器我們用 GCP 台灣區', 'servers')).toEqual({ servers: 'GCP 台灣區' });
  });
  it('keeps "服务器用你们的" whole (handed back) and a lead that says which server with a verb', () => {
    expect(read('服务器用你们的吧', 'servers')).toEqual({});
    expect(read('正式服务器用我们自己的华为云 广州', 'servers')).toEqual({
      servers: '正式服务器用我们自己的华为云 广州',
    });
  });
  it('drops a colon label naming the prod server when no other server is spoken of (en, zh)', () => {
    expect(read('Production server: Huawei Cloud Guangzhou, 8 vCPU', 'servers')).toEqual({
      servers: 'Huawei Cloud Guangzhou, 8 vCPU',
    });
    expect(read('生产服务器：腾讯云 成都 2核4G', 'servers')).toEqual({ servers: '腾讯云 成都 2核4G' });
  });
  it('keeps it beside another server, and keeps "prod =" (corpora E, F)', () => {
    expect(read('Prod server: Huawei Cloud Guangzhou. Staging can live on yours.', 'servers')).toEqual({
      servers: 'Prod server: Huawei Cloud Guangzhou. Staging can live on yours.',
    });
    expect(read('prod = Huawei Cloud Guangzhou', 'servers')).toEqual({ servers: 'prod = Huawei Cloud Guangzhou' });
  });
  it('a pointer and a correction before the colon go; 改用 gives the new one (zh)', () => {
    expect(read('服务器这条纠正一下：正式环境改用腾讯云 南京', 'servers')).toEqual({ servers: '腾讯云 南京' });
  });
});

describe('a single quoted value inside a framing sentence is the value', () => {
  it('category chosen in quotes (zh, zh-Hant)', () => {
    expect(read('类目就填「医疗 > 药店」', 'mp_category')).toEqual({ mp_category: '医疗 > 药店' });
    expect(read('我們類目揀「旅遊 > 旅行社」', 'mp_category')).toEqual({ mp_category: '旅遊 > 旅行社' });
  });
  it('sharing copy framed by what it shows (zh)', () => {
    expect(read('转发出去就显示“新会员首单8折”就好', 'sharing_flow')).toEqual({ sharing_flow: '新会员首单8折' });
  });
  it('not when the frame denies or asks, nor when more than a closing word follows', () => {
    expect(read('类目不选「零售」', 'mp_category')).toEqual({});
    expect(read('类目选「餐饮 > 快餐」，不过要先补食品许可证', 'mp_category')).not.toEqual({
      mp_category: '餐饮 > 快餐',
    });
  });
  it('a copy after a colon that says which copy keeps its lead (corpora A, B)', () => {
    expect(read('商品页分享：「好货分享给你」', 'sharing_flow')).toEqual({
      sharing_flow: '商品页分享：「好货分享给你」',
    });
  });
});

describe('copy: leads of the copy name, a pointer and a verb go', () => {
  it('"<copy> for the <page> page:" and "那句话换一下：" (en, zh)', () => {
    expect(read('Share title for the booking page: Your seat is saved', 'sharing_flow')).toEqual({
      sharing_flow: 'Your seat is saved',
    });
    expect(read('授权页那句话改一下：需要您的位置来推荐附近的店', 'permission_page')).toEqual({
      permission_page: '需要您的位置来推荐附近的店',
    });
  });
  it('a lead that says which error stays (corpora A, C)', () => {
    expect(read('网络超时那条改成：网络有点慢，请稍后再试', 'error_copywriting')).toEqual({
      error_copywriting: '网络超时那条改成：网络有点慢，请稍后再试',
    });
  });
});

describe('names: corrections, who decided, particles', () => {
  it('a correction gives the corrected name; owning a mistake alone gives none (en, zh)', () => {
    expect(read('My bad, the category was wrong. It should be Retail > Books.', 'mp_category')).toEqual({
      mp_category: 'Retail > Books',
    });
    expect(read('Oops, I gave you the wrong category before.', 'mp_category')).toEqual({});
    expect(read('统计换成诸葛io了', 'analytics_platform')).toEqual({ analytics_platform: '诸葛io' });
  });
  it('who decided goes; hearsay and a bare denial give nothing (zh)', () => {
    expect(read('店长说选 生活服务 > 洗衣', 'mp_category')).toEqual({ mp_category: '生活服务 > 洗衣' });
    expect(read('听说类目用零售的多', 'mp_category')).toEqual({});
    expect(read('类目不是教育', 'mp_category')).toEqual({});
  });
  it('a category said aloud, parent then child, is the path (zh)', () => {
    expect(read('类目的话就是医疗然后下面是药店', 'mp_category')).toEqual({ mp_category: '医疗 > 药店' });
    expect(read('一级是教育，二级是职业培训', 'mp_category')).toEqual({ mp_category: '教育 > 职业培训' });
  });
  it('a name ending in a character that is also a word keeps it', () => {
    expect(read('金融业 > 银行', 'mp_category')).toEqual({ mp_category: '金融业 > 银行' });
  });
});

describe('analytics: which product, when the reply names more than one thing', () => {
  it('a denial of another kind is not a denial of the product used (zh)', () => {
    expect(read('不接第三方统计，用腾讯有数就够了', 'analytics_platform')).toEqual({ analytics_platform: '腾讯有数' });
  });
  it("of two products, the mini program's (en, zh)", () => {
    expect(read('Mixpanel on our web shop, and for the mini program GrowingIO', 'analytics_platform')).toEqual({
      analytics_platform: 'GrowingIO',
    });
    expect(read('APP用友盟，小程序用神策', 'analytics_platform')).toEqual({ analytics_platform: '神策' });
  });
  it('two products with no channel and no decision give nothing', () => {
    expect(read('Mixpanel or Umeng, still open', 'analytics_platform')).toEqual({});
  });
});

describe('UGC licence: its number belongs to it', () => {
  it('the number later in the sentence or in a clause of its own (zh)', () => {
    expect(read('有评论，ICP经营许可证有的，编号京B2-20190123', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: true, licence: 'ICP经营许可证 京B2-20190123' },
    });
  });
  it('an English name with its number in brackets (en)', () => {
    expect(read('Users can post reviews. We have an ICP operating licence (浙B2-20200456).', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: true, licence: 'ICP operating licence (浙B2-20200456)' },
    });
  });
  it('a licence right after a denial is not held (en, zh)', () => {
    expect(read("Users can comment, but we don't have an ICP licence", 'ugc_license')).toEqual({
      ugc_license: { has_ugc: true },
    });
    expect(read('有评论，还没有ICP许可证', 'ugc_license')).toEqual({ ugc_license: { has_ugc: true } });
  });
});
