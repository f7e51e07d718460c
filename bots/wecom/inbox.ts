/**
 * Decrypted self-built-app messages → the core. A message from a bound contact is that client's
 * reply; text starting with `/release` is a PM command (refused politely for anyone not in
 * PM_USERS) answered by `message/send` (the core's default answer: the outbox). Everything goes
 * through `bot.accept` — stored (and deduplicated on MsgId) before the callback answers, a command
 * marked as one (`Inbound.command`), so a crash cannot turn it into a client's reply; understanding
 * and commands run after the answer.
 *
 *   const inbox = new WeComInbox({ bot, pmUsers, logger, localeOfUser });
 *   await inbox.accept(fields);   // durable; the HTTP answer follows
 */
import type { ReleaseBot } from '../../src/bot.js';
import type { Inbound } from '../../src/inbound.js';
import type { Locale } from '../../src/i18n/index.js';
import type { Logger } from '../../src/logger.js';
import type { XmlFields } from './xml.js';

export type Decoded =
  | { kind: 'message'; inbound: Inbound; command: boolean }
  | { kind: 'kf_event'; token: string; openKfId: string }
  | { kind: 'ignored'; why: string };

const ATTACHMENT: Record<string, 'image' | 'file' | 'other'> = {
  image: 'image',
  file: 'file',
  voice: 'other',
  video: 'other',
};

/** Pure: the callback's fields as one of the things we act on. */
export function decodeAppMessage(f: XmlFields): Decoded {
  if (f.MsgType === 'event') {
    if (f.Event === 'kf_msg_or_event' && f.Token)
      return { kind: 'kf_event', token: f.Token, openKfId: f.OpenKfId ?? '' };
    return { kind: 'ignored', why: `event ${f.Event ?? '?'}` };
  }
  const from = f.FromUserName;
  if (!from || !f.MsgId) return { kind: 'ignored', why: 'no sender or MsgId' };
  const base = { platform: 'wecom' as const, channel: from, sender: `wecom:${from}`, externalId: f.MsgId };
  if (f.MsgType === 'text') {
    const text = (f.Content ?? '').trim();
    return { kind: 'message', inbound: { ...base, text }, command: /^\/release\b/i.test(text) };
  }
  const kind = ATTACHMENT[f.MsgType ?? ''];
  // Images and files carry a MediaId to fetch them by (media/get, valid for three days).
  if (kind)
    return {
      kind: 'message',
      inbound: { ...base, attachments: [{ kind, ...(kind !== 'other' && f.MediaId ? { ref: f.MediaId } : {}) }] },
      command: false,
    };
  return { kind: 'ignored', why: `message type ${f.MsgType ?? '?'}` };
}

export interface WeComInboxDeps {
  bot: ReleaseBot;
  logger: Logger;
  pmUsers: readonly string[];
  /** The language to answer a WeCom user in (a bound client's locale, else zh). */
  localeOfUser(userid: string): Locale;
  /** 微信客服 callbacks (issue 8): pull the messages the event announces. */
  onKfEvent?(token: string, openKfId: string): void;
}

export class WeComInbox {
  constructor(private readonly deps: WeComInboxDeps) {}

  async accept(fields: XmlFields): Promise<void> {
    const decoded = decodeAppMessage(fields);
    if (decoded.kind === 'ignored') return void this.deps.logger.debug({ why: decoded.why }, 'WeCom callback ignored');
    if (decoded.kind === 'kf_event') return void this.deps.onKfEvent?.(decoded.token, decoded.openKfId);
    // WeCom retries what is not acknowledged within 5 s; the core answers after the acknowledgement.
    await this.deps.bot.accept(decoded.command ? this.asCommand(decoded.inbound) : decoded.inbound);
  }

  /** Who may run it and the language to answer in are decided now, as it arrives. */
  private asCommand(inbound: Inbound): Inbound {
    const { pmUsers, localeOfUser } = this.deps;
    return { ...inbound, command: { isPm: pmUsers.includes(inbound.sender), locale: localeOfUser(inbound.channel) } };
  }
}
