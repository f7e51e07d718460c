/**
 * Value shapes as data: what each shape is, once, for every part of the reader (segmenting, reading,
 * merging, edits) and its callers. An item points to its shape (items.ts); adding a shape is one entry
 * here plus its reader (parse/readers.ts) and validator (rules.ts), which the compiler asks for.
 *
 *   shapeOf('functions_pages').wordList // true: "门店查询" inside it is an entry, not nearby locations
 */
import { itemDef } from './items.js';
import type { ItemKey, ValueShape } from './types.js';

export interface ShapeTraits {
  /** The value is a list of entries: readings add up, edits apply, it carries on over lines. */
  list: boolean;
  /** A list of the client's words (pages, addresses, messages): keywords inside an entry stay in it. */
  wordList: boolean;
  /** Any words fit it (free text, copy, word lists): read bare only as the answer to the first question. */
  anyText: boolean;
  /** Free text that carries on to the end of its sentence ("类目：餐饮，快餐"). */
  sentence: boolean;
  /** Read only from its label when the bot asked for something else (confirmations and any text). */
  needsLabel: boolean;
  /** One identifier (App ID, merchant ID): two different ones are a question, never a guess. */
  identifier: boolean;
  /** "A和B都加好了": may share the next item's "done". */
  confirms: boolean;
  /** Carries on over lines even though its value is not a plain list (domains). */
  multiline: boolean;
}

const base: ShapeTraits = {
  list: false,
  wordList: false,
  anyText: false,
  sentence: false,
  needsLabel: false,
  identifier: false,
  confirms: false,
  multiline: false,
};
const wordList: ShapeTraits = { ...base, list: true, wordList: true, anyText: true, needsLabel: true, multiline: true };
const text: ShapeTraits = { ...base, anyText: true, sentence: true, needsLabel: true };

export const SHAPES = {
  enterprise: base,
  app_id: { ...base, identifier: true },
  secret: base,
  confirmation: { ...base, needsLabel: true, confirms: true },
  wechat_ids: { ...base, list: true, confirms: true, multiline: true },
  pages: wordList,
  text,
  /** A name (a category, a platform): free text without the remarks that follow it. */
  name: text,
  ugc: base,
  template_ids: { ...base, list: true, multiline: true },
  open_platform: { ...base, identifier: true },
  merchant: { ...base, identifier: true },
  locations: wordList,
  url_whitelist: { ...base, multiline: true },
  service_messages: wordList,
  confirmation_or_text: { ...text, confirms: true },
} as const satisfies Record<ValueShape, ShapeTraits>;

export function shapeOf(key: ItemKey): ShapeTraits {
  return SHAPES[itemDef(key).shape];
}
