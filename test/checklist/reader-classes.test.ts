/**
 * Classes of reading errors found on held-out corpus B, each with cases of our own wording (not the
 * corpus's): the general rule is tested, not the sentence that showed it.
 */
import { describe, expect, it } from 'vitest';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';
import type { ItemKey } from '../../src/checklist/types.js';

const SECRET = '0123456789abcdef0123456789abcdef';
const TEMPLATE = 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9w';
const read = (text: string, item: ItemKey) => factsToJson(readByRules(text, { expected: [item] }));

describe('Open Platform asked: a generic App ID and secret are its own', () => {
  it('takes an AppID and a 32-hex secret for Open Platform', () => {
    expect(read(`开放平台有的，AppID wx5e6f7a8b9c0d1e2f，密钥 ${SECRET}`, 'open_platform')).toEqual({
      open_platform: { app_id: 'wx5e6f7a8b9c0d1e2f', secret: '••••cdef' },
    });
    expect(read(`we have one: app id wx5e6f7a8b9c0d1e2f and secret ${SECRET}`, 'open_platform')).toEqual({
      open_platform: { app_id: 'wx5e6f7a8b9c0d1e2f', secret: '••••cdef' },
    });
  });
  it("leaves an ID the client labels as the Mini Program's to the MP", () => {
    expect(read('小程序的 AppID 是 wx5e6f7a8b9c0d1e2f，开放平台没有', 'open_platform')).toEqual({
      app_id: 'wx5e6f7a8b9c0d1e2f',
      open_platform: 'n/a',
    });
  });
});

