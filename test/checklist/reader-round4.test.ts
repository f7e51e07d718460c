/**
 * Classes of reading errors found on held-out corpus D (issue 16, round 4), each tested with phrasings of
 * our own, not the corpus's: the rule is what is tested, not the sentence that showed it. The first rule of
 * all: when the client is unsure, asks back or reports a failure, nothing (or the weaker fact) is recorded.
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: [item] }));
  return rest;
};

describe('a label that only names the item is no part of the value', () => {
  it('strips "文案：", "title:", "信息:" and keeps a quoted copy without its quotes', () => {
    expect(read('转发文案：好友都在用，快来试试', 'sharing_flow')).toEqual({ sharing_flow: '好友都在用，快来试试' });
    expect(read('Share title: "Fresh bread every morning"', 'sharing_flow')).toEqual({
      sharing_flow: 'Fresh bread every morning',
    });
    expect(read('服务器信息: 华为云 北京四 ECS', 'servers')).toEqual({ servers: '华为云 北京四 ECS' });
  });
  it('drops a status or a pointer before a name, and a mild hedge after it', () => {
    expect(read('already selected: 生活服务-家政', 'mp_category')).toEqual({ mp_category: '生活服务-家政' });
    expect(read('你们推荐的那个 餐饮-饮品店', 'mp_category')).toEqual({ mp_category: '餐饮-饮品店' });
    expect(read('Umeng I think', 'analytics_platform')).toEqual({ analytics_platform: 'Umeng' });
    expect(read('GA4 吧 海外那边一直用的这个', 'analytics_platform')).toEqual({ analytics_platform: 'GA4' });
  });
  it('cuts a name at a chat-style space before a remark', () => {
    expect(read('类目：教育-职业培训 营业执照上也是这个 已经提交审核', 'mp_category')).toEqual({
      mp_category: '教育-职业培训',
    });
  });
});

describe('unsure, handed back or asked back: nothing is recorded', () => {
  it('records no guess, no choice handed to us, and no answer to "does it count?"', () => {
    expect(read('可能用友盟吧 还没定', 'analytics_platform')).toEqual({});
    expect(read('用你们的服务器就行', 'servers')).toEqual({});
    expect(read('有用户晒单 这种算不算', 'ugc_license')).toEqual({});
  });
  it('records no bare status when the client asks whether the item is needed', () => {
    expect(read('开放平台我们没有，一定要吗？', 'open_platform')).toEqual({});
    expect(read('Do we need a merchant account? We have not applied', 'merchant_account')).toEqual({});
  });
  it('records no half account when the client asks how to check the other half', () => {
    expect(read("It's a company account. Verified? where do I see that?", 'enterprise_account')).toEqual({});
    expect(read('公司主体的，认证在哪里看？', 'enterprise_account')).toEqual({});
    expect(read('公司主体，已认证，在哪里看开发者？', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: true },
    });
  });
  it('reads no value offered as a format in a question', () => {
    expect(read('是填 SMS_400123456 这种吗', 'sms_template')).toEqual({});
    expect(read('域名格式是 shop.acme.cn 这样吗？', 'admin_url_whitelist')).toEqual({});
  });
  it('reads the facts around a side question in chat Chinese', () => {
    expect(read('是公司的 还没认证 认证要交钱是吧', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('开发者加好了 你们扫码看下能不能进', 'developers')).toEqual({ developers: 'done' });
  });
});

describe('approval of what we proposed, and acknowledgement', () => {
  it('an approval of our design or copy is done', () => {
    expect(read('设计稿没问题，就按你们那版来', 'permission_page')).toEqual({ permission_page: 'done' });
    expect(read('老板说可以了', 'app_icon')).toEqual({ app_icon: 'done' });
    expect(read('looks fine, use the default one', 'error_copywriting')).toEqual({ error_copywriting: 'done' });
  });
  it('an approval with one change records the change', () => {
    expect(read('整体没问题 不过「加载失败」改成「加载出错了，请重试」', 'error_copywriting')).toEqual({
      error_copywriting: '「加载失败」改成「加载出错了，请重试」',
    });
  });
  it('"收到 👌" acknowledges our message and confirms nothing', () => {
    expect(read('收到 👌', 'sentry')).toEqual({});
    expect(read('got it 👌', 'wechat_auth')).toEqual({});
  });
});

describe('not done: something still fails, or the client tells us what to do', () => {
  it('a partial success is not done', () => {
    expect(read('iOS 上正常 安卓还是会报错', 'relogin_on_401_403')).toEqual({});
    expect(read('dev_wu 绑定成功，dev_li 加不上', 'developers')).toEqual({});
  });
  it('an instruction for an MP task is not its confirmation', () => {
    expect(read('you just need to send users back to the login page', 'relogin_on_401_403')).toEqual({});
    expect(read('接口返回403的时候你们跳登录页就行', 'relogin_on_401_403')).toEqual({});
  });
  it('a rejected item is not answered', () => {
    expect(read('类目审核被拒了 说要补资质', 'mp_category')).toEqual({});
  });
});

describe('accounts: conditions and lapses', () => {
  it('an approved merchant ID not yet signed is still applying', () => {
    expect(read('商户号 1612345678 审核过了 还没签约', 'merchant_account')).toEqual({
      merchant_account: { status: 'applying' },
    });
    expect(read('对公账户打款验证中', 'merchant_account')).toEqual({ merchant_account: { status: 'applying' } });
  });
  it('a Mini Program that only shows things takes no payments', () => {
    expect(read('我们只展示商品 不在线卖', 'merchant_account')).toEqual({ merchant_account: 'n/a' });
  });
  it('a verification that expired is unverified; a licence the client lacks is not theirs', () => {
    expect(read('企业主体 认证今年过期了', 'enterprise_account')).toEqual({
      enterprise_account: { registered: true, verified: false },
    });
    expect(read('会员能发帖，ICP许可证我们还没有', 'ugc_license')).toEqual({ ugc_license: { has_ugc: true } });
  });
  it('an App ID typed in groups, and one said to be another account', () => {
    expect(read('AppID: wx3f2a 9c8e 7d6b 5a4f', 'app_id')).toEqual({ app_id: 'wx3f2a9c8e7d6b5a4f' });
    expect(read('wx1a2b3c4d5e6f7a8b（不是公众号那个 wx9f8e7d6c5b4a3f2e）', 'app_id')).toEqual({
      app_id: 'wx1a2b3c4d5e6f7a8b',
    });
  });
});

describe('lists: entries, edits, and "not in this release"', () => {
  const edit = (text: string, item: ItemKey) => readByRules(text, { expected: [item] }).edits;
  it('drops a count lead, a line still to come and a page count with its details', () => {
    expect(
      read(
        '3家：上海市徐汇区漕溪北路88号、上海市静安区南京西路1266号、上海市浦东新区世纪大道100号',
        'nearby_locations',
      ),
    ).toEqual({
      nearby_locations: ['上海市徐汇区漕溪北路88号', '上海市静安区南京西路1266号', '上海市浦东新区世纪大道100号'],
    });
    expect(read('1. 上海市黄浦区南京东路100号\n2. 浦东那家还在装修，开了再加', 'nearby_locations')).toEqual({
      nearby_locations: ['上海市黄浦区南京东路100号'],
    });
    expect(read('就首页和订单两个页面 类目 餐饮 标签 外卖', 'functions_pages')).toEqual({
      functions_pages: ['首页', '订单'],
    });
  });
  it('reads removals with a reason, by a bracketed address, and with an addition', () => {
    expect(edit('tina_88 不用了 她离职了', 'beta_whitelist')).toEqual([
      { key: 'beta_whitelist', add: [], remove: ['tina_88'] },
    ]);
    expect(edit('徐汇那家（漕溪北路88号）已经关门了，删掉吧', 'nearby_locations')).toEqual([
      { key: 'nearby_locations', add: [], remove: ['漕溪北路88号'] },
    ]);
    expect(edit('再加一家 杭州市西湖区文三路90号，把 南京西路那家 删掉', 'nearby_locations')).toEqual([
      { key: 'nearby_locations', add: ['杭州市西湖区文三路90号'], remove: ['南京西路'] },
    ]);
    expect(read('再加一家 杭州市西湖区文三路90号，把 南京西路那家 删掉', 'nearby_locations')).toEqual({
      _edit: [{ item: 'nearby_locations', add: ['杭州市西湖区文三路90号'], remove: ['南京西路'] }],
    });
  });
  it('"not in this release" is n/a for an optional item; a bare skip only postpones', () => {
    expect(read('附近小程序这期先不做', 'nearby_locations')).toEqual({ nearby_locations: 'n/a' });
    expect(read('service messages not in this release', 'service_messages')).toEqual({ service_messages: 'n/a' });
    expect(read('跳过', 'functions_pages')).toEqual({});
    expect(readByRules('跳过', { expected: ['functions_pages'] }).outcome).toBe('skip');
  });
});

describe('context first: another item’s unlabelled word inside the answer opens nothing', () => {
  it('keeps copy whole around words of other items', () => {
    expect(read('定位失败：获取位置失败，请在设置中开启定位权限', 'error_copywriting')).toEqual({
      error_copywriting: '定位失败：获取位置失败，请在设置中开启定位权限',
    });
    expect(read('权限页说明就写：用于展示离你最近的门店位置', 'permission_page')).toEqual({
      permission_page: '用于展示离你最近的门店位置',
    });
  });
  it('a word of an item not asked, inside a question back to us, names nothing', () => {
    expect(read('弄好了 你们试下体验版能不能登录', 'developers')).toEqual({ developers: 'done' });
  });
  it('an SMS code is judged by its own clause: another template under review does not hold it back', () => {
    expect(read('登录验证码模板 SMS_512345678，营销类的还在审核', 'sms_template')).toEqual({
      sms_template: 'SMS_512345678',
    });
    expect(read('SMS_512345678 还在审核', 'sms_template')).toEqual({});
  });
  it('"no external pages" and video uploads say what the item is', () => {
    expect(read("we don't link to any external sites from the app", 'admin_url_whitelist')).toEqual({
      admin_url_whitelist: 'n/a',
    });
    expect(read('有短视频上传 许可证还没办', 'ugc_license')).toEqual({ ugc_license: { has_ugc: true } });
  });
  it('keeps a domain said of the server with the whitelist asked', () => {
    expect(read('跟服务器那边一样 api.shop.cn，备案 粤ICP备19012345号-2', 'admin_url_whitelist')).toEqual({
      admin_url_whitelist: { domains: ['api.shop.cn'], icp: '粤ICP备19012345号-2' },
    });
  });
});
