/**
 * Redis faults, with the real app, the real Slack SDK against the fake Slack, and a redis-server of
 * the test's own that it kills, restarts empty and flushes: a PM's commands and a client's message
 * are answered while Redis is down, and the reminders and job schedulers come back without a restart.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DIGEST_QUEUE,
  DIGEST_SCHEDULER_ID,
  LAUNCH_CHECK_QUEUE,
  LAUNCH_CHECK_SCHEDULER_ID,
  SECRET_CHECK_QUEUE,
  SECRET_CHECK_SCHEDULER_ID,
} from '../../jobs/queues.js';
import { createLogger } from '../../src/logger.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { OwnRedis } from '../support/own-redis.js';
import { type FakeSlack, startFakeSlack } from '../slack/support/fake-slack.js';
import { commandBody, postSigned } from '../slack/support/sign.js';
import { fireNow, jobIdOf, openQueue, type QueueProbe, sh, waitFor } from './reminder-helpers.js';

const SECRET = 'test-signing-secret-0123456789ab';
const CHANNEL = 'CACME';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Outage {
  t: TestApp;
  /** Stops the app (once; the test's cleanup does it otherwise). */
  close(): Promise<void>;
  redis: OwnRedis;
  slack: FakeSlack;
  logs: string[];
  url: string;
  probe(): QueueProbe;
  command(text: string): Promise<{ status: number; text: string }>;
  message(text: string, eventId: string, threadTs: string): Promise<number>;
  /** Sends what the outbox holds (the fake clock moves past Slack's pacing). */
  settle(): Promise<void>;
  posted(): { channel: string; text: string; thread_ts?: string }[];
}

async function start(opts: { wechat?: boolean } = {}): Promise<Outage> {
  const redis = await OwnRedis.start();
  cleanups.push(() => redis.stop());
  const slack = await startFakeSlack();
  cleanups.push(() => slack.close());
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  const t = await startTestApp({
    clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))),
    env: {
      REDIS_URL: redis.url,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: slack.apiUrl,
      // The App-secret check's scheduler exists only with a WeChat API; nothing here calls it.
      ...(opts.wechat ? { WECHAT_API_BASE: 'http://127.0.0.1:9/' } : {}),
    },
    options: { logger },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await t.close();
  };
  cleanups.push(close);
  const port = await t.app.listen();
  const url = `http://127.0.0.1:${port}`;
  const nowSec = () => Math.floor(t.clock.now().getTime() / 1000);
  let commands = 0;
  return {
    t,
    close,
    redis,
    slack,
    logs,
    url,
    probe() {
      const probe = openQueue(redis.url, t.app.config.queuePrefix);
      cleanups.push(() => probe.close());
      return probe;
    },
    // The ack only stores the command; its answer arrives at the response_url once it ran.
    async command(text) {
      commands += 1;
      const n = `outage-${commands}`;
      const res = await postSigned(
        `${url}/slack/events`,
        commandBody({
          command: '/release',
          text,
          user_id: 'UPM',
          channel_id: CHANNEL,
          response_url: slack.responseUrl(n),
        }),
        {
          secret: SECRET,
          timestamp: nowSec(),
          contentType: 'application/x-www-form-urlencoded',
        },
      );
      return res.status === 200 ? { status: res.status, text: JSON.stringify(await slack.responseTo(n)) } : res;
    },
    async message(text, eventId, threadTs) {
      const event = {
        type: 'message',
        channel: CHANNEL,
        user: 'UCLIENT',
        text,
        ts: `${nowSec()}.${eventId.length}00001`,
        thread_ts: threadTs,
        channel_type: 'channel',
      };
      const body = JSON.stringify({
        token: 'x',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: eventId,
        event_time: nowSec(),
        event,
      });
      return (await postSigned(`${url}/slack/events`, body, { secret: SECRET, timestamp: nowSec() })).status;
    },
    async settle() {
      for (let round = 0; round < 30; round += 1) {
        for (let i = 0; i < 100 && t.app.store.unprocessedInbound().length > 0; i += 1)
          await new Promise((r) => setTimeout(r, 10));
        await t.app.outbox.kick();
        if (t.app.store.dueOutbox('9999-12-31T00:00:00.000Z', 100).length === 0) return;
        t.clock.advance(1_100);
      }
      throw new Error('outbox did not drain');
    },
    posted: () => slack.calls('chat.postMessage') as { channel: string; text: string; thread_ts?: string }[],
  };
}

