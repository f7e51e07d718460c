/**
 * The core's `Scheduler` port over a BullMQ queue: a stored reminder becomes a delayed job whose
 * id is the reminder id plus its due time (`reminderJobId`) and whose delay is `dueAt − clock.now()`
 * (0 when already due). Idempotent: scheduling the same reminder twice keeps one job. A new due time
 * is a new job, so it is queued even while the old one is running (a running job cannot be replaced);
 * the old one, if it still runs, finds the due time moved and sends nothing.
 *
 *   const scheduler = new BullScheduler(queue, clock);
 *   await scheduler.schedule(reminder);
 *   await scheduler.cancel(reminder.id, oldDueAt);
 */
import type { Queue } from 'bullmq';
import type { Clock, Scheduler } from '../src/ports.js';
import type { Reminder } from '../src/release/model.js';
import { REMINDER_JOB_OPTIONS, type ReminderPayload, reminderJobId } from './queues.js';
import { isConnectionError, type RedisLink } from './redis-link.js';

export class BullScheduler implements Scheduler {
  constructor(
    readonly queue: Queue<ReminderPayload>,
    private readonly clock: Clock,
    /** Before a job is queued (the worker's alarm wakes earlier for it if need be, Redis or not). */
    private readonly onScheduled?: (reminder: Reminder) => void,
  ) {}

  async schedule(reminder: Reminder): Promise<void> {
    // First, before Redis: the alarm reads SQLite, so it fires the reminder on time even if Redis is down now.
    this.onScheduled?.(reminder);
    const jobId = reminderJobId(reminder.id, reminder.dueAt);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return;
      await existing.remove();
    }
    const delay = Math.max(0, new Date(reminder.dueAt).getTime() - this.clock.now().getTime());
    await this.queue.add(
      reminder.kind,
      { reminderId: reminder.id, dueAt: reminder.dueAt },
      { ...REMINDER_JOB_OPTIONS, jobId, delay },
    );
  }

  /**
   * Removes the job of `reminderId` due at `dueAt`, and one left under the bare reminder id by an
   * older version. Removing is tidiness only: the row says `cancelled` (or has moved), so a job that
   * still runs sends nothing — which is also why an active (locked) job is left alone.
   */
  async cancel(reminderId: string, dueAt?: string): Promise<void> {
    const ids = dueAt ? [reminderJobId(reminderId, dueAt), reminderId] : [reminderId];
    for (const id of ids) {
      const job = await this.queue.getJob(id);
      if (job && (await job.getState()) !== 'active') await job.remove();
    }
  }
}

/**
 * The scheduler the service uses: while Redis is unreachable it makes no Redis call at all (the row
 * is stored; the worker's alarm still fires it from SQLite and the reconciler re-creates its job
 * when Redis is back), and a connection error is the link's news, not a failure of the command.
 *
 *   const scheduler = new LinkedScheduler(new BullScheduler(queue, clock, wake), link);
 */
export class LinkedScheduler implements Scheduler {
  constructor(
    readonly inner: BullScheduler,
    private readonly link: Pick<RedisLink, 'isReachable' | 'failed'>,
    /** Told of every reminder scheduled while Redis is down (the worker's alarm). */
    private readonly onSkipped?: (reminder: Reminder) => void,
  ) {}

  async schedule(reminder: Reminder): Promise<void> {
    if (!this.link.isReachable()) return this.onSkipped?.(reminder);
    await this.guard(() => this.inner.schedule(reminder));
  }

  async cancel(reminderId: string, dueAt?: string): Promise<void> {
    if (!this.link.isReachable()) return;
    await this.guard(() => this.inner.cancel(reminderId, dueAt));
  }

  private async guard(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      this.link.failed(error, { during: 'schedule' });
    }
  }
}
