/**
 * The bot's one front door for every adapter (docs/architecture.md, "The inbound path"):
 *
 *   const stored = await bot.accept(inbound);      // durable (deduplicated): now acknowledge the platform
 *   // the message is read and answered after the acknowledgement, off the request's critical path
 *
 * `accept` stores what arrived in the same tick in ONE transaction (one fsync for many requests),
 * resolves, and the adapter acknowledges; a queue drained by this process then understands each
 * stored message (or runs each stored PM command) and queues the replies, one transaction each. A
 * delivery seen before (same platform id) is stored once and processed once; a message stored but
 * not processed when the process died is picked up by `recover()` at the next start — a stored PM
 * command too, whose answer then goes to the PM as a message.
 *
 * A PM command takes the same path on every platform: the adapter marks it (`Inbound.command`) and
 * may pass the platform's live way of answering (Slack: the command's response_url); without one —
 * and always after a restart — the reply is queued in the outbox to the PM.
 *
 * An adapter whose answer is the page itself (the local chat page, the terminal chat, the client
 * page) waits for its message to be processed too: `accept(inbound, { untilProcessed: true })`.
 * Each processed message commits with a `changes.committed` event (src/events.ts); the queue waits
 * for its reactions (reminder jobs, pending checks, the outbox kick) once per slice.
 *
 * `receive` (store now, synchronously) and `later` are the two halves, for an adapter that stores in
 * its own transaction (the 微信客服 pull stores a page with its cursor).
 */
import { randomUUID } from 'node:crypto';
import { clientAsReadAt } from './release/recipients.js';
import type { ItemKey } from './checklist/types.js';
import type { Commands, CommandContext, CommandReply } from './commands/index.js';
import type { Conversation, ReceivedAttachment } from './conversation/flow.js';
import type { EventSinkAwaited } from './events.js';
import type { HumanTakeover } from './use-cases/human-takeover.js';
import type { AttachmentFetcher, Fetched } from './files/fetch.js';
import type { FileStore } from './files/store.js';
import type { Inbound } from './inbound.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { type Outbox, userAddress } from './outbox.js';
import type { Address, Clock, OutboundMessage } from './ports.js';
import type { Platform, Thread } from './release/model.js';
import { findSecretRuns, maskSecretsIn, type SecretContext, unmaskRuns } from './release/secret-runs.js';
import type { SecretBox } from './release/secrets.js';
import type {
  ClientStore,
  EncryptedSecret,
  EventLog,
  InboundRecord,
  PeopleStore,
  ReleaseRecords,
  ThreadStore,
} from './release/store.js';
import { type Locale, pmLocaleOf, t } from './i18n/index.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ClientStore & ReleaseRecords & ThreadStore & EventLog & Pick<PeopleStore, 'contactsOf'>;

/** Stored with an inbound event: everything needed to process it later, secrets sealed. */
interface InboundPayload {
  platform: Inbound['platform'];
  channel: string;
  threadTs?: string | null;
  sealed?: EncryptedSecret[];
  secretItem?: 'app_secret' | 'open_platform';
  choice?: { itemKey: ItemKey; value: string };
  undo?: Inbound['undo'];
  /** An Edit form's submission, its secret runs masked (stored so); their sealed copies are `editSealed`. */
  edit?: Inbound['edit'];
  editSealed?: EncryptedSecret[];
  attachments?: Inbound['attachments'];
  edited?: boolean;
  /** A PM command (see `Inbound.command`): run by `process`, also after a restart. */
  command?: Inbound['command'];
  /** The command's credentials (a webhook key), sealed; the stored text shows each as `shown`. */
  credentials?: { shown: string; sealed: EncryptedSecret }[];
  /** The agency's own staff wrote (see `Inbound.staff`). */
  staff?: boolean;
  /** A human agent has the conversation (see `Inbound.humanHandled`). */
  humanHandled?: boolean;
  via?: Inbound['via'];
  mark?: Inbound['mark'];
  upload?: Inbound['upload'];
}

/** How a platform shows a command's reply when the bot posts it (e.g. WeCom: the status as blocks). */
export type CommandReplyRenderer = (reply: CommandReply, locale: Locale) => OutboundMessage;

export type ReceiveResult = { kind: 'stored'; eventId: number } | { kind: 'duplicate' };

/**
 * The platform's live way to answer a PM command (Slack: post to the command's response_url).
 * `reply` gets the reply and the language it is in; when it throws, the reply goes to the PM
 * through the outbox. `failed`: the command threw — it changed nothing and is not run again (without a
 * live answer the PM gets the same words as a message).
 */
