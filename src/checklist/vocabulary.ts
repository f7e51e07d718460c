/**
 * The checklist's vocabulary that does not name items: sections, owners, statuses and value shapes (how
 * each prints: `displayValue` in src/status/format.ts; docs/architecture.md). The items themselves, and
 * so `ItemKey`, are the checklist record (items.ts); `./types.js` re-exports both for callers.
 */

export type Section = 'preparation' | 'other' | 'development';
export const SECTIONS: readonly Section[] = ['preparation', 'other', 'development'];

/** C = client answers, A = agency does it (tracked), AC = either, AW = agency then a timed wait. */
export type Owner = 'client' | 'agency' | 'agency_or_client' | 'agency_wait';

export const ITEM_STATUSES = ['todo', 'asked', 'answered', 'waiting', 'done', 'blocked', 'n/a'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses that count as finished for progress. */
export const FINISHED: ReadonlySet<ItemStatus> = new Set<ItemStatus>(['answered', 'done', 'n/a']);

/** "没认证" alone says nothing of whose account it is; "已认证" says it is a company's (only those can be verified). */
export interface EnterpriseAccount {
  registered?: boolean;
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

/**
 * An item's value tagged by what it is, from its item's shape: `tagged(key, value)` in values.ts. Code
 * switches on `kind` (exhaustively) instead of probing the stored object; the stored JSON keeps its shape.
 */
export type TaggedValue =
  | { kind: 'none' }
  | { kind: 'status'; status: 'done' | 'n/a' }
  | { kind: 'text'; text: string }
  | { kind: 'list'; entries: string[] }
  | { kind: 'enterprise'; account: EnterpriseAccount }
  | { kind: 'merchant'; account: MerchantAccount }
  | { kind: 'whitelist'; whitelist: UrlWhitelist }
  | { kind: 'ugc'; ugc: UgcLicense }
  | { kind: 'secret'; secret: SecretOnFile }
  | { kind: 'open_platform'; platform: OpenPlatform }
  /** A value that does not have its item's shape (an old row, a bad import): shown, never trusted. */
  | { kind: 'unexpected'; value: ItemValue };

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
