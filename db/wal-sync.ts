/**
 * Durable later, off the event loop: a transaction committed with `synchronous = NORMAL` writes its
 * WAL frames without an fsync; `synced()` then fsyncs the WAL file on libuv's thread pool and
 * resolves once every commit made before the call is on disk — what `synchronous = FULL` gives at
 * each commit (the WAL file synced), without blocking the thread, and one fsync for every commit
 * that came meanwhile (a group commit). The ack path uses it (the message is stored, then synced,
 * then acknowledged) and the outbox (a row's in-flight mark is synced before the platform call).
 *
 *   const wal = new WalSync(sqlite);
 *   wal.deferred(() => insert.run(row));   // committed, visible, not yet on disk
 *   await wal.synced();                     // on disk: acknowledge now
 *
 * The WAL file is SQLite's `<database>-wal`, the same file for as long as the connection is open (a
 * checkpoint rewinds it in place, after syncing it and the database). An in-memory database has no
 * file: `synced()` resolves at once.
 */
import { closeSync, fsync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';

export class WalSync {
  private fd: number | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  /** What the connection runs with otherwise (the processing worker's is NORMAL already). */
  private readonly usual: number;

  constructor(private readonly sqlite: Database.Database) {
    this.usual = Number(sqlite.pragma('synchronous', { simple: true }));
  }

  /** Runs `fn`, which begins and commits a transaction, with a commit that takes no fsync. */
  deferred<T>(fn: () => T): T {
    if (this.usual <= 1) return fn();
    this.sqlite.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      this.sqlite.pragma(`synchronous = ${this.usual}`);
    }
  }

  /** Resolves once every commit made before this call is on disk. */
  synced(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) {
      this.running = this.fsyncWal().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // The fsync running may have begun before this caller's commit: one more after it, for all who ask meanwhile.
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.synced();
      });
    return this.queued;
  }

  /** The connection is closing: the WAL file's descriptor too. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private fsyncWal(): Promise<void> {
    if (this.sqlite.memory || !this.sqlite.open) return Promise.resolve();
    this.fd ??= openSync(`${this.sqlite.name}-wal`, 'r');
    const fd = this.fd;
    return new Promise((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
  }
}

const walSyncs = new WeakMap<Database.Database, WalSync>();

/** The connection's one `WalSync` (every part that defers commits on it shares its fsyncs). */
export function walSyncOf(sqlite: Database.Database): WalSync {
  let wal = walSyncs.get(sqlite);
  if (!wal) {
    wal = new WalSync(sqlite);
    walSyncs.set(sqlite, wal);
  }
  return wal;
}

/** Before the connection closes (db/client.ts, closeDatabase). */
export function closeWalSync(sqlite: Database.Database): void {
  walSyncs.get(sqlite)?.close();
  walSyncs.delete(sqlite);
}
