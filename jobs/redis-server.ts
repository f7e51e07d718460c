/**
 * A private `redis-server` on a free loopback port, for when REDIS_URL is unset (the embedded
 * default of `npm start`, and the test setup). Nothing is persisted: SQLite is the source of truth
 * and the reconciler re-creates reminder jobs. It dies with this process, even after `kill -9`
 * (a watchdog shell waits on a pipe from us), and its pid is recorded beside the database, so one
 * left by an earlier crash is stopped at the next start.
 *
 *   const redis = await startPrivateRedis({ dataDir: './data' });  // redis.url === 'redis://127.0.0.1:40123'
 *   await redis.stop();
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../src/logger.js';

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
  /** The redis-server's own pid (its watchdog shell is our child). */
  pid: number;
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
        if (Date.now() > deadline)
          return reject(new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`));
        setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

// === The watchdog: redis-server has no "die with my parent" option, so a POSIX shell starts it and
// waits on a pipe from us. When this process ends in any way — `kill -9` included — the kernel closes
// the pipe, `read` returns, and the shell stops redis-server. Its pid goes to stdout first.
const WATCHDOG = 'redis-server "$@" </dev/null & pid=$!; echo "$pid"; read -r _; kill "$pid" 2>/dev/null; wait "$pid"';

/** Where the private redis-server's pid and port are recorded, beside the database. */
export const PID_FILE = 'redis-server.pid';

interface PidRecord {
  pid: number;
  port: number;
  /** The process that started it: while that one lives, its redis-server is not stale (two bots on one data directory). */
  owner?: number;
}

function commandLineOf(pid: number): string | undefined {
  try {
    if (existsSync(`/proc/${pid}/cmdline`))
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() || undefined;
    const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the private redis-server an earlier run left behind (its watchdog was killed too), if the
 * pid file names one: only when the process that started it is gone (another bot on the same data
 * directory keeps its own) and that pid is really a redis-server on the recorded port — a pid
 * reused by another program is left alone. Returns the pid it stopped.
 */
export async function stopStaleRedis(dataDir: string): Promise<number | undefined> {
  const file = join(dataDir, PID_FILE);
  if (!existsSync(file)) return undefined;
  let record: PidRecord | undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidRecord>;
    if (Number.isInteger(parsed.pid) && Number.isInteger(parsed.port)) record = parsed as PidRecord;
  } catch {
    // An unreadable pid file names no process we could safely stop.
  }
  if (record?.owner !== undefined && record.owner !== process.pid && alive(record.owner)) return undefined;
  rmSync(file, { force: true });
  if (!record || record.pid <= 1 || !alive(record.pid)) return undefined;
  const command = commandLineOf(record.pid) ?? '';
  if (!/redis-server/.test(command) || !command.includes(`:${record.port}`)) return undefined;
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + 3_000;
  while (alive(record.pid) && commandLineOf(record.pid) !== undefined && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
  if (alive(record.pid) && commandLineOf(record.pid)?.includes(`:${record.port}`)) process.kill(record.pid, 'SIGKILL');
  return record.pid;
}

export interface PrivateRedisOptions {
  /** Records the pid in `<dataDir>/redis-server.pid`, and stops a stale one recorded there first. */
  dataDir?: string;
  logger?: Pick<Logger, 'warn'>;
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      stream.off('data', onData);
      resolve(buffered.slice(0, end).trim());
    };
    stream.on('data', onData);
    stream.once('end', () => reject(new Error('the redis-server watchdog ended before starting it')));
  });
}

export async function startPrivateRedis(opts: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  if (!redisServerOnPath()) throw new RedisUnavailableError();
  if (opts.dataDir) {
    const stale = await stopStaleRedis(opts.dataDir);
    if (stale)
      opts.logger?.warn({ redisPid: stale }, 'stopped a private redis-server left running by an earlier crash');
  }
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
  ];
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'redis-watchdog', ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
  watchdog.stdin.on('error', () => {}); // the watchdog gone first: nothing left to tell
  const pid = Number(await firstLine(watchdog.stdout));
  watchdog.stdout.resume();
  await waitForPort(port, watchdog, 5000);
  const pidFile = opts.dataDir ? join(opts.dataDir, PID_FILE) : undefined;
  if (pidFile) writeFileSync(pidFile, `${JSON.stringify({ pid, port, owner: process.pid } satisfies PidRecord)}\n`);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (pidFile) rmSync(pidFile, { force: true });
        if (watchdog.exitCode !== null || watchdog.signalCode !== null) return resolve();
        watchdog.once('exit', () => resolve());
        watchdog.stdin.end();
      }),
  };
}
