import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { createStore } from '../../db/store.js';
import { type AppEvents, EventBus } from '../../src/events.js';
import { silentLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbox.js';
import { type Address, type Chat, type OutboundMessage, PermanentSendError, type SentRef } from '../../src/ports.js';
import { ReminderFirer } from '../../src/reminders/firing.js';
import { ReminderPlanner } from '../../src/reminders/planner.js';
import { secretBox } from '../../src/release/secrets.js';
import { ReleaseService } from '../../src/release/service.js';
import type { ReleaseStore } from '../../src/release/store.js';
import { FakeClock } from '../support/app.js';
import { tempDir } from '../support/tmp.js';
import { CLIENT_APP_ID } from '../support/ids.js';

/** The chat platform at the network edge: the client's channel is gone, the PM's DM works. */
class GoneChannelChat implements Chat {
  readonly platform = 'local' as const;
  readonly delivered: string[] = [];
  async send(to: Address, message: OutboundMessage): Promise<SentRef> {
    if (to.kind === 'thread') throw new PermanentSendError('channel_not_found', 'the channel was deleted');
    this.delivered.push(message.text);
    return { ref: String(this.delivered.length) };
  }
}

type Seen = { [K in keyof AppEvents]: { type: K; event: AppEvents[K] } }[keyof AppEvents];

let db: Db;
let store: ReleaseStore;
let clock: FakeClock;
let events: EventBus;
let service: ReleaseService;
let seen: Seen[];

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'bot.sqlite'));
  runMigrations(db);
  store = createStore(db);
  clock = new FakeClock();
  events = new EventBus(silentLogger, store);
  service = new ReleaseService(store, clock, secretBox(Buffer.alloc(32, 3)), events);
  seen = [];
  for (const type of ['fact.recorded', 'release.opened', 'reminder.due', 'delivery.failed'] as const)
    events.on(type, (event) => void seen.push({ type, event } as Seen));
});
afterEach(() => closeDatabase(db));

function start() {
  return service.startRelease({ clientName: 'Acme Coffee', pmUser: 'local:pm', actor: 'local:pm', locale: 'en' });
}

describe('the after-commit event bus, with the real SQLite store', () => {
  it('publishes release.opened once, after the commit, and not for the open release returned again', () => {
    let inside: number | undefined;
    const { client, release } = store.transaction(() => {
      const started = start();
      inside = seen.length; // collected, not yet published
      return started;
    });
    expect(inside).toBe(0);
    expect(seen).toEqual([{ type: 'release.opened', event: { client, release, carried: [] } }]);
    start(); // the open one again
    expect(seen).toHaveLength(1);
  });

  it('publishes fact.recorded once per change, with the item before and after', () => {
    const { release } = start();
    seen = [];
    service.recordAnswer(release.id, 'app_id', CLIENT_APP_ID, { actor: 'local:client' });
    expect(seen).toHaveLength(1);
    const [only] = seen;
    expect(only?.type).toBe('fact.recorded');
    if (only?.type !== 'fact.recorded') return;
    expect(only.event.release.id).toBe(release.id);
    expect(only.event.before).toMatchObject({ key: 'app_id', value: null });
    expect(only.event.after).toMatchObject({ key: 'app_id', value: CLIENT_APP_ID, status: 'answered' });
  });

  it('publishes nothing when the transaction rolls back, and only the savepoint that committed', () => {
    const { release } = start();
    seen = [];
    expect(() =>
      store.transaction(() => {
        service.recordAnswer(release.id, 'app_id', CLIENT_APP_ID, { actor: 'local:client' });
        service.startRelease({ clientName: 'Other', pmUser: null, actor: 'local:pm' });
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(seen).toEqual([]);
    expect(store.item(release.id, 'app_id')?.value).toBeNull();
    expect(store.findClientByName('Other')).toBeUndefined();

    store.transaction(() => {
      try {
        store.transaction(() => {
          service.recordAnswer(release.id, 'app_id', CLIENT_APP_ID, { actor: 'local:client' });
          throw new Error('this savepoint only');
        });
      } catch {
        // the outer transaction goes on and commits
      }
      service.startRelease({ clientName: 'Other', pmUser: null, actor: 'local:pm' });
    });
    expect(seen.map((s) => s.type)).toEqual(['release.opened']);
  });

  it('publishes delivery.failed once when the outbox hands a message to the PM, with the reason', async () => {
    const chat = new GoneChannelChat();
    const outbox = new Outbox({ store, chats: new Map([['local', chat]]), clock, logger: silentLogger, events });
    const { client } = start();
    const thread = store.bindThread({
      clientId: client.id,
      platform: 'local',
      channel: 'client',
      kind: 'local',
      at: clock.now().toISOString(),
    });
    const id = outbox.post({ kind: 'thread', thread }, { text: 'hello' });
    seen = [];
    await outbox.kick();
    await outbox.kick();
    const failed = seen.filter((s) => s.type === 'delivery.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.event).toMatchObject({ outboxId: id, to: { kind: 'thread' } });
    expect(chat.delivered).toHaveLength(1); // the PM's notice went out
  });

  it('publishes reminder.due once when a firing commits, and not when it rolls back', () => {
    const outbox = new Outbox({ store, chats: new Map(), clock, logger: silentLogger, events });
    const planner = new ReminderPlanner(store);
    service.onItemChange(planner);
    const { client, release } = start();
    store.bindThread({
      clientId: client.id,
      platform: 'local',
      channel: 'client',
      kind: 'local',
      at: clock.now().toISOString(),
    });
    service.markAsked(release.id, ['app_id']);
    const nudge = store.remindersOf(release.id, 'scheduled').find((r) => r.kind === 'nudge');
    if (!nudge) throw new Error('no nudge planned');
    const firer = new ReminderFirer({ store, service, outbox, planner, clock, events });
    clock.set(nudge.dueAt);
    seen = [];

    expect(() =>
      store.transaction(() => {
        expect(firer.fireOne(nudge.id, nudge.dueAt)).toBe('sent');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(seen).toEqual([]);

    expect(store.transaction(() => firer.fireOne(nudge.id, nudge.dueAt))).toBe('sent');
    expect(seen).toEqual([
      { type: 'reminder.due', event: { id: nudge.id, kind: 'nudge', releaseId: release.id, itemKey: 'app_id' } },
    ]);
    expect(store.transaction(() => firer.fireOne(nudge.id, nudge.dueAt))).toBe('skipped:not_scheduled');
    expect(seen).toHaveLength(1);
  });

  it('keeps running the other handlers when one throws', async () => {
    const ran: string[] = [];
    const bus = new EventBus(silentLogger, store);
    bus.on('changes.committed', () => {
      throw new Error('boom');
    });
    bus.on('changes.committed', (e) => void ran.push(e.by));
    await bus.publish('changes.committed', { by: 'check' });
    expect(ran).toEqual(['check']);
  });
});
