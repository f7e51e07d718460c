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
import { clientStore } from './store/clients.js';
import { eventStore } from './store/events.js';
import { itemStore } from './store/items.js';
import { outboxStore } from './store/outbox.js';
import { reminderStore } from './store/reminders.js';
import { statusQuery } from './store/status.js';
import { threadStore } from './store/threads.js';

export { nameKey } from './store/clients.js';

export function createStore(db: Db): ReleaseStore {
  const sqlite = db.$client;
  const statusRows = statusQuery(sqlite);
  return {
    transaction: <T>(fn: () => T): T => sqlite.transaction(fn)(),
    ...clientStore(db),
    ...threadStore(db),
    ...itemStore(db),
    ...eventStore(db),
    ...reminderStore(db),
    ...outboxStore(db),
    statusRows: (filter) => statusRows(filter?.clientId),
  };
}
