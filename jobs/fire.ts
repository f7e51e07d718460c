/**
 * How a reminder fires — the one path, all of it in this file.
 *
 * Every reminder is a row in SQLite and a BullMQ delayed job. Two things notice that it is due:
 *
 *   1. its BullMQ job arrives at the worker        → `FireBatcher.fire(id, dueAt)`
 *   2. the worker's alarm wakes at the due time     → `DueAlarm` → `FireBatcher.sweepNow()`
 *      (BullMQ needs 100–250 ms to promote a burst of 10,000 delayed jobs; the alarm does not wait)
 *
 * Both end in the same function, `fireBatch`: ONE SQLite transaction that reads the batch's rows in
 * one statement (a reminder whose release an earlier firing of the batch touched is re-read alone)
 * and fires each by `ReminderFirer.fireOne` (src/reminders/firing.ts: what the reminder says, its
 * outbox row, its follow-ups, the row marked sent). Whichever comes second finds the row sent and
 * sends nothing — so a reminder due through its job and through the sweep fires once. After a
 * commit: `planner.flush(scheduler)` turns the follow-ups into BullMQ jobs; each firing published
 * `reminder.due`, whose subscriber (src/main.ts) kicks the outbox.
 *
 *   job ─► FireBatcher.fire ─┐  jobs arriving in one event-loop turn share one call (one commit)
 *                            ├─► fire(requests) ─► transaction { fireOne(id, dueAt) for each }
 *   alarm ─► sweepNow ───────┘  the reminders due now, `limit` per call, for up to `budgetMs`
 *
 * A reminder that throws is rolled back alone (the batch is re-run with a savepoint per reminder);
 * its own job retries it with backoff, and sweeps leave it alone for `SWEEP_SKIP_MS`. A lost alarm
 * (a crash, a reminder another process scheduled) costs lateness, never a reminder: the job still comes.
 *
 *   const batcher = new FireBatcher({ firer, store, clock }, { limit: SWEEP_LIMIT, failed: log });
 *   const alarm = new DueAlarm({ batcher, clock, flush: () => planner.flush(scheduler), failed: log });
 *   await batcher.fire('due-1-1d', job.data.dueAt);   // 'sent' | 'skipped:…'
 */
import type { Clock } from '../src/ports.js';
import type { FireOutcome, Prefetched, ReminderFirer } from '../src/reminders/firing.js';
import type { Reminder } from '../src/release/model.js';
import type { ReleaseStore } from '../src/release/store.js';

/** One due reminder to fire: its id and the due time its job carries. */
export interface FireRequest {
  id: string;
  dueAt: string;
}

/** What one request came to: an outcome, or the error that rolled it (alone) back. */
export type FireResult = { ok: true; outcome: FireOutcome } | { ok: false; error: unknown };

/** One reminder fired, and what came of it. */
export interface SweptFiring {
  request: FireRequest;
  result: FireResult;
}

export interface FiringDeps {
  firer: Pick<ReminderFirer, 'fireOne' | 'prefetch'>;
  store: Pick<ReleaseStore, 'transaction' | 'dueReminders' | 'remindersByIds' | 'nextScheduled'>;
  clock: Clock;
}

/**
 * THE firing path: fires `requests` in one transaction (one commit for the lot: the commit is most
 * of a firing's cost). Inside it the batch's rows are re-read in one statement and its releases'
 * contexts in two or three (`ReminderFirer.prefetch`); a reminder whose release an earlier firing of
 * the batch touched is re-read alone, since that firing may have sent, cancelled or moved it. When
 * one throws, the transaction rolls back and the lot is fired again with a savepoint per reminder,
 * so only the one that threw fails and the others commit. The planner's follow-ups of rolled-back
 * firings are dropped at `flush`, which checks them against the rows.
 *
 *   fire(deps, [{ id: 'due-1-1d', dueAt }]);  // [{ ok: true, outcome: 'sent' }]
 */
export function fire(deps: Pick<FiringDeps, 'firer' | 'store'>, requests: readonly FireRequest[]): FireResult[] {
  return fireBatch(deps, () => {
    const rows = deps.store.remindersByIds([...new Set(requests.map((r) => r.id))]);
    return { requests, rows, prefetched: deps.firer.prefetch(rows) };
  }).results;
}

/** A batch as read inside its transaction: what to fire, the rows read for it, and their releases' contexts. */
interface BatchRead {
  requests: readonly FireRequest[];
  rows: readonly Reminder[];
  prefetched?: Prefetched;
}

