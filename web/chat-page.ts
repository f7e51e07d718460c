/**
 * The local chat page (`GET /chat`), mounted when neither Slack nor WeCom is configured: a
 * newcomer plays the client (channel `client`, sender `local:client`) and the PM (`local:pm`,
 * `/release …`) against the real bot, and watches the status move. An adapter like the others: it
 * decodes the post into an `Inbound` and calls `bot.accept`, waiting until it is processed so the
 * answer is in the transcript when the page polls.
 *
 *   POST /chat/messages  {"as":"client","text":"AppID wx1a2b3c4d5e6f7a8b"}  → 202 {"seq":4}
 *   GET  /chat/messages?since=4  → {"messages":[…],"status":"<div …>","hasRelease":true}
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ReleaseBot } from '../src/bot.js';
import { t } from '../src/i18n/index.js';
import { type HttpServer, readBody, sendJson } from './server.js';
import type { Clock, OutboundMessage } from '../src/ports.js';
import type { StatusReads, ThreadStore } from '../src/release/store.js';
import { html, type SafeHtml } from '../src/status/html.js';
import { buildStatus } from '../src/status/model.js';
import { statusPanelHtml } from '../src/status/render-html.js';
import type { PageAccess } from './auth.js';
import { CHAT_TEXT_LIMIT, chatPageHtml } from '../src/status/chat-html.js';
import { pageLocale } from './locale.js';
import { allow, newNonce, sendPage } from './respond.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ThreadStore & StatusReads;

/** The part of the local chat transport the page needs (bots/local/chat.ts implements it). */
export interface ChatTranscript {
  since(seq: number): { seq: number; to: string; from?: string; message: OutboundMessage; at: string }[];
  record(entry: { from?: string; to: string; message: OutboundMessage }): { seq: number };
}

export interface ChatPageDeps {
  bot: Pick<ReleaseBot, 'accept'>;
  store: Store;
  clock: Clock;
  access: PageAccess;
  chat: ChatTranscript;
  /** The time zone the status panel shows times in (AGENCY_TIMEZONE). */
  timeZone?: string;
}

export const LOCAL_CHANNEL = 'client';
export const LOCAL_CLIENT = 'local:client';
export const LOCAL_PM = 'local:pm';
/** Room for CHAT_TEXT_LIMIT characters of 4-byte UTF-8 (emoji) and the JSON around them. */
const MAX_CHAT_BYTES = CHAT_TEXT_LIMIT * 4 + 1024;

const SendBody = z.object({ as: z.enum(['client', 'pm']), text: z.string().trim().min(1) }).strict();

/** The release the local conversation is bound to, as the inline panel (empty before `/release start`). */
function panel(
  store: Store,
  now: Date,
  locale: 'en' | 'zh',
  timeZone?: string,
): { hasRelease: boolean; statusPanel: SafeHtml } {
  const thread = store.findThread('local', LOCAL_CHANNEL);
  const [status] = thread ? buildStatus(store.statusRows({ clientId: thread.clientId }), now) : [];
  if (!status) return { hasRelease: false, statusPanel: html`` };
  return { hasRelease: true, statusPanel: statusPanelHtml(locale, status, now, timeZone) };
}

function parseSend(body: Buffer): z.infer<typeof SendBody> | undefined {
  try {
    const parsed = SendBody.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function mountChatPage(http: HttpServer, deps: ChatPageDeps): void {
  const { bot, store, clock, access, chat, timeZone } = deps;

  http.route('GET', '/chat', (req, res, url) => {
    if (!allow(access, req, res, url, 'page')) return;
    const locale = pageLocale(req, url);
    const nonce = newNonce();
    sendPage(res, 200, chatPageHtml(locale, panel(store, clock.now(), locale, timeZone), nonce), { nonce });
  });

  http.route('GET', '/chat/messages', (req, res, url) => {
    if (!allow(access, req, res, url, 'api')) return;
    const locale = pageLocale(req, url);
    const since = Number(url.searchParams.get('since') ?? '0');
    if (!Number.isInteger(since) || since < 0)
      return sendJson(res, 400, { error: t(locale, 'chat.bad_request', { limit: CHAT_TEXT_LIMIT }) });
    const messages = chat
      .since(since)
      .map((m) => ({ seq: m.seq, from: m.from ?? null, to: m.to, text: m.message.text, at: m.at }));
    const view = panel(store, clock.now(), locale, timeZone);
    sendJson(res, 200, { messages, status: view.statusPanel.value, hasRelease: view.hasRelease });
  });

  http.route('POST', '/chat/messages', async (req, res, url) => {
    if (!allow(access, req, res, url, 'api')) return;
    const locale = pageLocale(req, url);
    const isJson = String(req.headers['content-type'] ?? '')
      .toLowerCase()
      .startsWith('application/json');
    const body = isJson ? parseSend(await readBody(req, MAX_CHAT_BYTES)) : undefined;
    if (!body) return sendJson(res, 400, { error: t(locale, 'chat.bad_request', { limit: CHAT_TEXT_LIMIT }) });
    if (body.text.length > CHAT_TEXT_LIMIT) {
      return sendJson(res, 413, {
        error: t(locale, 'chat.too_long', { limit: CHAT_TEXT_LIMIT, length: body.text.length }),
      });
    }
    if (body.as === 'client') {
      const { seq } = chat.record({ from: LOCAL_CLIENT, to: `thread:${LOCAL_CHANNEL}`, message: { text: body.text } });
      await bot.accept(
        { platform: 'local', channel: LOCAL_CHANNEL, sender: LOCAL_CLIENT, text: body.text, externalId: randomUUID() },
        { untilProcessed: true },
      );
      return sendJson(res, 202, { seq });
    }
    const { seq } = chat.record({ from: LOCAL_PM, to: 'bot', message: { text: body.text } });
    await bot.accept(
      {
        platform: 'local',
        channel: LOCAL_CHANNEL,
        sender: LOCAL_PM,
        text: body.text,
        externalId: randomUUID(),
        command: {
          isPm: true,
          locale,
          conversation: { platform: 'local', channel: LOCAL_CHANNEL, kind: 'local', shared: false },
        },
      },
      {
        untilProcessed: true,
        // The page is the PM's screen: the reply goes into its transcript (a failure rejects: the post fails).
        answer: {
          reply: async (reply) => void chat.record({ to: `user:${LOCAL_PM}`, message: reply.message }),
          failed: async () => undefined,
        },
      },
    );
    sendJson(res, 202, { seq });
  });
}
