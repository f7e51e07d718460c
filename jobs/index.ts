/**
 * Reminders on BullMQ, started as one unit by the composition root: the reminder queue (the
 * core's `Scheduler`), its worker and the worker's alarm at the next due time, the daily jobs (the
 * digest, the App-secret check), and the reconciler (at start-up, on every Redis reconnect, every
 * minute). A command or message never waits on Redis: `flush()` is bounded, and while Redis is
 * down the scheduler makes no call at all (the rows are in SQLite; the reconciler catches up).
 *
 *   const jobs = await startReminderJobs({ link, prefix, store, service, outbox, clock, logger, agencyTimezone, planner });
 *   await jobs.reconcile();   // before serving; then it runs by itself
 *   await jobs.health();      // { schedulers: [], reminderJobs: 0 } when Redis has everything
 *   await jobs.close();       // graceful: waits for running jobs
 */
import type { EventSink } from '../src/events.js';
import { Queue } from 'bullmq';
import type { Logger } from '../src/logger.js';
import type { Outbox } from '../src/outbox.js';
import type { Clock } from '../src/ports.js';
import type { WorkingCalendar } from '../src/calendar/working-calendar.js';
import { localParts } from '../src/reminders/business-hours.js';
import { sendDigests } from '../src/reminders/digest.js';
import { sendLaunchNotices } from '../src/reminders/launch-notices.js';
import { ReminderFirer } from '../src/reminders/firing.js';
import { ReminderPlanner } from '../src/reminders/planner.js';
import type { ReleaseService } from '../src/release/service.js';
import type {
  ClientStore,
  CursorStore,
  EventLog,
  PeopleStore,
  ReleaseRecords,
  ReminderStore,
  StatusReads,
} from '../src/release/store.js';
import { type RunningCronJob, startCronJob } from './cron.js';
import {
  DIGEST_CRON,
  DIGEST_QUEUE,
  DIGEST_SCHEDULER_ID,
  LAUNCH_CHECK_CRON,
  LAUNCH_CHECK_QUEUE,
  LAUNCH_CHECK_SCHEDULER_ID,
  REMINDER_QUEUE,
  type ReminderPayload,
  SECRET_CHECK_CRON,
  SECRET_CHECK_QUEUE,
  SECRET_CHECK_SCHEDULER_ID,
} from './queues.js';
import { type MissingJobs, Reconciler } from './reconciler.js';
import { closeBull, type RedisLink } from './redis-link.js';
import { reminderFiring, type RunningWorker, startReminderWorker } from './reminder-worker.js';
import { BullScheduler, LinkedScheduler } from './scheduler.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ClientStore &
  ReleaseRecords &
  EventLog &
  ReminderStore &
  StatusReads &
  CursorStore &
  Pick<PeopleStore, 'watchersOf'>;

/** A command or message waits at most this long for its reminder jobs to reach Redis; the rest goes on behind. */
export const FLUSH_WAIT_MS = 1_000;

export interface ReminderJobsOptions {
  link: RedisLink;
  prefix: string;
  store: Store;
  service: ReleaseService;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  agencyTimezone: string;
  /** The planner already listening to item changes (`service.onItemChange(planner)`). */
  planner: ReminderPlanner;
  /** The daily App-secret check of every open release (absent when WECHAT_API_BASE=off). */
  checkAppSecrets?: () => Promise<number>;
  /** The event bus: a fired reminder publishes `reminder.due` when its firing commits. */
  events?: EventSink;
  /** How often the reconciler checks Redis against SQLite (default every minute). */
  reconcileIntervalMs?: number;
}

