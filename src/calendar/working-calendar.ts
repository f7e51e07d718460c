/**
 * Mainland China's working calendar: which days are working days, weekends, public holidays
 * (节假日) or make-up working days (调休上班), from the `chinese-days` package's data plus the
 * operator's `CALENDAR_FILE`, which wins on any date it names. A year neither knows is counted as
 * plain Monday–Friday weeks, and `unknownYears` says so (health check, digest, `release-bot calendar`).
 *
 *   const calendar = new WorkingCalendar();
 *   calendar.day({ year: 2026, month: 10, day: 10 });  // { kind: 'makeup', name: { en: 'National Day', zh: '国庆节' }, known: true }
 */
import packaged from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface LocalDate {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

/** A day's name in both languages (`{ en: 'National Day', zh: '国庆节' }`). */
export interface DayName {
  en: string;
  zh: string;
}

export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeup';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  /** For a holiday or make-up working day: which holiday. */
  name?: DayName;
  /** False when neither the package nor the override file has data for the day's year. */
  known: boolean;
}

/** Extra days from the operator's file; each date maps to its name. */
export interface CalendarOverrides {
  holidays: Record<string, DayName>;
  workdays: Record<string, DayName>;
}

export const NO_OVERRIDES: CalendarOverrides = { holidays: {}, workdays: {} };

interface PackagedData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** `"National Day,国庆节,3"` → `{ en: 'National Day', zh: '国庆节' }`. */
function nameOf(raw: string): DayName {
  const [en = raw, zh = en] = raw.split(',');
  return { en, zh };
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** `2026-12-01` → { year: 2026, month: 12, day: 1 }; undefined when it is not a real date. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() + 1 !== date.month || check.getUTCDate() !== date.day)
    return undefined;
  return date;
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

export class WorkingCalendar {
  private readonly holidays = new Map<string, DayName>();
  private readonly workdays = new Map<string, DayName>();
  private readonly years = new Set<number>();

  constructor(overrides: CalendarOverrides = NO_OVERRIDES, data: PackagedData = packaged) {
    for (const [date, raw] of Object.entries(data.holidays)) this.holidays.set(date, nameOf(raw));
    for (const [date, raw] of Object.entries(data.workdays)) this.workdays.set(date, nameOf(raw));
    for (const date of this.holidays.keys()) this.years.add(Number(date.slice(0, 4)));
    // The operator's file wins: a date it names is what it says, whichever list the package had it in.
    for (const [date, name] of Object.entries(overrides.holidays)) {
      this.workdays.delete(date);
      this.holidays.set(date, name);
      this.years.add(Number(date.slice(0, 4)));
    }
    for (const [date, name] of Object.entries(overrides.workdays)) {
      this.holidays.delete(date);
      this.workdays.set(date, name);
      this.years.add(Number(date.slice(0, 4)));
    }
  }

  /** Whether the calendar has holiday data for `year` (else it is counted as Monday–Friday weeks). */
  knowsYear(year: number): boolean {
    return this.years.has(year);
  }

  day(date: LocalDate): CalendarDay {
    const key = formatLocalDate(date);
    const known = this.knowsYear(date.year);
    const holiday = this.holidays.get(key);
    if (holiday) return { date: key, kind: 'holiday', name: holiday, known };
    const makeup = this.workdays.get(key);
    if (makeup) return { date: key, kind: 'makeup', name: makeup, known };
    return { date: key, kind: isWeekend(date) ? 'weekend' : 'working', known };
  }

  isWorkingDay(date: LocalDate): boolean {
    const { kind } = this.day(date);
    return kind === 'working' || kind === 'makeup';
  }

  /** The first working day on or after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    let day = date;
    // The longest run of days off in China is 9 (Spring Festival); a year bounds absurd override files.
    for (let guard = 0; guard < 366 && !this.isWorkingDay(day); guard += 1) day = addDays(day, 1);
    return day;
  }

  /** `days` working days after `date` (0 = `date` itself if it is a working day, else the next one). */
  addWorkingDays(date: LocalDate, days: number): LocalDate {
    let day = this.nextWorkingDay(date);
    for (let i = 0; i < days; i += 1) day = this.nextWorkingDay(addDays(day, 1));
    return day;
  }

  /** `days` working days before `date` (the latest working day at least that many working days earlier). */
  subtractWorkingDays(date: LocalDate, days: number): LocalDate {
    let day = date;
    for (let i = 0; i < days; i += 1) {
      day = addDays(day, -1);
      for (let guard = 0; guard < 366 && !this.isWorkingDay(day); guard += 1) day = addDays(day, -1);
    }
    return day;
  }

  /** The years from `from` to `to` (inclusive) the calendar has no data for, in order. */
  unknownYears(from: LocalDate, to: LocalDate): number[] {
    const years: number[] = [];
    for (let y = Math.min(from.year, to.year); y <= Math.max(from.year, to.year); y += 1)
      if (!this.knowsYear(y)) years.push(y);
    return years;
  }
}

/** The package's data alone (no override file): for pure functions called without a calendar. */
export const CHINA_CALENDAR = new WorkingCalendar();

/** How far ahead the bot plans reminders: a year this close with no data is reported. */
export const LOOKAHEAD_DAYS = 60;

/**
 * The years the bot is about to count in but has no holiday data for: today's, the next
 * `LOOKAHEAD_DAYS` days', and each open release's target date's.
 *
 *   calendarGaps(calendar, { year: 2026, month: 12, day: 5 }, ['2027-01-20'])  // [2027] until CALENDAR_FILE has 2027
 */
export function calendarGaps(
  calendar: WorkingCalendar,
  today: LocalDate,
  targetDates: readonly string[] = [],
): number[] {
  const years = new Set([today.year, addDays(today, LOOKAHEAD_DAYS).year]);
  for (const target of targetDates) {
    const date = parseLocalDate(target);
    if (date) years.add(date.year);
  }
  return [...years].filter((y) => !calendar.knowsYear(y)).sort((a, b) => a - b);
}
