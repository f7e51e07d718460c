import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from '../../src/calendar/file.js';
import { calendarGaps, type LocalDate, parseLocalDate, WorkingCalendar } from '../../src/calendar/working-calendar.js';
import { ConfigError } from '../../src/config.js';
import { readConfig } from '../../src/main.js';
import { tempDir } from '../support/tmp.js';

const d = (text: string): LocalDate => parseLocalDate(text) as LocalDate;
const china = new WorkingCalendar();
const kinds = (calendar: WorkingCalendar, dates: string[]) => dates.map((date) => calendar.day(d(date)).kind);

/** Every day from `from` to `to` inclusive, as YYYY-MM-DD. */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('2026 against the State Council’s official arrangement (国办发明电〔2025〕号)', () => {
  it('Spring Festival: 15–23 Feb off (9 days), Saturdays 14 and 28 Feb are make-up working days', () => {
    expect(kinds(china, range('2026-02-15', '2026-02-23'))).toEqual(Array(9).fill('holiday'));
    expect(china.day(d('2026-02-17'))).toMatchObject({
      kind: 'holiday',
      name: { en: 'Spring Festival', zh: '春节' },
      known: true,
    });
    expect(china.day(d('2026-02-14'))).toMatchObject({ kind: 'makeup', name: { zh: '春节' } });
    expect(china.day(d('2026-02-28'))).toMatchObject({ kind: 'makeup', name: { zh: '春节' } });
    expect(china.day(d('2026-02-13')).kind).toBe('working');
    expect(china.day(d('2026-02-24')).kind).toBe('working');
  });

  it('National Day: 1–7 Oct off, Sunday 20 Sep and Saturday 10 Oct are make-up working days', () => {
    expect(kinds(china, range('2026-10-01', '2026-10-07'))).toEqual(Array(7).fill('holiday'));
    expect(china.day(d('2026-10-01')).name).toEqual({ en: 'National Day', zh: '国庆节' });
    expect(china.day(d('2026-09-20')).kind).toBe('makeup');
    expect(china.day(d('2026-10-10')).kind).toBe('makeup');
    expect(china.day(d('2026-10-11')).kind).toBe('weekend');
    expect(china.day(d('2026-10-08')).kind).toBe('working');
  });

  it('the other 2026 holidays and make-up days', () => {
    expect(kinds(china, range('2026-01-01', '2026-01-03'))).toEqual(['holiday', 'holiday', 'holiday']);
    expect(china.day(d('2026-01-04')).kind).toBe('makeup'); // a Sunday
    expect(kinds(china, range('2026-04-04', '2026-04-06'))).toEqual(['holiday', 'holiday', 'holiday']);
    expect(kinds(china, range('2026-05-01', '2026-05-05'))).toEqual(Array(5).fill('holiday'));
    expect(china.day(d('2026-05-09')).kind).toBe('makeup');
    expect(kinds(china, range('2026-06-19', '2026-06-21'))).toEqual(['holiday', 'holiday', 'holiday']);
    expect(kinds(china, range('2026-09-25', '2026-09-27'))).toEqual(['holiday', 'holiday', 'holiday']);
  });

  it('counts working days across a holiday and a make-up day', () => {
    // Wed 30 Sep + 1 working day: the holiday week is skipped → Thu 8 Oct; + 3 → Sat 10 Oct (make-up) counts.
    expect(china.addWorkingDays(d('2026-09-30'), 1)).toEqual(d('2026-10-08'));
    expect(china.addWorkingDays(d('2026-09-30'), 3)).toEqual(d('2026-10-10'));
    expect(china.addWorkingDays(d('2026-10-03'), 0)).toEqual(d('2026-10-08'));
    // Two working days before Mon 12 Oct: Sat 10 Oct (make-up), then Fri 9 Oct.
    expect(china.subtractWorkingDays(d('2026-10-12'), 1)).toEqual(d('2026-10-10'));
    expect(china.subtractWorkingDays(d('2026-10-12'), 2)).toEqual(d('2026-10-09'));
  });
});

