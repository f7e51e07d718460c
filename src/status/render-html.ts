/**
 * The status model as server-rendered HTML: the overview of open releases (sorted by attention),
 * one release item by item with its timeline, and the small inline panel of the local chat page.
 * Every value goes through the escaping `html` template; secrets only ever appear masked.
 *
 *   const body = overviewHtml('en', buildStatus(store.statusRows(), now), now);
 *   sendText(res, 200, page({ locale: 'en', title: t('en', 'web.title'), body }).value, 'text/html');
 */
import type { Release } from '../release/model.js';
import { historyLines } from './render-text.js';
import { type ItemKey, SECTIONS } from '../checklist/types.js';
import { formatBytes } from '../files/check.js';
import type { StoredFile } from '../files/store.js';
import { itemLabel, SKIPPED } from '../conversation/questions.js';
import { type Locale, t } from '../i18n/index.js';
import { maskSecret } from '../release/secrets.js';
import { confirmationTag, displayValue } from './format.js';
import { formatDuration, formatTime } from './format.js';
import { html, progressBarHtml, SafeHtml } from './html.js';
import type { ItemView, ReleaseStatus } from './model.js';
import { DEFAULT_TIMEZONE } from './timeline.js';
import { provenanceText } from './provenance.js';
import { launchText, waitingOnOthersText } from './render-text.js';
import type { ItemState, TimelineEntry } from './timeline.js';

function field(label: string, value: string | SafeHtml, warn = false): SafeHtml {
  return html`<dt>${label}</dt><dd class="${warn ? 'warn' : ''}">${value}</dd>`;
}

/** A field's value says only what its label does not ("3 (oldest 5 d)" under "Waiting on the client"). */
function lastReply(locale: Locale, s: ReleaseStatus, now: Date): string {
  if (!s.lastClientReplyAt) return t(locale, 'web.not_yet');
  const ms = now.getTime() - Date.parse(s.lastClientReplyAt);
  return ms < 60_000 ? t(locale, 'web.just_now') : t(locale, 'web.ago', { age: formatDuration(locale, ms) });
}

function waitingValue(locale: Locale, s: ReleaseStatus): string {
  const oldest = s.waitingOnClient[0];
  if (!oldest) return t(locale, 'web.nothing');
  return t(locale, 'web.waiting_value', {
    count: s.waitingOnClient.length,
    age: formatDuration(locale, oldest.waitedMs),
  });
}

function nextValue(locale: Locale, s: ReleaseStatus, timeZone: string): string {
  if (!s.nextReminder) return t(locale, 'web.none_scheduled');
  return t(locale, 'web.next_value', {
    kind: t(locale, `reminder.${s.nextReminder.kind}`),
    at: formatTime(s.nextReminder.dueAt, timeZone),
  });
}

/** The facts a PM scans first: waits, overdue and blocked items, next reminder, last reply. */
function summaryFields(locale: Locale, s: ReleaseStatus, now: Date, timeZone: string): SafeHtml {
  const label = (key: ReleaseStatus['overdue'][number]): string => itemLabel(locale, key);
  return html`<dl>
${field(t(locale, 'web.field.waiting'), waitingValue(locale, s))}
${s.overdue.length > 0 && field(t(locale, 'web.field.overdue'), s.overdue.map(label).join(', '), true)}
${s.blocked.length > 0 && field(t(locale, 'web.field.blocked'), s.blocked.map((b) => label(b.key) + (b.note ? ` (${b.note})` : '')).join(', '), true)}
${s.launch && field(t(locale, 'web.field.launch'), launchText(locale, s), s.launch.state !== 'on_track')}
${s.waitingOnOthers.length > 0 && field(t(locale, 'web.field.waiting_others'), waitingOnOthersText(locale, s))}
${field(t(locale, 'web.field.next'), nextValue(locale, s, timeZone))}
${field(t(locale, 'web.field.last_reply'), lastReply(locale, s, now))}
${s.secrets.length > 0 && field(t(locale, 'web.field.secrets'), s.secrets.map((x) => `${label(x.key)} ${maskSecret(x.last4)}`).join(', '))}
${s.pmUser && field(t(locale, 'web.field.pm'), s.pmUser)}
${s.targetDate && field(t(locale, 'web.field.target'), s.targetDate)}
</dl>`;
}

function progressLine(locale: Locale, s: ReleaseStatus): SafeHtml {
  const { done, total } = s.progress;
  const text = t(locale, 'web.done_of', { done, total });
  return html`${progressBarHtml(done, total, text)}<div class="progress-text">${text}</div>`;
}

