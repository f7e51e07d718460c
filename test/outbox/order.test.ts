import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { createStore } from '../../db/store.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbox.js';
import {
  type Address,
  type Chat,
  type OutboundMessage,
  PermanentSendError,
  RateLimitedError,
  type SentRef,
} from '../../src/ports.js';
import type { Thread } from '../../src/release/model.js';
import type { ReleaseStore } from '../../src/release/store.js';
import { FakeClock } from '../support/app.js';
import { tempDir } from '../support/tmp.js';

/** A chat platform at the network edge: records what arrives, answers 429 or "gone" (a client's channel) when told to. */
class RecordingChat implements Chat {
  readonly platform = 'local' as const;
  readonly delivered: string[] = [];
  rateLimitOnce = 0;
  gone = false;
  async send(to: Address, message: OutboundMessage): Promise<SentRef> {
    if (this.rateLimitOnce > 0) {
      this.rateLimitOnce -= 1;
      throw new RateLimitedError(30_000);
    }
    // The client's channel is gone; the PM's DM still works.
    if (this.gone && to.kind === 'thread') throw new PermanentSendError('channel_not_found', 'the channel was deleted');
    this.delivered.push(message.text);
    return { ref: String(this.delivered.length) };
  }
}

let db: Db;
let store: ReleaseStore;
let clock: FakeClock;
let chat: RecordingChat;
let outbox: Outbox;
let thread: Thread;

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'bot.sqlite'));
  runMigrations(db);
  store = createStore(db);
  clock = new FakeClock();
  chat = new RecordingChat();
  outbox = new Outbox({ store, chats: new Map([['local', chat]]), clock, logger: silentLogger });
  const at = clock.now().toISOString();
  const client = store.createClient({ name: 'Acme Coffee', locale: 'en', timezone: 'Asia/Shanghai', at });
  store.createRelease({ clientId: client.id, pmUser: 'local:pm', keys: ['app_id'], at });
  thread = store.bindThread({ clientId: client.id, platform: 'local', channel: 'client', kind: 'local', at });
});
afterEach(() => closeDatabase(db));

describe('the outbox', () => {
  it('keeps a channel’s order across a 429: nothing overtakes the message that waits', async () => {
    chat.rateLimitOnce = 1;
    outbox.post({ kind: 'thread', thread }, { text: 'first' });
    await outbox.kick();
    outbox.post({ kind: 'thread', thread }, { text: 'second' });
    await outbox.kick();
    expect(chat.delivered).toEqual([]); // "second" is due, but "first" waits out Retry-After
    clock.advance(30_000);
    await outbox.kick();
    expect(chat.delivered).toEqual(['first', 'second']);
  });

  it('sends once per row, and a dedupe key makes a second post a no-op', async () => {
    expect(outbox.post({ kind: 'thread', thread }, { text: 'nudge' }, 'nudge-1')).toBeTypeOf('number');
    expect(outbox.post({ kind: 'thread', thread }, { text: 'nudge' }, 'nudge-1')).toBeUndefined();
    await outbox.kick();
    await outbox.kick();
    expect(chat.delivered).toEqual(['nudge']);
  });

  it('leaves rows for a platform this process cannot send on pending, for the process that can', async () => {
    const slackThread = store.bindThread({
      clientId: thread.clientId,
      platform: 'slack',
      channel: 'C1',
      kind: 'channel',
      at: clock.now().toISOString(),
    });
    const id = outbox.post({ kind: 'thread', thread: slackThread }, { text: 'for slack' }) as number;
    outbox.post({ kind: 'thread', thread }, { text: 'local' });
    await outbox.kick();
    expect(chat.delivered).toEqual(['local']);
    expect(store.getOutbox(id)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('counts a 429 as no attempt, retries failures for a day, then hands the message to the PM', async () => {
    chat.rateLimitOnce = 1;
    const id = outbox.post({ kind: 'thread', thread }, { text: 'hello' }) as number;
    await outbox.kick();
    expect(store.getOutbox(id)).toMatchObject({ state: 'pending', attempts: 0 });
    const sendWorking = chat.send;
    Object.assign(chat, { send: async () => Promise.reject(new Error('socket hang up')) });
    for (let hour = 0; hour < 26; hour += 1) {
      clock.advance(3_600_000);
      await outbox.kick();
    }
    expect(store.getOutbox(id)).toMatchObject({ state: 'handed_to_pm', lastError: 'socket hang up' });
    // The PM is told in their words, with the technical cause as a detail (sent once the chat works again).
    Object.assign(chat, { send: sendWorking });
    clock.advance(3_600_000); // the notice itself met the failing chat once: its retry is due later
    await outbox.kick();
    expect(chat.delivered).toHaveLength(1);
    expect(chat.delivered[0]).toContain(
      'Could not send to Acme Coffee: it failed for 24 hours in a row (last error: socket hang up)',
    );
    expect(chat.delivered[0]).toContain('hello');
  });

  it('hands what the platform refuses for good to the PM, with the reason, and goes on', async () => {
    chat.gone = true;
    outbox.post({ kind: 'thread', thread }, { text: 'hello' });
    await outbox.kick();
    chat.gone = false;
    await outbox.kick();
    expect(chat.delivered).toHaveLength(1);
    expect(chat.delivered[0]).toContain('Could not send to Acme Coffee: the channel was deleted');
    expect(chat.delivered[0]).toContain('hello');
  });

  it('an SQLite error while draining is logged, not thrown (no unhandled rejection from the timer), and the row is sent on the next drain', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'error', destination: { write: (line: string) => void lines.push(line) } });
    const logged = new Outbox({ store, chats: new Map([['local', chat]]), clock, logger });
    logged.post({ kind: 'thread', thread }, { text: 'hello' });
    // A real failure inside SQLite: marking the row in flight is refused once (a locked or full disk would).
    db.$client.exec(
      `CREATE TRIGGER refuse_sending BEFORE UPDATE OF sending_since ON outbox BEGIN SELECT RAISE(ABORT, 'disk refused'); END`,
    );
    await expect(logged.kick()).resolves.toBeUndefined();
    expect(chat.delivered).toEqual([]);
    expect(lines.join('\n')).toContain('draining failed');
    expect(lines.join('\n')).toContain('disk refused');
    db.$client.exec('DROP TRIGGER refuse_sending');
    await logged.kick();
    expect(chat.delivered).toEqual(['hello']);
  });
});
