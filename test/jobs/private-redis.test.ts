/**
 * The private redis-server `npm start` runs when REDIS_URL is unset dies with the service — also
 * after `kill -9`, which no exit handler sees — and one left by an earlier crash (recorded in the
 * data directory) is stopped at the next start, but only if it really is that redis-server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, PID_FILE, stopStaleRedis, alive } from '../../jobs/redis-server.js';
import { tempDir } from '../support/tmp.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `npm start` with no REDIS_URL, so it starts its own redis-server; resolves once /healthz says ok. */
async function startService(
  dir: string,
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'bot.sqlite'),
      LOG_LEVEL: 'info',
      WECHAT_API_BASE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  // A generous ceiling: tsx compiles the service at start, slow on a loaded 2-core machine.
  await waitFor(
    'the service to be ready',
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.status === 200 && ((await res.json()) as { status: string }).status === 'ok';
    },
    90_000,
  );
  return { child, output: () => output, exited };
}

function recorded(dir: string): { pid: number; port: number } {
  return JSON.parse(readFileSync(join(dir, PID_FILE), 'utf8')) as { pid: number; port: number };
}

describe('the private redis-server', () => {
  it('is gone after the service is kill -9’ed', async () => {
    const dir = tempDir();
    const service = await startService(dir);
    const { pid, port } = recorded(dir);
    expect(alive(pid)).toBe(true);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain(`redis-server 127.0.0.1:${port}`);
    cleanups.push(() => {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    });

    service.child.kill('SIGKILL');
    await service.exited;
    await waitFor('the redis-server to exit', () => !alive(pid));
  }, 150_000);

  it('a stale one recorded in the data directory is stopped at the next start; a clean stop removes the record', async () => {
    const dir = tempDir();
    const stalePort = await freePort();
    // What a crash that took the watchdog too leaves behind: a redis-server on its port, and its pid file.
    const stale = spawn(
      'redis-server',
      ['--port', String(stalePort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    cleanups.push(() => {
      if (stale.exitCode === null && stale.signalCode === null) stale.kill('SIGKILL');
    });
    await waitFor(
      'the stale redis-server to run',
      () =>
        existsSync(`/proc/${stale.pid}/cmdline`) &&
        readFileSync(`/proc/${stale.pid}/cmdline`, 'utf8').includes(`:${stalePort}`),
    );
    const staleExit = new Promise<void>((resolve) => stale.once('exit', () => resolve()));
    writeFileSync(join(dir, PID_FILE), JSON.stringify({ pid: stale.pid, port: stalePort }));

    const service = await startService(dir);
    await staleExit;
    expect(service.output()).toContain('stopped a private redis-server left running by an earlier crash');
    const own = recorded(dir);
    expect(own.pid).not.toBe(stale.pid);
    expect(alive(own.pid)).toBe(true);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(existsSync(join(dir, PID_FILE))).toBe(false);
    await waitFor('its own redis-server to exit', () => !alive(own.pid));
  }, 150_000);

  it('a recorded pid that is not that redis-server (a reused pid), or whose owner still runs, is left alone', async () => {
    const dir = tempDir();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    cleanups.push(() => other.kill('SIGKILL'));
    writeFileSync(join(dir, PID_FILE), JSON.stringify({ pid: other.pid, port: 6379 }));
    expect(await stopStaleRedis(dir)).toBeUndefined();
    expect(other.exitCode).toBeNull();
    expect(alive(other.pid ?? 0)).toBe(true);
    // A redis-server whose owner still runs (another bot on this data directory) is not stale.
    const live = spawn('redis-server', ['--port', String(await freePort()), '--bind', '127.0.0.1', '--save', ''], {
      stdio: 'ignore',
    });
    cleanups.push(() => live.kill('SIGKILL'));
    const livePort = await waitFor(
      'the other redis-server',
      () => readFileSync(`/proc/${live.pid}/cmdline`, 'utf8').match(/:(\d+)/)?.[1],
    );
    writeFileSync(join(dir, PID_FILE), JSON.stringify({ pid: live.pid, port: Number(livePort), owner: other.pid }));
    expect(await stopStaleRedis(dir)).toBeUndefined();
    expect(alive(live.pid ?? 0)).toBe(true);
    expect(existsSync(join(dir, PID_FILE))).toBe(true);
    // A pid file that names nothing usable is dropped, and nothing is stopped.
    writeFileSync(join(dir, PID_FILE), 'not json');
    expect(await stopStaleRedis(dir)).toBeUndefined();
    expect(existsSync(join(dir, PID_FILE))).toBe(false);
  });
});