export interface CommandAnswer {
  reply(reply: CommandReply, locale: Locale): Promise<void>;
  failed(locale: Locale): Promise<void>;
}

export interface AcceptOptions {
  /** For a PM command (`Inbound.command`): how to answer it while the request that brought it is live. */
  answer?: CommandAnswer;
  /**
   * Resolve once the message is also processed and the reactions to it ran (an adapter whose answer
   * is the page itself: the local chat page, the terminal chat, the client page). Rejects when
   * processing failed (a client's message stays stored and `recover()` retries it at the next start; a
   * command that threw is done with, the PM told).
   */
  untilProcessed?: boolean;
}

interface Arrival {
  inbound: Inbound;
  opts: AcceptOptions;
  resolve(result: ReceiveResult): void;
  reject(err: unknown): void;
}

/** Someone waiting for a stored message to be processed (`AcceptOptions.untilProcessed`). */
interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

/** How many stored messages are processed before the loop yields (so new requests get their ack). */
const PROCESS_SLICE = 32;
/** How many slices may be with the processing worker at once (handed over, not yet settled). */
const SLICES_HANDED_OVER = 4;
/**
 * How long client messages may share one transaction (one fsync): long enough for several messages,
 * short enough that the other writer (the ack path's store, with PROCESSING=worker) waits little.
 */
const BATCH_MS = 10;

/**
 * Where stored messages are read and answered instead of this thread (PROCESSING=worker:
 * src/processing.ts). `process` resolves once their transactions committed there and rejects when
 * that place is gone: the bot then processes them itself (processing is idempotent).
 */
export interface ProcessingElsewhere {
  /** Processes the stored messages there; resolves with the ids whose processing failed (they stay stored). */
  process(eventIds: readonly number[]): Promise<number[]>;
}

export interface BotDeps {
  store: Store;
  conversation: Conversation;
  commands: Commands;
  outbox: Outbox;
  /** Each processed message or command commits with `changes.committed`; the queue waits for the reactions. */
  events: EventSinkAwaited;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  /** PM_USERS: in a client's thread their messages are the agency talking, not the client answering. */
  pmUsers?: readonly string[];
  /** Where attachments are kept (src/files); without it they are only acknowledged. */
  files?: FileStore;
  /** A message that arrived while a human held the session is kept for the PM (src/use-cases/human-takeover.ts). */
  takeover: Pick<HumanTakeover, 'keep'>;
  /**
   * True while another thread waits to write the database (the processing worker's side: the service
   * storing what it acknowledges, db/write-turns.ts): a batch of messages commits now instead of
   * holding the write lock for `BATCH_MS`.
   */
  otherWriterWaits?: () => boolean;
}

export class ReleaseBot {
  private readonly replyRenderers = new Map<Platform, CommandReplyRenderer>();
  /** Stored commands being run now: `recover()` and an adapter may ask for the same one at once. */
  private readonly commandsRunning = new Set<number>();
  /** Arrived in this tick, to store together (one transaction, one fsync). */
  private arrivals: Arrival[] = [];
  /** Being stored: waiting for the turn to write, or for the commit to be on disk. */
  private readonly storing = new Set<Promise<void>>();
  /** Stored and acknowledged, to read and answer after the acknowledgement. */
  private readonly toProcess: number[] = [];
  /** Live ways to answer the stored commands in `toProcess`. */
  private readonly answers = new Map<number, CommandAnswer>();
  /** Adapters waiting for a stored message to be processed (`AcceptOptions.untilProcessed`). */
  private readonly waiters = new Map<number, Waiter[]>();
  private draining: Promise<void> | undefined;
  private readonly fetchers = new Map<Platform, AttachmentFetcher>();
  private elsewhere: ProcessingElsewhere | undefined;

  constructor(private readonly deps: BotDeps) {}

  /**
   * How `platform` shows the replies of stored commands (`Inbound.command`); default: the reply's text.
   *
   *   bot.renderCommandReplies('wecom', (reply, locale) => ({ text: reply.message.text, blocks: … }));
   */
  renderCommandReplies(platform: Platform, render: CommandReplyRenderer): void {
    this.replyRenderers.set(platform, render);
  }

