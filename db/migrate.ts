/**
 * Applies the committed drizzle-kit migrations. A migration that rebuilds a table (SQLite's way to
 * alter a column) would delete child rows through ON DELETE CASCADE if foreign keys were on, so they
 * are switched off for the run and every reference is checked afterwards (`PRAGMA foreign_key_check`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.js';

/** db/migrations beside this file, or — compiled into dist/db/ by `npm run build` — the project's db/migrations. */
export const MIGRATIONS_FOLDER =
  [new URL('./migrations', import.meta.url), new URL('../../db/migrations', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((folder) => existsSync(join(folder, 'meta', '_journal.json'))) ??
  fileURLToPath(new URL('./migrations', import.meta.url));

export class MigrationError extends Error {
  readonly code = 'MIGRATION_BROKE_REFERENCES';
}

/** The database was migrated by a newer release-bot than this checkout: running on it could lose data. */
export class DatabaseTooNewError extends Error {
  readonly code = 'DATABASE_TOO_NEW';
  constructor(
    readonly path: string,
    readonly applied: number,
    readonly known: number,
  ) {
    super(`DATABASE_TOO_NEW: ${path} has ${applied} migrations, this version knows ${known}`);
    this.name = 'DatabaseTooNewError';
  }
}

/** Throws DatabaseTooNewError when the database holds a migration later than the last one in the folder. */
function refuseNewer(db: Db, migrationsFolder: string): void {
  const sqlite = db.$client;
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return;
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const lastKnown = Math.max(0, ...journal.entries.map((e) => e.when));
  const row = sqlite.prepare('select count(*) as n, max(created_at) as last from __drizzle_migrations').get() as {
    n: number;
    last: number | null;
  };
  if (row.last !== null && Number(row.last) > lastKnown)
    throw new DatabaseTooNewError(sqlite.name, row.n, journal.entries.length);
}

export function runMigrations(db: Db, migrationsFolder: string = MIGRATIONS_FOLDER): void {
  refuseNewer(db, migrationsFolder);
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) {
      throw new MigrationError(
        `Migrations left ${broken.length} rows pointing at missing parents: ${JSON.stringify(broken.slice(0, 5))}`,
      );
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
