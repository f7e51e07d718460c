/**
 * A start that fails after Redis is up (Slack refuses the bot token at auth.test) gives back what it
 * took: the private redis-server is stopped, the Redis connection and the database file are closed,
 * and the error reaches the caller.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/main.js';
import { createLogger } from '../../src/logger.js';
import { createApp } from '../../src/main.js';
import { startFakeSlack } from '../slack/support/fake-slack.js';
import { TEST_SECRET_KEY } from '../support/app.js';
import { tempDir } from '../support/tmp.js';
import { alive } from '../../jobs/redis-server.js';

/** The files this process holds open (Linux: /proc/self/fd). */
function openFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

describe('a start that fails after Redis connected', () => {
  it('Slack refusing the bot token: createApp throws, the private redis-server is gone, the database is closed', async () => {
    const slack = await startFakeSlack();
    const dir = tempDir();
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    try {
      slack.failNext('auth.test', { status: 200, error: 'invalid_auth' });
      const config = readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'bot.sqlite'),
        SECRET_KEY: TEST_SECRET_KEY,
        LOG_LEVEL: 'info',
        WECHAT_API_BASE: 'off',
        SLACK_SIGNING_SECRET: 'signing-secret',
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_API_URL: slack.apiUrl,
      });
      await expect(createApp(config, { logger })).rejects.toThrow(/invalid_auth/);
      const started = lines.map((l) => JSON.parse(l) as { redisPid?: number }).find((l) => l.redisPid !== undefined);
      expect(started?.redisPid).toBeTypeOf('number');
      expect(alive(started?.redisPid ?? 0)).toBe(false);
      expect(openFiles().filter((f) => f.startsWith(join(dir, 'bot.sqlite')))).toEqual([]);
    } finally {
      await slack.close();
    }
  });
});
