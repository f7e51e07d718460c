/**
 * Outbox rows: every outbound message is stored before it is sent. A burst of reminders enqueues
 * and drains thousands of rows, so the per-message statements are prepared once per store.
 *
 *   const store = { ...outboxStore(db), ... };
 *   store.enqueue({ threadId: 1, platform: 'slack', address: 'C1', message, dedupeKey: 'due-1-1d@1', at });
 */
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toOutbox } from './rows.js';

type OutboxMethods = Pick<
  ReleaseStore,
  | 'enqueue'
  | 'dueOutbox'
  | 'pendingOutbox'
  | 'getOutbox'
  | 'markSent'
  | 'replaceOutboxMessage'
  | 'reschedule'
  | 'defer'
  | 'markOutbox'
  | 'dueHeads'
  | 'sentSince'
  | 'releaseMessages'
  | 'markPartsSent'
  | 'markSending'
>;

/** A placeholder; in an update's `set` it goes in `sql` (drizzle types `set` values as plain values or SQL). */
const p = sql.placeholder;

export function outboxStore(db: Db): OutboxMethods {
  // Plain SQL: a burst of reminders inserts thousands of rows, and drizzle's per-call mapping costs more than the insert.
  const insert = lazy(() =>
    db.$client
      .prepare<
        {
          threadId: number | null;
          platform: string;
          address: string;
          message: string;
          dedupeKey: string | null;
          at: string;
        },
        number
      >(
        `INSERT INTO outbox (thread_id, platform, address, message, dedupe_key, created_at, next_attempt_at)
         VALUES (@threadId, @platform, @address, @message, @dedupeKey, @at, @at)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      )
      .pluck(),
  );
  const due = lazy(() =>
    db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.state, 'pending'), lte(s.outbox.nextAttemptAt, p('now'))))
      .orderBy(asc(s.outbox.id))
      .limit(p('limit'))
      .prepare(),
  );
  // Each conversation's first pending row (the outbox_lane index, pending rows only), kept when it is due.
  const heads = lazy(() => {
    const firsts = db
      .select({ head: sql<number>`min(${s.outbox.id})`.as('head') })
      .from(s.outbox)
      .where(
        and(
          eq(s.outbox.state, 'pending'),
          sql`${s.outbox.platform} IN (SELECT value FROM json_each(${p('platforms')}))`,
        ),
      )
      .groupBy(s.outbox.platform, s.outbox.address)
      .as('firsts');
    return db
      .select({ o: s.outbox })
      .from(firsts)
      .innerJoin(s.outbox, eq(s.outbox.id, firsts.head))
      .where(lte(s.outbox.nextAttemptAt, p('now')))
      .orderBy(asc(s.outbox.id))
      .limit(p('limit'))
      .prepare();
  });
  const dueOn = lazy(() =>
    db
      .select()
      .from(s.outbox)
      .where(
        and(
          eq(s.outbox.state, 'pending'),
          lte(s.outbox.nextAttemptAt, p('now')),
          sql`${s.outbox.platform} IN (SELECT value FROM json_each(${p('platforms')}))`,
        ),
      )
      .orderBy(asc(s.outbox.id))
      .limit(p('limit'))
      .prepare(),
  );
  const deferTo = lazy(() =>
    db
      .update(s.outbox)
      .set({ nextAttemptAt: sql`${p('nextAttemptAt')}`, lastError: sql`${p('reason')}` })
      .where(eq(s.outbox.id, p('id')))
      .prepare(),
  );
  const pending = lazy(() =>
    db.select({ n: sql<number>`count(*)` }).from(s.outbox).where(eq(s.outbox.state, 'pending')).prepare(),
  );
  const byId = lazy(() =>
    db
      .select()
      .from(s.outbox)
      .where(eq(s.outbox.id, p('id')))
      .prepare(),
  );
  const sent = lazy(() =>
    db
      .update(s.outbox)
      .set({
        state: 'sent',
        sentAt: sql`${p('at')}`,
        platformRef: sql`${p('ref')}`,
        attempts: sql`${s.outbox.attempts} + 1`,
      })
      .where(eq(s.outbox.id, p('id')))
      .prepare(),
  );
  const retryAt = lazy(() =>
    db
      .update(s.outbox)
      .set({
        nextAttemptAt: sql`${p('nextAttemptAt')}`,
        lastError: sql`${p('error')}`,
        attempts: sql`${s.outbox.attempts} + 1`,
      })
      .where(eq(s.outbox.id, p('id')))
      .prepare(),
  );
  const sending = lazy(() =>
    db
      .update(s.outbox)
      .set({ sendingSince: sql`${p('at')}` })
      .where(eq(s.outbox.id, p('id')))
      .prepare(),
  );
  const partsSent = lazy(() =>
    db
      .update(s.outbox)
      .set({ partsSent: sql`${p('count')}` })
      .where(eq(s.outbox.id, p('id')))
      .prepare(),
  );
  return {
    enqueue: (e) =>
      insert().get({
        threadId: e.threadId,
        platform: e.platform,
        address: e.address,
        message: JSON.stringify(e.message),
        dedupeKey: e.dedupeKey ?? null,
        at: e.at,
      }),
    dueOutbox: (now, limit, platforms) =>
      (platforms ? dueOn().all({ now, limit, platforms: JSON.stringify(platforms) }) : due().all({ now, limit })).map(
        toOutbox,
      ),
    pendingOutbox: () => pending().get()?.n ?? 0,
    getOutbox: (id) => {
      const row = byId().get({ id });
      return row && toOutbox(row);
    },
    markSent: (id, at, ref) => {
      sent().run({ id, at, ref: ref ?? null });
    },
    replaceOutboxMessage: (id, message) => {
      db.update(s.outbox).set({ message }).where(eq(s.outbox.id, id)).run();
    },
    reschedule: (id, nextAttemptAt, error) => {
      retryAt().run({ id, nextAttemptAt, error });
    },
    defer: (id, nextAttemptAt, reason) => {
      deferTo().run({ id, nextAttemptAt, reason });
    },
    markPartsSent: (id, count) => {
      partsSent().run({ id, count });
    },
    markSending: (id, at) => {
      sending().run({ id, at });
    },
    markOutbox: (id, state, error) => {
      db.update(s.outbox).set({ state, lastError: error }).where(eq(s.outbox.id, id)).run();
    },
    dueHeads: (now, limit, platforms) =>
      heads()
        .all({ now, limit, platforms: JSON.stringify(platforms) })
        .map((r) => toOutbox(r.o)),
    sentSince: (threadId, since) =>
      db
        .select({ n: sql<number>`coalesce(sum(max(${s.outbox.partsSent}, 1)), 0)` })
        .from(s.outbox)
        .where(and(eq(s.outbox.threadId, threadId), eq(s.outbox.state, 'sent'), gte(s.outbox.sentAt, since)))
        .get()?.n ?? 0,
    releaseMessages: (releaseId, limit = 200) => {
      const release = db.select().from(s.releases).where(eq(s.releases.id, releaseId)).get();
      if (!release) return [];
      return db
        .select({ o: s.outbox })
        .from(s.outbox)
        .innerJoin(s.threads, eq(s.threads.id, s.outbox.threadId))
        .where(and(eq(s.threads.clientId, release.clientId), gte(s.outbox.createdAt, release.createdAt)))
        .orderBy(desc(s.outbox.id))
        .limit(limit)
        .all()
        .map((r) => toOutbox(r.o));
    },
  };
}
