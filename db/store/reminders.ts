/**
 * Reminder rows, the source of truth BullMQ jobs mirror. Every firing reads and writes them inside
 * its transaction, so all of these are prepared once per store. Drizzle throughout: on the firing
 * path each statement is within 10% of the same plain SQL (`npm run bench -- reminder-sql`). The
 * upsert is plain SQL because a drizzle placeholder would store a null JSON payload as the text
 * 'null' rather than NULL.
 *
 *   const store = { ...reminderStore(db), ... };
 *   store.setReminderState('due-1-1d', 'sent', at);
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toReminder } from './rows.js';

type ReminderMethods = Pick<
  ReleaseStore,
  | 'upsertReminder'
  | 'getReminder'
  | 'setReminderState'
  | 'remindersOf'
  | 'scheduledReminders'
  | 'dueReminders'
  | 'remindersByIds'
  | 'nextScheduled'
>;

/** Re-scheduling an existing id moves it and makes it due again; its release, item and kind stay. */
const UPSERT_SQL = `
  INSERT INTO reminders (id, release_id, item_key, kind, due_at, payload, state)
  VALUES (@id, @releaseId, @itemKey, @kind, @dueAt, @payload, 'scheduled')
  ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload, state = 'scheduled', sent_at = NULL`;

export function reminderStore(db: Db): ReminderMethods {
  const upsert = lazy(() => db.$client.prepare(UPSERT_SQL));
  const byId = lazy(() =>
    db
      .select()
      .from(s.reminders)
      .where(eq(s.reminders.id, sql.placeholder('id')))
      .prepare(),
  );
  // Returns the release id in the same statement: the status cache needs it, and a second read per fired reminder adds up.
  const setState = lazy(() =>
    db
      .update(s.reminders)
      .set({ state: sql`${sql.placeholder('state')}`, sentAt: sql`${sql.placeholder('sentAt')}` })
      .where(eq(s.reminders.id, sql.placeholder('id')))
      .returning({ releaseId: s.reminders.releaseId })
      .prepare(),
  );
  const ofRelease = lazy(() =>
    db
      .select()
      .from(s.reminders)
      .where(eq(s.reminders.releaseId, sql.placeholder('releaseId')))
      .orderBy(asc(s.reminders.dueAt))
      .prepare(),
  );
  const ofReleaseInState = lazy(() =>
    db
      .select()
      .from(s.reminders)
      .where(
        and(eq(s.reminders.releaseId, sql.placeholder('releaseId')), eq(s.reminders.state, sql.placeholder('state'))),
      )
      .orderBy(asc(s.reminders.dueAt))
      .prepare(),
  );
  // Served by the reminders_state_due index (state, due_at): no sort, stops after `limit` rows.
  const due = lazy(() =>
    db
      .select()
      .from(s.reminders)
      .where(and(eq(s.reminders.state, 'scheduled'), lte(s.reminders.dueAt, sql.placeholder('now'))))
      .orderBy(asc(s.reminders.dueAt))
      .limit(sql.placeholder('limit'))
      .prepare(),
  );
  // A batch of jobs' reminders re-read in one statement inside their firing transaction (by primary key).
  const byIds = lazy(() =>
    db
      .select()
      .from(s.reminders)
      .where(sql`${s.reminders.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)
      .prepare(),
  );
  // The same index, read from its start: the worker's alarm asks this after every burst.
  const next = lazy(() =>
    db
      .select({ id: s.reminders.id, dueAt: s.reminders.dueAt })
      .from(s.reminders)
      .where(eq(s.reminders.state, 'scheduled'))
      .orderBy(asc(s.reminders.dueAt))
      .limit(sql.placeholder('limit'))
      .prepare(),
  );
  const getReminder: ReminderMethods['getReminder'] = (id) => {
    const row = byId().get({ id });
    return row && toReminder(row);
  };
  return {
    upsertReminder: (r) => {
      const payload = r.payload == null ? null : JSON.stringify(r.payload);
      upsert().run({ id: r.id, releaseId: r.releaseId, itemKey: r.itemKey, kind: r.kind, dueAt: r.dueAt, payload });
      const stored = getReminder(r.id);
      if (!stored)
        throw new Error(
          `Reminder ${r.id} vanished right after its upsert; check for a concurrent delete of its release.`,
        );
      return stored;
    },
    getReminder,
    setReminderState: (id, state, at) => setState().get({ id, state, sentAt: state === 'sent' ? at : null })?.releaseId,
    remindersOf: (releaseId, state) =>
      (state ? ofReleaseInState().all({ releaseId, state }) : ofRelease().all({ releaseId })).map(toReminder),
    scheduledReminders: () =>
      db
        .select()
        .from(s.reminders)
        .where(eq(s.reminders.state, 'scheduled'))
        .orderBy(asc(s.reminders.dueAt))
        .all()
        .map(toReminder),
    dueReminders: (now, limit) => due().all({ now, limit }).map(toReminder),
    remindersByIds: (ids) =>
      ids.length === 0
        ? []
        : byIds()
            .all({ ids: JSON.stringify(ids) })
            .map(toReminder),
    nextScheduled: (limit) => next().all({ limit }),
  };
}
