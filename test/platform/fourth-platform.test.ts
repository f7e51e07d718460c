/**
 * A fourth platform, written here in test/ only: a minimal adapter ("echo") that decodes its own
 * wire format into an `Inbound`, hands it to `bot.accept`, acknowledges once that resolves, and
 * sends through its own `Chat`. Nothing in src/ knows it: the PM starts a release in an echo room,
 * the client answers there, the fact is recorded and the reply comes out through the echo Chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAnswer, ReleaseBot } from '../../src/bot.js';
import type { CommandReply } from '../../src/commands/index.js';
import type { Inbound } from '../../src/inbound.js';
import type { Address, Chat, OutboundMessage, SentRef } from '../../src/ports.js';
import { startTestApp, type TestApp } from '../support/app.js';

const PLATFORM = 'echo';

/** What the echo platform posts to its webhook. */
interface EchoWire {
  id: string;
  room: string;
  user: string;
  text: string;
}

/** The echo platform's side of sending: every message it was asked to post. */
class EchoChat implements Chat {
  readonly platform = PLATFORM;
  readonly minIntervalMs = 0;
  readonly posted: { room: string; text: string }[] = [];

  async send(to: Address, message: OutboundMessage): Promise<SentRef> {
    const room = to.kind === 'thread' ? to.thread.channel : to.user;
    this.posted.push({ room, text: message.text });
    return { ref: `echo-${this.posted.length}` };
  }
}

/** The adapter: decode → `bot.accept` → acknowledge. A `/release` line is a PM command, answered in the room. */
class EchoAdapter {
  readonly answers: CommandReply[] = [];

  constructor(
    private readonly bot: ReleaseBot,
    private readonly pmUsers: readonly string[],
  ) {}

  async webhook(wire: EchoWire): Promise<'ok'> {
    const sender = `${PLATFORM}:${wire.user}`;
    const isCommand = wire.text.startsWith('/release ');
    const inbound: Inbound = {
      platform: PLATFORM,
      channel: wire.room,
      sender,
      text: isCommand ? wire.text.slice('/release '.length) : wire.text,
      externalId: wire.id,
      ...(isCommand
        ? {
            command: {
              isPm: this.pmUsers.includes(sender),
              locale: 'en' as const,
              conversation: { platform: PLATFORM, channel: wire.room, kind: 'channel' as const, shared: false },
            },
          }
        : {}),
    };
    const answer: CommandAnswer = {
      reply: async (reply) => void this.answers.push(reply),
      failed: async () => undefined,
    };
    await this.bot.accept(inbound, isCommand ? { answer } : {});
    return 'ok'; // the acknowledgement: the message is stored; it is read and answered after
  }
}

describe('a fourth platform, in test/ only, end to end through bot.accept', () => {
  let t: TestApp;
  let chat: EchoChat;
  let echo: EchoAdapter;

  beforeAll(async () => {
    chat = new EchoChat();
    t = await startTestApp({ env: { PM_USERS: 'local:pm' }, options: { chats: [chat] } });
    await t.app.start();
    echo = new EchoAdapter(t.app.bot, ['echo:pm']);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a PM starts a release in an echo room; the client answers; the fact is recorded and the reply goes out through the echo Chat', async () => {
    expect(await echo.webhook({ id: 'e1', room: 'room-1', user: 'pm', text: '/release start Echo Shop en' })).toBe(
      'ok',
    );
    await t.app.bot.idle();
    expect(echo.answers.map((a) => a.message.text).join('\n')).toContain('Echo Shop');
    const client = t.app.store.findClientByName('Echo Shop');
    const release = client && t.app.store.openReleaseOf(client.id);
    if (!client || !release) throw new Error('the release was not started');
    expect(t.app.store.findThread(PLATFORM, 'room-1')?.clientId).toBe(client.id);

    await t.app.outbox.flush();
    const opened = chat.posted.length;
    expect(opened).toBeGreaterThan(0); // the opening questions, through the echo Chat

    expect(await echo.webhook({ id: 'e2', room: 'room-1', user: 'client', text: 'AppID wx1a2b3c4d5e6f7a8b' })).toBe(
      'ok',
    );
    // A redelivery of the same id is acknowledged and not processed again.
    expect(await echo.webhook({ id: 'e2', room: 'room-1', user: 'client', text: 'AppID wx1a2b3c4d5e6f7a8b' })).toBe(
      'ok',
    );
    await t.app.bot.idle();
    expect(t.app.store.item(release.id, 'app_id')?.value).toBe('wx1a2b3c4d5e6f7a8b');

    await t.app.outbox.flush();
    const replies = chat.posted.slice(opened);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.room).toBe('room-1');
    expect(replies[0]?.text).toContain('wx1a2b3c4d5e6f7a8b');
  });
});
