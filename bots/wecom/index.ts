/**
 * Mounts WeCom on the app: the callback routes, the self-built app's `Chat` ('wecom') and, when
 * WECOM_KF_* are set, 微信客服's ('kf'). Called from src/main.ts when config.wecom is set.
 *
 *   const wecom = mountWeCom({ config, http, bot, outbox, store, clock, logger, commands });
 *   chats.set('wecom', wecom.chat);  closers.push(wecom.stop);
 */
import type { ReleaseBot } from '../../src/bot.js';
import type { Commands } from '../../src/commands/index.js';
import { registerKfCommands } from '../../src/commands/kf.js';
import type { Config, WeComConfig } from '../../src/config.js';
import type { HttpServer } from '../../src/http/server.js';
import type { Locale } from '../../src/i18n/index.js';
import type { Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics.js';
import type { Outbox } from '../../src/outbox.js';
import type { Address, Chat, Clock } from '../../src/ports.js';
import type { Conversation } from '../../src/conversation/flow.js';
import type { ReleaseService } from '../../src/release/service.js';
import type { ReleaseStore } from '../../src/release/store.js';
import { WeComApi } from './api.js';
import { callbackRoutes } from './callback.js';
import { WeComChat } from './chat.js';
import { WeComInbox } from './inbox.js';
import { type KfMount, mountKf } from './kf/index.js';
import { statusBlocks } from './render-status.js';

export interface WeComMountDeps {
  config: Config & { wecom: WeComConfig };
  http: HttpServer;
  bot: ReleaseBot;
  commands: Commands;
  service: ReleaseService;
  conversation: Conversation;
  outbox: Outbox;
  store: ReleaseStore;
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  metrics?: Metrics;
}

export interface WeComMount {
  chats: Chat[];
  kf?: KfMount;
  stop(): Promise<void>;
}

export function mountWeCom(deps: WeComMountDeps): WeComMount {
  const { config, store, logger } = deps;
  const wecom = config.wecom;
  const clientLocale = (platform: 'wecom' | 'kf', channel: string): Locale => {
    const thread = store.findThread(platform, channel);
    return (thread && store.getClient(thread.clientId)?.locale) ?? 'zh';
  };
  const localeOf = (to: Address): Locale => (to.kind === 'thread' ? (store.getClient(to.thread.clientId)?.locale ?? 'zh') : 'zh');
  const api = new WeComApi({ apiBase: wecom.apiBase, corpId: wecom.corpId, secret: wecom.corpSecret, fetch: deps.fetch });
  const chat = new WeComChat({ api, agentId: wecom.agentId, apiBase: wecom.apiBase, localeOf, robotKey: (channel) => deps.service.revealRobotKey(channel), fetch: deps.fetch, clock: deps.clock, ...(config.wecomAccountLimit ? { accountLimit: config.wecomAccountLimit } : {}) });
  const sealed = deps.service.sealRobotKeys();
  if (sealed > 0) logger.info({ sealed }, 'group-robot webhook keys bound before keys were sealed are now sealed');
  const kf = config.wecomKf ? mountKf({ ...deps, wecom, kf: config.wecomKf, localeOf }) : undefined;
  if (!kf) registerKfCommands(deps.commands, undefined); // `invite … kf` then says how to turn 微信客服 on
  deps.bot.renderCommandReplies('wecom', (reply, locale) => ({
    text: reply.message.text,
    blocks: reply.view ? statusBlocks(locale, reply.view, deps.clock.now(), kf?.statusLines) : undefined,
  }));
  const inbox = new WeComInbox({
    bot: deps.bot,
    logger,
    pmUsers: config.pmUsers,
    localeOfUser: (userid) => clientLocale('wecom', userid),
    onKfEvent: kf?.onEvent,
  });
  const routes = callbackRoutes({ keys: { token: wecom.token, encodingAesKey: wecom.encodingAesKey, corpId: wecom.corpId }, logger, metrics: deps.metrics, onMessage: (f) => inbox.accept(f) });
  deps.http.route('GET', '/wecom/callback', routes.get);
  deps.http.route('POST', '/wecom/callback', routes.post);
  return {
    chats: kf ? [chat, kf.chat] : [chat],
    kf,
    stop: async () => {
      await kf?.stop();
    },
  };
}
