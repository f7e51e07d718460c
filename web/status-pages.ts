/**
 * The status page: `GET /` (every open release, most urgent first) and `GET /releases/<id>`
 * (one release item by item, with its timeline). Read-only; built from the one status model.
 *
 *   mountStatusPages(http, { store, clock, access });
 */
import type { ServerResponse } from 'node:http';
import { isLocale, type Locale, t } from '../src/i18n/index.js';
import { EXPORT_FORMATS, exportFileName, exportRelease } from '../src/status/export.js';
import type { FileStore } from '../src/files/store.js';
import type { HttpServer } from './server.js';
import type { Clock } from '../src/ports.js';
import type { EventLog, OutboxStore, ReleaseRecords, StatusReads } from '../src/release/store.js';
import { html, page } from '../src/status/html.js';
import { buildStatus, type ReleaseStatus } from '../src/status/model.js';
import { OVERVIEW_LIMIT, overviewHtml, releaseHtml, TIMELINE_PAGE, titleFor } from '../src/status/render-html.js';
import { buildTimeline } from '../src/status/timeline.js';
import type { PageAccess } from './auth.js';
import { langSuffix, otherLangHref, pageLocale } from './locale.js';
import { allow, sendPage } from './respond.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ReleaseRecords & EventLog & OutboxStore & StatusReads;

export interface StatusPageDeps {
  store: Store;
  clock: Clock;
  access: PageAccess;
  /** Link to the local chat page from the overview (when the bot runs on the local chat). */
  chatLink?: boolean;
  /** The one time zone the pages show times in, labelled (AGENCY_TIMEZONE). */
  timeZone?: string;
  /** Files clients sent: listed with their items, served at `GET /files/<id>`. */
  files?: FileStore;
}

/** `?timeline=60`: how many timeline entries to show (30 more per "show more"), within sane bounds. */
function timelineCount(url: URL): number {
  const asked = Number(url.searchParams.get('timeline') ?? TIMELINE_PAGE);
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, 10_000) : TIMELINE_PAGE;
}

/** One release's status by release id (the store reads a client's latest release). */
export function releaseStatus(store: Store, releaseId: number, now: Date): ReleaseStatus | undefined {
  const release = store.getRelease(releaseId);
  if (!release) return undefined;
  const [one] = buildStatus(store.statusRows({ clientId: release.clientId }), now);
  return one?.releaseId === releaseId ? one : undefined;
}

function notFound(res: ServerResponse, locale: Locale, id: string, url: URL): void {
  const body = html`<p class="error">${t(locale, 'web.not_found', { id })}</p><p><a href="/${langSuffix(url)}">${t(locale, 'web.back')}</a></p>`;
  sendPage(res, 404, page({ locale, title: t(locale, 'web.title'), body }));
}

/** `GET /releases/<id>/export.csv|md`: the handover report as a download (CSV with a BOM, for Excel). */
function sendExport(
  res: ServerResponse,
  locale: Locale,
  id: string,
  file: string,
  store: Store,
  now: Date,
  url: URL,
  files?: FileStore,
): void {
  const format = EXPORT_FORMATS.find((f) => file === `export.${f}`);
  const status = format && /^[1-9]\d{0,9}$/.test(id) ? releaseStatus(store, Number(id), now) : undefined;
  if (!format || !status) return notFound(res, locale, `${id}/${file}`, url);
  const lang = url.searchParams.get('lang');
  const reportLocale = lang && isLocale(lang) ? lang : status.client.locale;
  const type = format === 'csv' ? 'text/csv' : 'text/markdown';
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-disposition': `attachment; filename="${exportFileName(status, format).replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(exportFileName(status, format))}`,
    'cache-control': 'no-store',
  });
  res.end(exportRelease(format, reportLocale, status, now, files?.list(status.releaseId) ?? []));
}

/**
 * `GET /files/<id>`: a file a client sent, behind the same access rule as the pages. Its type is the
 * one its bytes were checked to be, never sniffed again by the browser (nosniff); images are shown
 * inline, anything else (a PDF) downloaded; `?download=1` downloads an image too. A sandboxing CSP
 * keeps a file from running anything even when opened on its own.
 */
function sendFile(res: ServerResponse, locale: Locale, id: string, files: FileStore | undefined, url: URL): void {
  const found = files && /^[1-9]\d{0,9}$/.test(id) ? files.read(Number(id)) : undefined;
  if (!found) return notFound(res, locale, id, url);
  const { file, content } = found;
  const inline = file.mime.startsWith('image/') && url.searchParams.get('download') !== '1';
  res.writeHead(200, {
    'content-type': file.mime,
    'content-length': String(content.byteLength),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=3600',
    'referrer-policy': 'no-referrer',
  });
  res.end(content);
}

export function mountStatusPages(http: HttpServer, deps: StatusPageDeps): void {
  const { store, clock, access } = deps;

  http.routePrefix('GET', '/files/', (req, res, url) => {
    if (!allow(access, req, res, url, 'page')) return;
    sendFile(res, pageLocale(req, url), url.pathname.slice('/files/'.length), deps.files, url);
  });

  http.route('GET', '/', (req, res, url) => {
    if (!allow(access, req, res, url, 'page')) return;
    const locale = pageLocale(req, url);
    const now = clock.now();
    const all = url.searchParams.get('all') === '1';
    const allHref = `/?all=1${langSuffix(url).replace('?', '&')}`;
    const options = {
      linkSuffix: langSuffix(url),
      limit: all ? Number.POSITIVE_INFINITY : OVERVIEW_LIMIT,
      allHref,
      timeZone: deps.timeZone,
    };
    const overview = overviewHtml(locale, buildStatus(store.statusRows(), now), now, options);
    const chat = deps.chatLink
      ? html`<p><a class="chat-link" href="/chat?lang=${locale}">${t(locale, 'web.open_chat')}</a></p>`
      : '';
    const body = html`${chat}${overview}`;
    sendPage(
      res,
      200,
      page({ locale, title: t(locale, 'web.overview_title'), body, otherLangHref: otherLangHref(url, locale) }),
    );
  });

  http.routePrefix('GET', '/releases/', (req, res, url) => {
    if (!allow(access, req, res, url, 'page')) return;
    const locale = pageLocale(req, url);
    const [id = '', download] = url.pathname.slice('/releases/'.length).split('/', 2);
    const now = clock.now();
    if (download !== undefined) return sendExport(res, locale, id, download, store, now, url, deps.files);
    const status = /^[1-9]\d{0,9}$/.test(id) ? releaseStatus(store, Number(id), now) : undefined;
    if (!status) return notFound(res, locale, id, url);
    const shown = timelineCount(url);
    const timeline = buildTimeline(store.events(status.releaseId), store.releaseMessages(status.releaseId), shown + 1);
    const more = new URL(url.toString());
    more.searchParams.set('timeline', String(shown + TIMELINE_PAGE));
    const timelineMoreHref = timeline.length > shown ? `${more.pathname}${more.search}#timeline` : undefined;
    const files = deps.files?.list(status.releaseId) ?? [];
    const history = store.releasesOf(status.client.id);
    const body = releaseHtml(locale, status, timeline.slice(0, shown), now, `/${langSuffix(url)}`, {
      timeZone: deps.timeZone,
      timelineMoreHref,
      history,
      linkSuffix: langSuffix(url),
      files,
    });
    sendPage(
      res,
      200,
      page({ locale, title: titleFor(locale, status), body, otherLangHref: otherLangHref(url, locale) }),
    );
  });
}
