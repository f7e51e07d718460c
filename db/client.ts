/**
 * Opens the SQLite database with the pragmas the service relies on: WAL (readers never block the
 * writer), durable commits, foreign keys on, a busy timeout so a second process (the CLI) waits instead of failing.
 *
 *   const db = openDatabase('./data/release-bot.sqlite');
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';
import { closeWalSync } from './wal-sync.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The database could not be opened; `code` says why, `path` which file (the messages in src/i18n name the fix). */
export class DatabaseOpenError extends Error {
  constructor(
    readonly code: 'DATABASE_MISSING' | 'DATABASE_UNWRITABLE',
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${code}: ${path}: ${reason}`);
    this.name = 'DatabaseOpenError';
  }
}

/**
 * `mustExist`: a command that only reads (status, reminders, export) never creates an empty database —
 * it fails with DATABASE_MISSING instead, so a wrong path is noticed rather than answered "no releases".
 */
export function openDatabase(path: string, opts: { mustExist?: boolean; synchronous?: 'FULL' | 'NORMAL' } = {}): Db {
  if (path !== ':memory:' && opts.mustExist && !existsSync(path))
    throw new DatabaseOpenError('DATABASE_MISSING', path, 'no such file');
  let sqlite: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path, opts.mustExist ? { fileMustExist: true } : {});
    sqlite.pragma('journal_mode = WAL');
  } catch (err) {
    throw new DatabaseOpenError('DATABASE_UNWRITABLE', path, err instanceof Error ? err.message : String(err));
  }
  // FULL: a commit is on disk when it returns. The ack path and the outbox's marks commit without the
  // fsync and wait for it off the event loop instead (db/wal-sync.ts): a message is acknowledged only
  // once it is on disk either way.
  // NORMAL only for the processing worker's connection (src/main.ts, runProcessingWorker): see there.
  sqlite.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // A burst re-run after one of its reminders failed fires each in its own savepoint (jobs/fire.ts):
  // keep their statement journals in memory, not in temp files.
  sqlite.pragma('temp_store = MEMORY');
  return drizzle(sqlite, { schema }) as Db;
}

export function closeDatabase(db: Db): void {
  closeWalSync(db.$client);
  if (db.$client.open) db.$client.close();
}
