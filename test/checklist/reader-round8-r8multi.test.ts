/**
 * Round 8, several items in one message (corpus H): each class tested with phrasings of our own, not the corpus's
 * (docs/reader.md, "Round 8, several items in one message").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};

describe('an item named in a clause of its own with only its status', () => {
  it('records each item settled in its own clause (en)', () => {
    expect(read('Roles: done. Developers added as well (the two you sent).', 'app_id')).toEqual({
      roles: 'done',
      developers: 'done',
    });
    expect(read('AppID wx3c5e7a9b1d2f4e60, roles all set, devs added', 'app_id')).toEqual({
      app_id: 'wx3c5e7a9b1d2f4e60',
      roles: 'done',
      developers: 'done',
    });
  });
  it('records each item settled in its own clause (zh), after a value and across chat spaces', () => {
    expect(read('AppID 是 wx3c5e7a9b1d2f4e60 角色那边我上午都配好了 开发者也加上了', 'app_id')).toEqual({
      app_id: 'wx3c5e7a9b1d2f4e60',
      roles: 'done',
      developers: 'done',
    });
    expect(read('体验版就加 lily_wu88，另外开发者你们那三个我都加好了', 'beta_whitelist')).toEqual({
      beta_whitelist: ['lily_wu88'],
      developers: 'done',
    });
  });
  it('reads "not needed" for each item refused in its own clause, and a refusal before the item', () => {
    expect(read('埋点用神策，短信不用，服务消息也不需要', 'analytics_platform')).toEqual({
      analytics_platform: '神策',
      sms_template: 'n/a',
      service_messages: 'n/a',
    });
    expect(read('Category: Retail > Books. 2) no payments at the moment', 'mp_category')).toEqual({
      mp_category: 'Retail > Books',
      merchant_account: 'n/a',
    });
    expect(read('We sell offline only, so no merchant account needed.', 'app_id')).toEqual({ merchant_account: 'n/a' });
  });
  it('gives items joined before one status that status', () => {
    expect(read('图标、分享海报都在附件里了', 'app_icon')).toEqual({ app_icon: 'done', sharing_flow: 'done' });
  });
  it('records nothing for a clause that mixes items, hedges, points at a part or says not yet', () => {
    expect(read("I can't say whether the roles or the developers are finished yet", 'roles')).toEqual({});
    expect(read('Roles done. Devs: maybe added, not sure.', 'roles')).toEqual({ roles: 'done' });
    expect(read('成员管理都加好了，体验者那个也加了', 'roles')).toEqual({ roles: 'done' });
    expect(read('appid wx3c5e7a9b1d2f4e60，开发者还没弄', 'app_id')).toEqual({ app_id: 'wx3c5e7a9b1d2f4e60' });
  });
  it('does not take a keyword inside a list entry for its item', () => {
    expect(read('功能页：门店查询、积分商城', 'functions_pages')).toEqual({
      functions_pages: ['门店查询', '积分商城'],
    });
  });
});

describe('a not-yet clause is about the items it names', () => {
  it('keeps the asked item done when only another item is not yet (zh, en)', () => {
    expect(read('角色都配好了，开发者那边还没弄', 'roles')).toEqual({ roles: 'done' });
    expect(read('roles are set up but the developer invites are still pending', 'roles')).toEqual({ roles: 'done' });
    expect(read('开发者刚加好了然后角色还没加完', 'developers')).toEqual({ developers: 'done' });
  });
  it('keeps roles not done when the roles are reported role by role', () => {
    expect(read('管理员和运营者都加了，开发者那个还没', 'roles')).toEqual({});
    expect(read('管理员和运营者都加了，体验者还没', 'roles')).toEqual({});
  });
  it('records nothing when the asked item itself is not yet', () => {
    expect(read('roles not yet, devs added', 'roles')).toEqual({ developers: 'done' });
  });
});

describe('what the reply says apart from its items', () => {
  it('drops the item named where "not in this release" is said, not the first one named', () => {
    expect(read('支付这期先不做。另外门店有两家，地址回头发你。', 'merchant_account')).toEqual({
      merchant_account: 'n/a',
    });
  });
  it('reads a label of the item word and one more word ("Share text:")', () => {
    expect(read('Icon: uploaded. Share text: "Fresh bread every morning"', 'app_icon')).toEqual({
      app_icon: 'done',
      sharing_flow: 'Fresh bread every morning',
    });
  });
  it('takes no copy from a label followed by where the item stands', () => {
    expect(read('Icon: uploaded. Permission page: still being designed.', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('图标已上传，权限页：还在改', 'app_icon')).toEqual({ app_icon: 'done' });
  });
  it('a request that we check is no question back', () => {
    expect(read('开发者加好了你们看一下有没有收到邀请', 'developers')).toEqual({ developers: 'done' });
  });
});

describe("a secret right after the Open Platform's App ID", () => {
  it("is the Open Platform's in the same sentence, the Mini Program's in a sentence of its own", () => {
    expect(
      read(
        'Open Platform is linked to our OA. AppID wx4b6d8f0a2c4e6a81, secret 0f1e2d3c4b5a69788796a5b4c3d2e1f0.',
        'open_platform',
      ),
    ).toEqual({
      open_platform: { app_id: 'wx4b6d8f0a2c4e6a81', secret: '••••e1f0' },
    });
    expect(read('AppID wx4b6d8f0a2c4e6a81, secret 0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'app_id')).toEqual({
      app_id: 'wx4b6d8f0a2c4e6a81',
      app_secret: '••••e1f0',
    });
  });
});
