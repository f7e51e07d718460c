import { afterEach, describe, expect, it } from 'vitest';
import { FireBatcher, type FiringDeps, fire, sweepDue } from '../../jobs/fire.js';
import { startReminderWorker } from '../../jobs/reminder-worker.js';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import type { Reminder } from '../../src/release/model.js';
import { ReminderFirer } from '../../src/reminders/firing.js';
import { ReminderPlanner } from '../../src/reminders/planner.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { jobIdOf, ownReminderQueue, RunningClock, transcript, waitFor, sh } from './reminder-helpers.js';

const silent = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as unknown as Parameters<
  typeof startReminderWorker
>[0]['logger'];
const BURST = 25;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A test app whose clock stands at 09:00 Shanghai, before a burst due at 10:00. */
async function burstApp(): Promise<{ t: TestApp; dueAt: string }> {
  const t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T09:00:00'))) });
  cleanups.push(() => t.close());
  return { t, dueAt: sh('2026-11-25T10:00:00') };
}

/** A real failure inside SQLite: the outbox refuses one thread's rows (as a full disk or a constraint would). */
function refuseOutboxRows(t: TestApp, address: string): void {
  t.app.db.$client.exec(
    `CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox WHEN NEW.address = '${address}' BEGIN SELECT RAISE(ABORT, 'outbox refuses ${address}'); END`,
  );
}

/** The firing path's deps over the test app's own store, service, outbox and clock (and a planner of its own). */
function firerOf(t: TestApp): FiringDeps {
  const firer = new ReminderFirer({
    store: t.app.store,
    service: t.app.service,
    outbox: t.app.outbox,
    planner: new ReminderPlanner(t.app.store),
    clock: t.clock,
  });
  return { firer, store: t.app.store, clock: t.clock };
}

/** BURST clients, each with a release, a local thread and a 1-day due-date warning due at `dueAt`. */
function burstOfWarnings(t: TestApp, dueAt: string): Reminder[] {
  const { store } = t.app;
  const at = t.clock.now().toISOString();
  return store.transaction(() =>
    Array.from({ length: BURST }, (_, i) => {
      const client = store.createClient({ name: `Burst ${i}`, locale: 'en', timezone: 'Asia/Shanghai', at });
      const release = store.createRelease({
        clientId: client.id,
        pmUser: 'local:pm',
        targetDate: '2026-11-26',
        keys: ITEM_KEYS,
        at,
      });
      store.bindThread({ clientId: client.id, platform: 'local', channel: `burst-${i}`, kind: 'local', at });
      return store.upsertReminder({
        id: `due-${release.id}-1d`,
        releaseId: release.id,
        itemKey: null,
        kind: 'due_date',
        dueAt,
        payload: { days: 1 },
      });
    }),
  );
}

