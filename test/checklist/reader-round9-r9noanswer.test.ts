/**
 * Round 9 (issue 16), replies about the item that are not its value: a pointer elsewhere, waiting on someone, feedback on
 * a draft, a guess, "same as before" — none records a value or "done"; and the reverse, a value with the rest to follow,
 * records the value. Phrasings of our own, not corpus I's (docs/reader.md, "Round 9, from corpus I").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: [item] }));
  return rest;
};

describe('a pointer to the value elsewhere records nothing', () => {
  it('IDs, addresses and lists sent by email, in a sheet or an attachment', () => {
    expect(read('开发者微信号我发你邮箱了', 'developers')).toEqual({});
    expect(read('体验者微信号都发你邮箱了', 'beta_whitelist')).toEqual({});
    expect(read('门店地址都在附件的表格里', 'nearby_locations')).toEqual({});
    expect(read('store addresses are in the attached sheet', 'nearby_locations')).toEqual({});
  });
  it('a link to a shared document is no template ID attempt', () => {
    expect(read('模板ID在这里 https://docs.qq.com/sheet/DAbCdEfGh12', 'template_ids')).toEqual({});
  });
  it('a person to ask is no server', () => {
    expect(read('服务器的问题找我们运维小王', 'servers')).toEqual({});
    expect(read('ask our IT guy Ben about the servers', 'servers')).toEqual({});
  });
  it('a file sent elsewhere still answers an item whose answer is a file', () => {
    expect(read('分享图发你邮箱了', 'sharing_flow')).toEqual({ sharing_flow: 'done' });
    expect(read('icon 在附件里', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('角色加好了，截图发你邮箱了', 'roles')).toEqual({ roles: 'done' });
  });
  it('"same as before, you have it" gives nothing; a value after it does', () => {
    expect(read('地址跟上次一样，你们那边有', 'nearby_locations')).toEqual({});
    expect(read('same as last time, you have it', 'nearby_locations')).toEqual({});
  });
});

describe('waiting on someone, or a talk still to have, records nothing', () => {
  it('等…定 / 等…报价 / 发给领导审 / 回头跟…商量', () => {
    expect(read('服务器等供应商报价', 'servers')).toEqual({});
    expect(read('分享文案等运营定', 'sharing_flow')).toEqual({});
    expect(read('文案发给领导审了', 'error_copywriting')).toEqual({});
    expect(read('sent it to my boss for approval', 'error_copywriting')).toEqual({});
    expect(read('要哪几条我回头跟老板商量下', 'service_messages')).toEqual({});
  });
});

describe('feedback on a draft is no copy and no "done"', () => {
  it('not good enough, or a change asked without the new words', () => {
    expect(read('颜色还是不太行', 'permission_page')).toEqual({});
    expect(read('按钮文字改一下，其他都可以', 'error_copywriting')).toEqual({});
    expect(read('needs a few tweaks, otherwise fine', 'permission_page')).toEqual({});
  });
  it('a change that gives the new words is copy', () => {
    expect(read('第二条改一下：网络开小差了，请稍后再试', 'error_copywriting')).toEqual({
      error_copywriting: '第二条改一下：网络开小差了，请稍后再试',
    });
  });
});

describe('a guess records nothing', () => {
  it('X 吧 我猜, I think …? not sure, 是 X 吗, 应该是这个 X？', () => {
    expect(read('餐饮 > 快餐 吧 我猜', 'mp_category')).toEqual({});
    expect(read('I think it is api.foo.cn? not sure', 'admin_url_whitelist')).toEqual({});
    expect(read('是 wx1234567890abcdef 吗？', 'app_id')).toEqual({});
    expect(read('应该是这个 SMS_123456789？', 'sms_template')).toEqual({});
    expect(read('商户号是 1609876543 吗？后台有两个号', 'merchant_account')).toEqual({});
  });
  it('a plain trailing "I think" still names the value (corpus D)', () => {
    expect(read('零售 > 服装 I think', 'mp_category')).toEqual({ mp_category: '零售 > 服装' });
  });
  it('asking whether they can register is no registration', () => {
    expect(read('我们公司是个体工商户，可以注册企业小程序吗？', 'enterprise_account')).toEqual({});
  });
});

describe('a value with the rest to follow records the value', () => {
  it('the rest of a list later, in brackets', () => {
    expect(read('tom_li88, amy_w01（还有一个明天发）', 'developers')).toEqual({ developers: ['tom_li88', 'amy_w01'] });
  });
  it('one named part later', () => {
    expect(read('腾讯云 4核8G 上海，密码晚点发', 'servers')).toEqual({ servers: '腾讯云 4核8G 上海，密码晚点发' });
  });
  it('none in this release, a later phase deferred', () => {
    expect(read('这期没有，下期再说', 'ugc_license')).toEqual({ ugc_license: { has_ugc: false } });
  });
  it('"done" with the rest to come is not done', () => {
    expect(read('加好了，剩下的明天加', 'developers')).toEqual({});
    expect(read('roles added, the rest tomorrow', 'roles')).toEqual({});
  });
  it('the deferral alone is still later', () => {
    expect(readByRules('还有一个明天发', { expected: ['developers'] }).outcome).toBe('later');
    expect(read('IP 后面发', 'servers')).toEqual({});
  });
});
