/**
 * The one home for words: logic passes a key and parameters, never a sentence.
 *
 *   t('zh', 'reason.app_id', { input: 'wx123' })
 */
import { en } from './en/index.js';
import { zh } from './zh/index.js';

export type Locale = 'en' | 'zh';
/**
 * PMs are the agency's staff: what the bot tells them (escalations, digests, delivery problems) is in
 * their language — PM_LOCALE (default English), or a PM's own from PM_USERS (`slack:U123:zh`). Set once
 * at start by the composition root (`configurePmLocales`); a live binding, so importers see it.
 */
export let PM_LOCALE: Locale = 'en';
const pmLocales = new Map<string, Locale>();
let pmLocaleSet = false;

export function configurePmLocales(defaultLocale: Locale | undefined, perPm: Readonly<Record<string, Locale>>): void {
  PM_LOCALE = defaultLocale ?? 'en';
  pmLocaleSet = defaultLocale !== undefined;
  pmLocales.clear();
  for (const [user, locale] of Object.entries(perPm)) pmLocales.set(user, locale);
}

/** A PM's language: their own, else PM_LOCALE when set, else `fallback` (the adapter's guess), else PM_LOCALE. */
export function pmLocaleOf(user: string | null | undefined, fallback?: Locale): Locale {
  const own = user ? pmLocales.get(user) : undefined;
  if (own) return own;
  return pmLocaleSet ? PM_LOCALE : (fallback ?? PM_LOCALE);
}
export const LOCALES: readonly Locale[] = ['en', 'zh'];
export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

/** A message not yet rendered: what the core hands around until it knows the reader's locale. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, zh };

export function isLocale(s: string): s is Locale {
  return s === 'en' || s === 'zh';
}

export function isMessageKey(s: string): s is MessageKey {
  return Object.hasOwn(en, s);
}

export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGS[locale][key];
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function render(locale: Locale, message: Message): string {
  return t(locale, message.key, message.params);
}
