/**
 * The status model as plain text: the CLI, chat fallbacks and the local chat.
 *
 *   overviewText('en', buildStatus(rows, now), now)
 *   // Acme Coffee  ▓▓▓▓▓▓▓░░░  18/26  waiting on client: 3 (oldest 5 d)  next: whitelist check 2026-11-26 15:12
 */
import { SECTIONS } from '../checklist/types.js';
import { type Locale, t } from '../i18n/index.js';
import { itemLabel } from '../conversation/questions.js';
import type { Release } from '../release/model.js';
import { maskSecret } from '../release/secrets.js';
import { confirmationTag, displayValue } from './format.js';
import { provenanceText } from './provenance.js';
import { formatDuration, formatTime, progressBar } from './format.js';
import type { ReleaseStatus } from './model.js';

export function waitingText(locale: Locale, s: ReleaseStatus): string {
  const oldest = s.waitingOnClient[0];
  if (!oldest) return t(locale, 'status.nothing_waiting');
  return t(locale, 'status.waiting_on_client', {
    count: s.waitingOnClient.length,
    age: formatDuration(locale, oldest.waitedMs),
  });
}

/** "blocked: App secret (rejected by WeChat, errcode 40125), …": each blocked item with its reason. */
export function blockedText(locale: Locale, s: ReleaseStatus): string {
  return t(locale, 'status.blocked_items', {
    items: s.blocked.map((b) => itemLabel(locale, b.key) + (b.note ? ` (${b.note})` : '')).join(', '),
  });
}

/** "waiting on others: Merchant account (bank approval, expected 2026-12-10)", or '' when none. */
export function waitingOnOthersText(locale: Locale, s: ReleaseStatus): string {
  if (s.waitingOnOthers.length === 0) return '';
  const items = s.waitingOnOthers.map((w) => {
    const label = itemLabel(locale, w.key);
    if (!w.until) return label;
    return w.reason
      ? t(locale, 'status.waiting_item_reason', { label, reason: w.reason, date: w.until })
      : t(locale, 'status.waiting_item_until', { label, date: w.until });
  });
  return t(locale, 'status.waiting_on_others', { items: items.join(', ') });
}

/** "launch 2026-12-20: at risk — Merchant account must be done by 2026-12-08 (needs 7 working days)", or '' without a date. */
export function launchText(locale: Locale, s: ReleaseStatus): string {
  const plan = s.launch;
  if (!plan) return '';
  const d = plan.deciding;
  if (!d) return t(locale, 'launch.nothing_open', { date: plan.targetDate });
  const params = {
    date: plan.targetDate,
    item: itemLabel(locale, d.key),
    safe: d.latestSafe,
    lead: d.leadDays,
    until: d.waitingUntil ?? '',
  };
  if (plan.state === 'late' && d.waitingUntil && d.waitingUntil > d.latestSafe)
    return t(locale, 'launch.late_waiting', params);
  return t(locale, `launch.${plan.state}`, params);
}

/** The short form for one overview line: "launch 2026-12-20: at risk", or '' without a date. */
export function launchShortText(locale: Locale, s: ReleaseStatus): string {
  return s.launch
    ? t(locale, 'launch.short', { date: s.launch.targetDate, state: t(locale, `launch.state.${s.launch.state}`) })
    : '';
}

export function nextReminderText(locale: Locale, s: ReleaseStatus): string {
  if (!s.nextReminder) return t(locale, 'status.no_reminder');
  return t(locale, 'status.next', {
    kind: t(locale, `reminder.${s.nextReminder.kind}`),
    at: formatTime(s.nextReminder.dueAt, s.client.timezone),
  });
}

/** One line per release. */
export function overviewLine(locale: Locale, s: ReleaseStatus): string {
  const parts = [
    `${progressBar(s.progress.done, s.progress.total)}  ${s.progress.done}/${s.progress.total}`,
    s.blocked.length > 0 ? blockedText(locale, s) : waitingText(locale, s),
    ...(s.waitingOnOthers.length > 0
      ? [t(locale, 'status.waiting_on_others_count', { count: s.waitingOnOthers.length })]
      : []),
    ...(s.launch ? [launchShortText(locale, s)] : []),
    nextReminderText(locale, s),
  ];
  return `${s.client.name}  ${parts.join('  ')}`;
}

