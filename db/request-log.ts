/**
 * Signed platform requests already run, by digest, for as long as their signature stays fresh: a
 * replay of the same signed bytes is recognised across restarts and across processes sharing the
 * database file. Rows live in `cursors` (small durable key/values) as `request:<digest>` → expiry;
 * each batch of claims deletes the expired ones, so the table holds at most one signature window's worth.
 * Claims made in the same tick are written in ONE transaction (one fsync for many requests under load).
 *
 *   const log = sqliteRequestLog(db);
 *   await log.claim(digest, expiresAt, now);   // true the first time, false for a replay
 */
import type { Db } from './client.js';
import { walSyncOf } from './wal-sync.js';
import { inWriteTurn, inWriteTurnAsync } from './write-turns.js';

const PREFIX = 'request:';
/** The key just past every `request:` key (`;` follows `:`), for an index range scan. */
const PAST_PREFIX = 'request;';

export interface RequestLog {
  claim(digest: string, expiresAt: Date, now: Date): Promise<boolean>;
  release(digest: string): void;
}

interface Claim {
  digest: string;
  expiresAt: Date;
  now: Date;
  resolve(first: boolean): void;
  reject(err: unknown): void;
}

export function sqliteRequestLog(db: Db): RequestLog {
  const sqlite = db.$client;
  const expire = sqlite.prepare('DELETE FROM cursors WHERE name >= ? AND name < ? AND value < ?');
  const insert = sqlite.prepare('INSERT OR IGNORE INTO cursors (name, value, updated_at) VALUES (?, ?, ?)');
  const remove = sqlite.prepare('DELETE FROM cursors WHERE name = ?');
  const claimAll = sqlite.transaction((claims: readonly Claim[]): boolean[] => {
    const oldest = claims.reduce((min, c) => (c.now < min ? c.now : min), claims[0]?.now ?? new Date());
    expire.run(PREFIX, PAST_PREFIX, oldest.toISOString());
    return claims.map(
      (c) => insert.run(`${PREFIX}${c.digest}`, c.expiresAt.toISOString(), c.now.toISOString()).changes === 1,
    );
  });
  // Durable later, never waited for: the message's own store is synced before its ack, and this
  // commit with it; a claim lost to a power cut only lets the same signed bytes in once more.
  const wal = walSyncOf(sqlite);
  let waiting: Claim[] = [];
  // Taken once the turn to write is ours (db/write-turns.ts): what arrives while waiting joins the batch.
  const flush = (): Promise<void> =>
    inWriteTurnAsync(sqlite, () => {
      const batch = waiting;
      waiting = [];
      try {
        // IMMEDIATE, like the store's: a second writer (the CLI) makes it wait, not fail.
        const firsts = wal.deferred(() => claimAll.immediate(batch));
        batch.forEach((c, i) => c.resolve(firsts[i] === true));
      } catch (err) {
        for (const c of batch) c.reject(err);
      }
    });
  return {
    claim: (digest, expiresAt, now) =>
      new Promise<boolean>((resolve, reject) => {
        waiting.push({ digest, expiresAt, now, resolve, reject });
        if (waiting.length === 1) setImmediate(() => void flush());
      }),
    release: (digest) => void inWriteTurn(sqlite, () => remove.run(`${PREFIX}${digest}`)),
  };
}
