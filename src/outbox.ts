/**
 * The outbox: every outbound message is a row first, then a send. Each conversation (a platform's
 * channel or contact: `platform:address`) is a lane with strict order — its next row goes out only
 * after the one before it is sent, handed over or given up — and many lanes send at once, up to a
 * global cap (OUTBOX_CONCURRENCY). Each platform's limits (`Chat.limits`: Slack ~1/s per channel,
 * WeCom per member and per app) hold a send back until there is room, and a platform's own
 * "slow down" (429 Retry-After, WeCom 45009) defers the lane; what a platform's policy forbids
 * (kf's 48 h window) or refuses for good is handed to the release's PM instead. Each row is marked
 * in flight before its send, so a send cut short by a crash is retried as an unconfirmed resend
 * the platform can make idempotent (README, "Delivery guarantees").
 *
 *   const outbox = new Outbox({ store, chats, clock, logger, concurrency: 32 });
 *   outbox.post({ kind: 'thread', thread }, { text: 'Hello' });  // inside a transaction: just a row
 *   outbox.start();                                               // the dispatcher drains rows
 */
import type { EventSink } from './events.js';
import { PM_LOCALE, t } from './i18n/index.js';
import { withoutLinkTokens } from './links/client-links.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import {
  type Address,
  type Chat,
  type Clock,
  type Delivery,
  type OutboundMessage,
  PermanentSendError,
  RateLimitedError,
  type SendLimit,
} from './ports.js';
import type { Platform } from './release/model.js';
import type { ClientStore, OutboxEntry, OutboxStore, ReleaseRecords, ThreadStore } from './release/store.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = OutboxStore & ThreadStore & ClientStore & ReleaseRecords;

/** A message still failing this long after it was queued goes to the PM instead (a platform down for a day). */
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
/** Sends in flight at once, across all conversations, when the composition root does not say. */
export const DEFAULT_CONCURRENCY = 32;
const POLL_MS = 200;
/** Conversations looked at per scan beyond those with a send in flight. */
const SCAN = 200;

export interface OutboxDeps {
  store: Store;
  chats: ReadonlyMap<Platform, Chat>;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  /** The global cap: sends in flight at once across all conversations (default `DEFAULT_CONCURRENCY`). */
  concurrency?: number;
  /** `delivery.failed`, published when the hand-over to the PM commits. */
  events?: EventSink;
}

/** `slack:U123` → { platform: 'slack', user: 'U123' }: any adapter's prefix (a lower-case name), then the user. */
export function userAddress(platformUser: string): Address | undefined {
  const match = /^([a-z][a-z0-9-]*):(.+)$/.exec(platformUser);
  if (!match) return undefined;
  return { kind: 'user', platform: match[1] as Platform, user: match[2] as string };
}

/** 1 s, 2 s, 4 s … up to an hour between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** attempts);
}

/**
 * Sliding windows over the sends of this process, one per `SendLimit.key`: how long until a send
 * counted against `limits` fits in all of them (0: now), and `take` to count one. In memory: after
 * a restart the platform's own 429s cover the few sends of the window before it.
 */
export class SendWindows {
  private readonly sent = new Map<string, number[]>();

  waitMs(limits: readonly SendLimit[], now: number): number {
    let wait = 0;
    for (const limit of limits) {
      const times = this.recent(limit, now);
      // The window is full: room again when its oldest send of the last `max` leaves it.
      if (times.length >= limit.max)
        wait = Math.max(wait, (times[times.length - limit.max] ?? now) + limit.windowMs - now);
    }
    return wait;
  }

  take(limits: readonly SendLimit[], now: number): void {
    for (const limit of limits) {
      const times = this.recent(limit, now);
      times.push(now);
      this.sent.set(limit.key, times);
    }
  }

  /** The key's send times still inside its window (older ones dropped, and keys left empty forgotten). */
  private recent(limit: SendLimit, now: number): number[] {
    const times = this.sent.get(limit.key);
    if (!times) return [];
    const from = times.findIndex((at) => at > now - limit.windowMs);
    if (from === -1) {
      this.sent.delete(limit.key);
      return [];
    }
    if (from > 0) times.splice(0, from);
    return times;
  }
}

/** A row marked in flight, to send once that mark is committed. */
interface PreparedSend {
  entry: OutboxEntry;
  chat: Chat;
  to: Address;
  parts: { sent: number; onSent(count: number): void };
  delivery: Delivery;
  sentAt: string;
}

/** A conversation: its rows go out one at a time, in order. */
function laneOf(entry: OutboxEntry): string {
  return `${entry.platform}:${entry.address}`;
}

