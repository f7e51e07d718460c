/**
 * Business time in a recipient's time zone: the client's hours (09:00–18:00 unless `/release set-hours`) on the working days of China's calendar
 * (`src/calendar/working-calendar.ts`: weekends and public holidays off, make-up Saturdays and
 * Sundays on). Every scheduled message counts only these hours, so nothing is sent at night, on a
 * weekend or on a holiday. Pure functions of (instant, zone, calendar).
 *
 *   addWorkingDays(new Date('2026-09-30T02:00:00Z'), 2, 'Asia/Shanghai')  // Wed 30 Sep 10:00 → Sat 10 Oct 10:00 (make-up day)
 *   atLocalTime({ year: 2026, month: 12, day: 1 }, 10, 0, 'Asia/Shanghai')  // 2026-12-01T02:00:00Z
 */
import {
  addDays,
  CHINA_CALENDAR,
  formatLocalDate,
  type LocalDate,
  type WorkingCalendar,
} from '../calendar/working-calendar.js';

export { addDays, formatLocalDate, isWeekend, type LocalDate, parseLocalDate } from '../calendar/working-calendar.js';

export const OPENS_AT = 9;
export const CLOSES_AT = 18;
const HOUR_MS = 3_600_000;

/** A client's business hours, minutes after midnight in the recipient's zone (`/release set-hours`). */
export interface BusinessHours {
  opens: number;
  closes: number;
}

export const DEFAULT_HOURS: BusinessHours = { opens: OPENS_AT * 60, closes: CLOSES_AT * 60 };

/** A client's hours as stored (columns may be absent on records built by hand). */
export function hoursOf(client: { opensAt?: number; closesAt?: number } | undefined): BusinessHours {
  return { opens: client?.opensAt ?? DEFAULT_HOURS.opens, closes: client?.closesAt ?? DEFAULT_HOURS.closes };
}

