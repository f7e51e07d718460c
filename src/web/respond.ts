/**
 * Answers for the pages: HTML with strict security headers (inline script only with its nonce),
 * redirects, and the access check every page and page API runs first.
 *
 *   if (!allow(access, req, res, url, 'page')) return;
 *   sendPage(res, 200, page({ locale, title, body }));
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { t } from '../i18n/index.js';
import { html, page, type SafeHtml } from '../status/html.js';
import { sendJson } from '../http/server.js';
import type { PageAccess } from './auth.js';
import { otherLangHref, pageLocale } from './locale.js';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function sendPage(res: ServerResponse, status: number, body: SafeHtml, opts: { nonce?: string; headers?: Record<string, string> } = {}): void {
  const script = opts.nonce ? `'nonce-${opts.nonce}'` : "'none'";
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${script}; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...opts.headers,
  });
  res.end(body.value);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

/** A path on this site, or `/`: never an open redirect to another origin. */
export function safeNext(raw: string | null | undefined): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/';
}

/**
 * Runs the access check; answers and returns false when the request may not go on.
 * Pages send the browser to sign in; APIs (`kind: 'api'`) answer 401/403 JSON.
 */
export function allow(access: PageAccess, req: IncomingMessage, res: ServerResponse, url: URL, kind: 'page' | 'api'): boolean {
  const result = access.check(req);
  if (result === 'ok') return true;
  const locale = pageLocale(req, url);
  if (kind === 'api') {
    const key = result === 'login' ? 'web.sign_in_first' : 'web.forbidden';
    sendJson(res, result === 'login' ? 401 : 403, { error: t(locale, key) });
    return false;
  }
  if (result === 'login') {
    redirect(res, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    return false;
  }
  const title = t(locale, 'web.forbidden_title');
  sendPage(res, 403, page({ locale, title, body: html`<p class="error">${t(locale, 'web.forbidden')}</p>`, otherLangHref: otherLangHref(url, locale) }));
  return false;
}
