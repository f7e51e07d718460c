/**
 * Opens the SQLite database with the pragmas the service relies on: WAL (readers never block the
 * writer), durable commits, foreign keys on, a busy timeout so a second process (the CLI) waits instead of failing.
 *
 *   const db = openDatabase('./data/release-bot.sqlite');
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a message is acknowledged to the platform only once stored, so the commit must survive a power cut too.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Each reminder of a burst fires in its own savepoint: keep their statement journals in memory, not in temp files.
  sqlite.pragma('temp_store = MEMORY');
  return drizzle(sqlite, { schema }) as Db;
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}
