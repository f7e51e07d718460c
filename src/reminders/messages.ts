/**
 * How reminders read, in the reader's language. Keys live in src/i18n/{en,zh}/reminders.ts; these
 * functions only pick keys and fill parameters.
 *
 *   nudgeMessage('zh', ['developers', 'template_ids']).text
 *   // 提醒：还差 开发者 和 订阅消息模板 ID，方便时回复即可 🙏
 */
import type { ItemKey } from '../checklist/types.js';
import { itemLabel } from '../conversation/questions.js';
import { type Locale, PM_LOCALE, t } from '../i18n/index.js';
import type { OutboundMessage } from '../ports.js';

/** The language of messages to PMs (the agency works in English; the outbox's PM notices are too). */
export { PM_LOCALE };

/** "A, B and C" / "A、B 和 C". */
export function joinList(locale: Locale, words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(t(locale, 'remind.list_sep'))}${t(locale, 'remind.list_and')}${words.at(-1)}`;
}

export function itemList(locale: Locale, keys: readonly ItemKey[]): string {
  return joinList(
    locale,
    keys.map((k) => itemLabel(locale, k)),
  );
}

/** One friendly message listing every overdue item of a release. */
export function nudgeMessage(locale: Locale, keys: readonly ItemKey[]): OutboundMessage {
  return { text: t(locale, 'remind.nudge', { items: itemList(locale, keys) }) };
}

/** The PM's direct message after the last nudge went unanswered. */
export function escalationMessage(
  client: string,
  days: number,
  keys: readonly ItemKey[],
  locale: Locale = PM_LOCALE,
): OutboundMessage {
  const text = t(locale, 'remind.escalation', { client, days, items: itemList(locale, keys) });
  const first = keys[0];
  return {
    text,
    blocks: [
      { type: 'text', text },
      {
        type: 'buttons',
        buttons: [
          { action: 'open', label: t(locale, 'remind.button.open'), value: client },
          {
            action: 'snooze',
            label: t(locale, 'remind.button.snooze'),
            value: `${client}|2d`,
            ...(first ? { itemKey: first } : {}),
          },
        ],
      },
    ],
  };
}

/** The 24 h whitelist wait is over: the whitelist should be live, please check. */
export function whitelistLiveMessage(locale: Locale): OutboundMessage {
  return { text: t(locale, 'item.mp_url_whitelist.question') };
}

/** The expected date of an item waiting on someone else has come: is it through? */
export function recheckMessage(
  locale: Locale,
  key: ItemKey,
  until: string,
  reason: string | undefined,
): OutboundMessage {
  const why = reason ? t(locale, 'remind.recheck_reason', { reason }) : '';
  return { text: t(locale, 'remind.recheck', { item: itemLabel(locale, key), reason: why, date: until }) };
}

export function dueDateMessage(locale: Locale, days: number, date: string, keys: readonly ItemKey[]): OutboundMessage {
  return {
    text: t(locale, days <= 1 ? 'remind.due_date.1d' : 'remind.due_date.3d', { date, items: itemList(locale, keys) }),
  };
}
