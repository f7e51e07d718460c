import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { createStore } from '../../db/store.js';
import { WalSync } from '../../db/wal-sync.js';
import { inWriteTurn, inWriteTurnAsync, takeTurnsWith, WriteTurns } from '../../db/write-turns.js';
import { tempDir } from '../support/tmp.js';

// Both sides live in this thread here; the processing worker test (test/platform/processing-worker.test.ts)
// runs them in two threads of the real service.
describe('turns at writing the database, the service first', () => {
  it('tells the worker the service waits, and gives the service the turn the moment the worker is done', async () => {
    const buffer = WriteTurns.sharedBuffer();
    const service = new WriteTurns(buffer, 'service');
    const worker = new WriteTurns(buffer, 'worker');
    const order: string[] = [];
    worker.take();
    expect(worker.wanted()).toBe(false);
    const serviceWrites = service.takeAsync().then(() => order.push('service writes'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(worker.wanted()).toBe(true); // the worker ends its batch at the next message
    expect(order).toEqual([]);
    order.push('worker done');
    worker.give();
    await serviceWrites;
    expect(order).toEqual(['worker done', 'service writes']);
    expect(worker.wanted()).toBe(false);
    service.give();
  });

  it('is reentrant: a savepoint inside a transaction holds the one turn, given back by the outermost', async () => {
    const buffer = WriteTurns.sharedBuffer();
    const service = new WriteTurns(buffer, 'service');
    const connection = {};
    takeTurnsWith(connection, service);
    inWriteTurn(connection, () => inWriteTurn(connection, () => undefined));
    // Given back: the worker's side takes it without waiting (a wait would block this thread for 5 s).
    const worker = new WriteTurns(buffer, 'worker');
    worker.take();
    let serviceHeld = false;
    const waiting = inWriteTurnAsync(connection, () => {
      serviceHeld = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(serviceHeld).toBe(false);
    worker.give();
    await waiting;
    expect(serviceHeld).toBe(true);
  });

  it('frees a turn the worker held when it died', async () => {
    const buffer = WriteTurns.sharedBuffer();
    const service = new WriteTurns(buffer, 'service');
    new WriteTurns(buffer, 'worker').take(); // and never gives it back
    service.freeIfHeldByWorker();
    let held = false;
    await service.takeAsync().then(() => {
      held = true;
    });
    expect(held).toBe(true);
    service.give();
  });
});

describe('commits made durable later, off the event loop', () => {
  let db: Db | undefined;
  afterEach(() => {
    if (db) closeDatabase(db);
    db = undefined;
  });

  it('commits without an fsync, restores the connection’s FULL sync, and shares one fsync among those who wait meanwhile', async () => {
    db = openDatabase(join(tempDir('wal-sync-'), 'bot.sqlite'));
    const sqlite = db.$client;
    sqlite.exec('CREATE TABLE t (v INTEGER)');
    const wal = new WalSync(sqlite);
    wal.deferred(() => sqlite.transaction(() => sqlite.prepare('INSERT INTO t VALUES (1)').run()).immediate());
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL again for every other commit
    const first = wal.synced();
    const second = wal.synced(); // the first fsync may have begun before its commit: one more, after it
    const third = wal.synced();
    expect(second).toBe(third);
    expect(second).not.toBe(first);
    await Promise.all([first, second]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('stores with transactionAsync and resolves once on disk; a rolled-back transaction rejects and stores nothing', async () => {
    db = openDatabase(join(tempDir('wal-sync-'), 'bot.sqlite'));
    runMigrations(db);
    const store = createStore(db);
    const at = new Date().toISOString();
    const id = await store.transactionAsync(() =>
      store.recordInbound({ type: 'inbound', externalId: 'slack:Ev1', actor: 'slack:U1', at }),
    );
    expect(id).toBeTypeOf('number');
    expect(store.inbound(id ?? 0)?.state).toBe('received');
    await expect(
      store.transactionAsync(() => {
        store.recordInbound({ type: 'inbound', externalId: 'slack:Ev2', actor: 'slack:U1', at });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(store.unprocessedInbound()).toEqual([id]);
  });
});
