/**
 * The bot's front door for every adapter: `receive` stores an inbound message durably (so the
 * adapter may acknowledge it), `process` turns it into item changes and replies in one
 * transaction. A delivery seen before (same platform id) is stored once and processed once; a
 * message stored but not processed when the process died is picked up by `recover()`.
 *
 *   const stored = bot.receive(inbound);           // sync: then ack the platform
 *   if (stored.kind === 'stored') void bot.process(stored.eventId);
 */
import type { ItemKey } from './checklist/types.js';
import type { Commands, CommandContext, CommandReply } from './commands/index.js';
import type { Conversation } from './conversation/flow.js';
import type { Inbound } from './inbound.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { type Outbox, userAddress } from './outbox.js';
import type { Clock } from './ports.js';
import type { Thread } from './release/model.js';
import { maskSecretsIn, type SecretBox } from './release/secrets.js';
import type { EncryptedSecret, ReleaseStore } from './release/store.js';
import { type Locale, t } from './i18n/index.js';

const SECRET_RUN = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/gi;

/** Stored with an inbound event: everything needed to process it later, secrets sealed. */
interface InboundPayload {
  platform: Inbound['platform'];
  channel: string;
  threadTs?: string | null;
  sealed?: EncryptedSecret[];
  secretItem?: 'app_secret' | 'open_platform';
  choice?: { itemKey: ItemKey; value: string };
  attachments?: Inbound['attachments'];
  edited?: boolean;
}

export type ReceiveResult = { kind: 'stored'; eventId: number } | { kind: 'duplicate' };

export interface BotDeps {
  store: ReleaseStore;
  conversation: Conversation;
  commands: Commands;
  outbox: Outbox;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
}

export class ReleaseBot {
  private readonly afterChangeHooks: (() => Promise<void>)[] = [];

  constructor(private readonly deps: BotDeps) {}

  /** Runs after each processed message or command, outside the transaction (reminder jobs sync here). */
  onAfterChange(hook: () => Promise<void>): void {
    this.afterChangeHooks.push(hook);
  }

  private async afterChange(): Promise<void> {
    for (const hook of this.afterChangeHooks) await hook();
  }

  /** Durably stores an inbound message; secrets in it are sealed, the stored text has them masked. */
  receive(inbound: Inbound): ReceiveResult {
    const { store, secrets, clock } = this.deps;
    const thread = store.findThread(inbound.platform, inbound.channel);
    const release = thread ? store.openReleaseOf(thread.clientId) : undefined;
    const found = [...(inbound.text ?? '').matchAll(SECRET_RUN)].map((m) => m[0]);
    const plainSecrets = inbound.secret ? [inbound.secret.value.trim()] : found;
    const payload: InboundPayload = {
      platform: inbound.platform,
      channel: inbound.channel,
      threadTs: inbound.threadTs ?? null,
      sealed: plainSecrets.map((s) => secrets.seal(s)),
      secretItem: inbound.secret?.itemKey,
      choice: inbound.choice,
      attachments: inbound.attachments,
      edited: inbound.edited,
    };
    const at = clock.now().toISOString();
    const result = store.transaction(() => {
      const eventId = store.recordInbound({
        type: 'inbound',
        externalId: `${inbound.platform}:${inbound.externalId}`,
        actor: inbound.sender,
        clientId: thread?.clientId ?? null,
        releaseId: release?.id ?? null,
        text: inbound.text === undefined ? null : maskSecretsIn(inbound.text),
        payload,
        at,
      });
      if (eventId === undefined) return { kind: 'duplicate' } as const;
      if (thread) store.updateThread(thread.id, { lastInboundAt: at });
      return { kind: 'stored', eventId } as const;
    });
    this.deps.metrics?.count('release_bot_inbound_total', { platform: inbound.platform, result: result.kind });
    return result;
  }

  /** Understands a stored message and queues the replies; idempotent. */
  async process(eventId: number): Promise<void> {
    const { store, outbox, logger } = this.deps;
    const record = store.inbound(eventId);
    if (!record) return;
    try {
      store.transaction(() => {
        const current = store.inbound(eventId);
        if (!current || current.state !== 'received') return;
        this.converse(eventId, current.actor, current.text, current.payload as InboundPayload);
      });
    } catch (err) {
      logger.error({ err, eventId }, 'processing an inbound message failed; it stays stored for a retry');
      throw err;
    }
    await this.afterChange();
    void outbox.kick();
  }

  /** Stores and processes at once (adapters that do not need to ack first, tests, the local chat). */
  async handle(inbound: Inbound): Promise<ReceiveResult> {
    const result = this.receive(inbound);
    if (result.kind === 'stored') await this.process(result.eventId);
    return result;
  }

  /** Processes what was stored (and acknowledged) but not processed before the last stop. */
  async recover(): Promise<number> {
    const pending = this.deps.store.unprocessedInbound();
    for (const id of pending) await this.process(id);
    return pending.length;
  }

  /** A PM command (`/release …`) from any platform. */
  async command(ctx: CommandContext, text: string): Promise<CommandReply> {
    const reply = await this.deps.commands.execute(ctx, text);
    await this.afterChange();
    void this.deps.outbox.kick();
    return reply;
  }

  private converse(eventId: number, actor: string, text: string | null, payload: InboundPayload): void {
    const { store, conversation, outbox, secrets } = this.deps;
    const thread = store.findThread(payload.platform, payload.channel);
    const release = thread ? store.openReleaseOf(thread.clientId) : undefined;
    const client = thread ? store.getClient(thread.clientId) : undefined;
    if (!thread || !client || !release) {
      if (thread && client) this.tellNoRelease(thread, client.name, client.locale);
      store.markProcessed(eventId, null);
      return;
    }
    const plain = (payload.sealed ?? []).map((s) => secrets.open(s));
    const fromForm = payload.secretItem;
    const out = conversation.handle({
      thread,
      client,
      release,
      sender: actor,
      // The stored text has secrets masked; the sealed copies put them back for this call only.
      text: fromForm || text === null ? null : unmask(text, plain),
      secrets: fromForm ? plain.map((value) => ({ itemKey: fromForm, value })) : [],
      choice: payload.choice,
      attachments: payload.attachments,
      edited: payload.edited,
    });
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
  let i = 0;
  return text.replace(/••••[0-9a-f]{4}/gi, (masked) => {
    const secret = plain[i];
    if (secret === undefined || !masked.endsWith(secret.slice(-4))) return masked;
    i += 1;
    return secret;
  });
}
