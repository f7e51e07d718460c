/**
 * Turns at writing one SQLite file, shared by the service thread and the processing worker
 * (PROCESSING=worker, docs/architecture.md "Where stored messages are processed"), in which the
 * service goes first. SQLite's own busy handler is no queue: a waiter sleeps 1, 2, 5, 10, 15, 20,
 * 25… ms between tries and wakes to find the worker's next transaction already begun, so under load
 * the service's event loop slept for tens of milliseconds (and a store could fail with SQLITE_BUSY
 * after 5 s) while the worker kept the lock. With turns, a writer takes its turn before BEGIN
 * IMMEDIATE and gives it back after COMMIT; the service announces it is waiting, the worker ends
 * its batch at the next message and waits until the service has written. The service's wait is then
 * one message's processing at most, woken at once (`Atomics.notify`), never a sleep.
 *
 *   const buffer = WriteTurns.sharedBuffer();              // handed to the worker in workerData
 *   const turns = new WriteTurns(buffer, 'service');      // the worker: new WriteTurns(buffer, 'worker')
 *   takeTurnsWith(db.$client, turns);                      // every write transaction on db takes a turn
 *
 * The turn is a courtesy between two threads of one process, not the guarantee: a wait longer than
 * `MAX_WAIT_MS` (a worker stuck or gone) goes ahead, and SQLite's lock still serialises the writes.
 */

/** Cell 0: who holds the turn. Cell 1: how many service writers wait for it (0 or 1: one thread). */
const HOLDER = 0;
const SERVICE_WAITING = 1;
const FREE = 0;
const SIDES = { service: 1, worker: 2 } as const;
/** As long as SQLite's busy_timeout (db/client.ts): past it, the write would have failed anyway. */
const MAX_WAIT_MS = 5000;

export class WriteTurns {
  private readonly cells: Int32Array;
  private readonly me: number;
  /** Nested takes (a savepoint inside a transaction) hold the one turn. */
  private depth = 0;
  /** False when a take gave up waiting: give() then frees nothing it does not hold. */
  private held = false;

  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly side: keyof typeof SIDES,
  ) {
    this.cells = new Int32Array(buffer);
    this.me = SIDES[side];
  }

  static sharedBuffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  }

  /** Blocks until this thread may write (the service first). Reentrant. */
  take(): void {
    if (this.depth++ > 0) return;
    this.held = this.side === 'service' ? this.takeFirst() : this.takeAfterService();
  }

  /**
   * `take` without blocking the thread (the service's ack path): resolves holding the turn, and the
   * caller writes in the same tick, then gives it back. The worker yields to it as to `take`.
   */
  async takeAsync(): Promise<void> {
    if (this.side !== 'service' || this.depth > 0) return this.take();
    const deadline = Date.now() + MAX_WAIT_MS;
    let held = false;
    Atomics.add(this.cells, SERVICE_WAITING, 1);
    try {
      for (;;) {
        const holder = Atomics.compareExchange(this.cells, HOLDER, FREE, this.me);
        held = holder === FREE;
        const left = deadline - Date.now();
        if (held || left <= 0) break;
        const waited = waitAsync(this.cells, HOLDER, holder, left);
        if (waited.async) await waited.value;
      }
    } finally {
      Atomics.sub(this.cells, SERVICE_WAITING, 1);
      Atomics.notify(this.cells, SERVICE_WAITING);
    }
    // While this awaited, a synchronous write of this thread may have come and gone; none is running now.
    this.depth += 1;
    this.held = held;
  }

  give(): void {
    if (--this.depth > 0 || !this.held) return;
    this.held = false;
    Atomics.store(this.cells, HOLDER, FREE);
    Atomics.notify(this.cells, HOLDER);
  }

  /** True while the service waits for the turn: the worker ends its batch's transaction now. */
  wanted(): boolean {
    return this.side === 'worker' && Atomics.load(this.cells, SERVICE_WAITING) > 0;
  }

  /** The worker is gone: a turn it held is free (called by the service on the worker's exit). */
  freeIfHeldByWorker(): void {
    if (Atomics.compareExchange(this.cells, HOLDER, SIDES.worker, FREE) === SIDES.worker)
      Atomics.notify(this.cells, HOLDER);
  }

  private takeFirst(): boolean {
    const deadline = Date.now() + MAX_WAIT_MS;
    Atomics.add(this.cells, SERVICE_WAITING, 1);
    try {
      for (;;) {
        const holder = Atomics.compareExchange(this.cells, HOLDER, FREE, this.me);
        if (holder === FREE) return true;
        const left = deadline - Date.now();
        if (left <= 0) return false;
        Atomics.wait(this.cells, HOLDER, holder, left);
      }
    } finally {
      Atomics.sub(this.cells, SERVICE_WAITING, 1);
      Atomics.notify(this.cells, SERVICE_WAITING);
    }
  }

  private takeAfterService(): boolean {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const waiting = Atomics.load(this.cells, SERVICE_WAITING);
      if (waiting === 0 && Atomics.compareExchange(this.cells, HOLDER, FREE, this.me) === FREE) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const holder = Atomics.load(this.cells, HOLDER);
      // The service holds it: wait for its give(). It waits for a turn that is free: it takes it next.
      if (holder !== FREE) Atomics.wait(this.cells, HOLDER, holder, left);
      else if (waiting > 0) Atomics.wait(this.cells, SERVICE_WAITING, waiting, Math.min(left, 1));
    }
  }
}

/** `Atomics.waitAsync` (Node ≥ 16; typed from lib es2024, newer than this project's ES2022). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      cells: Int32Array,
      index: number,
      value: number,
      timeoutMs: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

const turnsOf = new WeakMap<object, WriteTurns>();

/** From now on `inWriteTurn(connection, …)` takes `turns` around the write. */
export function takeTurnsWith(connection: object, turns: WriteTurns): void {
  turnsOf.set(connection, turns);
}

/**
 * Runs a write transaction (`fn` begins and commits it) in the connection's turn, when it shares
 * its file with another thread (`takeTurnsWith`); otherwise just runs it.
 *
 *   inWriteTurn(sqlite, () => sqlite.transaction(write).immediate());
 */
export function inWriteTurn<T>(connection: object, fn: () => T): T {
  const turns = turnsOf.get(connection);
  if (!turns) return fn();
  turns.take();
  try {
    return fn();
  } finally {
    turns.give();
  }
}

/** `inWriteTurn` that waits for the turn without blocking the thread (then writes in the same tick). */
export async function inWriteTurnAsync<T>(connection: object, fn: () => T): Promise<T> {
  const turns = turnsOf.get(connection);
  if (!turns) return fn();
  await turns.takeAsync();
  try {
    return fn();
  } finally {
    turns.give();
  }
}

/** The connection's turns, if it shares its file with another thread (the worker's batches ask `wanted()`). */
export function writeTurnsOf(connection: object): WriteTurns | undefined {
  return turnsOf.get(connection);
}
