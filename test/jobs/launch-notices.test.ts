/**
 * The PM is told when a release's launch turns at risk or late, and when it is back on track: once per
 * change, in the PM's language, naming the deciding item and its latest safe date; only on working days
 * in working hours (an hourly BullMQ job scheduler, agency time); nothing while the state stays.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { LAUNCH_CHECK_QUEUE, LAUNCH_CHECK_SCHEDULER_ID } from '../../jobs/queues.js';
import { sendLaunchNotices } from '../../src/reminders/launch-notices.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { PM, sh, startAcme, transcript, waitFor } from './reminder-helpers.js';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const toPm = async (): Promise<string[]> => (await transcript(t)).filter((m) => m.to === 'user:pm').map((m) => m.text);

describe('the PM is told when the launch date turns at risk, late or back on track', () => {
  it('once per change, naming the deciding item and its latest safe date; nothing while it stays; only in working hours on working days', async () => {
    t = await startTestApp({
      clock: new FakeClock(new Date(sh('2026-11-30T10:05:00'))),
      env: { AGENCY_TIMEZONE: 'Asia/Shanghai' },
    });
    // Every working hour, agency time: the job scheduler fires 09:05–17:05 each day.
    const connection = new Redis(t.app.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(LAUNCH_CHECK_QUEUE, { connection, prefix: t.app.config.queuePrefix });
    const entry = await queue.getJobScheduler(LAUNCH_CHECK_SCHEDULER_ID);
    await queue.close();
    await connection.quit();
    expect(entry).toMatchObject({ pattern: '5 9-17 * * *', tz: 'Asia/Shanghai' });

    const deps = { store: t.app.store, outbox: t.app.outbox, clock: t.clock };
    const check = () => sendLaunchNotices(deps, 'Asia/Shanghai');
    await startAcme(t);
    expect(check()).toBe(0); // no target date: nothing to tell
    // Launch Thu 31 Dec: App ID (10 working days) by Thu 17 Dec — on track, as the PM assumes: no notice.
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-31');
    expect(check()).toBe(0);

    // Brought forward to Wed 16 Dec: App ID must be in by Wed 2 Dec, 2 working days away.
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-16');
    expect(check()).toBe(1);
    expect(await toPm()).toEqual([
      'Acme Coffee: the launch went from on track to at risk. launch 2026-12-16: AT RISK — App ID must be done by 2026-12-02 (needs 10 working days before launch)',
    ]);
    // The state stays: the next runs (same hour, next hour, next day) say nothing.
    expect(check()).toBe(0);
    t.clock.set(sh('2026-11-30T11:05:00'));
    expect(check()).toBe(0);
    t.clock.set(sh('2026-12-01T09:05:00'));
    expect(check()).toBe(0);

    // Thu 3 Dec 20:00 the App ID's date has passed: late — but not told at night,
    t.clock.set(sh('2026-12-03T20:05:00'));
    expect(check()).toBe(0);
    // … nor on the weekend (Sat 5 Dec is no make-up day), but on Monday 7 Dec at 09:05.
    t.clock.set(sh('2026-12-05T10:05:00'));
    expect(check()).toBe(0);
    t.clock.set(sh('2026-12-07T09:05:00'));
    expect(check()).toBe(1);
    expect((await toPm()).at(-1)).toBe(
      'Acme Coffee: the launch went from at risk to late. launch 2026-12-16: LATE, the date does not hold — App ID was needed by 2026-12-02 (needs 10 working days before launch)',
    );
    expect(check()).toBe(0);

    // The launch moved to Thu 31 Dec: back on track, told once, with the tightest item.
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-31');
    t.clock.set(sh('2026-12-07T10:05:00'));
    expect(check()).toBe(1);
    expect((await toPm()).at(-1)).toBe(
      'Acme Coffee: the launch went from late to on track. launch 2026-12-31: on track — the tightest item is App ID (latest safe date 2026-12-17, needs 10 working days before launch)',
    );
    expect(check()).toBe(0);
    expect(await toPm()).toHaveLength(3);
  });

  it('in the PM’s own language (PM_USERS local:pm:zh), whatever the client’s', async () => {
    t = await startTestApp({
      clock: new FakeClock(new Date(sh('2026-11-30T10:05:00'))),
      env: { PM_USERS: 'local:pm:zh,slack:UPM', PM_LOCALE: 'en' },
    });
    await startAcme(t, 'en');
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-16');
    expect(sendLaunchNotices({ store: t.app.store, outbox: t.app.outbox, clock: t.clock }, 'Asia/Shanghai')).toBe(1);
    expect(await toPm()).toEqual([
      'Acme Coffee：上线状态由「按计划」变为「有风险」。上线 2026-12-16：有风险 — 「AppID」须在 2026-12-02 前完成（上线前需 10 个工作日）',
    ]);
  });

  it('the hourly job itself tells the PM (BullMQ scheduler → sendLaunchNotices)', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-30T10:05:00'))) });
    await startAcme(t);
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-16');
    // Run the scheduler's job now instead of waiting for five past the hour.
    const connection = new Redis(t.app.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(LAUNCH_CHECK_QUEUE, { connection, prefix: t.app.config.queuePrefix });
    await queue.add(LAUNCH_CHECK_QUEUE, {});
    const told = await waitFor('the launch notice', async () => {
      const notices = (await toPm()).filter((m) => m.includes('the launch went from'));
      return notices.length > 0 && notices;
    });
    await queue.close();
    await connection.quit();
    expect(told).toEqual([
      'Acme Coffee: the launch went from on track to at risk. launch 2026-12-16: AT RISK — App ID must be done by 2026-12-02 (needs 10 working days before launch)',
    ]);
  });
});
