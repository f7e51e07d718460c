/**
 * A private `redis-server` on a free loopback port, for when REDIS_URL is unset (the embedded
 * default of `npm start`, and the test setup). Nothing is persisted: SQLite is the source of truth
 * and the reconciler re-creates reminder jobs at start-up.
 *
 *   const redis = await startPrivateRedis();  // redis.url === 'redis://127.0.0.1:40123'
 *   await redis.stop();
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';

export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
  constructor() {
    super(
      'REDIS_URL is not set and no redis-server was found on PATH. Install Redis ' +
        '(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), ' +
        'or set REDIS_URL=redis://host:6379 to use a running one.',
    );
    this.name = 'RedisUnavailableError';
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) return reject(new Error(`redis-server exited with code ${child.exitCode}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) return reject(new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`));
        setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  if (!redisServerOnPath()) throw new RedisUnavailableError();
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
    { stdio: 'ignore' },
  );
  await waitForPort(port, child, 5000);
  const stopOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', stopOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', stopOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
