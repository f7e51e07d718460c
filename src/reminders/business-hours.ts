/**
 * Business time in a client's time zone: 09:00–18:00, Monday to Friday. Nudges count only these
 * hours, so nothing is sent at night or on a weekend. Pure functions of (instant, zone).
 *
 *   addBusinessHours(new Date('2026-11-27T07:00:00Z'), 24, 'Asia/Shanghai')  // Fri 15:00 → Wed 12:00
 *   atLocalTime({ year: 2026, month: 12, day: 1 }, 10, 0, 'Asia/Shanghai')  // 2026-12-01T02:00:00Z
 */

export const OPENS_AT = 9;
export const CLOSES_AT = 18;
const HOUR_MS = 3_600_000;

export interface LocalDate {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

interface LocalParts extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at an instant (ms). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall clock in `timeZone` shows `hour:minute` on `date` (DST-safe: re-checks the offset). */
export function atLocalTime(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - offsetMs(new Date(wall), timeZone);
  const second = wall - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isWeekend(date: LocalDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** `2026-12-01` → { year: 2026, month: 12, day: 1 }; undefined when it is not such a date. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m) return undefined;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The instant `hours` of business time after `start` (a start outside business hours waits for the next opening). */
export function addBusinessHours(start: Date, hours: number, timeZone: string): Date {
  let cursor = start.getTime();
  let remaining = hours * HOUR_MS;
  // A year of weekdays bounds the loop even for absurd inputs.
  for (let guard = 0; guard < 400; guard += 1) {
    const today = localParts(new Date(cursor), timeZone);
    const opens = atLocalTime(today, OPENS_AT, 0, timeZone).getTime();
    const closes = atLocalTime(today, CLOSES_AT, 0, timeZone).getTime();
    if (isWeekend(today) || cursor >= closes) {
      cursor = atLocalTime(addDays(today, 1), OPENS_AT, 0, timeZone).getTime();
      continue;
    }
    cursor = Math.max(cursor, opens);
    if (remaining <= closes - cursor) return new Date(cursor + remaining);
    remaining -= closes - cursor;
    cursor = atLocalTime(addDays(today, 1), OPENS_AT, 0, timeZone).getTime();
  }
  throw new RangeError(`addBusinessHours: ${hours} h is more business time than a year holds; pass a smaller number.`);
}

/**
 * The first business instant at or after `instant`: itself during business hours, else the next opening.
 *
 *   nextBusinessInstant(new Date('2026-11-28T15:00:00Z'), 'Asia/Shanghai')  // Sat 23:00 → Mon 09:00 (01:00Z)
 */
export function nextBusinessInstant(instant: Date, timeZone: string): Date {
  return addBusinessHours(instant, 0, timeZone);
}

/** Working days (Mon–Fri) from `from`'s local date up to, not including, `to`'s local date. */
export function businessDaysBetween(from: Date, to: Date, timeZone: string): number {
  let day: LocalDate = localParts(from, timeZone);
  const end = formatLocalDate(localParts(to, timeZone));
  let count = 0;
  for (let guard = 0; guard < 3660 && formatLocalDate(day) < end; guard += 1) {
    if (!isWeekend(day)) count += 1;
    day = addDays(day, 1);
  }
  return count;
}
