/**
 * The outbox's way out to Slack. One attempt per call: Bolt's WebClient runs with no retries and
 * `rejectRateLimitedCalls`, so a 429 comes back here as `RateLimitedError` (the outbox waits
 * Retry-After and tries again) and a channel that is gone as `PermanentSendError` (handed to the PM).
 *
 * An `open` button (the PM's escalation DM) becomes a link to the client's release thread.
 *
 *   const chat = new SlackChat(app.client, (client) => store.slackThreadOf(client));
 *   await chat.send({ kind: 'thread', thread }, { text: 'Hello' });   // → { ref: '1700000000.000100' }
 */
import type { webApi } from '@slack/bolt';
import { type Locale, type MessageKey, PM_LOCALE, t } from '../../src/i18n/index.js';
import {
  type Address,
  type Button,
  type Chat,
  type Delivery,
  type OutboundMessage,
  type PartProgress,
  PermanentSendError,
  RateLimitedError,
  type SendLimit,
  type SentRef,
} from '../../src/ports.js';
import { type ButtonLinks, renderBlocks } from './blocks.js';

/** The Slack release thread of a client (by name), if it has one. */
export type ReleaseThreadOf = (clientName: string) => { channel: string; threadTs: string | null } | undefined;

/**
 * Slack's documented posting pace (docs.slack.dev, "Rate limits", Posting messages): about one
 * message per second per channel, short bursts over one allowed — held here as at most 3 posts in
 * any 3 s per channel. A 429 beyond it is honoured (Retry-After) by the outbox.
 */
export const SLACK_CHANNEL_LIMIT = { max: 3, windowMs: 3_000 } as const;

/** Slack errors no retry can fix → the catalog key of the reason told to the PM. */
const PERMANENT: Record<string, MessageKey> = {
  channel_not_found: 'slack.err_channel_not_found',
  not_in_channel: 'slack.err_not_in_channel',
  is_archived: 'slack.err_is_archived',
  user_not_found: 'slack.err_user_not_found',
  user_disabled: 'slack.err_user_disabled',
  cannot_dm_bot: 'slack.err_cannot_dm_bot',
  invalid_auth: 'slack.err_invalid_auth',
  account_inactive: 'slack.err_account_inactive',
  token_revoked: 'slack.err_token_revoked',
  missing_scope: 'slack.err_missing_scope',
};

interface CodedError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
}

/**
 * WebClient errors → the outbox's vocabulary; anything else is retried with backoff. A permanent
 * error's reason is for the PM, so it is in `locale` (the PM's, by default).
 *
 *   translateSlackError(err)        // PermanentSendError { reason: 'the Slack channel is archived' }
 *   translateSlackError(err, 'zh')  // PermanentSendError { reason: '该 Slack 频道已归档' }
 */
export function translateSlackError(err: unknown, locale: Locale = PM_LOCALE): unknown {
  const coded = (err ?? {}) as CodedError;
  if (coded.code === 'slack_webapi_rate_limited_error')
    return new RateLimitedError(Math.max(1, coded.retryAfter ?? 1) * 1000, { cause: err });
  const platformError = coded.code === 'slack_webapi_platform_error' ? coded.data?.error : undefined;
  const reason = platformError && Object.hasOwn(PERMANENT, platformError) ? PERMANENT[platformError] : undefined;
  if (platformError && reason)
    return new PermanentSendError(`Slack refused the message: ${platformError}`, t(locale, reason), { cause: err });
  return err;
}

/** The `metadata.event_type` of every message the bot posts; its payload names the outbox row. */
export const OUTBOX_EVENT_TYPE = 'release_bot_outbox';
/** How many pages (of 200) of a thread or channel a resend looks through for its earlier post. */
const LOOKUP_PAGES = 5;

function outboxMetadata(delivery: Delivery): {
  event_type: string;
  event_payload: { outbox_id: number; created_at: string };
} {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: delivery.id, created_at: delivery.createdAt } };
}

