/**
 * What the core needs from the world, as small interfaces. `bots/*` implement `Chat`, `jobs/`
 * implements `Scheduler`, tests pass a fake `Clock`. The core imports no SDK.
 */
import type { ItemKey } from './checklist/types.js';
import type { Platform, Reminder, Thread } from './release/model.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// === Outbound messages: localized already, platform-neutral; adapters render them.

export interface Button {
  /**
   * Stable action id the adapter routes back: `answer` (sets an item), `secret` (opens a private
   * form), `undo` / `edit` (take back or change the fact recorded by event `value`).
   */
  action: 'answer' | 'secret' | 'snooze' | 'open' | 'undo' | 'edit';
  label: string;
  itemKey?: ItemKey;
  value?: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'question'; number: number; itemKey: ItemKey; text: string; hint?: string }
  | { type: 'progress'; label: string; done: number; total: number; detail?: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'divider' };

export interface OutboundMessage {
  /** Plain-text fallback: complete on its own (notifications, platforms without rich rendering). */
  text: string;
  blocks?: Block[];
  /** The root message of a release thread: once sent, its platform ref becomes the thread's `threadTs`. */
  opensThread?: boolean;
}

/** Where a message goes: a bound thread, or straight to a person (a PM's DM). */
export type Address = { kind: 'thread'; thread: Thread } | { kind: 'user'; platform: Platform; user: string };

/**
 * Where a message the platform takes in several parts stands: `sent` parts already went out (a
 * retry skips them) and `onSent(n)` records, after each part, that n have — so a failure at part 2
 * does not repeat part 1 to the client.
 */
export interface PartProgress {
  sent: number;
  onSent(count: number): void;
}

/**
 * Which message this is, for platforms that can make a resend idempotent: `id` (the outbox row)
 * and `createdAt` name it (a database started afresh reuses ids, not creation times). `unconfirmed`:
 * an earlier attempt may have reached the platform (the process died during the call, or its
 * answer was lost) — look for it, or ask the platform to drop a duplicate, before sending again.
 * `since`: when that earlier attempt began.
 */
export interface Delivery {
  id: number;
  createdAt: string;
  unconfirmed: boolean;
  since: string;
}

export interface SentRef {
  /** The platform's id of the sent message (Slack ts, WeCom msgid), when it gives one. */
  ref?: string;
}

/** Thrown by a `Chat` when the platform says "slow down": the outbox retries after `retryAfterMs`. */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`Rate limited; retry after ${retryAfterMs} ms`, options);
  }
}

/** Thrown by a `Chat` for a failure that no retry can fix (channel gone, user left). */
export class PermanentSendError extends Error {
  readonly code = 'SEND_REFUSED';
  constructor(
    message: string,
    /** Plain words for the PM, as a message key argument. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a platform says about a send before it is attempted (kf's 48 h / 5-message window). */
export type SendPolicy = { ok: true } | { ok: false; reason: 'window_closed' | 'window_full' };

/**
 * One of a platform's sending limits: at most `max` sends with the same `key` in any `windowMs`
 * (a sliding window). The key names what the platform counts: a channel, a member, the whole app.
 *
 *   { key: 'slack:channel:C1', max: 3, windowMs: 3_000 }  // Slack: ~1/s per channel, bursts of 3
 */
export interface SendLimit {
  key: string;
  max: number;
  windowMs: number;
}

export interface Chat {
  readonly platform: Platform;
  /**
   * The platform's documented limits that a send to `to` counts against; the outbox holds a send
   * back until every one has room (none: only the platform's own 429s pace it).
   */
  limits?(to: Address): readonly SendLimit[];
  /** `parts` is given by the outbox: a chat that splits a message sends only the parts not yet sent, and reports each. */
  send(to: Address, message: OutboundMessage, parts?: PartProgress, delivery?: Delivery): Promise<SentRef>;
  /** Optional gate checked by the outbox before sending; a refusal hands the message to the PM. */
  policy?(to: Address, now: Date, message: OutboundMessage, parts: PartProgress): SendPolicy;
}

/** Why WeChat refused an App ID + App secret pair, or could not be asked. */
export type AppSecretProblem = 'wrong_secret' | 'wrong_app_id' | 'ip_not_allowed' | 'frozen' | 'unavailable';
export type AppSecretCheck = { ok: true } | { ok: false; problem: AppSecretProblem; errcode?: number; ip?: string };

/** An MP's subscription-message template (WeChat's `priTmplId` and title). */
export interface MpTemplate {
  id: string;
  title: string;
}

export type TemplateList =
  | { ok: true; templates: MpTemplate[] }
  | { ok: false; problem: AppSecretProblem; errcode?: number; ip?: string };

/** WeChat's server API, as far as the bot needs it (WECHAT_API_BASE). */
export interface WeChatApi {
  /** Does this pair get an access token? The token is kept in memory only (per App ID), never stored or logged. */
  checkAppSecret(appId: string, secret: string): Promise<AppSecretCheck>;
  /** The MP's subscription-message templates (`wxaapi/newtmpl/gettemplate`), with a token from this pair. */
  templates(appId: string, secret: string): Promise<TemplateList>;
}

export interface Scheduler {
  /** Mirrors a stored reminder as a delayed job (idempotent: one job per reminder id and due time). */
  schedule(reminder: Reminder): Promise<void>;
  /** Drops the job of a reminder for the due time it was scheduled at (`dueAt`, when known). */
  cancel(reminderId: string, dueAt?: string): Promise<void>;
}
