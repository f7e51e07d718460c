/**
 * The worker's own alarm at the next due time SQLite holds. Each reminder is a BullMQ delayed job,
 * and that job is what guarantees it fires (retried with backoff, re-created by the reconciler) —
 * but BullMQ hands over a delayed job only after promoting it, and promoting a burst of 10,000 takes
 * 100–250 ms before the first one arrives. The alarm sweeps at the due instant instead: the reminders
 * are fired by the same `FireBatcher` sweeps (one transaction re-reads, sends and marks each, so the
 * jobs that arrive later find them sent), then the planner's follow-ups are flushed to BullMQ. It is
 * only a head start: a lost alarm (a crash, a reminder another process scheduled) costs lateness,
 * never a reminder.
 *
 *   const alarm = new DueAlarm({ batcher, clock, flush: () => planner.flush(scheduler), failed: log });
 *   alarm.start();
 *   alarm.scheduled(reminder.dueAt);  // after the scheduler queued a job: wake earlier if need be
 *   await alarm.close();
 */
import type { Clock } from '../src/ports.js';
import type { FireBatcher } from './fire-batcher.js';

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

  /** Sweeps while reminders are due, yielding between time budgets so requests and jobs get their turn. */
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
