/**
 * Group commit for the reminder worker: firings requested in the same turn of the event loop (the
 * worker runs many jobs at once) go to SQLite as one `firer.fireAll` transaction, and each job's
 * promise settles after that commit. A job is completed in Redis only once its row is committed;
 * one that threw fails alone and BullMQ retries it. After each batch it sweeps: the OTHER reminders
 * already due are fired `limit` per transaction (`firer.sweepDue`), one transaction after another
 * for up to `budgetMs`, in the same turn, before the batch's jobs resume — so their `planner.flush`
 * also schedules the swept reminders' follow-ups, and a closing worker waits for it. A burst is then
 * fired by its first jobs' sweeps, and the jobs that follow find their rows sent. The budget bounds
 * how long other work (HTTP requests, the outbox) waits; the next batch of the burst's jobs goes on.
 *
 *   const batcher = new FireBatcher(firer, { limit: 1000, committed: (sent) => sent && outbox.kick(), failed: log });
 *   const outcome = await batcher.fire('due-1-1d', job.data.dueAt);  // 'sent' | 'skipped:…'
 */
import type { FireOutcome, FireRequest, ReminderFirer } from '../src/reminders/firing.js';

/** Due reminders fired per sweep transaction: large enough to amortise the commit, small enough to commit often. */
export const SWEEP_LIMIT = 500;
/** How long one batch's sweeps may hold the event loop before the jobs waiting behind it run. */
export const SWEEP_BUDGET_MS = 200;

export interface SweepOptions {
  /** Reminders per sweep transaction; 0 turns sweeping off. */
  limit: number;
  /** Sweep transactions follow each other while reminders are due, for up to this long (default `SWEEP_BUDGET_MS`). */
  budgetMs?: number;
  /** After a sweep committed (synchronously; e.g. kick the outbox); `sent` = how many went to the outbox. */
  committed: (sent: number) => void;
  /** A sweep's commit failed, or one swept reminder failed (`id`): the reminders' own jobs still fire them. */
  failed: (error: unknown, id?: string) => void;
}

/** A reminder whose firing failed in a sweep is left to its own job (retried with backoff) this long. */
export const SWEEP_SKIP_MS = 5 * 60_000;

interface Waiting {
  request: FireRequest;
  resolve: (outcome: FireOutcome) => void;
  reject: (error: unknown) => void;
}

const NO_SWEEP: SweepOptions = { limit: 0, committed: () => {}, failed: () => {} };

export class FireBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;
  /** Reminder id → until when sweeps leave it to its own job (its firing failed in a sweep). */
  private readonly failing = new Map<string, number>();

  constructor(
    private readonly firer: Pick<ReminderFirer, 'fireAll' | 'sweepDue' | 'nextDue'>,
    private readonly sweep: SweepOptions = NO_SWEEP,
  ) {}

  fire(id: string, dueAt: string): Promise<FireOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id, dueAt }, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0);
    this.fireWaiting(batch);
    // Resolving only queued the jobs' continuations: they run after these sweeps have committed.
    this.sweepNow();
  }

  /**
   * Fires the reminders already due, one sweep transaction after another, for up to the time budget:
   * how many it found, and whether it stopped with more still due (call again after other work had its turn).
   *
   *   while (batcher.sweepNow().more) await new Promise(setImmediate);
   */
  sweepNow(): { swept: number; more: boolean } {
    let swept = 0;
    if (this.sweep.limit <= 0) return { swept, more: false };
    const until = performance.now() + (this.sweep.budgetMs ?? SWEEP_BUDGET_MS);
    for (;;) {
      const found = this.sweepOnce();
      swept += found;
      if (found < this.sweep.limit) return { swept, more: false };
      if (performance.now() >= until) return { swept, more: true };
    }
  }

  /** When the next reminder a sweep would fire is due (reminders failing in sweeps are left out). */
  nextDue(): string | undefined {
    this.forgetExpiredFailures(Date.now());
    return this.firer.nextDue(new Set(this.failing.keys()));
  }

  private forgetExpiredFailures(now: number): void {
    for (const [id, until] of this.failing) if (until <= now) this.failing.delete(id);
  }

  private fireWaiting(batch: Waiting[]): void {
    try {
      const results = this.firer.fireAll(batch.map((w) => w.request));
      batch.forEach((w, i) => {
        const result = results[i];
        if (result?.ok) w.resolve(result.outcome);
        else w.reject(result ? result.error : new Error(`Reminder ${w.request.id} got no firing result; the job is retried.`));
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch was written, so every job is retried.
      for (const w of batch) w.reject(error);
    }
  }

  /** One sweep transaction; returns how many due reminders it found (0 when its commit failed). A swept reminder that threw stays scheduled; its own job retries it. */
  private sweepOnce(): number {
    const now = Date.now();
    this.forgetExpiredFailures(now);
    try {
      const swept = this.firer.sweepDue(this.sweep.limit, new Set(this.failing.keys()));
      for (const { request, result } of swept) {
        if (result.ok) continue;
        this.failing.set(request.id, now + SWEEP_SKIP_MS);
        this.sweep.failed(result.error, request.id);
      }
      if (swept.length > 0) this.sweep.committed(swept.filter((s) => s.result.ok && s.result.outcome === 'sent').length);
      return swept.length;
    } catch (error) {
      this.sweep.failed(error);
      return 0;
    }
  }
}