describe('sweeping due reminders', () => {
  it('a burst of due reminders is fired by one job’s sweep, once each, and the remaining jobs send nothing', async () => {
    const { t, dueAt } = await burstApp();
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
    expect(
      sent.every((m) => m.text.startsWith('Heads-up: the release date (2026-11-26) is the next working day')),
    ).toBe(true);

    for (const r of rest) await scheduler.schedule(r);
    await waitFor('the other jobs', () => outcomes.size === BURST);
    expect(rest.map((r) => outcomes.get(r.id))).toEqual(rest.map(() => 'skipped:not_scheduled'));
    expect((await transcript(t)).slice(before)).toHaveLength(BURST);
  });

  it('a sweep leaves reminders not yet due and ones already handled alone', async () => {
    const { t, dueAt } = await burstApp();
    const [due, notYet, cancelled] = burstOfWarnings(t, dueAt).slice(0, 3);
    if (!due || !notYet || !cancelled) throw new Error('no burst');
    t.app.store.transaction(() => {
      t.app.store.upsertReminder({ ...notYet, dueAt: sh('2026-11-25T10:00:01') });
      t.app.store.setReminderState(cancelled.id, 'cancelled', dueAt);
    });
    t.clock.set(dueAt);
    const firer = firerOf(t);
    const swept = sweepDue(firer, 1000);
    expect(swept.map((s) => s.request.id)).toContain(due.id);
    expect(swept.map((s) => s.request.id)).not.toContain(notYet.id);
    expect(swept.map((s) => s.request.id)).not.toContain(cancelled.id);
    expect(t.app.store.getReminder(notYet.id)?.state).toBe('scheduled');
    expect(t.app.store.getReminder(cancelled.id)?.state).toBe('cancelled');
    expect(sweepDue(firer, 1000).map((s) => s.request.id)).not.toContain(due.id);
  });

  it('a reminder whose firing fails is rolled back alone: the rest of the burst is sent, it stays scheduled and goes out once fixed', async () => {
    const { t, dueAt } = await burstApp();
    const burst = burstOfWarnings(t, dueAt);
    refuseOutboxRows(t, 'burst-3');
    t.clock.set(dueAt);
    const firer = firerOf(t);
    const failing = burst[3];
    if (!failing) throw new Error('no burst');

    const swept = sweepDue(firer, 1000);
    expect(swept).toHaveLength(BURST);
    const failed = swept.filter((s) => !s.result.ok);
    expect(failed.map((s) => s.request.id)).toEqual([failing.id]);
    expect(String(failed[0]?.result.ok === false && failed[0].result.error)).toContain('outbox refuses burst-3');
    expect(burst.map((r) => t.app.store.getReminder(r.id)?.state)).toEqual(
      burst.map((r) => (r.id === failing.id ? 'scheduled' : 'sent')),
    );
    const rows = () =>
      t.app.db.$client.prepare("SELECT address FROM outbox WHERE dedupe_key LIKE 'due-%'").pluck().all() as string[];
    expect(rows()).toHaveLength(BURST - 1);
    expect(rows()).not.toContain('burst-3');

    // Its own job's batch (fireAll) meets the same refusal and reports it; once the cause is gone it is sent, once.
    expect(fire(firer, [{ id: failing.id, dueAt }])[0]?.ok).toBe(false);
    t.app.db.$client.exec('DROP TRIGGER refuse_outbox');
    expect(fire(firer, [{ id: failing.id, dueAt }])).toEqual([{ ok: true, outcome: 'sent' }]);
    expect(sweepDue(firer, 1000)).toEqual([]);
    expect(rows().filter((a) => a === 'burst-3')).toHaveLength(1);
    expect(rows()).toHaveLength(BURST);
  });

  it('one batch sweeps chunk after chunk while reminders are due, within its time budget', async () => {
    const { t, dueAt } = await burstApp();
    const burst = burstOfWarnings(t, dueAt);
    t.clock.set(dueAt);
    const firer = firerOf(t);
    const sentState = () => burst.filter((r) => t.app.store.getReminder(r.id)?.state === 'sent').length;
    const [first, second] = burst;
    if (!first || !second) throw new Error('no burst');

    // No time budget: after its own reminder, the batch sweeps one chunk of 5 and stops.
    const commits: number[] = [];
    const hurried = new FireBatcher(firer, {
      limit: 5,
      budgetMs: 0,
      committed: (n) => commits.push(n),
      failed: (e) => {
        throw e;
      },
    });
    expect(await hurried.fire(first.id, dueAt)).toBe('sent');
    expect(sentState()).toBe(1 + 5);
    expect(commits).toEqual([5]);

    // With time: chunks of 5 follow each other until one comes back short — the whole burst in one batch.
    const patient = new FireBatcher(firer, {
      limit: 5,
      budgetMs: 60_000,
      committed: (n) => commits.push(n),
      failed: (e) => {
        throw e;
      },
    });
    const next = burst.find((r) => t.app.store.getReminder(r.id)?.state === 'scheduled');
    if (!next) throw new Error('nothing left');
    expect(await patient.fire(next.id, dueAt)).toBe('sent');
    expect(sentState()).toBe(BURST);
    expect(commits.slice(1)).toEqual([5, 5, 5, 3]);
    expect(t.app.db.$client.prepare("SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'due-%'").pluck().get()).toBe(
      BURST,
    );
  });

  it('a swept reminder that fails is reported and left to its own job: later sweeps do not meet it again', async () => {
    const { t, dueAt } = await burstApp();
    const burst = burstOfWarnings(t, dueAt);
    refuseOutboxRows(t, 'burst-0');
    t.clock.set(dueAt);
    const firer = firerOf(t);
    const failures: (string | undefined)[] = [];
    const seen: string[][] = [];
    const batcher = new FireBatcher(firer, {
      limit: 5,
      budgetMs: 0,
      committed: () => {},
      failed: (_e, id) => failures.push(id),
      fired: (by, firings) => {
        if (by === 'sweep') seen.push(firings.map((f) => f.request.id));
      },
    });
    const [failing, , , , , , next] = burst;
    if (!failing || !next) throw new Error('no burst');

    expect(await batcher.fire(burst[1]?.id ?? '', dueAt)).toBe('sent');
    expect(seen[0]).toContain(failing.id); // the oldest due, met by the first sweep
    expect(failures).toEqual([failing.id]);
    expect(t.app.store.getReminder(failing.id)?.state).toBe('scheduled');

    expect(await batcher.fire(next.id, dueAt)).toBe('sent');
    expect(seen[1]).not.toContain(failing.id);
    expect(seen[1]).toHaveLength(5);
    expect(failures).toEqual([failing.id]);
  });
});

