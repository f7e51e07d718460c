import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReleaseBot } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

describe('release-bot calendar', () => {
  it('--from 2026-09-28 --days 14 shows National Day and its make-up days as the bot counts them', async () => {
    const { code, out } = await runReleaseBot(['calendar', '--from', '2026-09-28', '--days', '14']);
    expect(code).toBe(0);
    const days = out.split('\n').filter((l) => /^\d{4}-/.test(l));
    expect(days).toEqual([
      '2026-09-28  Mon  working day',
      '2026-09-29  Tue  working day',
      '2026-09-30  Wed  working day',
      '2026-10-01  Thu  holiday: National Day (国庆节)',
      '2026-10-02  Fri  holiday: National Day (国庆节)',
      '2026-10-03  Sat  holiday: National Day (国庆节)',
      '2026-10-04  Sun  holiday: National Day (国庆节)',
      '2026-10-05  Mon  holiday: National Day (国庆节)',
      '2026-10-06  Tue  holiday: National Day (国庆节)',
      '2026-10-07  Wed  holiday: National Day (国庆节)',
      '2026-10-08  Thu  working day',
      '2026-10-09  Fri  working day',
      '2026-10-10  Sat  make-up working day for National Day (国庆节)',
      '2026-10-11  Sun  weekend',
    ]);
    expect(out).toContain('Reminders go out 09:00–18:00 on working days');
    expect(out).not.toContain('Warning');
  });

  it('in Chinese, Spring Festival with its make-up Saturdays', async () => {
    const { out } = await runReleaseBot(['calendar', '--from', '2026-02-13', '--days', '16', '--lang', 'zh']);
    const days = out.split('\n').filter((l) => /^\d{4}-/.test(l));
    expect(days[0]).toBe('2026-02-13  周五  工作日');
    expect(days[1]).toBe('2026-02-14  周六  调休上班（春节 (Spring Festival)）');
    expect(days[2]).toBe('2026-02-15  周日  节假日：春节 (Spring Festival)');
    expect(days[10]).toBe('2026-02-23  周一  节假日：春节 (Spring Festival)');
    expect(days[11]).toBe('2026-02-24  周二  工作日');
    expect(days[15]).toBe('2026-02-28  周六  调休上班（春节 (Spring Festival)）');
  });

  it('warns about a year without data (2027), and shows CALENDAR_FILE’s days once added', async () => {
    const gap = await runReleaseBot(['calendar', '--from', '2026-12-30', '--days', '4']);
    expect(gap.out).toContain(
      '2027-01-01  Fri  working day (no holiday data for 2027: counted as a plain weekday/weekend)',
    );
    expect(gap.out).toContain('Warning: no public-holiday data for 2027.');

    const file = join(tempDir(), 'calendar.json');
    writeFileSync(
      file,
      JSON.stringify({
        holidays: { '2027-01-01': { en: "New Year's Day", zh: '元旦' } },
        workdays: { '2027-01-03': "New Year's Day" },
      }),
    );
    const covered = await runReleaseBot(['calendar', '--from', '2026-12-30', '--days', '5'], {
      env: { CALENDAR_FILE: file },
    });
    expect(covered.out).toContain(`and ${file}.`);
    expect(covered.out).toContain("2027-01-01  Fri  holiday: New Year's Day (元旦)");
    expect(covered.out).toContain("2027-01-03  Sun  make-up working day for New Year's Day");
    expect(covered.out).not.toContain('Warning');

    // The same days in YAML (by the extension).
    const yaml = join(tempDir(), 'calendar.yaml');
    writeFileSync(
      yaml,
      "holidays:\n  2027-01-01: { en: New Year's Day, zh: 元旦 }\nworkdays:\n  2027-01-03: New Year's Day\n",
    );
    const fromYaml = await runReleaseBot(['calendar', '--from', '2026-12-30', '--days', '5'], {
      env: { CALENDAR_FILE: yaml },
    });
    expect(fromYaml.out).toContain("2027-01-01  Fri  holiday: New Year's Day (元旦)");
    expect(fromYaml.out).toContain("2027-01-03  Sun  make-up working day for New Year's Day");
    expect(fromYaml.out).not.toContain('Warning');
    // A bad one: the file and the line, exit 1.
    writeFileSync(yaml, 'holidays:\n  2027-01-01: 元旦\n  2027-1-2: x\n');
    const bad = await runReleaseBot(['calendar'], { env: { CALENDAR_FILE: yaml } });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${yaml}:3: "2027-1-2" in holidays is not a date`);
  });

  it('bad options get a clear answer', async () => {
    const bad = await runReleaseBot(['calendar', '--from', '2026-02-30']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--from needs a date like 2026-09-28 (got “2026-02-30”).');
    const days = await runReleaseBot(['calendar', '--days', 'lots']);
    expect(days.code).toBe(1);
    expect(days.err).toContain('--days needs a whole number from 1 to 366');
  });
});