const linesWith = (logs: string[], text: string) => logs.filter((l) => l.includes(text));

describe('Redis killed mid-run', () => {
  it('/release start, done and snooze and a client message are answered while Redis is down; the reminders they scheduled fire once it is back', async () => {
    const s = await start();
    await s.redis.kill();
    await waitFor('the app to see Redis down', () => !s.t.app.redisLink.isReachable());

    const started = await s.command('start Acme Coffee en');
    expect(started.status).toBe(200);
    expect(JSON.parse(started.text).text).toContain('Release started for Acme Coffee');
    await s.settle();
    const threadTs = s.t.app.store.findThread('slack', CHANNEL)?.threadTs;
    if (!threadTs) throw new Error('the release thread was not opened');
    const release = s.t.app.store.openReleaseOf(s.t.app.store.findClientByName('Acme Coffee')?.id ?? 0);
    if (!release) throw new Error('no release');
    // Two nudged items the client's message below does not answer.
    const nudges = s.t.app.store
      .remindersOf(release.id, 'scheduled')
      .filter((r) => r.kind === 'nudge' && r.itemKey !== 'app_id');
    const [first, second] = nudges;
    if (!first?.itemKey || !second?.itemKey)
      throw new Error(`expected two nudged items besides app_id, got ${nudges.map((n) => n.itemKey)}`);

    const before = s.posted().length;
    expect(await s.message('AppID wx1a2b3c4d5e6f7a8b', 'EvOutage1', threadTs)).toBe(200);
    const done = await s.command(`done Acme Coffee ${first.itemKey}`);
    const snoozedAt = s.t.clock.now().getTime();
    const snoozed = await s.command(`snooze Acme Coffee ${second.itemKey} 2d`);
    expect(JSON.parse(done.text).text).toMatch(/: done\.$/);
    expect(JSON.parse(snoozed.text).text).toMatch(/^Snoozed the .* reminder for Acme Coffee until /);
    await s.settle();
    const answer = s.posted().slice(before);
    expect(answer.some((m) => m.thread_ts === threadTs && m.text.includes('wx1a2b3c4d5e6f7a8b'))).toBe(true);
    // All of it happened with Redis still down.
    expect(s.redis.running).toBe(false);
    expect(s.t.app.redisLink.isReachable()).toBe(false);
    expect(s.t.app.store.getReminder(first.id)?.state).toBe('cancelled');
    const moved = s.t.app.store.getReminder(second.id);
    expect(moved?.dueAt).toBe(new Date(snoozedAt + 2 * 86_400_000).toISOString());

    await s.redis.restart();
    const probe = openQueue(s.redis.url, s.t.app.config.queuePrefix);
    const scheduled = s.t.app.store.scheduledReminders();
    expect(scheduled.length).toBeGreaterThan(1);
    for (const r of scheduled) await waitFor(`job ${r.id} re-created`, () => probe.queue.getJob(jobIdOf(r)));
    const digestConnection = new Redis(s.redis.url, { maxRetriesPerRequest: null });
    const digest = new Queue(DIGEST_QUEUE, { connection: digestConnection, prefix: s.t.app.config.queuePrefix });
    await waitFor('the digest scheduler re-created', () => digest.getJobScheduler(DIGEST_SCHEDULER_ID));

    const nudgesBefore = s.posted().filter((m) => m.text.startsWith('Reminder: we still need')).length;
    await fireNow(s.t, probe, moved as NonNullable<typeof moved>);
    expect(s.t.app.store.getReminder(second.id)?.state).toBe('sent');
    await s.settle();
    const reminders = s.posted().filter((m) => m.text.startsWith('Reminder: we still need'));
    expect(reminders.length).toBe(nudgesBefore + 1);
    expect(reminders.at(-1)?.thread_ts).toBe(threadTs);

    // Logged once per change, as JSON: one "unreachable", one "reachable again", no error per retry.
    expect(linesWith(s.logs, 'Redis is unreachable')).toHaveLength(1);
    expect(linesWith(s.logs, 'Redis is reachable again')).toHaveLength(1);
    expect(linesWith(s.logs, 'worker error')).toEqual([]);
    expect(linesWith(s.logs, 'not synced to Redis')).toEqual([]);
    for (const line of s.logs) expect(() => JSON.parse(line)).not.toThrow();
    expect(s.logs.filter((l) => l.includes('"level":40') || l.includes('"level":50'))).toHaveLength(1);

    // And it stops cleanly with Redis gone again (no wait for a reconnect).
    await probe.close();
    await digest.close();
    await digestConnection.quit();
    await s.redis.kill();
    await waitFor('the app to see Redis down again', () => !s.t.app.redisLink.isReachable());
    await s.close();
    expect(linesWith(s.logs, 'Redis is unreachable')).toHaveLength(2);
  });

  it('a hung Redis (SIGSTOP) does not hold a command either; its jobs are made once it answers again', async () => {
    const s = await start();
    s.redis.pause();
    const started = await s.command('start Acme Coffee en');
    expect(started.status).toBe(200);
    expect(JSON.parse(started.text).text).toContain('Release started for Acme Coffee');
    await s.settle();
    expect(s.posted().some((m) => m.text.includes('Acme Coffee'))).toBe(true);
    const scheduled = s.t.app.store.scheduledReminders();
    expect(scheduled.length).toBeGreaterThan(0);
    // The timed-out calls made the link check Redis: it is seen as down (logged once), not waited for.
    await waitFor('the app to see Redis hung', () => !s.t.app.redisLink.isReachable());
    s.redis.resume();
    const probe = s.probe();
    for (const r of scheduled) await waitFor(`job ${r.id} made`, () => probe.queue.getJob(jobIdOf(r)), 20_000);
    expect(linesWith(s.logs, 'Redis is unreachable')).toHaveLength(1);
    expect(linesWith(s.logs, 'Redis is reachable again')).toHaveLength(1);
  }, 60_000);
});