/** How many releases the overview page shows by default: the most urgent; the rest sit behind "show all". */
export const OVERVIEW_LIMIT = 50;

export interface OverviewOptions {
  /** Appended to every link (`?lang=zh`). */
  linkSuffix?: string;
  /** Cards shown, most urgent first; `Infinity` for all. */
  limit?: number;
  /** Where "show all" points when some releases are left off. */
  allHref?: string;
  /** The one time zone every time on the page is shown in (the agency's), and labelled with. */
  timeZone?: string;
}

/** "Times in Asia/Shanghai": the label that goes with the page's one time zone. */
function zoneLabel(locale: Locale, timeZone: string): SafeHtml {
  return html`<span class="tz" data-timezone="${timeZone}">${t(locale, 'web.times_in', { tz: timeZone })}</span>`;
}

function overviewCard(locale: Locale, s: ReleaseStatus, now: Date, linkSuffix: string, timeZone: string): SafeHtml {
  return html`<section class="card release${s.blocked.length + s.overdue.length > 0 ? ' attn' : ''}" data-release="${s.releaseId}">
<h2><a href="/releases/${s.releaseId}${linkSuffix}">${s.client.name}</a></h2>${progressLine(locale, s)}${summaryFields(locale, s, now, timeZone)}</section>`;
}

/**
 * `GET /`: one card per open release, most urgent first; past `limit`, a count of the rest and a
 * link to show them all (1,000 cards are ~850 KB: too much to scan or load on a phone).
 *
 *   overviewHtml('en', statuses, now, { linkSuffix: '?lang=en', allHref: '/?all=1&lang=en' });
 */
export function overviewHtml(
  locale: Locale,
  statuses: readonly ReleaseStatus[],
  now: Date,
  options: OverviewOptions = {},
): SafeHtml {
  if (statuses.length === 0) return html`<p class="empty">${t(locale, 'web.none')}</p>`;
  const { linkSuffix = '', limit = OVERVIEW_LIMIT, allHref, timeZone = DEFAULT_TIMEZONE } = options;
  const shown = statuses.slice(0, limit);
  const cards = shown.map((s) => overviewCard(locale, s, now, linkSuffix, timeZone));
  const rest = statuses.length - shown.length;
  const more =
    rest > 0 &&
    html`<p class="more">${t(locale, 'web.more', { count: rest, total: statuses.length })}${allHref ? html` <a href="${allHref}">${t(locale, 'web.show_all')}</a>` : ''}</p>`;
  return html`<p class="muted">${t(locale, 'web.as_of', { at: formatTime(now.toISOString(), timeZone) })} · ${zoneLabel(locale, timeZone)}</p>${cards}${more}`;
}

/**
 * An item's note as a reader should see it: the conversation's "skipped" marker only while the item is
 * still open (an answered item was not skipped), and in the page's language.
 */
function noteOf(locale: Locale, item: ItemView): string | null {
  if (item.note !== SKIPPED) return item.note;
  return item.status === 'asked' || item.status === 'todo' ? t(locale, 'web.note.skipped') : null;
}

/** A file on the page: an image as a thumbnail linking to itself, anything else as a download link. */
function fileHtml(locale: Locale, f: StoredFile): SafeHtml {
  const caption = t(locale, 'web.file_caption', { number: f.number, name: f.name, size: formatBytes(f.bytes) });
  if (f.mime.startsWith('image/')) {
    return html`<a class="file" data-file="${f.number}" href="/files/${f.id}" title="${caption}"><img class="thumb" src="/files/${f.id}" alt="${f.name}" loading="lazy"></a>`;
  }
  return html`<a class="file doc" data-file="${f.number}" href="/files/${f.id}" download>📎 ${caption}</a>`;
}

function filesHtml(locale: Locale, files: readonly StoredFile[]): SafeHtml | '' {
  return files.length === 0 ? '' : html`<div class="files">${files.map((f) => fileHtml(locale, f))}</div>`;
}

