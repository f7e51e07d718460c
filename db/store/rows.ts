/**
 * Row → domain record mappers shared by the store modules: the core never sees drizzle row types.
 *
 *   const row = db.select().from(s.clients).where(eq(s.clients.id, 1)).get();
 *   const client = row && toClient(row);
 */
import type { ItemKey, ItemValue } from '../../src/checklist/types.js';
import type { Locale } from '../../src/i18n/index.js';
import type { OutboundMessage } from '../../src/ports.js';
import type { Client, Contact, Item, Platform, Release, Reminder, Thread } from '../../src/release/model.js';
import type { OutboxEntry } from '../../src/release/store.js';
import type * as s from '../schema.js';

type ClientRow = typeof s.clients.$inferSelect;
type ReleaseRow = typeof s.releases.$inferSelect;
type ThreadRow = typeof s.threads.$inferSelect;
type ItemRow = typeof s.items.$inferSelect;
type ContactRow = typeof s.contacts.$inferSelect;
type ReminderRow = typeof s.reminders.$inferSelect;
type OutboxRow = typeof s.outbox.$inferSelect;

export const toClient = (r: ClientRow): Client => ({
  id: r.id,
  name: r.name,
  locale: r.locale as Locale,
  timezone: r.timezone,
  opensAt: r.opensAt,
  closesAt: r.closesAt,
  createdAt: r.createdAt,
});
export const toRelease = (r: ReleaseRow): Release => ({
  id: r.id,
  clientId: r.clientId,
  state: r.state,
  seq: r.seq,
  name: r.name,
  closedAt: r.closedAt,
  pmUser: r.pmUser,
  targetDate: r.targetDate,
  inviteScene: r.inviteScene,
  inviteSceneAt: r.inviteSceneAt,
  createdAt: r.createdAt,
});
export const toThread = (r: ThreadRow): Thread => ({
  id: r.id,
  clientId: r.clientId,
  platform: r.platform,
  channel: r.channel,
  threadTs: r.threadTs,
  kind: r.kind,
  shared: r.shared,
  lastInboundAt: r.lastInboundAt,
});
export const toItem = (r: ItemRow): Item => ({
  releaseId: r.releaseId,
  key: r.key as ItemKey,
  status: r.status,
  value: (r.value ?? null) as ItemValue | null,
  note: r.note,
  setBy: r.setBy,
  setRole: r.setRole,
  setHow: r.setHow,
  pmNote: r.pmNote,
  setAt: r.setAt,
  askedAt: r.askedAt,
  nudges: r.nudges,
  carriedFrom: r.carriedFrom,
  confirmPending: r.confirmPending,
  updatedAt: r.updatedAt,
});
export const toReminder = (r: ReminderRow): Reminder => ({
  id: r.id,
  releaseId: r.releaseId,
  itemKey: (r.itemKey ?? null) as ItemKey | null,
  kind: r.kind,
  dueAt: r.dueAt,
  state: r.state,
  payload: (r.payload ?? null) as Record<string, unknown> | null,
  sentAt: r.sentAt,
});
export const toOutbox = (r: OutboxRow): OutboxEntry => ({
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
  partsSent: r.partsSent,
  sendingSince: r.sendingSince,
  createdAt: r.createdAt,
  sentAt: r.sentAt,
});

export const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  clientId: r.clientId,
  name: r.name,
  platform: r.platform,
  address: r.address,
  role: r.role,
  locale: (r.locale ?? null) as Locale | null,
  timezone: r.timezone,
});