export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  /** Wakes a drain waiting for a send to finish: a kick brought new rows. */
  private wake: (() => void) | undefined;
  /** Conversations with a send in flight (`platform:address` → that send), at most `concurrency`. */
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly windows = new SendWindows();
  /** Conversations whose send hit a store error in this drain: left alone until the next drain. */
  private readonly stalled = new Set<string>();
  private readonly concurrency: number;
  /** Writes after sends that ended in this tick, committed together (`commitSoon`). */
  private marks: { write(): void; resolve(): void; reject(err: unknown): void }[] = [];

  constructor(private readonly deps: OutboxDeps) {
    this.concurrency = Math.max(1, deps.concurrency ?? DEFAULT_CONCURRENCY);
  }

  /** Sends in flight right now (at most the cap). */
  get inFlight(): number {
    return this.lanes.size;
  }

  /** Stores a message to send (synchronous: call it inside the transaction that decided to send). */
  post(to: Address, message: OutboundMessage, dedupeKey?: string): number | undefined {
    const at = this.deps.clock.now().toISOString();
    if (to.kind === 'thread') {
      return this.deps.store.enqueue({
        threadId: to.thread.id,
        platform: to.thread.platform,
        address: to.thread.channel,
        message,
        dedupeKey,
        at,
      });
    }
    return this.deps.store.enqueue({ threadId: null, platform: to.platform, address: to.user, message, dedupeKey, at });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  /**
   * Drains due rows now (coalesces concurrent calls); resolves when no send is in flight and none
   * is due. Never rejects: it runs from a timer and from `void kick()`, where a rejection would end
   * the process. A store error (SQLite locked, disk full) is logged and the drain stops there; the
   * row it was on is unchanged, so the next drain retries it.
   */
  kick(): Promise<void> {
    if (this.draining) {
      this.again = true;
      this.wake?.();
      return this.draining;
    }
    this.draining = this.drainLoop()
      .catch((err: unknown) => {
        this.again = false;
        this.deps.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'outbox: draining failed (a store error); the rows stay pending and the next drain retries them',
        );
      })
      .finally(() => {
        this.draining = undefined;
      });
    return this.draining;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.draining;
  }

  /** Sends everything due, waiting out rate limits: for tests and shutdown. */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.kick();
      const pending = this.deps.store.dueOutbox('9999-12-31T00:00:00.000Z', 1, [...this.deps.chats.keys()]);
      if (pending.length === 0 || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Starts sends for the conversations whose next row is due, up to the cap; goes on as each send ends. */
  private async drainLoop(): Promise<void> {
    this.stalled.clear();
    for (;;) {
      this.again = false;
      await this.launchDue();
      if (this.lanes.size === 0 && !this.again) return;
      const woken = new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      // A send ended (its lane may have a next row) or a kick brought new rows: scan again.
      if (!this.again) await Promise.race([...this.lanes.values(), woken]);
      this.wake = undefined;
    }
  }

  /**
   * The oldest due row of each conversation (rows behind one still waiting — rate limit, backoff,
   * or in flight — are not due), oldest conversation first; only the platforms this process can
   * send on: rows for another stay pending for the process that can.
   */
  private async launchDue(): Promise<void> {
    const { store, chats } = this.deps;
    if (this.chooseDue().size === 0) return;
    // One transaction marks every chosen row in flight (or defers it, or hands it over): one commit
    // for the lot instead of one per message; each row in its own savepoint. It waits for its turn
    // to write without blocking the event loop (the processing worker may be writing), and chooses
    // the rows again in it; durable later: the sends wait for the fsync (`send`), this thread does not.
    const ready: PreparedSend[] = [];
    let chosen = new Map<string, OutboxEntry>();
    try {
      await store.transactionAsync(
        () => {
          chosen = this.chooseDue();
          for (const entry of chosen.values()) {
            try {
              const prepared = store.transaction(() => this.prepare(entry));
              if (prepared) ready.push(prepared);
              // Settled without a send (deferred, handed over, failed): its lane may have a next row.
              else if (chats.has(entry.platform)) this.again = true;
            } catch (err) {
              this.stall(entry, err);
            }
          }
        },
        { durable: 'later' },
      );
    } catch (err) {
      for (const entry of chosen.values()) this.stall(entry, err);
      return;
    }
    for (const prepared of ready) {
      const lane = laneOf(prepared.entry);
      const sending = this.send(prepared)
        .catch((err: unknown) => this.stall(prepared.entry, err))
        .finally(() => {
          this.lanes.delete(lane);
        });
      this.lanes.set(lane, sending);
    }
  }

  /** The oldest due row of each conversation with no send in flight, up to the cap. */
  private chooseDue(): Map<string, OutboxEntry> {
    const { store, clock, chats } = this.deps;
    const chosen = new Map<string, OutboxEntry>();
    if (this.lanes.size >= this.concurrency) return chosen;
    const heads = store.dueHeads(clock.now().toISOString(), SCAN + this.lanes.size, [...chats.keys()]);
    for (const entry of heads) {
      if (this.lanes.size + chosen.size >= this.concurrency) break;
      const lane = laneOf(entry);
      // Its send is in flight: the next row waits for it.
      if (!this.lanes.has(lane) && !this.stalled.has(lane) && !chosen.has(lane)) chosen.set(lane, entry);
    }
    return chosen;
  }

  /** A store error at this row: its conversation is left alone until the next drain. */
  private stall(entry: OutboxEntry, err: unknown): void {
    this.stalled.add(laneOf(entry));
    this.deps.logger.error(
      { outboxId: entry.id, err: err instanceof Error ? err.message : String(err) },
      'outbox: draining failed at a row (a store error); it stays pending and the next drain retries it',
    );
  }

  private address(entry: OutboxEntry): Address | undefined {
    if (entry.threadId === null) return { kind: 'user', platform: entry.platform, user: entry.address };
    const thread = this.deps.store.getThread(entry.threadId);
    return thread && { kind: 'thread', thread };
  }

  /**
   * One row, the oldest of its conversation, inside the launch's transaction: deferred (a limit),
   * handed to the PM (a policy), or marked in flight and returned to be sent after the commit.
   */
  private prepare(entry: OutboxEntry): PreparedSend | undefined {
    const { store, chats, clock } = this.deps;
    const chat = chats.get(entry.platform);
    const to = this.address(entry);
    if (!chat) return undefined; // not ours to send (dueHeads filters these; a chat removed meanwhile)
    if (!to) {
      store.markOutbox(entry.id, 'failed', 'thread is gone');
      return undefined;
    }
    // Paced on the injected clock, like the retries: one notion of time (tests move it; production's is the system's).
    const limits = chat.limits?.(to) ?? [];
    const wait = this.windows.waitMs(limits, clock.now().getTime());
    if (wait > 0) {
      store.defer(entry.id, new Date(clock.now().getTime() + wait).toISOString(), 'platform rate limit');
      return undefined;
    }
    const parts = { sent: entry.partsSent, onSent: (count: number) => store.markPartsSent(entry.id, count) };
    const policy = chat.policy?.(to, clock.now(), entry.message, parts);
    if (policy && !policy.ok) {
      this.handToPm(
        entry,
        to,
        t(PM_LOCALE, policy.reason === 'window_closed' ? 'outbox.window_closed' : 'outbox.window_full'),
      );
      return undefined;
    }
    // The time it went out is when we sent it, not when the platform's answer came back (kf counts
    // sends against the client's last message: a late stamp would move a send into the next window).
    const sentAt = clock.now().toISOString();
    const delivery = this.markInFlight(entry, sentAt);
    this.windows.take(limits, clock.now().getTime());
    return { entry, chat, to, parts, delivery, sentAt };
  }

  /**
   * The platform call, once the in-flight mark is on disk (with it, the commits before it: the
   * processing that queued this row); then the row is marked sent (batched per tick).
   */
  private async send({ entry, chat, to, parts, delivery, sentAt }: PreparedSend): Promise<void> {
    const { store, logger } = this.deps;
    await store.durable();
    let ref: string | undefined;
    try {
      ref = (await chat.send(to, entry.message, parts, delivery)).ref;
    } catch (err) {
      this.failed(entry, to, err, logger);
      return;
    }
    this.deps.metrics?.count('release_bot_outbound_total', { platform: entry.platform, result: 'sent' });
    // The lane stays busy until this commits: before that the row still looks in flight, and a scan would resend it.
    await this.commitSoon(() => {
      store.markSent(entry.id, sentAt, ref);
      // A client-page link is stored only as its token's hash: once out, the row keeps `/c/…`.
      const redacted = withoutLinkTokens(entry.message);
      if (redacted) store.replaceOutboxMessage(entry.id, redacted);
      if (entry.message.opensThread && ref && to.kind === 'thread') store.updateThread(to.thread.id, { threadTs: ref });
    });
  }

  /**
   * Runs `write` in one transaction with the other writes of this tick (each in its own savepoint),
   * durable later (no fsync waited for: the next in-flight mark's syncs it). A crash — or a power cut —
   * before it is on disk leaves the row marked in flight, and its resend is an unconfirmed one the
   * platform makes idempotent.
   */
  private commitSoon(write: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.marks.push({ write, resolve, reject });
      if (this.marks.length === 1) setImmediate(() => void this.commitMarks());
    });
  }

  private async commitMarks(): Promise<void> {
    const { store } = this.deps;
    let batch: typeof this.marks = [];
    const failed = new Map<(typeof batch)[number], unknown>();
    try {
      // Its turn to write waited for without blocking; what ended meanwhile joins the batch.
      await store.transactionAsync(
        () => {
          batch = this.marks;
          this.marks = [];
          for (const mark of batch) {
            try {
              store.transaction(mark.write);
            } catch (err) {
              failed.set(mark, err);
            }
          }
        },
        { durable: 'later' },
      );
    } catch (err) {
      // Failed before it took them (BEGIN): these were waiting, and no other commit is scheduled for them.
      if (batch.length === 0) [batch, this.marks] = [this.marks, []];
      for (const mark of batch) mark.reject(err);
      return;
    }
    for (const mark of batch) {
      if (failed.has(mark)) mark.reject(failed.get(mark));
      else mark.resolve();
    }
  }

  /**
   * Records, before the platform is called, that this row is in flight: if the process dies during
   * the call, the next attempt (after the restart) knows the message may be out already and tells
   * the chat so (`Delivery.unconfirmed`). A row still marked from an earlier attempt keeps its mark.
   */
  private markInFlight(entry: OutboxEntry, at: string): Delivery {
    if (entry.sendingSince === null) this.deps.store.markSending(entry.id, at);
    return {
      id: entry.id,
      createdAt: entry.createdAt,
      unconfirmed: entry.sendingSince !== null,
      since: entry.sendingSince ?? at,
    };
  }

  private failed(entry: OutboxEntry, to: Address, err: unknown, logger: Logger): void {
    const { store, clock } = this.deps;
    this.deps.metrics?.count('release_bot_outbound_total', { platform: entry.platform, result: 'failed_attempt' });
    // The platform answered "no": nothing went out. Any other failure (a timeout, a lost answer, a
    // 5xx) may have sent it, so the row stays marked and the retry is an unconfirmed resend.
    if (err instanceof RateLimitedError || err instanceof PermanentSendError) store.markSending(entry.id, null);
    if (err instanceof RateLimitedError) {
      store.defer(entry.id, new Date(clock.now().getTime() + err.retryAfterMs).toISOString(), err.message);
      return;
    }
    if (err instanceof PermanentSendError) {
      logger.warn({ outboxId: entry.id, err: err.message }, 'send refused for good');
      this.handToPm(entry, to, err.reason);
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (clock.now().getTime() - Date.parse(entry.createdAt) >= GIVE_UP_AFTER_MS) {
      logger.error({ outboxId: entry.id, err: message }, 'send failed; giving up');
      this.handToPm(
        entry,
        to,
        t(PM_LOCALE, 'outbox.gave_up', { hours: GIVE_UP_AFTER_MS / 3_600_000, error: message }),
        message,
      );
      return;
    }
    logger.warn({ outboxId: entry.id, attempt: entry.attempts + 1, err: message }, 'send failed; will retry');
    store.reschedule(entry.id, new Date(clock.now().getTime() + backoffMs(entry.attempts)).toISOString(), message);
  }

  /**
   * The bot may not (or cannot) send this: tell the release's PM, with the message and the reason
   * (their words, from i18n); the row keeps `error`, the technical cause, for the operator.
   */
  private handToPm(entry: OutboxEntry, to: Address, reason: string, error = reason): void {
    const { store } = this.deps;
    this.deps.metrics?.count('release_bot_outbound_total', { platform: entry.platform, result: 'handed_to_pm' });
    store.transaction(() => {
      store.markOutbox(entry.id, 'handed_to_pm', error);
      this.deps.events?.emit('delivery.failed', { outboxId: entry.id, to, reason });
      if (to.kind !== 'thread') return; // a DM to a PM that failed: nobody else to tell
      const client = store.getClient(to.thread.clientId);
      const release = client && store.openReleaseOf(client.id);
      const pm = release?.pmUser ? userAddress(release.pmUser) : undefined;
      if (!client || !pm) return;
      this.post(pm, {
        text: t(PM_LOCALE, 'outbox.handed_to_pm', { client: client.name, reason, message: entry.message.text }),
      });
    });
  }
}
