/**
 * Reconciliation: SQLite is the source of truth, Redis may lose everything (it runs without
 * persistence, may be flushed or restarted empty). Every `scheduled` reminder row whose job is
 * missing (or failed for good) gets it back with its ORIGINAL due time (already due ⇒ runs now,
 * and the firer moves a late client-facing one outside business hours to the next opening), and
 * the daily job schedulers are put back; at start-up, due-date warnings of open releases are (re)planned first.
 * It runs at start-up, every time Redis is reachable again, and every `intervalMs` (a flush does
 * not drop the connection). One run at a time; a run asked for meanwhile runs once after it.
 *
 *   const reconciler = new Reconciler({ store, planner, scheduler, queue, connection, crons, clock, logger, link });
 *   await reconciler.run();        // start-up, before serving
 *   reconciler.start();            // periodic, and on every reconnect
 *   await reconciler.missing();    // { schedulers: ['daily-digest'], reminderJobs: 3 } — for /healthz
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../src/logger.js';
import type { Clock, Scheduler } from '../src/ports.js';
import type { Reminder } from '../src/release/model.js';
import type { ReleaseRecords, ReminderStore } from '../src/release/store.js';
import type { ReminderPlanner } from '../src/reminders/planner.js';
import type { RunningCronJob } from './cron.js';
import { type ReminderPayload, reminderJobId } from './queues.js';
import type { RedisLink } from './redis-link.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ReleaseRecords & ReminderStore;

/** How often the reconciler checks Redis against SQLite when nothing told it to. */
export const RECONCILE_INTERVAL_MS = 60_000;
/** A run that failed while Redis looked reachable (its other connections still reconnecting) is tried again this soon. */
export const RECONCILE_RETRY_MS = 1_000;
/** Job keys checked per Redis pipeline. */
const CHECK_BATCH = 1_000;

export interface ReconcilerOptions {
  store: Store;
  planner: ReminderPlanner;
  scheduler: Scheduler;
  /** The reminder queue, and the raw connection it runs on (checked with pipelines). */
  queue: Queue<ReminderPayload>;
  connection: Redis;
  crons: RunningCronJob[];
  clock: Clock;
  logger: Logger;
  link: RedisLink;
  intervalMs?: number;
}

/** What Redis is missing compared with SQLite and the configured job schedulers. */
export interface MissingJobs {
  schedulers: string[];
  reminderJobs: number;
}

export interface ReconcileResult {
  /** Scheduled reminders checked against Redis. */
  checked: number;
  /** Reminder jobs re-created. */
  restored: number;
  /** Job schedulers re-created. */
  schedulers: string[];
}

export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private listening = false;
  private running: Promise<ReconcileResult | undefined> | undefined;
  private again = false;
  private closed = false;
  private planned = false;

  constructor(private readonly opts: ReconcilerOptions) {}

  /** Periodic runs (every `intervalMs`, default the option's), and one every time Redis is reachable again. Calling it again resets the period. */
  start(intervalMs = this.opts.intervalMs ?? RECONCILE_INTERVAL_MS): void {
    if (!this.listening) this.opts.link.onReachable(() => void this.run());
    this.listening = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  /**
   * One reconciliation (or joins the one running, then runs once more). Never throws: a failure
   * (Redis gone again) leaves it to the next run; undefined then.
   */
  run(): Promise<ReconcileResult | undefined> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.reconcile().then((result) => {
      this.running = undefined;
      if (this.closed) return result;
      if (this.again) {
        this.again = false;
        void this.run();
      } else if (!result && this.opts.link.isReachable()) this.retrySoon();
      return result;
    });
    return this.running;
  }

  /** What Redis is missing now (the job schedulers, the scheduled reminders' jobs); throws when Redis does not answer. */
  async missing(): Promise<MissingJobs> {
    const schedulers: string[] = [];
    for (const cron of this.opts.crons) if (!(await cron.exists())) schedulers.push(cron.schedulerId);
    const reminderJobs = (await this.missingReminders()).length;
    return { schedulers, reminderJobs };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    await this.running;
  }

  private retrySoon(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.run();
    }, RECONCILE_RETRY_MS);
    this.retry.unref();
  }

  private async reconcile(): Promise<ReconcileResult | undefined> {
    const { store, planner, scheduler, clock, logger, link } = this.opts;
    if (this.closed) return undefined;
    try {
      const schedulers: string[] = [];
      for (const cron of this.opts.crons) if (await cron.ensure()) schedulers.push(cron.schedulerId);
      if (!this.planned) {
        // Once, at start-up: warnings a new version (or new rules) would have planned. Later runs only compare.
        store.transaction(() => {
          for (const release of store.listOpenReleases()) planner.planDueDates(release, clock.now());
        });
        this.planned = true;
      }
      await planner.flush(scheduler);
      const checked = store.scheduledReminders().length;
      let restored = 0;
      for (const reminder of await this.missingReminders()) {
        await scheduler.schedule(reminder);
        restored += 1;
      }
      if (restored > 0 || schedulers.length > 0)
        logger.info({ restored, schedulers, checked }, 'reconciler: re-created the jobs Redis had lost');
      return { checked, restored, schedulers };
    } catch (error) {
      link.failed(error, { during: 'reconcile' });
      return undefined;
    }
  }

  /**
   * Scheduled rows whose job for their due time is not in Redis, or failed for good; each row
   * read again after the check, so one fired meanwhile (its job completed and removed) is not counted.
   */
  private async missingReminders(): Promise<Reminder[]> {
    const { store, queue, connection } = this.opts;
    const rows = store.scheduledReminders();
    const failedKey = queue.toKey('failed');
    const missing: Reminder[] = [];
    for (let i = 0; i < rows.length; i += CHECK_BATCH) {
      const batch = rows.slice(i, i + CHECK_BATCH);
      const pipeline = connection.pipeline();
      for (const r of batch) {
        const jobId = reminderJobId(r.id, r.dueAt);
        pipeline.exists(queue.toKey(jobId));
        pipeline.zscore(failedKey, jobId);
      }
      const answers = (await pipeline.exec()) ?? [];
      batch.forEach((r, n) => {
        const [existsErr, exists] = answers[2 * n] ?? [new Error('no answer')];
        const [failedErr, failedScore] = answers[2 * n + 1] ?? [new Error('no answer')];
        if (existsErr || failedErr) throw existsErr ?? failedErr;
        if (exists === 1 && failedScore === null) return;
        const now = store.getReminder(r.id);
        if (now?.state === 'scheduled' && now.dueAt === r.dueAt) missing.push(now);
      });
    }
    return missing;
  }
}