describe('Redis flushed mid-run', () => {
  it('the reconciler re-creates the reminder jobs and the job schedulers without a restart; /healthz says degraded until then', async () => {
    const s = await start({ wechat: true });
    const started = await s.command('start Acme Coffee en');
    expect(JSON.parse(started.text).text).toContain('Release started for Acme Coffee');
    const probe = s.probe();
    const scheduled = s.t.app.store.scheduledReminders();
    expect(scheduled.length).toBeGreaterThan(0);
    for (const r of scheduled) await waitFor(`job ${r.id}`, () => probe.queue.getJob(jobIdOf(r)));
    const health = async () => {
      const res = await fetch(`${s.url}/healthz`);
      return { code: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await health()).toMatchObject({ code: 200, body: { status: 'ok', database: 'ok', redis: 'ok' } });

    // The reconciler's next periodic run is a minute away: the flushed state is there to see.
    const admin = new Redis(s.redis.url);
    cleanups.push(async () => {
      await admin.quit();
    });
    await admin.flushall();
    const degraded = await health();
    expect(degraded.code).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', database: 'ok', redis: 'ok' });
    expect(degraded.body.missing).toEqual({
      schedulers: [DIGEST_SCHEDULER_ID, LAUNCH_CHECK_SCHEDULER_ID, SECRET_CHECK_SCHEDULER_ID],
      reminderJobs: scheduled.length,
    });
    // Its period shortened: the periodic run — not a reconnect, not a restart — repairs it.
    s.t.app.jobs.reconciler.start(200);

    for (const r of scheduled) await waitFor(`job ${r.id} re-created`, () => probe.queue.getJob(jobIdOf(r)));
    const connection = new Redis(s.redis.url, { maxRetriesPerRequest: null });
    const digest = new Queue(DIGEST_QUEUE, { connection, prefix: s.t.app.config.queuePrefix });
    const secretCheck = new Queue(SECRET_CHECK_QUEUE, { connection, prefix: s.t.app.config.queuePrefix });
    const launchCheck = new Queue(LAUNCH_CHECK_QUEUE, { connection, prefix: s.t.app.config.queuePrefix });
    cleanups.push(async () => {
      await digest.close();
      await secretCheck.close();
      await launchCheck.close();
      await connection.quit();
    });
    await waitFor('the digest scheduler', () => digest.getJobScheduler(DIGEST_SCHEDULER_ID));
    await waitFor('the App-secret check scheduler', () => secretCheck.getJobScheduler(SECRET_CHECK_SCHEDULER_ID));
    await waitFor('the launch check scheduler', () => launchCheck.getJobScheduler(LAUNCH_CHECK_SCHEDULER_ID));
    const ok = await waitFor('/healthz ok', async () => {
      const h = await health();
      return h.body.status === 'ok' ? h : undefined;
    });
    expect(ok).toMatchObject({ code: 200, body: { status: 'ok', database: 'ok', redis: 'ok' } });
    expect(linesWith(s.logs, 'reconciler: re-created the jobs Redis had lost').length).toBeGreaterThanOrEqual(1);
  });
});
