/**
 * Decrypted self-built-app messages → the core. A message from a bound contact is that client's
 * reply; text starting with `/release` is a PM command (refused politely for anyone not in
 * PM_USERS) answered by `message/send`. Everything is stored (and deduplicated on MsgId) before the
 * callback answers; understanding and commands run after, asynchronously.
 *
 *   const inbox = new WeComInbox({ bot, outbox, pmUsers, logger, ... });
 *   inbox.accept(fields);   // sync and durable; the HTTP answer follows
 */
import type { ReleaseBot } from '../../src/bot.js';
import type { Inbound } from '../../src/inbound.js';
import type { Locale } from '../../src/i18n/index.js';
import type { Logger } from '../../src/logger.js';
import type { Outbox } from '../../src/outbox.js';
import type { Clock } from '../../src/ports.js';
import { statusBlocks } from './render-status.js';
import type { XmlFields } from './xml.js';

export type Decoded =
  | { kind: 'message'; inbound: Inbound; command: boolean }
  | { kind: 'kf_event'; token: string; openKfId: string }
  | { kind: 'ignored'; why: string };

const ATTACHMENT: Record<string, 'image' | 'file' | 'other'> = { image: 'image', file: 'file', voice: 'other', video: 'other' };

/** Pure: the callback's fields as one of the things we act on. */
export function decodeAppMessage(f: XmlFields): Decoded {
  if (f.MsgType === 'event') {
    if (f.Event === 'kf_msg_or_event' && f.Token) return { kind: 'kf_event', token: f.Token, openKfId: f.OpenKfId ?? '' };
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
  if (kind) return { kind: 'message', inbound: { ...base, attachments: [{ kind }] }, command: false };
  return { kind: 'ignored', why: `message type ${f.MsgType ?? '?'}` };
}

export interface WeComInboxDeps {
  bot: ReleaseBot;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  pmUsers: readonly string[];
  /** The language to answer a WeCom user in (a bound client's locale, else zh). */
  localeOfUser(userid: string): Locale;
  /** Marks a command's stored event handled, so a restart does not read it as a client reply. */
  markHandled(eventId: number): void;
  /** 微信客服 callbacks (issue 8): pull the messages the event announces. */
  onKfEvent?(token: string, openKfId: string): void;
  /** Extra status lines per client (the 微信客服 window). */
  statusExtra?(clientId: number, locale: Locale): string[];
}

export class WeComInbox {
  constructor(private readonly deps: WeComInboxDeps) {}

  accept(fields: XmlFields): void {
    const decoded = decodeAppMessage(fields);
    if (decoded.kind === 'ignored') return void this.deps.logger.debug({ why: decoded.why }, 'WeCom callback ignored');
    if (decoded.kind === 'kf_event') return void this.deps.onKfEvent?.(decoded.token, decoded.openKfId);
    const stored = this.deps.bot.receive(decoded.inbound);
    if (stored.kind === 'duplicate') return;
    const { inbound } = decoded;
    // After the HTTP answer: WeCom retries what is not acknowledged within 5 s.
    setImmediate(() => {
      const work = decoded.command ? this.command(inbound, stored.eventId) : this.deps.bot.process(stored.eventId);
      work.catch((err: unknown) => this.deps.logger.error({ err, eventId: stored.eventId }, 'WeCom message failed after ack; it stays stored'));
    });
  }

  private async command(inbound: Inbound, eventId: number): Promise<void> {
    const { bot, outbox, clock, pmUsers } = this.deps;
    const locale = this.deps.localeOfUser(inbound.channel);
    const reply = await bot.command(
      { platform: 'wecom', user: inbound.sender, isPm: pmUsers.includes(inbound.sender), locale },
      inbound.text ?? '',
    );
    this.deps.markHandled(eventId);
    const blocks = reply.view ? statusBlocks(locale, reply.view, clock.now(), this.deps.statusExtra) : undefined;
    outbox.post({ kind: 'user', platform: 'wecom', user: inbound.channel }, { text: reply.message.text, blocks });
    void outbox.kick();
  }
}
