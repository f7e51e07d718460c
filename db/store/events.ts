/**
 * The audit trail and inbound log (events), plus small durable cursors (kf sync). Not on the
 * reminder path, so queries are built per call — but an inbound message read by id, prepared once.
 *
 *   const store = { ...eventStore(db), ... };
 *   store.recordInbound({ type: 'inbound', externalId: 'Ev1', actor: 'slack:U1', at });  // id, or undefined if seen
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AuditEvent } from '../../src/release/model.js';
import type { InboundRecord, NewEvent, ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';

type EventMethods = Pick<
  ReleaseStore,
  | 'appendEvent'
  | 'event'
  | 'itemChangesBy'
  | 'isUndone'
  | 'recordInbound'
  | 'inbound'
  | 'markProcessed'
  | 'unprocessedInbound'
  | 'events'
  | 'lastInboundAt'
  | 'lastEvent'
  | 'getCursor'
  | 'setCursor'
>;

export function eventStore(db: Db): EventMethods {
  // Read several times for every inbound message (where it is processed, then processing it): prepared once.
  const byId = lazy(() =>
    db
      .select()
      .from(s.events)
      .where(eq(s.events.id, sql.placeholder('id')))
      .prepare(),
  );
  return {
    appendEvent: (e) => db.insert(s.events).values(eventValues(e)).returning({ id: s.events.id }).get().id,
    recordInbound: (e) => {
      const row = db
        .insert(s.events)
        .values(eventValues({ ...e, state: 'received' }))
        .onConflictDoNothing({ target: s.events.externalId })
        .returning({ id: s.events.id })
        .get();
      return row?.id;
    },
    inbound: (eventId): InboundRecord | undefined => {
      const row = byId().get({ id: eventId });
      return (
        row && {
          eventId: row.id,
          releaseId: row.releaseId,
          clientId: row.clientId,
          actor: row.actor,
          text: row.text,
          payload: row.payload,
          externalId: row.externalId,
          state: row.state,
        }
      );
    },
    markProcessed: (eventId, releaseId) => {
      db.update(s.events).set({ state: 'processed', releaseId }).where(eq(s.events.id, eventId)).run();
    },
    unprocessedInbound: () =>
      db
        .select({ id: s.events.id })
        .from(s.events)
        .where(eq(s.events.state, 'received'))
        .orderBy(asc(s.events.id))
        .all()
        .map((r) => r.id),
    events: (releaseId, limit = 200) =>
      db
        .select()
        .from(s.events)
        .where(eq(s.events.releaseId, releaseId))
        .orderBy(desc(s.events.id))
        .limit(limit)
        .all()
        .map(toAuditEvent),
    lastInboundAt: (releaseId) =>
      db
        .select({ at: sql<string>`max(${s.events.createdAt})` })
        .from(s.events)
        .where(and(eq(s.events.releaseId, releaseId), eq(s.events.type, 'inbound')))
        .get()?.at ?? undefined,
    event: (id) => {
      const row = db.select().from(s.events).where(eq(s.events.id, id)).get();
      return row && { ...toAuditEvent(row), payload: row.payload };
    },
    itemChangesBy: (releaseId, actor, limit) =>
      db
        .select()
        .from(s.events)
        .where(and(eq(s.events.releaseId, releaseId), eq(s.events.type, 'item'), eq(s.events.actor, actor)))
        .orderBy(desc(s.events.id))
        .limit(limit)
        .all()
        .map((row) => ({ ...toAuditEvent(row), payload: row.payload })),
    // Served by events_release_type (release_id, type, …): one release's item events, not the whole trail.
    isUndone: (releaseId, eventId) =>
      db
        .select({ id: s.events.id })
        .from(s.events)
        .where(
          and(
            eq(s.events.releaseId, releaseId),
            eq(s.events.type, 'item'),
            sql`${s.events.payload} ->> '$.undoes' = ${eventId}`,
          ),
        )
        .limit(1)
        .get() !== undefined,
    lastEvent: (releaseId, type) => {
      // Served by the events_release_type index (release_id, type, created_at).
      const row = db
        .select()
        .from(s.events)
        .where(and(eq(s.events.releaseId, releaseId), eq(s.events.type, type)))
        .orderBy(desc(s.events.createdAt), desc(s.events.id))
        .limit(1)
        .get();
      return row && toAuditEvent(row);
    },
    getCursor: (name) => db.select().from(s.cursors).where(eq(s.cursors.name, name)).get()?.value,
    setCursor: (name, value, at) => {
      db.insert(s.cursors)
        .values({ name, value, updatedAt: at })
        .onConflictDoUpdate({ target: s.cursors.name, set: { value, updatedAt: at } })
        .run();
    },
  };
}

const toAuditEvent = (r: typeof s.events.$inferSelect): AuditEvent => ({
  id: r.id,
  releaseId: r.releaseId,
  clientId: r.clientId,
  type: r.type,
  externalId: r.externalId,
  actor: r.actor,
  itemKey: r.itemKey,
  before: r.before,
  after: r.after,
  text: r.text,
  createdAt: r.createdAt,
});

function eventValues(e: NewEvent): typeof s.events.$inferInsert {
  return {
    releaseId: e.releaseId ?? null,
    clientId: e.clientId ?? null,
    type: e.type,
    externalId: e.externalId ?? null,
    actor: e.actor,
    itemKey: e.itemKey ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    text: e.text ?? null,
    state: e.state ?? null,
    payload: e.payload ?? null,
    createdAt: e.at,
  };
}
