/**
 * Start-up reconciliation: SQLite is the source of truth, Redis may have lost everything (it runs
 * without persistence). Every `scheduled` reminder row gets its job back with its ORIGINAL due time
 * (already due ⇒ runs now, and the firer moves a late client-facing one outside business hours to the
 * next opening); due-date warnings of open releases are (re)planned first.
 *
 *   const restored = await reconcileReminders({ store, planner, scheduler, clock });
 */
import type { Clock, Scheduler } from '../src/ports.js';
import type { ReminderPlanner } from '../src/reminders/planner.js';
import type { ReleaseStore } from '../src/release/store.js';

export interface ReconcileDeps {
  store: ReleaseStore;
  planner: ReminderPlanner;
  scheduler: Scheduler;
  clock: Clock;
}

/** Returns how many scheduled reminders were checked against Redis. */
export async function reconcileReminders(deps: ReconcileDeps): Promise<number> {
  const { store, planner, scheduler, clock } = deps;
  store.transaction(() => {
    for (const release of store.listOpenReleases()) planner.planDueDates(release, clock.now());
  });
  await planner.flush(scheduler);
  const scheduled = store.scheduledReminders();
  for (const reminder of scheduled) await scheduler.schedule(reminder);
  return scheduled.length;
}