function itemRow(
  locale: Locale,
  item: ItemView,
  timeZone: string,
  attr = 'data-item',
  files: readonly StoredFile[] = [],
): SafeHtml {
  const by =
    item.setBy && item.setAt
      ? t(locale, 'status.set_by', { who: provenanceText(locale, item), at: formatTime(item.setAt, timeZone) })
      : '';
  const note = noteOf(locale, item);
  const tag = confirmationTag(locale, item);
  const carried = tag ? html`<br><small class="carried">${tag}</small>` : '';
  const pmNote = html`${carried}${item.pmNote ? html`<br><small class="pm-note">${t(locale, 'status.pm_note', { note: item.pmNote })}</small>` : ''}`;
  return html`<tr ${new SafeHtml(attr)}="${item.key}"><td>${itemLabel(locale, item.key)}</td><td><span class="st st-${item.status.replace('/', '')}">${t(locale, `status.${item.status}`)}</span></td><td>${item.value === null ? '' : displayValue(item.key, item.value, locale)}${note ? html`<br><small class="note">${note}</small>` : ''}${pmNote}${filesHtml(
    locale,
    files.filter((f) => f.itemKey === item.key),
  )}</td><td><small class="source" data-how="${item.setHow ?? ''}">${by}</small></td></tr>`;
}

