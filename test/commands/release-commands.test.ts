import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RobotKeys } from '../../bots/wecom/targets.js';
import type { CommandContext } from '../../src/commands/index.js';
import { secretBox } from '../../src/release/secrets.js';
import { startTestApp, TEST_SECRET_KEY, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const pmIn = (channel: string, isPm = true): CommandContext => ({
  platform: 'local',
  user: isPm ? 'local:pm' : 'local:someone',
  isPm,
  locale: 'en',
  conversation: { platform: 'local', channel, kind: 'local', shared: false },
});

async function run(ctx: CommandContext, text: string): Promise<string> {
  const reply = await t.app.bot.command(ctx, text);
  await t.app.outbox.flush();
  return reply.message.text;
}

/** WeCom's sealed robot keys, over the app's store with the app's key (as bots/wecom reads them). */
const robotKeys = () => new RobotKeys(t.app.store, secretBox(Buffer.from(TEST_SECRET_KEY, 'base64')), t.app.clock);

const releaseOf = (name: string) => {
  const release = t.app.store.openReleaseOf(t.app.service.clientByName(name).id);
  if (!release) throw new Error(`no open release for ${name}`);
  return release;
};

describe('/release commands', () => {
  it('refuses a non-PM politely and changes nothing', async () => {
    expect(await run(pmIn('c1', false), '/release start Acme Coffee')).toContain('only the agency’s project managers');
    expect(t.app.store.findClientByName('Acme Coffee')).toBeUndefined();
  });

  it('answers unknown input with a pointer to /release help, and a typo with the closest command', async () => {
    const text = await run(pmIn('c1'), '/release frobnicate');
    expect(text).toBe('I did not understand “/release frobnicate”. /release help lists every command.');
    const typo = await run(pmIn('c1'), '/release stauts Acme');
    expect(typo).toContain('Did you mean /release status?');
    expect(typo).toContain('/release status [client] — every open release');
    expect(typo).toContain('/release help lists every command.');
    expect(await run(pmIn('c1'), '/release exprot Acme')).toContain('Did you mean /release export?');
  });

  it('marks items done, n/a, and asks again in the client conversation', async () => {
    await run(pmIn('c1'), '/release start Acme Coffee en');
    const id = releaseOf('Acme Coffee').id;
    expect(await run(pmIn('c1'), '/release done Acme Coffee sentry')).toBe('Acme Coffee · Sentry: done.');
    expect(await run(pmIn('c1'), '/release skip acme coffee Nearby locations')).toBe(
      'Acme Coffee · Nearby locations: marked not applicable.',
    );
    expect(await run(pmIn('c1'), '/release ask Acme Coffee template_ids')).toBe(
      'Acme Coffee · Template IDs: asked again in the release conversation.',
    );
    expect(t.app.store.item(id, 'sentry')?.status).toBe('done');
    expect(t.app.store.item(id, 'nearby_locations')?.status).toBe('n/a');
    expect(t.app.store.item(id, 'template_ids')?.status).toBe('asked');
    expect(t.app.localChat?.transcript.at(-1)?.message.text).toContain('subscription-message template IDs');
    expect(await run(pmIn('c1'), '/release done Acme Coffee frobs')).toContain('“frobs” is not a checklist item');
    expect(await run(pmIn('c1'), '/release done Nobody sentry')).toContain('No client named “Nobody”');
  });

  it('records the MP URL-whitelist submission, waiting 24 h, with the ICP on file', async () => {
    await run(pmIn('c1'), '/release start Acme Coffee en');
    const id = releaseOf('Acme Coffee').id;
    expect(await run(pmIn('c1'), '/release whitelist Acme Coffee api.acme.cn')).toContain('needs an ICP filing');
    await t.app.bot.handle({
      platform: 'local',
      channel: 'c1',
      sender: 'local:client',
      text: '域名 api.acme.cn 备案号 沪ICP备2021012345号-1',
      externalId: randomUUID(),
    });
    const text = await run(pmIn('c1'), '/release whitelist Acme Coffee api.acme.cn static.acme.cn');
    expect(text).toContain('Recorded the MP URL-whitelist submission for Acme Coffee (api.acme.cn, static.acme.cn)');
    expect(text).toContain('2026-11-26 10:00'); // 24 h after 02:00 UTC, in Asia/Shanghai
    expect(t.app.store.item(id, 'mp_url_whitelist')).toMatchObject({
      status: 'waiting',
      value: {
        domains: ['api.acme.cn', 'static.acme.cn'],
        icp: '沪ICP备2021012345号-1',
        submitted_at: '2026-11-25T02:00:00.000Z',
      },
    });
  });

  it('will not move a conversation that belongs to another client’s open release', async () => {
    await run(pmIn('c1'), '/release start Acme Coffee');
    const text = await run(pmIn('c1'), '/release start Blue Tea');
    expect(text).toContain('already belongs to Acme Coffee’s open release; nothing was changed');
    expect(t.app.store.findThread('local', 'c1')?.clientId).toBe(t.app.service.clientByName('Acme Coffee').id);
    expect(t.app.store.findClientByName('Blue Tea')).toBeUndefined();
  });

  it('closes a release: reminders cancelled, the conversation free for the next client', async () => {
    await run(pmIn('c1'), '/release start Acme Coffee');
    const id = releaseOf('Acme Coffee').id;
    expect(t.app.store.remindersOf(id, 'scheduled').length).toBeGreaterThan(0);
    expect(await run(pmIn('c1'), '/release close Acme Coffee')).toMatch(/^Closed the release for Acme Coffee/); // the PM's language, not the (Chinese) client's
    expect(t.app.store.getRelease(id)?.state).toBe('closed');
    expect(t.app.store.remindersOf(id, 'scheduled')).toEqual([]);
    expect(await run(pmIn('c1'), '/release start Blue Tea en')).toContain('Release started for Blue Tea');
  });
});

describe('/release invite', () => {
  it('binds a WeCom member for questions, and a group chat or robot for notices only', async () => {
    await run(pmIn('c1'), '/release start Acme Coffee en');
    expect(await run(pmIn('c1'), '/release invite Acme Coffee wecom:wangwei')).toBe(
      'Acme Coffee: added wecom:wangwei as a contact and sent them the open questions.',
    );
    expect(await run(pmIn('c1'), '/release invite Acme Coffee wecom-robot:abc-123')).toContain(
      'will get the release’s notices and reminders',
    );
    expect(await run(pmIn('c1'), '/release invite Acme Coffee wecom-chat:wrkSFfCgAAxx')).toContain(
      'notices and reminders',
    );
    expect(t.app.store.findThread('wecom', 'wangwei')).toMatchObject({ kind: 'user' });
    expect(t.app.store.findThread('wecom', robotKeys().keep('abc-123'))).toMatchObject({ kind: 'appchat' });
    expect(t.app.store.findThread('wecom', 'wrkSFfCgAAxx')).toMatchObject({ kind: 'appchat' });
    expect(await run(pmIn('c1'), '/release invite Acme Coffee bob')).toContain('Invite whom?');
  });

  it('a group robot’s webhook key never shows in full: replies and the audit trail mask it; it is stored sealed, the thread has its fingerprint', async () => {
    const key = randomUUID();
    const masked = `••••${key.slice(-4)}`;
    await run(pmIn('c1'), '/release start Acme Coffee en');
    const invited = await run(pmIn('c1'), `/release invite Acme Coffee wecom-robot:${key}`);
    expect(invited).toContain(`wecom-robot:${masked}`);
    expect(invited).not.toContain(key);
    const robot = t.app.store.threadsWithChannelPrefix('wecom', 'robot:')[0];
    expect(robot).toMatchObject({ kind: 'appchat', channel: expect.stringMatching(/^robot:[0-9a-f]{20}$/) });
    expect(robotKeys().reveal(robot?.channel ?? '')).toBe(key);
    const dump = (table: string) => JSON.stringify(t.app.db.$client.prepare(`SELECT * FROM ${table}`).all());
    for (const table of ['threads', 'events', 'outbox', 'robot_keys']) expect(dump(table)).not.toContain(key);

    await run(pmIn('c2'), '/release start Blue Tea en');
    const taken = await run(pmIn('c2'), `/release invite Blue Tea wecom-robot:${key}`);
    expect(taken).toContain(masked);
    expect(taken).not.toContain(key);

    const events = JSON.stringify([
      ...t.app.store.events(releaseOf('Acme Coffee').id),
      ...t.app.store.events(releaseOf('Blue Tea').id),
    ]);
    expect(events).toContain(`robot:${masked}`);
    expect(events).not.toContain(key);
  });

  it('a webhook key typed with a full-width colon or in quotes is sealed too: nowhere in the stored text', async () => {
    await run(pmIn('c1'), '/release start Acme Coffee en');
    const keys = [randomUUID(), randomUUID()];
    await run(pmIn('c1'), `/release invite Acme Coffee wecom-robot：${keys[0]}`);
    await run(pmIn('c1'), `/release invite Acme Coffee "wecom-robot:${keys[1]}"`);
    const dump = (table: string) => JSON.stringify(t.app.db.$client.prepare(`SELECT * FROM ${table}`).all());
    for (const key of keys) for (const table of ['threads', 'events', 'outbox']) expect(dump(table)).not.toContain(key);
    expect(t.app.store.threadsWithChannelPrefix('wecom', 'robot:')).toHaveLength(2);
    // A typo in the command: the echo masks the key too.
    const typo = await run(pmIn('c1'), `/release invte Acme Coffee wecom-robot:${keys[0]}`);
    expect(typo).toContain('invte');
    expect(typo).not.toContain(keys[0] as string);
  });
});

describe('/release due', () => {
  it('sets the target date and plans the warnings 3 working days and 1 working day before, at 10:00 client time', async () => {
    await run(pmIn('c1'), '/release start Acme Coffee en');
    const id = releaseOf('Acme Coffee').id;
    expect(await run(pmIn('c1'), '/release due Acme Coffee 2026-12-20')).toBe(
      'Target date for Acme Coffee: 2026-12-20. The client is reminded 3 working days and 1 working day before, with what is still open.',
    );
    expect(t.app.store.getRelease(id)?.targetDate).toBe('2026-12-20');
    const warnings = t.app.store
      .remindersOf(id, 'scheduled')
      .filter((r) => r.kind === 'due_date')
      .map((r) => r.dueAt)
      .sort();
    // 2026-12-20 is a Sunday: 3 working days before is Wed 16 Dec, 1 working day before Fri 18 Dec (never the Saturday).
    expect(warnings).toEqual(['2026-12-16T02:00:00.000Z', '2026-12-18T02:00:00.000Z']);
    expect(await run(pmIn('c1'), '/release due Acme Coffee next friday')).toContain('Which date?');
  });
});
