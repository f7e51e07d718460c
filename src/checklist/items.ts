/**
 * The seed checklist as data, once: every line of `shared/seed` is an item here or a rule of one. The
 * record below is keyed by item key, and `ItemKey`, the ordered key list and every lookup are derived
 * from it: adding an item is one entry here plus its copy in `src/i18n/{en,zh}/checklist.ts` (label,
 * question, hint and the words that name it: docs/architecture.md, "Adding an item"). The flow, the status
 * view, the reminders, the reader and the exports all read this one declaration.
 *
 *   const item = itemDef('developers');
 *   item.limit?.max({ verified: true }) // 20
 */
import type { Owner, Section, TaggedValue, ValueShape } from './vocabulary.js';

/** What a limit is computed from: facts already recorded on the release. */
export interface LimitContext {
  /** enterprise_account.verified, when known. */
  verified?: boolean;
}

export interface ItemLimit {
  /** The most entries the value may hold. */
  max: (ctx: LimitContext) => number;
}

/**
 * One item of the record, before its key is known: item references (`dependsOn`) are plain strings here
 * and checked against the derived `ItemKey` below, so a misspelt dependency fails to compile.
 */
interface ItemSpec<K extends string = string> {
  section: Section;
  owner: Owner;
  shape: ValueShape;
  /** Asked only once these have a value (or are n/a): verification sets the developer limit, etc. */
  dependsOn: readonly K[];
  /** Lower asks first among items whose dependencies are met. */
  priority: number;
  limit?: ItemLimit;
  /** Items the limit is computed from: a change of theirs re-checks the recorded value (verification → developers). */
  limitDependsOn?: readonly K[];
  /**
   * Each whitelisted domain needs an ICP filing (seed: "Must have ICP"). A client's half answer (domains whose
   * filing is still to come, or the filing alone) is kept and its other half asked (`followUp`); the domains a
   * client names for the MP whitelist are kept for the agency, whose submission (`submitted_at`) needs both.
   */
  requiresIcp?: boolean;
  /** Takes effect this long after submission (seed: "needs 24h before it takes action"). */
  waitHours?: number;
  /**
   * Where the client checks a timed item once its wait is over (the Beta, for the URL whitelist): naming that place
   * in the reply to the check ("the beta works") answers the check, not that item.
   */
  checkedIn?: K;
  /**
   * A value that puts the item in someone else's hands (merchant 申请中: the bank's approval): the item
   * is *waiting*, not nudged, and asked again `recheckAfterDays` later. Given the value tagged by kind.
   */
  waitsWhen?: (value: TaggedValue) => boolean;
  /** Days after the client says it is in progress (merchant 申请中) that the bot asks again, moved to a working hour. */
  recheckAfterDays?: number;
  /** Working days the item needs before the launch date (planning back: its latest safe date); 3 when absent. */
  leadDays?: number;
  /**
   * A value that answers only part of the item (UGC: yes, but which licence?): the item stays asked and
   * the follow-up question (`item.<key>.followup`) is asked instead of the first one. Given the value tagged by kind.
   */
  followUp?: (value: TaggedValue) => boolean;
  /** Quick answers a chat can offer as buttons. */
  choices?: readonly string[];
  /** Its value speaks of failures (error copy): "支付失败", "went wrong" in it are its words, not a problem report. */
  aboutFailures?: true;
  /** Collected privately, stored encrypted, never echoed. */
  secret?: boolean;
  /**
   * A release cannot exist without it (the account, its IDs, roles, developers, category): "does not
   * apply" is refused with its reason. Every other item accepts n/a (DESIGN.md, "any item the client says
   * does not apply → n/a"): see `acceptsNa`.
   */
  naRefused?: true;
  /** The item is itself the custom version of something WeChat has ("custom app icon"): refusing it is n/a. */
  custom?: true;
  /**
   * Answered or backed by a file. `upload`: the icon, share images, a page design, an ICP screenshot — the
   * client page offers an upload field, and a file sent in the chat lands on it. `chat`: a file sent in the
   * chat while it is asked (or naming it) lands on it (a page screenshot, a licence scan), no upload field.
   */
  files?: 'upload' | 'chat';
  /** A list that runs long (20 developers, 10 stores with their addresses): first asking it offers the client page. */
  longList?: boolean;
  /**
   * Inside a sentence about this item, these items' keywords (by item key) or these keywords of other items
   * do not start a new item: "开放平台 AppID …" stays Open Platform; "类目：餐饮（需要食品经营许可证）" stays
   * the category. The reader's rule (src/checklist/parse/keywords.ts, `isAbsorbed`), as item data.
   */
  absorbs?: readonly string[];
  /**
   * A fact that rarely changes between releases (the account, its IDs, developers, domains): a repeat
   * release carries it forward and asks the client to confirm it; the others start fresh each time.
   */
  carry?: boolean;
  /**
   * Names that are the answer itself, in any language (analytics products: GrowingIO, 神策): each names
   * the item in a client's message, like its keywords, and is read as its value, not as a label. The
   * language words that name an item are its copy (`itemKeywords` in src/i18n/{en,zh}/checklist.ts).
   */
  valueWords?: readonly string[];
  /**
   * The item's value, when it is not a status (done, n/a), is a code of this shape and nothing else: the SMS
   * template's AliCloud code (SMS_ + digits). Free words about it — a signature, a test phone number, another
   * provider — are no value (the reader's rule, src/checklist/parse/read-text.ts).
   */
  code?: RegExp;
  /**
   * Words that say this item works, in its own terms, for a confirmation the general done words miss: the auth popup
   * `出来了` / `有了`, the expired token that `自动登回去了`. Not-done words still win (the reader's rule,
   * src/checklist/parse/read-text.ts, `readConfirmation`).
   */
  doneWords?: RegExp;
  /**
   * The names of what the item sets up, lower case, in any language (WeChat's member roles: 管理员, 运营者, 开发者,
   * 体验成员, Admin, Developer …). While the item is asked, another item's keyword listed among them ("管理员 运营 开发
   * 体验成员 都加上了") is one of these names, not that item (src/checklist/parse/pass.ts); and a reply that reports the
   * item name by name ("运营和数据分析加了，开发者那个还没") speaks of these, not of the item whose word one of them is
   * (src/checklist/parse/keywords.ts, `namesByParts`).
   */
  members?: readonly string[];
}

