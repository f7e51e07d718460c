/**
 * `ReleaseStore` over SQLite with drizzle, composed from one module per concept in `db/store/`.
 * Synchronous on purpose: better-sqlite3 transactions must not await (an async callback would
 * commit before its awaits run), so the core does its I/O to platforms outside `transaction()` and
 * only database work inside. Statements on hot paths (reminder firing, the outbox) are prepared
 * once per store: building a drizzle query costs more than running it.
 *
 *   const store = createStore(openDatabase('./data/release-bot.sqlite'));
 *   store.transaction(() => store.setReminderState('due-1-1d', 'sent', at));
 */
import type { ReleaseStore } from '../src/release/store.js';
import type { Db } from './client.js';
import { walSyncOf } from './wal-sync.js';
import { inWriteTurn, inWriteTurnAsync } from './write-turns.js';
import { clientStore } from './store/clients.js';
import { contactStore } from './store/contacts.js';
import { contextStore } from './store/contexts.js';
import { eventStore } from './store/events.js';
import { itemStore } from './store/items.js';
import { linkStore } from './store/links.js';
import { outboxStore } from './store/outbox.js';
import { reminderStore } from './store/reminders.js';
import { statusQuery } from './store/status.js';
import { threadStore } from './store/threads.js';

export { nameKey } from './store/clients.js';

export function createStore(db: Db): ReleaseStore {
  const sqlite = db.$client;
  const status = statusQuery(sqlite);
  // What to run after the outermost commit; a savepoint that throws drops what it queued.
  let depth = 0;
  let queued: (() => void)[] = [];
  const wal = walSyncOf(sqlite);
  const transaction = <T>(fn: () => T, opts?: { durable?: 'now' | 'later' }): T => {
    const mark = queued.length;
    depth += 1;
    let result: T;
    try {
      // IMMEDIATE: the write lock is taken at BEGIN, so a second writer (the processing worker, the
      // CLI) makes this one wait (busy_timeout) instead of failing with SQLITE_BUSY when a deferred
      // read upgrades to a write after the other committed. Nested calls are savepoints either way.
      // In its write turn (db/write-turns.ts): the service does not sleep in SQLite's busy handler.
      // `durable: 'later'`: the commit takes no fsync here (db/wal-sync.ts); `durable()` waits for one.
      const run = () => sqlite.transaction(fn).immediate();
      result = inWriteTurn(sqlite, () => (depth === 1 && opts?.durable === 'later' ? wal.deferred(run) : run()));
    } catch (err) {
      queued.length = mark;
      throw err;
    } finally {
      depth -= 1;
    }
    if (depth === 0 && queued.length > 0) {
      const run = queued;
      queued = [];
      for (const f of run) f();
    }
    return result;
  };
  const base: ReleaseStore = {
    transaction,
    durable: () => wal.synced(),
    transactionAsync: async (fn, opts) => {
      const result = await inWriteTurnAsync(sqlite, () => transaction(fn, { durable: 'later' }));
      if (opts?.durable !== 'later') await wal.synced();
      return result;
    },
    afterCommit: (fn) => {
      if (depth === 0) fn();
      else queued.push(fn);
    },
    ...clientStore(db),
    ...contactStore(db),
    ...threadStore(db),
    ...contextStore(db),
    ...itemStore(db),
    ...eventStore(db),
    ...reminderStore(db),
    ...outboxStore(db),
    ...linkStore(db),
    statusRows: (filter) => status.rows(filter?.clientId),
  };
  return { ...base, ...reportStatusChanges(base, status.changed) };
}

/**
 * The writes that change what the status overview shows tell its cache which release they touched,
 * so the overview reads only those again. A write rolled back afterwards only costs one extra read.
 */
function reportStatusChanges(store: ReleaseStore, changed: (releaseId: number) => void): Partial<ReleaseStore> {
  const release = (id: number | null | undefined): void => {
    if (id !== null && id !== undefined) changed(id);
  };
  return {
    // A new client has no release yet; its name and locale show in its open release's row.
    updateClient: (id, patch) => (release(store.openReleaseOf(id)?.id), store.updateClient(id, patch)),
    createRelease: (input) => {
      const created = store.createRelease(input);
      changed(created.id);
      return created;
    },
    updateRelease: (id, patch) => (changed(id), store.updateRelease(id, patch)),
    updateItem: (releaseId, key, patch, at) => (release(releaseId), store.updateItem(releaseId, key, patch, at)),
    appendEvent: (e) => (release(e.releaseId), store.appendEvent(e)),
    recordInbound: (e) => (release(e.releaseId), store.recordInbound(e)),
    markProcessed: (eventId, releaseId) => (release(releaseId), store.markProcessed(eventId, releaseId)),
    upsertReminder: (r) => (release(r.releaseId), store.upsertReminder(r)),
    setReminderState: (id, state, at) => {
      const releaseId = store.setReminderState(id, state, at);
      release(releaseId);
      return releaseId;
    },
  };
}
