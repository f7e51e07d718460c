/**
 * The client's private page, `GET|POST /c/<token>`: the release's open items for one contact, in
 * their language, each with its how-to hint, what is on file (secrets masked) and a form. A save is
 * an answer like any other: checked by the same reader and rules as a chat answer (a refusal is shown
 * beside the field and records nothing), then handed to the bot as an `Inbound` from the contact
 * (`via: 'page'`) through `bot.accept` (the one inbound path, waiting until it is processed) — stored
 * with its secret sealed, recorded with provenance "client page", echoed in the chat thread,
 * reminders re-planned, undoable. This file handles requests and gathers the page's model; the HTML
 * is a function of that model (src/links/client-page-html.ts).
 *
 * Security: the token is 256 random bits, looked up by its SHA-256; an unknown, expired, revoked or
 * used link is the same 404 page. Every form carries a CSRF token (an HMAC of a per-browser cookie and
 * the link) and a cross-site POST is refused. Server-rendered, no script, no third-party asset, the
 * pages' CSP; `Referrer-Policy: no-referrer` keeps the token out of other sites' logs. The App secret is
 * never put back into any page, and a secret-only link is spent by its one save.
 *
 *   mountClientPage(http, { links, service, bot, clock, logger, csrf: (s) => secrets.fingerprint(s), secure: true });
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { itemDef, isAskedOfClient } from '../src/checklist/items.js';
import { readValueFor } from '../src/checklist/read-value.js';
import { FINISHED, type ItemKey, type ItemValue, isItemKey } from '../src/checklist/types.js';
import { choiceValue } from '../src/conversation/flow.js';
import type { ReleaseBot } from '../src/bot.js';
import { formatBytes } from '../src/files/check.js';
import { refusalText } from '../src/files/messages.js';
import type { FileStore } from '../src/files/store.js';
import type { HttpServer } from './server.js';
import { readBody } from './server.js';
import { type Locale, type MessageKey, isLocale, t } from '../src/i18n/index.js';
import type { Inbound } from '../src/inbound.js';
import { CLIENT_PAGE_PREFIX, type ClientLinks } from '../src/links/client-links.js';
import {
  type ClientPageModel,
  clientPageHtml,
  MAX_FIELD_CHARS,
  notFoundHtml,
  OUTCOME_KEY,
  type Outcome,
  type Problem,
  refusalHtml,
  secretSavedHtml,
} from '../src/links/client-page-html.js';
import type { Logger } from '../src/logger.js';
import type { Clock } from '../src/ports.js';
import type { ClientLink, Client, Release, Thread } from '../src/release/model.js';
import { type ReleaseService, UNDO_WINDOW_MS } from '../src/release/service.js';
import { formatTime } from '../src/status/format.js';
import { pageLocale } from './locale.js';
import { headerSafe, sendPage } from './respond.js';

export const CSRF_COOKIE = 'client_page_csrf';
/** A form post is small; a long list of 20 IDs or 10 addresses is a few KB. */
const MAX_FORM_BYTES = 64 * 1024;

export interface ClientPageDeps {
  links: ClientLinks;
  service: ReleaseService;
  bot: Pick<ReleaseBot, 'accept'>;
  clock: Clock;
  logger: Logger;
  /** A keyed one-way digest (the secret box's HMAC): CSRF tokens are made and checked with it. */
  csrf: (input: string) => string;
  /** PUBLIC_URL is https: the CSRF cookie is `Secure`. */
  secure: boolean;
  /** Where uploads go: the same store, checks and caps as chat attachments (src/files). */
  files: FileStore;
}

/** Where a request stands: the live link and everything it is bound to. */
interface Bound {
  token: string;
  link: ClientLink;
  release: Release;
  client: Client;
  thread: Thread;
  locale: Locale;
}

/** A posted form, urlencoded or multipart: its text fields, and its one file (an upload). */
interface PostedForm {
  get(name: string): string | null;
  file?: { name: string; content: Uint8Array };
}

