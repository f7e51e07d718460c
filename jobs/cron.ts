/**
 * A daily task as a BullMQ job scheduler (a cron with a time zone, kept in Redis and upserted at
 * every start), not a hand-made timer: the PMs' morning digest, the App-secret check. The processor
 * calls `run`; a failure is retried with backoff, and `run` itself must be safe to repeat (the
 * digest's outbox dedupe key, the check's "tell only a change").
 *
 *   const digest = await startCronJob({ url, prefix, queue: DIGEST_QUEUE, schedulerId: DIGEST_SCHEDULER_ID, pattern: DIGEST_CRON, timezone, run, logger });
 *   await digest.close();
 */
import { Queue, Worker } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { bullConnection } from './queues.js';

export interface CronJobOptions {
  url: string;
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
  close(): Promise<void>;
}

export async function startCronJob(opts: CronJobOptions): Promise<RunningCronJob> {
  const connection = bullConnection(opts.url);
  const queue = new Queue(opts.queue, { connection, prefix: opts.prefix });
  await queue.upsertJobScheduler(
    opts.schedulerId,
    { pattern: opts.pattern, tz: opts.timezone },
    { name: opts.queue, data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 30, removeOnFail: 30 } },
  );
  const workerConnection = bullConnection(opts.url);
  const worker = new Worker(opts.queue, async () => opts.run(), { connection: workerConnection, prefix: opts.prefix });
  worker.on('failed', (job, err) => opts.logger.warn({ queue: opts.queue, jobId: job?.id, err: err.message }, 'daily job failed; it is retried'));
  worker.on('error', (err) => opts.logger.warn({ queue: opts.queue, err: err.message }, 'daily job worker error; check that Redis is reachable'));
  await worker.waitUntilReady();
  return {
    queue,
    async close() {
      await worker.close();
      await queue.close();
      for (const c of [workerConnection, connection]) await c.quit().catch(() => c.disconnect());
    },
  };
}
