/**
 * The release as the core sees it: plain records, no ORM types. `db/store.ts` maps rows to these.
 */
import type { ItemKey, ItemStatus, ItemValue } from '../checklist/types.js';
import type { Locale } from '../i18n/index.js';

/**
 * A chat platform's name, as its adapter registers it (its `Chat.platform`, the prefix of its user ids).
 * Open on purpose: an adapter plugs in without a change here. The platforms this service knows are
 * listed once, in `PLATFORMS` (src/config.ts), for the configuration and the composition root.
 */
export type Platform = string;
/**
 * How a thread is reached. The core knows `channel` (a shared channel where the bot opens a root
 * message and replies under it), `user` (1:1), `appchat` (a send-only group: notices, no questions);
 * an adapter may name its own kind (a session, the local chat).
 */
export type ThreadKind = string;

export interface Client {
  id: number;
  name: string;
  locale: Locale;
  timezone: string;
  createdAt: string;
}

export interface Release {
  id: number;
  clientId: number;
  state: 'open' | 'closed';
  pmUser: string | null;
  targetDate: string | null;
  /** The scene of the release's invite link (a platform that binds by link: src/use-cases/invite-links.ts). */
  inviteScene: string | null;
  /** When the scene (the invite link) was made; it stops binding after `INVITE_LINK_VALID_DAYS`. */
  inviteSceneAt: string | null;
  createdAt: string;
}

export interface Thread {
  id: number;
  clientId: number;
  platform: Platform;
  channel: string;
  threadTs: string | null;
  kind: ThreadKind;
  shared: boolean;
  lastInboundAt: string | null;
}

/** Who recorded an item's value: the client's contact, a PM, or the bot itself. */
export type SetRole = 'client' | 'pm' | 'bot';
/** How: a client's answer, a PM's command, an undo, or a check with WeChat. */
export type SetHow = 'answer' | 'pm' | 'undo' | 'wechat';

export interface Item {
  releaseId: number;
  key: ItemKey;
  status: ItemStatus;
  value: ItemValue | null;
  note: string | null;
  setBy: string | null;
  setRole: SetRole | null;
  setHow: SetHow | null;
  /** A PM's note (`/release note`): status and exports only, never the client. */
  pmNote: string | null;
  setAt: string | null;
  askedAt: string | null;
  nudges: number;
  updatedAt: string;
}

export interface AuditEvent {
  id: number;
  releaseId: number | null;
  clientId: number | null;
  type: string;
  externalId: string | null;
  actor: string;
  itemKey: string | null;
  before: unknown;
  after: unknown;
  text: string | null;
  /** Extra data of the event (an item change: the sealed secret it replaced, the change it undid). */
  payload?: unknown;
  createdAt: string;
}

/** `recheck`: an item waiting on someone else is asked about again on its expected date. */
export type ReminderKind = 'nudge' | 'escalation' | 'whitelist_check' | 'due_date' | 'digest' | 'recheck';

export interface Reminder {
  id: string;
  releaseId: number | null;
  itemKey: ItemKey | null;
  kind: ReminderKind;
  dueAt: string;
  state: 'scheduled' | 'sent' | 'cancelled';
  payload: Record<string, unknown> | null;
  sentAt: string | null;
}
