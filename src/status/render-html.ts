/**
 * The status model as server-rendered HTML: the overview of open releases (sorted by attention),
 * one release item by item with its timeline, and the small inline panel of the local chat page.
 * Every value goes through the escaping `html` template; secrets only ever appear masked.
 *
 *   const body = overviewHtml('en', buildStatus(store.statusRows(), now), now);
 *   sendText(res, 200, page({ locale: 'en', title: t('en', 'web.title'), body }).value, 'text/html');
 */
import { SECTIONS } from '../checklist/types.js';
import { itemLabel } from '../conversation/questions.js';
import { type Locale, t } from '../i18n/index.js';
import { maskSecret } from '../release/secrets.js';
import { displayValue } from '../release/service.js';
import { formatDuration, formatTime } from './format.js';
import { html, progressBarHtml, type SafeHtml } from './html.js';
import type { ItemView, ReleaseStatus } from './model.js';
import { launchText, nextReminderText, waitingOnOthersText, waitingText } from './render-text.js';
import type { ItemState, TimelineEntry } from './timeline.js';

function field(label: string, value: string | SafeHtml, warn = false): SafeHtml {
  return html`<dt>${label}</dt><dd class="${warn ? 'warn' : ''}">${value}</dd>`;
}

function lastReply(locale: Locale, s: ReleaseStatus, now: Date): string {
  if (!s.lastClientReplyAt) return t(locale, 'status.never_replied');
  return t(locale, 'web.ago', { age: formatDuration(locale, now.getTime() - Date.parse(s.lastClientReplyAt)) });
}

/** The facts a PM scans first: waits, overdue and blocked items, next reminder, last reply. */
function summaryFields(locale: Locale, s: ReleaseStatus, now: Date): SafeHtml {
  const label = (key: ReleaseStatus['overdue'][number]): string => itemLabel(locale, key);
  return html`<dl>
${field(t(locale, 'web.field.waiting'), waitingText(locale, s))}
${s.overdue.length > 0 && field(t(locale, 'web.field.overdue'), s.overdue.map(label).join(', '), true)}
${s.blocked.length > 0 && field(t(locale, 'web.field.blocked'), s.blocked.map((b) => label(b.key) + (b.note ? ` (${b.note})` : '')).join(', '), true)}
${s.launch && field(t(locale, 'web.field.launch'), launchText(locale, s), s.launch.state !== 'on_track')}
${s.waitingOnOthers.length > 0 && field(t(locale, 'web.field.waiting_others'), waitingOnOthersText(locale, s))}
${field(t(locale, 'web.field.next'), nextReminderText(locale, s))}
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
}

function overviewCard(locale: Locale, s: ReleaseStatus, now: Date, linkSuffix: string): SafeHtml {
  return html`<section class="card release${s.blocked.length + s.overdue.length > 0 ? ' attn' : ''}" data-release="${s.releaseId}">
<h2><a href="/releases/${s.releaseId}${linkSuffix}">${s.client.name}</a></h2>${progressLine(locale, s)}${summaryFields(locale, s, now)}</section>`;
}

/**
 * `GET /`: one card per open release, most urgent first; past `limit`, a count of the rest and a
 * link to show them all (1,000 cards are ~850 KB: too much to scan or load on a phone).
 *
 *   overviewHtml('en', statuses, now, { linkSuffix: '?lang=en', allHref: '/?all=1&lang=en' });
 */
export function overviewHtml(locale: Locale, statuses: readonly ReleaseStatus[], now: Date, options: OverviewOptions = {}): SafeHtml {
  if (statuses.length === 0) return html`<p class="empty">${t(locale, 'web.none')}</p>`;
  const { linkSuffix = '', limit = OVERVIEW_LIMIT, allHref } = options;
  const shown = statuses.slice(0, limit);
  const cards = shown.map((s) => overviewCard(locale, s, now, linkSuffix));
  const rest = statuses.length - shown.length;
  const more = rest > 0 && html`<p class="more">${t(locale, 'web.more', { count: rest, total: statuses.length })}${allHref ? html` <a href="${allHref}">${t(locale, 'web.show_all')}</a>` : ''}</p>`;
  return html`<p class="muted">${t(locale, 'web.as_of', { at: formatTime(now.toISOString(), 'UTC') })}</p>${cards}${more}`;
}

function itemRow(locale: Locale, s: ReleaseStatus, item: ItemView): SafeHtml {
  const by = item.setBy && item.setAt ? t(locale, 'status.set_by', { who: item.setBy, at: formatTime(item.setAt, s.client.timezone) }) : '';
  return html`<tr data-item="${item.key}"><td>${itemLabel(locale, item.key)}</td><td><span class="st st-${item.status.replace('/', '')}">${t(locale, `status.${item.status}`)}</span></td><td>${item.value === null ? '' : displayValue(item.value, locale)}${item.note ? html`<br><small>${item.note}</small>` : ''}</td><td><small>${by}</small></td></tr>`;
}

function sectionsHtml(locale: Locale, s: ReleaseStatus): SafeHtml[] {
  return SECTIONS.map((section) => {
    const p = s.progress.sections[section];
    const rows = s.items.filter((i) => i.section === section).map((i) => itemRow(locale, s, i));
    return html`<h2>${t(locale, `section.${section}`)} <small>${p.done}/${p.total}</small></h2>
<table class="items"><thead><tr><th>${t(locale, 'web.col.item')}</th><th>${t(locale, 'web.col.status')}</th><th>${t(locale, 'web.col.value')}</th><th>${t(locale, 'web.col.by')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  });
}

