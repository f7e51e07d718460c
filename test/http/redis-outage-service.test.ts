/**
 * `npm start` as a real child process with the local chat, on a redis-server the test kills and
 * restarts empty: the PM's commands and the client's message are answered while Redis is down,
 * the jobs come back when it is up, and the log says so once each way — as JSON, no stack traces.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { DIGEST_QUEUE, DIGEST_SCHEDULER_ID, REMINDER_QUEUE, reminderJobId } from '../../jobs/queues.js';
import { freePort } from '../../jobs/redis-server.js';
import { OwnRedis } from '../support/own-redis.js';
import { tempDir } from '../support/tmp.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface ChatMessage {
  seq: number;
  from: string | null;
  to: string;
  text: string;
}

describe('npm start with Redis killed mid-run', () => {
  it('answers the PM and the client through the local chat while Redis is down, rebuilds the jobs when it is back, and logs each change once', async () => {
    const redis = await OwnRedis.start();
    cleanups.push(() => redis.stop());
    const dir = tempDir();
    const port = await freePort();
    const prefix = `outage-${randomBytes(4).toString('hex')}`;
    const base = `http://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'bot.sqlite'),
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'info',
        WECHAT_API_BASE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const health = async () => (await (await fetch(`${base}/healthz`)).json()) as Record<string, unknown>;
    const send = async (as: 'pm' | 'client', text: string) =>
      (
        await fetch(`${base}/chat/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ as, text }),
        })
      ).status;
    const messages = async () =>
      ((await (await fetch(`${base}/chat/messages?since=0`)).json()) as { messages: ChatMessage[] }).messages;
    const said = (all: ChatMessage[], pattern: RegExp) => all.some((m) => m.from === null && pattern.test(m.text));

    // A generous ceiling: tsx compiles the service at start, slow on a loaded 2-core machine.
    await waitFor('the service to be ready', async () => (await health()).status === 'ok', 90_000);
    await redis.kill();
    await waitFor('/healthz to see Redis down', async () => {
      const h = await health();
      return h.status === 'degraded' && h.redis === 'down';
    });

    expect(await send('pm', '/release start Acme Coffee en')).toBe(202);
    expect(await send('client', 'AppID wx1a2b3c4d5e6f7a8b')).toBe(202);
    const db = new Database(join(dir, 'bot.sqlite'), { readonly: true });
    cleanups.push(async () => void db.close());
    const nudged = db
      .prepare(
        "select item_key as key from reminders where state = 'scheduled' and kind = 'nudge' and item_key <> 'app_id' order by id",
      )
      .all() as { key: string }[];
    const [doneItem, snoozedItem] = nudged;
    if (!doneItem || !snoozedItem) throw new Error('expected two nudged items');
    expect(await send('pm', `/release done Acme Coffee ${doneItem.key}`)).toBe(202);
    expect(await send('pm', `/release snooze Acme Coffee ${snoozedItem.key} 2d`)).toBe(202);
    const transcript = await waitFor('every reply in the chat', async () => {
      const all = await messages();
      const complete = [
        /^Release started for Acme Coffee/,
        /wx1a2b3c4d5e6f7a8b/,
        /: done\.$/,
        /^Snoozed the .* reminder for Acme Coffee until /,
      ].every((p) => said(all, p));
      return complete ? all : undefined;
    });
    expect(transcript.length).toBeGreaterThanOrEqual(8);
    // A few more seconds down: every connection retries several times meanwhile (none of it may reach the log).
    await new Promise((r) => setTimeout(r, 3_000));
    // Every answer came while Redis was still down.
    expect(redis.running).toBe(false);
    expect((await health()).redis).toBe('down');

    await redis.restart();
    await waitFor('/healthz ok again', async () => (await health()).status === 'ok');
    const scheduled = db.prepare("select id, due_at as dueAt from reminders where state = 'scheduled'").all() as {
      id: string;
      dueAt: string;
    }[];
    expect(scheduled.length).toBeGreaterThan(1);
    const check = new Redis(redis.url);
    cleanups.push(async () => void (await check.quit()));
    for (const r of scheduled)
      expect(await check.exists(`${prefix}:${REMINDER_QUEUE}:${reminderJobId(r.id, r.dueAt)}`)).toBe(1);
    const digest = new Queue(DIGEST_QUEUE, { connection: check, prefix });
    expect(await digest.getJobScheduler(DIGEST_SCHEDULER_ID)).toBeDefined();
    await digest.close();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    // JSON only: no raw ECONNREFUSED stack trace per reconnect attempt.
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Redis is reachable again'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('ECONNREFUSED')).length).toBeLessThanOrEqual(1);
  }, 180_000);
});
