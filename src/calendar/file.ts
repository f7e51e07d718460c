/**
 * Reads the operator's `CALENDAR_FILE`: extra public holidays and working days, for a year the
 * `chinese-days` package does not know yet or a company day off. JSON; each date (or range
 * `YYYY-MM-DD..YYYY-MM-DD`) maps to its name, in one language or both:
 *
 *   { "holidays": { "2027-02-06..2027-02-13": { "en": "Spring Festival", "zh": "春节" } },
 *     "workdays": { "2027-02-14": "Spring Festival" } }
 *
 * A year with at least one holiday in the file counts as known. Bad input throws `CalendarFileError`
 * naming the file and the entry to fix.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { addDays, type CalendarOverrides, type DayName, formatLocalDate, parseLocalDate } from './working-calendar.js';

export class CalendarFileError extends Error {
  readonly code = 'CALENDAR_FILE_INVALID';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CalendarFileError';
  }
}

const nameSchema = z.union([z.string().min(1), z.object({ en: z.string().min(1), zh: z.string().min(1) })]);
const daysSchema = z.record(z.string(), nameSchema);
const fileSchema = z.strictObject({ holidays: daysSchema.optional(), workdays: daysSchema.optional() });

/** `"2027-02-06..2027-02-08"` → the three dates; a single date → itself; undefined when malformed. */
function datesOf(key: string): string[] | undefined {
  const [first = '', last = first, ...rest] = key.split('..');
  const from = parseLocalDate(first);
  const to = parseLocalDate(last);
  if (!from || !to || rest.length > 0 || first.trim().length !== 10 || last.trim().length !== 10) return undefined;
  const dates: string[] = [];
  for (let day = from; formatLocalDate(day) <= formatLocalDate(to) && dates.length <= 366; day = addDays(day, 1)) dates.push(formatLocalDate(day));
  return dates.length > 0 && dates.length <= 366 ? dates : undefined;
}

function expand(file: string, list: string, days: Record<string, z.infer<typeof nameSchema>>): Record<string, DayName> {
  const out: Record<string, DayName> = {};
  for (const [key, raw] of Object.entries(days)) {
    const dates = datesOf(key);
    if (!dates) throw new CalendarFileError(`${file}: "${key}" in ${list} is not a date; write YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD.`);
    const name = typeof raw === 'string' ? { en: raw, zh: raw } : raw;
    for (const date of dates) out[date] = name;
  }
  return out;
}

/** Parses the file's text (exported for tests and the CLI); `file` names it in errors. */
export function parseCalendarFile(text: string, file: string): CalendarOverrides {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CalendarFileError(`${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}). See docs/reminders.md for the format.`, { cause: err });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CalendarFileError(`${file}: ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}. It holds "holidays" and "workdays", each mapping dates to names.`);
  }
  const holidays = expand(file, 'holidays', parsed.data.holidays ?? {});
  const workdays = expand(file, 'workdays', parsed.data.workdays ?? {});
  const both = Object.keys(holidays).find((date) => date in workdays);
  if (both) throw new CalendarFileError(`${file}: ${both} is listed both as a holiday and as a working day; keep one.`);
  return { holidays, workdays };
}

export function loadCalendarFile(file: string): CalendarOverrides {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CalendarFileError(`CALENDAR_FILE ${file} cannot be read (${err instanceof Error ? err.message : String(err)}). Fix the path or unset CALENDAR_FILE.`, { cause: err });
  }
  return parseCalendarFile(text, file);
}
