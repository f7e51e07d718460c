import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { REMINDER_JOB_OPTIONS, REMINDER_QUEUE, type ReminderPayload } from '../../jobs/queues.js';
import { startReminderWorker, type RunningWorker } from '../../jobs/reminder-worker.js';
import { FakeClock, startTestApp, tempDir, type TestApp } from '../support/app.js';
import {
  fireNow,
  jobIdOf,
  type OwnQueue,
  openQueue,
  ownReminderQueue,
  scheduled,
  startAcme,
  transcript,
  waitFor,
  sh,
} from './reminder-helpers.js';

const silent = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as unknown as Parameters<
  typeof startReminderWorker
>[0]['logger'];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The app's core pieces driven by a worker on a queue this test owns (its own prefix). */
async function ownQueue(t: TestApp): Promise<Pick<OwnQueue, 'queue' | 'prefix' | 'process'>> {
  return ownReminderQueue(t, cleanups);
}

async function appWithNudge(): Promise<{ t: TestApp; id: string; dueAt: string }> {
  const t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
  cleanups.push(() => t.close());
  const release = await startAcme(t);
  const [nudge] = scheduled(t, release.id, 'nudge');
  if (!nudge) throw new Error('no nudge planned');
  t.clock.set(nudge.dueAt);
  return { t, id: nudge.id, dueAt: nudge.dueAt };
}

const nudgesSent = async (t: TestApp): Promise<number> =>
  (await transcript(t)).filter((m) => m.text.startsWith('Reminder: we still need')).length;

describe('a reminder is sent once, as the client sees it', () => {
  it('a job that fails after sending is retried and sends nothing twice', async () => {
    const { t, id, dueAt } = await appWithNudge();
    const own = await ownQueue(t);
    let attempts = 0;
    const worker = new Worker<ReminderPayload>(
      REMINDER_QUEUE,
      async (job) => {
        attempts += 1;
        const outcome = await own.process(job);
        if (attempts === 1) throw new Error('connection reset after the send was recorded');
        return outcome;
      },
      { connection: new Redis(t.app.redisUrl, { maxRetriesPerRequest: null }), prefix: own.prefix },
    );
    cleanups.push(() => worker.close());
    const job = await own.queue.add(
      'nudge',
      { reminderId: id, dueAt },
      { ...REMINDER_JOB_OPTIONS, jobId: id, backoff: { type: 'fixed', delay: 50 } },
    );
    await waitFor(
      'job completed',
      async () => (await job.getState()) === 'completed' || (await own.queue.getJob(id)) === undefined,
    );
    expect(attempts).toBe(2);
    expect(t.app.store.getReminder(id)?.state).toBe('sent');
    expect(await nudgesSent(t)).toBe(1);
  });

  it('a worker killed mid-job: the stalled job runs again elsewhere and sends nothing twice', async () => {
    const { t, id, dueAt } = await appWithNudge();
    const own = await ownQueue(t);
    let killedAfterSend = false;
    const doomed: RunningWorker = startReminderWorker({
      url: t.app.redisUrl,
      prefix: own.prefix,
      logger: silent,
      lockDuration: 1_000,
      // The stalled check is shared through Redis: a long interval here would hold off the survivor's check.
      stalledInterval: 300,
      process: async (job) => {
        await own.process(job);
        killedAfterSend = true;
        return new Promise(() => {}); // dies here: never completes, never renews its lock
      },
    });
    await own.queue.add('nudge', { reminderId: id, dueAt }, { ...REMINDER_JOB_OPTIONS, jobId: id });
    await waitFor('first worker to send', () => killedAfterSend);
    await doomed.close(true);

    const outcomes: string[] = [];
    const survivor = startReminderWorker({
      url: t.app.redisUrl,
      prefix: own.prefix,
      logger: silent,
      stalledInterval: 300,
      process: async (job) => {
        const outcome = await own.process(job);
        outcomes.push(outcome);
        return outcome;
      },
    });
    cleanups.push(() => survivor.close());
    await waitFor('stalled job to run again', () => outcomes.length > 0, 15_000);
    expect(outcomes).toEqual(['skipped:not_scheduled']);
    expect(await nudgesSent(t)).toBe(1);
  });

  it('Redis flushed and the app restarted on the same SQLite file: the reconciler re-creates the reminders with their original due times; each fires once', async () => {
    const dir = tempDir();
    const prefix = `restart-${randomBytes(4).toString('hex')}`;
    const clock = new FakeClock(new Date(sh('2026-11-25T10:00:00')));
    const first = await startTestApp({ dir, clock, env: { QUEUE_PREFIX: prefix } });
    const release = await startAcme(first);
    await first.app.bot.command(
      { platform: 'local', user: 'local:pm', isPm: true, locale: 'en' },
      'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1',
    );
    const before = first.app.store.scheduledReminders();
    expect(before.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['nudge', 'whitelist_check']));
    await first.close();

    const redis = new Redis(first.app.redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    await redis.quit();

    clock.set(sh('2026-11-26T09:00:00'));
    const second = await startTestApp({ dir, clock, env: { QUEUE_PREFIX: prefix } });
    cleanups.push(() => second.close());
    const probe = openQueue(second.app.redisUrl, prefix);
    cleanups.push(() => probe.close());
    expect(second.app.store.scheduledReminders()).toEqual(before);
    for (const r of before) {
      const job = await probe.queue.getJob(jobIdOf(r));
      expect(job?.data.dueAt).toBe(r.dueAt);
      expect(job?.opts.delay).toBe(Math.max(0, Date.parse(r.dueAt) - clock.now().getTime()));
    }
    for (const r of [...before].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
      if (second.app.store.getReminder(r.id)?.state === 'scheduled') await fireNow(second, probe, r);
    }
    for (const r of before) expect(second.app.store.getReminder(r.id)?.state).toBe('sent');
    const sent = await transcript(second);
    expect(sent.filter((m) => m.text.startsWith('Reminder: we still need'))).toHaveLength(1);
    expect(sent.filter((m) => m.text.startsWith('The MP URL whitelist is live'))).toHaveLength(1);
    expect(release.id).toBeGreaterThan(0);
  });
});
