import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../jobs/redis-server.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { tempDir } from '../support/tmp.js';
import { CLIENT_APP_ID } from '../support/ids.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the service over HTTP', () => {
  it('answers /healthz with the database and Redis state once ready', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    // The fake clock is 2026-11-25: the next 60 days reach 2027, which chinese-days 1.5.7 has no holidays for.
    expect(await res.json()).toEqual({
      status: 'ok',
      database: 'ok',
      redis: 'ok',
      calendar: { status: 'no holiday data', years: [2027], fix: 'add these years to CALENDAR_FILE' },
    });
  });

  it('says "degraded" (still 200: it answers commands and messages) while Redis is unreachable', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    t.app.redisLink.monitor.disconnect();
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'degraded', database: 'ok', redis: 'down' });
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('counts inbound messages and sends on /metrics', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    await t.app.bot.command(
      {
        platform: 'local',
        user: 'local:pm',
        isPm: true,
        locale: 'en',
        conversation: { platform: 'local', channel: 'client', kind: 'local', shared: false },
      },
      '/release start Acme Coffee',
    );
    const inbound = {
      platform: 'local' as const,
      channel: 'client',
      sender: 'local:client',
      text: `AppID ${CLIENT_APP_ID}`,
      externalId: 'm1',
    };
    await t.app.bot.handle(inbound);
    await t.app.bot.handle(inbound);
    await t.app.outbox.flush();
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    const body = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(body).toContain('release_bot_inbound_total{platform="local",result="stored"} 1');
    expect(body).toContain('release_bot_inbound_total{platform="local",result="duplicate"} 1');
    expect(body).toMatch(/release_bot_outbound_total\{platform="local",result="sent"\} [2-9]/);
    expect(body).toContain('release_bot_open_releases 1');
    expect(body).toContain('release_bot_outbox_pending 0');
  });
});

describe('npm start', () => {
  it('starts with no platform configured, serves /healthz, and shuts down cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const port = await freePort();
    const db = join(dir, 'bot.sqlite');
    // What `npm start` runs: the compiled service (the test run builds dist/ first).
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: db,
        REDIS_URL: inject('redisUrl'),
        LOG_LEVEL: 'info',
        WECHAT_API_BASE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // A cold start: slow on a loaded 2-core VM, more so while another file starts children (test/outbox/kill-9.test.ts).
    const health = await waitFor(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.status === 200 ? ((await res.json()) as Record<string, string>) : undefined;
    }, 90_000); // a generous ceiling: a loaded 2-core machine
    expect(health).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
    expect(existsSync(join(dir, 'secret.key'))).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
    expect(await portOpen(port)).toBe(false);
    // A cleanly closed better-sqlite3 database checkpoints and removes its WAL file.
    expect(existsSync(`${db}-wal`)).toBe(false);
  }, 120_000);
});