describe('the worker’s alarm at the next due time', () => {
  /** Reminders due 400 ms from now (by a clock running in real time), and a queue + alarm on that clock. */
  async function alarmed(name: string) {
    const { t, dueAt } = await burstApp();
    const clock = new RunningClock(new Date(Date.parse(dueAt) - 400).toISOString());
    return { t, dueAt, clock, own: ownReminderQueue(t, cleanups, name, clock) };
  }
  const outboxRows = (t: TestApp): string[] =>
    t.app.db.$client.prepare("SELECT address FROM outbox WHERE dedupe_key LIKE 'due-%'").pluck().all() as string[];

  it('fires a burst at its due time with no job delivered, never before it; the jobs that follow send nothing', async () => {
    const { t, dueAt, own } = await alarmed('alarm');
    const burst = burstOfWarnings(t, dueAt);
    own.alarm.start();
    expect(outboxRows(t)).toEqual([]);

    await waitFor('the burst', () => outboxRows(t).length === BURST);
    const fired = burst.map((r) => t.app.store.getReminder(r.id));
    expect(fired.map((r) => r?.state)).toEqual(burst.map(() => 'sent'));
    expect(fired.every((r) => r?.sentAt !== undefined && r.sentAt !== null && r.sentAt >= dueAt)).toBe(true);

    // Their BullMQ jobs still arrive (they are what guarantees a reminder) and find them sent.
    const outcomes: string[] = [];
    const worker = startReminderWorker({
      url: t.app.redisUrl,
      prefix: own.prefix,
      logger: silent,
      process: async (job) => {
        const o = await own.process(job);
        outcomes.push(o);
        return o;
      },
    });
    cleanups.push(() => worker.close());
    for (const r of burst) await own.scheduler.schedule(r);
    await waitFor('the jobs', () => outcomes.length === BURST);
    expect(new Set(outcomes)).toEqual(new Set(['skipped:not_scheduled']));
    expect(outboxRows(t)).toHaveLength(BURST);
  });

  it('wakes earlier for a reminder scheduled while it sleeps', async () => {
    const { t, dueAt, own } = await alarmed('alarm-wake');
    own.alarm.start(); // nothing scheduled: it sleeps for a minute
    const burst = burstOfWarnings(t, dueAt);
    const [reminder] = burst;
    if (!reminder) throw new Error('no burst');
    await own.scheduler.schedule(reminder);
    await own.queue.remove(jobIdOf(reminder)); // no job at all: only the alarm can fire them

    await waitFor('the alarm', () => t.app.store.getReminder(reminder.id)?.state === 'sent');
    // Its sweep fires every reminder due, this one and the rest of the burst.
    expect(outboxRows(t).sort()).toEqual(burst.map((_, i) => `burst-${i}`).sort());
  });

  it('leaves a reminder it cannot fire to its job and goes on with the rest; after close it fires nothing', async () => {
    const { t, dueAt, clock, own } = await alarmed('alarm-fail');
    const burst = burstOfWarnings(t, dueAt);
    refuseOutboxRows(t, 'burst-2');
    own.alarm.start();
    await waitFor('the rest of the burst', () => outboxRows(t).length === BURST - 1);
    expect(t.app.store.getReminder(burst[2]?.id ?? '')?.state).toBe('scheduled');

    await own.alarm.close();
    const late = t.app.store.transaction(() =>
      t.app.store.upsertReminder({
        id: 'due-late',
        releaseId: 1,
        itemKey: null,
        kind: 'due_date',
        dueAt: new Date(clock.now().getTime() + 100).toISOString(),
        payload: { days: 1 },
      }),
    );
    own.alarm.scheduled(late.dueAt);
    await new Promise((r) => setTimeout(r, 400));
    expect(t.app.store.getReminder(late.id)?.state).toBe('scheduled');
    expect(outboxRows(t)).toHaveLength(BURST - 1);
  });
});

