/** Small formatting shared by every status renderer: bars, durations, times in a time zone. */
import { type Locale, t } from '../i18n/index.js';

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
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
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
