/**
 * `release-bot calendar [--from YYYY-MM-DD] [--days N] [--lang en|zh]`: each day as the bot counts
 * it — working day, weekend, holiday (name) or make-up working day — from the package's data and
 * CALENDAR_FILE, and a warning for a year with no data.
 *
 *   npx release-bot calendar --from 2026-09-28 --days 14
 *   // 2026-10-01  Thu  holiday: National Day (国庆节)
 */
import {
  addDays,
  type CalendarDay,
  type LocalDate,
  parseLocalDate,
  WorkingCalendar,
} from '../calendar/working-calendar.js';
import { readConfig } from '../main.js';
import { isLocale, type Locale, t } from '../i18n/index.js';
import { CLOSES_AT, localParts, OPENS_AT } from '../reminders/business-hours.js';
import { CLI_LOCALE, type CliCommand, parseArgs, UsageError } from './command.js';

function nameText(locale: Locale, day: CalendarDay): string {
  if (!day.name) return '';
  const { en, zh } = day.name;
  if (en === zh) return en;
  return locale === 'zh' ? `${zh} (${en})` : `${en} (${zh})`;
}

/** One line per day: `2026-10-10  Sat  make-up working day (National Day (国庆节))`. */
export function calendarLines(calendar: WorkingCalendar, from: LocalDate, days: number, locale: Locale): string[] {
  const weekdays = t(locale, 'cli.calendar.weekdays').split(',');
  const lines: string[] = [];
  for (let i = 0; i < days; i += 1) {
    const date = addDays(from, i);
    const day = calendar.day(date);
    const weekday = weekdays[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] ?? '';
    const kind = t(locale, `cli.calendar.${day.kind}`, { name: nameText(locale, day) });
    const unknown = day.known ? '' : t(locale, 'cli.calendar.unknown', { year: date.year });
    lines.push(`${day.date}  ${weekday}  ${kind}${unknown}`);
  }
  return lines;
}

/** The years the package (and file) know, as `2004–2026`. */
function yearsSpan(calendar: WorkingCalendar): string {
  const known: number[] = [];
  for (let y = 1990; y <= 2100; y += 1) if (calendar.knowsYear(y)) known.push(y);
  return known.length === 0 ? '—' : `${known[0]}–${known.at(-1)}`;
}

export const calendar: CliCommand = {
  name: 'calendar',
  usage: 'calendar [--from YYYY-MM-DD] [--days N] [--lang en|zh]',
  summary: 'the working calendar as the bot uses it: working days, weekends, holidays, make-up working days',
  async run(args, io) {
    const { options } = parseArgs(args, { string: ['from', 'days', 'lang'] });
    const locale: Locale = typeof options.lang === 'string' && isLocale(options.lang) ? options.lang : CLI_LOCALE;
    const config = readConfig(io.env);
    const fromText = typeof options.from === 'string' ? options.from : undefined;
    const from = fromText === undefined ? localParts(new Date(), config.agencyTimezone) : parseLocalDate(fromText);
    if (!from || (fromText !== undefined && fromText.trim().length !== 10))
      throw new UsageError(t(locale, 'cli.calendar.bad_from', { value: fromText ?? '' }));
    const daysText = typeof options.days === 'string' ? options.days : '14';
    const days = Number(daysText);
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw new UsageError(t(locale, 'cli.calendar.bad_days', { value: daysText }));
    const workingCalendar = new WorkingCalendar(config.calendar);
    const start = { year: from.year, month: from.month, day: from.day };
    const file = config.calendarFile ? t(locale, 'cli.calendar.file', { path: config.calendarFile }) : '';
    const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
    io.stdout.write(
      `${t(locale, 'cli.calendar.title', { years: yearsSpan(new WorkingCalendar()), file, opens: hour(OPENS_AT), closes: hour(CLOSES_AT) })}\n\n`,
    );
    io.stdout.write(`${calendarLines(workingCalendar, start, days, locale).join('\n')}\n`);
    const gaps = workingCalendar.unknownYears(start, addDays(start, days - 1));
    if (gaps.length > 0) io.stdout.write(`\n${t(locale, 'cli.calendar.gap', { years: gaps.join(', ') })}\n`);
    return 0;
  },
};
