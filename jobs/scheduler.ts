/**
 * The core's `Scheduler` port over a BullMQ queue: a stored reminder becomes a delayed job whose
 * id is the reminder id and whose delay is `dueAt − clock.now()` (0 when already due).
 * Idempotent: scheduling the same reminder twice keeps one job; a new due time replaces the job.
 *
 *   const scheduler = new BullScheduler(queue, clock);
 *   await scheduler.schedule(reminder);
 */
import type { Queue } from 'bullmq';
import type { Clock, Scheduler } from '../src/ports.js';
import type { Reminder } from '../src/release/model.js';
import { REMINDER_JOB_OPTIONS, type ReminderPayload } from './queues.js';

export class BullScheduler implements Scheduler {
  constructor(
    readonly queue: Queue<ReminderPayload>,
    private readonly clock: Clock,
  ) {}

  async schedule(reminder: Reminder): Promise<void> {
    const existing = await this.queue.getJob(reminder.id);
    if (existing) {
      const state = await existing.getState();
      if (existing.data.dueAt === reminder.dueAt && state !== 'completed' && state !== 'failed') return;
      // An active job cannot be removed (it is locked); the worker re-reads the row and skips a moved due time.
      if (state !== 'active') await existing.remove();
    }
    const delay = Math.max(0, new Date(reminder.dueAt).getTime() - this.clock.now().getTime());
    await this.queue.add(reminder.kind, { reminderId: reminder.id, dueAt: reminder.dueAt }, { ...REMINDER_JOB_OPTIONS, jobId: reminder.id, delay });
  }

  async cancel(reminderId: string): Promise<void> {
    const job = await this.queue.getJob(reminderId);
    if (!job) return;
    // Removing is tidiness only: the row says `cancelled`, so a job that still runs sends nothing.
    if ((await job.getState()) !== 'active') await job.remove();
  }
}
