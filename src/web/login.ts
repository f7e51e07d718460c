/**
 * `GET /login` and `POST /login`: the dashboard token form. A right token sets the session
 * cookie and goes back where the reader was heading; a wrong one is a 401 page, nothing shown.
 *
 *   mountLogin(http, access);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Locale, t } from '../i18n/index.js';
import { type HttpServer, readBody } from '../http/server.js';
import { html, page } from '../status/html.js';
import type { PageAccess } from './auth.js';
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
  return String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
}

export function mountLogin(http: HttpServer, access: PageAccess): void {
  http.route('GET', '/login', (req, res, url) => {
    const next = safeNext(url.searchParams.get('next'));
    if (!access.needsLogin) return redirect(res, next);
    loginPage(res, 200, pageLocale(req, url), next, false);
  });

  http.route('POST', '/login', async (req, res, url) => {
    const locale = pageLocale(req, url);
    if (!access.needsLogin) return redirect(res, '/');
    const form = new URLSearchParams((await readBody(req, MAX_LOGIN_BYTES)).toString('utf8'));
    const token = form.get('token');
    const next = safeNext(form.get('next'));
    if (token === null) return loginPage(res, 400, locale, next, true);
    const cookie = access.login(token, isSecure(req));
    if (!cookie) return loginPage(res, 401, locale, next, true);
    redirect(res, next, { 'set-cookie': cookie });
  });
}
