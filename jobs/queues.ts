/**
 * Queue config as data: names, job options and payload schemas. A reminder job carries only the
 * reminder's id and the due time it was scheduled for; the worker re-reads everything else from
 * SQLite (the source of truth).
 *
 *   await queue.add('nudge', { reminderId: 'nudge-3-app_id-1', dueAt }, { ...REMINDER_JOB_OPTIONS, jobId: reminderJobId(id, dueAt) });
 */
import type { JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';

export const REMINDER_QUEUE = 'reminders';
export const DIGEST_QUEUE = 'digest';
export const DIGEST_SCHEDULER_ID = 'daily-digest';
/** 09:30 every day, in the agency's time zone; `sendDigests` sends only on working days of the calendar (make-up Saturdays too, not holidays). */
export const DIGEST_CRON = '30 9 * * *';
export const SECRET_CHECK_QUEUE = 'app-secret-check';
export const SECRET_CHECK_SCHEDULER_ID = 'daily-app-secret-check';
/**
 * 09:00 every day, agency time: before the digest, so a secret reset overnight is news by the first
 * coffee. The job runs only on working days of the calendar (make-up Saturdays too, not public
 * holidays or weekends), since it writes to clients.
 */
export const SECRET_CHECK_CRON = '0 9 * * *';

export const LAUNCH_CHECK_QUEUE = 'launch-check';
export const LAUNCH_CHECK_SCHEDULER_ID = 'hourly-launch-check';
/**
 * Five past every working hour (09:05–17:05), agency time: a release that turned at risk or late (or
 * back on track) is told to its PM once; `sendLaunchNotices` sends only on working days of the calendar.
 */
export const LAUNCH_CHECK_CRON = '5 9-17 * * *';

export const reminderPayload = z.object({
  reminderId: z.string().min(1),
  dueAt: z.iso.datetime(),
});
export type ReminderPayload = z.infer<typeof reminderPayload>;

/**
 * A reminder's job id for one due time. Each due time is its own job: a job that is running cannot
 * be replaced (BullMQ ignores `add` with the id of an active job), so a moved reminder gets a new id.
 *
 *   reminderJobId('nudge-3-app_id-1', '2026-11-26T02:00:00.000Z')  // 'nudge-3-app_id-1-1795658400000'
 */
export function reminderJobId(reminderId: string, dueAt: string): string {
  return `${reminderId}-${Date.parse(dueAt)}`;
}

export const REMINDER_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** A connection for BullMQ: workers block on Redis, so commands must wait for a reconnect, not fail. */
export function bullConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}
