/**
 * The items a file can answer or support: the icon, designs, screenshots of ICP filings and of
 * pages, licences, qualification documents — the checklist record's `files` (src/checklist/items.ts).
 * A file sent while exactly one of them is asked lands on it; the client page offers an upload field
 * for those marked `upload`.
 *
 *   takesFiles('app_icon') // true
 */
import { ITEM_DEFS, itemDef } from '../checklist/items.js';
import type { ItemKey } from '../checklist/types.js';

export const FILE_ITEMS: readonly ItemKey[] = ITEM_DEFS.filter((d) => d.files !== undefined).map((d) => d.key);

export function takesFiles(key: ItemKey): boolean {
  return itemDef(key).files !== undefined;
}