function itemTable(locale: Locale, rows: SafeHtml[]): SafeHtml {
  return html`<table class="items"><thead><tr><th>${t(locale, 'web.col.item')}</th><th>${t(locale, 'web.col.status')}</th><th>${t(locale, 'web.col.value')}</th><th>${t(locale, 'web.col.by')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** What needs the PM first: blocked, then overdue, then what the client has been asked, oldest wait first. */
function attentionHtml(locale: Locale, s: ReleaseStatus, timeZone: string, files: readonly StoredFile[]): SafeHtml {
  const keys = [...s.blocked.map((b) => b.key), ...s.overdue, ...s.waitingOnClient.map((w) => w.key)];
  const unique = [...new Set(keys)];
  if (unique.length === 0)
    return html`<h2 id="attention">${t(locale, 'web.attention')}</h2><p class="empty">${t(locale, 'web.attention_none')}</p>`;
  const rows = unique
    .flatMap((key) => s.items.filter((i) => i.key === key))
    .map((i) => itemRow(locale, i, timeZone, 'data-attention', files));
  return html`<h2 id="attention">${t(locale, 'web.attention')} <small>${unique.length}</small></h2>${itemTable(locale, rows)}`;
}

function sectionsHtml(locale: Locale, s: ReleaseStatus, timeZone: string, files: readonly StoredFile[]): SafeHtml[] {
  return SECTIONS.map((section) => {
    const p = s.progress.sections[section];
    const rows = s.items
      .filter((i) => i.section === section)
      .map((i) => itemRow(locale, i, timeZone, 'data-item', files));
    return html`<h2>${t(locale, `section.${section}`)} <small>${p.done}/${p.total}</small></h2>${itemTable(locale, rows)}`;
  });
}

function stateText(locale: Locale, key: ItemKey, state: ItemState): string {
  const status = state.status ? t(locale, `status.${state.status}`) : '';
  const value = state.value === null ? '' : displayValue(key, state.value, locale);
  return [status, value].filter(Boolean).join(' · ') || t(locale, 'web.none_value');
}

function timelineLine(locale: Locale, e: TimelineEntry): SafeHtml {
  switch (e.kind) {
    case 'inbound':
      return html`${t(locale, 'web.ev.inbound', { who: e.actor })}${e.text ? html`<blockquote>${e.text}</blockquote>` : ''}`;
    case 'item':
      return html`${t(locale, e.undo ? 'web.ev.undone' : 'web.ev.item', { who: e.actor, item: itemLabel(locale, e.itemKey), from: stateText(locale, e.itemKey, e.from), to: stateText(locale, e.itemKey, e.to) })}`;
    case 'note':
      return html`${t(locale, 'web.ev.note', { who: e.actor, item: itemLabel(locale, e.itemKey), note: e.note ?? '—' })}`;
    case 'release':
    case 'binding':
      return html`${t(locale, `web.ev.${e.kind}`, { who: e.actor })}`;
    case 'outbound':
      return html`${t(locale, 'web.ev.outbound', { state: t(locale, `web.out.${e.state}`) })}<blockquote>${e.text}</blockquote>`;
    default:
      return html`${t(locale, 'web.ev.other', { who: e.actor, type: e.type })}`;
  }
}

/** How many timeline entries a release page shows at first; "show more" adds as many again. */
export const TIMELINE_PAGE = 30;

/** The timeline, newest first; `moreHref` (when entries were left off) links to a longer page. */
export function timelineHtml(
  locale: Locale,
  timeline: readonly TimelineEntry[],
  timeZone: string,
  moreHref?: string,
): SafeHtml {
  if (timeline.length === 0)
    return html`<h2 id="timeline">${t(locale, 'web.timeline')}</h2><p>${t(locale, 'web.timeline_empty')}</p>`;
  const items = timeline.map(
    (e) =>
      html`<li class="ev ev-${e.kind}"><small>${formatTime(e.at, timeZone)}</small> ${timelineLine(locale, e)}</li>`,
  );
  const more = moreHref
    ? html`<p class="more"><a id="timeline-more" href="${moreHref}">${t(locale, 'web.timeline_more')}</a></p>`
    : '';
  return html`<h2 id="timeline">${t(locale, 'web.timeline')}</h2><ol class="timeline">${items}</ol>${more}`;
}

export interface ReleasePageOptions {
  /** The page's one time zone (the agency's). */
  timeZone?: string;
  /** Set when the timeline has older entries than those given: where "show more" points. */
  timelineMoreHref?: string;
  /** The release's files: shown with their items; those with no item yet in a list of their own. */
  files?: readonly StoredFile[];
  /** The client's releases, oldest first, when it has more than one: the history, each linked. */
  history?: readonly Release[];
  /** Appended to each history link (`?lang=zh`). */
  linkSuffix?: string;
}

/** The client's releases, each linked to its page; the one shown is not a link. */
function historyHtml(
  locale: Locale,
  clientName: string,
  current: number,
  history: readonly Release[],
  timeZone: string,
  suffix: string,
): SafeHtml {
  const lines = historyLines(locale, clientName, history, timeZone);
  const items = history.map((r, i) => {
    const line = (lines[i + 1] ?? '').trim();
    return r.id === current
      ? html`<li aria-current="page"><strong>${line}</strong></li>`
      : html`<li><a href="/releases/${r.id}${suffix}">${line}</a></li>`;
  });
  return html`<h2 id="history">${lines[0] ?? ''}</h2><ol class="history">${items}</ol>`;
}

/** Files nobody has put with an item yet, with the command that does. */
function unlinkedFilesHtml(locale: Locale, s: ReleaseStatus, files: readonly StoredFile[]): SafeHtml | '' {
  const loose = files.filter((f) => f.itemKey === null);
  if (loose.length === 0) return '';
  return html`<h2 id="files-unlinked">${t(locale, 'web.files_unlinked')} <small>${loose.length}</small></h2><p class="muted">${t(locale, 'web.files_unlinked_hint', { command: `/release file ${s.client.name} <number> <item>` })}</p>${filesHtml(locale, loose)}`;
}

/** `GET /releases/<id>`: the summary, what needs attention, every item by section, then the timeline (paged). */
export function releaseHtml(
  locale: Locale,
  s: ReleaseStatus,
  timeline: readonly TimelineEntry[],
  now: Date,
  backHref = '/',
  options: ReleasePageOptions = {},
): SafeHtml {
  const timeZone = options.timeZone ?? DEFAULT_TIMEZONE;
  const files = options.files ?? [];
  return html`<p><a href="${backHref}">${t(locale, 'web.back')}</a> · <a href="#timeline">${t(locale, 'web.timeline')}</a> · ${zoneLabel(locale, timeZone)}</p>
<section class="card" data-release="${s.releaseId}">${progressLine(locale, s)}${summaryFields(locale, s, now, timeZone)}</section>
${attentionHtml(locale, s, timeZone, files)}
${unlinkedFilesHtml(locale, s, files)}
<h2 class="all-items">${t(locale, 'web.all_items', { total: s.progress.total })}</h2>
${sectionsHtml(locale, s, timeZone, files)}
${options.history && options.history.length > 1 ? historyHtml(locale, s.client.name, s.releaseId, options.history, timeZone, options.linkSuffix ?? '') : ''}
${timelineHtml(locale, timeline, timeZone, options.timelineMoreHref)}`;
}

/** The local chat page's inline panel: progress and what is waiting, linking to the full page. */
export function statusPanelHtml(locale: Locale, s: ReleaseStatus, now: Date, timeZone = DEFAULT_TIMEZONE): SafeHtml {
  return html`<div class="card" data-release="${s.releaseId}"><h2><a href="/releases/${s.releaseId}">${s.client.name}</a></h2>${progressLine(locale, s)}${summaryFields(locale, s, now, timeZone)}<p class="muted">${zoneLabel(locale, timeZone)}</p></div>`;
}

export function titleFor(locale: Locale, s: ReleaseStatus): string {
  return t(locale, 'status.release_title', { client: s.client.name });
}
