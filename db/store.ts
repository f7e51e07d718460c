/**
 * `ReleaseStore` over SQLite with drizzle. Synchronous on purpose: better-sqlite3 transactions must
 * not await (an async callback would commit before its awaits run), so the core does its I/O to
 * platforms outside `transaction()` and only database work inside.
 */
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { ItemKey, ItemValue } from '../src/checklist/types.js';
import type { Locale } from '../src/i18n/index.js';
import type { OutboundMessage } from '../src/ports.js';
import type { AuditEvent, Client, Item, Platform, Release, Reminder, ReminderKind, Thread } from '../src/release/model.js';
import type { EncryptedSecret, InboundRecord, ItemPatch, NewEvent, NewOutbox, OutboxEntry, ReleaseStore, StatusItemRow, StatusRow } from '../src/release/store.js';
import type { Db } from './client.js';
import * as s from './schema.js';

export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

type ClientRow = typeof s.clients.$inferSelect;
type ReleaseRow = typeof s.releases.$inferSelect;
type ThreadRow = typeof s.threads.$inferSelect;
type ItemRow = typeof s.items.$inferSelect;
type ReminderRow = typeof s.reminders.$inferSelect;
type OutboxRow = typeof s.outbox.$inferSelect;

const toClient = (r: ClientRow): Client => ({ id: r.id, name: r.name, locale: r.locale as Locale, timezone: r.timezone, createdAt: r.createdAt });
const toRelease = (r: ReleaseRow): Release => ({
  id: r.id,
  clientId: r.clientId,
  state: r.state,
  pmUser: r.pmUser,
  targetDate: r.targetDate,
  kfScene: r.kfScene,
  createdAt: r.createdAt,
});
const toThread = (r: ThreadRow): Thread => ({
  id: r.id,
  clientId: r.clientId,
  platform: r.platform,
  channel: r.channel,
  threadTs: r.threadTs,
  kind: r.kind,
  shared: r.shared,
  lastInboundAt: r.lastInboundAt,
});
const toItem = (r: ItemRow): Item => ({
  releaseId: r.releaseId,
  key: r.key as ItemKey,
  status: r.status,
  value: (r.value ?? null) as ItemValue | null,
  note: r.note,
  setBy: r.setBy,
  setAt: r.setAt,
  askedAt: r.askedAt,
  nudges: r.nudges,
  updatedAt: r.updatedAt,
});
const toReminder = (r: ReminderRow): Reminder => ({
  id: r.id,
  releaseId: r.releaseId,
  itemKey: (r.itemKey ?? null) as ItemKey | null,
  kind: r.kind,
  dueAt: r.dueAt,
  state: r.state,
  payload: (r.payload ?? null) as Record<string, unknown> | null,
  sentAt: r.sentAt,
});
const toOutbox = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  threadId: r.threadId,
  platform: r.platform as Platform,
  address: r.address,
  message: r.message as OutboundMessage,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt,
  lastError: r.lastError,
  dedupeKey: r.dedupeKey,
  createdAt: r.createdAt,
  sentAt: r.sentAt,
});