describe('one way to fire a reminder', () => {
  it('a reminder due through its job and through the alarm’s sweep goes through the same fire(): sent once, one message', async () => {
    const { t, dueAt } = await burstApp();
    const burst = burstOfWarnings(t, dueAt);
    const [swept, byJob] = burst;
    if (!swept || !byJob) throw new Error('no burst');
    const later = sh('2026-11-25T12:00:00');
    t.app.store.transaction(() => {
      for (const r of burst.slice(1)) t.app.store.upsertReminder({ ...r, dueAt: later });
    });
    const own = ownReminderQueue(t, cleanups, 'one-path');
    const outcomes: string[] = [];
    const worker = startReminderWorker({
      url: t.app.redisUrl,
      prefix: own.prefix,
      logger: silent,
      process: async (job) => {
        const o = await own.process(job);
        outcomes.push(`${job.data.reminderId} ${o}`);
        return o;
      },
    });
    cleanups.push(() => worker.close());
    const rowsFor = (address: string): number =>
      t.app.db.$client
        .prepare("SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'due-%' AND address = ?")
        .pluck()
        .get(address) as number;

    // 10:00: the alarm wakes first and its sweep fires the reminder; then its job arrives and finds it sent.
    t.clock.set(dueAt);
    own.alarm.start();
    await waitFor('the sweep', () => t.app.store.getReminder(swept.id)?.state === 'sent');
    await own.scheduler.schedule({ ...swept, state: 'scheduled' });
    await waitFor('its job', () => outcomes.length === 1);
    await own.alarm.close();
    expect(own.firings.filter((f) => f.id === swept.id)).toEqual([
      { by: 'sweep', id: swept.id, outcome: 'sent' },
      { by: 'jobs', id: swept.id, outcome: 'skipped:not_scheduled' },
    ]);

    // 12:00, the alarm closed: the job comes first and fires it; nothing sweeps it again.
    t.clock.set(later);
    await own.scheduler.schedule(t.app.store.getReminder(byJob.id) ?? byJob);
    await waitFor('the second job', () => outcomes.length === 2);
    expect(own.firings.filter((f) => f.id === byJob.id)).toEqual([{ by: 'jobs', id: byJob.id, outcome: 'sent' }]);

    // Both paths reached the same ReminderFirer.fireOne; each reminder has exactly one message.
    expect(own.fireOneCalls.filter((id) => id === swept.id)).toHaveLength(2);
    expect(own.fireOneCalls.filter((id) => id === byJob.id)).toHaveLength(1);
    expect(rowsFor('burst-0')).toBe(1);
    expect(rowsFor('burst-1')).toBe(1);
  });
});

describe('a batch read in one statement', () => {
  /** Two nudges of the first burst release (its app ID and roles asked), due at `dueAt`: one nudge message covers both. */
  function twoNudges(t: TestApp, dueAt: string): Reminder[] {
    const [warning] = burstOfWarnings(t, dueAt);
    const releaseId = warning?.releaseId;
    if (!warning || releaseId == null) throw new Error('no burst');
    const { store } = t.app;
    const at = t.clock.now().toISOString();
    return store.transaction(() => {
      store.setReminderState(warning.id, 'cancelled', at);
      return (['app_id', 'roles'] as const).map((key) => {
        store.updateItem(releaseId, key, { status: 'asked', askedAt: at }, at);
        return store.upsertReminder({
          id: `nudge-${releaseId}-${key}-1`,
          releaseId,
          itemKey: key,
          kind: 'nudge',
          dueAt,
          payload: { n: 1 },
        });
      });
    });
  }
  const nudgeRows = (t: TestApp): number =>
    t.app.db.$client
      .prepare("SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'nudge-%' AND address = 'burst-0'")
      .pluck()
      .get() as number;

  it('a sweep: the first nudge of a release sends both items; the second, re-read after it, sends nothing', async () => {
    const { t, dueAt } = await burstApp();
    const [a, b] = twoNudges(t, dueAt);
    if (!a || !b) throw new Error('no nudges');
    t.clock.set(dueAt);
    const swept = sweepDue(firerOf(t), 1000).filter((s) => s.request.id.startsWith('nudge-'));
    expect(swept.map((s) => (s.result.ok ? s.result.outcome : 'failed'))).toEqual(['sent', 'skipped:not_scheduled']);
    expect(nudgeRows(t)).toBe(1);
    expect([a, b].map((r) => t.app.store.getReminder(r.id)?.state)).toEqual(['sent', 'sent']);
  });

  it('a jobs’ batch: the same two nudges and one of them twice fire once between them', async () => {
    const { t, dueAt } = await burstApp();
    const [a, b] = twoNudges(t, dueAt);
    if (!a || !b) throw new Error('no nudges');
    t.clock.set(dueAt);
    const results = fire(
      firerOf(t),
      [a, b, a].map((r) => ({ id: r.id, dueAt: r.dueAt })),
    );
    expect(results.map((r) => (r.ok ? r.outcome : 'failed'))).toEqual([
      'sent',
      'skipped:not_scheduled',
      'skipped:not_scheduled',
    ]);
    expect(nudgeRows(t)).toBe(1);
  });
});
