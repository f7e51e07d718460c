/**
 * `GET /login` and `POST /login`: the dashboard token form. A right token sets the session
 * cookie and goes back where the reader was heading; a wrong one is a 401 page, nothing shown.
 * Ten wrong tokens from one address in 15 minutes, and it waits (429, Retry-After); a POST from
 * another site's page is refused (403).
 *
 *   mountLogin(http, access, new LoginThrottle(clock));
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Locale, t } from '../src/i18n/index.js';
import { type HttpServer, readBody } from './server.js';
import { html, page } from '../src/status/html.js';
import { isSameOrigin, type PageAccess } from './auth.js';
import type { LoginThrottle } from './login-throttle.js';
import { pageLocale } from './locale.js';
import { redirect, safeNext, sendPage } from './respond.js';

const MAX_LOGIN_BYTES = 8 * 1024;

function loginPage(res: ServerResponse, status: number, locale: Locale, next: string, wrong: boolean): void {
  const title = t(locale, 'web.login_title');
  const other = `/login?lang=${locale === 'zh' ? 'en' : 'zh'}&next=${encodeURIComponent(next)}`;
  const body = html`<form class="login" method="post" action="/login?lang=${locale}">
${wrong ? html`<p class="error" role="alert">${t(locale, 'web.login_wrong')}</p>` : ''}
<p>${t(locale, 'web.login_hint')}</p>
<label for="token">${t(locale, 'web.login_token')}</label>
<p><input id="token" name="token" type="password" autocomplete="current-password" required autofocus></p>
<input type="hidden" name="next" value="${next}">
<p><button type="submit">${t(locale, 'web.login_submit')}</button></p></form>`;
  sendPage(res, status, page({ locale, title, body, otherLangHref: other }));
}

function isSecure(req: IncomingMessage): boolean {
  return (
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

function tooMany(res: ServerResponse, locale: Locale, waitMs: number): void {
  const seconds = Math.ceil(waitMs / 1000);
  const body = html`<p class="error" role="alert">${t(locale, 'web.too_many_logins', { minutes: Math.ceil(seconds / 60) })}</p>`;
  sendPage(res, 429, page({ locale, title: t(locale, 'web.login_title'), body }), {
    headers: { 'retry-after': String(seconds) },
  });
}

export function mountLogin(http: HttpServer, access: PageAccess, throttle: LoginThrottle): void {
  http.route('GET', '/login', (req, res, url) => {
    const next = safeNext(url.searchParams.get('next'));
    if (!access.needsLogin) return redirect(res, next);
    loginPage(res, 200, pageLocale(req, url), next, false);
  });

  http.route('POST', '/login', async (req, res, url) => {
    const locale = pageLocale(req, url);
    if (!isSameOrigin(req))
      return sendPage(
        res,
        403,
        page({
          locale,
          title: t(locale, 'web.forbidden_title'),
          body: html`<p class="error">${t(locale, 'web.cross_origin')}</p>`,
        }),
      );
    if (!access.needsLogin) return redirect(res, '/');
    const address = req.socket.remoteAddress ?? 'unknown';
    // The (capped) body first: from the throttle's check to the failure's record nothing awaits, so
    // attempts in flight together cannot all pass the check before any of them counts.
    const form = new URLSearchParams((await readBody(req, MAX_LOGIN_BYTES)).toString('utf8'));
    const wait = throttle.waitMs(address);
    if (wait > 0) return tooMany(res, locale, wait);
    const token = form.get('token');
    const next = safeNext(form.get('next'));
    const cookie = token === null ? undefined : access.login(token, isSecure(req));
    if (!cookie) {
      throttle.failed(address);
      return loginPage(res, token === null ? 400 : 401, locale, next, true);
    }
    redirect(res, next, { 'set-cookie': cookie });
  });
}
