/**
 * Dates people give (a release's target date, any date in an answer): `YYYY-MM-DD` that exists in
 * the calendar (no 2026-02-30) and, where it must, is not already past in the person's time zone.
 *
 *   checkDate('2026-02-30', { today: '2026-01-10' })  // { ok: false, reason: { key: 'reason.date_impossible', … } }
 *   todayIn('Asia/Shanghai', new Date())             // '2026-11-25'
 */
import type { Message } from '../i18n/index.js';

export type DateVerdict = { ok: true; date: string } | { ok: false; reason: Message };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of `now` in `timeZone`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whether `YYYY-MM-DD` names a day of the calendar (month 1–12, day within that month, leap years counted). */
export function dateExists(date: string): boolean {
  const m = SHAPE.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A date as typed: its shape, that it exists, and (given `today`) that it is today or later. */
export function checkDate(input: string, opts: { today?: string; timezone?: string } = {}): DateVerdict {
  const date = input.normalize('NFKC').trim();
  if (!SHAPE.test(date)) return { ok: false, reason: { key: 'reason.date', params: { input } } };
  if (!dateExists(date)) return { ok: false, reason: { key: 'reason.date_impossible', params: { input: date } } };
  if (opts.today && date < opts.today)
    return {
      ok: false,
      reason: { key: 'reason.date_past', params: { input: date, today: opts.today, timezone: opts.timezone ?? 'UTC' } },
    };
  return { ok: true, date };
}