  /**
   * The one inbound path: stores `inbound` durably (deduplicated by its platform id) together with
   * everything else that arrived in this tick, then resolves — the adapter acknowledges the platform
   * next. Reading and answering happen after, in this process's queue (`idle()` waits for it).
   * Rejects when the store failed: answer the platform with an error so it delivers again.
   */
  accept(inbound: Inbound, opts: AcceptOptions = {}): Promise<ReceiveResult> {
    return new Promise<ReceiveResult>((resolve, reject) => {
      this.arrivals.push({ inbound, opts, resolve, reject });
      if (this.arrivals.length === 1) setImmediate(() => this.storeArrivals());
    });
  }

  /**
   * One transaction for everything that arrived by the time this thread may write (the processing
   * worker may be writing: waited for without blocking the event loop), each arrival in its own
   * savepoint; the commit is made durable off the event loop (one fsync shared with whatever else
   * committed meanwhile) and only then does anyone hear "stored" — the adapter acknowledges next.
   */
  private storeArrivals(): void {
    let batch: Arrival[] = [];
    const results: (ReceiveResult | { kind: 'failed'; err: unknown })[] = [];
    const storing = this.deps.store
      .transactionAsync(() => {
        batch = this.arrivals;
        this.arrivals = [];
        for (const arrival of batch) {
          try {
            results.push(this.receive(arrival.inbound));
          } catch (err) {
            results.push({ kind: 'failed', err });
          }
        }
      })
      .then(
        () => this.stored(batch, results),
        (err: unknown) => {
          // Not stored, or not surely on disk: none is acknowledged (the platform delivers again,
          // deduplicated) nor processed now — `recover()` takes what is there at the next start.
          // Failed before it took them (BEGIN): these were waiting, and no other store is scheduled for them.
          if (batch.length === 0) [batch, this.arrivals] = [this.arrivals, []];
          this.deps.logger.error({ err, count: batch.length }, 'storing inbound messages failed; none is acknowledged');
          for (const arrival of batch) arrival.reject(err);
        },
      );
    this.storing.add(storing);
    void storing.finally(() => this.storing.delete(storing));
  }

  /** On disk: each arrival hears its result, and what was stored is queued for processing. */
  private stored(
    batch: readonly Arrival[],
    results: readonly (ReceiveResult | { kind: 'failed'; err: unknown })[],
  ): void {
    batch.forEach((arrival, i) => {
      const result = results[i];
      if (!result || result.kind === 'failed') return arrival.reject(result?.err ?? new Error('not stored'));
      if (result.kind === 'duplicate' || !arrival.opts.untilProcessed) arrival.resolve(result);
      else this.waitFor(result.eventId, { resolve: () => arrival.resolve(result), reject: arrival.reject });
      if (result.kind === 'stored') this.later(result.eventId, arrival.opts.answer);
    });
  }

  private waitFor(eventId: number, waiter: Waiter): void {
    this.waiters.set(eventId, [...(this.waiters.get(eventId) ?? []), waiter]);
  }

