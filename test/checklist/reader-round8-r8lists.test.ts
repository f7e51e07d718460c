/**
 * List items and list edits, classes found on corpus H (issue 16, round 8), each tested with phrasings of our own,
 * not the corpus's (docs/reader.md, "Round 8, from corpus H": lists and list edits).
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};
const edits = (text: string, item: ItemKey) =>
  readByRules(text, { expected: [item] }).edits.map((e) => ({ item: e.key, add: e.add, remove: e.remove }));

describe('WeChat-ID lists', () => {
  it('keeps an entry written with a dot (name.surname) as written, so the store can refuse it with its reason', () => {
    expect(read('体验者：\n- amy_rd\n- kevin.wu\n- sam-ops', 'beta_whitelist')).toEqual({
      beta_whitelist: ['amy_rd', 'kevin.wu', 'sam-ops'],
    });
    expect(read('The developers are lena_fe, marco.ri and ivy_be, all in Shanghai.', 'developers')).toEqual({
      developers: ['lena_fe', 'marco.ri', 'ivy_be'],
    });
  });
  it('does not take a domain or an abbreviation for a dotted ID', () => {
    expect(read('testers: jo_k88 and pat_w01 (see docs.acme.cn)', 'beta_whitelist')).toEqual({
      beta_whitelist: ['jo_k88', 'pat_w01'],
    });
    expect(read('e.g. they are nina_qa, ray_ops', 'beta_whitelist')).toEqual({
      beta_whitelist: ['nina_qa', 'ray_ops'],
    });
  });
  it('reads the ID in brackets after a person, not the words naming them (en, zh)', () => {
    expect(read('beta: me (oliverchan) and our designer (mei_design)', 'beta_whitelist')).toEqual({
      beta_whitelist: ['oliverchan', 'mei_design'],
    });
    expect(read('体验者：产品经理（pm_lucas）、Grace (grace_hk)', 'beta_whitelist')).toEqual({
      beta_whitelist: ['pm_lucas', 'grace_hk'],
    });
  });
  it('keeps the ID before a bracket that says who that is, and takes no role word for an ID', () => {
    expect(read('beta: tina_88 (intern), rob_77', 'beta_whitelist')).toEqual({ beta_whitelist: ['tina_88', 'rob_77'] });
    expect(read('beta: Ken (designer), rob_77', 'beta_whitelist')).toEqual({ beta_whitelist: ['rob_77'] });
  });
  it("puts the speaker's own ID, given after the list, where they named themselves", () => {
    expect(read('体验版：我、Tony (tony_sh)，我的微信号是 ada_lin', 'beta_whitelist')).toEqual({
      beta_whitelist: ['ada_lin', 'tony_sh'],
    });
    expect(read('beta: me and kim_qa — mine is paul_w9', 'beta_whitelist')).toEqual({
      beta_whitelist: ['paul_w9', 'kim_qa'],
    });
  });
  it('reads IDs followed by "就行" as the list, and "…就行" with no ID still as done', () => {
    expect(read('体验版加 fei_01;lan_02 两个人就行', 'beta_whitelist')).toEqual({
      beta_whitelist: ['fei_01', 'lan_02'],
    });
    expect(read('邀请已经发了，你们点一下接受就行', 'developers')).toEqual({ developers: 'done' });
  });
  it("takes no plain word left over beside IDs read under the item's name", () => {
    expect(
      read('Sorry, the earlier list was wrong. For this MP the developers are: han_dev and zoe-fe.', 'developers'),
    ).toEqual({ developers: ['han_dev', 'zoe-fe'] });
    // A plain list of letters-only IDs is still a list.
    expect(read('wangxiaoer, lisiyuan', 'developers')).toEqual({ developers: ['wangxiaoer', 'lisiyuan'] });
  });
});

describe('word lists: separators, leads and trailers', () => {
  it('drops a bullet that opens a line', () => {
    expect(
      read('Stores:\n• 5 Canton Road, Tsim Sha Tsui\n• Unit 3, 2/F, 8 Queen St, Central', 'nearby_locations'),
    ).toEqual({
      nearby_locations: ['5 Canton Road, Tsim Sha Tsui', 'Unit 3, 2/F, 8 Queen St, Central'],
    });
    expect(read('功能页：\n* 会员中心\n* 预约', 'functions_pages')).toEqual({ functions_pages: ['会员中心', '预约'] });
  });
  it('splits English addresses at a slash between spaces, never at the one in "2/F"', () => {
    expect(read('Addresses: 12 Hill Road, Sai Ying Pun / Shop 4, 2/F, 9 Kings Road', 'nearby_locations')).toEqual({
      nearby_locations: ['12 Hill Road, Sai Ying Pun', 'Shop 4, 2/F, 9 Kings Road'],
    });
  });
  it('drops a verb lead ended by a space and a closing count (zh)', () => {
    expect(read('功能页就要 会员中心 和 预约 两个', 'functions_pages')).toEqual({
      functions_pages: ['会员中心', '预约'],
    });
    expect(read('门店在 杭州市西湖区文三路88号 就这一家', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路88号'],
    });
    expect(read('那我们就 下单成功、退款通知 两个', 'service_messages')).toEqual({
      service_messages: ['下单成功', '退款通知'],
    });
  });
  it('keeps a verb-like character that is part of the name ("用户中心")', () => {
    expect(read('用户中心、订单列表', 'functions_pages')).toEqual({ functions_pages: ['用户中心', '订单列表'] });
  });
  it('splits a lone "and" after a plural header, and not without one', () => {
    expect(read('the pages we need: booking and gift cards', 'functions_pages')).toEqual({
      functions_pages: ['booking', 'gift cards'],
    });
    expect(read('Page: Terms and Conditions', 'functions_pages')).toEqual({
      functions_pages: ['Terms and Conditions'],
    });
    expect(read('Pages: Food and Drink', 'functions_pages')).toEqual({ functions_pages: ['Food and Drink'] });
  });
  it('reads the list a client states after a tag question, but not after a real one', () => {
    expect(read('服务消息最多3条是吧？我们要 发货提醒、签收提醒', 'service_messages')).toEqual({
      service_messages: ['发货提醒', '签收提醒'],
    });
    expect(read('the limit is 5 pages, right? we want Home, Menu, Stores', 'functions_pages')).toEqual({
      functions_pages: ['Home', 'Menu', 'Stores'],
    });
    expect(read('最多只能5个吗？我们有首页、菜单、门店', 'functions_pages')).toEqual({});
    expect(read('最多5个对吧？', 'functions_pages')).toEqual({});
  });
  it('reads nothing from a value the client calls our example, and their own value after "ours is"', () => {
    expect(read('北京市朝阳区建国路1号 这个是你们的示例吧 我们还没定门店', 'nearby_locations')).toEqual({});
    expect(read('1900000109 is your example, right? ours is 1712345678', 'merchant_account')).toEqual({
      merchant_account: { status: 'active', merchant_id: '1712345678' },
    });
    expect(read('这个不是你们的示例，是我们的 wxa626b2d5ad73a2af', 'app_id')).toEqual({ app_id: 'wxa626b2d5ad73a2af' });
    // "like your example" only points at a format: the value given is read.
    expect(read('按你们的示例格式：\n1. 杭州市西湖区文三路88号', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路88号'],
    });
  });
});

describe('list edits', () => {
  it('reads "把 X 也加到 <list>" and "加一个 X" as an addition, and "<list>加 X 和 Y" as the list', () => {
    expect(edits('把 rui_design 也加到体验者里', 'beta_whitelist')).toEqual([
      { item: 'beta_whitelist', add: ['rui_design'], remove: [] },
    ]);
    expect(edits('加一个「会员到期提醒」', 'service_messages')).toEqual([
      { item: 'service_messages', add: ['会员到期提醒'], remove: [] },
    ]);
    expect(read('体验版加 rui_design 和 yan_pm', 'beta_whitelist')).toEqual({
      beta_whitelist: ['rui_design', 'yan_pm'],
    });
  });
  it('reads no edit from an addition still to come', () => {
    expect(edits('再加一家店，地址下周再发你', 'nearby_locations')).toEqual([]);
    expect(edits('one more message later, the name is not decided', 'service_messages')).toEqual([]);
  });
  it('reads "swap out X, add Y and Z" as a removal and additions', () => {
    expect(edits('beta: swap out temp_qa1, add nora_qa and ben_pm', 'beta_whitelist')).toEqual([
      { item: 'beta_whitelist', add: ['nora_qa', 'ben_pm'], remove: ['temp_qa1'] },
    ]);
  });
  it('reads a domain added to the URL whitelist as an edit, and domains with their ICP number as a value', () => {
    expect(edits('域名还要加一个 m.teahouse.cn', 'admin_url_whitelist')).toEqual([
      { item: 'admin_url_whitelist', add: ['m.teahouse.cn'], remove: [] },
    ]);
    expect(edits('one more domain: cdn.teahouse.cn', 'admin_url_whitelist')).toEqual([
      { item: 'admin_url_whitelist', add: ['cdn.teahouse.cn'], remove: [] },
    ]);
    expect(edits('再加一个 m.teahouse.cn 备案号 浙ICP备2020012345号-2', 'admin_url_whitelist')).toEqual([]);
    expect(read('再加一个 m.teahouse.cn 备案号 浙ICP备2020012345号-2', 'admin_url_whitelist')).toEqual({
      admin_url_whitelist: { domains: ['m.teahouse.cn'], icp: '浙ICP备2020012345号-2' },
    });
  });
});