export function overviewText(locale: Locale, statuses: readonly ReleaseStatus[]): string {
  if (statuses.length === 0) return t(locale, 'status.none');
  const width = Math.max(...statuses.map((s) => s.client.name.length));
  return statuses
    .map((s) => overviewLine(locale, { ...s, client: { ...s.client, name: s.client.name.padEnd(width) } }))
    .join('\n');
}

/** Every item by section, with its state, value (secrets masked), who set it and when. */
export function releaseText(locale: Locale, s: ReleaseStatus, now: Date): string {
  const head = [
    t(locale, 'status.release_title', { client: s.client.name }),
    `${progressBar(s.progress.done, s.progress.total)}  ${s.progress.done}/${s.progress.total}  ·  ${waitingText(locale, s)}  ·  ${nextReminderText(locale, s)}`,
    s.lastClientReplyAt
      ? t(locale, 'status.last_reply', { age: formatDuration(locale, now.getTime() - Date.parse(s.lastClientReplyAt)) })
      : t(locale, 'status.never_replied'),
  ];
  const launch = launchText(locale, s);
  if (launch) head.push(launch);
  const others = waitingOnOthersText(locale, s);
  if (others) head.push(others);
  if (s.pmUser) head.push(t(locale, 'status.pm', { pm: s.pmUser }));
  if (s.secrets.length > 0)
    head.push(
      t(locale, 'status.secrets', {
        list: s.secrets.map((x) => `${itemLabel(locale, x.key)} ${maskSecret(x.last4)}`).join(', '),
      }),
    );
  const safeDates = new Map(s.launch?.items.map((p) => [p.key, p.latestSafe]) ?? []);
  const body = SECTIONS.flatMap((section) => {
    const p = s.progress.sections[section];
    const lines = s.items
      .filter((i) => i.section === section)
      .map((i) => {
        const by =
          i.setBy && i.setAt
            ? `  (${t(locale, 'status.set_by', { who: provenanceText(locale, i), at: formatTime(i.setAt, s.client.timezone) })})`
            : '';
        const value =
          i.value === null || i.value === 'done' || i.value === 'n/a'
            ? ''
            : `  ${displayValue(i.key, i.value, locale)}`;
        const note = i.pmNote ? `  [${t(locale, 'status.pm_note', { note: i.pmNote })}]` : '';
        const tag = confirmationTag(locale, i);
        const carried = tag ? `  [${tag}]` : '';
        const safe = safeDates.get(i.key);
        const plan = safe ? `  · ${t(locale, 'launch.latest_safe', { date: safe })}` : '';
        return `  ${statusMark(i.status)} ${itemLabel(locale, i.key)} — ${t(locale, `status.${i.status}`)}${value}${plan}${by}${carried}${note}`;
      });
    return ['', `${t(locale, `section.${section}`)}  ${p.done}/${p.total}`, ...lines];
  });
  return [...head, ...body].join('\n');
}

export function statusMark(status: ReleaseStatus['items'][number]['status']): string {
  switch (status) {
    case 'done':
    case 'answered':
      return '✓';
    case 'n/a':
      return '–';
    case 'blocked':
      return '✗';
    case 'waiting':
      return '…';
    case 'asked':
      return '?';
    default:
      return '·';
  }
}

/** A client's releases, oldest first: number, name, open or closed, when (`/release status <client>`, the page). */
export function historyLines(
  locale: Locale,
  clientName: string,
  releases: readonly Release[],
  timezone: string,
): string[] {
  return [
    t(locale, 'people.history_title', { client: clientName }),
    ...releases.map(
      (r) =>
        `  ${t(locale, 'people.history_line', {
          seq: r.seq ?? 1,
          name: r.name ? ` ${r.name}` : '',
          state: t(locale, r.state === 'open' ? 'people.history_open' : 'people.history_done'),
          opened: formatTime(r.createdAt, timezone),
          closed: r.closedAt ? t(locale, 'people.history_closed', { closed: formatTime(r.closedAt, timezone) }) : '',
        })}`,
    ),
  ];
}
