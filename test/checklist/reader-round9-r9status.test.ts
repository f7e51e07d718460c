/**
 * Round 9 (issue 16), status words from corpus I: the account's verification, item-specific done words, a done with
 * a part missing, several statuses in one message, the custom version refused. Phrasings of our own, not corpus I's
 * (docs/reader.md, "Round 9, from corpus I" → "Status words, the account, several statuses in one message").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};

describe('the enterprise account: verification', () => {
  it('reads verification documents handed in, or a review said after a comma, as not verified yet', () => {
    expect(read('公司名下的，认证材料前天提交了，正在审核', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('company account, we sent the verification documents on Monday', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
  });
  it('does not read documents handed in as unverified when the same message says it came through', () => {
    expect(read('公司主体，认证材料上个月交的，上周通过了', 'enterprise_account')).not.toEqual({
      enterprise_account: { registered: true, verified: false },
    });
  });
  it('reads 认证 也ok, 完成认证 and 认证上周通过了 as verified, even unasked', () => {
    expect(read('公司号，认证也ok', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
    expect(read('账号是公司名下并且完成认证了', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
    // Whose account it is is not said (round 12): the verification alone.
    expect(read('对了 我们小程序认证上周通过了')).toEqual({ enterprise_account: { verified: true } });
  });
  it('reads 认证昨天没通过 as not verified', () => {
    expect(read('公司的，认证昨天没通过', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
  });
});

describe('done words of the item itself', () => {
  it('reads the auth popup being there as done, and not when it is not there yet', () => {
    expect(read('授权的弹框已经出来了', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
    expect(read('the login popup shows up fine now 👍', 'wechat_auth')).toEqual({ wechat_auth: 'done' });
    expect(read('弹框还没出来', 'wechat_auth')).toEqual({});
  });
  it('reads an expired session that led back in as relogin done', () => {
    expect(read('token过期后试了一下 自动登录回来了', 'relogin_on_401_403')).toEqual({ relogin_on_401_403: 'done' });
    expect(read('tried an expired token, it logged me back in', 'relogin_on_401_403')).toEqual({
      relogin_on_401_403: 'done',
    });
    expect(read('过期token试了 没有自动登回去', 'relogin_on_401_403')).toEqual({});
  });
  it('reads joining the Sentry project and seeing its errors as done', () => {
    expect(read('sentry 我已加入，后台能看到错误了', 'sentry')).toEqual({ sentry: 'done' });
  });
  it('reads 我加了 before a request that we check, and 加完了, as done', () => {
    expect(read('我加了，麻烦你们确认一下', 'roles')).toEqual({ roles: 'done' });
    expect(read('角色都加完了', 'roles')).toEqual({ roles: 'done' });
    expect(read('还没加完', 'roles')).toEqual({});
  });
});

describe('a done with a part missing is not done', () => {
  it('records nothing when the client could not find a part (en and zh)', () => {
    expect(read("roles added, but we can't find the 'View MP' one", 'roles')).toEqual({});
    expect(read('角色都加好了，就是找不到查看权限那个', 'roles')).toEqual({});
  });
});

describe('several statuses in one message', () => {
  it('reads another item after 顺便 / btw in a clause of its own, beside the roles', () => {
    expect(read('都加完了，顺便把开发者也加了', 'roles')).toEqual({ roles: 'done', developers: 'done' });
  });
  it('reads a refusal before a run of items joined by or / 和 as each one’s', () => {
    expect(read("We don't need service messages or nearby locations")).toEqual({
      service_messages: 'n/a',
      nearby_locations: 'n/a',
    });
    expect(read('不需要服务消息和附近小程序')).toEqual({ service_messages: 'n/a', nearby_locations: 'n/a' });
  });
  it('reads no UGC and 也不要 another item in one chat line', () => {
    expect(read('我们不搞UGC 也不要附近小程序')).toEqual({
      ugc_license: { has_ugc: false },
      nearby_locations: 'n/a',
    });
    expect(read("we don't do UGC", 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
  });
  it('reads 测过了 / 测了没问题 as done for each item named', () => {
    expect(read('sentry 没问题了，重新登录也测过了', 'sentry')).toEqual({ sentry: 'done', relogin_on_401_403: 'done' });
    expect(read('重新登录和sentry我们都测了 ok')).toEqual({ relogin_on_401_403: 'done', sentry: 'done' });
  });
});

describe('the custom version refused for WeChat’s own', () => {
  it('reads it as n/a, while approving our default stays done', () => {
    expect(read('权限页不需要自定义，直接用微信自带的', 'permission_page')).toEqual({ permission_page: 'n/a' });
    expect(read('用你们默认的那版就行', 'permission_page')).toEqual({ permission_page: 'done' });
  });
});