export const DEVELOPER_LIMIT_VERIFIED = 20;
export const DEVELOPER_LIMIT_UNVERIFIED = 10;
export const FUNCTIONS_PAGES_LIMIT = 5;
export const NEARBY_LOCATIONS_LIMIT = 10;
export const SERVICE_MESSAGES_LIMIT = 3;
export const URL_WHITELIST_WAIT_HOURS = 24;
/** Days after the client says an item waits on someone else, with no date, that the bot asks again (an item's `recheckAfterDays` wins). */
export const WAITING_RECHECK_DAYS = 7;

const fixed = (n: number): ItemLimit => ({ max: () => n });

export const CHECKLIST = {
  // === Preparation — WeChat Admin UI
  enterprise_account: {
    naRefused: true,
    section: 'preparation',
    owner: 'client',
    shape: 'enterprise',
    carry: true,
    dependsOn: [],
    priority: 10,
    choices: ['verified', 'unverified'],
  },
  app_id: {
    naRefused: true,
    section: 'preparation',
    owner: 'client',
    shape: 'app_id',
    carry: true,
    dependsOn: [],
    priority: 11,
    leadDays: 10,
  },
  app_secret: {
    naRefused: true,
    section: 'preparation',
    owner: 'client',
    shape: 'secret',
    carry: true,
    dependsOn: ['app_id'],
    priority: 20,
    secret: true,
  },
  roles: {
    section: 'preparation',
    owner: 'client',
    shape: 'confirmation',
    naRefused: true,
    dependsOn: ['app_id'],
    priority: 30,
    // "数据分析是财务那边的同事": the Data Analyst role, not the analytics platform.
    absorbs: ['数据分析'],
    // The role names, as WeChat shows them in both languages.
    members: [
      '管理员',
      '项目经理',
      '运营者',
      '运营',
      '开发者',
      '开发',
      '数据分析者',
      '数据分析员',
      '数据分析',
      '体验成员',
      '体验者',
      'admin',
      'administrator',
      'project manager',
      'operator',
      'developer',
      'data analyst',
      'view mp',
      'viewer',
    ],
  },
  developers: {
    naRefused: true,
    section: 'preparation',
    owner: 'client',
    shape: 'wechat_ids',
    carry: true,
    dependsOn: ['enterprise_account', 'app_id'],
    priority: 30,
    limit: { max: (ctx) => (ctx.verified === false ? DEVELOPER_LIMIT_UNVERIFIED : DEVELOPER_LIMIT_VERIFIED) },
    limitDependsOn: ['enterprise_account'],
    longList: true,
  },
  functions_pages: {
    section: 'preparation',
    owner: 'client',
    shape: 'pages',
    dependsOn: ['app_id'],
    priority: 50,
    limit: fixed(FUNCTIONS_PAGES_LIMIT),
    files: 'chat',
    absorbs: ['mp_category', '评论'],
  },
  beta_whitelist: {
    section: 'preparation',
    owner: 'client',
    shape: 'wechat_ids',
    carry: true,
    dependsOn: ['app_id'],
    priority: 40,
    leadDays: 5,
    longList: true,
    absorbs: ['admin_url_whitelist', 'mp_url_whitelist'],
  },
  mp_category: {
    naRefused: true,
    section: 'preparation',
    owner: 'client',
    shape: 'name',
    carry: true,
    dependsOn: ['enterprise_account'],
    priority: 35,
    files: 'chat',
    absorbs: ['许可证', 'licence', 'license', '资质', '备案'],
  },
  ugc_license: {
    section: 'preparation',
    owner: 'client',
    shape: 'ugc',
    carry: true,
    dependsOn: ['mp_category'],
    priority: 45,
    choices: ['yes', 'no'],
    leadDays: 10,
    // UGC = yes without a licence: the licence becomes its own question.
    followUp: (v) => v.kind === 'ugc' && v.ugc.has_ugc && !v.ugc.licence,
    files: 'chat',
  },
  template_ids: {
    section: 'preparation',
    owner: 'client',
    shape: 'template_ids',
    carry: true,
    dependsOn: ['app_id'],
    priority: 40,
  },
  // === Other
  analytics_platform: {
    section: 'other',
    owner: 'client',
    shape: 'name',
    dependsOn: [],
    priority: 60,
    valueWords: [
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
    ],
  },
  servers: {
    section: 'other',
    owner: 'agency',
    shape: 'text',
    dependsOn: [],
    priority: 90,
    absorbs: ['地址', '位置', 'domain', '域名', '备案', 'beta_whitelist'],
  },
  open_platform: {
    section: 'other',
    owner: 'client',
    shape: 'open_platform',
    carry: true,
    dependsOn: ['app_id'],
    priority: 70,
    choices: ['no'],
    absorbs: ['app_id', 'app_secret'],
    // Registered and bound, said without its App ID: the App ID and secret are asked next.
    followUp: (v) => v.kind === 'status' && v.status === 'done',
  },
  merchant_account: {
    section: 'other',
    owner: 'client',
    shape: 'merchant',
    carry: true,
    dependsOn: [],
    priority: 12,
    choices: ['active', 'applying', 'none'],
    // 申请中: waiting on the bank, asked again in a week ("我们会在一周后再问一次").
    waitsWhen: (v) => v.kind === 'merchant' && v.account.status === 'applying',
    recheckAfterDays: 7,
    leadDays: 7,
  },
  nearby_locations: {
    section: 'other',
    owner: 'client',
    shape: 'locations',
    dependsOn: ['app_id'],
    priority: 65,
    limit: fixed(NEARBY_LOCATIONS_LIMIT),
    longList: true,
  },
  admin_url_whitelist: {
    section: 'other',
    owner: 'client',
    shape: 'url_whitelist',
    carry: true,
    dependsOn: ['app_id'],
    priority: 55,
    requiresIcp: true,
    // Domains without their ICP filing, or the filing alone: the missing half becomes the question.
    followUp: (v) => v.kind === 'whitelist' && (!v.whitelist.icp || v.whitelist.domains.length === 0),
    leadDays: 10,
    files: 'upload',
    absorbs: ['mp_url_whitelist'],
  },
  // === Development
  sentry: {
    section: 'development',
    owner: 'agency',
    shape: 'confirmation',
    dependsOn: [],
    priority: 90,
    valueWords: ['sentry'],
    // "项目邀请收到了，能看到报错", "I can see the errors": the client is in the project and sees its events.
    doneWords:
      /(?:能|可以)看到(?:报错|错误|事件|日志|issue)|\b(?:can|could) see (?:the )?(?:errors|events|issues)\b|\baccepted (?:the |your )?invit|(?:已经?|都)(?:接上|接好|接入|集成|integrate)\s*了|(?<![没未还不用要需备算])(?:接上|接好)了|\b(?:has been |is |was )integrated\b|\b(?:is|'s) live\b|'s in(?=\s*(?:$|[.,!✅]))|(?:能|可以|已经?)收到(?:了)?(?:报错|报警|告警|错误)|报警邮件收到了|(?<!\b(?:no|not|any)\s)\b(?:events?|errors?) (?:are )?(?:coming|came) (?:in|thru|through)\b(?!\s+yet)|\bsaw the first (?:events?|errors?)\b/i,
  },
  relogin_on_401_403: {
    section: 'development',
    owner: 'agency',
    shape: 'confirmation',
    dependsOn: [],
    priority: 90,
    // "用过期token试了 自动登回去了", "it logged me back in": the expired session led back into the app.
    doneWords:
      /(?:自动|重新)?登(?:录)?回(?:去|来)了|自动(?:重新)?登录了|重新登录(?:成功|正常)|(?:跳|回)到(?:了)?登录页了|\blogged (?:me |us |them |you )?(?:back )?in again\b|\blogged (?:me |us |them |you )?back in\b|\bre-?logged in\b|(?:自动)?重新登录(?:了|也)?\s*(?:没问题|正常|ok)(?!\s*吧)|\bre-?login works\b|\bredirect(?:ed|s) (?:me |us )?to (?:the )?login\b/i,
  },
  wechat_auth: {
    section: 'development',
    owner: 'agency',
    shape: 'confirmation',
    dependsOn: [],
    priority: 90,
    // "授权弹窗出来了", "弹窗有了", "the popup shows up": the popup is there.
    doneWords:
      /(?:弹窗|弹框|授权框|popup|pop-up)\s*(?:已经|也)?\s*(?:出来了|出现了|有了|弹出来了|能弹出来|正常(?:了|弹出)?)|(?<![没未不])(?:弹|跳)出来了|(?:打开|进去|进入|首次|第一次)[^,;。]{0,6}(?<![没未不会再])有(?:授权)?弹窗(?:授权)?了|\b(?:popup|pop-up|prompt)\b[^.;,!?]{0,12}\b(?:shows|showed|appears|appeared|comes up|came up|pops up|popped up)\b|头像(?:和|、|\s)?昵称(?:都|也)?(?:能|可以)?(?:拿到|获取到)了?|(?:弹窗|弹框|popup)\s*(?:也|都)?(?:看到了|见到了)|\bsaw the (?:auth )?popup\b|\b(?:got|gets|can get) (?:the )?(?:avatar|nickname)s?\b/i,
  },
  sms_template: {
    section: 'development',
    owner: 'agency_or_client',
    shape: 'confirmation_or_text',
    code: /^SMS_\d{6,12}$/,
    dependsOn: [],
    priority: 75,
  },
  sharing_flow: {
    section: 'development',
    owner: 'client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 80,
    files: 'upload',
  },
  app_icon: {
    // The custom icon (DESIGN.md): "不需要自定义图标，用默认的" makes it n/a (docs/reader.md, "Round 16").
    custom: true,
    section: 'development',
    owner: 'client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 80,
    files: 'upload',
  },
  permission_page: {
    custom: true,
    section: 'development',
    owner: 'agency_or_client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 85,
    files: 'upload',
  },
  service_messages: {
    section: 'development',
    owner: 'client',
    shape: 'service_messages',
    dependsOn: ['app_id'],
    priority: 70,
    limit: fixed(SERVICE_MESSAGES_LIMIT),
  },
  mp_url_whitelist: {
    section: 'development',
    owner: 'agency_wait',
    shape: 'url_whitelist',
    dependsOn: ['app_id'],
    priority: 90,
    requiresIcp: true,
    waitHours: URL_WHITELIST_WAIT_HOURS,
    checkedIn: 'beta_whitelist',
    leadDays: 2,
    files: 'chat',
    absorbs: ['admin_url_whitelist'],
  },
  error_copywriting: {
    aboutFailures: true,
    section: 'development',
    owner: 'client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 85,
  },
} as const satisfies Record<string, ItemSpec>;

/** An item's key: a key of the record, so the record is the one list of items. */
export type ItemKey = keyof typeof CHECKLIST;

/** An item as callers see it: its key and its definition, item references typed as item keys. */
export interface ItemDef extends ItemSpec<ItemKey> {
  key: ItemKey;
}

/** The record seen through `ItemDef`: this assignment is what checks `dependsOn` names real items. */
const DEFS: { readonly [K in ItemKey]: ItemSpec<ItemKey> } = CHECKLIST;

/** Item keys in checklist order (the record's order: sections top to bottom). */
export const ITEM_KEYS: readonly ItemKey[] = Object.keys(DEFS) as ItemKey[];

/** Every item's definition, in checklist order. */
export const ITEM_DEFS: readonly ItemDef[] = ITEM_KEYS.map((key) => ({ key, ...DEFS[key] }));

const BY_KEY = new Map<ItemKey, ItemDef>(ITEM_DEFS.map((d) => [d.key, d]));

export function isItemKey(s: string): s is ItemKey {
  return Object.hasOwn(DEFS, s);
}

const POSITION = new Map<ItemKey, number>(ITEM_KEYS.map((k, i) => [k, i]));

/** Sorts item keys the way the checklist lists them: `keys.sort(byChecklistOrder)`. */
export function byChecklistOrder(a: ItemKey, b: ItemKey): number {
  return (POSITION.get(a) ?? 0) - (POSITION.get(b) ?? 0);
}

export function itemDef(key: ItemKey): ItemDef {
  const def = BY_KEY.get(key);
  if (!def) throw new Error(`Unknown checklist item "${key}"`);
  return def;
}

/** Whether the client may say the item does not apply (recorded as "n/a"); the few a release needs refuse it. */
export function acceptsNa(def: ItemDef): boolean {
  return def.naRefused !== true;
}

/** Items the bot asks the client about (the agency-only ones are tracked, not asked). */
export function isAskedOfClient(def: ItemDef): boolean {
  return def.owner === 'client' || def.owner === 'agency_or_client';
}
