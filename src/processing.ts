/**
 * PROCESSING=worker: stored messages are read and answered in a worker thread, so the service's
 * event loop only verifies, stores and acknowledges (docs/architecture.md, "The inbound path").
 * The worker has its own SQLite connection (WAL: both write, one at a time) and its own core; it
 * is handed stored event ids and, for each batch, sends back what the service must do after the
 * commit (the reminder jobs to sync, the facts recorded) — the outbox sends from the service.
 *
 *   const thread = new ProcessingThread({ entry: new URL(import.meta.url), workerData, logger, done });
 *   bot.processElsewhere(thread);          // bot.accept(…) now hands the stored ids to the thread
 *
 * Nothing acknowledged depends on the worker: an id is marked processed only in the worker's commit,
 * so one the worker never finished is still `received` and `bot.recover()` takes it at the next
 * start. A worker that dies is not restarted: its batch, and every batch after it, is processed by
 * the service itself.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { type MessagePort, Worker } from 'node:worker_threads';
import type { ProcessingElsewhere, ReleaseBot } from './bot.js';
import type { AppEvents } from './events.js';
import type { Logger } from './logger.js';
import type { SchedulerOp } from './reminders/planner.js';

/** The service → the worker. */
type ToWorker = { kind: 'process'; batch: number; ids: number[] } | { kind: 'stop' };

/** What the service does after a batch committed in the worker. */
export interface AfterBatch {
  /** The worker's planner's scheduler calls, for the service's planner to make (`ReminderPlanner.adopt`). */
  ops: SchedulerOp[];
  /** `fact.recorded` events published by the worker's commits, to publish again on the service's bus. */
  facts: AppEvents['fact.recorded'][];
}

/** The worker → the service. */
type FromWorker = { kind: 'done'; batch: number; failed: number[] } & AfterBatch;

/** The service's end: implements `ProcessingElsewhere` for the bot. */
export class ProcessingThread implements ProcessingElsewhere {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(failed: number[]): void; reject(err: Error): void }>();
  private nextBatch = 1;
  private gone: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(
    private readonly deps: {
      /** The module that runs `serveProcessing` when started as a worker (the composition root). */
      entry: URL;
      workerData: unknown;
      logger: Logger;
      /** After a batch committed there, before its promise resolves (the bot settles next). */
      done(after: AfterBatch): void;
      /** The worker has exited (what it held of the database is free again). */
      exited?(): void;
    },
  ) {
    this.worker = startWorker(deps.entry, deps.workerData);
    this.worker.on('message', (msg: FromWorker) => this.received(msg));
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        deps.exited?.();
        this.fail(new Error(`the processing worker exited (code ${code})`));
        resolve();
      }),
    );
  }

  process(eventIds: readonly number[]): Promise<number[]> {
    if (this.gone) return Promise.reject(this.gone);
    const batch = this.nextBatch++;
    return new Promise<number[]>((resolve, reject) => {
      this.waiting.set(batch, { resolve, reject });
      this.worker.postMessage({ kind: 'process', batch, ids: [...eventIds] } satisfies ToWorker);
    });
  }

  /** Asks the worker to finish its batch and close its database; resolves when it has exited. */
  async stop(): Promise<void> {
    if (!this.gone) this.worker.postMessage({ kind: 'stop' } satisfies ToWorker);
    const timer = setTimeout(() => void this.worker.terminate(), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  private received(msg: FromWorker): void {
    const waiter = this.waiting.get(msg.batch);
    this.waiting.delete(msg.batch);
    try {
      this.deps.done({ ops: msg.ops, facts: msg.facts });
    } finally {
      waiter?.resolve(msg.failed);
    }
  }

  private fail(err: Error): void {
    if (!this.gone && this.waiting.size > 0)
      this.deps.logger.error(
        { err: err.message },
        'the processing worker stopped; the service reads and answers the messages itself from now on',
      );
    this.gone ??= err;
    for (const waiter of this.waiting.values()) waiter.reject(err);
    this.waiting.clear();
  }
}

/**
 * The compiled service (`dist/`) starts the entry as it is. Under tsx (`npm run dev`, tests,
 * benchmarks) the entry is TypeScript, and a worker does not inherit tsx's loader (`--import tsx`
 * in `execArgv` does not reach it on Node 20): the worker registers it first, then imports the entry.
 */
function startWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsxApi = createRequire(entry)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * The worker's end: processes each batch of ids with the worker's own bot (one transaction per
 * message, as in the service), then answers with what the service must do after the commits.
 * `close` runs on `stop` (close the database), after the batch in progress.
 */
export function serveProcessing(
  port: MessagePort,
  parts: { bot: ReleaseBot; afterBatch(): AfterBatch; close(): void },
): void {
  let chain = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    chain = chain.then(async () => {
      if (msg.kind === 'stop') {
        parts.close();
        port.close();
        return;
      }
      const failed = await parts.bot.processStored(msg.ids);
      port.postMessage({ kind: 'done', batch: msg.batch, failed, ...parts.afterBatch() } satisfies FromWorker);
    });
  });
}