export function createStore(db: Db): ReleaseStore {
  const sqlite = db.$client;
  return {
    transaction: <T>(fn: () => T): T => sqlite.transaction(fn)(),

    // === Clients and releases
    findClientByName: (name) => {
      const row = db.select().from(s.clients).where(eq(s.clients.nameKey, nameKey(name))).get();
      return row && toClient(row);
    },
    getClient: (id) => {
      const row = db.select().from(s.clients).where(eq(s.clients.id, id)).get();
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
      const row = db
        .select()
        .from(s.releases)
        .where(and(eq(s.releases.clientId, clientId), eq(s.releases.state, 'open')))
        .orderBy(desc(s.releases.id))
        .get();
      return row && toRelease(row);
    },
    getRelease: (id) => {
      const row = db.select().from(s.releases).where(eq(s.releases.id, id)).get();
      return row && toRelease(row);
    },
    createRelease: ({ clientId, pmUser, targetDate, keys, at }) => {
      const release = db
        .insert(s.releases)
        .values({ clientId, pmUser, targetDate: targetDate ?? null, createdAt: at })
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
    findReleaseByKfScene: (scene) => {
      const row = db.select().from(s.releases).where(eq(s.releases.kfScene, scene)).get();
      return row && toRelease(row);
    },
    listOpenReleases: () =>
      db.select().from(s.releases).where(eq(s.releases.state, 'open')).orderBy(asc(s.releases.id)).all().map(toRelease),

    // === Threads
    findThread: (platform, channel) => {
      const row = db
        .select()
        .from(s.threads)
        .where(and(eq(s.threads.platform, platform), eq(s.threads.channel, channel)))
        .get();
      return row && toThread(row);
    },
    getThread: (id) => {
      const row = db.select().from(s.threads).where(eq(s.threads.id, id)).get();
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
    threadsOfClient: (clientId) =>
      db.select().from(s.threads).where(eq(s.threads.clientId, clientId)).orderBy(asc(s.threads.id)).all().map(toThread),

    // === Items
    items: (releaseId) =>
      db.select().from(s.items).where(eq(s.items.releaseId, releaseId)).orderBy(asc(s.items.id)).all().map(toItem),
    item: (releaseId, key) => {
      const row = db
        .select()
        .from(s.items)
        .where(and(eq(s.items.releaseId, releaseId), eq(s.items.key, key)))
        .get();
      return row && toItem(row);
    },
    updateItem: (releaseId, key, patch: ItemPatch, at) => {
      db.update(s.items)
        .set({ ...patch, updatedAt: at })
        .where(and(eq(s.items.releaseId, releaseId), eq(s.items.key, key)))
        .run();
    },

    // === Events
    appendEvent: (e) => insertEvent(db, e),
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
      const row = db.select().from(s.events).where(eq(s.events.id, eventId)).get();
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
        .map(
          (r): AuditEvent => ({
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
          }),
        ),
    lastInboundAt: (releaseId) =>
      db
        .select({ at: sql<string>`max(${s.events.createdAt})` })
        .from(s.events)
        .where(and(eq(s.events.releaseId, releaseId), eq(s.events.type, 'inbound')))
        .get()?.at ?? undefined,

    // === Secrets
    putSecret: (releaseId, name, secret: EncryptedSecret, at) => {
      db.insert(s.secrets)
        .values({ releaseId, name, ...secret, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({ target: [s.secrets.releaseId, s.secrets.name], set: { ...secret, updatedAt: at } })
        .run();
    },
    getSecret: (releaseId, name) => {
      const row = db
        .select()
        .from(s.secrets)
        .where(and(eq(s.secrets.releaseId, releaseId), eq(s.secrets.name, name)))
        .get();
      return row && { iv: row.iv, ciphertext: row.ciphertext, tag: row.tag, last4: row.last4 };
    },

    // === Reminders
    upsertReminder: (r) =>
      toReminder(
        db
          .insert(s.reminders)
          .values({ ...r, payload: r.payload ?? null, state: 'scheduled' })
          .onConflictDoUpdate({
            target: s.reminders.id,
            set: { dueAt: r.dueAt, payload: r.payload ?? null, state: 'scheduled', sentAt: null },
          })
          .returning()
          .get(),
      ),
    getReminder: (id) => {
      const row = db.select().from(s.reminders).where(eq(s.reminders.id, id)).get();
      return row && toReminder(row);
    },
    setReminderState: (id, state, at) => {
      db.update(s.reminders)
        .set({ state, sentAt: state === 'sent' ? at : null })
        .where(eq(s.reminders.id, id))
        .run();
    },
    remindersOf: (releaseId, state) =>
      db
        .select()
        .from(s.reminders)
        .where(state ? and(eq(s.reminders.releaseId, releaseId), eq(s.reminders.state, state)) : eq(s.reminders.releaseId, releaseId))
        .orderBy(asc(s.reminders.dueAt))
        .all()
        .map(toReminder),
    scheduledReminders: () =>
      db.select().from(s.reminders).where(eq(s.reminders.state, 'scheduled')).orderBy(asc(s.reminders.dueAt)).all().map(toReminder),

    // === Outbox
    enqueue: (e: NewOutbox) => {
      const row = db
        .insert(s.outbox)
        .values({
          threadId: e.threadId,
          platform: e.platform,
          address: e.address,
          message: e.message,
          dedupeKey: e.dedupeKey ?? null,
          createdAt: e.at,
          nextAttemptAt: e.at,
        })
        .onConflictDoNothing({ target: s.outbox.dedupeKey })
        .returning({ id: s.outbox.id })
        .get();
      return row?.id;
    },
    dueOutbox: (now, limit) =>
      db
        .select()
        .from(s.outbox)
        .where(and(eq(s.outbox.state, 'pending'), lte(s.outbox.nextAttemptAt, now)))
        .orderBy(asc(s.outbox.id))
        .limit(limit)
        .all()
        .map(toOutbox),
    getOutbox: (id) => {
      const row = db.select().from(s.outbox).where(eq(s.outbox.id, id)).get();
      return row && toOutbox(row);
    },
    markSent: (id, at, ref) => {
      db.update(s.outbox)
        .set({ state: 'sent', sentAt: at, platformRef: ref ?? null, attempts: sql`${s.outbox.attempts} + 1` })
        .where(eq(s.outbox.id, id))
        .run();
    },
    reschedule: (id, nextAttemptAt, error) => {
      db.update(s.outbox)
        .set({ nextAttemptAt, lastError: error, attempts: sql`${s.outbox.attempts} + 1` })
        .where(eq(s.outbox.id, id))
        .run();
    },
    markOutbox: (id, state, error) => {
      db.update(s.outbox).set({ state, lastError: error }).where(eq(s.outbox.id, id)).run();
    },
    sentSince: (threadId, since) =>
      db
        .select({ n: sql<number>`count(*)` })
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

    // === Status
    statusRows: (filter) => statusRows(sqlite, filter?.clientId),

    // === Cursors
    getCursor: (name) => db.select().from(s.cursors).where(eq(s.cursors.name, name)).get()?.value,
    setCursor: (name, value, at) => {
      db.insert(s.cursors)
        .values({ name, value, updatedAt: at })
        .onConflictDoUpdate({ target: s.cursors.name, set: { value, updatedAt: at } })
        .run();
    },
  };
}

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

function insertEvent(db: Db, e: NewEvent): number {
  return db.insert(s.events).values(eventValues(e)).returning({ id: s.events.id }).get().id;
}

/** Each release once, with its next reminder and last client message computed per release. */
const RELEASES_CTE = `
  WITH rel AS MATERIALIZED (
    SELECT r.id, r.client_id, r.pm_user, r.target_date, r.created_at,
      (SELECT due_at || char(31) || kind || char(31) || coalesce(item_key, '') FROM reminders
        WHERE release_id = r.id AND state = 'scheduled' ORDER BY due_at LIMIT 1) AS next_reminder,
      (SELECT max(created_at) FROM events WHERE release_id = r.id AND type = 'inbound') AS last_inbound
    FROM releases r
    WHERE (? IS NULL AND r.state = 'open')
       OR (r.client_id = ? AND r.id = (SELECT max(id) FROM releases WHERE client_id = r.client_id))
  )`;

const RELEASE_COLUMNS = `rel.id AS releaseId, c.id AS clientId, c.name AS clientName, c.locale, c.timezone,
  rel.pm_user AS pmUser, rel.target_date AS targetDate, rel.created_at AS releaseCreatedAt,
  rel.next_reminder AS nextReminder, rel.last_inbound AS lastInboundAt`;

/** The overview: one row per release, its items packed as key, status, asked_at, note, secret last4 (U+001F/U+001E separated). */
const OVERVIEW_SQL = `${RELEASES_CTE}
  SELECT ${RELEASE_COLUMNS},
    (SELECT group_concat(i.key || char(31) || i.status || char(31) || coalesce(i.asked_at, '') || char(31)
        || coalesce(i.note, '') || char(31) || i.nudges || char(31)
        || CASE WHEN instr(i.value, '"last4"') > 0 THEN coalesce(i.value ->> '$.last4', i.value ->> '$.secret.last4', '') ELSE '' END, char(30))
     FROM items i WHERE i.release_id = rel.id) AS packed
  FROM rel JOIN clients c ON c.id = rel.client_id`;

/** One release: every item with its value, who set it and when. */
const RELEASE_SQL = `${RELEASES_CTE}
  SELECT ${RELEASE_COLUMNS}, i.key, i.status, i.value, i.note, i.set_by AS setBy, i.set_at AS setAt,
         i.asked_at AS askedAt, i.nudges
  FROM rel JOIN clients c ON c.id = rel.client_id JOIN items i ON i.release_id = rel.id
  ORDER BY i.id`;

type ReleaseColumns = Omit<StatusRow, 'items' | 'nextReminderAt' | 'nextReminderKind' | 'nextReminderItem'> & { nextReminder: string | null };

function releaseFields({ nextReminder, ...r }: ReleaseColumns): Omit<StatusRow, 'items'> {
  const [at, kind, item] = nextReminder?.split('\u001f') ?? [];
  return {
    releaseId: r.releaseId,
    clientId: r.clientId,
    clientName: r.clientName,
    locale: r.locale,
    timezone: r.timezone,
    pmUser: r.pmUser,
    targetDate: r.targetDate,
    releaseCreatedAt: r.releaseCreatedAt,
    lastInboundAt: r.lastInboundAt,
    nextReminderAt: at ?? null,
    nextReminderKind: (kind as ReminderKind | undefined) ?? null,
    nextReminderItem: item || null,
  };
}

function unpackItem(packed: string): StatusItemRow {
  const [key, status, askedAt, note, nudges, last4] = packed.split('\u001f');
  return {
    key: key as ItemKey,
    status: status as StatusItemRow['status'],
    value: last4 ? { on_file: true, last4 } : null,
    note: note || null,
    setBy: null,
    setAt: null,
    askedAt: askedAt || null,
    nudges: Number(nudges),
  };
}

function statusRows(sqlite: Db['$client'], clientId: number | undefined): StatusRow[] {
  if (clientId === undefined) {
    const rows = sqlite.prepare(OVERVIEW_SQL).all(null, null) as (ReleaseColumns & { packed: string | null })[];
    return rows.map((r) => ({ ...releaseFields(r), items: r.packed ? r.packed.split('\u001e').map(unpackItem) : [] }));
  }
  type Row = ReleaseColumns & Omit<StatusItemRow, 'value'> & { value: string | null };
  const rows = sqlite.prepare(RELEASE_SQL).all(clientId, clientId) as Row[];
  const first = rows[0];
  if (!first) return [];
  const items = rows.map((r) => ({
    key: r.key,
    status: r.status,
    value: r.value === null ? null : (JSON.parse(r.value) as ItemValue),
    note: r.note,
    setBy: r.setBy,
    setAt: r.setAt,
    askedAt: r.askedAt,
    nudges: r.nudges,
  }));
  return [{ ...releaseFields(first), items }];
}
