/**
 * Over every day of 2026: no scheduled message is planned on a public holiday, on a weekend that is not
 * a make-up working day, or outside 09:00–18:00 in the recipient's zone. Client-facing reminders are
 * planned by the real ReminderPlanner (nudges, escalation, whitelist check, due-date warnings, waiting
 * re-asks) from questions asked at every hour that matters, in Shanghai and in a zone with daylight
 * saving; the PM's daily jobs (digest, App-secret check, launch notices) run at their cron times
 * through the same gates the job schedulers call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onWorkingDays } from '../../jobs/index.js';
import { DIGEST_CRON, LAUNCH_CHECK_CRON, SECRET_CHECK_CRON } from '../../jobs/queues.js';
import { CHINA_CALENDAR, formatLocalDate, type LocalDate } from '../../src/calendar/working-calendar.js';
import type { Item, Release, Reminder } from '../../src/release/model.js';
import { addDays, atLocalTime, CLOSES_AT, localParts, OPENS_AT } from '../../src/reminders/business-hours.js';
import { sendDigests } from '../../src/reminders/digest.js';
import { sendLaunchNotices } from '../../src/reminders/launch-notices.js';
import { DEFAULT_RULES, ReminderPlanner } from '../../src/reminders/planner.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { PM, startAcme } from './reminder-helpers.js';

const calendar = CHINA_CALENDAR;
const DAYS_2026: LocalDate[] = Array.from({ length: 365 }, (_, i) => addDays({ year: 2026, month: 1, day: 1 }, i));
/** Hours a question is asked or a whitelist submitted: night, opening, mid-morning, near closing, evening. */
const HOURS: readonly [number, number][] = [
  [3, 0],
  [9, 0],
  [10, 30],
  [17, 45],
  [21, 15],
];

/** Where a message lands, in words, when it breaks the rule; undefined when it is in working hours on a working day. */
function offHours(iso: string, timezone: string): string | undefined {
  const p = localParts(new Date(iso), timezone);
  const day = calendar.day(p);
  const inHours = p.hour >= OPENS_AT && p.hour < CLOSES_AT;
  if (calendar.isWorkingDay(p) && inHours) return undefined;
  return `${formatLocalDate(p)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} ${timezone} (${day.kind})`;
}

/** "M H * * *" or "M H1-H2 * * *": the local times a day's job runs. */
function cronTimes(pattern: string): [number, number][] {
  const [minute = '', hours = ''] = pattern.split(' ');
  const [from = '', to = from] = hours.split('-');
  return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => [Number(from) + i, Number(minute)]);
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    clock: new FakeClock(new Date('2026-01-01T02:00:00Z')),
    env: { AGENCY_TIMEZONE: 'Asia/Shanghai' },
  });
});
afterAll(() => t.close());

