/**
 * Seeds a bench database in its own process: `count` clients, each with an open release (every
 * checklist item) and a bound local thread. The benchmark that measures a process's memory runs it
 * first, so the measured process opens a database that already holds its releases, as the service
 * does — the seed's own allocations are not counted against it.
 *
 *   node --import tsx bench/seed-releases.ts /tmp/bench.sqlite 10000
 */
import { closeDatabase, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createStore } from '../db/store.js';
import { ITEM_KEYS } from '../src/checklist/types.js';

export function seedReleases(path: string, count: number): void {
  const db = openDatabase(path);
  runMigrations(db);
  const store = createStore(db);
  const at = new Date().toISOString();
  store.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const client = store.createClient({ name: `Client ${i}`, locale: i % 2 ? 'zh' : 'en', timezone: 'Asia/Shanghai', at });
      store.createRelease({ clientId: client.id, pmUser: 'local:pm', targetDate: '2030-01-01', keys: ITEM_KEYS, at });
      store.bindThread({ clientId: client.id, platform: 'local', channel: `c${i}`, kind: 'local', at });
    }
  });
  closeDatabase(db);
}

const [path, count] = process.argv.slice(2);
if (path && count && process.argv[1]?.endsWith('seed-releases.ts')) seedReleases(path, Number(count));