describe('enterprise account: contrast and "not verified yet"', () => {
  it('reads which side of "不是 / not" the company is on', () => {
    expect(read('是以我个人名义注册的，不是公司的', 'enterprise_account')).toEqual({
      enterprise_account: { registered: false },
    });
    expect(read('不是个人号，公司主体', 'enterprise_account')).toEqual({ enterprise_account: { registered: true } });
    expect(read("It's not a company account, it's under my own name as an individual", 'enterprise_account')).toEqual({
      enterprise_account: { registered: false },
    });
  });
  it('reads verification not done as verified: false', () => {
    expect(read('公司主体，微信认证还没去做', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read("It's a company account, we haven't completed the verification", 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
  });
});

describe('free text must look like an answer', () => {
  it('refuses delegations, chit-chat and values taken back', () => {
    expect(read('你们帮我们定吧', 'mp_category')).toEqual({});
    expect(read('up to you, whatever fits the licence', 'mp_category')).toEqual({});
    expect(read('周末愉快，下周见', 'mp_category')).toEqual({});
    expect(read('Baidu Tongji for the web, but no analytics in the mini program yet', 'analytics_platform')).toEqual(
      {},
    );
    expect(read('你们去申请就行，签名写“山野茶社”', 'sms_template')).toEqual({});
  });
  it('keeps a real answer, and a keyword inside it opens no other item', () => {
    expect(read('生活服务 > 宠物服务 > 宠物医院管理企业', 'mp_category')).toEqual({
      mp_category: '生活服务 > 宠物服务 > 宠物医院管理企业',
    });
    expect(read('我们没有接入任何统计，不需要', 'analytics_platform')).toEqual({
      analytics_platform: 'n/a',
      _outcome: 'n/a',
    });
  });
  it('words about something sent are not its value: the send is the answer', () => {
    expect(read('Sent the share card designs to Lin this morning, it has every page', 'sharing_flow')).toEqual({
      sharing_flow: 'done',
    });
  });
});

describe('done and n/a for confirmations', () => {
  it('reads "applied for, done" and "sent" as done', () => {
    expect(read('签名和模板都已经申请好了', 'sms_template')).toEqual({ sms_template: 'done' });
    expect(read('已发 👇', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('shared the icon files in the group chat', 'app_icon')).toEqual({ app_icon: 'done' });
  });
  it('reads the item denied first as n/a, never done', () => {
    const u = readByRules('不用短信验证码，我们用微信登录就行', { expected: ['sms_template'] });
    expect(factsToJson(u)).toEqual({ sms_template: 'n/a', _outcome: 'n/a' });
  });
});

describe('a message to a colleague is an aside', () => {
  it('reads no ID from "@name … ？"', () => {
    const u = readByRules('@Lily 这个 wx5e6f7a8b9c0d1e2f 是测试号吗？', { expected: ['app_id'] });
    expect(u.facts).toEqual([]);
    expect(u.outcome).toBe('question');
  });
  it('still reads an ID the client gives after greeting a colleague without asking', () => {
    expect(read('@Lily 我们的 AppID 是 wx5e6f7a8b9c0d1e2f', 'app_id')).toEqual({ app_id: 'wx5e6f7a8b9c0d1e2f' });
  });
});

describe('corrections and labels', () => {
  it('keeps only the corrected value', () => {
    expect(read('类目打错了，是 休闲娱乐 > 密室', 'mp_category')).toEqual({ mp_category: '休闲娱乐 > 密室' });
  });
  it('reads a labelled licence with its status as written', () => {
    expect(read('有用户评论。资质：网络文化经营许可证（已下证）', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: true, licence: '网络文化经营许可证（已下证）' },
    });
    expect(read('Yes, members post photos. License no.: 粤B2-20190123', 'ugc_license')).toEqual({
      ugc_license: { has_ugc: true, licence: '粤B2-20190123' },
    });
  });
});

describe('fixed limits are known at read time', () => {
  it('refuses a list over its fixed limit, as storing it would', () => {
    const u = readByRules('下单提醒、发货通知、退款通知、评价提醒、会员到期提醒', { expected: ['service_messages'] });
    expect(u.facts).toHaveLength(1);
    expect(u.facts[0]).toMatchObject({
      kind: 'invalid',
      key: 'service_messages',
      reason: { key: 'reason.service_messages_limit', params: { count: 5, max: 3 } },
    });
    expect(read('首页、菜单、购物车、订单、我的、优惠券', 'functions_pages')._invalid).toEqual([
      expect.objectContaining({ key: 'functions_pages' }),
    ]);
  });
  it('keeps a list at its limit; developers over 20 (the most any account may have) are refused, 11–20 left to the store', () => {
    expect(read('下单提醒、发货通知、退款通知', 'service_messages')).toEqual({
      service_messages: ['下单提醒', '发货通知', '退款通知'],
    });
    const devs = (n: number) => Array.from({ length: n }, (_, i) => `dev_user${i + 10}`).join('，');
    expect(read(devs(20), 'developers').developers).toHaveLength(20);
    const over = read(devs(21), 'developers');
    expect(over.developers).toBeUndefined();
    expect(over._invalid).toEqual([
      expect.objectContaining({ key: 'developers', reason: expect.stringContaining('20') }),
    ]);
  });
});

describe('edits of a list named by their verb', () => {
  it('"忘了加一个：<id>" adds to the list on file', () => {
    const u = readByRules(`忘了加一个：${TEMPLATE}`, { expected: ['template_ids'] });
    expect(u.outcome).toBe('edit');
    expect(u.edits).toEqual([{ key: 'template_ids', add: [TEMPLATE], remove: [] }]);
    expect(u.facts).toEqual([]);
  });
  it('"<entry>不要了" removes it; the item\'s own name there is n/a', () => {
    expect(readByRules('排队提醒不要了', { expected: ['service_messages'] }).edits).toEqual([
      { key: 'service_messages', add: [], remove: ['排队提醒'] },
    ]);
    expect(read('服务通知不要了', 'service_messages')).toMatchObject({ service_messages: 'n/a' });
  });
  it('an edit takes whole tokens only: a 42-character ID is not cut into WeChat IDs', () => {
    const u = readByRules(`忘了加一个：${TEMPLATE.slice(1)}`, { expected: ['developers'] });
    expect(u.edits).toEqual([]);
  });
});

describe('recall found on corpus B', () => {
  it('a plan is not a yes: "暂时没有，以后可能会有评论功能" has no UGC', () => {
    expect(read('暂时没有，以后可能会有评论功能', 'ugc_license').ugc_license).toEqual({ has_ugc: false });
    expect(read('Not for now, we might add reviews later', 'ugc_license')).not.toHaveProperty(
      'ugc_license.has_ugc',
      true,
    );
  });
  it("a bare hex run near a secret's length is refused without echoing it", () => {
    const out = read('3f2a9c0d1e2b4a5c6d7e8f9a0b1c2d3', 'app_secret');
    expect(out._invalid).toEqual([expect.objectContaining({ key: 'app_secret', input: '••••c2d3' })]);
  });
});
