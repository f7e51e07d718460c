/** Which reader reads which value shape (items.ts declares each item's shape). */
import { itemDef } from '../items.js';
import type { ItemKey, ValueShape } from '../types.js';
import { readWhitelistCheck } from './whitelist.js';
import { tick } from './work.js';
import { readEnterprise, readMerchant, readUgc } from './read-accounts.js';
import type { Draft, ReadInput, Reader } from './read-input.js';
import { readLocations, readPages, readServiceMessages, readTemplateIds, readWechatIds } from './read-lists.js';
import {
  readAppIdLeftover,
  readConfirmation,
  readConfirmationOrText,
  readName,
  readNotUsed,
  readOpenPlatform,
  readSecretLeftover,
  readText,
} from './read-text.js';

const READERS = {
  enterprise: readEnterprise,
  app_id: readAppIdLeftover,
  secret: readSecretLeftover,
  confirmation: readConfirmation,
  wechat_ids: readWechatIds,
  pages: readPages,
  text: readText,
  name: readName,
  ugc: readUgc,
  template_ids: readTemplateIds,
  open_platform: readOpenPlatform,
  merchant: readMerchant,
  locations: readLocations,
  url_whitelist: (input) => [...readWhitelistCheck(input), ...readNotUsed(input)].slice(0, 1),
  service_messages: readServiceMessages,
  confirmation_or_text: readConfirmationOrText,
} satisfies Record<ValueShape, Reader>;

export function readItem(key: ItemKey, input: Omit<ReadInput, 'key'>): Draft[] {
  tick(input.text.length + 1);
  return READERS[itemDef(key).shape]({ ...input, key });
}