/** `09:00-18:00` as people write it. */
export function formatHours(h: BusinessHours): string {
  const hhmm = (m: number): string =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(h.opens)}-${hhmm(h.closes)}`;
}

/**
 * `09:00-18:00`, `9-18`, `8:30–17:30` → minutes; undefined for anything else (end before start, past 24:00).
 *
 *   parseHours('9:30-18')  // { opens: 570, closes: 1080 }
 */
export function parseHours(text: string): BusinessHours | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*[-–—~至到]\s*(\d{1,2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const opens = Number(m[1]) * 60 + Number(m[2] ?? 0);
  const closes = Number(m[3]) * 60 + Number(m[4] ?? 0);
  if (Number(m[2] ?? 0) >= 60 || Number(m[4] ?? 0) >= 60 || closes > 24 * 60 || opens >= closes) return undefined;
  return { opens, closes };
}

const at = (date: LocalDate, minutes: number, timeZone: string): Date =>
  atLocalTime(date, Math.floor(minutes / 60), minutes % 60, timeZone);

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

/**
 * How far the zone's wall clock is ahead of UTC during one minute (ms). Zones change their offset only
 * at a whole minute, so one reading per zone and minute is exact; the readings are cached because
 * `formatToParts` is the costliest step of planning and firing a reminder (a burst of 10,000 reads
 * the same few minutes thousands of times).
 */
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 4096;

function offsetMs(instant: Date, timeZone: string): number {
  const minute = Math.floor(instant.getTime() / 60_000) * 60_000;
  const key = `${timeZone}@${minute}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const parts = formatter(timeZone).formatToParts(new Date(minute));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = wall - minute;
  if (offsets.size >= OFFSETS_KEPT) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The wall-clock reading of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const wall = new Date(instant.getTime() + offsetMs(instant, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The instant a wall clock in `timeZone` shows `hour:minute` on `date` (DST-safe: re-checks the offset). */
export function atLocalTime(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - offsetMs(new Date(wall), timeZone);
  const second = wall - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

/** The instant `hours` of business time after `start` (a start outside business hours waits for the next opening). */
export function addBusinessHours(
  start: Date,
  hours: number,
  timeZone: string,
  calendar: WorkingCalendar = CHINA_CALENDAR,
  open: BusinessHours = DEFAULT_HOURS,
): Date {
  let cursor = start.getTime();
  let remaining = hours * HOUR_MS;
  // A year of days bounds the loop even for absurd inputs.
  for (let guard = 0; guard < 800; guard += 1) {
    const today = localParts(new Date(cursor), timeZone);
    const opens = at(today, open.opens, timeZone).getTime();
    const closes = at(today, open.closes, timeZone).getTime();
    if (!calendar.isWorkingDay(today) || cursor >= closes) {
      cursor = at(addDays(today, 1), open.opens, timeZone).getTime();
      continue;
    }
    cursor = Math.max(cursor, opens);
    if (remaining <= closes - cursor) return new Date(cursor + remaining);
    remaining -= closes - cursor;
    cursor = at(addDays(today, 1), open.opens, timeZone).getTime();
  }
  throw new RangeError(`addBusinessHours: ${hours} h is more business time than a year holds; pass a smaller number.`);
}

/**
 * The first business instant at or after `instant`: itself during business hours, else the next opening.
 *
 *   nextBusinessInstant(new Date('2026-11-28T15:00:00Z'), 'Asia/Shanghai')  // Sat 23:00 → Mon 09:00 (01:00Z)
 */
export function nextBusinessInstant(
  instant: Date,
  timeZone: string,
  calendar: WorkingCalendar = CHINA_CALENDAR,
  open: BusinessHours = DEFAULT_HOURS,
): Date {
  const minute = Math.floor(instant.getTime() / 60_000) * 60_000;
  let known = openings.get(calendar);
  if (!known) {
    known = new Map();
    openings.set(calendar, known);
  }
  const key = `${timeZone}@${open.opens}-${open.closes}@${minute}`;
  let opening = known.get(key);
  if (opening === undefined) {
    const next = addBusinessHours(new Date(minute), 0, timeZone, calendar, open).getTime();
    opening = next === minute ? OPEN_THIS_MINUTE : next;
    if (known.size >= OPENINGS_KEPT) known.clear();
    known.set(key, opening);
  }
  return opening === OPEN_THIS_MINUTE ? instant : new Date(opening);
}

/**
 * `nextBusinessInstant` per calendar (never changed once built), zone, hours and minute. Within one
 * minute the answer is the instant itself for every instant (open at the minute's start means open
 * all of it) or one and the same opening: days, opening and closing times all begin at whole minutes,
 * as zones' offsets do (`offsetMs`). Every copy of a burst of reminders asks it for the same minute
 * (bench -- reminders: ~2.5 µs of ~50 per reminder before).
 */
const openings = new WeakMap<WorkingCalendar, Map<string, number>>();
const OPEN_THIS_MINUTE = -1;
const OPENINGS_KEPT = 4096;

/**
 * The same time of day `days` working days later, counted from the first business instant at or
 * after `start` (a question asked at 20:00 counts from 09:00 the next working day). This is what
 * "day 2" means in the reminder rules: the second working day after the question, at its hour.
 *
 *   addWorkingDays(new Date('2026-02-13T02:00:00Z'), 2, 'Asia/Shanghai')  // Fri 13 Feb 10:00 → Tue 24 Feb 10:00 (make-up Sat 14 Feb is day 1, then Spring Festival)
 */
export function addWorkingDays(
  start: Date,
  days: number,
  timeZone: string,
  calendar: WorkingCalendar = CHINA_CALENDAR,
  open: BusinessHours = DEFAULT_HOURS,
): Date {
  const from = nextBusinessInstant(start, timeZone, calendar, open);
  const local = localParts(from, timeZone);
  const day = calendar.addWorkingDays(local, days);
  return atLocalTime(day, local.hour, local.minute, timeZone);
}

/** Working days of the calendar from `from`'s local date up to, not including, `to`'s local date. */
export function businessDaysBetween(
  from: Date,
  to: Date,
  timeZone: string,
  calendar: WorkingCalendar = CHINA_CALENDAR,
): number {
  let day: LocalDate = localParts(from, timeZone);
  const end = formatLocalDate(localParts(to, timeZone));
  let count = 0;
  for (let guard = 0; guard < 3660 && formatLocalDate(day) < end; guard += 1) {
    if (calendar.isWorkingDay(day)) count += 1;
    day = addDays(day, 1);
  }
  return count;
}
