
import { afterEach, describe, expect, it } from 'vitest';
import { startReminderWorker } from '../../jobs/reminder-worker.js';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import type { Reminder } from '../../src/release/model.js';
import { ReminderFirer } from '../../src/reminders/firing.js';
import { ReminderPlanner } from '../../src/reminders/planner.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { ownReminderQueue, transcript, waitFor, sh } from './reminder-helpers.js';

const silent = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as unknown as Parameters<typeof startReminderWorker>[0]['logger'];
const BURST = 25;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** BURST clients, each with a release, a local thread and a 1-day due-date warning due at `dueAt`. */
function burstOfWarnings(t: TestApp, dueAt: string): Reminder[] {
  const { store } = t.app;
  const at = t.clock.now().toISOString();
  return store.transaction(() =>
    Array.from({ length: BURST }, (_, i) => {
      const client = store.createClient({ name: `Burst ${i}`, locale: 'en', timezone: 'Asia/Shanghai', at });
      const release = store.createRelease({ clientId: client.id, pmUser: 'local:pm', targetDate: '2026-11-26', keys: ITEM_KEYS, at });
      store.bindThread({ clientId: client.id, platform: 'local', channel: `burst-${i}`, kind: 'local', at });
      return store.upsertReminder({ id: `due-${release.id}-1d`, releaseId: release.id, itemKey: null, kind: 'due_date', dueAt, payload: { days: 1 } });
    }),
  );
}

describe('sweeping due reminders', () => {
  it('a burst of due reminders is fired by one job’s sweep, once each, and the remaining jobs send nothing', async () => {
    const dueAt = sh('2026-11-25T10:00:00');
    const t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T09:00:00'))) });
    cleanups.push(() => t.close());
    const burst = burstOfWarnings(t, dueAt);

    const { prefix, planner, scheduler, firer, process } = ownReminderQueue(t, cleanups, 'sweep');
    const outcomes = new Map<string, string>();
    const worker = startReminderWorker({
      url: t.app.redisUrl,
      prefix,
      logger: silent,
      process: async (job) => {
        const outcome = await process(job);
        outcomes.set(job.data.reminderId, outcome);
        return outcome;
      },
    });
    cleanups.push(() => worker.close());
    const before = (await transcript(t)).length;

    t.clock.set(dueAt);
    const [first, ...rest] = burst;
    if (!first) throw new Error('no burst');
    await scheduler.schedule(first);
    await waitFor('the first job', () => outcomes.size === 1);
    expect(outcomes.get(first.id)).toBe('sent');
    expect(burst.map((r) => t.app.store.getReminder(r.id)?.state)).toEqual(burst.map(() => 'sent'));
    const sent = (await transcript(t)).slice(before);
    expect(sent).toHaveLength(BURST);
    expect(new Set(sent.map((m) => m.to)).size).toBe(BURST);
    expect(sent.every((m) => m.text.startsWith('Heads-up: the release date is tomorrow'))).toBe(true);

    for (const r of rest) await scheduler.schedule(r);
    await waitFor('the other jobs', () => outcomes.size === BURST);
    expect(rest.map((r) => outcomes.get(r.id))).toEqual(rest.map(() => 'skipped:not_scheduled'));
    expect((await transcript(t)).slice(before)).toHaveLength(BURST);
  });

  it('a sweep leaves reminders not yet due and ones already handled alone', async () => {
    const dueAt = sh('2026-11-25T10:00:00');
    const t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T09:00:00'))) });
    cleanups.push(() => t.close());
    const [due, notYet, cancelled] = burstOfWarnings(t, dueAt).slice(0, 3);
    if (!due || !notYet || !cancelled) throw new Error('no burst');
    t.app.store.transaction(() => {
      t.app.store.upsertReminder({ ...notYet, dueAt: sh('2026-11-25T10:00:01') });
      t.app.store.setReminderState(cancelled.id, 'cancelled', dueAt);
    });
    t.clock.set(dueAt);
    const planner = new ReminderPlanner(t.app.store);
    const firer = new ReminderFirer({ store: t.app.store, service: t.app.service, outbox: t.app.outbox, planner, clock: t.clock });
    const swept = firer.sweepDue(1000);
    expect(swept.map((s) => s.request.id)).toContain(due.id);
    expect(swept.map((s) => s.request.id)).not.toContain(notYet.id);
    expect(swept.map((s) => s.request.id)).not.toContain(cancelled.id);
    expect(t.app.store.getReminder(notYet.id)?.state).toBe('scheduled');
    expect(t.app.store.getReminder(cancelled.id)?.state).toBe('cancelled');
    expect(firer.sweepDue(1000).map((s) => s.request.id)).not.toContain(due.id);
  });
});
