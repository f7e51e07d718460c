/**
 * The persistence port the core writes through. `db/store.ts` implements it over SQLite with
 * drizzle; every method is synchronous (better-sqlite3 is), so `transaction(fn)` really wraps `fn`.
 */
import type { ItemKey, ItemStatus, ItemValue } from '../checklist/types.js';
import type { Locale } from '../i18n/index.js';
import type { OutboundMessage } from '../ports.js';
import type { Progress } from './service.js';
import type {
  AuditEvent,
  Client,
  ClientLink,
  Contact,
  ContactRole,
  Item,
  Platform,
  Release,
  Reminder,
  ReminderKind,
  SetHow,
  SetRole,
  Thread,
  ThreadKind,
} from './model.js';

export interface NewEvent {
  releaseId?: number | null;
  clientId?: number | null;
  type: string;
  externalId?: string | null;
  actor: string;
  itemKey?: string | null;
  before?: unknown;
  after?: unknown;
  text?: string | null;
  state?: string | null;
  payload?: unknown;
  at: string;
}

export interface ItemPatch {
  status?: ItemStatus;
  value?: ItemValue | null;
  note?: string | null;
  setBy?: string | null;
  setRole?: SetRole | null;
  setHow?: SetHow | null;
  pmNote?: string | null;
  setAt?: string | null;
  askedAt?: string | null;
  nudges?: number;
  carriedFrom?: number | null;
  confirmPending?: boolean;
}

export interface NewOutbox {
  threadId: number | null;
  platform: Platform;
  address: string;
  message: OutboundMessage;
  dedupeKey?: string | null;
  at: string;
}

