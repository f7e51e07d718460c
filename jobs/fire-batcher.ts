/**
 * Group commit for the reminder worker: firings requested in the same turn of the event loop (the
 * worker runs many jobs at once) go to SQLite as one `firer.fireAll` transaction, and each job's
 * promise settles after that commit. A job is completed in Redis only once its row is committed;
 * one that threw fails alone and BullMQ retries it.
 *
 *   const batcher = new FireBatcher(firer);
 *   const outcome = await batcher.fire('due-1-1d', job.data.dueAt);  // 'sent' | 'skipped:…'
 */
import type { FireOutcome, FireRequest, ReminderFirer } from '../src/reminders/firing.js';

interface Waiting {
  request: FireRequest;
  resolve: (outcome: FireOutcome) => void;
  reject: (error: unknown) => void;
}

export class FireBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly firer: Pick<ReminderFirer, 'fireAll'>) {}

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
}
