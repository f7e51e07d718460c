/**
 * Conversation bindings (a Slack channel, a WeCom chat, a kf contact) of a client. The outbox and
 * the reminder firer read them per message, so those lookups are prepared once per store.
 *
 *   const store = { ...threadStore(db), ... };
 *   store.threadsOfClient(1);  // [{ platform: 'slack', channel: 'C1', … }]
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toThread } from './rows.js';

type ThreadMethods = Pick<
  ReleaseStore,
  | 'findThread'
  | 'getThread'
  | 'bindThread'
  | 'updateThread'
  | 'threadsOfClient'
  | 'threadsWithChannelPrefix'
  | 'rebindChannel'
  | 'putRobotKey'
  | 'getRobotKey'
>;

export function threadStore(db: Db): ThreadMethods {
  const byAddress = lazy(() =>
    db
      .select()
      .from(s.threads)
      .where(
        and(eq(s.threads.platform, sql.placeholder('platform')), eq(s.threads.channel, sql.placeholder('channel'))),
      )
      .prepare(),
  );
  const byId = lazy(() =>
    db
      .select()
      .from(s.threads)
      .where(eq(s.threads.id, sql.placeholder('id')))
      .prepare(),
  );
  const ofClient = lazy(() =>
    db
      .select()
      .from(s.threads)
      .where(eq(s.threads.clientId, sql.placeholder('clientId')))
      .orderBy(asc(s.threads.id))
      .prepare(),
  );
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
          .values({
            clientId,
            platform,
            channel,
            threadTs: threadTs ?? null,
            kind,
            shared: shared ?? true,
            createdAt: at,
          })
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
    threadsWithChannelPrefix: (platform, prefix) =>
      db
        .select()
        .from(s.threads)
        .where(
          and(eq(s.threads.platform, platform), sql`substr(${s.threads.channel}, 1, ${prefix.length}) = ${prefix}`),
        )
        .orderBy(asc(s.threads.id))
        .all()
        .map(toThread),
    rebindChannel: (threadId, channel) => {
      const thread = db.select().from(s.threads).where(eq(s.threads.id, threadId)).get();
      if (!thread) return;
      db.update(s.threads).set({ channel }).where(eq(s.threads.id, threadId)).run();
      db.update(s.outbox)
        .set({ address: channel })
        .where(and(eq(s.outbox.threadId, threadId), eq(s.outbox.address, thread.channel), ne(s.outbox.state, 'sent')))
        .run();
    },
    putRobotKey: (fingerprint, sealed, at) => {
      db.insert(s.robotKeys)
        .values({
          fingerprint,
          iv: sealed.iv,
          ciphertext: sealed.ciphertext,
          tag: sealed.tag,
          last4: sealed.last4,
          createdAt: at,
        })
        .onConflictDoNothing()
        .run();
    },
    getRobotKey: (fingerprint) => {
      const row = db.select().from(s.robotKeys).where(eq(s.robotKeys.fingerprint, fingerprint)).get();
      return row && { iv: row.iv, ciphertext: row.ciphertext, tag: row.tag, last4: row.last4 };
    },
  };
}
