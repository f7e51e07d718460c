/**
 * Release contexts in bulk: each release with its client and the client's threads, for a burst of
 * reminders (a sweep fires up to 1,000 at once). Two statements for the lot instead of three reads per reminder.
 *
 *   const store = { ...contextStore(db), ... };
 *   store.releaseContexts([1, 2]).get(1)?.threads;  // [{ platform: 'slack', channel: 'C1', … }]
 */
import type { Locale } from '../../src/i18n/index.js';
import type { Client, Contact, Release, Thread } from '../../src/release/model.js';
import type { ReleaseContext, ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import { lazy } from './lazy.js';

/** Plain SQL with the columns under their domain names: a sweep reads up to 500 contexts at once, and drizzle's per-row mapping cost more than the reads. */
const RELEASES_SQL = `
  SELECT r.id, r.client_id AS clientId, r.state, r.pm_user AS pmUser, r.target_date AS targetDate, r.kf_scene AS inviteScene,
    r.kf_scene_at AS inviteSceneAt, r.created_at AS createdAt, r.seq, r.name,
    c.name AS clientName, c.locale AS clientLocale, c.timezone AS clientTimezone, c.opens_at AS clientOpensAt, c.closes_at AS clientClosesAt, c.created_at AS clientCreatedAt
  FROM releases r JOIN clients c ON c.id = r.client_id
  WHERE r.id IN (SELECT value FROM json_each(?))`;
const THREADS_SQL = `
  SELECT r.id AS releaseId, t.id, t.client_id AS clientId, t.platform, t.channel, t.thread_ts AS threadTs, t.kind, t.shared,
    t.last_inbound_at AS lastInboundAt
  FROM threads t JOIN releases r ON r.client_id = t.client_id
  WHERE r.id IN (SELECT value FROM json_each(?))
  ORDER BY t.id`;
const CONTACTS_SQL = `
  SELECT r.id AS releaseId, k.id, k.client_id AS clientId, k.name, k.platform, k.address, k.role, k.locale, k.timezone
  FROM contacts k JOIN releases r ON r.client_id = k.client_id
  WHERE r.id IN (SELECT value FROM json_each(?))
  ORDER BY k.id`;

type ReleaseRow = Release & {
  clientName: string;
  clientLocale: Locale;
  clientTimezone: string;
  clientOpensAt: number;
  clientClosesAt: number;
  clientCreatedAt: string;
};
type ContactRow = Contact & { releaseId: number };
type ThreadRow = Omit<Thread, 'shared'> & { releaseId: number; shared: number };

export function contextStore(db: Db): Pick<ReleaseStore, 'releaseContexts'> {
  const releases = lazy(() => db.$client.prepare<[string], ReleaseRow>(RELEASES_SQL));
  const threads = lazy(() => db.$client.prepare<[string], ThreadRow>(THREADS_SQL));
  const contacts = lazy(() => db.$client.prepare<[string], ContactRow>(CONTACTS_SQL));
  return {
    releaseContexts: (releaseIds) => {
      const contexts = new Map<number, ReleaseContext>();
      if (releaseIds.length === 0) return contexts;
      const ids = JSON.stringify([...new Set(releaseIds)]);
      for (const r of releases().all(ids)) {
        const release: Release = {
          id: r.id,
          clientId: r.clientId,
          state: r.state,
          pmUser: r.pmUser,
          targetDate: r.targetDate,
          inviteScene: r.inviteScene,
          inviteSceneAt: r.inviteSceneAt,
          createdAt: r.createdAt,
          seq: r.seq,
          name: r.name,
        };
        const client: Client = {
          id: r.clientId,
          name: r.clientName,
          locale: r.clientLocale,
          timezone: r.clientTimezone,
          opensAt: r.clientOpensAt,
          closesAt: r.clientClosesAt,
          createdAt: r.clientCreatedAt,
        };
        contexts.set(r.id, { release, client, threads: [], contacts: [] });
      }
      for (const t of threads().all(ids)) {
        const thread: Thread = {
          id: t.id,
          clientId: t.clientId,
          platform: t.platform,
          channel: t.channel,
          threadTs: t.threadTs,
          kind: t.kind,
          shared: t.shared !== 0,
          lastInboundAt: t.lastInboundAt,
        };
        contexts.get(t.releaseId)?.threads.push(thread);
      }
      for (const { releaseId, ...contact } of contacts().all(ids)) contexts.get(releaseId)?.contacts.push(contact);
      return contexts;
    },
  };
}
