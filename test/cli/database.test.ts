/**
 * The CLI and `npm start` agree on the database from any folder of the project, a read command never
 * creates an empty database, and `chat` / `demo` never touch the service's.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { inject } from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { startTestApp, TEST_SECRET_KEY } from '../support/app.js';
import { runReleaseBot } from '../support/cli.js';
import { runCliProcess } from '../support/process.js';
import { tempDir } from '../support/tmp.js';
import { CLIENT_APP_ID } from '../support/ids.js';

// A folder under the project's git-ignored data/, so a relative DATABASE_PATH can name it.
const folder = join(PROJECT_ROOT, 'data', `test-${randomBytes(4).toString('hex')}`);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function serviceWithRelease(dbPath: string, client: string): Promise<void> {
  const t = await startTestApp({ env: { DATABASE_PATH: dbPath } });
  await t.app.bot.command(
    {
      platform: 'local',
      user: 'local:pm',
      isPm: true,
      locale: 'en',
      conversation: { platform: 'local', channel: 'client', kind: 'local', shared: false },
    },
    `/release start ${client}`,
  );
  await t.close();
}

const clientNames = (dbPath: string): string[] => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('select name from clients order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
};

describe('the CLI finds the service’s database', { timeout: 60_000 }, () => {
  it('from a subdirectory, with the relative DATABASE_PATH that npm start uses', async () => {
    mkdirSync(folder, { recursive: true });
    const dbPath = join(folder, 'bot.sqlite');
    await serviceWithRelease(dbPath, 'Acme Coffee');
    const env = { DATABASE_PATH: `./${relative(PROJECT_ROOT, dbPath)}`, SECRET_KEY: TEST_SECRET_KEY };

    const run = runCliProcess(['status'], env, join(PROJECT_ROOT, 'docs'));
    expect(await run.exited).toBe(0);
    expect(run.out()).toMatch(/Acme Coffee\s+░{10}\s+0\/26/);
    expect(existsSync(join(PROJECT_ROOT, 'docs', 'data'))).toBe(false);
  });

  it('never creates an empty database for a read command: it says where it looked and what to do', async () => {
    const dir = tempDir();
    const missing = join(dir, 'nothing-here.sqlite');
    for (const argv of [['status'], ['reminders'], ['export', 'Acme Coffee']]) {
      const r = await runReleaseBot(argv, { env: { DATABASE_PATH: missing } });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`No database at ${missing} (DATABASE_PATH)`);
      expect(r.err).toContain('npm start');
      expect(existsSync(missing)).toBe(false);
    }
    // The same through the real launcher, from another folder: exit 1, the message, no stack trace.
    const run = runCliProcess(['status'], { DATABASE_PATH: missing }, join(PROJECT_ROOT, 'docs'));
    expect(await run.exited).toBe(1);
    expect(run.err()).toContain(`No database at ${missing} (DATABASE_PATH)`);
    expect(run.err()).not.toMatch(/^\s+at /m);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a database written by a newer version, naming it and the fix', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'bot.sqlite');
    expect((await runReleaseBot(['migrate'], { env: { DATABASE_PATH: dbPath } })).code).toBe(0);
    const db = new Database(dbPath);
    db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run(
      'from-the-future',
      Date.parse('2099-01-01'),
    );
    db.close();
    const r = await runReleaseBot(['status'], { env: { DATABASE_PATH: dbPath } });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`The database at ${dbPath} (DATABASE_PATH) was written by a newer version of the bot`);
    expect(r.err).toContain('git pull');
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('refuses option values it does not know, naming the allowed ones', async () => {
    const r = await runReleaseBot(['status', '--lang', 'fr'], { env: { DATABASE_PATH: join(tempDir(), 'x.sqlite') } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('--lang must be en or zh (got "fr")');
    const e = await runReleaseBot(['export', 'Acme', '--format', 'xlsx'], {
      env: { DATABASE_PATH: join(tempDir(), 'x.sqlite') },
    });
    expect(e.err).toContain('--format must be md or csv (got "xlsx")');
  });
});

describe('chat and demo leave the service’s database alone', { timeout: 120_000 }, () => {
  it('`chat` plays a release on a throwaway database; `--db` names one to keep', async () => {
    const dir = tempDir();
    const service = join(dir, 'service.sqlite');
    await serviceWithRelease(service, 'Blue Tea');
    const env = { DATABASE_PATH: service, SECRET_KEY: TEST_SECRET_KEY, REDIS_URL: inject('redisUrl') };

    const r = await runReleaseBot(['chat'], { env, stdin: `/release start Acme Coffee\nAppID ${CLIENT_APP_ID}\n` });
    expect(r.code).toBe(0);
    expect(r.out).toContain('throwaway database');
    expect(r.out).toContain('Release started for Acme Coffee');
    expect(clientNames(service)).toEqual(['Blue Tea']);

    const kept = join(dir, 'kept.sqlite');
    const k = await runReleaseBot(['chat', '--db', kept], { env, stdin: '/release start Candle Co\n' });
    expect(k.out).toContain(`uses the database at ${kept}`);
    expect(clientNames(kept)).toEqual(['Candle Co']);
    expect(clientNames(service)).toEqual(['Blue Tea']);
  });

  it('`demo` plays its release on a throwaway database', async () => {
    const dir = tempDir();
    const service = join(dir, 'service.sqlite');
    await serviceWithRelease(service, 'Blue Tea');
    const r = await runReleaseBot(['demo'], {
      env: { DATABASE_PATH: service, SECRET_KEY: TEST_SECRET_KEY, REDIS_URL: inject('redisUrl') },
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Final status');
    expect(clientNames(service)).toEqual(['Blue Tea']);
  });
});
