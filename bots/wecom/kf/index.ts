/**
 * 微信客服 (kf), mounted beside the self-built app when WECOM_KF_SECRET and WECOM_KF_OPEN_KFID are
 * set: its own access token, the `kf` chat, the sync after each `kf_msg_or_event` callback (and one
 * at mount, from the stored cursor), and the `invite <client> kf` / `resume <client>` commands.
 *
 *   const kf = mountKf({ ...deps, kf: config.wecomKf, localeOf });
 *   chats.set('kf', kf.chat);  inbox.onKfEvent = kf.onEvent;
 */
import type { ReleaseBot } from '../../../src/bot.js';
import type { Commands } from '../../../src/commands/index.js';
import { type KfPort, kfWindowLines, registerKfCommands } from '../../../src/commands/kf.js';
import type { WeComConfig, WeComKfConfig } from '../../../src/config.js';
import type { Conversation } from '../../../src/conversation/flow.js';
import { type Locale, t } from '../../../src/i18n/index.js';
import type { Logger } from '../../../src/logger.js';
import type { Outbox } from '../../../src/outbox.js';
import { type Address, type Chat, type Clock, PermanentSendError } from '../../../src/ports.js';
import { PM_LOCALE } from '../../../src/reminders/messages.js';
import type { ReleaseService } from '../../../src/release/service.js';
import { WeComApi } from '../api.js';
import { toSendError } from '../chat.js';
import { WeComMedia } from '../media.js';
import { KfChat } from './chat.js';
import { KfSync } from './sync.js';

export interface KfMountDeps {
  wecom: WeComConfig;
  kf: WeComKfConfig;
  bot: ReleaseBot;
  service: ReleaseService;
  conversation: Conversation;
  commands: Commands;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  localeOf(to: Address): Locale;
  fetch?: typeof fetch;
}

export interface KfMount {
  chat: Chat;
  sync: KfSync;
  onEvent(token: string, openKfId: string): void;
  statusLines(clientId: number, locale: Locale): string[];
  stop(): Promise<void>;
}

/** Errors for the PM in plain words (the command replies use `reason`). */
async function plainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toSendError(err);
  }
}

export function mountKf(deps: KfMountDeps): KfMount {
  const { kf, service, logger } = deps;
  const api = new WeComApi({ apiBase: deps.wecom.apiBase, corpId: deps.wecom.corpId, secret: kf.secret, fetch: deps.fetch });
  deps.bot.fetchFilesWith('kf', new WeComMedia(api, deps.wecom.apiBase, deps.fetch));
  const chat = new KfChat({ api, openKfId: kf.openKfId, store: service.store, localeOf: deps.localeOf });
  const sync = new KfSync({ ...deps, api, openKfId: kf.openKfId, chat });
  const port: KfPort = {
    inviteLink: (scene) =>
      plainErrors(async () => {
        const reply = await api.post('/cgi-bin/kf/add_contact_way', { open_kfid: kf.openKfId, scene });
        if (typeof reply.url !== 'string') throw new PermanentSendError('kf/add_contact_way answered without a url', t(PM_LOCALE, 'wecom.err_no_kf_link'));
        return reply.url;
      }),
    resume: (externalUserId) =>
      plainErrors(async () => {
        await api.post('/cgi-bin/kf/service_state/trans', { open_kfid: kf.openKfId, external_userid: externalUserId, service_state: 1 });
      }),
  };
  registerKfCommands(deps.commands, port);
  sync.pullAtStart();
  return {
    chat,
    sync,
    onEvent: (token, openKfId) => {
      if (openKfId && openKfId !== kf.openKfId) return void logger.warn({ openKfId }, '微信客服 event for another kf account ignored');
      sync.onEvent(token);
    },
    statusLines: (clientId, locale) => {
      const client = service.store.getClient(clientId);
      return kfWindowLines(service.store, clientId, locale, client?.timezone ?? 'Asia/Shanghai', deps.clock.now());
    },
    stop: () => sync.stop(),
  };
}