export interface ReminderJobs {
  planner: ReminderPlanner;
  scheduler: LinkedScheduler;
  firer: ReminderFirer;
  worker: RunningWorker;
  digest: RunningCronJob;
  /** Every working hour: a release turned at risk, late or back on track is told to its PM once. */
  launchCheck: RunningCronJob;
  secretCheck?: RunningCronJob;
  reconciler: Reconciler;
  /** Re-creates the jobs Redis lost, and starts doing so by itself; returns how many scheduled reminders were checked. */
  reconcile(): Promise<number>;
  /** What Redis is missing (job schedulers, reminder jobs); throws when Redis does not answer. */
  health(): Promise<MissingJobs>;
  /** Makes the scheduler calls decided since the last flush (after a message or command), waiting at most `FLUSH_WAIT_MS`. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startReminderJobs(opts: ReminderJobsOptions): Promise<ReminderJobs> {
  const { store, service, outbox, clock, logger, planner, link } = opts;
  const queueConnection = link.queueConnection();
  const queue = new Queue<ReminderPayload>(REMINDER_QUEUE, { connection: queueConnection, prefix: opts.prefix });
  link.watch(queue, { queue: REMINDER_QUEUE });
  // The scheduler tells the worker's alarm (made with the processor below) about each reminder it schedules.
  const wake = (reminder: { dueAt: string }) => firing.alarm.scheduled(reminder.dueAt);
  const scheduler = new LinkedScheduler(new BullScheduler(queue, clock, wake), link, wake);
  const firer = new ReminderFirer({
    store,
    service,
    outbox,
    planner,
    clock,
    ...(opts.events ? { events: opts.events } : {}),
  });
  // A fired reminder commits with `reminder.due`: its subscriber (the composition root) kicks the outbox.
  const firing = reminderFiring({ firer, store, planner, scheduler, logger, clock });
  const worker = startReminderWorker({ url: link.url, link, prefix: opts.prefix, logger, process: firing.process });
  // Ready before returning: a close() while BullMQ is still connecting leaves rejected commands behind.
  await Promise.all([queue.waitUntilReady(), worker.worker.waitUntilReady()]);
  const daily = { link, prefix: opts.prefix, timezone: opts.agencyTimezone, logger };
  const digest = await startCronJob({
    ...daily,
    queue: DIGEST_QUEUE,
    schedulerId: DIGEST_SCHEDULER_ID,
    pattern: DIGEST_CRON,
    run: () => sendDigests({ store, outbox, clock, calendar: planner.calendar }, opts.agencyTimezone),
  });
  const launchCheck = await startCronJob({
    ...daily,
    queue: LAUNCH_CHECK_QUEUE,
    schedulerId: LAUNCH_CHECK_SCHEDULER_ID,
    pattern: LAUNCH_CHECK_CRON,
    run: () => sendLaunchNotices({ store, outbox, clock, calendar: planner.calendar }, opts.agencyTimezone),
  });
  const check = opts.checkAppSecrets;
  // Like the digest: the scheduler fires every day, the check runs on the calendar's working days only.
  const checkOnWorkingDays =
    check && onWorkingDays(check, { calendar: planner.calendar, clock, timezone: opts.agencyTimezone });
  const secretCheck =
    checkOnWorkingDays &&
    (await startCronJob({
      ...daily,
      queue: SECRET_CHECK_QUEUE,
      schedulerId: SECRET_CHECK_SCHEDULER_ID,
      pattern: SECRET_CHECK_CRON,
      run: checkOnWorkingDays,
    }));
  const reconciler = new Reconciler({
    store,
    planner,
    scheduler,
    queue,
    connection: queueConnection,
    crons: secretCheck ? [digest, launchCheck, secretCheck] : [digest, launchCheck],
    clock,
    logger,
    link,
    ...(opts.reconcileIntervalMs ? { intervalMs: opts.reconcileIntervalMs } : {}),
  });
  firing.alarm.start();
  return {
    planner,
    scheduler,
    firer,
    worker,
    digest,
    launchCheck,
    ...(secretCheck ? { secretCheck } : {}),
    reconciler,
    async reconcile() {
      const result = await reconciler.run();
      reconciler.start();
      return result?.checked ?? 0;
    },
    health: () => within(reconciler.missing(), HEALTH_WAIT_MS),
    flush: () => boundedFlush(planner.flush(scheduler)),
    async close() {
      await reconciler.close();
      await firing.alarm.close();
      await worker.close();
      await digest.close();
      await launchCheck.close();
      await secretCheck?.close();
      await closeBull(link, () => queue.close(), [queueConnection]);
    },
  };
}

/**
 * A daily job's body that runs only on working days of the calendar in `timezone` (make-up Saturdays
 * too, not weekends or public holidays); on a day off it returns 0 without calling `run`.
 *
 *   onWorkingDays(check, { calendar, clock, timezone: 'Asia/Shanghai' })  // at 09:00 on 1 Oct 2026: 0, check not called
 */
export function onWorkingDays(
  run: () => Promise<number>,
  on: { calendar: WorkingCalendar; clock: Clock; timezone: string },
): () => Promise<number> {
  return async () => (on.calendar.isWorkingDay(localParts(on.clock.now(), on.timezone)) ? run() : 0);
}

/** The health check's look at Redis gives up after this long (Redis answered the ping, then hung). */
export const HEALTH_WAIT_MS = 2_000;

/** `promise`, or a rejection after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/** Waits for `flush` at most `FLUSH_WAIT_MS`; it goes on behind (every call in it is idempotent). */
function boundedFlush(flush: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FLUSH_WAIT_MS);
    timer.unref();
  });
  return Promise.race([flush, bound]).finally(() => clearTimeout(timer));
}
