/**
 * The reminder worker: one processor for every reminder kind, because the core's `ReminderFirer`
 * decides what a reminder says; the job and the alarm both fire through `fire()` (jobs/fire.ts,
 * the one firing path). A bad payload throws `UnrecoverableError` (never retried); any other
 * failure is retried with backoff, and a retry finds the row already sent.
 *
 *   const worker = startReminderWorker({ url, prefix, process: reminderProcessor({ firer, store, planner, scheduler }), logger });
 *   await worker.close();
 */
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { type Clock, type Scheduler, systemClock } from '../src/ports.js';
import type { FireOutcome, ReminderFirer } from '../src/reminders/firing.js';
import type { ReminderPlanner } from '../src/reminders/planner.js';
import type { ReleaseStore } from '../src/release/store.js';
import { DueAlarm, FireBatcher, SWEEP_LIMIT, type SweepOptions } from './fire.js';
import { bullConnection, REMINDER_QUEUE, type ReminderPayload, reminderPayload } from './queues.js';
import { closeBull, type RedisLink } from './redis-link.js';

export type ReminderProcessor = (job: Job<ReminderPayload>) => Promise<FireOutcome>;

export interface ProcessorDeps {
  firer: Pick<ReminderFirer, 'fireOne' | 'prefetch'>;
  store: Pick<ReleaseStore, 'transaction' | 'dueReminders' | 'remindersByIds' | 'nextScheduled'>;
  planner: ReminderPlanner;
  scheduler: Scheduler;
  /** Other due reminders fired per sweep after a batch of jobs (default `SWEEP_LIMIT`; 0 = only the job's own). */
  sweepLimit?: number;
  logger?: Logger;
  /** Every firing as committed, by the jobs' batch or a sweep (`SweepOptions.fired`). */
  fired?: SweepOptions['fired'];
}

/** The worker's processor and its alarm at the next due time, sharing one `FireBatcher`. */
export interface ReminderFiring {
  process: ReminderProcessor;
  alarm: DueAlarm;
}

export function reminderProcessor(deps: ProcessorDeps): ReminderProcessor {
  return reminderFiring(deps).process;
}

/**
 * The processor plus an alarm that sweeps at the next due time without waiting for BullMQ to hand
 * over the first job (`DueAlarm`); start it with `alarm.start()`, stop it with `await alarm.close()`.
 *
 *   const { process, alarm } = reminderFiring({ firer, planner, scheduler, clock });
 */
export function reminderFiring(deps: ProcessorDeps & { clock?: Clock }): ReminderFiring {
  const clock = deps.clock ?? systemClock;
  const batcher = new FireBatcher(
    { firer: deps.firer, store: deps.store, clock },
    {
      limit: deps.sweepLimit ?? SWEEP_LIMIT,
      ...(deps.fired ? { fired: deps.fired } : {}),
      // The swept reminders' follow-ups are flushed by the batch's own jobs (below), which resume after the
      // sweep; each fired reminder is sent by the `reminder.due` subscriber (the outbox kick).
      failed: (error, id) =>
        deps.logger?.warn(
          { reminderId: id, err: error instanceof Error ? error.message : String(error) },
          id
            ? 'a swept reminder failed and was rolled back alone; its own job retries it'
            : 'sweep of due reminders not committed; each reminder is still fired by its own job',
        ),
    },
  );
  const alarm = new DueAlarm({
    batcher,
    clock,
    flush: () => deps.planner.flush(deps.scheduler),
    failed: (error) =>
      deps.logger?.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'reminder alarm could not sweep; the reminders’ own jobs still fire them',
      ),
  });
  const process: ReminderProcessor = async (job) => {
    const parsed = reminderPayload.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(
        `Reminder job ${job.id} has a malformed payload (${parsed.error.issues[0]?.message}); it is dropped. The reminder row in SQLite is untouched: restart to let the reconciler re-create its job.`,
      );
    }
    const outcome = await batcher.fire(parsed.data.reminderId, parsed.data.dueAt);
    await deps.planner.flush(deps.scheduler);
    return outcome;
  };
  return { process, alarm };
}

export interface WorkerOptions {
  url: string;
  /** The service's Redis link: connection errors during an outage are its news, logged once. */
  link?: RedisLink;
  prefix: string;
  process: ReminderProcessor;
  logger: Logger;
  concurrency?: number;
  /** Tests shorten these to see a killed worker's job come back quickly. */
  lockDuration?: number;
  stalledInterval?: number;
}

export interface RunningWorker {
  worker: Worker<ReminderPayload, FireOutcome>;
  close(force?: boolean): Promise<void>;
}

export function startReminderWorker(opts: WorkerOptions): RunningWorker {
  const connection = opts.link ? opts.link.workerConnection() : bullConnection(opts.url);
  const worker = new Worker<ReminderPayload, FireOutcome>(REMINDER_QUEUE, opts.process, {
    connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 20,
    ...(opts.lockDuration ? { lockDuration: opts.lockDuration } : {}),
    ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
  });
  worker.on('failed', (job, err) => {
    opts.logger.warn(
      { jobId: job?.id, attempt: job?.attemptsMade, err: err.message },
      'reminder job failed; BullMQ retries it with backoff unless it was unrecoverable',
    );
  });
  if (opts.link) opts.link.watch(worker, { queue: REMINDER_QUEUE });
  else
    worker.on('error', (err) =>
      opts.logger.warn({ err: err.message }, 'reminder worker error; check that Redis is reachable'),
    );
  return {
    worker,
    async close(force = false) {
      await closeBull(opts.link, () => worker.close(force), [connection]);
    },
  };
}