describe('a year without data', () => {
  it('2027 is not in chinese-days 1.5.7: counted as Monday–Friday and reported as a gap', () => {
    expect(china.knowsYear(2026)).toBe(true);
    expect(china.knowsYear(2027)).toBe(false);
    expect(china.day(d('2027-01-01'))).toEqual({ date: '2027-01-01', kind: 'working', known: false });
    expect(calendarGaps(china, d('2026-12-05'))).toEqual([2027]); // 60 days ahead reach into 2027
    expect(calendarGaps(china, d('2026-06-01'))).toEqual([]);
    expect(calendarGaps(china, d('2026-06-01'), ['2027-03-01'])).toEqual([2027]); // a launch date next year
  });
});

describe('CALENDAR_FILE', () => {
  const file = JSON.stringify({
    holidays: {
      '2027-02-06..2027-02-13': { en: 'Spring Festival', zh: '春节' },
      '2027-01-01': '元旦',
      '2026-12-31': 'Company day off',
    },
    workdays: { '2027-02-14': 'Spring Festival', '2026-10-07': 'Release crunch' },
  });

  it('adds a year the package does not know, with ranges, and wins over the package on a date it names', () => {
    const calendar = new WorkingCalendar(parseCalendarFile(file, 'calendar.json'));
    expect(calendar.knowsYear(2027)).toBe(true);
    expect(kinds(calendar, range('2027-02-06', '2027-02-13'))).toEqual(Array(8).fill('holiday'));
    expect(calendar.day(d('2027-02-14'))).toMatchObject({
      kind: 'makeup',
      name: { en: 'Spring Festival', zh: 'Spring Festival' },
      known: true,
    });
    expect(calendar.day(d('2027-01-01'))).toMatchObject({ kind: 'holiday', name: { en: '元旦', zh: '元旦' } });
    expect(calendar.day(d('2026-12-31')).kind).toBe('holiday');
    expect(calendar.day(d('2026-10-07')).kind).toBe('makeup'); // was National Day
    expect(calendarGaps(calendar, d('2026-12-05'))).toEqual([]);
  });

  it('is read from the path in CALENDAR_FILE; a bad one stops start-up with what to fix', () => {
    const dir = tempDir();
    const good = join(dir, 'calendar.json');
    writeFileSync(good, file);
    expect(readConfig({ CALENDAR_FILE: good }).calendar.holidays['2027-02-10']).toEqual({
      en: 'Spring Festival',
      zh: '春节',
    });
    expect(readConfig({}).calendar).toEqual({ holidays: {}, workdays: {} });

    const cases: [string, RegExp][] = [
      ['{ "holidays": { "2027-13-01": "x" } }', /"2027-13-01" in holidays is not a date; write YYYY-MM-DD/],
      ['{ "holidays": [] }', /holidays/],
      ['{ "holiday": {} }', /holds "holidays" and "workdays"/],
      ['not json', /is not valid JSON/],
      [
        '{ "holidays": { "2027-01-01": "a" }, "workdays": { "2027-01-01": "b" } }',
        /2027-01-01 is listed both as a holiday and as a working day/,
      ],
    ];
    for (const [text, message] of cases) {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, text);
      expect(() => readConfig({ CALENDAR_FILE: bad })).toThrow(ConfigError);
      expect(() => readConfig({ CALENDAR_FILE: bad })).toThrow(message);
    }
    expect(() => readConfig({ CALENDAR_FILE: join(dir, 'missing.json') })).toThrow(
      /cannot be read .*Fix the path or unset CALENDAR_FILE/,
    );
  });
});

