import { describe, expect, it } from 'vitest';
import { CHINA_CALENDAR, WorkingCalendar } from '../../src/calendar/working-calendar.js';
import {
  addBusinessHours,
  DEFAULT_HOURS,
  addWorkingDays,
  atLocalTime,
  businessDaysBetween,
  nextBusinessInstant,
} from '../../src/reminders/business-hours.js';

const SH = 'Asia/Shanghai';
/** Shanghai wall time → ISO (UTC+8, no DST). */
const sh = (local: string): string => new Date(`${local}+08:00`).toISOString();
const add = (local: string, hours: number, tz = SH): string =>
  addBusinessHours(new Date(`${local}+08:00`), hours, tz).toISOString();

describe('addBusinessHours (09:00–18:00 Mon–Fri, client time zone)', () => {
  it('stays within one working day when it fits', () => {
    expect(add('2026-11-25T10:00:00', 3)).toBe(sh('2026-11-25T13:00:00'));
  });

  it('carries the rest of the day over to the next morning', () => {
    // Wed 16:00 + 4h = 2h Wed + 2h Thu → Thu 11:00
    expect(add('2026-11-25T16:00:00', 4)).toBe(sh('2026-11-26T11:00:00'));
  });

  it('skips a weekend: Friday 15:00 + 24 business hours is Wednesday 12:00', () => {
    // Fri 3h, Mon 9h, Tue 9h, Wed 3h
    expect(add('2026-11-27T15:00:00', 24)).toBe(sh('2026-12-02T12:00:00'));
  });

  it('a question asked at night counts from the next opening', () => {
    expect(add('2026-11-25T23:30:00', 1)).toBe(sh('2026-11-26T10:00:00'));
    expect(add('2026-11-26T06:00:00', 1)).toBe(sh('2026-11-26T10:00:00'));
  });

  it('a question asked on Saturday counts from Monday 09:00', () => {
    expect(add('2026-11-28T11:00:00', 2)).toBe(sh('2026-11-30T11:00:00'));
  });

  it('never lands outside business hours', () => {
    for (let h = 0; h < 24 * 7; h += 5) {
      const start = new Date(Date.parse(sh('2026-11-23T00:00:00')) + h * 3_600_000);
      const due = addBusinessHours(start, 24, SH);
      const local = new Date(due.getTime() + 8 * 3_600_000);
      expect([0, 6]).not.toContain(local.getUTCDay());
      const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
      expect(minutes).toBeGreaterThanOrEqual(9 * 60);
      expect(minutes).toBeLessThanOrEqual(18 * 60);
    }
  });

  it('counts in the client’s own time zone (New York, across the DST change)', () => {
    // Fri 2026-10-30 17:00 EDT + 2h = 1h Fri + 1h Mon 2026-11-02 (now EST) → 10:00 EST = 15:00Z
    const start = atLocalTime({ year: 2026, month: 10, day: 30 }, 17, 0, 'America/New_York');
    expect(start.toISOString()).toBe('2026-10-30T21:00:00.000Z');
    expect(addBusinessHours(start, 2, 'America/New_York').toISOString()).toBe('2026-11-02T15:00:00.000Z');
  });
});

describe('businessDaysBetween', () => {
  it('counts weekdays only', () => {
    expect(businessDaysBetween(new Date(sh('2026-11-25T10:00:00')), new Date(sh('2026-12-02T10:00:00')), SH)).toBe(5);
  });
});

describe('nextBusinessInstant', () => {
  it('is the instant itself in business hours, else the next opening (Saturday night → Monday 09:00)', () => {
    expect(nextBusinessInstant(new Date(sh('2026-11-25T10:00:00')), SH).toISOString()).toBe(sh('2026-11-25T10:00:00'));
    expect(nextBusinessInstant(new Date(sh('2026-11-28T23:00:00')), SH).toISOString()).toBe(sh('2026-11-30T09:00:00'));
    expect(nextBusinessInstant(new Date(sh('2026-11-25T18:30:00')), SH).toISOString()).toBe(sh('2026-11-26T09:00:00'));
  });

  it('answers one minute for all its seconds as computed afresh: the last second before closing, the first after opening, DST, a holiday, own hours', () => {
    const holiday = new WorkingCalendar({ holidays: { '2026-11-26': { en: 'test day', zh: '测试日' } }, workdays: {} });
    const cases = [
      { from: sh('2026-11-25T08:58:00'), zone: SH, calendar: CHINA_CALENDAR, hours: DEFAULT_HOURS },
      { from: sh('2026-11-25T17:58:00'), zone: SH, calendar: holiday, hours: DEFAULT_HOURS },
      {
        from: sh('2026-11-25T08:28:00'),
        zone: SH,
        calendar: CHINA_CALENDAR,
        hours: { opens: 8 * 60 + 30, closes: 17 * 60 + 45 },
      },
      {
        from: sh('2026-11-25T17:43:00'),
        zone: SH,
        calendar: CHINA_CALENDAR,
        hours: { opens: 8 * 60 + 30, closes: 17 * 60 + 45 },
      },
      // New York leaves DST on Sunday 1 Nov 2026 at 02:00; Monday opens at 09:00 EST (14:00Z).
      { from: '2026-11-02T13:57:00.000Z', zone: 'America/New_York', calendar: CHINA_CALENDAR, hours: DEFAULT_HOURS },
    ];
    let opened = 0;
    for (const c of cases) {
      // Every 7 s over 5 minutes, each asked twice (the second answer from what the first left behind).
      for (let ms = 0; ms < 5 * 60_000; ms += 7_000) {
        const at = new Date(Date.parse(c.from) + ms);
        const fresh = addBusinessHours(at, 0, c.zone, c.calendar, c.hours).toISOString();
        expect(nextBusinessInstant(at, c.zone, c.calendar, c.hours).toISOString(), at.toISOString()).toBe(fresh);
        expect(nextBusinessInstant(at, c.zone, c.calendar, c.hours).toISOString(), at.toISOString()).toBe(fresh);
        if (fresh === at.toISOString()) opened += 1;
      }
    }
    // Both answers occur: some instants are open, others wait for an opening.
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThan(cases.length * 43);
    // The holiday calendar's Thursday is closed where China's is open.
    const thursday = new Date(sh('2026-11-26T10:00:30'));
    expect(nextBusinessInstant(thursday, SH, CHINA_CALENDAR).toISOString()).toBe(thursday.toISOString());
    expect(nextBusinessInstant(thursday, SH, holiday).toISOString()).toBe(sh('2026-11-27T09:00:00'));
  });
});

