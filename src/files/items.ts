/**
 * The items a file can answer or support: the icon, designs, screenshots of ICP filings and of
 * pages, licences, qualification documents. A file sent while exactly one of them is asked lands on
 * it; the client page offers an upload field for each of them.
 *
 *   takesFiles('app_icon') // true
 */
import type { ItemKey } from '../checklist/types.js';

export const FILE_ITEMS: readonly ItemKey[] = [
  'functions_pages',
  'mp_category',
  'ugc_license',
  'admin_url_whitelist',
  'sharing_flow',
  'app_icon',
  'permission_page',
  'mp_url_whitelist',
];

const SET = new Set<ItemKey>(FILE_ITEMS);

export function takesFiles(key: ItemKey): boolean {
  return SET.has(key);
}
