/**
 * The self-built app (自建应用) as a `Chat`: `message/send` to a WeCom user (a client contact or a
 * PM's DM), `appchat/send` to an app group chat, and a group robot's webhook for send-only notices.
 * WeCom's errcodes become the outbox's errors: rate limits wait, permanent refusals go to the PM.
 *
 *   const chat = new WeComChat({ api, agentId: 1000002, apiBase, localeOf, robotKey: (channel) => robots.reveal(channel) });
 *   await chat.send({ kind: 'user', platform: 'wecom', user: 'zhangsan' }, { text: '你好' });
 */
import { type Locale, t } from '../../src/i18n/index.js';
import {
  type Address,
  type Chat,
  type Clock,
  type Delivery,
  type OutboundMessage,
  type PartProgress,
  PermanentSendError,
  RateLimitedError,
  type SendLimit,
  type SentRef,
} from '../../src/ports.js';
import { ROBOT_CHANNEL_PREFIX } from './targets.js';
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
  /** The app's clock: how long ago an unconfirmed send began (the duplicate check's interval). */
  clock?: Clock;
  /** The corp's account limit (账号上限数, WECOM_ACCOUNT_LIMIT): the app's daily limit is 200× it; unset = WeCom's own answer is the gate. */
  accountLimit?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * WeCom's documented sending limits (developer.work.weixin.qq.com/document/path/90454, 访问频率限制,
 * 发送应用消息频率 / 应用推送群聊消息频率, last updated 2023-08-28; a group robot's from
 * /document/path/91770, 消息发送频率限制). WeCom drops what goes over a member's limit without an
 * error, so these are enforced before sending, not learned from an answer.
 */
export const WECOM_LIMITS = {
  /** 每应用对同一个成员不可超过30次/分钟，1000次/小时 */
  member: [
    { max: 30, windowMs: MINUTE },
    { max: 1000, windowMs: HOUR },
  ],
  /** 每个成员在群中收到的应用消息不可超过200条/分，1万条/天 (so one app group chat: the same) */
  appchat: [
    { max: 200, windowMs: MINUTE },
    { max: 10_000, windowMs: DAY },
  ],
  /** 每个机器人发送的消息不能超过20条/分钟 */
  robot: [{ max: 20, windowMs: MINUTE }],
  /** 每应用不可超过账号上限数*200人次/天 (one message to one member = 1 人次) */
  appPerDayPerAccount: 200,
} as const;

interface DuplicateCheck {
  enable_duplicate_check: 1;
  duplicate_check_interval: number;
}

/** WeCom allows a duplicate-check interval of at most 4 hours. */
const MAX_DUPLICATE_CHECK_S = 4 * 3600;

/**
 * Just long enough to cover the unconfirmed attempt (plus a minute), so an identical message sent
 * on purpose before it is not dropped; at most WeCom's 4 hours (older than that: sent again).
 */
export function duplicateCheck(delivery: Delivery, now: Date): DuplicateCheck {
  const elapsed = Math.ceil((now.getTime() - Date.parse(delivery.since)) / 1000);
  return {
    enable_duplicate_check: 1,
    duplicate_check_interval: Math.min(MAX_DUPLICATE_CHECK_S, Math.max(60, elapsed + 60)),
  };
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
  constructor(private readonly deps: WeComChatDeps) {}

  /** The per-member, per-group-chat or per-robot limits a send counts against, and the app's daily one (`WECOM_LIMITS`). */
  limits(to: Address): SendLimit[] {
    const channel = to.kind === 'thread' ? to.thread.channel : to.user;
    if (to.kind === 'thread' && channel.startsWith(ROBOT_CHANNEL_PREFIX))
      return WECOM_LIMITS.robot.map((l) => ({ key: `wecom:robot:${channel}`, ...l }));
    if (to.kind === 'thread' && to.thread.kind === 'appchat')
      return WECOM_LIMITS.appchat.map((l, i) => ({ key: `wecom:appchat:${i}:${channel}`, ...l }));
    const member = WECOM_LIMITS.member.map((l, i) => ({ key: `wecom:member:${i}:${channel}`, ...l }));
    const accounts = this.deps.accountLimit;
    return accounts
      ? [...member, { key: 'wecom:app', max: accounts * WECOM_LIMITS.appPerDayPerAccount, windowMs: DAY }]
      : member;
  }

  /**
   * A resend of an unconfirmed part (it may have gone out before a crash) asks `message/send` to
   * drop it if WeCom has it (`enable_duplicate_check`); first sends never do, since the check drops
   * *any* identical text to the member within its interval (two identical confirmations are fine).
   */
  async send(to: Address, message: OutboundMessage, progress?: PartProgress, delivery?: Delivery): Promise<SentRef> {
    const parts = splitForWeCom(toMarkdown(message, this.deps.localeOf(to)));
    let ref: string | undefined;
    try {
      const first = progress?.sent ?? 0;
      for (let i = first; i < parts.length; i += 1) {
        const check = i === first && delivery?.unconfirmed ? duplicateCheck(delivery, this.now()) : {};
        ref = (await this.sendOne(to, parts[i] ?? '', check)) ?? ref;
        progress?.onSent(i + 1);
      }
    } catch (err) {
      throw toSendError(err);
    }
    return { ref };
  }

  private now(): Date {
    return this.deps.clock?.now() ?? new Date();
  }

  private async sendOne(
    to: Address,
    content: string,
    check: DuplicateCheck | Record<string, never>,
  ): Promise<string | undefined> {
    const markdown = { msgtype: 'markdown', markdown: { content } };
    if (to.kind === 'thread' && to.thread.channel.startsWith(ROBOT_CHANNEL_PREFIX))
      return this.robot(to.thread.channel, markdown);
    if (to.kind === 'thread' && to.thread.kind === 'appchat') {
      await this.deps.api.post('/cgi-bin/appchat/send', { chatid: to.thread.channel, ...markdown });
      return undefined;
    }
    const touser = to.kind === 'thread' ? to.thread.channel : to.user;
    const reply = await this.deps.api.post('/cgi-bin/message/send', {
      touser,
      agentid: this.deps.agentId,
      ...markdown,
      ...check,
    });
    if (typeof reply.invaliduser === 'string' && reply.invaliduser !== '') {
      throw new PermanentSendError(`WeCom user ${touser} is not reachable`, t(PM_LOCALE, 'wecom.err_unreachable'));
    }
    return typeof reply.msgid === 'string' ? reply.msgid : undefined;
  }

  /** Group robot webhook: no token, its own key (sealed; looked up by the thread's channel); used for notices to a client's group. */
  private async robot(channel: string, body: unknown): Promise<undefined> {
    const key = this.deps.robotKey(channel);
    if (!key)
      throw new PermanentSendError(
        `no webhook key on file for ${channel}`,
        t(PM_LOCALE, 'wecom.err_robot_key_missing'),
      );
    const url = new URL(`${this.deps.apiBase}/cgi-bin/webhook/send`);
    url.searchParams.set('key', key);
    const res = await (this.deps.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`WeCom group robot answered HTTP ${res.status}`);
    const reply = (await res.json()) as WeComReply;
    if (reply.errcode) throw new WeComApiError('/cgi-bin/webhook/send', reply.errcode, reply.errmsg ?? '');
    return undefined;
  }
}