describe('CALENDAR_FILE in YAML, and the line to fix', () => {
  const yaml = [
    '# 2027, until chinese-days has it',
    'holidays:',
    '  2027-02-06..2027-02-13: { en: Spring Festival, zh: 春节 }',
    '  2027-01-01: 元旦',
    'workdays:',
    '  2027-02-14: Spring Festival',
    '',
  ].join('\n');

  it('a .yaml or .yml file is read as YAML, with the same meaning as the JSON one', () => {
    const dir = tempDir();
    for (const name of ['calendar.yaml', 'calendar.YML']) {
      const path = join(dir, name);
      writeFileSync(path, yaml);
      const calendar = new WorkingCalendar(readConfig({ CALENDAR_FILE: path }).calendar);
      expect(calendar.knowsYear(2027)).toBe(true);
      expect(kinds(calendar, range('2027-02-06', '2027-02-13'))).toEqual(Array(8).fill('holiday'));
      expect(calendar.day(d('2027-02-10')).name).toEqual({ en: 'Spring Festival', zh: '春节' });
      expect(calendar.day(d('2027-01-01'))).toMatchObject({ kind: 'holiday', name: { en: '元旦', zh: '元旦' } });
      expect(calendar.day(d('2027-02-14')).kind).toBe('makeup');
    }
    // The extension decides: YAML in a .json file is not valid JSON.
    expect(() => parseCalendarFile(yaml, 'calendar.json')).toThrow(/calendar\.json(:\d+)? is not valid JSON/);
  });

  it('a bad file names the file and the line of the entry to fix, in YAML and in JSON', () => {
    const cases: [string, string, RegExp][] = [
      [
        'cal.yaml',
        'holidays:\n  2027-01-01: 元旦\n  2027-13-01: x\n',
        /^cal\.yaml:3: "2027-13-01" in holidays is not a date; write YYYY-MM-DD/,
      ],
      [
        'cal.yaml',
        'holidays:\n  2027-01-01: 元旦\n  2027-01-02: { en: New Year }\n',
        /^cal\.yaml:3: holidays\.2027-01-02/,
      ],
      [
        'cal.yaml',
        'holidays:\n  2027-01-01: a\nholiday:\n  2027-01-02: b\n',
        /^cal\.yaml:3: top level: .*holds "holidays" and "workdays"/,
      ],
      [
        'cal.yaml',
        'holidays:\n  2027-01-01: a\n  2027-01-01: b\n',
        /^cal\.yaml:3 is not valid YAML \(Map keys must be unique/,
      ],
      ['cal.yaml', 'holidays:\n  2027-01-01: a\n    - b: [\n', /^cal\.yaml:\d+ is not valid YAML/],
      [
        'cal.yaml',
        'holidays:\n  2027-01-01: a\nworkdays:\n  2027-01-02: c\n  2027-01-01: b\n',
        /^cal\.yaml:5: 2027-01-01 is listed both as a holiday and as a working day/,
      ],
      [
        'cal.json',
        '{\n  "holidays": {\n    "2027-01-01": "a",\n    "2027-02-30": "b"\n  }\n}',
        /^cal\.json:4: "2027-02-30" in holidays is not a date/,
      ],
      ['cal.json', '{\n  "holidays": {\n    "2027-01-01": "a",\n  }\n}', /^cal\.json:4 is not valid JSON/],
    ];
    for (const [file, text, message] of cases) expect(() => parseCalendarFile(text, file), text).toThrow(message);
    // Through the config, as start-up and the CLI see it.
    const bad = join(tempDir(), 'calendar.yml');
    writeFileSync(bad, 'workdays:\n  2027-02-14: Spring Festival\n  soon: x\n');
    expect(() => readConfig({ CALENDAR_FILE: bad })).toThrow(ConfigError);
    expect(() => readConfig({ CALENDAR_FILE: bad })).toThrow(`${bad}:3: "soon" in workdays is not a date`);
  });
});

describe('REMINDER_RULES', () => {
  it('defaults to STORY.md’s rhythm and reads the operator’s words', () => {
    expect(readConfig({}).reminderCadence).toEqual({ nudgeAfterDays: 2, maxNudges: 2, escalateAfterDays: 2 });
    expect(readConfig({ REMINDER_RULES: 'nudge_after=1, max_nudges=3,escalate_after=3d' }).reminderCadence).toEqual({
      nudgeAfterDays: 1,
      maxNudges: 3,
      escalateAfterDays: 3,
    });
    expect(() => readConfig({ REMINDER_RULES: 'nudge_every=2' })).toThrow(
      /"nudge_every=2" is not a rule; use nudge_after=N/,
    );
    expect(() => readConfig({ REMINDER_RULES: 'nudge_after=0' })).toThrow(
      /nudge_after=0 must be a whole number from 1 to 60/,
    );
  });
});
