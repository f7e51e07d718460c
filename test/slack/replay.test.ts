/**
 * A captured signed request, replayed: the same bytes run once, even after a restart, and a request
 * signed for the future is not a way around the 5-minute window.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requestDigest, verifySignature } from '../../bots/slack/receiver.js';
import { openDatabase, closeDatabase } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { sqliteRequestLog } from '../../db/request-log.js';
import { startTestApp, tempDir } from '../support/app.js';
import { CHANNEL, PM, SIGNING_SECRET, type SlackApp, startSlackApp } from './support/slack-app.js';
import { commandBody, postSigned, slackSignature } from './support/sign.js';

const FORM = 'application/x-www-form-urlencoded' as const;

describe('Slack: one signed request, one run', () => {
  let s: SlackApp | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('refuses a correctly signed request whose timestamp is more than 5 minutes in the future (401), and runs nothing', async () => {
    s = await startSlackApp();
    const body = commandBody({
      command: '/release',
      text: 'start Future Corp',
      user_id: PM,
      channel_id: CHANNEL,
      response_url: s.slack.responseUrl('future'),
    });
    for (const ahead of [10 * 60, 365 * 86_400]) {
      const res = await postSigned(s.url, body, {
        secret: SIGNING_SECRET,
        timestamp: s.nowSec() + ahead,
        contentType: FORM,
      });
      expect(res.status).toBe(401);
    }
    // Within the window either way (clocks drift a little) it is taken.
    const near = await postSigned(s.url, body, {
      secret: SIGNING_SECRET,
      timestamp: s.nowSec() + 4 * 60,
      contentType: FORM,
    });
    expect(near.status).toBe(200);
    await s.app.bot.idle(); // the ack only stored it; it runs after
    expect(s.app.store.findClientByName('Future Corp')).toBeDefined();
  });

  it('the same signed /release remind replayed 3 times runs once: the client gets exactly one reminder; a restart does not forget', async () => {
    s = await startSlackApp();
    expect((await s.command('start Acme Coffee')).status).toBe(200);
    await s.settle();
    const before = s.posted().length;
    const timestamp = s.nowSec();
    const body = commandBody({
      command: '/release',
      text: 'remind Acme Coffee',
      user_id: PM,
      channel_id: CHANNEL,
      response_url: s.slack.responseUrl('remind'),
    });
    const answers = [];
    for (let i = 0; i < 3; i += 1)
      answers.push(await postSigned(s.url, body, { secret: SIGNING_SECRET, timestamp, contentType: FORM }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.text)).toEqual(['', '', '']); // the ack only stores; the answer goes to the response_url
    await s.settle();
    const said = s.slack.responses.filter((r) => r.path === '/commands/remind');
    expect(said).toHaveLength(1);
    expect(String(said[0]?.body.text)).toContain('Acme Coffee');
    const reminders = s.posted().slice(before);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.channel).toBe(CHANNEL);
    expect(s.logs.join('\n')).toContain('replayed');

    // Restarted on the same database (another process, as far as the request log knows): still a replay.
    const dir = s.dir;
    const fakeSlackUrl = s.slack.apiUrl;
    await s.app.stop();
    const again = await startTestApp({
      dir,
      clock: s.clock,
      env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: fakeSlackUrl },
    });
    try {
      const port = await again.app.listen();
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, {
        secret: SIGNING_SECRET,
        timestamp,
        contentType: FORM,
      });
      expect(res).toEqual({ status: 200, text: '' });
      await again.app.outbox.flush();
      expect(s.posted().slice(before)).toHaveLength(1);
    } finally {
      await again.app.stop();
    }
    // s.close() would stop the app a second time: close only the fake and the folder.
    await s.slack.close();
    rmSync(dir, { recursive: true, force: true });
    s = undefined;
  });

  it('variants of one signed request that Bolt would also accept (v0=<hash>=1, 0<ts>, 00<ts>) are refused: the command runs once', async () => {
    s = await startSlackApp();
    await s.command('start Acme Coffee');
    await s.settle();
    const before = s.posted().length;
    const timestamp = s.nowSec();
    const body = commandBody({
      command: '/release',
      text: 'remind Acme Coffee',
      user_id: PM,
      channel_id: CHANNEL,
      response_url: s.slack.responseUrl('remind'),
    });
    const signature = slackSignature(SIGNING_SECRET, timestamp, body);
    const post = async (sig: string, ts: string) =>
      (
        await fetch(s?.url ?? '', {
          method: 'POST',
          headers: { 'content-type': FORM, 'x-slack-signature': sig, 'x-slack-request-timestamp': ts },
          body,
        })
      ).status;
    expect(await post(signature, String(timestamp))).toBe(200);
    const variants: [string, string][] = [
      [`${signature}=1`, String(timestamp)],
      [`${signature}=2`, String(timestamp)],
      [signature, `0${timestamp}`],
      [signature, `00${timestamp}`],
      [signature.toUpperCase().replace('V0=', 'v0='), String(timestamp)],
    ];
    for (const [sig, ts] of variants) expect([sig, ts, await post(sig, ts)]).toEqual([sig, ts, 401]);
    await s.settle();
    expect(s.posted().slice(before)).toHaveLength(1);
  });

  it('a slightly different request (another signature) is its own request and runs', async () => {
    s = await startSlackApp();
    await s.command('start Acme Coffee');
    await s.settle();
    const before = s.posted().length;
    const body = commandBody({
      command: '/release',
      text: 'remind Acme Coffee',
      user_id: PM,
      channel_id: CHANNEL,
      response_url: s.slack.responseUrl('remind'),
    });
    await postSigned(s.url, body, { secret: SIGNING_SECRET, timestamp: s.nowSec(), contentType: FORM });
    await postSigned(s.url, body, { secret: SIGNING_SECRET, timestamp: s.nowSec() - 1, contentType: FORM });
    await s.settle();
    expect(s.posted().slice(before)).toHaveLength(2);
  });
});

describe('the signature check and the request log, by themselves', () => {
  it('verifySignature refuses a future or non-numeric timestamp and names why', () => {
    const now = new Date('2026-11-25T02:00:00.000Z');
    const sec = Math.floor(now.getTime() / 1000);
    const check = (timestamp: string) => () =>
      verifySignature({
        signingSecret: SIGNING_SECRET,
        body: 'x=1',
        signature: slackSignature(SIGNING_SECRET, Number(timestamp), 'x=1'),
        timestamp,
        now,
      });
    expect(check(String(sec + 301))).toThrow(/future/);
    expect(check(String(sec + 300))).not.toThrow();
    expect(check('1e10')).toThrow(/number of seconds/);
    expect(check(`0${sec}`)).toThrow(/number of seconds/);
    const signed = slackSignature(SIGNING_SECRET, sec, 'x=1');
    expect(() =>
      verifySignature({
        signingSecret: SIGNING_SECRET,
        body: 'x=1',
        signature: `${signed}=1`,
        timestamp: String(sec),
        now,
      }),
    ).toThrow(/v0=/);
  });

  it('claims a digest once until it expires, survives reopening the file, and forgets expired rows', async () => {
    const path = join(tempDir(), 'log.sqlite');
    const db = openDatabase(path);
    runMigrations(db);
    const log = sqliteRequestLog(db);
    const now = new Date('2026-11-25T02:00:00.000Z');
    const until = new Date(now.getTime() + 301_000);
    const digest = requestDigest('v0=abc', '1764036000');
    expect(await log.claim(digest, until, now)).toBe(true);
    expect(await log.claim(digest, until, now)).toBe(false);
    closeDatabase(db);
    const reopened = openDatabase(path);
    const again = sqliteRequestLog(reopened);
    expect(await again.claim(digest, until, now)).toBe(false);
    again.release(digest);
    expect(await again.claim(digest, until, now)).toBe(true);
    const later = new Date(until.getTime() + 1_000);
    expect(await again.claim(requestDigest('v0=other', '1764036300'), new Date(later.getTime() + 300_000), later)).toBe(
      true,
    );
    const rows = reopened.$client.prepare("select name from cursors where name like 'request:%'").all() as {
      name: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(await again.claim(digest, new Date(later.getTime() + 300_000), later)).toBe(true);
    closeDatabase(reopened);
  });
});