function isOutboxMessage(
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined,
  delivery: Delivery,
): boolean {
  const payload = metadata?.event_payload;
  return (
    metadata?.event_type === OUTBOX_EVENT_TYPE &&
    payload?.outbox_id === delivery.id &&
    payload.created_at === delivery.createdAt
  );
}

export class SlackChat implements Chat {
  readonly platform = 'slack' as const;
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly releaseThreadOf: ReleaseThreadOf = () => undefined,
  ) {}

  /** A thread's posts count against its channel; a PM's DM against the user's DM channel. */
  limits(to: Address): SendLimit[] {
    const channel = to.kind === 'thread' ? to.thread.channel : `dm:${to.user}`;
    return [{ key: `slack:channel:${channel}`, ...SLACK_CHANNEL_LIMIT }];
  }

  /**
   * Posts with the outbox row in the message's `metadata`; a resend of an unconfirmed post (the
   * process died while Slack was answering) first looks for it in the channel or thread.
   */
  async send(to: Address, message: OutboundMessage, _parts?: PartProgress, delivery?: Delivery): Promise<SentRef> {
    try {
      const channel = to.kind === 'thread' ? to.thread.channel : await this.dmChannel(to.user);
      const threadTs = to.kind === 'thread' && !message.opensThread ? (to.thread.threadTs ?? undefined) : undefined;
      if (delivery?.unconfirmed) {
        // A lookup Slack refuses (no history scope, a hiccup) must not stop the message: post it (at least once).
        const posted = await this.findPosted(channel, threadTs, delivery).catch(() => undefined);
        if (posted) return { ref: posted };
      }
      const result = await this.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: renderBlocks(message.blocks, await this.openLinks(message)),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(delivery ? { metadata: outboxMetadata(delivery) } : {}),
        unfurl_links: false,
      });
      return { ref: result.ts };
    } catch (err) {
      throw translateSlackError(err);
    }
  }

  /**
   * The ts of this outbox row's message if Slack has it: the thread's replies, or the channel's
   * latest messages, with their metadata (a few pages at most; an unconfirmed post is a recent one).
   */
  private async findPosted(
    channel: string,
    threadTs: string | undefined,
    delivery: Delivery,
  ): Promise<string | undefined> {
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page += 1) {
      const args = { channel, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      const found = threadTs
        ? await this.client.conversations.replies({ ...args, ts: threadTs })
        : await this.client.conversations.history(args);
      const ours = found.messages?.find((m) => isOutboxMessage(m.metadata, delivery));
      if (ours?.ts) return ours.ts;
      cursor = found.response_metadata?.next_cursor || undefined;
      if (!found.has_more || !cursor) return undefined;
    }
    return undefined;
  }

  /** Permalinks for the message's `open` buttons; a button whose thread is unknown gets none (and is left out). */
  private async openLinks(message: OutboundMessage): Promise<ButtonLinks> {
    const links = new Map<Button, string>();
    const opens = (message.blocks ?? [])
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .filter((b) => b.action === 'open');
    for (const button of opens) {
      const thread = button.value ? this.releaseThreadOf(button.value) : undefined;
      if (!thread?.threadTs) continue;
      const found = await this.client.chat
        .getPermalink({ channel: thread.channel, message_ts: thread.threadTs })
        .catch(() => undefined);
      if (found?.permalink) links.set(button, found.permalink);
    }
    return links;
  }

  /** A PM's DM channel (`conversations.open`, needs im:write), remembered for the process. */
  private async dmChannel(user: string): Promise<string> {
    const known = this.dmChannels.get(user);
    if (known) return known;
    const opened = await this.client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id)
      throw new PermanentSendError(
        `conversations.open gave no channel for ${user}`,
        t(PM_LOCALE, 'slack.err_no_dm_channel'),
      );
    this.dmChannels.set(user, id);
    return id;
  }
}
