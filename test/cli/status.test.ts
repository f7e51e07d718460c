import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_SECRET_KEY } from '../support/app.js';
import { tempDir } from '../support/tmp.js';
import { runReleaseBot } from '../support/cli.js';
import { CLIENT_APP_ID } from '../support/ids.js';

const cli = (argv: string[], env: Record<string, string>) => runReleaseBot(argv, { env });

describe('release-bot migrate and status', () => {
  it('creates the database, then shows a release the service created', async () => {
    const dir = tempDir();
    const env = { DATABASE_PATH: join(dir, 'bot.sqlite'), SECRET_KEY: TEST_SECRET_KEY };
    expect(await cli(['migrate'], env)).toMatchObject({ code: 0, out: expect.stringContaining('Database ready') });
    expect((await cli(['status'], env)).out).toContain('No open releases');

    const t = await startTestApp({ dir });
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
    await t.app.bot.handle({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text: `AppID ${CLIENT_APP_ID}`,
      externalId: 'm1',
    });
    await t.close();

    const overview = await cli(['status'], env);
    expect(overview.code).toBe(0);
    expect(overview.out).toMatch(/Acme Coffee\s+░{10}\s+1\/26\s+waiting on client: 3/);

    const one = await cli(['status', 'acme', 'coffee', '--lang', 'en'], env);
    expect(one.out).toContain('Acme Coffee — Mini Program release');
    expect(one.out).toMatch(new RegExp(`App ID — answered\\s+${CLIENT_APP_ID}`));
    expect(await cli(['status', 'Nobody'], env)).toMatchObject({
      code: 1,
      err: expect.stringContaining('No release for a client named “Nobody”'),
    });
  });
});
