/**
 * Mounts every page on the service's HTTP server: sign-in, the status page, and (when the bot
 * runs on the embedded local chat) the local chat page. One access rule guards them all.
 *
 *   const access = new PageAccess(config.dashboardToken);     // also guards GET /metrics
 *   mountPages(http, { store, clock, bot, access, chat: localChat });
 */
import type { HttpServer } from './server.js';
import { type ChatPageDeps, mountChatPage } from './chat-page.js';
import { mountLogin } from './login.js';
import { LoginThrottle } from './login-throttle.js';
import { mountStatusPages, type StatusPageDeps } from './status-pages.js';

export interface PagesDeps extends Omit<StatusPageDeps, 'chatLink' | 'store'>, Pick<ChatPageDeps, 'bot'> {
  store: StatusPageDeps['store'] & ChatPageDeps['store'];
  /** The local chat transport; the chat page is mounted only when it is given. */
  chat?: ChatPageDeps['chat'];
}

export function mountPages(http: HttpServer, deps: PagesDeps): void {
  const { access } = deps;
  mountLogin(http, access, new LoginThrottle(deps.clock));
  mountStatusPages(http, {
    store: deps.store,
    clock: deps.clock,
    access,
    chatLink: deps.chat !== undefined,
    timeZone: deps.timeZone,
    files: deps.files,
  });
  if (deps.chat)
    mountChatPage(http, {
      bot: deps.bot,
      store: deps.store,
      clock: deps.clock,
      access,
      chat: deps.chat,
      timeZone: deps.timeZone,
    });
}
