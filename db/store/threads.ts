/**
 * Conversation bindings (a Slack channel, a WeCom chat, a kf contact) of a client. The outbox and
 * the reminder firer read them per message, so those lookups are prepared once per store.
 *
 *   const store = { ...threadStore(db), ... };
 *   store.threadsOfClient(1);  // [{ platform: 'slack', channel: 'C1', … }]
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toThread } from './rows.js';

type ThreadMethods = Pick<ReleaseStore, 'findThread' | 'getThread' | 'bindThread' | 'updateThread' | 'threadsOfClient'>;

export function threadStore(db: Db): ThreadMethods {
  const byAddress = lazy(() =>
    db
      .select()
      .from(s.threads)
      .where(and(eq(s.threads.platform, sql.placeholder('platform')), eq(s.threads.channel, sql.placeholder('channel'))))
      .prepare(),
  );
  const byId = lazy(() => db.select().from(s.threads).where(eq(s.threads.id, sql.placeholder('id'))).prepare());
  const ofClient = lazy(() => db.select().from(s.threads).where(eq(s.threads.clientId, sql.placeholder('clientId'))).orderBy(asc(s.threads.id)).prepare());
  return {
    findThread: (platform, channel) => {
      const row = byAddress().get({ platform, channel });
      return row && toThread(row);
    },
    getThread: (id) => {
      const row = byId().get({ id });
      return row && toThread(row);
    },
    bindThread: ({ clientId, platform, channel, threadTs, kind, shared, at }) =>
      toThread(
        db
          .insert(s.threads)
          .values({ clientId, platform, channel, threadTs: threadTs ?? null, kind, shared: shared ?? true, createdAt: at })
          .onConflictDoUpdate({
            target: [s.threads.platform, s.threads.channel],
            set: { clientId, threadTs: threadTs ?? null, kind, shared: shared ?? true },
          })
          .returning()
          .get(),
      ),
    updateThread: (id, patch) => {
      db.update(s.threads).set(patch).where(eq(s.threads.id, id)).run();
    },
    threadsOfClient: (clientId) => ofClient().all({ clientId }).map(toThread),
  };
}
