/** Small formatting shared by every status renderer and reply: values, bars, durations, times in a time zone. */
import type { ItemValue } from '../checklist/types.js';
import { type Locale, t } from '../i18n/index.js';
import { maskSecret } from '../release/secrets.js';

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
export function editableText(value: ItemValue, locale: Locale): string {
  if (Array.isArray(value)) return value.join('\n');
  if (typeof value === 'object' && 'status' in value) return value.merchant_id ?? displayValue(value, locale);
  if (typeof value === 'object' && 'on_file' in value) return '';
  return displayValue(value, locale);
}

/** How a value reads in replies, status and exports: secrets masked, lists joined, words localized. */
export function displayValue(value: ItemValue | null, locale: Locale): string {
  if (value === null) return '—';
  if (value === 'done') return t(locale, 'value.done');
  if (value === 'n/a') return t(locale, 'status.n/a');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  if ('on_file' in value) return maskSecret(value.last4);
  if ('domains' in value) return [value.domains.join(', '), value.icp].filter(Boolean).join(' · ');
  if ('status' in value)
    return [t(locale, `value.merchant.${value.status}`), value.merchant_id].filter(Boolean).join(' · ');
  if ('registered' in value) {
    const verified =
      value.verified === undefined ? undefined : t(locale, value.verified ? 'value.verified' : 'value.unverified');
    return [t(locale, value.registered ? 'value.registered' : 'value.not_registered'), verified]
      .filter(Boolean)
      .join(' · ');
  }
  if ('has_ugc' in value)
    return value.has_ugc
      ? [t(locale, 'value.ugc'), value.licence].filter(Boolean).join(' · ')
      : t(locale, 'value.no_ugc');
  return [value.app_id, value.secret ? maskSecret(value.secret.last4) : undefined].filter(Boolean).join(' · ');
}
