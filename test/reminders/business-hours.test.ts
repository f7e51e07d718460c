import { describe, expect, it } from 'vitest';
import { addBusinessHours, atLocalTime, businessDaysBetween, nextBusinessInstant } from '../../src/reminders/business-hours.js';

const SH = 'Asia/Shanghai';
/** Shanghai wall time → ISO (UTC+8, no DST). */
const sh = (local: string): string => new Date(`${local}+08:00`).toISOString();
const add = (local: string, hours: number, tz = SH): string => addBusinessHours(new Date(`${local}+08:00`), hours, tz).toISOString();

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
});