  /**
   * Queues a stored message for reading and answering after the current acknowledgements went out
   * (the 微信客服 pull stores in its own transaction, then hands the ids here).
   */
  later(eventId: number, answer?: CommandAnswer): void {
    this.toProcess.push(eventId);
    if (answer) this.answers.set(eventId, answer);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    this.draining ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.draining = undefined;
        // Queued between the drain's last look and here.
        if (this.toProcess.length > 0) this.scheduleDrain();
      });
  }

  /**
   * From now on stored client messages are read and answered there (a worker thread); PM commands
   * (their live answer is here) and messages with attachments to fetch (the fetchers are here) stay.
   */
  processElsewhere(target: ProcessingElsewhere | undefined): void {
    this.elsewhere = target;
  }

  /**
   * Processes the queue in slices, waiting once per slice for the reactions to what committed
   * (reminder jobs, pending checks, the outbox kick), yielding between slices. A slice that goes
   * whole to the processing worker is handed over without waiting for the one before it (up to
   * `SLICES_HANDED_OVER`): the worker takes them in turn while this thread settles what is done; a
   * slice with something to process here first waits for every slice handed over before it.
   */
  private async drain(): Promise<void> {
    let handedOver: Promise<void> = Promise.resolve();
    let inFlight = 0;
    while (this.toProcess.length > 0) {
      const taken = this.toProcess.splice(0, PROCESS_SLICE);
      const elsewhere = this.elsewhere;
      if (elsewhere && inFlight < SLICES_HANDED_OVER && !taken.some((eventId) => this.mustProcessHere(eventId))) {
        inFlight += 1;
        const there = elsewhere.process(taken);
        there.catch(() => undefined); // heard when its turn to settle comes
        // Settled in the order handed over (a worker gone meanwhile: each falls back here, in turn).
        handedOver = handedOver
          .then(() => this.settle(taken, () => this.handedOver(elsewhere, taken, there)))
          .finally(() => (inFlight -= 1));
      } else {
        await handedOver;
        await this.settle(taken, () => (this.elsewhere ? this.processSplit(taken) : this.processMany(taken)));
      }
      if (this.toProcess.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await handedOver;
  }

  /** Processes a slice (`work`), waits for the reactions to its commits, then tells its waiters. */
  private async settle(taken: readonly number[], work: () => Promise<Map<number, unknown>>): Promise<void> {
    let failed: Map<number, unknown>;
    try {
      failed = await work();
      await this.deps.events.idle();
    } catch (err) {
      // Never an unhandled rejection (it would stop the service): the slice's waiters hear it, and what
      // did not commit stays stored for `recover()`.
      this.deps.logger.error({ err, count: taken.length }, 'processing a slice of stored messages failed');
      failed = new Map(taken.map((eventId) => [eventId, err]));
    }
    for (const eventId of taken) {
      const waiting = this.waiters.get(eventId) ?? [];
      this.waiters.delete(eventId);
      const err = failed.get(eventId);
      for (const waiter of waiting)
        if (err === undefined) waiter.resolve();
        else waiter.reject(err);
    }
  }

  /**
   * A slice in its order: runs of messages that may be processed elsewhere are handed over (and waited
   * for), the others — PM commands, messages with files to fetch — processed here between them, so a
   * screenshot and the "这是图标" after it are read in the order they came. Returns what failed.
   */
  private async processSplit(slice: number[]): Promise<Map<number, unknown>> {
    const failed = new Map<number, unknown>();
    const hereAt = slice.map((eventId) => this.mustProcessHere(eventId));
    let i = 0;
    while (i < slice.length) {
      const here = hereAt[i];
      let end = i + 1;
      while (end < slice.length && hereAt[end] === here) end += 1;
      const run = slice.slice(i, end);
      const elsewhere = this.elsewhere;
      const failedRun =
        here || !elsewhere
          ? await this.processMany(run)
          : await this.handedOver(elsewhere, run, elsewhere.process(run));
      for (const [id, err] of failedRun) failed.set(id, err);
      i = end;
    }
    return failed;
  }

  /**
   * A run handed to the worker (`there`: its answer); when the worker is gone (logged by it), processed
   * by this thread, as everything from now on — what it committed there is skipped as processed.
   * Returns what failed.
   */
  private async handedOver(
    elsewhere: ProcessingElsewhere,
    run: readonly number[],
    there: Promise<number[]>,
  ): Promise<Map<number, unknown>> {
    let failedThere: number[];
    try {
      failedThere = await there;
    } catch {
      if (this.elsewhere === elsewhere) this.elsewhere = undefined;
      return this.processMany(run);
    }
    this.deps.metrics?.count('release_bot_processed_total', { where: 'worker' }, run.length - failedThere.length);
    const err = new Error('processing failed; it is retried at the next start');
    return new Map(failedThere.map((id) => [id, err]));
  }

  /** What awaits (a command, files to fetch) or has a live answer waiting stays in this thread. */
  private mustProcessHere(eventId: number): boolean {
    return this.answers.has(eventId) || this.awaitsSomething(eventId);
  }

  /**
   * Processes stored messages here without settling (the processing worker's side: the service
   * reacts when the batch is done). A failure is logged and the message stays stored for `recover()`;
   * the ids that failed are returned (the service rejects whoever waits for them).
   */
  async processStored(eventIds: readonly number[]): Promise<number[]> {
    return [...(await this.processMany(eventIds)).keys()];
  }

  /**
   * Processes stored messages in order. Client messages share a transaction, each in its own
   * savepoint, for at most `BATCH_MS` (one fsync for many messages; a failing one rolls back alone);
   * a PM command or a message with files to fetch runs on its own, as both await. A failure is logged
   * and the message stays stored: `recover()` retries it at the next start.
   */
  private async processMany(eventIds: readonly number[]): Promise<Map<number, unknown>> {
    const failed = new Map<number, unknown>();
    let i = 0;
    while (i < eventIds.length) {
      const eventId = eventIds[i] as number;
      if (!this.awaitsSomething(eventId)) {
        i = this.processRun(eventIds, i, failed);
        continue;
      }
      const answer = this.answers.get(eventId);
      this.answers.delete(eventId);
      await this.processQuietly(eventId, answer).catch((err: unknown) => failed.set(eventId, err)); // logged there
      i += 1;
    }
    return failed;
  }

  /** From `from` on, messages that await nothing, in one transaction; returns the index it stopped at. */
  private processRun(eventIds: readonly number[], from: number, failed: Map<number, unknown>): number {
    const { store } = this.deps;
    const started = performance.now();
    let i = from;
    try {
      store.transaction(() => {
        do {
          const eventId = eventIds[i] as number;
          i += 1;
          try {
            store.transaction(() => this.processReceived(eventId, undefined));
          } catch (err) {
            this.processingFailed(eventId, err);
            failed.set(eventId, err);
          }
        } while (
          i < eventIds.length &&
          performance.now() - started < BATCH_MS &&
          !this.deps.otherWriterWaits?.() &&
          !this.awaitsSomething(eventIds[i] as number)
        );
      });
    } catch (err) {
      for (const eventId of eventIds.slice(from, i)) {
        this.processingFailed(eventId, err);
        failed.set(eventId, err);
      }
    }
    return i;
  }

  /** A PM command (run by `Commands`, which may await) or a client's files to fetch: processed on its own. */
  private awaitsSomething(eventId: number): boolean {
    const record = this.deps.store.inbound(eventId);
    const payload = record?.payload as InboundPayload | undefined;
    if (!record || !payload || record.state !== 'received') return false;
    return payload.command !== undefined || (payload.attachments?.some((a) => a.ref && a.kind !== 'other') ?? false);
  }

  /** Inside a transaction: understands a stored message, if still unprocessed, and queues the replies. */
  private processReceived(eventId: number, attachments: ReceivedAttachment[] | undefined): void {
    const current = this.deps.store.inbound(eventId);
    if (!current || current.state !== 'received') return;
    this.converse(eventId, current.actor, current.text, current.payload as InboundPayload, attachments);
    this.deps.events.emit('changes.committed', { by: 'message' });
  }

  private processingFailed(eventId: number, err: unknown): void {
    // Ids only, never the text: the client may have typed a secret.
    this.deps.logger.error(
      {
        err: err instanceof Error ? err.message : String(err),
        eventId,
        externalId: this.deps.store.inbound(eventId)?.externalId,
      },
      'processing an inbound message failed; it stays stored and is retried at the next start',
    );
  }

  /** Resolves once everything accepted so far is stored and processed (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.arrivals.length > 0 || this.storing.size > 0 || this.draining) {
      if (this.draining) await this.draining;
      else if (this.storing.size > 0) await Promise.all(this.storing);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * How `platform`'s attachments are downloaded (its adapter registers this); a message's images and
   * files are then fetched after the ack, stored and linked to their item.
   */
  fetchFilesWith(platform: Platform, fetcher: AttachmentFetcher): void {
    this.fetchers.set(platform, fetcher);
  }

  /** Durably stores an inbound message now; secrets in it are sealed, the stored text has them masked. */
  receive(inbound: Inbound): ReceiveResult {
    const { store, secrets, clock } = this.deps;
    const thread = store.findThread(inbound.platform, inbound.channel);
    const release = thread ? store.openReleaseOf(thread.clientId) : undefined;
    // A hex run near "secret", or any while the secret question is open, is sealed and masked like a secret.
    const context: SecretContext = { secretAsked: release !== undefined && this.secretAsked(release.id) };
    const found = findSecretRuns(inbound.text ?? '', context);
    const plainSecrets = inbound.secret ? [inbound.secret.value.trim()] : found.runs;
    // An Edit form's text is stored like a message's: secrets sealed apart, the text masked.
    const editFound = inbound.edit ? findSecretRuns(inbound.edit.text, context) : undefined;
    // A command's credentials (a group robot's webhook key) are sealed too; the stored text shows them masked.
    // Read as the command reads it (NFKC: a full-width colon typed by a Chinese input method is a colon), every copy masked.
    const commandText = inbound.command ? found.masked.normalize('NFKC') : found.masked;
    const credentials = inbound.command ? this.deps.commands.credentialsIn(commandText) : [];
    const storedText = credentials.reduce((text, c) => text.replaceAll(c.plain, () => c.shown), commandText);
    const payload: InboundPayload = {
      platform: inbound.platform,
      channel: inbound.channel,
      threadTs: inbound.threadTs ?? null,
      sealed: plainSecrets.map((s) => secrets.seal(s)),
      secretItem: inbound.secret?.itemKey,
      choice: inbound.choice,
      undo: inbound.undo,
      edit: inbound.edit && editFound ? { ...inbound.edit, text: editFound.masked } : undefined,
      editSealed: editFound && editFound.runs.length > 0 ? editFound.runs.map((s) => secrets.seal(s)) : undefined,
      attachments: maskAttachmentNames(inbound.attachments, context),
      edited: inbound.edited,
      command: inbound.command,
      ...(credentials.length > 0
        ? { credentials: credentials.map((c) => ({ shown: c.shown, sealed: secrets.seal(c.plain) })) }
        : {}),
      staff: inbound.staff,
      humanHandled: inbound.humanHandled,
      via: inbound.via,
      mark: inbound.mark,
      upload: inbound.upload,
    };
    const at = clock.now().toISOString();
    const result = store.transaction(() => {
      const eventId = store.recordInbound({
        type: 'inbound',
        externalId: `${inbound.platform}:${inbound.externalId}`,
        actor: inbound.sender,
        clientId: thread?.clientId ?? null,
        releaseId: release?.id ?? null,
        text: inbound.text === undefined ? null : storedText,
        payload,
        at,
      });
      if (eventId === undefined) return { kind: 'duplicate' } as const;
      // A PM's command run in the conversation is not the client writing (the status's "last reply").
      if (thread && !inbound.command) store.updateThread(thread.id, { lastInboundAt: at });
      return { kind: 'stored', eventId } as const;
    });
    // PM commands are counted apart from the messages of the conversations.
    const counter = inbound.command ? 'release_bot_commands_total' : 'release_bot_inbound_total';
    this.deps.metrics?.count(counter, { platform: inbound.platform, result: result.kind });
    return result;
  }

  /** The client was asked for a secret and has not given it: whatever hex they send now may be it. */
  private secretAsked(releaseId: number): boolean {
    const { store } = this.deps;
    return (['app_secret', 'open_platform'] as const).some((key) => store.item(releaseId, key)?.status === 'asked');
  }

  /** Understands a stored message and queues the replies; idempotent. Waits for the reactions to it. */
  async process(eventId: number): Promise<void> {
    await this.processQuietly(eventId);
    await this.deps.events.idle();
  }

  /** `process` without waiting for the reactions: the drain waits once per slice. */
  private async processQuietly(eventId: number, answer?: CommandAnswer): Promise<void> {
    const { store } = this.deps;
    const record = store.inbound(eventId);
    if (!record) return;
    const { command } = record.payload as InboundPayload;
    if (command) return this.runStoredCommand(record, command, answer);
    // Downloads happen before the transaction (it must not await); a re-run stores the same content once.
    const attachments = record.state === 'received' ? await this.storeAttachments(record) : undefined;
    try {
      store.transaction(() => this.processReceived(eventId, attachments));
    } catch (err) {
      this.processingFailed(eventId, err);
      throw err;
    }
  }

  /** `accept` that resolves once the message is processed (tests; the same path as every adapter's). */
  handle(inbound: Inbound): Promise<ReceiveResult> {
    return this.accept(inbound, { untilProcessed: true });
  }

  /** Processes what was stored (and acknowledged) but not processed before the last stop. */
  async recover(): Promise<number> {
    const pending = this.deps.store.unprocessedInbound();
    let done = 0;
    for (const id of pending) {
      try {
        await this.process(id);
        done += 1;
      } catch {
        // Logged by process(); it stays stored and is tried again at the next start. One bad message
        // must not keep the service from starting.
      }
    }
    return done;
  }

  /**
   * A PM command on the one inbound path, answered in the same call (tests): stored as an `Inbound`
   * marked `command`, run by the queue, its reply handed back instead of posted.
   *
   *   const reply = await bot.command({ platform: 'local', user: 'local:pm', isPm: true, locale: 'en' }, 'status');
   */
  async command(ctx: CommandContext, text: string): Promise<CommandReply> {
    let answered: CommandReply | undefined;
    await this.accept(
      {
        platform: ctx.platform,
        channel: ctx.conversation?.channel ?? ctx.user,
        sender: ctx.user,
        text,
        externalId: `command:${randomUUID()}`,
        command: {
          isPm: ctx.isPm,
          locale: ctx.locale,
          ...(ctx.conversation ? { conversation: ctx.conversation } : {}),
        },
      },
      {
        untilProcessed: true,
        answer: {
          reply: async (reply) => {
            answered = reply;
          },
          failed: async () => undefined,
        },
      },
    );
    if (!answered) throw new Error('the command was not run');
    return answered;
  }

  /**
   * A stored PM command: run, then marked processed — with its reply queued in the outbox in the SAME
   * transaction when no live answer is at hand — so a crash before that re-runs it at `recover()` and
   * a crash after it never runs it twice. A live answer (`AcceptOptions.answer`) goes out after the
   * commit; if it fails, the reply is queued to the PM after all.
   */
  private async runStoredCommand(
    record: InboundRecord,
    command: NonNullable<Inbound['command']>,
    answer?: CommandAnswer,
  ): Promise<void> {
    const { store, commands, outbox, secrets, logger } = this.deps;
    const { eventId } = record;
    if (record.state !== 'received' || this.commandsRunning.has(eventId)) return;
    this.commandsRunning.add(eventId);
    const payload = record.payload as InboundPayload;
    const locale = command.isPm ? pmLocaleOf(record.actor, command.locale) : command.locale;
    const to: Address = userAddress(record.actor) ?? {
      kind: 'user',
      platform: payload.platform,
      user: payload.channel,
    };
    const queue = (reply: CommandReply): void =>
      void outbox.post(to, this.replyRenderers.get(payload.platform)?.(reply, locale) ?? reply.message);
    let reply: CommandReply;
    try {
      const plain = (payload.sealed ?? []).map((s) => secrets.open(s));
      const ctx: CommandContext = {
        platform: payload.platform,
        user: record.actor,
        isPm: command.isPm,
        locale: command.locale,
        ...(command.conversation ? { conversation: command.conversation } : {}),
      };
      const text = (payload.credentials ?? []).reduce(
        (withKeys, c) => withKeys.replaceAll(c.shown, () => secrets.open(c.sealed)),
        unmask(record.text ?? '', plain),
      );
      try {
        reply = await commands.execute(ctx, text);
      } catch (err) {
        // The command itself threw: the PM is told it failed, and it is done with — never run later (a PM told
        // "try again" would be surprised by a restart running it). A crash, unlike a throw, leaves it for `recover()`.
        logger.error({ err, eventId }, 'a stored command failed; it is not run again');
        try {
          store.transaction(() => {
            if (store.inbound(eventId)?.state !== 'received') return;
            store.markProcessed(eventId, null);
            if (!answer) void outbox.post(to, { text: t(locale, 'cmd.failed') });
          });
        } catch (markErr) {
          logger.error(
            { err: markErr, eventId },
            'the failed command could not be marked; it runs again at the next start',
          );
        }
        await answer?.failed(locale).catch(() => undefined);
        throw err;
      }
      // Marking it (with its reply) is apart: when that fails, the command stays stored for `recover()`.
      let marked = false;
      store.transaction(() => {
        if (store.inbound(eventId)?.state !== 'received') return;
        store.markProcessed(eventId, null);
        if (!answer) queue(reply);
        this.deps.events.emit('changes.committed', { by: 'message' });
        marked = true;
      });
      if (!marked) return;
    } finally {
      this.commandsRunning.delete(eventId);
    }
    if (!answer) return;
    try {
      await answer.reply(reply, locale);
    } catch (err) {
      logger.warn(
        { err: err instanceof Error ? err.message : String(err), eventId },
        'the live answer to a command failed; the reply goes to the PM as a message',
      );
      queue(reply);
    }
  }

  /**
   * A client's images and files, fetched from their platform and kept (`FileStore.put`, linked to no
   * item yet: the conversation decides which). Undefined when there is nothing to fetch (no release,
   * the agency writing, no fetcher for the platform).
   */
  private async storeAttachments(record: InboundRecord): Promise<ReceivedAttachment[] | undefined> {
    const { store, files, clock, logger } = this.deps;
    const payload = record.payload as InboundPayload;
    const fetcher = this.fetchers.get(payload.platform);
    if (!files || !fetcher || !payload.attachments?.some((a) => a.ref && a.kind !== 'other')) return undefined;
    if (payload.staff || this.deps.pmUsers?.includes(record.actor)) return undefined;
    const thread = store.findThread(payload.platform, payload.channel);
    const release = thread ? store.openReleaseOf(thread.clientId) : undefined;
    if (!release) return undefined;
    const out: ReceivedAttachment[] = [];
    for (const a of payload.attachments) {
      if (!a.ref || a.kind === 'other') {
        out.push({ kind: a.kind, ...(a.name ? { name: a.name } : {}) });
        continue;
      }
      const got = await fetcher.fetch(a.ref, files.limits.maxFileBytes).catch(
        (err: unknown): Fetched => ({
          ok: false,
          problem: 'unavailable',
          detail: err instanceof Error ? err.message : String(err),
        }),
      );
      const name = a.name ?? got.name;
      if (!got.ok) {
        if (got.problem === 'unavailable')
          logger.warn(
            { eventId: record.eventId, platform: payload.platform, detail: got.detail },
            'an attachment could not be fetched; the client is asked to send it again',
          );
        const refused =
          got.problem === 'too_large'
            ? { problem: 'too_large' as const, bytes: got.bytes, limit: files.limits.maxFileBytes }
            : { problem: 'unavailable' as const };
        out.push({ kind: a.kind, ...(name ? { name } : {}), refused });
        continue;
      }
      const put = files.put({
        releaseId: release.id,
        itemKey: null,
        name,
        content: got.content,
        source: payload.platform,
        sentBy: record.actor,
        at: clock.now().toISOString(),
      });
      if (put.ok) out.push({ kind: a.kind, name: put.file.name, file: put.file, duplicate: put.duplicate });
      else {
        const { ok: _ok, ...refused } = put;
        out.push({ kind: a.kind, ...(name ? { name } : {}), refused });
      }
    }
    return out;
  }

  private converse(
    eventId: number,
    actor: string,
    text: string | null,
    payload: InboundPayload,
    received?: ReceivedAttachment[],
  ): void {
    const { store, conversation, outbox, secrets } = this.deps;
    const thread = store.findThread(payload.platform, payload.channel);
    const release = thread ? store.openReleaseOf(thread.clientId) : undefined;
    const client = thread ? store.getClient(thread.clientId) : undefined;
    if (payload.humanHandled) return this.deps.takeover.keep(eventId, text, client, release, payload.platform);
    if (!thread || !client || !release) {
      if (thread && client) this.tellNoRelease(thread, client.name, client.locale);
      store.markProcessed(eventId, null);
      return;
    }
    // Agency staff in a client's thread (a PM, the agency's own Slack team) are not the client: their
    // words are kept as events for the record, never read as answers (docs/architecture: issue 16).
    if (payload.staff || this.deps.pmUsers?.includes(actor)) {
      store.markProcessed(eventId, release.id);
      return;
    }
    const plain = (payload.sealed ?? []).map((s) => secrets.open(s));
    const fromForm = payload.secretItem;
    const out = conversation.handle({
      thread,
      // Replies read in the language of the contact who wrote (their own, else the client's).
      client: clientAsReadAt(store, client, thread),
      release,
      sender: actor,
      // The stored text has secrets masked; the sealed copies put them back for this call only.
      text: fromForm || text === null ? null : unmask(text, plain),
      secrets: fromForm ? plain.map((value) => ({ itemKey: fromForm, value })) : [],
      choice: payload.choice,
      undo: payload.undo,
      edit: payload.edit && {
        ...payload.edit,
        text: unmask(
          payload.edit.text,
          (payload.editSealed ?? []).map((s) => secrets.open(s)),
        ),
      },
      attachments: received ?? payload.attachments,
      edited: payload.edited,
      via: payload.via,
      mark: payload.mark,
      upload: payload.upload,
    });
    for (const link of out.fileLinks ?? []) this.deps.files?.link(link.fileId, link.itemKey);
    for (const reply of out.replies) outbox.post({ kind: 'thread', thread }, reply);
    const pm = release.pmUser ? userAddress(release.pmUser) : undefined;
    if (pm) for (const n of out.pmNotices) outbox.post(pm, n);
    store.markProcessed(eventId, release.id);
  }

  private tellNoRelease(thread: Thread, clientName: string, locale: Locale): void {
    this.deps.outbox.post({ kind: 'thread', thread }, { text: t(locale, 'conv.no_release', { client: clientName }) });
  }
}

/** Puts the sealed secrets back where the stored text shows them masked, for this call only. */
function unmask(text: string, plain: readonly string[]): string {
  return unmaskRuns(text, plain);
}

/** A file named after a secret keeps only its mask: names are shown to the PM and stored with the event. */
function maskAttachmentNames(attachments: Inbound['attachments'], context: SecretContext): Inbound['attachments'] {
  return attachments?.map((a) => (a.name === undefined ? a : { ...a, name: maskSecretsIn(a.name, context) }));
}
