/**
 * Applies the committed drizzle-kit migrations. A migration that rebuilds a table (SQLite's way to
 * alter a column) would delete child rows through ON DELETE CASCADE if foreign keys were on, so they
 * are switched off for the run and every reference is checked afterwards (`PRAGMA foreign_key_check`).
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export class MigrationError extends Error {
  readonly code = 'MIGRATION_BROKE_REFERENCES';
}

export function runMigrations(db: Db, migrationsFolder: string = MIGRATIONS_FOLDER): void {
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
