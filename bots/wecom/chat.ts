/**
 * The self-built app (自建应用) as a `Chat`: `message/send` to a WeCom user (a client contact or a
 * PM's DM), `appchat/send` to an app group chat, and a group robot's webhook for send-only notices.
 * WeCom's errcodes become the outbox's errors: rate limits wait, permanent refusals go to the PM.
 *
 *   const chat = new WeComChat({ api, agentId: 1000002, apiBase, localeOf, robotKey: (channel) => service.revealRobotKey(channel) });
 *   await chat.send({ kind: 'user', platform: 'wecom', user: 'zhangsan' }, { text: '你好' });
 */
import { type Locale, t } from '../../src/i18n/index.js';
import { type Address, type Chat, type OutboundMessage, type PartProgress, PermanentSendError, RateLimitedError, type SentRef } from '../../src/ports.js';
import { ROBOT_CHANNEL_PREFIX } from '../../src/release/model.js';
import { PM_LOCALE } from '../../src/reminders/messages.js';
import type { WeComApi, WeComReply } from './api.js';
import { classify, WeComApiError } from './errors.js';
import { splitForWeCom, toMarkdown } from './render.js';


export interface WeComChatDeps {
  api: WeComApi;
  agentId: number;
  apiBase: string;
  /** The reader's language for the hints that replace buttons (the client's locale; PMs: zh). */
  localeOf(to: Address): Locale;
  /** The sealed webhook key behind a group robot's channel id (`robot:<fingerprint>`). */
  robotKey(channel: string): string | undefined;
  fetch?: typeof fetch;
}

/** Turns WeCom's refusals into what the outbox understands; anything else is retried. */
export function toSendError(err: unknown): unknown {
  if (!(err instanceof WeComApiError)) return err;
  const kind = classify(err.errcode, err.message);
  if (kind.kind === 'rate_limited') return new RateLimitedError(kind.retryAfterMs, { cause: err });
  if (kind.kind === 'permanent') return new PermanentSendError(err.message, kind.reason, { cause: err });
  return err;
}

export class WeComChat implements Chat {
  readonly platform = 'wecom' as const;
  /** WeCom allows 30 messages a minute per member; its 45009 answer is the real gate. */
  readonly minIntervalMs = 0;

  constructor(private readonly deps: WeComChatDeps) {}

  async send(to: Address, message: OutboundMessage, progress?: PartProgress): Promise<SentRef> {
    const parts = splitForWeCom(toMarkdown(message, this.deps.localeOf(to)));
    let ref: string | undefined;
    try {
      for (let i = progress?.sent ?? 0; i < parts.length; i += 1) {
        ref = (await this.sendOne(to, parts[i] ?? '')) ?? ref;
        progress?.onSent(i + 1);
      }
    } catch (err) {
      throw toSendError(err);
    }
    return { ref };
  }

  private async sendOne(to: Address, content: string): Promise<string | undefined> {
    const markdown = { msgtype: 'markdown', markdown: { content } };
    if (to.kind === 'thread' && to.thread.channel.startsWith(ROBOT_CHANNEL_PREFIX)) return this.robot(to.thread.channel, markdown);
    if (to.kind === 'thread' && to.thread.kind === 'appchat') {
      await this.deps.api.post('/cgi-bin/appchat/send', { chatid: to.thread.channel, ...markdown });
      return undefined;
    }
    const touser = to.kind === 'thread' ? to.thread.channel : to.user;
    const reply = await this.deps.api.post('/cgi-bin/message/send', { touser, agentid: this.deps.agentId, ...markdown });
    if (typeof reply.invaliduser === 'string' && reply.invaliduser !== '') {
      throw new PermanentSendError(`WeCom user ${touser} is not reachable`, t(PM_LOCALE, 'wecom.err_unreachable'));
    }
    return typeof reply.msgid === 'string' ? reply.msgid : undefined;
  }

  /** Group robot webhook: no token, its own key (sealed; looked up by the thread's channel); used for notices to a client's group. */
  private async robot(channel: string, body: unknown): Promise<undefined> {
    const key = this.deps.robotKey(channel);
    if (!key) throw new PermanentSendError(`no webhook key on file for ${channel}`, t(PM_LOCALE, 'wecom.err_robot_key_missing'));
    const url = new URL(`${this.deps.apiBase}/cgi-bin/webhook/send`);
    url.searchParams.set('key', key);
    const res = await (this.deps.fetch ?? fetch)(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`WeCom group robot answered HTTP ${res.status}`);
    const reply = (await res.json()) as WeComReply;
    if (reply.errcode) throw new WeComApiError('/cgi-bin/webhook/send', reply.errcode, reply.errmsg ?? '');
    return undefined;
  }
}
