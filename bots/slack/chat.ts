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
import { type Address, type Button, type Chat, type OutboundMessage, PermanentSendError, RateLimitedError, type SentRef } from '../../src/ports.js';
import { type ButtonLinks, renderBlocks } from './blocks.js';

/** The Slack release thread of a client (by name), if it has one. */
export type ReleaseThreadOf = (clientName: string) => { channel: string; threadTs: string | null } | undefined;

/** Slack's documented posting pace: about one message per second per channel. */
export const SLACK_MIN_INTERVAL_MS = 1000;

/** Errors no retry can fix, in plain words for the PM. */
const PERMANENT: Record<string, string> = {
  channel_not_found: 'the Slack channel no longer exists or the bot cannot see it',
  not_in_channel: 'the bot is not a member of the Slack channel any more — invite it with /invite @release-bot',
  is_archived: 'the Slack channel is archived',
  user_not_found: 'the Slack user does not exist',
  user_disabled: 'the Slack user is deactivated',
  cannot_dm_bot: 'that Slack user is a bot',
  invalid_auth: 'the Slack bot token is invalid — check SLACK_BOT_TOKEN',
  account_inactive: 'the Slack app was uninstalled — reinstall it and update SLACK_BOT_TOKEN',
  token_revoked: 'the Slack bot token was revoked — reinstall the app and update SLACK_BOT_TOKEN',
  missing_scope: 'the Slack app lacks a permission — reinstall it from slack-manifest.yml',
};

interface CodedError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
}

/** WebClient errors → the outbox's vocabulary; anything else is retried with backoff. */
export function translateSlackError(err: unknown): unknown {
  const coded = (err ?? {}) as CodedError;
  if (coded.code === 'slack_webapi_rate_limited_error') return new RateLimitedError(Math.max(1, coded.retryAfter ?? 1) * 1000, { cause: err });
  const platformError = coded.code === 'slack_webapi_platform_error' ? coded.data?.error : undefined;
  const reason = platformError && PERMANENT[platformError];
  if (platformError && reason) return new PermanentSendError(`Slack refused the message: ${platformError}`, reason, { cause: err });
  return err;
}

export class SlackChat implements Chat {
  readonly platform = 'slack' as const;
  readonly minIntervalMs = SLACK_MIN_INTERVAL_MS;
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly releaseThreadOf: ReleaseThreadOf = () => undefined,
  ) {}

  async send(to: Address, message: OutboundMessage): Promise<SentRef> {
    try {
      const channel = to.kind === 'thread' ? to.thread.channel : await this.dmChannel(to.user);
      const threadTs = to.kind === 'thread' && !message.opensThread ? (to.thread.threadTs ?? undefined) : undefined;
      const result = await this.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: renderBlocks(message.blocks, await this.openLinks(message)),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
      });
      return { ref: result.ts };
    } catch (err) {
      throw translateSlackError(err);
    }
  }

  /** Permalinks for the message's `open` buttons; a button whose thread is unknown gets none (and is left out). */
  private async openLinks(message: OutboundMessage): Promise<ButtonLinks> {
    const links = new Map<Button, string>();
    const opens = (message.blocks ?? []).flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).filter((b) => b.action === 'open');
    for (const button of opens) {
      const thread = button.value ? this.releaseThreadOf(button.value) : undefined;
      if (!thread?.threadTs) continue;
      const found = await this.client.chat.getPermalink({ channel: thread.channel, message_ts: thread.threadTs }).catch(() => undefined);
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
    if (!id) throw new PermanentSendError(`conversations.open gave no channel for ${user}`, 'Slack would not open a direct message with the PM');
    this.dmChannels.set(user, id);
    return id;
  }
}
