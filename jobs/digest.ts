/**
 * The PMs' morning digest as a BullMQ job scheduler (a cron with a time zone, kept in Redis and
 * upserted at every start), not a hand-made timer. The processor asks the core to queue today's
 * digests; the outbox dedupe key makes a second run the same day a no-op.
 *
 *   const digest = await startDigest({ url, prefix, timezone: 'Asia/Shanghai', send: () => sendDigests(deps, tz), logger });
 *   await digest.close();
 */
import { Queue, Worker } from 'bullmq';
import type { Logger } from '../src/logger.js';
import { bullConnection, DIGEST_CRON, DIGEST_QUEUE, DIGEST_SCHEDULER_ID } from './queues.js';

export interface DigestOptions {
  url: string;
  prefix: string;
  timezone: string;
  /** Queues the digests; returns how many PMs get one. */
  send: () => number;
  logger: Logger;
}

export interface RunningDigest {
  queue: Queue;
  close(): Promise<void>;
}

export async function startDigest(opts: DigestOptions): Promise<RunningDigest> {
  const connection = bullConnection(opts.url);
  const queue = new Queue(DIGEST_QUEUE, { connection, prefix: opts.prefix });
  await queue.upsertJobScheduler(
    DIGEST_SCHEDULER_ID,
    { pattern: DIGEST_CRON, tz: opts.timezone },
    { name: 'digest', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 30, removeOnFail: 30 } },
  );
  const workerConnection = bullConnection(opts.url);
  const worker = new Worker(DIGEST_QUEUE, async () => opts.send(), { connection: workerConnection, prefix: opts.prefix });
  worker.on('failed', (job, err) => opts.logger.warn({ jobId: job?.id, err: err.message }, 'digest job failed; it is retried'));
  worker.on('error', (err) => opts.logger.warn({ err: err.message }, 'digest worker error; check that Redis is reachable'));
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