/** `read` runs inside the transaction (again, if the batch is re-run with savepoints): the batch and the rows it fires with. */
function fireBatch(
  deps: Pick<FiringDeps, 'firer' | 'store'>,
  read: () => BatchRead,
): { requests: readonly FireRequest[]; results: FireResult[] } {
  const { firer, store } = deps;
  let requests: readonly FireRequest[] = [];
  const fireAll = (each: (fireOne: () => FireOutcome) => FireResult): FireResult[] => {
    const batch = read();
    requests = batch.requests;
    const rows = new Map(batch.rows.map((r) => [r.id, r]));
    // The releases an earlier firing of this batch touched: their reminders are re-read, not taken from `rows`.
    const touched = new Set<number | null>();
    return batch.requests.map((r) => {
      const row = rows.get(r.id);
      const fresh = row && !touched.has(row.releaseId) ? row : undefined;
      if (row) touched.add(row.releaseId);
      return each(() => firer.fireOne(r.id, r.dueAt, batch.prefetched, fresh));
    });
  };
  try {
    const results = store.transaction(() => fireAll((one) => ({ ok: true, outcome: one() })));
    return { requests, results };
  } catch {
    const results = store.transaction(() =>
      fireAll((one): FireResult => {
        try {
          return { ok: true, outcome: store.transaction(one) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    return { requests, results };
  }
}

/**
 * The reminders due by now (oldest first, at most `limit`, leaving out `skip`: ones whose firing
 * just failed, left to their own jobs), fired by `fire` — each exactly as its own job would. They
 * are read inside the firing transaction, so the rows read are the rows fired with.
 *
 *   sweepDue(deps, 500);  // [{ request: { id, dueAt }, result: { ok: true, outcome: 'sent' } }, …]
 */
export function sweepDue(
  deps: FiringDeps,
  limit: number,
  skip: ReadonlySet<string> = new Set(),
  opts: { prefetch?: boolean } = {},
): SweptFiring[] {
  const { requests, results } = fireBatch(deps, () => {
    const rows = deps.store
      .dueReminders(deps.clock.now().toISOString(), limit + skip.size)
      .filter((r) => !skip.has(r.id))
      .slice(0, limit);
    return {
      requests: rows.map((r) => ({ id: r.id, dueAt: r.dueAt })),
      rows,
      // The batch's contexts read in one go: a sweep of 500 pays ~a third less than reading them per reminder (bench -- reminder-sql).
      ...(opts.prefetch === false ? {} : { prefetched: deps.firer.prefetch(rows) }),
    };
  });
  return requests.map((request, i) => ({
    request,
    result: results[i] ?? { ok: false, error: new Error(`Reminder ${request.id} got no firing result.`) },
  }));
}

/** Due reminders fired per sweep call: large enough to amortise the commit, small enough to commit often. */
export const SWEEP_LIMIT = 500;
/** How long one batch's sweeps may hold the event loop before the jobs waiting behind it run. */
export const SWEEP_BUDGET_MS = 200;
/** A reminder whose firing failed in a sweep is left to its own job (retried with backoff) this long. */
export const SWEEP_SKIP_MS = 5 * 60_000;

export interface SweepOptions {
  /** Reminders per sweep call; 0 turns sweeping off (only the jobs' own reminders fire). */
  limit: number;
  /** Sweep calls follow each other while reminders are due, for up to this long (default `SWEEP_BUDGET_MS`). */
  budgetMs?: number;
  /** After a commit (synchronously); `sent` = how many went to the outbox (the outbox kick is `reminder.due`'s). */
  committed?: (sent: number) => void;
  /** A commit failed, or one reminder failed (`id`): the reminders' own jobs still fire them. */
  failed: (error: unknown, id?: string) => void;
  /** Every firing, as committed, and who asked for it: the jobs' batch or a sweep (metrics, the benchmark, tests). */
  fired?: (by: 'jobs' | 'sweep', firings: readonly SweptFiring[]) => void;
}

interface Waiting {
  request: FireRequest;
  resolve: (outcome: FireOutcome) => void;
  reject: (error: unknown) => void;
}

const NO_SWEEP: SweepOptions = { limit: 0, failed: () => {} };

/**
 * The jobs' side: firings requested in the same turn of the event loop (the worker runs many jobs
 * at once) go to `fire` together, and each job's promise settles after that commit — a job is
 * completed in Redis only once its row is committed; one that threw fails alone and BullMQ retries
 * it. After each batch it sweeps (`sweepNow`) before the batch's jobs resume, so their
 * `planner.flush` also schedules the swept reminders' follow-ups.
 */
export class FireBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;
  /** Reminder id → until when sweeps leave it to its own job (its firing failed in a sweep). */
  private readonly failing = new Map<string, number>();

  constructor(
    private readonly deps: FiringDeps,
    private readonly sweep: SweepOptions = NO_SWEEP,
  ) {}

  fire(id: string, dueAt: string): Promise<FireOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id, dueAt }, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.run());
    });
  }

  private run(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0);
    try {
      const results = fire(
        this.deps,
        batch.map((w) => w.request),
      );
      this.sweep.fired?.(
        'jobs',
        batch.map((w, i) => ({ request: w.request, result: results[i] ?? { ok: false, error: undefined } })),
      );
      batch.forEach((w, i) => {
        const result = results[i];
        if (result?.ok) w.resolve(result.outcome);
        else
          w.reject(
            result ? result.error : new Error(`Reminder ${w.request.id} got no firing result; the job is retried.`),
          );
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch was written, so every job is retried.
      for (const w of batch) w.reject(error);
    }
    // Resolving only queued the jobs' continuations: they run after these sweeps have committed.
    this.sweepNow();
  }

  /**
   * Fires the reminders already due, one `sweepDue` after another, for up to the time budget: how
   * many it found, and whether it stopped with more still due (call again after other work had its turn).
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
    return this.deps.store.nextScheduled(this.failing.size + 1).find((r) => !this.failing.has(r.id))?.dueAt;
  }

  private forgetExpiredFailures(now: number): void {
    for (const [id, until] of this.failing) if (until <= now) this.failing.delete(id);
  }

  /** One `sweepDue`; returns how many due reminders it found (0 when its commit failed). */
  private sweepOnce(): number {
    const now = Date.now();
    this.forgetExpiredFailures(now);
    try {
      const swept = sweepDue(this.deps, this.sweep.limit, new Set(this.failing.keys()));
      for (const { request, result } of swept) {
        if (result.ok) continue;
        this.failing.set(request.id, now + SWEEP_SKIP_MS);
        this.sweep.failed(result.error, request.id);
      }
      if (swept.length > 0) {
        this.sweep.fired?.('sweep', swept);
        this.sweep.committed?.(swept.filter((s) => s.result.ok && s.result.outcome === 'sent').length);
      }
      return swept.length;
    } catch (error) {
      this.sweep.failed(error);
      return 0;
    }
  }
}

