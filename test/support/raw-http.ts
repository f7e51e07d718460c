/**
 * Requests as bytes over node:net, for what no HTTP client will send (a broken request line, a
 * header without a colon, a body shorter than its Content-Length), and `npm start` as a real child
 * process, so "the process stays up" means the process.
 *
 *   const svc = await startService({ DASHBOARD_TOKEN: 't' });
 *   const { status } = await rawRequest(svc.port, 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
 *   await svc.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../jobs/redis-server.js';
import { TEST_SECRET_KEY } from './app.js';
import { tempDir } from './tmp.js';

/** The status the server answered, or 0 when it closed the connection without an answer. */
export interface RawAnswer {
  status: number;
  head: string;
}

/**
 * Sends `bytes` and reads until the first response's status line or the server closes. A request
 * that is not complete (a body shorter than its length, an unfinished chunk) is followed by the end
 * of what we send (`endWrite`), as a client that gives up would; so is any request still unanswered
 * after 2 s. Rejects if neither an answer nor a close comes within `timeoutMs`.
 */
export function rawRequest(
  port: number,
  bytes: string | Buffer,
  opts: { endWrite?: boolean; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const done = (answer: RawAnswer | Error): void => {
      clearTimeout(timer);
      clearTimeout(giveUp);
      socket.destroy();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    const timer = setTimeout(
      () => done(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(bytes).slice(0, 80))}`)),
      timeoutMs,
    );
    // Node's server drops a request whose client half-closed before the answer: end only when needed.
    const giveUp = setTimeout(() => socket.end(), 2_000);
    socket.on('connect', () => (opts.endWrite ? socket.end(bytes) : socket.write(bytes)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const head = received.toString('latin1');
      const line = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(head);
      if (line) done({ status: Number(line[1]), head: head.split('\r\n\r\n')[0] ?? '' });
    });
    socket.on('error', () => {}); // a reset after the server answered or gave up is the close below
    socket.on('close', () => done({ status: 0, head: received.toString('latin1') }));
  });
}

export interface Service {
  port: number;
  /** Everything the child wrote to stdout and stderr (JSON log lines). */
  output(): string;
  /** Still running (no exit since start). */
  alive(): boolean;
  stop(): Promise<number | null>;
}

/** `node --import tsx src/main.ts` on a free port with a fresh database and the run's Redis; resolves once /healthz says ok. */
export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const dir = tempDir();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'bot.sqlite'),
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'warn',
      WECHAT_API_BASE: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => ((exited = true), resolve(code))));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`the service exited during start-up:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not become healthy within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    output: () => output,
    alive: () => !exited,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const code = await exit;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
