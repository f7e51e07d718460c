/**
 * Answers for the pages: HTML with strict security headers (inline script only with its nonce),
 * redirects, and the access check every page and page API runs first.
 *
 *   if (!allow(access, req, res, url, 'page')) return;
 *   sendPage(res, 200, page({ locale, title, body }));
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { t } from '../src/i18n/index.js';
import { html, page, type SafeHtml } from '../src/status/html.js';
import { sendJson } from './server.js';
import type { AccessResult, PageAccess } from './auth.js';
import { otherLangHref, pageLocale } from './locale.js';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function sendPage(
  res: ServerResponse,
  status: number,
  body: SafeHtml,
  opts: { nonce?: string; headers?: Record<string, string> } = {},
): void {
  const script = opts.nonce ? `'nonce-${opts.nonce}'` : "'none'";
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${script}; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...opts.headers,
  });
  res.end(body.value);
}

/** Any character a header may not carry as is (non-ASCII, controls, space), percent-encoded as UTF-8. */
export function headerSafe(value: string): string {
  return value.replace(/[^\x21-\x7e]/gu, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { location: headerSafe(location), 'cache-control': 'no-store', ...headers });
  res.end();
}

const MAX_NEXT = 2048;
const SAME_SITE_BASE = 'http://same-site.invalid';

/**
 * A path on this site, or `/`: never an open redirect to another origin. Refused: anything not
 * starting with one `/`, any `//` or `\\`, control characters and white space (browsers drop a tab or
 * newline, so `/\t/evil.example` would become `//evil.example`). What passes is returned as the URL
 * parser normalised it, non-ASCII percent-encoded.
 */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || raw.length > MAX_NEXT || !raw.startsWith('/')) return '/';
  if (raw.includes('//') || raw.includes('\\') || /[\s\x00-\x1f\x7f]/u.test(raw)) return '/';
  let parsed: URL;
  try {
    parsed = new URL(raw, SAME_SITE_BASE);
  } catch {
    return '/';
  }
  if (parsed.origin !== SAME_SITE_BASE) return '/';
  const path = `${parsed.pathname}${parsed.search}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

const REFUSAL: Record<
  Exclude<AccessResult, 'ok' | 'login'>,
  {
    status: number;
    key: 'web.forbidden' | 'web.wrong_host' | 'web.cross_origin';
    title: 'web.forbidden_title' | 'web.wrong_host_title';
  }
> = {
  forbidden: { status: 403, key: 'web.forbidden', title: 'web.forbidden_title' },
  'wrong-host': { status: 421, key: 'web.wrong_host', title: 'web.wrong_host_title' },
  'cross-origin': { status: 403, key: 'web.cross_origin', title: 'web.forbidden_title' },
};

/**
 * Runs the access check; answers and returns false when the request may not go on.
 * Pages send the browser to sign in; APIs (`kind: 'api'`) answer 401 JSON. A refusal is 403, or 421
 * for a Host this server does not answer to.
 */
export function allow(
  access: PageAccess,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  kind: 'page' | 'api',
): boolean {
  const result = access.check(req);
  if (result === 'ok') return true;
  const locale = pageLocale(req, url);
  if (result === 'login') {
    if (kind === 'api') sendJson(res, 401, { error: t(locale, 'web.sign_in_first') });
    else redirect(res, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    return false;
  }
  const refusal = REFUSAL[result];
  if (kind === 'api') {
    sendJson(res, refusal.status, { error: t(locale, refusal.key) });
    return false;
  }
  const body = html`<p class="error">${t(locale, refusal.key)}</p>`;
  sendPage(
    res,
    refusal.status,
    page({ locale, title: t(locale, refusal.title), body, otherLangHref: otherLangHref(url, locale) }),
  );
  return false;
}
