/**
 * Reminders on BullMQ, started as one unit by the composition root: the reminder queue (the
 * core's `Scheduler`), its worker and the worker's alarm at the next due time, the daily jobs (the
 * digest, the App-secret check), and the start-up reconciler.
 *
 *   const jobs = await startReminderJobs({ url, prefix, store, service, outbox, clock, logger, agencyTimezone });
 *   await jobs.reconcile();   // before serving
 *   await jobs.close();       // graceful: waits for running jobs
 */
import { Queue } from 'bullmq';
import type { Logger } from '../src/logger.js';
import type { Outbox } from '../src/outbox.js';
import type { Clock } from '../src/ports.js';
import { sendDigests } from '../src/reminders/digest.js';
import { ReminderFirer } from '../src/reminders/firing.js';
import { ReminderPlanner } from '../src/reminders/planner.js';
import type { ReleaseService } from '../src/release/service.js';
import type { ReleaseStore } from '../src/release/store.js';
import { type RunningCronJob, startCronJob } from './cron.js';
import {
  bullConnection,
  DIGEST_CRON,
  DIGEST_QUEUE,
  DIGEST_SCHEDULER_ID,
  REMINDER_QUEUE,
  type ReminderPayload,
  SECRET_CHECK_CRON,
  SECRET_CHECK_QUEUE,
  SECRET_CHECK_SCHEDULER_ID,
} from './queues.js';
import { reconcileReminders } from './reconciler.js';
import { reminderFiring, type RunningWorker, startReminderWorker } from './reminder-worker.js';
import { BullScheduler } from './scheduler.js';

export interface ReminderJobsOptions {
  url: string;
  prefix: string;
  store: ReleaseStore;
  service: ReleaseService;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  agencyTimezone: string;
  /** The planner already listening to item changes (`service.onItemChange(planner)`). */
  planner: ReminderPlanner;
  /** The daily App-secret check of every open release (absent when WECHAT_API_BASE=off). */
  checkAppSecrets?: () => Promise<number>;
}

export interface ReminderJobs {
  planner: ReminderPlanner;
  scheduler: BullScheduler;
  firer: ReminderFirer;
  worker: RunningWorker;
  digest: RunningCronJob;
  secretCheck?: RunningCronJob;
  /** Re-creates the jobs Redis lost; returns how many scheduled reminders were checked. */
  reconcile(): Promise<number>;
  /** Makes the scheduler calls decided since the last flush (after a message or command). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startReminderJobs(opts: ReminderJobsOptions): Promise<ReminderJobs> {
  const { store, service, outbox, clock, logger, planner } = opts;
  const queueConnection = bullConnection(opts.url);
  const queue = new Queue<ReminderPayload>(REMINDER_QUEUE, { connection: queueConnection, prefix: opts.prefix });
  // The scheduler tells the worker's alarm (made with the processor below) about each job it queues.
  const scheduler = new BullScheduler(queue, clock, (reminder) => firing.alarm.scheduled(reminder.dueAt));
  const firer = new ReminderFirer({ store, service, outbox, planner, clock });
  const firing = reminderFiring({ firer, planner, scheduler, logger, clock, sent: () => void outbox.kick() });
  const worker = startReminderWorker({ url: opts.url, prefix: opts.prefix, logger, process: firing.process });
  // Ready before returning: a close() while BullMQ is still connecting leaves rejected commands behind.
  await Promise.all([queue.waitUntilReady(), worker.worker.waitUntilReady()]);
  const daily = { url: opts.url, prefix: opts.prefix, timezone: opts.agencyTimezone, logger };
  const digest = await startCronJob({ ...daily, queue: DIGEST_QUEUE, schedulerId: DIGEST_SCHEDULER_ID, pattern: DIGEST_CRON, run: () => sendDigests({ store, outbox, clock, calendar: planner.calendar }, opts.agencyTimezone) });
  const check = opts.checkAppSecrets;
  const secretCheck = check && (await startCronJob({ ...daily, queue: SECRET_CHECK_QUEUE, schedulerId: SECRET_CHECK_SCHEDULER_ID, pattern: SECRET_CHECK_CRON, run: check }));
  firing.alarm.start();
  return {
    planner,
    scheduler,
    firer,
    worker,
    digest,
    ...(secretCheck ? { secretCheck } : {}),
    reconcile: () => reconcileReminders({ store, planner, scheduler, clock }),
    flush: () => planner.flush(scheduler),
    async close() {
      await firing.alarm.close();
      await worker.close();
      await digest.close();
      await secretCheck?.close();
      await queue.close();
      await queueConnection.quit().catch(() => queueConnection.disconnect());
    },
  };
}
