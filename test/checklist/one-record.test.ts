/**
 * "A new item is one record plus its copy" (issue 16, Build 7): the checklist record
 * (src/checklist/items.ts) and the item's copy (src/i18n/{en,zh}/checklist.ts) are the only places in
 * the code (src/, bots/, jobs/, db/, web/) an item of a generic shape is named, and every item has its
 * copy, its keywords included, in both languages. docs/architecture.md, "Adding an item".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ITEM_DEFS, ITEM_KEYS, type ItemKey, isAskedOfClient } from '../../src/checklist/items.js';
import { KEYWORDS } from '../../src/checklist/parse/keywords.js';
import { itemKeywords as enKeywords } from '../../src/i18n/en/checklist.js';
import { en } from '../../src/i18n/en/index.js';
import { isMessageKey } from '../../src/i18n/index.js';
import { itemKeywords as zhKeywords } from '../../src/i18n/zh/checklist.js';
import { zh } from '../../src/i18n/zh/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The code: the core and the edges around it (adapters, jobs, the store, the HTTP edge). */
const CODE = ['src', 'bots', 'jobs', 'db', 'web'];

/**
 * Items with behaviour of their own, named in code on purpose; keep this short. Every other item is
 * generic: its record and its copy say all there is to it.
 */
const SPECIAL: Readonly<Partial<Record<ItemKey, string>>> = {
  enterprise_account: 'verification sets the developer limit (rule context, limit recheck) and has its buttons',
  app_id: 'the ID the WeChat checks and reminders key on; a wx… token only it (or Open Platform) produces',
  app_secret: 'the secret: collected privately, sealed, never echoed',
  developers: 'its limit depends on verification; its question lists the agency’s developers',
  ugc_license: 'UGC = yes asks the licence as a follow-up; yes/no buttons',
  template_ids: 'checked against WeChat’s templates; its 43-char token; its key is also its shape’s name',
  open_platform: 'holds a second App ID and a secret',
  merchant_account: 'waits on the bank (申请中), its 10-digit ID, its buttons',
  admin_url_whitelist: 'its ICP filing is the rule context of the other whitelist',
  mp_url_whitelist: 'WeChat’s 24 h wait after submission, its reminder',
  service_messages: 'generic, but its key is also its shape’s name, which code names',
  sms_template: 'the reader takes an SMS_… code, a token only it produces, as its value',
};

/** Files that may name any item: the record, the copy, and the demo's script of sample answers (a Partial: a new item needs none). */
const ALLOWED = new Set([
  'src/checklist/items.ts',
  'src/i18n/en/checklist.ts',
  'src/i18n/zh/checklist.ts',
  'src/cli/demo.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The code of a module without its comments (examples in doc comments may name any item). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('a new item is one record plus its copy', () => {
  it('names a generic item nowhere in the code but the record and its copy', () => {
    const generic = ITEM_KEYS.filter((key) => !(key in SPECIAL));
    expect(generic.length).toBeGreaterThan(ITEM_KEYS.length / 2);
    const found: string[] = [];
    for (const file of CODE.flatMap((dir) => sources(join(ROOT, dir)))) {
      const name = relative(ROOT, file);
      if (ALLOWED.has(name)) continue;
      const text = code(readFileSync(file, 'utf8'));
      for (const key of generic) if (new RegExp(`\\b${key}\\b`).test(text)) found.push(`${key} in ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('keeps the list of special items to items that exist', () => {
    for (const key of Object.keys(SPECIAL)) expect(ITEM_KEYS).toContain(key);
  });

  it('has the reader’s per-item rules in the record name real items or their keywords', () => {
    const bad: string[] = [];
    for (const def of ITEM_DEFS) {
      for (const entry of def.absorbs ?? []) {
        const isItem = (ITEM_KEYS as readonly string[]).includes(entry);
        const isWord = ITEM_KEYS.some((other) => other !== def.key && KEYWORDS[other].includes(entry));
        if (!isItem && !isWord) bad.push(`${def.key} absorbs "${entry}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has every item’s copy in both languages: label, question and hint when asked, its limit’s reason, keywords', () => {
    const missing: string[] = [];
    for (const def of ITEM_DEFS) {
      const keys = [`item.${def.key}.label`];
      if (isAskedOfClient(def)) keys.push(`item.${def.key}.question`, `item.${def.key}.hint`);
      if (def.limit && def.key !== 'developers') keys.push(`reason.${def.key}_limit`);
      for (const key of keys) {
        if (!isMessageKey(key) || !en[key].trim() || !zh[key].trim()) missing.push(key);
      }
      // Named in a client's message in each language: by its keywords there, or by product names (any language).
      for (const [locale, words] of [
        ['en', enKeywords],
        ['zh', zhKeywords],
      ] as const) {
        if (words[def.key].length + (def.valueWords?.length ?? 0) === 0)
          missing.push(`${locale} keywords of ${def.key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(enKeywords)).toEqual([...ITEM_KEYS]);
    expect(Object.keys(zhKeywords)).toEqual([...ITEM_KEYS]);
  });

  it('keeps each keyword where the reader can use it: lower case, in its own language, naming one item', () => {
    const CJK = /[\u3400-\u9fff]/;
    const owner = new Map<string, ItemKey>();
    const wrong: string[] = [];
    for (const key of ITEM_KEYS) {
      for (const word of enKeywords[key]) if (CJK.test(word)) wrong.push(`en ${key}: ${word}`);
      for (const word of zhKeywords[key]) if (!CJK.test(word)) wrong.push(`zh ${key}: ${word}`);
      for (const word of KEYWORDS[key]) {
        if (word !== word.toLowerCase() || word.trim() !== word || word === '') wrong.push(`${key}: "${word}"`);
        const other = owner.get(word);
        if (other && other !== key) wrong.push(`"${word}" names ${other} and ${key}`);
        owner.set(word, key);
      }
    }
    expect(wrong).toEqual([]);
    // The reader reads exactly the copy's words and the record's product names.
    for (const def of ITEM_DEFS)
      expect(new Set(KEYWORDS[def.key])).toEqual(
        new Set([...enKeywords[def.key], ...zhKeywords[def.key], ...(def.valueWords ?? [])]),
      );
  });
});