/** The alarm re-reads the next due time at least this often: reminders other processes scheduled. */
export const ALARM_MAX_SLEEP_MS = 60_000;
/** After a wake that fired nothing while a reminder is due (its sweep failed), wait this long before the next. */
export const ALARM_RETRY_MS = 1_000;

export interface DueAlarmOptions {
  batcher: Pick<FireBatcher, 'sweepNow' | 'nextDue'>;
  clock: Clock;
  /** Makes the follow-ups the sweeps planned (next nudges, escalations) into jobs: `planner.flush(scheduler)`. */
  flush: () => Promise<void>;
  /** Reading the next due time or a wake failed (SQLite unreadable, say); the alarm tries again in a while. */
  failed: (error: unknown) => void;
  maxSleepMs?: number;
}

/**
 * The alarm's side: a timer at the next due time SQLite holds; when it goes off, `sweepNow` until
 * nothing is due (yielding between time budgets so requests and jobs get their turn), then flush.
 *
 *   alarm.start();
 *   alarm.scheduled(reminder.dueAt);  // after the scheduler queued a job: wake earlier if need be
 *   await alarm.close();
 */
export class DueAlarm {
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer goes off (ms since the epoch, by the clock); undefined while disarmed or waking. */
  private armedFor: number | undefined;
  private waking: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly opts: DueAlarmOptions) {}

  start(): void {
    this.arm();
  }

  /** A reminder was scheduled for `dueAt` (this process's scheduler): wakes then if that is earlier than the alarm. */
  scheduled(dueAt: string): void {
    if (this.closed || this.waking || this.armedFor === undefined) return;
    if (Date.parse(dueAt) < this.armedFor) this.arm();
  }

  /** Stops the alarm; waits for a wake in progress (its sweeps have committed; its flush finishes). */
  async close(): Promise<void> {
    this.closed = true;
    this.disarm();
    await this.waking;
  }

  private arm(minDelayMs = 0): void {
    this.disarm();
    if (this.closed) return;
    const maxSleep = this.opts.maxSleepMs ?? ALARM_MAX_SLEEP_MS;
    const now = this.opts.clock.now().getTime();
    let next: string | undefined;
    let floor = minDelayMs;
    try {
      next = this.opts.batcher.nextDue();
    } catch (error) {
      this.opts.failed(error);
      floor = Math.max(floor, ALARM_RETRY_MS);
    }
    const delay = Math.min(maxSleep, Math.max(floor, next === undefined ? maxSleep : Date.parse(next) - now));
    this.armedFor = now + delay;
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }

  private wake(): void {
    this.disarm();
    this.waking = this.sweepAll()
      .catch((error: unknown) => {
        this.opts.failed(error);
        this.arm(ALARM_RETRY_MS);
      })
      .finally(() => {
        this.waking = undefined;
      });
  }

  private async sweepAll(): Promise<void> {
    let swept = 0;
    let more = true;
    while (more && !this.closed) {
      const round = this.opts.batcher.sweepNow();
      swept += round.swept;
      more = round.more;
      if (more) await new Promise((resolve) => setImmediate(resolve));
    }
    await this.opts.flush();
    const next = this.opts.batcher.nextDue();
    const stillDue = next !== undefined && Date.parse(next) <= this.opts.clock.now().getTime();
    // A reminder still due after the sweeps is one they could not fire (SQLite busy, say): retry in a while, not at once.
    this.arm(stillDue && swept === 0 ? ALARM_RETRY_MS : 0);
  }
}
