import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en/index.js';
import { t } from '../../src/i18n/index.js';
import { zh } from '../../src/i18n/zh/index.js';
import { CLIENT_APP_ID } from '../support/ids.js';

const DIR = join(import.meta.dirname, '../../src/i18n');

async function areaModules(locale: 'en' | 'zh'): Promise<Record<string, Record<string, string>>> {
  const files = readdirSync(join(DIR, locale)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  const out: Record<string, Record<string, string>> = {};
  for (const f of files) {
    const mod = (await import(join(DIR, locale, f))) as Record<string, Record<string, string>>;
    for (const [name, value] of Object.entries(mod)) out[`${f}:${name}`] = value;
  }
  return out;
}

describe('the copy catalogs', () => {
  it.each(['en', 'zh'] as const)(
    'no key is defined by two areas in %s (a later spread would silently win)',
    async (locale) => {
      const owners = new Map<string, string>();
      const clashes: string[] = [];
      for (const [area, messages] of Object.entries(await areaModules(locale))) {
        for (const key of Object.keys(messages)) {
          const owner = owners.get(key);
          if (owner) clashes.push(`${key} in ${owner} and ${area}`);
          owners.set(key, area);
        }
      }
      expect(clashes).toEqual([]);
    },
  );

  it('has every English key in Chinese, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
      expect({ key, zh: placeholders(zh[key]) }).toEqual({ key, zh: placeholders(en[key]) });
    }
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(t('en', 'conv.saved', { label: 'App ID', value: CLIENT_APP_ID })).toBe(`Saved ✅ App ID: ${CLIENT_APP_ID}`);
    expect(t('zh', 'conv.saved', { label: 'AppID' })).toBe('收到 ✅ AppID：{value}');
  });
});
