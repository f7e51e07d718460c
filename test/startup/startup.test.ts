/**
 * The first hour, as a newcomer meets it: `.env` is read (the environment wins), start-up on a terminal
 * says where to go, and every failure names the variable and the fix, with no stack trace.
 * Real child processes of `npm start`'s entry point.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { inject } from 'vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../jobs/redis-server.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { type Running, startService } from '../support/process.js';
import { tempDir } from '../support/tmp.js';

const running: Running[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

function service(env: Record<string, string>): Running {
  const r = startService({
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `startup-${Date.now()}-${running.length}`,
    ...env,
  });
  running.push(r);
  return r;
}

const NO_STACK = /^\s+at /m;

describe('.env', { timeout: 60_000 }, () => {
  it('is read at start, and a variable set in the environment wins over it', async () => {
    const dir = tempDir();
    const [fromFile, fromEnv] = [await freePort(), await freePort()];
    const envFile = join(dir, 'bot.env');
    // What a newcomer does: cp .env.example .env, then change PORT (and here the database, to stay out of ./data).
    const example = readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8');
    const edited = example
      .replace(/^PORT=.*$/m, `PORT=${fromFile}`)
      .replace(/^DATABASE_PATH=.*$/m, `DATABASE_PATH=${join(dir, 'bot.sqlite')}`)
      .replace(/^LOG_FORMAT=.*$/m, 'LOG_FORMAT=pretty');
    expect(edited).not.toBe(example);
    writeFileSync(envFile, edited);

    const first = service({ ENV_FILE: envFile });
    await first.waitFor(/Release bot is running/);
    expect(first.out()).toContain(`http://localhost:${fromFile}/chat`);
    expect(first.out()).toContain(`Database   ${join(dir, 'bot.sqlite')}`);
    expect(first.out()).toMatch(/Platforms\s+none configured: the local chat page/);
    expect((await fetch(`http://127.0.0.1:${fromFile}/healthz`)).status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = service({ ENV_FILE: envFile, PORT: String(fromEnv) });
    await second.waitFor(/Release bot is running/);
    expect(second.out()).toContain(`http://localhost:${fromEnv}/chat`);
    // The environment's REDIS_URL won over the file's empty one: no private redis-server was started.
    expect(second.out()).toMatch(/Redis\s+redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\)/);
  });

  it('keeps JSON logs off a terminal unless LOG_FORMAT says pretty', async () => {
    const dir = tempDir();
    const r = service({ PORT: '0', DATABASE_PATH: join(dir, 'bot.sqlite') });
    const line = await r.waitFor(/\{"level":30[^\n]*release bot listening[^\n]*\}/);
    expect(JSON.parse(line)).toMatchObject({ chat: '/chat' });
    expect(r.out()).not.toContain('Release bot is running');
  });

  it('names ENV_FILE when the file it points at is missing', async () => {
    const r = service({ ENV_FILE: '/nonexistent/bot.env' });
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain('ENV_FILE: no file at /nonexistent/bot.env');
  });
});

describe('start-up failures name the variable and the fix', { timeout: 60_000 }, () => {
  it('REDIS_URL unreachable', async () => {
    const dir = tempDir();
    const r = service({ PORT: '0', DATABASE_PATH: join(dir, 'bot.sqlite'), REDIS_URL: 'redis://:hunter2@127.0.0.1:1' });
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain('Cannot reach Redis at redis://127.0.0.1:1 (REDIS_URL)');
    expect(r.err()).toMatch(/ECONNREFUSED/);
    expect(r.err()).toContain('unset REDIS_URL');
    expect(r.err()).not.toContain('hunter2');
    expect(r.err()).not.toMatch(NO_STACK);
  });

  it('a database path that cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), '');
    const path = join(dir, 'a-file', 'bot.sqlite'); // its "folder" is a file: no one can create it, root included
    const r = service({ PORT: '0', DATABASE_PATH: path });
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain(`Cannot open the database at ${path} (DATABASE_PATH)`);
    expect(r.err()).toContain('set DATABASE_PATH to a file in a writable folder');
    expect(r.err()).not.toMatch(NO_STACK);
  });

  it('a port already in use', async () => {
    const dir = tempDir();
    const taken = createServer();
    servers.push(taken);
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
    );
    const r = service({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'bot.sqlite') });
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain(`Port ${port} is already in use (PORT)`);
    expect(r.err()).toContain('set PORT to a free port');
    expect(`${r.out()}${r.err()}`).not.toContain('local chat page is at /chat');
    expect(r.err()).not.toMatch(NO_STACK);
  });

  it('shows the stack only with LOG_LEVEL=debug', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), '');
    const r = service({ PORT: '0', DATABASE_PATH: join(dir, 'a-file', 'bot.sqlite'), LOG_LEVEL: 'debug' });
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain('(DATABASE_PATH)');
    expect(r.err()).toMatch(NO_STACK);
  });
});
