/**
 * The release, as data (docs/architecture.md). Times are ISO-8601 strings in UTC; JSON columns hold the
 * checklist value shapes. Migrations in `db/migrations` are generated from this file by drizzle-kit
 * (`npm run db:generate`) and never hand-edited.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const clients = sqliteTable(
  'clients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Lower-cased, space-folded name: how PMs refer to a client in commands. */
    nameKey: text('name_key').notNull(),
    locale: text('locale', { enum: ['en', 'zh'] })
      .notNull()
      .default('zh'),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    /** Business hours in the recipient's zone, minutes after midnight (`/release set-hours`): 09:00–18:00 unless set. */
    opensAt: integer('opens_at').notNull().default(540),
    closesAt: integer('closes_at').notNull().default(1080),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('clients_name_key').on(t.nameKey)],
);

/**
 * The people on a client's side (`/release contact add`): each at a platform address (a thread's
 * platform and channel), with their own language and zone. `works` is asked the questions and nudged,
 * `decides` gets the escalations, `both` does both (a client's only contact).
 */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    name: text('name'),
    platform: text('platform').notNull(),
    address: text('address').notNull(),
    role: text('role', { enum: ['works', 'decides', 'both'] })
      .notNull()
      .default('both'),
    /** Their own language and zone; null: the client's (`/release set-lang`, `set-tz`). */
    locale: text('locale', { enum: ['en', 'zh'] }),
    timezone: text('timezone'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('contacts_address').on(t.clientId, t.platform, t.address)],
);

/** Agency members who get a client's digest lines without running its releases (`/release watch`). */
export const watchers = sqliteTable(
  'watchers',
  {
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    user: text('user').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('watchers_client_user').on(t.clientId, t.user)],
);

export const releases = sqliteTable(
  'releases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    /** The client's release number: 1, 2, 3… ("from release 2 — still right?"). */
    seq: integer('seq').notNull().default(1),
    /** A name or version the PM gave it (`/release start Acme v2.1`). */
    name: text('name'),
    /** Platform user id of the PM who runs it, e.g. slack:U123. */
    pmUser: text('pm_user'),
    targetDate: text('target_date'),
    /** Random token for the release's invite link's scene (微信客服 today; the column keeps its first name); never a secret, never guessable. */
    inviteScene: text('kf_scene'),
    /** When that scene was made: an invite link works for `INVITE_LINK_VALID_DAYS`, then the PM sends a fresh one. */
    inviteSceneAt: text('kf_scene_at'),
    createdAt: text('created_at').notNull().default(now),
    closedAt: text('closed_at'),
  },
  (t) => [index('releases_client').on(t.clientId, t.state), uniqueIndex('releases_kf_scene').on(t.inviteScene)],
);

/** A conversation bound to a client: a Slack channel (+ thread), a WeCom user or app chat, a kf contact. */
export const threads = sqliteTable(
  'threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clientId: integer('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** An adapter's platform name (`Chat.platform`); the adapters: `PLATFORM_PARTS` in src/main.ts. */
    platform: text('platform').notNull(),
    /** Slack channel id, WeCom userid or chatid, kf external_userid, local session name. */
    channel: text('channel').notNull(),
    /** Slack: the release thread's root ts, where the bot posts. */
    threadTs: text('thread_ts'),
    /** `ThreadKind` (src/release/model.ts): channel, user, appchat, or an adapter's own. */
    kind: text('kind').notNull(),
    /** Whether people outside the agency can read it (Slack Connect, a client chat). */
    shared: integer('shared', { mode: 'boolean' }).notNull().default(true),
    lastInboundAt: text('last_inbound_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('threads_address').on(t.platform, t.channel), index('threads_client').on(t.clientId)],
);

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    status: text('status', { enum: ['todo', 'asked', 'answered', 'waiting', 'done', 'blocked', 'n/a'] })
      .notNull()
      .default('todo'),
    /** JSON of the item's value shape; secrets only as { on_file, last4 }. */
    value: text('value', { mode: 'json' }),
    /** Why it is blocked (a message key), when it is. */
    note: text('note'),
    setBy: text('set_by'),
    /** Provenance of the value: who recorded it (client, pm, bot) and how (answer, pm, undo, wechat). */
    setRole: text('set_role', { enum: ['client', 'pm', 'bot'] }),
    setHow: text('set_how', { enum: ['answer', 'pm', 'undo', 'wechat', 'page'] }),
    /** A PM's note on the item (`/release note`), shown in status and exports; never to the client. */
    pmNote: text('pm_note'),
    setAt: text('set_at'),
    askedAt: text('asked_at'),
    nudges: integer('nudges').notNull().default(0),
    /** The client's release number this value was carried forward from (a repeat release), if it was. */
    carriedFrom: integer('carried_from'),
    /** A carried value not yet confirmed by the client ("from release 2 — still right?"). */
    confirmPending: integer('confirm_pending', { mode: 'boolean' }).notNull().default(false),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('items_release_key').on(t.releaseId, t.key),
    /** Covers the status overview's per-release item read (no table lookups for 26 items × every open release). */
    index('items_status').on(t.releaseId, t.key, t.status, t.askedAt, t.nudges, t.note, t.value),
  ],
);

