/**
 * The release checklist's vocabulary: item keys, sections, owners, statuses and value shapes
 * (DESIGN.md, "Values, as the bot stores and prints them").
 */

export const ITEM_KEYS = [
  // Preparation — WeChat Admin UI
  'enterprise_account',
  'app_id',
  'app_secret',
  'roles',
  'developers',
  'functions_pages',
  'beta_whitelist',
  'mp_category',
  'ugc_license',
  'template_ids',
  // Other
  'analytics_platform',
  'servers',
  'open_platform',
  'merchant_account',
  'nearby_locations',
  'admin_url_whitelist',
  // Development
  'sentry',
  'relogin_on_401_403',
  'wechat_auth',
  'sms_template',
  'sharing_flow',
  'app_icon',
  'permission_page',
  'service_messages',
  'mp_url_whitelist',
  'error_copywriting',
] as const;

export type ItemKey = (typeof ITEM_KEYS)[number];

export function isItemKey(s: string): s is ItemKey {
  return (ITEM_KEYS as readonly string[]).includes(s);
}

const POSITION = new Map<ItemKey, number>(ITEM_KEYS.map((k, i) => [k, i]));

/** Sorts item keys the way the checklist lists them: `keys.sort(byChecklistOrder)`. */
export function byChecklistOrder(a: ItemKey, b: ItemKey): number {
  return (POSITION.get(a) ?? 0) - (POSITION.get(b) ?? 0);
}

export type Section = 'preparation' | 'other' | 'development';
export const SECTIONS: readonly Section[] = ['preparation', 'other', 'development'];

/** C = client answers, A = agency does it (tracked), AC = either, AW = agency then a timed wait. */
export type Owner = 'client' | 'agency' | 'agency_or_client' | 'agency_wait';

export const ITEM_STATUSES = ['todo', 'asked', 'answered', 'waiting', 'done', 'blocked', 'n/a'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses that count as finished for progress. */
export const FINISHED: ReadonlySet<ItemStatus> = new Set<ItemStatus>(['answered', 'done', 'n/a']);

export interface EnterpriseAccount {
  registered: boolean;
  verified?: boolean;
}
export type MerchantStatus = 'none' | 'applying' | 'active';
export interface MerchantAccount {
  status: MerchantStatus;
  merchant_id?: string;
}
export interface UrlWhitelist {
  domains: string[];
  icp?: string;
  submitted_at?: string;
}
export interface UgcLicense {
  has_ugc: boolean;
  licence?: string;
}
/** What an item holds for a secret: the ciphertext lives in the secrets table. */
export interface SecretOnFile {
  on_file: true;
  last4: string;
}
export interface OpenPlatform {
  app_id: string;
  secret?: SecretOnFile;
}

export type ItemValue =
  | 'done'
  | 'n/a'
  | string
  | string[]
  | EnterpriseAccount
  | MerchantAccount
  | UrlWhitelist
  | UgcLicense
  | SecretOnFile
  | OpenPlatform;

/** How an item's value is read, validated and printed. */
export type ValueShape =
  | 'enterprise'
  | 'app_id'
  | 'secret'
  | 'confirmation'
  | 'wechat_ids'
  | 'pages'
  | 'text'
  | 'name'
  | 'ugc'
  | 'template_ids'
  | 'open_platform'
  | 'merchant'
  | 'locations'
  | 'url_whitelist'
  | 'service_messages'
  | 'confirmation_or_text';
