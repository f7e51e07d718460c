import { afterEach, describe, expect, it } from 'vitest';
import { startReminderWorker } from '../../jobs/reminder-worker.js';
import { FakeClock, startTestApp } from '../support/app.js';
import { ownReminderQueue, scheduled, startAcme, transcript, waitFor, sh } from './reminder-helpers.js';

const silent = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as unknown as Parameters<
  typeof startReminderWorker
>[0]['logger'];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('rescheduling a reminder whose job is running', () => {
  it('a nudge moved while its old job is active still gets a job for the new due time, which sends it', async () => {
    const t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    cleanups.push(() => t.close());
    const release = await startAcme(t);
    const nudge = scheduled(t, release.id, 'nudge').find((r) => r.itemKey === 'app_id');
    if (!nudge) throw new Error('no app_id nudge planned');

    const { queue, prefix, planner, scheduler, process } = ownReminderQueue(t, cleanups, 'resched');
    let release_: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release_ = resolve;
    });
    const outcomes: string[] = [];
    let running = 0;
    const worker = startReminderWorker({
      url: t.app.redisUrl,
      prefix,
      logger: silent,
      process: async (job) => {
        running += 1;
        if (job.data.dueAt === nudge.dueAt) await gate;
        const outcome = await process(job);
        outcomes.push(outcome);
        return outcome;
      },
    });
    cleanups.push(() => worker.close());

    t.clock.set(nudge.dueAt);
    await scheduler.schedule(nudge);
    await waitFor('the old job to be running', () => running === 1);

    // Two days on, moved to a working hour as `/release snooze` does (Fri + 2 days is a Sunday; a client message is not sent then).
    const later = planner.nextWorkingInstant(release, new Date(Date.parse(nudge.dueAt) + 2 * 86_400_000)).toISOString();
    const moved = t.app.store
      .transaction(() => planner.snooze(release.id, 'app_id', new Date(later)))
      .find((r) => r.id === nudge.id);
    expect(moved?.dueAt).toBe(later);
    await planner.flush(scheduler);
    release_();
    await waitFor('the old job to finish', () => outcomes.length === 1);
    expect(outcomes).toEqual(['skipped:moved']);

    const jobs = await queue.getJobs(['delayed', 'waiting']);
    const next = jobs.find((j) => j.data.reminderId === nudge.id && j.data.dueAt === later);
    expect(next).toBeDefined();
    t.clock.set(later);
    await next?.promote();
    await waitFor('the moved nudge to fire', () => t.app.store.getReminder(nudge.id)?.state === 'sent');
    // The other items' nudges were due at the old time too: the old job's sweep sent them then, without
    // the App ID; the moved App ID nudge is sent once, at its new time.
    const nudges = (await transcript(t)).filter((m) => m.text.startsWith('Reminder: we still need'));
    expect(nudges.filter((m) => m.text.includes('App ID'))).toHaveLength(1);
    expect(nudges.at(-1)?.text).toContain('App ID');
  });
});
