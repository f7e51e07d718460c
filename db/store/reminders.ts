/**
 * Reminder rows, the source of truth BullMQ jobs mirror. Every firing reads and writes them inside
 * its transaction, so all of these are prepared once per store. The upsert is plain SQL because a
 * drizzle placeholder would store a null JSON payload as the text 'null' rather than NULL.
 *
 *   const store = { ...reminderStore(db), ... };
 *   store.setReminderState('due-1-1d', 'sent', at);
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Reminder } from '../../src/release/model.js';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toReminder } from './rows.js';

type ReminderMethods = Pick<ReleaseStore, 'upsertReminder' | 'getReminder' | 'setReminderState' | 'remindersOf' | 'scheduledReminders' | 'dueReminders' | 'nextScheduled'>;

/** A reminder row under its domain names, as the hot-path statements below read it (payload still JSON text). */
type RawReminder = Omit<Reminder, 'payload'> & { payload: string | null };
const REMINDER_COLUMNS = 'id, release_id AS releaseId, item_key AS itemKey, kind, due_at AS dueAt, state, payload, sent_at AS sentAt';
const fromRaw = (r: RawReminder): Reminder => ({
  id: r.id,
  releaseId: r.releaseId,
  itemKey: r.itemKey,
  kind: r.kind,
  dueAt: r.dueAt,
  state: r.state,
  payload: r.payload === null ? null : (JSON.parse(r.payload) as Record<string, unknown>),
  sentAt: r.sentAt,
});

/** Re-scheduling an existing id moves it and makes it due again; its release, item and kind stay. */
const UPSERT_SQL = `
  INSERT INTO reminders (id, release_id, item_key, kind, due_at, payload, state)
  VALUES (@id, @releaseId, @itemKey, @kind, @dueAt, @payload, 'scheduled')
  ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload, state = 'scheduled', sent_at = NULL`;

export function reminderStore(db: Db): ReminderMethods {
  const upsert = lazy(() => db.$client.prepare(UPSERT_SQL));
  // Every firing re-reads its row and every sweep reads a batch: plain SQL, without drizzle's per-row mapping.
  const byId = lazy(() => db.$client.prepare<[string], RawReminder>(`SELECT ${REMINDER_COLUMNS} FROM reminders WHERE id = ?`));
  // Returns the release id in the same statement: the status cache needs it, and a second read per fired reminder adds up.
  const setState = lazy(() => db.$client.prepare<{ id: string; state: string; sentAt: string | null }, number | null>('UPDATE reminders SET state = @state, sent_at = @sentAt WHERE id = @id RETURNING release_id').pluck());
  const ofRelease = lazy(() => db.select().from(s.reminders).where(eq(s.reminders.releaseId, sql.placeholder('releaseId'))).orderBy(asc(s.reminders.dueAt)).prepare());
  const ofReleaseInState = lazy(() =>
    db
      .select()
      .from(s.reminders)
      .where(and(eq(s.reminders.releaseId, sql.placeholder('releaseId')), eq(s.reminders.state, sql.placeholder('state'))))
      .orderBy(asc(s.reminders.dueAt))
      .prepare(),
  );
  // Served by the reminders_state_due index (state, due_at): no sort, stops after `limit` rows.
  const due = lazy(() =>
    db.$client.prepare<[string, number], RawReminder>(`SELECT ${REMINDER_COLUMNS} FROM reminders WHERE state = 'scheduled' AND due_at <= ? ORDER BY due_at LIMIT ?`),
  );
  // The same index, read from its start: the worker's alarm asks this after every burst.
  const next = lazy(() => db.$client.prepare<[number], { id: string; dueAt: string }>("SELECT id, due_at AS dueAt FROM reminders WHERE state = 'scheduled' ORDER BY due_at LIMIT ?"));
  const getReminder: ReminderMethods['getReminder'] = (id) => {
    const row = byId().get(id);
    return row && fromRaw(row);
  };
  return {
    upsertReminder: (r) => {
      const payload = r.payload == null ? null : JSON.stringify(r.payload);
      upsert().run({ id: r.id, releaseId: r.releaseId, itemKey: r.itemKey, kind: r.kind, dueAt: r.dueAt, payload });
      const stored = getReminder(r.id);
      if (!stored) throw new Error(`Reminder ${r.id} vanished right after its upsert; check for a concurrent delete of its release.`);
      return stored;
    },
    getReminder,
    setReminderState: (id, state, at) => setState().get({ id, state, sentAt: state === 'sent' ? at : null }),
    remindersOf: (releaseId, state) => (state ? ofReleaseInState().all({ releaseId, state }) : ofRelease().all({ releaseId })).map(toReminder),
    scheduledReminders: () =>
      db.select().from(s.reminders).where(eq(s.reminders.state, 'scheduled')).orderBy(asc(s.reminders.dueAt)).all().map(toReminder),
    dueReminders: (now, limit) => due().all(now, limit).map(fromRaw),
    nextScheduled: (limit) => next().all(limit),
  };
}
