/**
 * Slack, mounted on the service: a Bolt app whose transport is our HTTP server
 * (`POST /slack/events`, via `ServiceReceiver`) or Socket Mode when SLACK_APP_TOKEN is set
 * (`DurableSocketReceiver`; both acknowledge only after the listeners stored the event), and a
 * `SlackChat` for the outbox. Bolt's WebClient makes one attempt per call: the outbox owns retries.
 *
 *   const slack = await mountSlack({ config: config.slack, pmUsers, bot, clock, logger, http, localeOf });
 *   chats.set('slack', slack.chat);  closers.push(slack.stop);
 */
import { App, webApi } from '@slack/bolt';
import type { ReleaseBot } from '../../src/bot.js';
import type { SlackConfig } from './parts.js';
import type { HttpServer } from '../../web/server.js';
import type { Locale } from '../../src/i18n/index.js';
import type { Logger } from '../../src/logger.js';
import type { Clock } from '../../src/ports.js';
import { SlackFiles } from './files.js';
import { type ReleaseThreadOf, SlackChat } from './chat.js';
import { registerListeners } from './listeners.js';
import { boltLogger } from './logger.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { ServiceReceiver, type SignedRequestLog } from './receiver.js';
import { DurableSocketReceiver } from './socket-receiver.js';

export interface SlackMountOptions {
  config: SlackConfig;
  pmUsers: readonly string[];
  bot: ReleaseBot;
  clock: Clock;
  logger: Logger;
  http: HttpServer;
  localeOf(channel: string): Locale;
  editableValueOf(channel: string, itemKey: ItemKey): string;
  /** For the `open` button of the PM's escalation DM: a link to the client's release thread. */
  releaseThreadOf?: ReleaseThreadOf;
  /** Signed requests already run (HTTP mode), so a replay runs nothing: durable in main (db/request-log.ts). */
  requestLog?: SignedRequestLog;
}

export interface SlackMount {
  chat: SlackChat;
  app: App;
  stop(): Promise<void>;
}

/** Who the bot is (so Bolt ignores its own messages); a clear start-up error if the token is wrong. */
async function whoAmI(client: webApi.WebClient): Promise<{ botId: string; botUserId: string }> {
  try {
    const me = await client.auth.test();
    if (!me.user_id || !me.bot_id)
      throw new Error('auth.test returned no bot user: is SLACK_BOT_TOKEN a bot token (xoxb-…)?');
    return { botId: me.bot_id, botUserId: me.user_id };
  } catch (err) {
    const detail = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
    throw new Error(
      `Slack rejected SLACK_BOT_TOKEN (auth.test: ${detail}). Copy the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page.`,
      { cause: err },
    );
  }
}

export async function mountSlack(opts: SlackMountOptions): Promise<SlackMount> {
  const { config, http } = opts;
  const logger = boltLogger(opts.logger);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  const identity = await whoAmI(new webApi.WebClient(config.botToken, { ...clientOptions, logger }));
  const receiver = config.appToken
    ? new DurableSocketReceiver({ appToken: config.appToken, apiUrl: config.apiUrl, logger })
    : new ServiceReceiver({
        signingSecret: config.signingSecret,
        clock: opts.clock,
        logger,
        requestLog: opts.requestLog,
      });
  const app = new App({ token: config.botToken, receiver, logger, clientOptions, ...identity, ignoreSelf: true });
  const inFlight = new Set<Promise<void>>();
  registerListeners(app, { ...opts, inFlight });
  opts.bot.fetchFilesWith('slack', new SlackFiles(app.client, config.botToken, config.apiUrl));
  if (receiver instanceof ServiceReceiver) http.route('POST', '/slack/events', receiver.requestHandler);
  else await app.start();
  opts.logger.info({ mode: config.appToken ? 'socket' : 'http' }, 'slack connected');
  const stop = async (): Promise<void> => {
    await app.stop();
    await Promise.allSettled([...inFlight]);
  };
  return { chat: new SlackChat(app.client, opts.releaseThreadOf), app, stop };
}
