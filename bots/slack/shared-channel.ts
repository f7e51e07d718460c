/**
 * Whether a Slack channel may include people outside the agency, asked once when `/release start`
 * binds it. It decides whether a secret pasted there gets the "please rotate it" advice, so every
 * doubt (Slack says shared in any way, or the bot may not read the channel) counts as shared.
 *
 *   const shared = await isSharedChannel(client, 'C0123', logger);   // true for a Slack Connect channel
 *   ctx.conversation = { platform: 'slack', channel: 'C0123', kind: 'channel', shared };
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

/** `conversations.info` (channels:read, groups:read); true unless Slack says the channel is not shared. */
export async function isSharedChannel(client: webApi.WebClient, channel: string, logger: Logger): Promise<boolean> {
  try {
    const info = await client.conversations.info({ channel });
    const c = info.channel;
    if (!c) return true;
    return Boolean(c.is_ext_shared || c.is_shared || c.is_org_shared || c.is_pending_ext_shared);
  } catch (err) {
    const reason = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
    logger.warn(
      { channel, reason },
      'slack: conversations.info failed; treating the channel as shared (reinstall the app from slack-manifest.yml for channels:read and groups:read)',
    );
    return true;
  }
}