describe('China’s calendar: holidays and make-up working days (the issue’s examples)', () => {
  const days = (local: string, n: number, tz = SH): string =>
    addWorkingDays(new Date(`${local}+08:00`), n, tz).toISOString();

  it('a question asked Wed 30 Sep 2026 is not nudged during National Day: days 1 and 2 are 8 and 9 Oct, day 3 the make-up Saturday 10 Oct', () => {
    expect(days('2026-09-30T10:00:00', 1)).toBe(sh('2026-10-08T10:00:00'));
    expect(days('2026-09-30T10:00:00', 2)).toBe(sh('2026-10-09T10:00:00'));
    expect(days('2026-09-30T10:00:00', 3)).toBe(sh('2026-10-10T10:00:00')); // Saturday, a working day
    expect(days('2026-10-09T15:00:00', 1)).toBe(sh('2026-10-10T15:00:00'));
  });

  it('a question asked Fri 13 Feb 2026 skips Spring Festival (15–23 Feb) but counts the make-up Saturday 14 Feb', () => {
    expect(days('2026-02-13T10:00:00', 1)).toBe(sh('2026-02-14T10:00:00'));
    expect(days('2026-02-13T10:00:00', 2)).toBe(sh('2026-02-24T10:00:00'));
  });

  it('a question asked on a holiday or at night counts from the next working morning', () => {
    expect(days('2026-10-03T11:00:00', 0)).toBe(sh('2026-10-08T09:00:00'));
    expect(days('2026-09-30T20:00:00', 2)).toBe(sh('2026-10-10T09:00:00')); // day 0 is Thu 8 Oct
  });

  it('a make-up Sunday (20 Sep 2026) is a working day; a holiday Monday is not', () => {
    expect(nextBusinessInstant(new Date(sh('2026-09-20T08:00:00')), SH).toISOString()).toBe(sh('2026-09-20T09:00:00'));
    expect(nextBusinessInstant(new Date(sh('2026-10-05T10:00:00')), SH).toISOString()).toBe(sh('2026-10-08T09:00:00'));
    expect(addBusinessHours(new Date(sh('2026-09-30T17:00:00')), 2, SH).toISOString()).toBe(sh('2026-10-08T10:00:00'));
  });

  it('counts only working days between two dates (the escalation’s "N working days")', () => {
    expect(businessDaysBetween(new Date(sh('2026-09-28T10:00:00')), new Date(sh('2026-10-12T10:00:00')), SH)).toBe(6); // 28, 29, 30 Sep; 8, 9, 10 Oct
  });

  it('in a client’s own time zone: Berlin’s 09:00 on a Chinese working day', () => {
    // Wed 30 Sep 2026 17:00 in Berlin (CEST, UTC+2) + 1 working day: 1 Oct is a Chinese holiday, so Thu 8 Oct 17:00 Berlin.
    const start = atLocalTime({ year: 2026, month: 9, day: 30 }, 17, 0, 'Europe/Berlin');
    expect(addWorkingDays(start, 1, 'Europe/Berlin').toISOString()).toBe('2026-10-08T15:00:00.000Z');
    // Saturday 10 Oct 08:00 in Berlin: a make-up working day, opens at 09:00 Berlin time (07:00Z).
    expect(nextBusinessInstant(new Date('2026-10-10T06:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-10T07:00:00.000Z',
    );
  });

  it('never lands on a holiday or a weekend that is not a make-up day, from any hour of 2026', () => {
    const holidays = new Set([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    const makeup = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (let h = 0; h < 24 * 360; h += 11) {
      const start = new Date(Date.parse(sh('2026-01-01T00:00:00')) + h * 3_600_000);
      for (const due of [addWorkingDays(start, 2, SH), nextBusinessInstant(start, SH)]) {
        const local = new Date(due.getTime() + 8 * 3_600_000);
        const date = local.toISOString().slice(0, 10);
        expect(holidays.has(date), `${start.toISOString()} → ${date}`).toBe(false);
        if ([0, 6].includes(local.getUTCDay())) expect(makeup.has(date), `${start.toISOString()} → ${date}`).toBe(true);
        const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
        expect(minutes).toBeGreaterThanOrEqual(9 * 60);
        expect(minutes).toBeLessThanOrEqual(18 * 60);
      }
    }
  });
});
