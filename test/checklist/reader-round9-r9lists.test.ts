/**
 * List values and list edits, classes found on corpus I (issue 16, round 9), each tested with phrasings of our own,
 * not the corpus's (docs/reader.md, "Round 9, from corpus I": list values and list edits).
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, _edit, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};
const edits = (text: string, item?: ItemKey) =>
  readByRules(text, { expected: item ? [item] : [] }).edits.map((e) => ({ item: e.key, add: e.add, remove: e.remove }));
const refused = (text: string, item: ItemKey) =>
  readByRules(text, { expected: [item] })
    .facts.filter((f) => f.kind === 'invalid')
    .map((f) => f.key);

const TEMPLATE_A = 'Qw3rTy7uIoP1aSdFgH2jKlZx9cVbNm4QwErTy6UiOpA'; // 43
const TEMPLATE_B = 'Zx8cVbNm1AsDfGh5JkLqWe2RtYuIoP0lKjHgF3dSaQw'; // 43

describe('leads that are not entries', () => {
  it("drops the list's own name before a colon (zh, en)", () => {
    expect(read('页面：会员页、积分页', 'functions_pages')).toEqual({ functions_pages: ['会员页', '积分页'] });
    expect(read('地址：杭州市西湖区文三路100号', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路100号'],
    });
  });
  it('drops a correction that leads the new full list (改为：, 改一下 只要, "change it to:")', () => {
    expect(read('改为：首页、活动页', 'functions_pages')).toEqual({ functions_pages: ['首页', '活动页'] });
    expect(read('服务消息改一下 只要 发货提醒 和 退款到账 两个', 'service_messages')).toEqual({
      service_messages: ['发货提醒', '退款到账'],
    });
    expect(read('change it to: Home, Menu', 'functions_pages')).toEqual({ functions_pages: ['Home', 'Menu'] });
  });
});

describe('remarks after the list that are not entries', () => {
  it('drops a closing count or a word about the earlier answer in brackets', () => {
    expect(read('地址 杭州市西湖区文三路100号（只有这一家）', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路100号'],
    });
    expect(read('首页、会员页（上次发的不算了）', 'functions_pages')).toEqual({ functions_pages: ['首页', '会员页'] });
    expect(read('Home, Menu (ignore the earlier list)', 'functions_pages')).toEqual({
      functions_pages: ['Home', 'Menu'],
    });
  });
  it('keeps a bracket that names the store', () => {
    expect(read('杭州市西湖区文三路100号（文三路店）', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路100号（文三路店）'],
    });
  });
  it("ends the pages where their category is said, but keeps an entry's own tags", () => {
    expect(read('1. 预约挂号 2. 专家团队 类目是 医疗 标签 眼科', 'functions_pages')).toEqual({
      functions_pages: ['预约挂号', '专家团队'],
    });
    expect(read('1. 教育-早教 标签：亲子', 'functions_pages')).toEqual({ functions_pages: ['教育-早教 标签：亲子'] });
  });
  it('takes no phone number for an address', () => {
    expect(read('门店电话：13812345678', 'nearby_locations')).toEqual({});
    expect(read('tel 0571-88886666', 'nearby_locations')).toEqual({});
  });
});

describe('"added" before IDs', () => {
  it('reads a done word followed only by IDs as the list (zh, en)', () => {
    expect(read('已加 annie_77 bobby_li', 'developers')).toEqual({ developers: ['annie_77', 'bobby_li'] });
    expect(read("I've added annie_77 and bobby_li", 'developers')).toEqual({ developers: ['annie_77', 'bobby_li'] });
  });
  it('stays done when the sentence goes on', () => {
    expect(read('已添加，annie_77 和 bobby_li 麻烦确认邀请', 'developers')).toEqual({ developers: 'done' });
  });
});

describe('list edits', () => {
  it('adds the person named by who they are, their ID after a colon (en, zh, unasked)', () => {
    expect(edits('add my colleague as well: sue_k88', 'beta_whitelist')).toEqual([
      { item: 'beta_whitelist', add: ['sue_k88'], remove: [] },
    ]);
    expect(edits('体验版把我同事也加上：sue_k88')).toEqual([{ item: 'beta_whitelist', add: ['sue_k88'], remove: [] }]);
    expect(read('体验版把我同事也加上：sue_k88')).toEqual({});
  });
  it('removes an entry pointed at by its place and named after the verb', () => {
    expect(edits(`第三个不要了 ${TEMPLATE_A}`, 'template_ids')).toEqual([
      { item: 'template_ids', add: [], remove: [TEMPLATE_A] },
    ]);
    expect(read(`第三个不要了 ${TEMPLATE_A}`, 'template_ids')).toEqual({});
  });
  it('replaces a store that moved with its new address', () => {
    expect(edits('文三路那家搬了，新地址 杭州市西湖区文二路200号', 'nearby_locations')).toEqual([
      { item: 'nearby_locations', add: ['杭州市西湖区文二路200号'], remove: ['文三路'] },
    ]);
  });
  it('replaces an entry renamed (zh, en)', () => {
    expect(edits('「退款通知」改叫「退款到账」', 'service_messages')).toEqual([
      { item: 'service_messages', add: ['退款到账'], remove: ['退款通知'] },
    ]);
    expect(edits('rename Order shipped to Delivery update', 'service_messages')).toEqual([
      { item: 'service_messages', add: ['Delivery update'], remove: ['Order shipped'] },
    ]);
  });
});

describe('lists refused whole', () => {
  it('refuses a template-ID answer with one malformed ID rather than keeping the rest', () => {
    const short = TEMPLATE_B.slice(0, 41);
    expect(read(`${TEMPLATE_A}\n${short}`, 'template_ids').template_ids).toBeUndefined();
    expect(refused(`${TEMPLATE_A}\n${short}`, 'template_ids')).toEqual(['template_ids']);
    expect(read(`${TEMPLATE_A}\n${TEMPLATE_B}`, 'template_ids')).toEqual({ template_ids: [TEMPLATE_A, TEMPLATE_B] });
  });
  it('refuses 11 developers when the message says the account is not verified', () => {
    const ids = Array.from({ length: 11 }, (_v, k) => `ops_user${k + 10}`).join(' ');
    expect(read(`还没认证的话最多10个吧？先加这些：${ids}`, 'developers').developers).toBeUndefined();
    expect(refused(`还没认证的话最多10个吧？先加这些：${ids}`, 'developers')).toEqual(['developers']);
    expect(read(`we're not verified yet so max 10? adding these: ${ids}`, 'developers').developers).toBeUndefined();
  });
});

describe('numbered points in one line', () => {
  it('reads each point on its own, a refused list taking no later point as its entry', () => {
    expect(read('助理代答：1) 类目选 教育 > 培训 2) 附近小程序不需要 3) 统计用神策')).toEqual({
      mp_category: '教育 > 培训',
      nearby_locations: 'n/a',
      analytics_platform: '神策',
    });
    expect(read('不要附近小程序，统计用友盟')).toEqual({ nearby_locations: 'n/a', analytics_platform: '友盟' });
  });
});
