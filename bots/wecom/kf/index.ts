/**
 * 微信客服 (kf), mounted beside the self-built app when WECOM_KF_SECRET and WECOM_KF_OPEN_KFID are
 * set: its own access token, the `kf` chat, the sync after each `kf_msg_or_event` callback (and one
 * at mount, from the stored cursor). Its commands (`invite <client> kf`, `resume <client>`, the
 * window in status) are in ./commands.ts, listed in src/main.ts with the port `kfPort` makes.
 *
 *   const api = kfApi({ wecom, kf });  const port = kfPort(api, kf.openKfId);   // before the command table
 *   const mount = mountKf({ ...deps, api, kf: config.wecomKf, localeOf });
 *   chats.set('kf', mount.chat);  inbox.onKfEvent = mount.onEvent;
 */
import type { ReleaseBot } from '../../../src/bot.js';
import type { WeComConfig, WeComKfConfig } from '../parts.js';
import { type Locale, t } from '../../../src/i18n/index.js';
import type { Logger } from '../../../src/logger.js';
import type { Outbox } from '../../../src/outbox.js';
import { type Address, type Chat, type Clock, PermanentSendError } from '../../../src/ports.js';
import { PM_LOCALE } from '../../../src/reminders/messages.js';
import type { ReleaseService } from '../../../src/release/service.js';
import type { ClientStore, CursorStore, OutboxStore, ThreadStore } from '../../../src/release/store.js';
import type { InviteLinks } from '../../../src/use-cases/invite-links.js';
import type { HumanTakeover } from '../../../src/use-cases/human-takeover.js';
import { WeComApi } from '../api.js';
import { toSendError } from '../chat.js';
import { WeComMedia } from '../media.js';
import { KfChat } from './chat.js';
import { type KfPort, kfWindowLines } from './commands.js';
import { KfSync } from './sync.js';

export interface KfMountDeps {
  wecom: WeComConfig;
  kf: WeComKfConfig;
  bot: ReleaseBot;
  service: ReleaseService;
  /** Sessions' threads, their clients, the window's count of sent messages and the sync cursor. */
  store: Pick<ClientStore, 'getClient'> &
    Pick<ThreadStore, 'getThread' | 'threadsOfClient'> &
    Pick<OutboxStore, 'sentSince'> &
    CursorStore;
  invites: Pick<InviteLinks, 'open'>;
  /** Human takeover (the core's rule): 微信客服 reports who holds a session, and names the PM's notice. */
  takeover: Pick<HumanTakeover, 'arrived' | 'speakFor'>;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  localeOf(to: Address): Locale;
  /** The client `kfApi` made (the commands' port uses the same one). */
  api: WeComApi;
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

/** 微信客服's API client (its own secret and access token), shared by the commands' port, the chat and the sync. */
export function kfApi(deps: { wecom: WeComConfig; kf: WeComKfConfig; fetch?: typeof fetch }): WeComApi {
  return new WeComApi({
    apiBase: deps.wecom.apiBase,
    corpId: deps.wecom.corpId,
    secret: deps.kf.secret,
    fetch: deps.fetch,
  });
}

/** What the commands ask of 微信客服: an invite link for a scene, a session handed back to the bot. */
export function kfPort(api: WeComApi, openKfId: string): KfPort {
  return {
    inviteLink: (scene) =>
      plainErrors(async () => {
        const reply = await api.post('/cgi-bin/kf/add_contact_way', { open_kfid: openKfId, scene });
        if (typeof reply.url !== 'string')
          throw new PermanentSendError(
            'kf/add_contact_way answered without a url',
            t(PM_LOCALE, 'wecom.err_no_kf_link'),
          );
        return reply.url;
      }),
    resume: (externalUserId) =>
      plainErrors(async () => {
        await api.post('/cgi-bin/kf/service_state/trans', {
          open_kfid: openKfId,
          external_userid: externalUserId,
          service_state: 1,
        });
      }),
  };
}

export function mountKf(deps: KfMountDeps): KfMount {
  const { kf, store, logger } = deps;
  const { api } = deps;
  deps.bot.fetchFilesWith('kf', new WeComMedia(api, deps.wecom.apiBase, deps.fetch));
  const chat = new KfChat({ api, openKfId: kf.openKfId, store, localeOf: deps.localeOf });
  deps.takeover.speakFor('kf', 'wecom.kf_human');
  const sync = new KfSync({ ...deps, cursors: store, api, openKfId: kf.openKfId, chat });
  sync.pullAtStart();
  return {
    chat,
    sync,
    onEvent: (token, openKfId) => {
      if (openKfId && openKfId !== kf.openKfId)
        return void logger.warn({ openKfId }, '微信客服 event for another kf account ignored');
      sync.onEvent(token);
    },
    statusLines: (clientId, locale) => {
      const client = store.getClient(clientId);
      return kfWindowLines(store, clientId, locale, client?.timezone ?? 'Asia/Shanghai', deps.clock.now());
    },
    stop: () => sync.stop(),
  };
}
