/** Small formatting shared by every status renderer and reply: values, bars, durations, times in a time zone. */
import { itemDef } from '../checklist/items.js';
import type { ItemKey, ItemValue } from '../checklist/types.js';
import { type TaggedValue, tagged } from '../checklist/values.js';
import { type Locale, t } from '../i18n/index.js';
import { pendingKind } from '../release/model.js';
import { maskSecret, maskSecretsIn } from '../release/secrets.js';

export function progressBar(done: number, total: number, width = 10): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return '▓'.repeat(filled) + '░'.repeat(width - filled);
}

export function formatDuration(locale: Locale, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t(locale, 'duration.min', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(locale, 'duration.h', { n: hours });
  return t(locale, 'duration.d', { n: Math.floor(hours / 24) });
}

/**
 * One formatter per time zone: building an `Intl.DateTimeFormat` costs ~0.1 ms, far more than
 * formatting with it, and an overview formats a time for every release.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    FORMATTERS.set(timeZone, formatter);
  }
  return formatter;
}

/** `2026-11-26 15:12` in the given time zone. */
export function formatTime(iso: string, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** A value as text a person edits and sends back (the Slack Edit form): lists one per line, secrets never. */
export function editableText(key: ItemKey, value: ItemValue, locale: Locale): string {
  const v = tagged(key, value);
  switch (v.kind) {
    case 'list':
      return v.entries.join('\n');
    case 'merchant':
      return v.account.merchant_id ?? displayTagged(key, v, locale);
    case 'secret':
      return '';
    default:
      return displayTagged(key, v, locale);
  }
}

/**
 * The PM's tag for a value carried from an earlier release or waiting for the client's yes: "carried from release 1,
 * waiting for the client's confirmation", "carried from release 1", or, for a guess read from the client's words,
 * "read from the client's reply, to confirm". Undefined for any other item.
 */
export function confirmationTag(
  locale: Locale,
  item: { carriedFrom?: number | null; confirmPending?: boolean },
): string | undefined {
  if (item.carriedFrom)
    return t(locale, item.confirmPending ? 'people.carried_status' : 'people.carried_confirmed', {
      release: item.carriedFrom,
    });
  return pendingKind(item) === 'guess' ? t(locale, 'people.guess_status') : undefined;
}

/** How a value reads in replies, status and exports: secrets masked, lists joined, words localized. */
export function displayValue(key: ItemKey, value: ItemValue | null, locale: Locale): string {
  return displayTagged(key, tagged(key, value), locale);
}

function displayTagged(key: ItemKey, v: TaggedValue, locale: Locale): string {
  switch (v.kind) {
    case 'none':
      return '—';
    case 'status':
      return v.status === 'done' ? t(locale, 'value.done') : t(locale, 'status.n/a');
    case 'text':
      return v.text;
    case 'list':
      return v.entries.join(', ');
    case 'secret':
      return maskSecret(v.secret.last4);
    case 'whitelist':
      return [v.whitelist.domains.join(', '), v.whitelist.icp].filter(Boolean).join(' · ');
    case 'merchant':
      return [t(locale, `value.merchant.${v.account.status}`), v.account.merchant_id].filter(Boolean).join(' · ');
    case 'enterprise': {
      const { registered, verified } = v.account;
      const verification =
        verified === undefined ? undefined : t(locale, verified ? 'value.verified' : 'value.unverified');
      const whose =
        registered === undefined ? undefined : t(locale, registered ? 'value.registered' : 'value.not_registered');
      return [whose, verification].filter(Boolean).join(' · ');
    }
    case 'ugc':
      return v.ugc.has_ugc
        ? [t(locale, 'value.ugc'), v.ugc.licence].filter(Boolean).join(' · ')
        : t(locale, 'value.no_ugc');
    case 'open_platform':
      return [v.platform.app_id, v.platform.secret ? maskSecret(v.platform.secret.last4) : undefined]
        .filter(Boolean)
        .join(' · ');
    case 'unexpected':
      return unexpectedText(key, v.value);
  }
}

/**
 * A stored value without its item's shape (an old row, a bad import): shown as it is so a PM can fix it,
 * secret-looking runs masked; a secret item's value is never shown.
 */
function unexpectedText(key: ItemKey, value: ItemValue): string {
  if (itemDef(key).secret) return maskSecret('');
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : JSON.stringify(value);
  return maskSecretsIn(text);
}
