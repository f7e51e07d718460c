/**
 * An item's value, tagged by what it is: code switches on `kind` (checked exhaustively by the compiler)
 * instead of probing the stored object (`'domains' in value`). The kind comes from the item's shape (the
 * checklist data), so the stored JSON keeps its shape (DESIGN.md "Values") and nothing is migrated.
 *
 *   tagged('admin_url_whitelist', { domains: ['api.acme.cn'], icp: '沪ICP备2021012345号-1' })
 *   // { kind: 'whitelist', whitelist: { domains: ['api.acme.cn'], icp: '沪ICP备2021012345号-1' } }
 *   tagged('developers', 'done') // { kind: 'status', status: 'done' }
 */
import { itemDef } from './items.js';
import type { ItemKey } from './items.js';
import type {
  EnterpriseAccount,
  ItemValue,
  MerchantAccount,
  OpenPlatform,
  SecretOnFile,
  TaggedValue,
  UgcLicense,
  UrlWhitelist,
  ValueShape,
} from './vocabulary.js';

export type { TaggedValue } from './vocabulary.js';

type ObjectKind = 'enterprise' | 'merchant' | 'whitelist' | 'ugc' | 'secret' | 'open_platform';

/** What each shape's non-status value is. */
const KIND_OF_SHAPE = {
  enterprise: 'enterprise',
  app_id: 'text',
  secret: 'secret',
  confirmation: 'text',
  wechat_ids: 'list',
  pages: 'list',
  text: 'text',
  name: 'text',
  ugc: 'ugc',
  template_ids: 'list',
  open_platform: 'open_platform',
  merchant: 'merchant',
  locations: 'list',
  url_whitelist: 'whitelist',
  service_messages: 'list',
  confirmation_or_text: 'text',
} as const satisfies Record<ValueShape, 'text' | 'list' | ObjectKind>;

function isObject(v: ItemValue): v is Exclude<ItemValue, string | string[]> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function tagged(key: ItemKey, value: ItemValue | null | undefined): TaggedValue {
  if (value === null || value === undefined) return { kind: 'none' };
  if (value === 'done' || value === 'n/a') return { kind: 'status', status: value };
  const kind = KIND_OF_SHAPE[itemDef(key).shape];
  if (kind === 'text') return typeof value === 'string' ? { kind, text: value } : { kind: 'unexpected', value };
  if (kind === 'list') return Array.isArray(value) ? { kind, entries: value } : { kind: 'unexpected', value };
  if (!isObject(value)) return { kind: 'unexpected', value };
  switch (kind) {
    case 'enterprise':
      return typeof (value as EnterpriseAccount).registered === 'boolean' ||
        typeof (value as EnterpriseAccount).verified === 'boolean'
        ? { kind, account: value as EnterpriseAccount }
        : { kind: 'unexpected', value };
    case 'merchant':
      return typeof (value as MerchantAccount).status === 'string'
        ? { kind, account: value as MerchantAccount }
        : { kind: 'unexpected', value };
    case 'whitelist':
      return Array.isArray((value as UrlWhitelist).domains)
        ? { kind, whitelist: value as UrlWhitelist }
        : { kind: 'unexpected', value };
    case 'ugc':
      return typeof (value as UgcLicense).has_ugc === 'boolean'
        ? { kind, ugc: value as UgcLicense }
        : { kind: 'unexpected', value };
    case 'secret':
      return (value as SecretOnFile).on_file === true
        ? { kind, secret: value as SecretOnFile }
        : { kind: 'unexpected', value };
    case 'open_platform':
      return typeof (value as OpenPlatform).app_id === 'string'
        ? { kind, platform: value as OpenPlatform }
        : { kind: 'unexpected', value };
  }
}
