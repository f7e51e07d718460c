/**
 * Release contexts in bulk: each release with its client and the client's threads, for a burst of
 * reminders (a sweep fires up to 1,000 at once). Two statements for the lot instead of three reads per reminder.
 *
 *   const store = { ...contextStore(db), ... };
 *   store.releaseContexts([1, 2]).get(1)?.threads;  // [{ platform: 'slack', channel: 'C1', … }]
 */
import type { Locale } from '../../src/i18n/index.js';
import type { Client, Release, Thread } from '../../src/release/model.js';
import type { ReleaseContext, ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import { lazy } from './lazy.js';

/** Plain SQL with the columns under their domain names: a sweep reads up to 500 contexts at once, and drizzle's per-row mapping cost more than the reads. */
const RELEASES_SQL = `
  SELECT r.id, r.client_id AS clientId, r.state, r.pm_user AS pmUser, r.target_date AS targetDate, r.kf_scene AS inviteScene,
    r.kf_scene_at AS inviteSceneAt, r.created_at AS createdAt,
    c.name AS clientName, c.locale AS clientLocale, c.timezone AS clientTimezone, c.created_at AS clientCreatedAt
  FROM releases r JOIN clients c ON c.id = r.client_id
  WHERE r.id IN (SELECT value FROM json_each(?))`;
const THREADS_SQL = `
  SELECT r.id AS releaseId, t.id, t.client_id AS clientId, t.platform, t.channel, t.thread_ts AS threadTs, t.kind, t.shared,
    t.last_inbound_at AS lastInboundAt
  FROM threads t JOIN releases r ON r.client_id = t.client_id
  WHERE r.id IN (SELECT value FROM json_each(?))
  ORDER BY t.id`;

type ReleaseRow = Release & { clientName: string; clientLocale: Locale; clientTimezone: string; clientCreatedAt: string };
type ThreadRow = Omit<Thread, 'shared'> & { releaseId: number; shared: number };

export function contextStore(db: Db): Pick<ReleaseStore, 'releaseContexts'> {
  const releases = lazy(() => db.$client.prepare<[string], ReleaseRow>(RELEASES_SQL));
  const threads = lazy(() => db.$client.prepare<[string], ThreadRow>(THREADS_SQL));
  return {
    releaseContexts: (releaseIds) => {
      const contexts = new Map<number, ReleaseContext>();
      if (releaseIds.length === 0) return contexts;
      const ids = JSON.stringify([...new Set(releaseIds)]);
      for (const r of releases().all(ids)) {
        const release: Release = { id: r.id, clientId: r.clientId, state: r.state, pmUser: r.pmUser, targetDate: r.targetDate, inviteScene: r.inviteScene, inviteSceneAt: r.inviteSceneAt, createdAt: r.createdAt };
        const client: Client = { id: r.clientId, name: r.clientName, locale: r.clientLocale, timezone: r.clientTimezone, createdAt: r.clientCreatedAt };
        contexts.set(r.id, { release, client, threads: [] });
      }
      for (const t of threads().all(ids)) {
        const thread: Thread = { id: t.id, clientId: t.clientId, platform: t.platform, channel: t.channel, threadTs: t.threadTs, kind: t.kind, shared: t.shared !== 0, lastInboundAt: t.lastInboundAt };
        contexts.get(t.releaseId)?.threads.push(thread);
      }
      return contexts;
    },
  };
}
