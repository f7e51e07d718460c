/**
 * WeCom on the app, in two parts the composition root (src/main.ts) lists:
 * - `weComCommandParts`: what WeCom adds to the `/release` commands — its targets (`wecom:`,
 *   `wecom-chat:`, `wecom-robot:`, `kf`), the 微信客服 status note and `resume` — and its sealed
 *   robot keys; made before the command table, with or without WeCom configured (the targets bind
 *   threads that wait in the outbox until WeCom is set up; `kf` then says how to turn it on).
 * - `mountWeCom`: when config.wecom is set, the callback routes, the self-built app's `Chat`
 *   ('wecom') and, when WECOM_KF_* are set, 微信客服's ('kf').
 *
 *   const parts = weComCommandParts({ config, store, secrets, clock });
 *   const wecom = mountWeCom({ config, parts, http, bot, service, invites, takeover, outbox, store, clock, logger });
 */
import type { ReleaseBot } from '../../src/bot.js';
import type { CommandHandler, InviteTarget, StatusNote } from '../../src/commands/index.js';
import type { WeComConfig, WeComKfConfig } from './parts.js';
import type { HttpServer } from '../../web/server.js';
import type { Locale } from '../../src/i18n/index.js';
import type { Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics.js';
import type { Outbox } from '../../src/outbox.js';
import type { Address, Chat, Clock } from '../../src/ports.js';
import type { SecretBox } from '../../src/release/secrets.js';
import type { ReleaseService } from '../../src/release/service.js';
import type { ClientStore, CursorStore, OutboxStore, SecretStore, ThreadStore } from '../../src/release/store.js';
import type { InviteLinks } from '../../src/use-cases/invite-links.js';
import type { HumanTakeover } from '../../src/use-cases/human-takeover.js';
import { WeComApi } from './api.js';
import { callbackRoutes } from './callback.js';
import { WeComChat } from './chat.js';
import { WeComInbox } from './inbox.js';
import { kfStatusNote, kfTarget, resumeCommand } from './kf/commands.js';
import { type KfMount, kfApi, kfPort, mountKf } from './kf/index.js';
import { WeComMedia } from './media.js';
import { statusBlocks } from './render-status.js';
import { RobotKeys, weComTargets } from './targets.js';

export interface WeComCommandParts {
  robots: RobotKeys;
  targets: InviteTarget[];
  statusNotes: StatusNote[];
  /** The commands WeCom adds: `resume` (微信客服). */
  commands: Record<string, CommandHandler>;
  /** 微信客服's API client, when configured (the mount's chat and sync share it with the commands). */
  kfApi?: WeComApi;
}

export function weComCommandParts(deps: {
  config: { wecom?: WeComConfig; wecomKf?: WeComKfConfig };
  store: SecretStore & ThreadStore & Pick<OutboxStore, 'sentSince'>;
  secrets: SecretBox;
  clock: Clock;
  fetch?: typeof fetch;
}): WeComCommandParts {
  const { wecom, wecomKf } = deps.config;
  const robots = new RobotKeys(deps.store, deps.secrets, deps.clock);
  const api = wecom && wecomKf ? kfApi({ wecom, kf: wecomKf, fetch: deps.fetch }) : undefined;
  const port = api && wecomKf ? kfPort(api, wecomKf.openKfId) : undefined;
  return {
    robots,
    targets: [...weComTargets(robots), kfTarget(port)],
    statusNotes: api ? [kfStatusNote(deps.store)] : [],
    commands: { resume: resumeCommand(port) },
    ...(api ? { kfApi: api } : {}),
  };
}

export interface WeComMountDeps {
  config: { pmUsers: readonly string[]; wecom: WeComConfig; wecomKf?: WeComKfConfig };
  parts: WeComCommandParts;
  http: HttpServer;
  bot: ReleaseBot;
  service: ReleaseService;
  invites: Pick<InviteLinks, 'open'>;
  /** Human takeover (src/use-cases/human-takeover.ts), for 微信客服's servicers. */
  takeover: Pick<HumanTakeover, 'arrived' | 'speakFor'>;
  outbox: Outbox;
  store: Pick<ClientStore, 'getClient'> &
    Pick<ThreadStore, 'findThread' | 'getThread' | 'threadsOfClient'> &
    Pick<OutboxStore, 'sentSince'> &
    CursorStore;
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
  const { config, store, logger, parts } = deps;
  const wecom = config.wecom;
  const clientLocale = (platform: 'wecom' | 'kf', channel: string): Locale => {
    const thread = store.findThread(platform, channel);
    return (thread && store.getClient(thread.clientId)?.locale) ?? 'zh';
  };
  const localeOf = (to: Address): Locale =>
    to.kind === 'thread' ? (store.getClient(to.thread.clientId)?.locale ?? 'zh') : 'zh';
  const api = new WeComApi({
    apiBase: wecom.apiBase,
    corpId: wecom.corpId,
    secret: wecom.corpSecret,
    fetch: deps.fetch,
  });
  const chat = new WeComChat({
    api,
    agentId: wecom.agentId,
    apiBase: wecom.apiBase,
    localeOf,
    robotKey: (channel) => parts.robots.reveal(channel),
    fetch: deps.fetch,
    clock: deps.clock,
    ...(wecom.accountLimit ? { accountLimit: wecom.accountLimit } : {}),
  });
  const sealed = parts.robots.sealOld();
  if (sealed > 0) logger.info({ sealed }, 'group-robot webhook keys bound before keys were sealed are now sealed');
  deps.bot.fetchFilesWith('wecom', new WeComMedia(api, wecom.apiBase, deps.fetch));
  const kf =
    config.wecomKf && parts.kfApi
      ? mountKf({ ...deps, wecom, kf: config.wecomKf, api: parts.kfApi, localeOf })
      : undefined;
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
  const routes = callbackRoutes({
    keys: { token: wecom.token, encodingAesKey: wecom.encodingAesKey, corpId: wecom.corpId },
    logger,
    metrics: deps.metrics,
    onMessage: (f) => inbox.accept(f),
  });
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
