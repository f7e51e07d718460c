/**
 * Clients and their releases. Lookups the hot paths make (a reminder firing, an inbound message)
 * are prepared once per store; rare writes build their query each time.
 *
 *   const store = { ...clientStore(db), ... };
 *   store.getClient(1)?.locale;  // 'zh'
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toClient, toRelease } from './rows.js';

type ClientMethods = Pick<
  ReleaseStore,
  | 'findClientByName'
  | 'getClient'
  | 'createClient'
  | 'updateClient'
  | 'listClients'
  | 'openReleaseOf'
  | 'getRelease'
  | 'createRelease'
  | 'updateRelease'
  | 'findReleaseByInviteScene'
  | 'listOpenReleases'
  | 'releasesOf'
>;

/** Lower-cased, space-folded name: how PMs refer to a client in commands. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function clientStore(db: Db): ClientMethods {
  const byNameKey = lazy(() =>
    db
      .select()
      .from(s.clients)
      .where(eq(s.clients.nameKey, sql.placeholder('key')))
      .prepare(),
  );
  const clientById = lazy(() =>
    db
      .select()
      .from(s.clients)
      .where(eq(s.clients.id, sql.placeholder('id')))
      .prepare(),
  );
  const releaseById = lazy(() =>
    db
      .select()
      .from(s.releases)
      .where(eq(s.releases.id, sql.placeholder('id')))
      .prepare(),
  );
  const openRelease = lazy(() =>
    db
      .select()
      .from(s.releases)
      .where(and(eq(s.releases.clientId, sql.placeholder('clientId')), eq(s.releases.state, 'open')))
      .orderBy(desc(s.releases.id))
      .prepare(),
  );
  return {
    findClientByName: (name) => {
      const row = byNameKey().get({ key: nameKey(name) });
      return row && toClient(row);
    },
    getClient: (id) => {
      const row = clientById().get({ id });
      return row && toClient(row);
    },
    createClient: ({ name, locale, timezone, at }) =>
      toClient(
        db
          .insert(s.clients)
          .values({ name: name.trim(), nameKey: nameKey(name), locale, timezone, createdAt: at })
          .returning()
          .get(),
      ),
    updateClient: (id, patch) => {
      db.update(s.clients).set(patch).where(eq(s.clients.id, id)).run();
    },
    listClients: () => db.select().from(s.clients).orderBy(asc(s.clients.name)).all().map(toClient),
    openReleaseOf: (clientId) => {
      const row = openRelease().get({ clientId });
      return row && toRelease(row);
    },
    getRelease: (id) => {
      const row = releaseById().get({ id });
      return row && toRelease(row);
    },
    createRelease: ({ clientId, pmUser, targetDate, name, keys, at }) => {
      const last = db
        .select({ seq: sql<number>`max(${s.releases.seq})` })
        .from(s.releases)
        .where(eq(s.releases.clientId, clientId))
        .get();
      const release = db
        .insert(s.releases)
        .values({
          clientId,
          pmUser,
          targetDate: targetDate ?? null,
          name: name ?? null,
          seq: (last?.seq ?? 0) + 1,
          createdAt: at,
        })
        .returning()
        .get();
      db.insert(s.items)
        .values(keys.map((key) => ({ releaseId: release.id, key, status: 'todo' as const, updatedAt: at })))
        .run();
      return toRelease(release);
    },
    updateRelease: (id, patch) => {
      db.update(s.releases).set(patch).where(eq(s.releases.id, id)).run();
    },
    findReleaseByInviteScene: (scene) => {
      const row = db.select().from(s.releases).where(eq(s.releases.inviteScene, scene)).get();
      return row && toRelease(row);
    },
    releasesOf: (clientId) =>
      db
        .select()
        .from(s.releases)
        .where(eq(s.releases.clientId, clientId))
        .orderBy(asc(s.releases.id))
        .all()
        .map(toRelease),
    listOpenReleases: () =>
      db.select().from(s.releases).where(eq(s.releases.state, 'open')).orderBy(asc(s.releases.id)).all().map(toRelease),
  };
}
