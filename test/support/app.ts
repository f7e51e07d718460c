/**
 * A real app for a test: a fresh SQLite file in a temp folder, the run's private Redis, a fake
 * clock, a silent (or capturing) logger. No module is mocked.
 *
 *   const t = await startTestApp({ env: { PM_USERS: 'local:pm' } });
 *   await t.app.bot.handle({ … });
 *   await t.close();
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { readConfig } from '../../src/main.js';
import { type App, type AppOptions, createApp } from '../../src/main.js';
import type { Clock } from '../../src/ports.js';
import { tempDir } from './tmp.js';

export { tempDir };

export class FakeClock implements Clock {
  constructor(private current: Date = new Date('2026-11-25T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: App;
  dir: string;
  clock: FakeClock;
  close(): Promise<void>;
}

export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export async function startTestApp(
  opts: { env?: Record<string, string>; clock?: FakeClock; options?: AppOptions; dir?: string } = {},
): Promise<TestApp> {
  const dir = opts.dir ?? tempDir();
  const clock = opts.clock ?? new FakeClock();
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'bot.sqlite'),
    REDIS_URL: inject('redisUrl'),
    SECRET_KEY: TEST_SECRET_KEY,
    PM_USERS: 'local:pm,slack:UPM,wecom:pm_lin',
    QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
    LOG_LEVEL: 'silent',
    // The App-secret check asks WeChat: off unless a test points it at its fake (test/wechat/fake-wechat.ts).
    WECHAT_API_BASE: 'off',
    ...opts.env,
  });
  const app = await createApp(config, { clock, ...opts.options });
  return {
    app,
    dir,
    clock,
    async close() {
      await app.stop();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