export interface OutboxEntry {
  id: number;
  threadId: number | null;
  platform: Platform;
  address: string;
  message: OutboundMessage;
  state: 'pending' | 'sent' | 'failed' | 'handed_to_pm';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  dedupeKey: string | null;
  /** Parts of a split message already sent (see `PartProgress`). */
  partsSent: number;
  /** When an attempt that may have reached the platform began (cleared when it surely did not): see `Delivery`. */
  sendingSince: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface EncryptedSecret {
  iv: string;
  ciphertext: string;
  tag: string;
  last4: string;
}

export interface InboundRecord {
  eventId: number;
  releaseId: number | null;
  clientId: number | null;
  actor: string;
  text: string | null;
  payload: unknown;
  externalId: string | null;
  state: string | null;
}

/** An item as the status view reads it (in the overview only secrets' `{ on_file, last4 }` are read as values). */
export type StatusItemRow = Pick<Item, 'key' | 'status' | 'value' | 'note' | 'setBy' | 'setAt' | 'askedAt' | 'nudges'> &
  Partial<Pick<Item, 'setRole' | 'setHow' | 'pmNote' | 'carriedFrom' | 'confirmPending'>>;

/** A release with its items, next reminder and last client message: what the status model is built from. */
export interface StatusRow {
  releaseId: number;
  clientId: number;
  clientName: string;
  locale: Locale;
  timezone: string;
  pmUser: string | null;
  targetDate: string | null;
  releaseCreatedAt: string;
  nextReminderAt: string | null;
  nextReminderKind: ReminderKind | null;
  nextReminderItem: string | null;
  lastInboundAt: string | null;
  /** For one release: every item. For the overview: only those that need a PM's eye (asked, blocked, a secret on file). */
  items: StatusItemRow[];
  /** Counted by the store when `items` is not every item (the overview). */
  progress?: Progress;
  /**
   * The overview only, with a target date: every unfinished item (key, status, note), so the launch is
   * planned from the same items as the one-release view (an item not asked yet can decide the date).
   */
  openItems?: Pick<Item, 'key' | 'status' | 'note'>[];
}

/** A release with its client and the client's threads: the context a reminder of it fires in. */
export interface ReleaseContext {
  release: Release;
  client: Client;
  threads: Thread[];
  /** The client's contacts (`/release contact add`): who gets questions, who escalations, in which language. */
  contacts: Contact[];
}

/** Every aggregate port writes through the same database: `transaction(fn)` wraps `fn` (nested: a savepoint, a throw rolls back only its own writes). */
export interface Transactional {
  /**
   * `durable: 'later'` (outermost transaction only): the commit takes no fsync on this thread; call
   * `durable()` before anything that relies on it surviving a power cut (acknowledging a message, a
   * platform call). The default commit is on disk when `transaction` returns.
   */
  transaction<T>(fn: () => T, opts?: { durable?: 'now' | 'later' }): T;
  /** Resolves once every commit made so far is on disk (an fsync off the event loop, shared by all who wait). */
  durable(): Promise<void>;
  /**
   * `transaction(fn, { durable: 'later' })` without ever blocking this thread: waits for the other
   * writer of the database (the processing worker) asynchronously, runs `fn` and commits, then
   * resolves once the commit is on disk — or at once after the commit with `durable: 'later'`. The
   * ack path stores with it, the outbox marks its rows.
   */
  transactionAsync<T>(fn: () => T, opts?: { durable?: 'now' | 'later' }): Promise<T>;
  /**
   * Runs `fn` once the outermost transaction commits (at once outside a transaction); dropped if the
   * transaction — or the savepoint it was queued in — rolls back. The event bus publishes through it.
   */
  afterCommit(fn: () => void): void;
}

/** Clients: who a release is for, their language and zone. */
export interface ClientStore extends Transactional {
  findClientByName(name: string): Client | undefined;
  getClient(id: number): Client | undefined;
  createClient(input: { name: string; locale: Locale; timezone: string; at: string }): Client;
  updateClient(id: number, patch: Partial<Pick<Client, 'locale' | 'timezone' | 'opensAt' | 'closesAt'>>): void;
  listClients(): Client[];
}

/** Releases and their checklist items. */
export interface ReleaseRecords extends Transactional {
  openReleaseOf(clientId: number): Release | undefined;
  getRelease(id: number): Release | undefined;
  /** A client's next release: numbered after its last one (`seq`), named if the PM gave a name or version. */
  createRelease(input: {
    clientId: number;
    pmUser: string | null;
    targetDate?: string | null;
    name?: string | null;
    keys: readonly ItemKey[];
    at: string;
  }): Release;
  updateRelease(
    id: number,
    patch: Partial<Pick<Release, 'state' | 'pmUser' | 'targetDate' | 'inviteScene' | 'inviteSceneAt'>> & {
      closedAt?: string;
    },
  ): void;
  /** Every release of a client, oldest first: its release history. */
  releasesOf(clientId: number): Release[];
  /** The release whose invite link carries `scene` (src/use-cases/invite-links.ts). */
  findReleaseByInviteScene(scene: string): Release | undefined;
  listOpenReleases(): Release[];
  /**
   * Each release of `releaseIds` that exists, with its client and the client's threads (oldest
   * first): what firing a burst of reminders needs, read in two statements instead of three per reminder.
   */
  releaseContexts(releaseIds: readonly number[]): Map<number, ReleaseContext>;
  items(releaseId: number): Item[];
  /**
   * Per release of `releaseIds`, the keys of its items not finished (status outside `FINISHED`), in
   * checklist order; a release with none has an empty list. One read for a burst of reminders.
   */
  openItems(releaseIds: readonly number[]): Map<number, ItemKey[]>;
  item(releaseId: number, key: ItemKey): Item | undefined;
  updateItem(releaseId: number, key: ItemKey, patch: ItemPatch, at: string): void;
}

/** Threads: the conversations bound to a client, on any platform. */
export interface ThreadStore extends Transactional {
  findThread(platform: Platform, channel: string): Thread | undefined;
  getThread(id: number): Thread | undefined;
  bindThread(input: {
    clientId: number;
    platform: Platform;
    channel: string;
    threadTs?: string | null;
    kind: ThreadKind;
    shared?: boolean;
    at: string;
  }): Thread;
  updateThread(id: number, patch: Partial<Pick<Thread, 'threadTs' | 'lastInboundAt' | 'shared'>>): void;
  threadsOfClient(clientId: number): Thread[];
  /** Threads of a platform whose channel starts with `prefix` (an adapter's own channel scheme). */
  threadsWithChannelPrefix(platform: Platform, prefix: string): Thread[];
  /** Moves a thread to another channel id, with the address of its messages still to send. */
  rebindChannel(threadId: number, channel: string): void;
}

/** Sealed secrets: a release's App secret and the like, and adapters' credentials (a webhook key) under a fingerprint. */
export interface SecretStore extends Transactional {
  putSecret(releaseId: number, name: string, secret: EncryptedSecret, at: string): void;
  getSecret(releaseId: number, name: string): EncryptedSecret | undefined;
  deleteSecret(releaseId: number, name: string): void;
  /** A credential an adapter keeps sealed (a group robot's webhook key), under its fingerprint. */
  putRobotKey(fingerprint: string, sealed: EncryptedSecret, at: string): void;
  getRobotKey(fingerprint: string): EncryptedSecret | undefined;
}

/** The audit trail and the inbound messages (stored before they are acknowledged). */
export interface EventLog extends Transactional {
  appendEvent(event: NewEvent): number;
  /** Stores an inbound message unless its external id is already stored; returns undefined for a duplicate. */
  recordInbound(event: NewEvent): number | undefined;
  inbound(eventId: number): InboundRecord | undefined;
  markProcessed(eventId: number, releaseId: number | null): void;
  /** Inbound messages stored (and acknowledged) but not processed yet: work to resume after a crash. */
  unprocessedInbound(): number[];
  events(releaseId: number, limit?: number): AuditEvent[];
  lastInboundAt(releaseId: number): string | undefined;
  /** One event with its payload (an item change to undo). */
  event(id: number): AuditEvent | undefined;
  /** The latest item changes `actor` made in a release, newest first, with their payloads. */
  itemChangesBy(releaseId: number, actor: string, limit: number): AuditEvent[];
  /** Whether some later event of the release undid this one (an undo event's payload names it). */
  isUndone(releaseId: number, eventId: number): boolean;
  /** The release's latest event of `type` (e.g. the last App-secret check), if any. */
  lastEvent(releaseId: number, type: string): AuditEvent | undefined;
}

/** Reminder rows: the source of truth the Scheduler mirrors. */
export interface ReminderStore extends Transactional {
  upsertReminder(r: {
    id: string;
    releaseId: number | null;
    itemKey: ItemKey | null;
    kind: ReminderKind;
    dueAt: string;
    payload?: Record<string, unknown> | null;
  }): Reminder;
  getReminder(id: string): Reminder | undefined;
  /** Sets a reminder's state (`at` is kept as sent_at when sent); returns its release id, undefined when there is no such reminder. */
  setReminderState(id: string, state: Reminder['state'], at: string): number | null | undefined;
  remindersOf(releaseId: number, state?: Reminder['state']): Reminder[];
  scheduledReminders(): Reminder[];
  /** Scheduled reminders due by `now`, oldest first, at most `limit` (the worker's sweep of a burst). */
  dueReminders(now: string, limit: number): Reminder[];
  /** The reminders with these ids, in no particular order (missing ids are left out): a batch of jobs re-read at once. */
  remindersByIds(ids: readonly string[]): Reminder[];
  /** The `limit` scheduled reminders due first (due or not yet), oldest first: ids and due times only. */
  nextScheduled(limit: number): Pick<Reminder, 'id' | 'dueAt'>[];
}

/** Outbox rows: every message the bot sends, in order per channel. */
export interface OutboxStore extends Transactional {
  enqueue(entry: NewOutbox): number | undefined;
  /** Pending rows due by `now`, oldest first; only those of `platforms` when given (the ones this process can send). */
  dueOutbox(now: string, limit: number, platforms?: readonly Platform[]): OutboxEntry[];
  /**
   * The oldest pending row of each conversation (`platform` + `address`) of `platforms`, when it is
   * due by `now` — only it may be sent, so a conversation's messages keep their order — oldest first.
   */
  dueHeads(now: string, limit: number, platforms: readonly Platform[]): OutboxEntry[];
  /** Counts pending rows (the /metrics backlog gauge). */
  pendingOutbox(): number;
  getOutbox(id: number): OutboxEntry | undefined;
  markSent(id: number, at: string, ref?: string): void;
  /** Rewrites a sent row's message (a client-page token cut from it once sent). */
  replaceOutboxMessage(id: number, message: OutboundMessage): void;
  /** A failed attempt: counted, retried at `nextAttemptAt`. */
  reschedule(id: number, nextAttemptAt: string, error: string): void;
  /** Not an attempt (pacing, the platform's Retry-After): only moved to `nextAttemptAt`. */
  defer(id: number, nextAttemptAt: string, reason: string): void;
  markOutbox(id: number, state: 'failed' | 'handed_to_pm', error: string): void;
  /** Records that `count` parts of a split message went out (committed at once: a crash after it does not repeat them). */
  markPartsSent(id: number, count: number): void;
  /** Marks a send as handed to the platform (`at`) before the call, or as surely not taken (`null`). */
  markSending(id: number, at: string | null): void;
  /** Sends that went out to a thread since a time (kf counts them against its window). */
  /** Messages sent to a thread since `since`, a split message counting each part (as WeChat counts them). */
  sentSince(threadId: number, since: string): number;
  /** What the bot queued or sent in the release's conversations (newest first): the status page's timeline. */
  releaseMessages(releaseId: number, limit?: number): OutboxEntry[];
}

/** The people around a client: its contacts (who does the work, who decides) and the agency members watching it. */
export interface PeopleStore extends Transactional {
  contactsOf(clientId: number): Contact[];
  /** Adds a contact, or updates the one at that address (role, language, zone, name). */
  putContact(input: {
    clientId: number;
    platform: Platform;
    address: string;
    role: ContactRole;
    name?: string | null;
    locale?: Locale | null;
    timezone?: string | null;
    at: string;
  }): Contact;
  removeContact(id: number): void;
  watchersOf(clientId: number): string[];
  /** Adds (true) or removes (false) a watcher; returns whether anything changed. */
  setWatching(clientId: number, user: string, watching: boolean, at: string): boolean;
}

/** Reads for the status views. */
export interface StatusReads extends Transactional {
  /** Open releases (or one client's latest release) with their items, in one query. */
  statusRows(filter?: { clientId?: number }): StatusRow[];
}

/** Named positions an adapter keeps (a sync cursor), written in the same transaction as what they cover. */
export interface CursorStore extends Transactional {
  getCursor(name: string): string | undefined;
  setCursor(name: string, value: string, at: string): void;
}

/** Client-page links (`/c/<token>`): only token hashes are stored. */
export interface LinkStore extends Transactional {
  createLink(input: Omit<ClientLink, 'id' | 'revokedAt' | 'usedAt'>): ClientLink;
  linkByTokenHash(tokenHash: string): ClientLink | undefined;
  /** A release's links, newest first. */
  linksOf(releaseId: number): ClientLink[];
  /** Revokes a link (no-op when already revoked); returns whether it was live before. */
  revokeLink(id: number, at: string): boolean;
  /** Marks a single-use link used; false when it already was (a second, racing use). */
  useLink(id: number, at: string): boolean;
}

/**
 * The whole database as one object: `db/store.ts` builds it, the composition root (src/main.ts) hands
 * each part only the ports above it uses. Not a port of its own: nothing in the core should need all of it.
 */
export type ReleaseStore = ClientStore &
  ReleaseRecords &
  ThreadStore &
  SecretStore &
  EventLog &
  ReminderStore &
  OutboxStore &
  StatusReads &
  CursorStore &
  PeopleStore &
  LinkStore;