/** Audit trail and idempotency: every inbound message and every change. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id').references(() => releases.id, { onDelete: 'cascade' }),
    clientId: integer('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    /** inbound | outbound | item | release | binding | reminder | command | ... */
    type: text('type').notNull(),
    /** The platform's id of what caused it (Slack event_id, WeCom MsgId, kf msgid): delivery dedupe. */
    externalId: text('external_id'),
    actor: text('actor').notNull(),
    itemKey: text('item_key'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    /** Message text with secrets masked. */
    text: text('text'),
    /** inbound: received | processed. */
    state: text('state'),
    payload: text('payload', { mode: 'json' }),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('events_external_id').on(t.externalId),
    index('events_release').on(t.releaseId, t.id),
    // The status view's "client last wrote" per release.
    index('events_release_type').on(t.releaseId, t.type, t.createdAt),
    index('events_state').on(t.state),
  ],
);

/** The source of truth for reminders; BullMQ jobs mirror the scheduled ones (job id = reminder id). */
export const reminders = sqliteTable(
  'reminders',
  {
    id: text('id').primaryKey(),
    releaseId: integer('release_id').references(() => releases.id, { onDelete: 'cascade' }),
    itemKey: text('item_key'),
    kind: text('kind', {
      enum: ['nudge', 'escalation', 'whitelist_check', 'due_date', 'digest', 'recheck', 'held'],
    }).notNull(),
    dueAt: text('due_at').notNull(),
    state: text('state', { enum: ['scheduled', 'sent', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    payload: text('payload', { mode: 'json' }),
    createdAt: text('created_at').notNull().default(now),
    sentAt: text('sent_at'),
  },
  (t) => [
    index('reminders_state_due').on(t.state, t.dueAt),
    // A release's next reminder, without sorting: the status view asks it per release.
    index('reminders_release_due').on(t.releaseId, t.state, t.dueAt),
  ],
);

/** Encrypted at rest with AES-256-GCM; the key comes from SECRET_KEY. */
export const secrets = sqliteTable(
  'secrets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    iv: text('iv').notNull(),
    ciphertext: text('ciphertext').notNull(),
    tag: text('tag').notNull(),
    last4: text('last4').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('secrets_release_name').on(t.releaseId, t.name)],
);

/**
 * WeCom group-robot webhook keys, sealed like secrets (anyone holding one can post to the client's
 * group). A robot's thread channel is `robot:<fingerprint>` — an HMAC of the key, not the key.
 */
export const robotKeys = sqliteTable('robot_keys', {
  fingerprint: text('fingerprint').primaryKey(),
  iv: text('iv').notNull(),
  ciphertext: text('ciphertext').notNull(),
  tag: text('tag').notNull(),
  last4: text('last4').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

/**
 * Private client-page links (`PUBLIC_URL/c/<token>`): only the token's SHA-256 is kept, never the
 * token. Each is bound to one release and one contact (the chat thread its saves are echoed to, and
 * the contact's id they are recorded as); `scope` `secret` links take only the App secret, once.
 */
export const clientLinks = sqliteTable(
  'client_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    contact: text('contact').notNull(),
    scope: text('scope', { enum: ['full', 'secret'] }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('client_links_token_hash').on(t.tokenHash), index('client_links_release').on(t.releaseId)],
);

/** Every outbound message: stored, then sent with retry, backoff and per-channel limits. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
    /** Direct messages to a PM have no thread: the address is here. */
    platform: text('platform').notNull(),
    address: text('address').notNull(),
    message: text('message', { mode: 'json' }).notNull(),
    state: text('state', { enum: ['pending', 'sent', 'failed', 'handed_to_pm'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull().default(now),
    lastError: text('last_error'),
    /** Makes "send this once" idempotent (e.g. reminder id). */
    dedupeKey: text('dedupe_key'),
    platformRef: text('platform_ref'),
    /** A message the platform takes in several parts (WeCom's size limit): how many went out, so a retry sends only the rest. */
    partsSent: integer('parts_sent').notNull().default(0),
    /**
     * Set just before a send is handed to the platform, cleared when the platform says it did not
     * take it: a pending row with it set may have gone out (a crash, a lost answer), so the next
     * attempt is an unconfirmed resend (README, "Delivery guarantees").
     */
    sendingSince: text('sending_since'),
    createdAt: text('created_at').notNull().default(now),
    sentAt: text('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    index('outbox_due').on(t.state, t.nextAttemptAt),
    // Order per conversation: only a conversation's first pending row may be sent (the outbox's `dueHeads`).
    index('outbox_lane').on(t.state, t.platform, t.address, t.id),
  ],
);

/** Small durable key/values: sync cursors (kf), etc. */
export const cursors = sqliteTable('cursors', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

/**
 * Files a client sent (or uploaded on the client page): the content lives on disk beside the
 * database, under its SHA-256 (`<FILES_DIR>/ab/abcdef…`); this row says whose it is and which item
 * it belongs to. One row per release and content: the same file sent twice is stored once.
 */
export const files = sqliteTable(
  'files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… within the release: what a PM types in `/release file`. */
    number: integer('number').notNull(),
    /** The item it answers; null until someone says which. */
    itemKey: text('item_key'),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** slack | wecom | kf | local | page | pm */
    source: text('source').notNull(),
    sentBy: text('sent_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('files_release_sha').on(t.releaseId, t.sha256),
    uniqueIndex('files_release_number').on(t.releaseId, t.number),
  ],
);
