/**
 * Helpers for reminder tests: a release started from the local chat, the app's reminder queue
 * opened for inspection (same prefix), and "fire this reminder now" = set the fake clock to its
 * due time and promote its delayed BullMQ job.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { CommandContext } from '../../src/commands/index.js';
import type { Clock } from '../../src/ports.js';
import type { Release, Reminder } from '../../src/release/model.js';
import { randomBytes } from 'node:crypto';
import { REMINDER_QUEUE, type ReminderPayload, reminderJobId } from '../../jobs/queues.js';
import type { DueAlarm } from '../../jobs/fire.js';
import { reminderFiring, type reminderProcessor } from '../../jobs/reminder-worker.js';
import { BullScheduler } from '../../jobs/scheduler.js';
import { ReminderFirer } from '../../src/reminders/firing.js';
import { ReminderPlanner } from '../../src/reminders/planner.js';
import type { TestApp } from '../support/app.js';

export const PM: CommandContext = {
  platform: 'local',
  user: 'local:pm',
  isPm: true,
  locale: 'en',
  conversation: { platform: 'local', channel: 'client', kind: 'local', shared: false },
};

export async function startAcme(t: TestApp, locale: 'en' | 'zh' = 'en'): Promise<Release> {
  await t.app.bot.command(PM, `start Acme Coffee ${locale}`);
  const client = t.app.store.findClientByName('Acme Coffee');
  const release = client && t.app.store.openReleaseOf(client.id);
  if (!release) throw new Error('release not started');
  return release;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface QueueProbe {
  queue: Queue<ReminderPayload>;
  close(): Promise<void>;
}

export function openQueue(redisUrl: string, prefix: string): QueueProbe {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<ReminderPayload>(REMINDER_QUEUE, { connection, prefix });
  return {
    queue,
    async close() {
      await queue.close();
      await connection.quit();
    },
  };
}

/** The BullMQ job id of a reminder at its current due time. */
export function jobIdOf(reminder: Pick<Reminder, 'id' | 'dueAt'>): string {
  return reminderJobId(reminder.id, reminder.dueAt);
}

export function scheduled(t: TestApp, releaseId: number, kind?: Reminder['kind']): Reminder[] {
  return t.app.store.remindersOf(releaseId, 'scheduled').filter((r) => !kind || r.kind === kind);
}

/** Sets the clock to the reminder's due time, promotes its delayed job and waits until the row is no longer scheduled. */
export async function fireNow(t: TestApp, probe: QueueProbe, reminder: Reminder): Promise<Reminder> {
  const job = await waitFor(`job ${reminder.id}`, async () => {
    const j = await probe.queue.getJob(jobIdOf(reminder));
    return j && (await j.getState()) === 'delayed' && j.data.dueAt === reminder.dueAt ? j : undefined;
  });
  t.clock.set(reminder.dueAt);
  await job.promote();
  return waitFor(`reminder ${reminder.id} to fire`, () => {
    const row = t.app.store.getReminder(reminder.id);
    return row && row.state !== 'scheduled' ? row : undefined;
  });
}

/** Waits until the reminder's job for its current due time has left the queue (completed jobs are removed). */
export async function jobGone(probe: QueueProbe, reminder: Reminder): Promise<void> {
  await waitFor(
    `job ${reminder.id} to finish`,
    async () => (await probe.queue.getJob(jobIdOf(reminder))) === undefined,
  );
}

export async function transcript(t: TestApp): Promise<{ to: string; text: string }[]> {
  await t.app.outbox.flush();
  return (t.app.localChat?.transcript ?? []).map((m) => ({ to: m.to, text: m.message.text }));
}

/** The app's core reminder pieces on a queue the test owns (its own prefix), removed by `cleanups`. */
export interface OwnQueue {
  queue: Queue<ReminderPayload>;
  prefix: string;
  planner: ReminderPlanner;
  scheduler: BullScheduler;
  firer: ReminderFirer;
  process: ReturnType<typeof reminderProcessor>;
  /** Every reminder `fire()` handled, in order: who asked (the jobs' batch or a sweep) and what came of it. */
  firings: { by: 'jobs' | 'sweep'; id: string; outcome: string }[];
  /** Every call of `ReminderFirer.fireOne` (the reminder's id), whichever path made it. */
  fireOneCalls: string[];
}

export function ownReminderQueue(
  t: TestApp,
  cleanups: (() => Promise<void>)[],
  name = 'own',
  clock: Clock = t.clock,
): OwnQueue & { alarm: DueAlarm } {
  const prefix = `${name}-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(t.app.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<ReminderPayload>(REMINDER_QUEUE, { connection, prefix });
  cleanups.push(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
  });
  const planner = new ReminderPlanner(t.app.store);
  // As the app wires them: the scheduler tells the worker's alarm about each job it queues.
  const scheduler = new BullScheduler(queue, clock, (r) => firing.alarm.scheduled(r.dueAt));
  const firer = new ReminderFirer({ store: t.app.store, service: t.app.service, outbox: t.app.outbox, planner, clock });
  const firings: OwnQueue['firings'] = [];
  const fireOneCalls: string[] = [];
  const recorded: Pick<ReminderFirer, 'fireOne' | 'prefetch'> = {
    fireOne: (id, dueAt, prefetched) => {
      fireOneCalls.push(id);
      return firer.fireOne(id, dueAt, prefetched);
    },
    prefetch: (due) => firer.prefetch(due),
  };
  const fired = (
    by: 'jobs' | 'sweep',
    list: readonly { request: { id: string }; result: { ok: boolean; outcome?: string } }[],
  ) => {
    for (const f of list)
      firings.push({ by, id: f.request.id, outcome: f.result.ok && f.result.outcome ? f.result.outcome : 'failed' });
  };
  const firing = reminderFiring({ firer: recorded, store: t.app.store, planner, scheduler, clock, fired });
  cleanups.push(() => firing.alarm.close());
  return {
    queue,
    prefix,
    planner,
    scheduler,
    firer,
    process: firing.process,
    alarm: firing.alarm,
    firings,
    fireOneCalls,
  };
}

/** A clock that runs in real time from `iso` (the alarm's tests wait for real due times). */
export class RunningClock implements Clock {
  private readonly offset: number;
  constructor(iso: string) {
    this.offset = Date.parse(iso) - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** A Shanghai wall-clock time (`2026-11-25T10:00:00`) as an ISO instant. */
export const sh = (local: string): string => new Date(`${local}+08:00`).toISOString();
