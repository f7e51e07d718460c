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
  // Plain SQL on the ack path (one insert per message arriving) and for its processed mark: drizzle's
  // query building cost more than the statement (db/store/outbox.ts does the same for its insert).
  const insertInbound = lazy(() =>
    db.$client
      .prepare<InboundRow, number>(
        `INSERT INTO events (release_id, client_id, type, external_id, actor, item_key, before, after, text, state, payload, created_at)
         VALUES (@releaseId, @clientId, @type, @externalId, @actor, @itemKey, @before, @after, @text, @state, @payload, @at)
         ON CONFLICT (external_id) DO NOTHING RETURNING id`,
      )
      .pluck(),
  );
  const processed = lazy(() =>
    db.$client.prepare<[number | null, number]>("UPDATE events SET state = 'processed', release_id = ? WHERE id = ?"),
  );
  return {
    appendEvent: (e) => db.insert(s.events).values(eventValues(e)).returning({ id: s.events.id }).get().id,
    recordInbound: (e) => insertInbound().get(inboundRow(e)),
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
      processed().run(releaseId, eventId);
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

/** `events`' columns for an inbound row, as drizzle would write them (JSON columns stringified, absent as NULL). */
interface InboundRow {
  releaseId: number | null;
  clientId: number | null;
  type: string;
  externalId: string | null;
  actor: string;
  itemKey: string | null;
  before: string | null;
  after: string | null;
  text: string | null;
  state: string;
  payload: string | null;
  at: string;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

function inboundRow(e: NewEvent): InboundRow {
  return {
    releaseId: e.releaseId ?? null,
    clientId: e.clientId ?? null,
    type: e.type,
    externalId: e.externalId ?? null,
    actor: e.actor,
    itemKey: e.itemKey ?? null,
    before: json(e.before),
    after: json(e.after),
    text: e.text ?? null,
    state: 'received',
    payload: json(e.payload),
    at: e.at,
  };
}