/** Multipart (an upload) read by the platform's own parser (undici's FormData), no dependency. */
async function multipart(body: Buffer, contentType: string): Promise<PostedForm> {
  const data = await new Request('http://client-page.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(body),
  }).formData();
  const file = data.get('file');
  const text = (name: string): string | null => {
    const value = data.get(name);
    return typeof value === 'string' ? value : null;
  };
  return typeof file === 'object' && file !== null && file.size > 0
    ? { get: text, file: { name: file.name, content: new Uint8Array(await file.arrayBuffer()) } }
    : { get: text };
}
const SECRET_KEYS: ReadonlySet<ItemKey> = new Set<ItemKey>(['app_secret', 'open_platform']);

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function mountClientPage(http: HttpServer, deps: ClientPageDeps): void {
  const { links, service, clock, logger } = deps;
  const store = service.store;

  const notFound = (res: ServerResponse, locale: Locale): void =>
    sendPage(res, 404, notFoundHtml(locale), { headers: { 'x-robots-tag': 'noindex' } });

  const bind = (url: URL): Bound | undefined => {
    const token = url.pathname.slice(CLIENT_PAGE_PREFIX.length);
    const link = links.open(token);
    const release = link && store.getRelease(link.releaseId);
    const client = release && store.getClient(release.clientId);
    const thread = link && store.getThread(link.threadId);
    if (!link || !release || !client || !thread) return undefined;
    const asked = url.searchParams.get('lang');
    return { token, link, release, client, thread, locale: asked && isLocale(asked) ? asked : client.locale };
  };

  const csrfCookie = (req: IncomingMessage): string | undefined => {
    const value = readCookie(req, CSRF_COOKIE);
    return value && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : undefined;
  };
  const formToken = (link: ClientLink, cookie: string): string => deps.csrf(`client-page csrf ${link.id} ${cookie}`);
  const cookieHeader = (value: string): string =>
    [
      `${CSRF_COOKIE}=${value}`,
      `Path=${CLIENT_PAGE_PREFIX}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(deps.secure ? ['Secure'] : []),
    ].join('; ');

  /** Sends the page; a browser without the CSRF cookie gets one. */
  const show = (
    req: IncomingMessage,
    res: ServerResponse,
    b: Bound,
    status: number,
    opts: { problem?: Problem; outcome?: { key: ItemKey; kind: Outcome } } = {},
  ): void => {
    const existing = csrfCookie(req);
    const cookie = existing ?? randomBytes(16).toString('base64url');
    const headers: Record<string, string> = { 'x-robots-tag': 'noindex' };
    if (!existing) headers['set-cookie'] = cookieHeader(cookie);
    sendPage(res, status, clientPageHtml(pageModel(b, formToken(b.link, cookie), opts)), { headers });
  };

  /** What the page shows for this link, read from the store (rendered by src/links/client-page-html.ts). */
  const pageModel = (
    b: Bound,
    csrf: string,
    opts: { problem?: Problem; outcome?: { key: ItemKey; kind: Outcome } },
  ): ClientPageModel => {
    const kept = deps.files.list(b.release.id);
    const last = service.lastUndoable(b.release.id, b.link.contact);
    const undoable =
      last?.itemKey && isItemKey(last.itemKey) && clock.now().getTime() - Date.parse(last.createdAt) <= UNDO_WINDOW_MS
        ? last.itemKey
        : undefined;
    return {
      locale: b.locale,
      clientName: b.client.name,
      scope: b.link.scope,
      until: formatTime(b.link.expiresAt, b.client.timezone),
      action: `${CLIENT_PAGE_PREFIX}${b.token}${b.locale === b.client.locale ? '' : `?lang=${b.locale}`}`,
      csrf,
      items: store.items(b.release.id).map((item) => ({
        item,
        files: itemDef(item.key).files === 'upload' ? kept.filter((f) => f.itemKey === item.key) : [],
      })),
      ...(undoable ? { undo: undoable } : {}),
      ...opts,
    };
  };

  /** What a form post asks for, checked by the chat's own reader and rules; an `Inbound` when it may go on. */
  const understandPost = (
    b: Bound,
    form: PostedForm,
  ):
    | { inbound: Omit<Inbound, 'platform' | 'channel' | 'sender' | 'externalId'>; key: ItemKey; kind: Outcome }
    | Problem
    | 'bad' => {
    const key = form.get('item') ?? '';
    const action = form.get('action') ?? '';
    if (!isItemKey(key) || !isAskedOfClient(itemDef(key))) return 'bad';
    if (b.link.scope === 'secret' && (key !== 'app_secret' || action !== 'secret')) return 'bad';
    const releaseId = b.release.id;
    const current = store.item(releaseId, key)?.value ?? null;
    const check = (value: ItemValue): Problem | undefined => {
      const verdict = service.checkAnswer(releaseId, key, value, 'replace');
      return verdict.ok ? undefined : { key, reason: verdict.reason };
    };
    if (action === 'secret') {
      if (!SECRET_KEYS.has(key)) return 'bad';
      const typed = form.get('secret') ?? '';
      const reading = readValueFor(key === 'open_platform' ? 'open_platform' : 'app_secret', typed, null);
      if (reading.kind !== 'secret')
        return {
          key,
          reason:
            reading.kind === 'invalid' && reading.reason.key !== 'reason.unreadable'
              ? reading.reason
              : { key: 'reason.app_secret' },
        };
      return {
        inbound: {
          secret: { itemKey: key === 'open_platform' ? 'open_platform' : 'app_secret', value: reading.secret },
        },
        key,
        kind: 'saved',
      };
    }
    if (action === 'save') {
      const typed = form.get('value') ?? '';
      if (typed.length > MAX_FIELD_CHARS)
        return {
          key,
          reason: { key: 'page.too_long', params: { limit: MAX_FIELD_CHARS, count: typed.length } },
          typed: typed.slice(0, MAX_FIELD_CHARS),
        };
      if (itemDef(key).shape === 'secret') return 'bad';
      const reading = readValueFor(key, typed, current, { wholeText: true });
      if (reading.kind === 'invalid')
        return { key, reason: reading.reason, typed: SECRET_KEYS.has(key) ? undefined : typed };
      if (reading.kind === 'secret')
        return { inbound: { secret: { itemKey: 'open_platform', value: reading.secret } }, key, kind: 'saved' };
      const problem = check(reading.value);
      if (problem) return { ...problem, typed };
      if (
        JSON.stringify(reading.value) === JSON.stringify(current) &&
        FINISHED.has(store.item(releaseId, key)?.status ?? 'todo')
      )
        return { inbound: {}, key, kind: 'unchanged' };
      return { inbound: { edit: { itemKey: key, text: typed } }, key, kind: 'saved' };
    }
    if (action === 'done' || action.startsWith('choice:')) {
      const choice = action === 'done' ? 'done' : action.slice('choice:'.length);
      const value = choiceValue(key, choice);
      if (value === undefined) return 'bad';
      return (
        check(value) ?? {
          inbound: { choice: { itemKey: key, value: choice } },
          key,
          kind: value === 'n/a' ? 'na' : 'saved',
        }
      );
    }
    if (action === 'na') return check('n/a') ?? { inbound: { mark: { itemKey: key, as: 'n/a' } }, key, kind: 'na' };
    if (action === 'later')
      return b.link.scope === 'full' ? { inbound: { mark: { itemKey: key, as: 'later' } }, key, kind: 'later' } : 'bad';
    if (action === 'upload') {
      if (itemDef(key).files !== 'upload' || b.link.scope !== 'full') return 'bad';
      const file = form.file;
      if (!file) return { key, reason: { text: refusalText(b.locale, undefined, { problem: 'empty' }) } };
      const put = deps.files.put({
        releaseId,
        itemKey: key,
        name: file.name,
        content: file.content,
        source: 'page',
        sentBy: b.link.contact,
        at: clock.now().toISOString(),
      });
      if (!put.ok) return { key, reason: { text: refusalText(b.locale, file.name, put) } };
      return {
        inbound: { upload: { itemKey: key, number: put.file.number, name: put.file.name } },
        key,
        kind: 'uploaded',
      };
    }
    if (action === 'undo') {
      const last = service.lastUndoable(releaseId, b.link.contact);
      if (!last || last.itemKey !== key) return 'bad';
      return { inbound: { undo: { eventId: last.id } }, key, kind: 'undone' };
    }
    return 'bad';
  };

  const refuse = (res: ServerResponse, locale: Locale, status: number, key: MessageKey): void =>
    refuseText(res, locale, status, t(locale, key));
  const refuseText = (res: ServerResponse, locale: Locale, status: number, text: string): void =>
    sendPage(res, status, refusalHtml(locale, text));

  const get = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const b = bind(url);
    if (!b) return notFound(res, pageLocale(req, url));
    const key = url.searchParams.get('item') ?? '';
    const kind = url.searchParams.get('outcome') ?? '';
    const outcome = isItemKey(key) && kind in OUTCOME_KEY ? { key, kind: kind as Outcome } : undefined;
    show(req, res, b, 200, { outcome });
  };

  const post = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const b = bind(url);
    if (!b) return notFound(res, pageLocale(req, url));
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return refuse(res, b.locale, 403, 'page.form_expired');
    const contentType = String(req.headers['content-type'] ?? '');
    const type = contentType.split(';')[0]?.trim().toLowerCase();
    let form: PostedForm;
    if (type === 'application/x-www-form-urlencoded') {
      form = new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
    } else if (type === 'multipart/form-data' && b.link.scope === 'full') {
      // Room for one file at the cap and the form's fields; a larger body is refused before it is read whole.
      const limit = deps.files.limits.maxFileBytes + MAX_FORM_BYTES;
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limit)
        return refuseText(
          res,
          b.locale,
          413,
          t(b.locale, 'page.file_too_large', { limit: formatBytes(deps.files.limits.maxFileBytes) }),
        );
      const body = await readBody(req, limit);
      try {
        form = await multipart(body, contentType);
      } catch {
        return refuse(res, b.locale, 400, 'page.bad_request');
      }
    } else {
      return refuse(res, b.locale, 400, 'page.bad_request');
    }
    const cookie = csrfCookie(req);
    const sent = form.get('csrf') ?? '';
    if (!cookie || !sameText(sent, formToken(b.link, cookie))) return refuse(res, b.locale, 403, 'page.form_expired');
    const asked = understandPost(b, form);
    if (asked === 'bad') return refuse(res, b.locale, 400, 'page.bad_request');
    if ('reason' in asked) return show(req, res, b, 422, { problem: asked });
    const { inbound, key, kind } = asked;
    if (b.link.scope === 'secret' && !links.spend(b.link)) return notFound(res, b.locale);
    if (kind !== 'unchanged') {
      // The one inbound path; the page waits for it to be processed so the page it redirects to shows it.
      await deps.bot.accept(
        {
          ...inbound,
          platform: b.thread.platform,
          channel: b.thread.channel,
          threadTs: b.thread.threadTs,
          sender: b.link.contact,
          externalId: `page:${b.link.id}:${randomUUID()}`,
          via: 'page',
        },
        { untilProcessed: true },
      );
    }
    if (b.link.scope === 'secret')
      return sendPage(res, 200, secretSavedHtml(b.locale, b.client.name, inbound.secret?.value.trim().slice(-4) ?? ''));
    const params = new URLSearchParams({ item: key, outcome: kind });
    if (b.locale !== b.client.locale) params.set('lang', b.locale);
    res.writeHead(303, {
      location: headerSafe(`${CLIENT_PAGE_PREFIX}${b.token}?${params.toString()}#item-${key}`),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
  };

  /** Errors are logged without the path: it holds the token. */
  const guarded =
    (handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void) =>
    async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
      try {
        await handler(req, res, url);
      } catch (err) {
        if (err instanceof Error && 'code' in err && (err.code === 'BODY_TOO_LARGE' || err.code === 'REQUEST_ABORTED'))
          throw err;
        logger.error(
          { err: err instanceof Error ? err.message : String(err), path: `${CLIENT_PAGE_PREFIX}…` },
          'client page request failed',
        );
        if (!res.headersSent) refuse(res, 'zh', 500, 'page.bad_request');
        else res.end();
      }
    };

  http.routePrefix('GET', CLIENT_PAGE_PREFIX, guarded(get));
  http.routePrefix('POST', CLIENT_PAGE_PREFIX, guarded(post));
}
