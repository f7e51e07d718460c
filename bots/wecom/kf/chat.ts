/**
 * 微信客服 as a `Chat`: `kf/send_msg` to an external client, inside WeChat's window (5 messages in
 * the 48 h after the client last wrote; `policy` refuses the rest so the outbox hands them to the
 * PM), and the first message after `enter_session` through `kf/send_msg_on_event` with the
 * welcome code (valid 20 s, outside the window).
 *
 *   const chat = new KfChat({ api, openKfId, store, localeOf });
 *   chat.rememberWelcome('wmXXXX', welcomeCode);   // the opening then goes out as the welcome
 */
import { kfWindow } from './commands.js';
import type { Locale } from '../../../src/i18n/index.js';
import type {
  Address,
  Chat,
  Delivery,
  OutboundMessage,
  PartProgress,
  SendPolicy,
  SentRef,
} from '../../../src/ports.js';
import type { OutboxStore, ThreadStore } from '../../../src/release/store.js';
import type { WeComApi, WeComReply } from '../api.js';
import { toSendError } from '../chat.js';
import { WeComApiError } from '../errors.js';
import { splitForWeCom, toPlainText } from '../render.js';

/**
 * WeChat's answer to a `kf/send_msg` whose `msgid` this kf account used before. Not in the public
 * errcode table we could read; taken from a client library that treats it as "already sent" — see
 * docs/wecom.md, "Delivery guarantees".
 */
export const KF_MSGID_EXISTS = 95033;

/**
 * Our msgid for part `part` of an outbox row: at most 32 bytes of [0-9a-zA-Z_-], unique per kf
 * account (the row's creation time keeps a database started afresh from reusing one).
 *
 *   kfMsgId({ id: 42, createdAt: '2026-11-25T02:00:00.000Z', … }, 0)  // 'rb-42-0-mie1b4w0'
 */
export function kfMsgId(delivery: Pick<Delivery, 'id' | 'createdAt'>, part: number): string {
  return `rb-${delivery.id}-${part}-${Date.parse(delivery.createdAt).toString(36)}`;
}

/** WeChat accepts a welcome code for 20 s; keep a margin for the send itself. */
const WELCOME_VALID_MS = 18_000;

export interface KfChatDeps {
  api: WeComApi;
  openKfId: string;
  store: Pick<ThreadStore, 'getThread'> & Pick<OutboxStore, 'sentSince'>;
  localeOf(to: Address): Locale;
}

export class KfChat implements Chat {
  readonly platform = 'kf' as const;
  private readonly welcomes = new Map<string, { code: string; until: number }>();
  /** The outbox hands the same message to `policy` and then `send`: render and split it once. */
  private readonly rendered = new WeakMap<OutboundMessage, string[]>();

  constructor(private readonly deps: KfChatDeps) {}

  /** Real time, not the app clock: the 20 s are WeChat's. */
  private partsOf(message: OutboundMessage, to: Address): string[] {
    const cached = this.rendered.get(message);
    if (cached) return cached;
    const parts = splitForWeCom(toPlainText(message, this.deps.localeOf(to)));
    this.rendered.set(message, parts);
    return parts;
  }

  rememberWelcome(externalUserId: string, code: string): void {
    this.welcomes.set(externalUserId, { code, until: Date.now() + WELCOME_VALID_MS });
  }

  private welcomeFor(externalUserId: string): string | undefined {
    const w = this.welcomes.get(externalUserId);
    return w && w.until > Date.now() ? w.code : undefined;
  }

  /** WeChat's window counts each part: a message whose remaining parts do not all fit goes to the PM whole, not half-sent. */
  policy(to: Address, now: Date, message: OutboundMessage, progress: PartProgress): SendPolicy {
    if (to.kind !== 'thread') return { ok: true };
    if (this.welcomeFor(to.thread.channel)) return { ok: true };
    const thread = this.deps.store.getThread(to.thread.id) ?? to.thread;
    const sent = thread.lastInboundAt ? this.deps.store.sentSince(thread.id, thread.lastInboundAt) : 0;
    const window = kfWindow(thread, sent, now);
    const parts = this.partsOf(message, to).length - progress.sent;
    if (window.state === 'open' && parts <= window.left) return { ok: true };
    // Open but too small for every part, or full: 'window_full'; closed, or the client never wrote: 'window_closed'.
    return { ok: false, reason: window.state === 'open' || window.state === 'full' ? 'window_full' : 'window_closed' };
  }

  /**
   * Each part goes out with our own `msgid` (from the outbox row and the part): WeChat refuses a
   * second message with the same id on this kf account, so a resend of a part that did go out
   * before a crash is refused with KF_MSGID_EXISTS — which means "already sent".
   */
  async send(to: Address, message: OutboundMessage, progress?: PartProgress, delivery?: Delivery): Promise<SentRef> {
    const touser = to.kind === 'thread' ? to.thread.channel : to.user;
    const parts = this.partsOf(message, to);
    let ref: string | undefined;
    try {
      for (let i = progress?.sent ?? 0; i < parts.length; i += 1) {
        const msgid = delivery && kfMsgId(delivery, i);
        const text = { msgtype: 'text', text: { content: parts[i] ?? '' }, ...(msgid ? { msgid } : {}) };
        const code = this.welcomeFor(touser);
        this.welcomes.delete(touser);
        const reply = await this.post(code, touser, text);
        ref = (typeof reply.msgid === 'string' ? reply.msgid : msgid) ?? ref;
        progress?.onSent(i + 1);
      }
    } catch (err) {
      throw toSendError(err);
    }
    return { ref };
  }

  private async post(code: string | undefined, touser: string, text: Record<string, unknown>): Promise<WeComReply> {
    try {
      return code
        ? await this.deps.api.post('/cgi-bin/kf/send_msg_on_event', { code, ...text })
        : await this.deps.api.post('/cgi-bin/kf/send_msg', { touser, open_kfid: this.deps.openKfId, ...text });
    } catch (err) {
      // Our msgid was used already: the part went out on an earlier attempt.
      if (text.msgid && err instanceof WeComApiError && err.errcode === KF_MSGID_EXISTS) return { msgid: text.msgid };
      throw err;
    }
  }
}
