/**
 * Reads the operator's `CALENDAR_FILE`: extra public holidays and working days, for a year the
 * `chinese-days` package does not know yet or a company day off. YAML (`.yaml`, `.yml`) or JSON (any
 * other name); each date (or range `YYYY-MM-DD..YYYY-MM-DD`) maps to its name, in one language or both:
 *
 *   { "holidays": { "2027-02-06..2027-02-13": { "en": "Spring Festival", "zh": "春节" } },
 *     "workdays": { "2027-02-14": "Spring Festival" } }
 *
 *   holidays:
 *     2027-02-06..2027-02-13: { en: Spring Festival, zh: 春节 }
 *   workdays:
 *     2027-02-14: Spring Festival
 *
 * A year with at least one holiday in the file counts as known. Bad input throws `CalendarFileError`
 * naming the file, the line and the entry to fix (`calendar.yaml:3: "2027-13-01" in holidays is not a date…`).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
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
  for (let day = from; formatLocalDate(day) <= formatLocalDate(to) && dates.length <= 366; day = addDays(day, 1))
    dates.push(formatLocalDate(day));
  return dates.length > 0 && dates.length <= 366 ? dates : undefined;
}

/** Where things are in the file: `file:line` of an entry, by its path ("holidays", "2027-13-01"). */
interface Locator {
  at(path: readonly (string | number)[]): string;
}

/**
 * JSON is YAML too, so one parse of the text finds the line of any entry in either format. A path
 * that leads nowhere (a key the file does not have) points at the deepest entry found on it.
 */
function locator(file: string, doc: Document, lines: LineCounter): Locator {
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
  return {
    at(path) {
      let node: unknown = doc.contents;
      let line = lineOf(doc.contents?.range?.[0]);
      for (const step of path) {
        if (!isMap(node)) break;
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) break;
        line = lineOf(isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? line;
        node = pair.value;
      }
      return line === undefined ? file : `${file}:${line}`;
    },
  };
}

function expand(
  where: Locator,
  list: string,
  days: Record<string, z.infer<typeof nameSchema>>,
): Record<string, DayName> {
  const out: Record<string, DayName> = {};
  for (const [key, raw] of Object.entries(days)) {
    const dates = datesOf(key);
    if (!dates)
      throw new CalendarFileError(
        `${where.at([list, key])}: "${key}" in ${list} is not a date; write YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD.`,
      );
    const name = typeof raw === 'string' ? { en: raw, zh: raw } : raw;
    for (const date of dates) out[date] = name;
  }
  return out;
}

/** Is this file YAML (by its extension)? Anything else is read as JSON. */
export function isYamlFile(file: string): boolean {
  return ['.yaml', '.yml'].includes(extname(file).toLowerCase());
}

/** JSON.parse's "at position 42" (Node 20) or "(line 3 column 5)" as a line of `text`. */
function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message)?.[1];
  if (line) return Number(line);
  const position = /position (\d+)/.exec(message)?.[1];
  return position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
}

function readText(text: string, file: string): { data: unknown; where: Locator } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (isYamlFile(file)) {
    const error = doc.errors[0];
    if (error) {
      const line = lines.linePos(error.pos[0]).line;
      const what = error.message.split('\n')[0];
      throw new CalendarFileError(
        `${line ? `${file}:${line}` : file} is not valid YAML (${what}). See docs/reminders.md for the format.`,
        { cause: error },
      );
    }
    return { data: doc.toJS(), where: locator(file, doc, lines) };
  }
  try {
    return { data: JSON.parse(text), where: locator(file, doc, lines) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = jsonErrorLine(text, message);
    throw new CalendarFileError(
      `${line ? `${file}:${line}` : file} is not valid JSON (${message}). See docs/reminders.md for the format.`,
      { cause: err },
    );
  }
}

/** Parses the file's text (exported for tests and the CLI); `file` names it in errors and, by its extension, says YAML or JSON. */
export function parseCalendarFile(text: string, file: string): CalendarOverrides {
  const { data, where } = readText(text, file);
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown top-level key ("holiday") is reported at the top level: point at the key itself.
    const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
    throw new CalendarFileError(
      `${where.at([...path, ...keys.slice(0, 1)])}: ${path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}. It holds "holidays" and "workdays", each mapping dates to names.`,
    );
  }
  const holidays = expand(where, 'holidays', parsed.data.holidays ?? {});
  const workdays = expand(where, 'workdays', parsed.data.workdays ?? {});
  const both = Object.keys(holidays).find((date) => date in workdays);
  if (both)
    throw new CalendarFileError(
      `${where.at([
        'workdays',
        ...Object.keys(parsed.data.workdays ?? {})
          .filter((k) => datesOf(k)?.includes(both))
          .slice(0, 1),
      ])}: ${both} is listed both as a holiday and as a working day; keep one.`,
    );
  return { holidays, workdays };
}

export function loadCalendarFile(file: string): CalendarOverrides {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CalendarFileError(
      `CALENDAR_FILE ${file} cannot be read (${err instanceof Error ? err.message : String(err)}). Fix the path or unset CALENDAR_FILE.`,
      { cause: err },
    );
  }
  return parseCalendarFile(text, file);
}
