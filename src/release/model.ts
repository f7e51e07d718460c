/**
 * The release as the core sees it: plain records, no ORM types. `db/store.ts` maps rows to these.
 */
import type { ItemKey, ItemStatus, ItemValue } from '../checklist/types.js';
import type { Locale } from '../i18n/index.js';

/**
 * A chat platform's name, as its adapter registers it (its `Chat.platform`, the prefix of its user ids).
 * Open on purpose: an adapter plugs in without a change here; the core treats it as an opaque name.
 * The adapters this service runs are listed once, in `PLATFORM_PARTS` (src/main.ts).
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
  /** Business hours, minutes after midnight in the recipient's zone (default 09:00–18:00). */
  opensAt?: number;
  closesAt?: number;
  createdAt: string;
}

/** `works`: asked the questions and nudged; `decides`: gets the escalations; `both`: a client's only contact. */
export type ContactRole = 'works' | 'decides' | 'both';

/** A person on the client's side, at a platform address (a thread's platform and channel). */
export interface Contact {
  id: number;
  clientId: number;
  name: string | null;
  platform: Platform;
  address: string;
  role: ContactRole;
  /** Null: the client's language / zone. */
  locale: Locale | null;
  timezone: string | null;
}

export interface Release {
  id: number;
  clientId: number;
  state: 'open' | 'closed';
  /** The client's release number (1, 2, 3…). */
  seq?: number;
  /** A name or version (`v2.1`), if the PM gave one. */
  name?: string | null;
  /** When it was closed, if it is. */
  closedAt?: string | null;
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
/** How: a client's answer (in chat, or on their private page), a PM's command, an undo, or a check with WeChat. */
export type SetHow = 'answer' | 'pm' | 'undo' | 'wechat' | 'page';

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
  /** The release number a repeat release carried this value forward from. */
  carriedFrom?: number | null;
  /** The value waits for the client's yes: carried (`carriedFrom` set) or guessed from a reply (`pendingKind`). */
  confirmPending?: boolean;
  updatedAt: string;
}

/**
 * What a value waiting for the client's yes is: carried from an earlier release ("still right?"), or a reading of
 * their words the reader was not sure of ("is that what you want noted?"); undefined when nothing waits.
 */
export function pendingKind(item: Pick<Item, 'confirmPending' | 'carriedFrom'>): 'carried' | 'guess' | undefined {
  if (!item.confirmPending) return undefined;
  return item.carriedFrom ? 'carried' : 'guess';
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
/** `held`: one recipient's copy of a client message, held until their next working hour (`src/reminders/firing.ts`). */
export type ReminderKind = 'nudge' | 'escalation' | 'whitelist_check' | 'due_date' | 'digest' | 'recheck' | 'held';

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

/**
 * A private client-page link (`PUBLIC_URL/c/<token>`): only the token's SHA-256 is stored. Bound to
 * one release and one contact: saves are recorded as `contact` and echoed to thread `threadId`.
 * `secret` links take only the App secret and work once (`usedAt`).
 */
export interface ClientLink {
  id: number;
  tokenHash: string;
  releaseId: number;
  threadId: number;
  contact: string;
  scope: 'full' | 'secret';
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  usedAt: string | null;
}
