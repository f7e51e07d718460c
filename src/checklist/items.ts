/**
 * The seed checklist as data: every line of `shared/seed` is an item here or a rule of one.
 * The flow, the status view, the reminders and the exports all read this one declaration;
 * the words (labels, questions, how-to hints) live in `src/i18n/{en,zh}`, keyed by item key.
 *
 *   const item = itemDef('developers');
 *   item.limit?.max({ verified: true }) // 20
 */
import type { ItemKey, ItemValue, Owner, Section, ValueShape } from './types.js';

/** What a limit is computed from: facts already recorded on the release. */
export interface LimitContext {
  /** enterprise_account.verified, when known. */
  verified?: boolean;
}

export interface ItemLimit {
  /** The most entries the value may hold. */
  max: (ctx: LimitContext) => number;
}

export interface ItemDef {
  key: ItemKey;
  section: Section;
  owner: Owner;
  shape: ValueShape;
  /** Asked only once these have a value (or are n/a): verification sets the developer limit, etc. */
  dependsOn: ItemKey[];
  /** Lower asks first among items whose dependencies are met. */
  priority: number;
  limit?: ItemLimit;
  /** Items the limit is computed from: a change of theirs re-checks the recorded value (verification → developers). */
  limitDependsOn?: ItemKey[];
  /** Each whitelisted domain needs an ICP filing (seed: "Must have ICP"). */
  requiresIcp?: boolean;
  /** Takes effect this long after submission (seed: "needs 24h before it takes action"). */
  waitHours?: number;
  /**
   * A value that puts the item in someone else's hands (merchant 申请中: the bank's approval): the item
   * is *waiting*, not nudged, and asked again `recheckAfterDays` later.
   */
  waitsWhen?: (value: ItemValue) => boolean;
  /** Days after the client says it is in progress (merchant 申请中) that the bot asks again, moved to a working hour. */
  recheckAfterDays?: number;
  /** Working days the item needs before the launch date (planning back: its latest safe date); 3 when absent. */
  leadDays?: number;
  /**
   * A value that answers only part of the item (UGC: yes, but which licence?): the item stays asked and
   * the follow-up question (`item.<key>.followup`) is asked instead of the first one.
   */
  followUp?: (value: ItemValue) => boolean;
  /** Quick answers a chat can offer as buttons. */
  choices?: readonly string[];
  /** Collected privately, stored encrypted, never echoed. */
  secret?: boolean;
  /** Not needed for every MP: the client may say it does not apply. */
  optional?: boolean;
  /** Answered (or backed) by a file: the icon, share images, a page design, an ICP screenshot. The client page offers an upload. */
  takesFiles?: boolean;
  /**
   * A fact that rarely changes between releases (the account, its IDs, developers, domains): a repeat
   * release carries it forward and asks the client to confirm it; the others start fresh each time.
   */
  carry?: boolean;
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

export const CHECKLIST: readonly ItemDef[] = [
  // === Preparation — WeChat Admin UI
  {
    key: 'enterprise_account',
    section: 'preparation',
    owner: 'client',
    shape: 'enterprise',
    carry: true,
    dependsOn: [],
    priority: 10,
    choices: ['verified', 'unverified'],
  },
  {
    key: 'app_id',
    section: 'preparation',
    owner: 'client',
    shape: 'app_id',
    carry: true,
    dependsOn: [],
    priority: 11,
    leadDays: 10,
  },
  {
    key: 'app_secret',
    section: 'preparation',
    owner: 'client',
    shape: 'secret',
    carry: true,
    dependsOn: ['app_id'],
    priority: 20,
    secret: true,
  },
  { key: 'roles', section: 'preparation', owner: 'client', shape: 'confirmation', dependsOn: ['app_id'], priority: 30 },
  {
    key: 'developers',
    section: 'preparation',
    owner: 'client',
    shape: 'wechat_ids',
    carry: true,
    dependsOn: ['enterprise_account', 'app_id'],
    priority: 30,
    limit: { max: (ctx) => (ctx.verified === false ? DEVELOPER_LIMIT_UNVERIFIED : DEVELOPER_LIMIT_VERIFIED) },
    limitDependsOn: ['enterprise_account'],
  },
  {
    key: 'functions_pages',
    section: 'preparation',
    owner: 'client',
    shape: 'pages',
    dependsOn: ['app_id'],
    priority: 50,
    limit: fixed(FUNCTIONS_PAGES_LIMIT),
    optional: true,
  },
  {
    key: 'beta_whitelist',
    section: 'preparation',
    owner: 'client',
    shape: 'wechat_ids',
    carry: true,
    dependsOn: ['app_id'],
    priority: 40,
    leadDays: 5,
  },
  {
    key: 'mp_category',
    section: 'preparation',
    owner: 'client',
    shape: 'name',
    carry: true,
    dependsOn: ['enterprise_account'],
    priority: 35,
  },
  {
    key: 'ugc_license',
    section: 'preparation',
    owner: 'client',
    shape: 'ugc',
    carry: true,
    dependsOn: ['mp_category'],
    priority: 45,
    choices: ['yes', 'no'],
    leadDays: 10,
    // UGC = yes without a licence: the licence becomes its own question.
    followUp: (v) => typeof v === 'object' && v !== null && 'has_ugc' in v && v.has_ugc === true && !v.licence,
  },
  {
    key: 'template_ids',
    section: 'preparation',
    owner: 'client',
    shape: 'template_ids',
    carry: true,
    dependsOn: ['app_id'],
    priority: 40,
  },
  // === Other
  {
    key: 'analytics_platform',
    section: 'other',
    owner: 'client',
    shape: 'name',
    dependsOn: [],
    priority: 60,
    optional: true,
  },
  { key: 'servers', section: 'other', owner: 'agency', shape: 'text', dependsOn: [], priority: 90 },
  {
    key: 'open_platform',
    section: 'other',
    owner: 'client',
    shape: 'open_platform',
    carry: true,
    dependsOn: ['app_id'],
    priority: 70,
    optional: true,
    choices: ['no'],
  },
  {
    key: 'merchant_account',
    section: 'other',
    owner: 'client',
    shape: 'merchant',
    carry: true,
    dependsOn: [],
    priority: 12,
    choices: ['active', 'applying', 'none'],
    optional: true,
    // 申请中: waiting on the bank, asked again in a week ("我们会在一周后再问一次").
    waitsWhen: (v) => typeof v === 'object' && v !== null && 'status' in v && v.status === 'applying',
    recheckAfterDays: 7,
    leadDays: 7,
  },
  {
    key: 'nearby_locations',
    section: 'other',
    owner: 'client',
    shape: 'locations',
    dependsOn: ['app_id'],
    priority: 65,
    limit: fixed(NEARBY_LOCATIONS_LIMIT),
    optional: true,
  },
  {
    key: 'admin_url_whitelist',
    section: 'other',
    owner: 'client',
    shape: 'url_whitelist',
    carry: true,
    dependsOn: ['app_id'],
    priority: 55,
    requiresIcp: true,
    optional: true,
    leadDays: 10,
    takesFiles: true,
  },
  // === Development
  { key: 'sentry', section: 'development', owner: 'agency', shape: 'confirmation', dependsOn: [], priority: 90 },
  {
    key: 'relogin_on_401_403',
    section: 'development',
    owner: 'agency',
    shape: 'confirmation',
    dependsOn: [],
    priority: 90,
  },
  { key: 'wechat_auth', section: 'development', owner: 'agency', shape: 'confirmation', dependsOn: [], priority: 90 },
  {
    key: 'sms_template',
    section: 'development',
    owner: 'agency_or_client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 75,
    optional: true,
  },
  {
    key: 'sharing_flow',
    section: 'development',
    owner: 'client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 80,
    takesFiles: true,
  },
  {
    key: 'app_icon',
    section: 'development',
    owner: 'client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 80,
    takesFiles: true,
  },
  {
    key: 'permission_page',
    section: 'development',
    owner: 'agency_or_client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 85,
    takesFiles: true,
  },
  {
    key: 'service_messages',
    section: 'development',
    owner: 'client',
    shape: 'service_messages',
    dependsOn: ['app_id'],
    priority: 70,
    limit: fixed(SERVICE_MESSAGES_LIMIT),
    optional: true,
  },
  {
    key: 'mp_url_whitelist',
    section: 'development',
    owner: 'agency_wait',
    shape: 'url_whitelist',
    dependsOn: ['app_id'],
    priority: 90,
    requiresIcp: true,
    waitHours: URL_WHITELIST_WAIT_HOURS,
    leadDays: 2,
  },
  {
    key: 'error_copywriting',
    section: 'development',
    owner: 'client',
    shape: 'confirmation_or_text',
    dependsOn: [],
    priority: 85,
  },
];

const BY_KEY = new Map<ItemKey, ItemDef>(CHECKLIST.map((d) => [d.key, d]));

export function itemDef(key: ItemKey): ItemDef {
  const def = BY_KEY.get(key);
  if (!def) throw new Error(`Unknown checklist item "${key}"`);
  return def;
}

/** Items the bot asks the client about (the agency-only ones are tracked, not asked). */
export function isAskedOfClient(def: ItemDef): boolean {
  return def.owner === 'client' || def.owner === 'agency_or_client';
}
