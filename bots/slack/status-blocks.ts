/**
 * `/release status` as Block Kit: the overview (one section per open release, with its bar) and
 * one release (a bar per checklist section, every item's state and value, secrets masked). Reads
 * the one status model (`src/status/model.ts`); the plain-text fallback is the command's text.
 *
 *   const blocks = statusBlocks('en', reply.view, clock.now());
 */
import { SECTIONS } from '../../src/checklist/types.js';
import type { CommandReply } from '../../src/commands/index.js';
import { itemLabel } from '../../src/conversation/questions.js';
import { type Locale, t } from '../../src/i18n/index.js';
import { maskSecret } from '../../src/release/secrets.js';
import { confirmationTag, displayValue } from '../../src/status/format.js';
import { formatDuration } from '../../src/status/format.js';
import type { ReleaseStatus } from '../../src/status/model.js';
import {
  blockedText,
  launchText,
  nextReminderText,
  statusMark,
  waitingOnOthersText,
  waitingText,
} from '../../src/status/render-text.js';
import { escapeMrkdwn, LIMITS, plain, progressLine, section, type SlackBlock } from './blocks.js';

type StatusView = NonNullable<CommandReply['view']>;

/** Per release: the bar, what waits on the client (overdue first), the next reminder. */
function overviewSection(locale: Locale, s: ReleaseStatus): SlackBlock {
  const lines = [`*${escapeMrkdwn(s.client.name)}*  ${progressLine(s.progress.done, s.progress.total)}`];
  if (s.blocked.length > 0) lines.push(escapeMrkdwn(blockedText(locale, s)));
  lines.push(
    escapeMrkdwn(waitingText(locale, s)) +
      (s.waitingOnClient.length
        ? `: ${escapeMrkdwn(s.waitingOnClient.map((w) => itemLabel(locale, w.key)).join(', '))}`
        : ''),
  );
  if (s.overdue.length > 0)
    lines.push(
      `:warning: ${escapeMrkdwn(t(locale, 'status.overdue', { items: s.overdue.map((k) => itemLabel(locale, k)).join(', ') }))}`,
    );
  lines.push(escapeMrkdwn(nextReminderText(locale, s)));
  return section(lines.join('\n'));
}

export function overviewBlocks(locale: Locale, statuses: readonly ReleaseStatus[]): SlackBlock[] {
  if (statuses.length === 0) return [section(escapeMrkdwn(t(locale, 'status.none')))];
  const room = Math.floor((LIMITS.blocks - 2) / 2);
  const shown = statuses.slice(0, room);
  const blocks: SlackBlock[] = [{ type: 'header', text: plain(t(locale, 'status.overview_title'), LIMITS.headerText) }];
  for (const s of shown) blocks.push(overviewSection(locale, s), { type: 'divider' });
  if (statuses.length > shown.length)
    blocks.push(section(escapeMrkdwn(t(locale, 'status.more', { count: statuses.length - shown.length }))));
  return blocks;
}

function releaseHead(locale: Locale, s: ReleaseStatus, now: Date): string[] {
  const head = [
    `${progressLine(s.progress.done, s.progress.total)}  ·  ${escapeMrkdwn(waitingText(locale, s))}  ·  ${escapeMrkdwn(nextReminderText(locale, s))}`,
    escapeMrkdwn(
      s.lastClientReplyAt
        ? t(locale, 'status.last_reply', {
            age: formatDuration(locale, now.getTime() - Date.parse(s.lastClientReplyAt)),
          })
        : t(locale, 'status.never_replied'),
    ),
  ];
  const launch = launchText(locale, s);
  if (launch) head.push(escapeMrkdwn(launch));
  const others = waitingOnOthersText(locale, s);
  if (others) head.push(escapeMrkdwn(others));
  if (s.pmUser) head.push(escapeMrkdwn(t(locale, 'status.pm', { pm: s.pmUser })));
  if (s.secrets.length > 0)
    head.push(
      escapeMrkdwn(
        t(locale, 'status.secrets', {
          list: s.secrets.map((x) => `${itemLabel(locale, x.key)} ${maskSecret(x.last4)}`).join(', '),
        }),
      ),
    );
  return head;
}

export function releaseBlocks(
  locale: Locale,
  s: ReleaseStatus,
  now: Date,
  notes: readonly string[] = [],
): SlackBlock[] {
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(t(locale, 'status.release_title', { client: s.client.name }), LIMITS.headerText) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: releaseHead(locale, s, now).join('\n') }] },
  ];
  for (const name of SECTIONS) {
    const p = s.progress.sections[name];
    const items = s.items
      .filter((i) => i.section === name)
      .map((i) => {
        const tag = confirmationTag(locale, i);
        const carried = tag ? `  _[${escapeMrkdwn(tag)}]_` : '';
        const note = `${carried}${i.pmNote ? `  _(${escapeMrkdwn(t(locale, 'status.pm_note', { note: i.pmNote }))})_` : ''}`;
        return `${statusMark(i.status)} ${escapeMrkdwn(itemLabel(locale, i.key))} — _${escapeMrkdwn(t(locale, `status.${i.status}`))}_${i.value === null ? '' : `  ${escapeMrkdwn(displayValue(i.key, i.value, locale))}`}${note}`;
      });
    blocks.push(
      { type: 'divider' },
      section(`*${escapeMrkdwn(t(locale, `section.${name}`))}*  ${progressLine(p.done, p.total)}`),
      section(items.join('\n') || '—'),
    );
  }
  // The adapters' notes and the client's release history, as the text reply has them.
  if (notes.length > 0) blocks.push({ type: 'divider' }, section(notes.map(escapeMrkdwn).join('\n')));
  return blocks;
}

export function statusBlocks(locale: Locale, view: StatusView, now: Date): SlackBlock[] {
  return view.kind === 'overview'
    ? overviewBlocks(locale, view.statuses)
    : releaseBlocks(locale, view.status, now, view.notes);
}
