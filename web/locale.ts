/**
 * Which language a page speaks: `?lang=zh|en` first, then the browser's Accept-Language.
 *
 *   const locale = pageLocale(req, url);            // 'zh' for "zh-CN,zh;q=0.9"
 *   const other = otherLangHref(url, locale);       // "/releases/3?lang=en"
 */
import type { IncomingMessage } from 'node:http';
import { isLocale, type Locale } from '../src/i18n/index.js';

export function pageLocale(req: IncomingMessage, url: URL): Locale {
  const asked = url.searchParams.get('lang');
  if (asked && isLocale(asked)) return asked;
  const accept = String(req.headers['accept-language'] ?? '');
  const ranked = accept
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { lang: tag.split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.lang === 'zh' || x.lang === 'en')
    .sort((a, b) => b.q - a.q);
  const best = ranked[0]?.lang;
  return best && isLocale(best) ? best : 'en';
}

/** The same page in the other language. */
export function otherLangHref(url: URL, locale: Locale): string {
  const params = new URLSearchParams(url.searchParams);
  params.set('lang', locale === 'zh' ? 'en' : 'zh');
  return `${url.pathname}?${params.toString()}`;
}

/** `?lang=…` to carry on links when the page was asked for a language explicitly. */
export function langSuffix(url: URL): string {
  const lang = url.searchParams.get('lang');
  return lang && isLocale(lang) ? `?lang=${lang}` : '';
}