function stateText(locale: Locale, state: ItemState): string {
  const status = state.status ? t(locale, `status.${state.status}`) : '';
  const value = state.value === null ? '' : displayValue(state.value, locale);
  return [status, value].filter(Boolean).join(' · ') || t(locale, 'web.none_value');
}

function timelineLine(locale: Locale, e: TimelineEntry): SafeHtml {
  switch (e.kind) {
    case 'inbound':
      return html`${t(locale, 'web.ev.inbound', { who: e.actor })}${e.text ? html`<blockquote>${e.text}</blockquote>` : ''}`;
    case 'item':
      return html`${t(locale, 'web.ev.item', { who: e.actor, item: itemLabel(locale, e.itemKey), from: stateText(locale, e.from), to: stateText(locale, e.to) })}`;
    case 'release':
    case 'binding':
      return html`${t(locale, `web.ev.${e.kind}`, { who: e.actor })}`;
    case 'outbound':
      return html`${t(locale, 'web.ev.outbound', { state: t(locale, `web.out.${e.state}`) })}<blockquote>${e.text}</blockquote>`;
    default:
      return html`${t(locale, 'web.ev.other', { who: e.actor, type: e.type })}`;
  }
}

export function timelineHtml(locale: Locale, timeline: readonly TimelineEntry[], timeZone: string): SafeHtml {
  if (timeline.length === 0) return html`<h2>${t(locale, 'web.timeline')}</h2><p>${t(locale, 'web.timeline_empty')}</p>`;
  const items = timeline.map((e) => html`<li class="ev ev-${e.kind}"><small>${formatTime(e.at, timeZone)}</small> ${timelineLine(locale, e)}</li>`);
  return html`<h2>${t(locale, 'web.timeline')}</h2><ol class="timeline">${items}</ol>`;
}

/** `GET /releases/<id>`: the summary, every item by section, then the timeline. */
export function releaseHtml(locale: Locale, s: ReleaseStatus, timeline: readonly TimelineEntry[], now: Date, backHref = '/'): SafeHtml {
  return html`<p><a href="${backHref}">${t(locale, 'web.back')}</a></p>
<section class="card" data-release="${s.releaseId}">${progressLine(locale, s)}${summaryFields(locale, s, now)}</section>
${sectionsHtml(locale, s)}
${timelineHtml(locale, timeline, s.client.timezone)}`;
}

/** The local chat page's inline panel: progress and what is waiting, linking to the full page. */
export function statusPanelHtml(locale: Locale, s: ReleaseStatus, now: Date): SafeHtml {
  return html`<div class="card" data-release="${s.releaseId}"><h2><a href="/releases/${s.releaseId}">${s.client.name}</a></h2>${progressLine(locale, s)}${summaryFields(locale, s, now)}</div>`;
}

export function titleFor(locale: Locale, s: ReleaseStatus): string {
  return t(locale, 'status.release_title', { client: s.client.name });
}
