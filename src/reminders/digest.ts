/**
 * The PMs' morning digest: one message per PM listing their open releases — progress, what changed
 * since yesterday, what is stuck, the next reminder. Built from the status model (one SQL pass);
 * sent once per PM per day (the outbox dedupe key carries the date).
 *
 *   const sent = sendDigests({ store, outbox, clock }, 'Asia/Shanghai');  // number of PMs told
 */
import { CHINA_CALENDAR, calendarGaps, type WorkingCalendar } from '../calendar/working-calendar.js';
import { itemLabel } from '../conversation/questions.js';
import { type Locale, pmLocaleOf, t } from '../i18n/index.js';
import { type Outbox, userAddress } from '../outbox.js';
import type { Clock, OutboundMessage } from '../ports.js';
import type { EventLog, PeopleStore, StatusReads } from '../release/store.js';
import { formatTime } from '../status/format.js';
import { launchText, waitingOnOthersText } from '../status/render-text.js';
import { buildStatus, type ReleaseStatus } from '../status/model.js';
import { formatLocalDate, localParts } from './business-hours.js';
import { joinList } from './messages.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = EventLog & StatusReads & Pick<PeopleStore, 'watchersOf'>;

const DAY_MS = 86_400_000;

export interface DigestDeps {
  store: Store;
  outbox: Outbox;
  clock: Clock;
  /** The working calendar: no digest on a day off, and a word when it lacks a year's data. */
  calendar?: WorkingCalendar;
}

function changesSince(store: Store, releaseId: number, since: string): number {
  return store.events(releaseId).filter((e) => e.type === 'item' && e.createdAt >= since).length;
}

function releaseLines(store: Store, status: ReleaseStatus, now: Date, locale: Locale): string[] {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const lines = [
    t(locale, 'remind.digest.line', {
      client: status.client.name,
      done: status.progress.done,
      total: status.progress.total,
      changes: changesSince(store, status.releaseId, since),
      waiting: status.waitingOnClient.length,
    }),
  ];
  // Blocked items with their reason ("App secret (rejected by WeChat, errcode 40125)"), as in status.
  const stuck = [
    ...status.overdue.map((key) => itemLabel(locale, key)),
    ...status.blocked.map((b) => itemLabel(locale, b.key) + (b.note ? ` (${b.note})` : '')),
  ];
  if (stuck.length > 0) lines.push(t(locale, 'remind.digest.stuck', { items: joinList(locale, stuck) }));
  // Apart from "waiting on the client": items waiting on a bank, Tencent's review, an ICP filing…
  // Planning back from the launch date: said every morning while a release is at risk or late.
  if (status.launch && status.launch.state !== 'on_track') lines.push(`    ${launchText(locale, status)}`);
  const others = waitingOnOthersText(locale, status);
  if (others) lines.push(`    ${others}`);
  const next = status.nextReminder;
  if (next)
    lines.push(
      t(locale, 'remind.digest.next', {
        kind: t(locale, `reminder.${next.kind}`),
        at: formatTime(next.dueAt, status.client.timezone),
      }),
    );
  return lines;
}

/** One digest message per PM with open releases (and per watcher of a client with one), keyed by user (`slack:U1`). */
export function buildDigests(
  store: Store,
  now: Date,
  agencyTimezone: string,
  calendar: WorkingCalendar = CHINA_CALENDAR,
): Map<string, OutboundMessage> {
  const byPm = new Map<string, ReleaseStatus[]>();
  const add = (user: string, status: ReleaseStatus): void => {
    const list = byPm.get(user) ?? [];
    if (!list.includes(status)) byPm.set(user, [...list, status]);
  };
  const watchers = new Map<number, string[]>();
  for (const status of buildStatus(store.statusRows(), now)) {
    // The release's PM when the digest is built (a hand-over moves it), and whoever watches the client.
    if (status.pmUser) add(status.pmUser, status);
    const watching = watchers.get(status.client.id) ?? store.watchersOf(status.client.id);
    watchers.set(status.client.id, watching);
    for (const user of watching) add(user, status);
  }
  const today = localParts(now, agencyTimezone);
  const date = formatLocalDate(today);
  const digests = new Map<string, OutboundMessage>();
  for (const [pm, statuses] of byPm) {
    const locale = pmLocaleOf(pm);
    const gaps = calendarGaps(
      calendar,
      today,
      statuses.map((s) => s.targetDate).filter((d): d is string => Boolean(d)),
    );
    const lines = [
      t(locale, 'remind.digest.title', { date }),
      ...statuses.flatMap((s) => releaseLines(store, s, now, locale)),
    ];
    if (gaps.length > 0)
      lines.push(t(locale, 'remind.digest.calendar_gap', { years: joinList(locale, gaps.map(String)) }));
    digests.set(pm, { text: lines.join('\n') });
  }
  return digests;
}

/**
 * Queues today's digests; a second run the same day queues nothing (dedupe key per PM and date).
 * The cron runs every day: on a weekend or public holiday it sends nothing, on a make-up working
 * Saturday or Sunday it sends as on any working day.
 */
export function sendDigests(deps: DigestDeps, agencyTimezone: string): number {
  const now = deps.clock.now();
  const calendar = deps.calendar ?? CHINA_CALENDAR;
  const today = localParts(now, agencyTimezone);
  if (!calendar.isWorkingDay(today)) return 0;
  const date = formatLocalDate(today);
  let queued = 0;
  deps.store.transaction(() => {
    for (const [pm, message] of buildDigests(deps.store, now, agencyTimezone, calendar)) {
      const to = userAddress(pm);
      if (to && deps.outbox.post(to, message, `digest-${date}-${pm}`) !== undefined) queued += 1;
    }
  });
  return queued;
}
