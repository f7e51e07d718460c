/**
 * Release contexts in bulk: each release with its client and the client's threads, for a burst of
 * reminders (a sweep fires up to 1,000 at once). Two statements for the lot instead of three reads per reminder.
 *
 *   const store = { ...contextStore(db), ... };
 *   store.releaseContexts([1, 2]).get(1)?.threads;  // [{ platform: 'slack', channel: 'C1', … }]
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { ReleaseContext, ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toClient, toRelease, toThread } from './rows.js';

const inIds = sql`${s.releases.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`;

export function contextStore(db: Db): Pick<ReleaseStore, 'releaseContexts'> {
  const releases = lazy(() => db.select({ release: s.releases, client: s.clients }).from(s.releases).innerJoin(s.clients, eq(s.clients.id, s.releases.clientId)).where(inIds).prepare());
  const threads = lazy(() =>
    db
      .select({ releaseId: s.releases.id, thread: s.threads })
      .from(s.threads)
      .innerJoin(s.releases, eq(s.releases.clientId, s.threads.clientId))
      .where(inIds)
      .orderBy(asc(s.threads.id))
      .prepare(),
  );
  return {
    releaseContexts: (releaseIds) => {
      const contexts = new Map<number, ReleaseContext>();
      if (releaseIds.length === 0) return contexts;
      const ids = JSON.stringify([...new Set(releaseIds)]);
      for (const row of releases().all({ ids })) contexts.set(row.release.id, { release: toRelease(row.release), client: toClient(row.client), threads: [] });
      for (const row of threads().all({ ids })) contexts.get(row.releaseId)?.threads.push(toThread(row.thread));
      return contexts;
    },
  };
}
