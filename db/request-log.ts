/**
 * Signed platform requests already run, by digest, for as long as their signature stays fresh: a
 * replay of the same signed bytes is recognised across restarts and across processes sharing the
 * database file. Rows live in `cursors` (small durable key/values) as `request:<digest>` → expiry;
 * each new claim deletes the expired ones, so the table holds at most one signature window's worth.
 *
 *   const log = sqliteRequestLog(db);
 *   log.claim(digest, expiresAt, now);   // true the first time, false for a replay
 */
import type { Db } from './client.js';

const PREFIX = 'request:';
/** The key just past every `request:` key (`;` follows `:`), for an index range scan. */
const PAST_PREFIX = 'request;';

export interface RequestLog {
  claim(digest: string, expiresAt: Date, now: Date): boolean;
  release(digest: string): void;
}

export function sqliteRequestLog(db: Db): RequestLog {
  const sqlite = db.$client;
  const expire = sqlite.prepare('DELETE FROM cursors WHERE name >= ? AND name < ? AND value < ?');
  const insert = sqlite.prepare('INSERT OR IGNORE INTO cursors (name, value, updated_at) VALUES (?, ?, ?)');
  const remove = sqlite.prepare('DELETE FROM cursors WHERE name = ?');
  const claim = sqlite.transaction((digest: string, expiresAt: Date, now: Date): boolean => {
    const at = now.toISOString();
    expire.run(PREFIX, PAST_PREFIX, at);
    return insert.run(`${PREFIX}${digest}`, expiresAt.toISOString(), at).changes === 1;
  });
  return {
    claim: (digest, expiresAt, now) => claim(digest, expiresAt, now),
    release: (digest) => void remove.run(`${PREFIX}${digest}`),
  };
}
