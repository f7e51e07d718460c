/**
 * Which words name which checklist item, as data. A keyword anchors the text around it to its item
 * ("商户号还在申请中" → merchant_account). Longest match wins at a position ("短信模板" is the SMS template,
 * not the subscription "模板"); English words match whole words only.
 *
 *   findHits('AppID wx…，商户号还在申请中') // [{ item: 'app_id', … }, { item: 'merchant_account', … }]
 */
import type { ItemKey } from '../types.js';
import { lowerAscii } from './normalize.js';
import { tick } from './work.js';

/** Analytics platforms by name: each names the analytics item and is its value too. */
const ANALYTICS_PLATFORMS = [
  'growingio',
  'growing io',
  '神策',
  'sensors data',
  'sensorsdata',
  '友盟',
  'umeng',
  '百度统计',
  'talkingdata',
  'google analytics',
  '诸葛io',
  'mixpanel',
  '腾讯有数',
  'we分析',
] as const;

export const KEYWORDS: Readonly<Record<ItemKey, readonly string[]>> = {
  enterprise_account: [
    '企业主体',
    '企业',
    '主体',
    '公司主体',
    '公司名下',
    '公司账号',
    '个人主体',
    '个人号',
    '个人账号',
    '个体',
    '认证',
    'enterprise',
    'company account',
    'business account',
    'company entity',
    'registered under',
    'registered to',
    'verified',
    'unverified',
    'verification',
    'individual',
    'personal account',
    'organization',
    'organisation',
  ],
  app_id: [
    'appid',
    'app id',
    'app_id',
    'app-id',
    '小程序id',
    '小程序的id',
    '小程序 id',
    'mini program id',
    'mini-program id',
    'miniprogram id',
    'mp id',
  ],
  app_secret: ['appsecret', 'app secret', 'app_secret', 'secret', '密钥', '秘钥', '小程序密钥', 'app密钥'],
  roles: ['角色', '成员', 'roles', 'role', 'members', '数据分析员', '数据分析者', 'data analyst', 'project manager'],
  developers: ['开发者', '开发人员', '开发成员', 'developer', 'developers', 'developper', 'devs'],
  functions_pages: [
    '功能页面',
    '功能页',
    '配置功能页面',
    'functions page',
    'functions pages',
    'function page',
    'function pages',
  ],
  beta_whitelist: [
    '体验者',
    '体验成员',
    '体验版',
    '体验人员',
    '体验权限',
    '体验白名单',
    '体验版白名单',
    '测试人员',
    '测试成员',
    'beta',
    'staging',
    'tester',
    'testers',
  ],
  mp_category: ['服务类目', '类目', '经营类目', 'category', 'categories', 'mp category', 'mini program category'],
  ugc_license: [
    'ugc',
    '用户生成内容',
    '用户内容',
    '用户发布',
    '用户评论',
    '评论',
    '发帖',
    '晒单',
    '社区',
    'user-generated',
    'user generated',
    'user content',
    'comments',
    'reviews',
    'user reviews',
    'icp licence',
    'icp license',
    'icp commercial license',
    'icp commercial licence',
    '发内容',
    '发帖子',
    'icp许可证',
    'icp经营许可证',
    'edi许可证',
    'edi licence',
    'edi license',
    '许可证',
    'licence',
    'license',
    '资质',
  ],
  template_ids: [
    '模板id',
    '模板',
    '模版',
    '订阅消息',
    '订阅模板',
    'template',
    'templates',
    'tempalte',
    'teamplate',
    'template id',
    'template ids',
    'subscription message',
    'subscription messages',
  ],
  analytics_platform: [
    '分析平台',
    '数据分析',
    '统计平台',
    '数据统计',
    '埋点',
    '统计',
    'analytics',
    'tracking',
    ...ANALYTICS_PLATFORMS,
  ],
  servers: ['服务器', '云服务器', '生产环境', '正式环境', '主机', 'server', 'servers', 'prod', 'production', 'ecs'],
  open_platform: [
    '开放平台',
    'open platform',
    'openplatform',
    '绑定公众号',
    '公众号绑定',
    '关联公众号',
    'official account',
  ],
  merchant_account: [
    '商户号',
    '商户',
    '微信支付',
    '支付',
    '收款',
    'merchant',
    'merchent',
    'merchant id',
    'wechat pay',
    'payment',
    'payments',
    'pay',
    'mch_id',
    'mchid',
  ],
  nearby_locations: [
    '附近小程序',
    '附近的小程序',
    '附近',
    '门店',
    '店铺',
    '地址',
    '位置',
    'nearby',
    'location',
    'locations',
    'address',
    'addresses',
    'stores',
    'shops',
    'branches',
  ],
  admin_url_whitelist: [
    '域名',
    '业务域名',
    '白名单',
    '网址',
    '备案',
    '备案号',
    'icp',
    '外部链接',
    'domain',
    'domains',
    'whitelist',
    'whitelisted',
    'url',
    'urls',
  ],
  sentry: ['sentry'],
  relogin_on_401_403: ['重新登录', '重新登陆', '401/403', '403/401', 're-login', 'relogin'],
  wechat_auth: ['授权弹窗', '微信授权', '授权登录', '微信登录', 'auth popup', 'wechat auth', 'wechat login'],
  sms_template: ['短信模板', '短信模版', '短信', '阿里云短信', 'sms', 'sms template'],
  sharing_flow: [
    '分享',
    '转发',
    'share',
    'sharing',
    '分享图',
    '分享图片',
    '分享海报',
    '分享卡片',
    'share assets',
    'share image',
    'share images',
    'share card',
    'share cards',
  ],
  app_icon: ['图标', 'icon', 'logo', '头像'],
  permission_page: ['权限页', '权限页面', '授权页', '授权页面', '隐私页', 'permission page', 'permissions page'],
  service_messages: ['服务消息', '服务通知', '客服消息', 'service message', 'service messages'],
  mp_url_whitelist: [
    '服务器域名',
    '合法域名',
    'request合法域名',
    'socket合法域名',
    '小程序白名单',
    'mp whitelist',
    'mp url whitelist',
    'request domain',
    'request domains',
    'server domain',
    'server domains',
  ],
  error_copywriting: [
    '错误文案',
    '报错文案',
    '错误提示',
    '报错提示',
    '错误信息',
    '报错信息',
    'error copy',
    'error copywriting',
    'error message',
    'error messages',
    'error text',
  ],
};

