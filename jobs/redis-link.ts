/**
 * The service's one view of Redis: the connections each role needs, and one state — reachable or
 * not — logged once per change (as JSON, the error's message only, never a stack per retry).
 * Queues the request path uses fail fast (`enableOfflineQueue: false`, a command timeout), so a
 * command or a client message never waits for Redis; workers keep BullMQ's recommended
 * `maxRetriesPerRequest: null` and simply resume when Redis is back. A dedicated monitor
 * connection decides the state; the errors of the other connections during an outage are the
 * same news and are not logged again.
 *
 *   const link = new RedisLink(url, logger);
 *   await link.connect();
 *   const queue = new Queue(name, { connection: link.queueConnection() });
 *   link.watch(queue);                       // its 'error' events go through the link
 *   link.onReachable(() => void reconciler.run());
 */
import { Redis } from 'ioredis';
import type { Logger } from '../src/logger.js';
import { bullConnection } from './queues.js';

/** No Redis command on the request path waits longer than this (a hung Redis, not a down one). */
export const REDIS_COMMAND_TIMEOUT_MS = 1_500;

/** Errors that only say "Redis is not there right now": the monitor already reported the outage. */
const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ECONNABORTED|Connection is closed|enableOfflineQueue|Command timed out|max retries per request|Socket closed|connect ETIMEDOUT/i;

export function isConnectionError(error: unknown): boolean {
  const message =
    error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : String(error);
  return CONNECTION_ERROR.test(message);
}

interface Emitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export class RedisLink {
  /** Answers the health check; its events decide whether Redis is reachable. */
  readonly monitor: Redis;
  private reachableNow = false;
  private everReady = false;
  private closing = false;
  private checking: Promise<boolean> | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly url: string,
    private readonly logger: Logger,
  ) {
    this.monitor = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    });
    this.monitor.on('ready', () => this.reachable());
    this.monitor.on('close', () => this.unreachable('connection closed'));
    this.monitor.on('error', (error: Error) => this.unreachable(error.message));
  }

  /** Connects the monitor (start-up: Redis must be there once). */
  async connect(): Promise<void> {
    await this.monitor.connect();
  }

  /** Whether the monitor connection is up now. */
  isReachable(): boolean {
    return this.reachableNow;
  }

  /** Called every time Redis becomes reachable again after an outage (not at the first connect). */
  onReachable(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * A connection for a BullMQ `Queue` on the request path: commands fail at once while Redis is
   * down instead of queueing, and time out when it hangs.
   */
  queueConnection(): Redis {
    const connection = new Redis(this.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    });
    return this.own(connection);
  }

  /** A connection for a BullMQ `Worker` (blocking commands wait for a reconnect, as BullMQ requires). */
  workerConnection(): Redis {
    return this.own(bullConnection(this.url));
  }

  /** Routes a Queue's or Worker's 'error' events through the link (an unlistened one prints a raw stack). */
  watch(emitter: Emitter, context: Record<string, unknown> = {}): void {
    emitter.on('error', (error) => this.failed(error, context));
  }

  /** An error from Redis: a connection error while the link knows Redis is down is not news; anything else is logged. */
  failed(error: unknown, context: Record<string, unknown> = {}): void {
    if (this.closing) return;
    const message = error instanceof Error ? error.message : String(error);
    if (isConnectionError(error)) {
      // The monitor says whether Redis is down; this connection's own error adds nothing while it is.
      // While the monitor still looks connected (a hung Redis keeps its socket), a ping decides.
      if (this.reachableNow) {
        this.logger.debug({ ...context, err: message }, 'redis: a connection error while the monitor is connected');
        this.checking ??= this.ping().finally(() => {
          this.checking = undefined;
        });
      }
      return;
    }
    this.logger.warn({ ...context, err: message }, 'redis command failed');
  }

  /** Pings Redis within the command timeout; a hung Redis is treated like a down one (the monitor reconnects). */
  async ping(): Promise<boolean> {
    try {
      await this.monitor.ping();
      return true;
    } catch (error) {
      if (this.monitor.status === 'ready' && /timed out/i.test(String(error))) {
        this.unreachable('ping timed out');
        this.monitor.disconnect(true);
      }
      return false;
    }
  }

  /** Quits the monitor; the connections handed out are closed by their Queue's or Worker's owner. */
  async close(): Promise<void> {
    this.closing = true;
    await this.monitor.quit().catch(() => this.monitor.disconnect());
  }

  private own(connection: Redis): Redis {
    connection.on('error', (error: Error) => this.failed(error));
    return connection;
  }

  private reachable(): void {
    if (this.reachableNow) return;
    this.reachableNow = true;
    if (!this.everReady) {
      this.everReady = true;
      return;
    }
    this.logger.info(
      { redis: 'up' },
      'Redis is reachable again: missing reminder jobs and job schedulers are being re-created',
    );
    for (const listener of this.listeners) listener();
  }

  private unreachable(reason: string): void {
    if (this.closing || !this.reachableNow) return;
    this.reachableNow = false;
    this.logger.warn(
      { redis: 'down', err: reason },
      'Redis is unreachable: commands and messages are still answered; reminders due meanwhile are fired from SQLite, and their jobs are re-created when Redis is back',
    );
  }
}

/** How long a shutdown waits for BullMQ to close one Queue or Worker before dropping its connections. */
export const CLOSE_WAIT_MS = 5_000;
/** The same while Redis is unreachable: nothing is left to finish in Redis, only local work. */
const CLOSE_WAIT_DOWN_MS = 500;

async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    bound,
  ]);
  clearTimeout(timer);
}

/**
 * Closes a BullMQ Queue or Worker, then its connections: gracefully while Redis answers; while it
 * does not, the connections are dropped first, so a shutdown never waits for a reconnect.
 *
 *   await closeBull(link, () => worker.close(), [connection]);
 */
export async function closeBull(
  link: Pick<RedisLink, 'isReachable'> | undefined,
  close: () => Promise<void>,
  connections: Redis[],
): Promise<void> {
  const down = link !== undefined && !link.isReachable();
  if (down) for (const c of connections) c.disconnect();
  await within(close(), down ? CLOSE_WAIT_DOWN_MS : CLOSE_WAIT_MS);
  for (const c of connections) {
    if (c.status === 'end') continue;
    await within(c.quit(), CLOSE_WAIT_MS);
    c.disconnect();
  }
}
