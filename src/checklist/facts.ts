/**
 * What reading a reply yields, shared by the reader's stages (parse/) and its callers (understand.ts,
 * the conversation): a fact per item, and the reply's intent. Its own module, so parse/ never imports
 * understand.ts back (no import cycle, types included).
 */
import type { Message } from '../i18n/index.js';
import type { ItemKey, ItemValue } from './types.js';

export type Fact =
  | { kind: 'value'; key: ItemKey; value: ItemValue; correction: boolean }
  /** The raw 32-hex secret: the caller seals it; it is never printed. */
  | { kind: 'secret'; key: 'app_secret' | 'open_platform'; secret: string }
  | { kind: 'invalid'; key: ItemKey; input: string; reason: Message }
  /** Two different IDs for one item and no word saying which one counts: ask the client which. */
  | { kind: 'which'; key: ItemKey; values: string[]; reason: Message };

export type Intent = 'skip' | 'n/a' | 'done' | 'help' | 'none';