describe('over all of 2026, nothing is planned on a day off or outside working hours', () => {
  it('nudges, escalations, whitelist checks, due-date warnings and waiting re-asks, in Shanghai and Los Angeles', async () => {
    await startAcme(t);
    await t.app.bot.command(
      { ...PM, conversation: { platform: 'local', channel: 'bolt', kind: 'local', shared: false } },
      'start Bolt Bikes en',
    );
    await t.app.bot.command(PM, 'set-tz Bolt Bikes America/Los_Angeles');
    const { store } = t.app;
    // A planner of the test's own on the app's store: its scheduler calls are never flushed to Redis.
    const planner = new ReminderPlanner(store, DEFAULT_RULES, undefined, calendar);
    const releases = ['Acme Coffee', 'Bolt Bikes'].map((name) => {
      const client = store.findClientByName(name);
      const release = client && store.openReleaseOf(client.id);
      if (!client || !release) throw new Error(`no release for ${name}`);
      return { release, timezone: client.timezone };
    });
    expect(releases.map((r) => r.timezone)).toEqual(['Asia/Shanghai', 'America/Los_Angeles']);

    const wrong: string[] = [];
    const kinds = new Map<Reminder['kind'], number>();
    const check = (r: Reminder, timezone: string, from: string) => {
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
      const where = offHours(r.dueAt, timezone);
      if (where) wrong.push(`${r.kind} from ${from}: ${where}`);
    };
    const item = (release: Release, key: Item['key']): Item => {
      const found = store.item(release.id, key);
      if (!found) throw new Error(`no ${key}`);
      return found;
    };

    store.transaction(() => {
      for (const { release, timezone } of releases) {
        const whitelist = item(release, 'mp_url_whitelist');
        const merchant = item(release, 'merchant_account');
        for (const day of DAYS_2026) {
          for (const [hour, minute] of HOURS) {
            const at = atLocalTime(day, hour, minute, timezone);
            const from = `${formatLocalDate(day)} ${hour}:${String(minute).padStart(2, '0')}`;
            // Asked now: nudge 1, nudge 2 from the first, the escalation from the last.
            const n1 = planner.scheduleNudge(release, 'app_id', 1, at);
            const n2 = planner.planFollowUp(release, 'app_id', 1, new Date(n1.dueAt));
            const escalation = planner.planFollowUp(release, 'app_id', 2, new Date(n2.dueAt));
            for (const r of [n1, n2, escalation]) check(r, timezone, from);
            // A whitelist submitted now: 24 calendar hours, then the next working hour.
            const submitted = {
              ...whitelist,
              status: 'waiting' as const,
              value: { domains: ['api.acme.cn'], submitted_at: at.toISOString() },
            };
            planner.itemChanged({ release, before: whitelist, after: submitted, at });
            // Waiting on the bank until a date given, and the merchant's 申请中 (a week from now).
            const until = formatLocalDate(addDays(day, 1 + (day.day % 9)));
            planner.itemChanged({
              release,
              before: merchant,
              after: { ...merchant, status: 'waiting', note: `${until} · bank approval` },
              at,
            });
            planner.itemChanged({
              release,
              before: merchant,
              after: { ...merchant, status: 'waiting', value: { status: 'applying' }, note: null },
              at: new Date(at.getTime() + 1),
            });
            const planned = store.remindersOf(release.id, 'scheduled');
            for (const r of planned.filter((x) => x.kind === 'whitelist_check' || x.kind === 'recheck'))
              check(r, timezone, from);
          }
          // A launch on this day: its warnings 3 and 1 working days before, at 10:00.
          const targeted = { ...release, targetDate: formatLocalDate(day) };
          planner.planDueDates(targeted, new Date('2025-06-01T00:00:00Z'));
          for (const r of store.remindersOf(release.id, 'scheduled').filter((x) => x.kind === 'due_date'))
            check(r, timezone, `launch ${formatLocalDate(day)}`);
        }
      }
    });
    expect(wrong).toEqual([]);
    // Every kind was planned, many times over (2 zones × 365 days × 5 hours).
    for (const kind of ['nudge', 'escalation', 'whitelist_check', 'recheck', 'due_date'] as const)
      expect(kinds.get(kind) ?? 0).toBeGreaterThan(700);
  }, 180_000);

  it('the digest, the App-secret check and the launch notices run only on working days, in working hours (their cron times, agency time)', async () => {
    const hourly = cronTimes(LAUNCH_CHECK_CRON);
    for (const [hour] of [...cronTimes(DIGEST_CRON), ...cronTimes(SECRET_CHECK_CRON), ...hourly])
      expect(hour >= OPENS_AT && hour < CLOSES_AT).toBe(true);
    // The launch check's first and last run of the day, and a run out of hours (a delayed job): it must hold back.
    const launchTimes: [number, number][] = [
      hourly[0] as [number, number],
      hourly.at(-1) as [number, number],
      [20, 5],
      [8, 5],
    ];
    const times = { digest: cronTimes(DIGEST_CRON), secret: cronTimes(SECRET_CHECK_CRON), launch: launchTimes };

    const release = t.app.store.openReleaseOf(t.app.service.clientByName('Acme Coffee').id) as Release;
    const deps = { store: t.app.store, outbox: t.app.outbox, clock: t.clock };
    let checks = 0;
    const secretCheck = onWorkingDays(
      async () => {
        checks += 1;
        return 1;
      },
      { calendar, clock: t.clock, timezone: 'Asia/Shanghai' },
    );
    const wrong: string[] = [];
    const missed: string[] = [];
    let flip = false;
    const told = new Map<string, number>();
    for (const day of DAYS_2026) {
      const working = calendar.isWorkingDay(day);
      for (const [job, list] of Object.entries(times)) {
        for (const [hour, minute] of list) {
          const at = atLocalTime(day, hour, minute, 'Asia/Shanghai');
          t.clock.set(at.toISOString());
          let sent: number;
          if (job === 'digest') sent = sendDigests(deps, 'Asia/Shanghai');
          else if (job === 'secret') {
            const before = checks;
            await secretCheck();
            sent = checks - before;
          } else {
            // Every run sees a change (a launch far away, then one already late), so a run that may send, sends.
            flip = !flip;
            t.app.store.updateRelease(release.id, {
              targetDate: flip ? formatLocalDate(addDays(day, 1)) : '2027-12-31',
            });
            sent = sendLaunchNotices(deps, 'Asia/Shanghai');
          }
          const where = offHours(at.toISOString(), 'Asia/Shanghai');
          if (sent > 0 && where) wrong.push(`${job} at ${where}`);
          if (sent === 0 && working && job !== 'launch') missed.push(`${job} on ${formatLocalDate(day)}`);
          if (job === 'launch') told.set(formatLocalDate(day), (told.get(formatLocalDate(day)) ?? 0) + sent);
        }
      }
      // The launch flips every run; the same change is told once a day (the outbox key carries the date).
      if (working && (told.get(formatLocalDate(day)) ?? 0) === 0) missed.push(`launch on ${formatLocalDate(day)}`);
      if (!working && (told.get(formatLocalDate(day)) ?? 0) > 0) wrong.push(`launch on ${formatLocalDate(day)}`);
    }
    expect(wrong).toEqual([]);
    expect(missed).toEqual([]);
    // 2026 has 250 working days (make-up days counted): one digest and one check on each.
    const workingDays = DAYS_2026.filter((d) => calendar.isWorkingDay(d)).length;
    expect(checks).toBe(workingDays);
    expect(workingDays).toBeGreaterThan(240);
  }, 180_000);
});
