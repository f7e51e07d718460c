/**
 * `/release status` for WeCom: the same status model as everywhere, as blocks the WeCom chat
 * renders to markdown (a bold line per client; a release's items by section).
 *
 *   const blocks = statusBlocks('zh', reply.view, now);
 *   outbox.post(pm, { text: reply.message.text, blocks });
 */
import type { CommandReply } from '../../src/commands/index.js';
import { type Locale, t } from '../../src/i18n/index.js';
import type { Block } from '../../src/ports.js';
import { progressBar } from '../../src/status/format.js';
import { nextReminderText, releaseText, waitingText } from '../../src/status/render-text.js';

export type StatusView = NonNullable<CommandReply['view']>;

/** The most urgent releases a WeCom overview lists; the rest are counted (dozens of split messages help nobody). */
export const OVERVIEW_LIMIT = 20;

export function statusBlocks(
  locale: Locale,
  view: StatusView,
  now: Date,
  extra: (clientId: number, locale: Locale) => string[] = () => [],
): Block[] {
  if (view.kind === 'overview') {
    const shown = view.statuses.slice(0, OVERVIEW_LIMIT);
    const blocks = shown.map(
      (s): Block => ({
        type: 'text',
        text: [
          `**${s.client.name}**  ${progressBar(s.progress.done, s.progress.total)} ${s.progress.done}/${s.progress.total}`,
          `> ${waitingText(locale, s)} · ${nextReminderText(locale, s)}`,
          ...extra(s.client.id, locale).map((l) => `> ${l}`),
        ].join('\n'),
      }),
    );
    const more = view.statuses.length - shown.length;
    return more > 0 ? [...blocks, { type: 'text', text: t(locale, 'status.more', { count: more }) }] : blocks;
  }
  const s = view.status;
  const [title = '', ...rest] = releaseText(locale, s, now).split('\n');
  return [
    { type: 'header', text: title },
    { type: 'text', text: [...extra(s.client.id, locale), ...rest].join('\n') },
  ];
}
