import { afterEach, describe, expect, it } from 'vitest';
import { ReminderPlanner } from '../../src/reminders/planner.js';
import { FakeClock, startTestApp, type TestApp, tempDir } from '../support/app.js';
import {
  fireNow,
  jobIdOf,
  openQueue,
  PM,
  type QueueProbe,
  startAcme,
  transcript,
  waitFor,
  sh,
} from './reminder-helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Rows settled after start-up: none still scheduled at or before `now`. */
const settled = (t: TestApp): boolean =>
  t.app.store.scheduledReminders().every((r) => Date.parse(r.dueAt) > t.clock.now().getTime());

describe('reminders caught up at start-up', () => {
  it('restarted on a Saturday night: past-due nudges and the whitelist check wait for Monday 09:00 client time; the PM escalation goes at once', async () => {
    const dir = tempDir();
    const clock = new FakeClock(new Date(sh('2026-11-23T10:00:00')));
    const first = await startTestApp({ dir, clock });
    const release = await startAcme(first);
    await first.app.bot.command(PM, 'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1');
    first.app.store.transaction(() =>
      new ReminderPlanner(first.app.store).planFollowUp(release, 'app_id', 3, clock.now()),
    );
    const due = first.app.store.scheduledReminders();
    expect(due.map((r) => r.kind)).toEqual(expect.arrayContaining(['nudge', 'whitelist_check', 'escalation']));
    await first.close();

    clock.set(sh('2026-11-28T23:00:00'));
    const second = await startTestApp({ dir, clock });
    let probe: QueueProbe | undefined;
    cleanups.push(async () => {
      await probe?.close();
      await second.close();
    });
    probe = openQueue(second.app.redisUrl, second.app.config.queuePrefix);
    await waitFor('past-due reminders to be handled', () => settled(second));

    const monday = sh('2026-11-30T09:00:00');
    const waiting = second.app.store
      .scheduledReminders()
      .filter((r) => r.kind !== 'escalation' && r.kind !== 'due_date');
    expect(waiting.map((r) => r.kind)).toEqual(expect.arrayContaining(['nudge', 'whitelist_check']));
    for (const r of waiting) expect(r.dueAt).toBe(monday);
    expect(due.filter((r) => r.kind === 'escalation').map((r) => second.app.store.getReminder(r.id)?.state)).toEqual([
      'sent',
    ]);
    const sent = await transcript(second);
    expect(sent.filter((m) => m.to === 'thread:client')).toEqual([]);
    expect(sent.filter((m) => m.to === 'user:pm' && m.text.startsWith('Acme Coffee has not answered'))).toHaveLength(1);

    const nudge = waiting.find((r) => r.kind === 'nudge') as (typeof waiting)[number];
    const job = await waitFor('the nudge job for Monday', () => probe?.queue.getJob(jobIdOf(nudge)));
    expect(job.opts.delay).toBe(Date.parse(monday) - Date.parse(sh('2026-11-28T23:00:00')));
    await fireNow(second, probe, nudge);
    expect((await transcript(second)).filter((m) => m.text.startsWith('Reminder: we still need'))).toHaveLength(1);
  });
});

describe('a nudge caught up after downtime', () => {
  it('restarted on a Wednesday afternoon a week late: one reminder now, the next one two working days later — not the whole series at once', async () => {
    const dir = tempDir();
    const clock = new FakeClock(new Date(sh('2026-11-16T10:00:00')));
    const first = await startTestApp({ dir, clock });
    await startAcme(first);
    await first.close();

    clock.set(sh('2026-11-25T15:00:00')); // a Wednesday, in business hours, ~7 working days later
    const second = await startTestApp({ dir, clock });
    cleanups.push(() => second.close());
    await waitFor('past-due reminders to be handled', () => settled(second));

    const reminders = (await transcript(second)).filter(
      (m) => m.to === 'thread:client' && m.text.startsWith('Reminder: we still need'),
    );
    expect(reminders).toHaveLength(1);
    expect(second.app.store.scheduledReminders().filter((r) => r.kind === 'escalation')).toEqual([]);
    const next = second.app.store.scheduledReminders().filter((r) => r.kind === 'nudge');
    expect(next.length).toBeGreaterThan(0);
    for (const r of next) expect(r.dueAt).toBe(sh('2026-11-27T15:00:00')); // two working days after Wed 15:00
  });
});
