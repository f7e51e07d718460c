import { afterEach, describe, expect, it } from 'vitest';
import type { Release, Reminder } from '../../src/release/model.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { jobIdOf, openQueue, PM, type QueueProbe, scheduled, startAcme, waitFor, sh } from './reminder-helpers.js';

let t: TestApp;
let probe: QueueProbe;
afterEach(async () => {
  await probe?.close();
  await t?.close();
});

/** The app's planner flushes after each command (`bot.onAfterChange`): the next command makes the recorded scheduler calls. */
async function nextCommandFlushes(app: TestApp): Promise<void> {
  await app.app.bot.command(PM, 'help');
}

/** Runs `change` in a transaction that then throws, so SQLite keeps nothing of it. */
function rolledBack(app: TestApp, change: () => void): void {
  expect(() =>
    app.app.store.transaction(() => {
      change();
      throw new Error('boom');
    }),
  ).toThrow('boom');
}

/** The delayed/waiting reminder jobs in BullMQ, as `id@dueAt`, sorted. */
async function jobsInRedis(queue: QueueProbe, reminderId: string): Promise<string[]> {
  const jobs = await queue.queue.getJobs(['delayed', 'waiting']);
  return jobs
    .filter((j) => j.data.reminderId === reminderId)
    .map((j) => `${j.data.reminderId}@${j.data.dueAt}`)
    .sort();
}

/** Acme Coffee's release started at a Shanghai wall-clock time, with the app's queue open for inspection. */
async function acmeAt(local: string): Promise<Release> {
  t = await startTestApp({ clock: new FakeClock(new Date(sh(local))) });
  probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
  return startAcme(t);
}

/** The App ID's first nudge, once its job is in Redis. */
async function appIdNudge(release: Release): Promise<Reminder> {
  const nudge = scheduled(t, release.id, 'nudge').find((r) => r.itemKey === 'app_id');
  if (!nudge) throw new Error('no app_id nudge planned');
  await waitFor(`job ${nudge.id}`, () => probe.queue.getJob(jobIdOf(nudge)));
  return nudge;
}

describe('a change that rolled back leaves the reminder jobs as SQLite has them', () => {
  it('an item marked done in a transaction that threw keeps its nudge job (no stale cancel)', async () => {
    const release = await acmeAt('2026-11-25T10:00:00');
    const nudge = await appIdNudge(release);

    rolledBack(t, () => t.app.service.setStatus(release.id, 'app_id', 'done', PM.user));
    await nextCommandFlushes(t);

    expect(t.app.store.getReminder(nudge.id)).toMatchObject({ state: 'scheduled', dueAt: nudge.dueAt });
    expect(await jobsInRedis(probe, nudge.id)).toEqual([`${nudge.id}@${nudge.dueAt}`]);
  });

  it('an item asked again in a transaction that threw keeps its old nudge job and gets none for the new due time', async () => {
    const release = await acmeAt('2026-11-25T10:00:00');
    const nudge = await appIdNudge(release);

    t.clock.set(sh('2026-11-26T11:00:00'));
    rolledBack(t, () => t.app.service.markAsked(release.id, ['app_id'], PM.user));
    await nextCommandFlushes(t);

    expect(t.app.store.getReminder(nudge.id)).toMatchObject({ state: 'scheduled', dueAt: nudge.dueAt });
    expect(await jobsInRedis(probe, nudge.id)).toEqual([`${nudge.id}@${nudge.dueAt}`]);
  });

  it('a whitelist submitted in a transaction that threw gets no check job (its row does not exist)', async () => {
    const release = await acmeAt('2026-12-01T15:00:00');
    const value = {
      domains: ['api.acme-coffee.cn'],
      icp: '沪ICP备2021012345号-1',
      submitted_at: t.clock.now().toISOString(),
    };

    rolledBack(t, () =>
      t.app.service.recordAnswer(release.id, 'mp_url_whitelist', value, {
        actor: PM.user,
        mode: 'replace',
        status: 'waiting',
      }),
    );
    await nextCommandFlushes(t);

    expect(t.app.store.getReminder(`whitelist-${release.id}`)).toBeUndefined();
    expect(await jobsInRedis(probe, `whitelist-${release.id}`)).toEqual([]);
  });

  it('a committed change is still synced: marking an item done drops its nudge job', async () => {
    const release = await acmeAt('2026-11-25T10:00:00');
    const nudge = await appIdNudge(release);

    t.app.service.setStatus(release.id, 'app_id', 'done', PM.user);
    await nextCommandFlushes(t);

    expect(t.app.store.getReminder(nudge.id)?.state).toBe('cancelled');
    expect(await jobsInRedis(probe, nudge.id)).toEqual([]);
  });
});