/** Words that name something else and must not anchor an item: 企业微信 is WeCom, not an enterprise account. */
const IGNORED = ['企业微信', '小程序码', '项目id', 'project id'];

/** Keywords that are part of the value, not a label: "GrowingIO" is the analytics platform itself. */
export const VALUE_WORDS: ReadonlySet<string> = new Set([...ANALYTICS_PLATFORMS, 'sentry']);

/**
 * Inside a sentence about the first item, these items' keywords (or these words) do not start a new
 * item: "开放平台 AppID …" stays Open Platform; "类目：餐饮（需要食品经营许可证）" stays the category.
 */
const ABSORBS: Partial<Record<ItemKey, readonly string[]>> = {
  functions_pages: ['mp_category', '评论'],
  mp_category: ['许可证', 'licence', 'license', '资质', '备案'],
  servers: ['地址', '位置', 'domain', '域名', '备案'],
  open_platform: ['app_id', 'app_secret'],
  beta_whitelist: ['admin_url_whitelist', 'mp_url_whitelist'],
  admin_url_whitelist: ['mp_url_whitelist'],
  mp_url_whitelist: ['admin_url_whitelist'],
};

export interface Hit {
  start: number;
  end: number;
  /** null: an ignored word. */
  item: ItemKey | null;
  word: string;
}

const ENTRIES: readonly { word: string; item: ItemKey | null }[] = [
  ...Object.entries(KEYWORDS).flatMap(([item, words]) => words.map((word) => ({ word, item: item as ItemKey }))),
  ...IGNORED.map((word) => ({ word, item: null })),
];

const ASCII_WORD = /[a-z0-9_]/;

function atWordEdges(text: string, start: number, end: number, word: string): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  if (ASCII_WORD.test(word[0] ?? '') && ASCII_WORD.test(before)) return false;
  if (ASCII_WORD.test(word.at(-1) ?? '') && ASCII_WORD.test(after)) return false;
  return true;
}

/** Every keyword occurrence, longest first at each position, none overlapping. */
export function findHits(text: string): Hit[] {
  const lower = lowerAscii(text);
  tick(text.length * ENTRIES.length); // each keyword is looked for once over the text
  const all: Hit[] = [];
  for (const { word, item } of ENTRIES) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      const end = at + word.length;
      tick();
      if (atWordEdges(lower, at, end, word)) all.push({ start: at, end, item, word });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const hit of all) if (kept.every((k) => hit.start >= k.end || hit.end <= k.start)) kept.push(hit);
  return kept;
}

/** Whether a hit stays inside the segment of `current` (see ABSORBS). */
export function isAbsorbed(current: ItemKey, hit: Hit): boolean {
  if (hit.item === null || hit.item === current) return true;
  const absorbed = ABSORBS[current] ?? [];
  return absorbed.includes(hit.item) || absorbed.includes(hit.word);
}

/** Whether `current` keeps this very word inside its segment, labelled or not ("类目…，资质是 …"). */
export function absorbsWord(current: ItemKey, hit: Hit): boolean {
  return (ABSORBS[current] ?? []).includes(hit.word);
}
