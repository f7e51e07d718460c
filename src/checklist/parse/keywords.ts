/**
 * Which words name which checklist item, as data. A keyword anchors the text around it to its item
 * ("商户号还在申请中" → merchant_account). Longest match wins at a position ("短信模板" is the SMS template,
 * not the subscription "模板"); English words match whole words only.
 *
 *   findHits('AppID wx…，商户号还在申请中') // [{ item: 'app_id', … }, { item: 'merchant_account', … }]
 */
import { itemKeywords as enKeywords } from '../../i18n/en/checklist.js';
import { itemKeywords as zhKeywords } from '../../i18n/zh/checklist.js';
import { ITEM_KEYS, type ItemKey, itemDef } from '../items.js';
import { lowerAscii } from './normalize.js';
import { tick } from './work.js';

/**
 * The words that name each item: its copy's keywords in both languages (`itemKeywords` in
 * src/i18n/{en,zh}/checklist.ts; a client mixes languages, so every message is read with both) and its
 * record's `valueWords` (product names that are the answer itself). The words live with the item, not
 * here: adding an item is its record plus its copy, and the reader finds it by its words.
 */
export const KEYWORDS: Readonly<Record<ItemKey, readonly string[]>> = wordsByItem();

function wordsByItem(): Record<ItemKey, readonly string[]> {
  const words = {} as Record<ItemKey, readonly string[]>;
  for (const key of ITEM_KEYS) words[key] = [...zhKeywords[key], ...enKeywords[key], ...valueWordsOf(key)];
  return words;
}

function valueWordsOf(key: ItemKey): readonly string[] {
  return itemDef(key).valueWords ?? [];
}

/** Words that name something else and must not anchor an item: 企业微信 is WeCom, not an enterprise account. */
const IGNORED = ['企业微信', '小程序码', '项目id', 'project id', '头像昵称', '头像和昵称', '头像、昵称', '头像 昵称'];

/** Keywords that are part of the value, not a label: "GrowingIO" is the analytics platform itself. */
export const VALUE_WORDS: ReadonlySet<string> = new Set(ITEM_KEYS.flatMap(valueWordsOf));

export interface Hit {
  start: number;
  end: number;
  /** null: an ignored word. */
  item: ItemKey | null;
  word: string;
}

const ENTRIES: readonly { word: string; item: ItemKey | null }[] = [
  ...Object.entries(KEYWORDS).flatMap(([item, words]) => words.map((word) => ({ word, item: item as ItemKey }))),
  ...IGNORED.map((word) => ({ word, item: null })),
];

const ASCII_WORD = /[a-z0-9_]/;

function atWordEdges(text: string, start: number, end: number, word: string): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  if (ASCII_WORD.test(word[0] ?? '') && ASCII_WORD.test(before)) return false;
  if (ASCII_WORD.test(word.at(-1) ?? '') && ASCII_WORD.test(after)) return false;
  return true;
}

/** Every keyword occurrence, longest first at each position, none overlapping. */
export function findHits(text: string): Hit[] {
  const lower = lowerAscii(text);
  tick(text.length * ENTRIES.length); // each keyword is looked for once over the text
  const all: Hit[] = [];
  for (const { word, item } of ENTRIES) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      const end = at + word.length;
      tick();
      if (atWordEdges(lower, at, end, word)) all.push({ start: at, end, item, word });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const hit of all) if (kept.every((k) => hit.start >= k.end || hit.end <= k.start)) kept.push(hit);
  return kept;
}

/** Whether a hit stays inside the segment of `current`: the item's `absorbs` in the checklist record. */
export function isAbsorbed(current: ItemKey, hit: Hit): boolean {
  if (hit.item === null || hit.item === current) return true;
  const absorbed = itemDef(current).absorbs ?? [];
  return absorbed.includes(hit.item) || absorbed.includes(hit.word);
}

/** Whether `current` keeps this very word inside its segment, labelled or not ("类目…，资质是 …"). */
export function absorbsWord(current: ItemKey, hit: Hit): boolean {
  return (itemDef(current).absorbs ?? []).includes(hit.word);
}

function occurs(lower: string, word: string): boolean {
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1))
    if (atWordEdges(lower, at, at + word.length, word)) return true;
  return false;
}

/**
 * "运营和数据分析加了，开发者那个还没" (roles asked): the reply reports the item part by part — a part no other item's
 * word names (运营, admin), and none of the item's own words for the whole (角色, roles) — so a word that is also one of
 * its parts (the Developer role's 开发者) is that part there, not another item.
 */
export function namesByParts(text: string, key: ItemKey): boolean {
  const parts = itemDef(key).members ?? [];
  if (parts.length === 0) return false;
  tick(text.length * parts.length);
  const others = new Set(ITEM_KEYS.filter((k) => k !== key).flatMap((k) => KEYWORDS[k]));
  const hits = findHits(text);
  const whole = hits.some((h) => h.item === key && !parts.includes(h.word));
  // "全部加完了，顺便开发者也加好了": 开发 inside another item's word (开发者) is that word, no part said on its own.
  let lower = lowerAscii(text);
  for (const h of hits)
    if (h.item !== null && h.item !== key)
      lower = lower.slice(0, h.start) + ' '.repeat(h.end - h.start) + lower.slice(h.end);
  return !whole && parts.some((p) => !others.has(p) && occurs(lower, p));
}

/** Whether the hit's word is one of the item's parts ("开发者" for the roles: the Developer role). */
export function isPartWord(key: ItemKey, hit: Hit): boolean {
  return (itemDef(key).members ?? []).includes(hit.word);
}
