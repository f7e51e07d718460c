/**
 * A daily task as a BullMQ job scheduler (a cron with a time zone, kept in Redis and upserted at
 * every start), not a hand-made timer: the PMs' morning digest, the App-secret check. The processor
 * calls `run`; a failure is retried with backoff, and `run` itself must be safe to repeat (the
 * digest's outbox dedupe key, the check's "tell only a change"). Redis may lose the scheduler (a
 * flush, a restart without persistence): the reconciler asks `ensure()` to put it back.
 *
 *   const digest = await startCronJob({ link, prefix, queue: DIGEST_QUEUE, schedulerId: DIGEST_SCHEDULER_ID, pattern: DIGEST_CRON, timezone, run, logger });
 *   await digest.ensure();  // true when it was missing and was re-created
 *   await digest.close();
 */
import { Queue, Worker } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { closeBull, type RedisLink } from './redis-link.js';

export interface CronJobOptions {
  link: RedisLink;
  prefix: string;
  queue: string;
  schedulerId: string;
  /** Cron pattern, in `timezone`. */
  pattern: string;
  timezone: string;
  run: () => unknown;
  logger: Logger;
}

export interface RunningCronJob {
  queue: Queue;
  schedulerId: string;
  /** Is the job scheduler in Redis? */
  exists(): Promise<boolean>;
  /** Re-creates the job scheduler when Redis lost it; true when it had to. */
  ensure(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startCronJob(opts: CronJobOptions): Promise<RunningCronJob> {
  const { link } = opts;
  const connection = link.queueConnection();
  const queue = new Queue(opts.queue, { connection, prefix: opts.prefix });
  link.watch(queue, { queue: opts.queue });
  const upsert = () =>
    queue.upsertJobScheduler(
      opts.schedulerId,
      { pattern: opts.pattern, tz: opts.timezone },
      {
        name: opts.queue,
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 30, removeOnFail: 30 },
      },
    );
  await upsert();
  const workerConnection = link.workerConnection();
  const worker = new Worker(opts.queue, async () => opts.run(), { connection: workerConnection, prefix: opts.prefix });
  worker.on('failed', (job, err) =>
    opts.logger.warn({ queue: opts.queue, jobId: job?.id, err: err.message }, 'daily job failed; it is retried'),
  );
  link.watch(worker, { queue: opts.queue });
  await worker.waitUntilReady();
  const exists = async () => (await queue.getJobScheduler(opts.schedulerId)) !== undefined;
  return {
    queue,
    schedulerId: opts.schedulerId,
    exists,
    async ensure() {
      if (await exists()) return false;
      await upsert();
      return true;
    },
    async close() {
      await closeBull(link, () => worker.close(), [workerConnection]);
      await closeBull(link, () => queue.close(), [connection]);
    },
  };
}
