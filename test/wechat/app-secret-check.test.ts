import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_CHECK_CRON, SECRET_CHECK_QUEUE, SECRET_CHECK_SCHEDULER_ID } from '../../jobs/queues.js';
import type { AppSecretCheck, WeChatApi } from '../../src/ports.js';
import { AppSecretChecker, CHECK_EVENT } from '../../src/use-cases/app-secret-check.js';
import { openClientItems } from '../../src/conversation/questions.js';
import { buildDigests } from '../../src/reminders/digest.js';
import { FakeClock, startTestApp, type TestApp, tempDir } from '../support/app.js';
import { type FakeWeChat, startFakeWeChat } from './fake-wechat.js';

const APP_ID = 'wx1a2b3c4d5e6f7a8b';
const GOOD = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
const TYPO = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6e';
const RESET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** A PM's /release command in a local conversation. */
function pmCommand(app: TestApp['app'], channel: string, text: string): ReturnType<TestApp['app']['bot']['command']> {
  return app.bot.command(
    {
      platform: 'local',
      user: 'local:pm',
      isPm: true,
      locale: 'en',
      conversation: { platform: 'local', channel, kind: 'local', shared: false },
    },
    text,
  );
}

/** The App-secret check end to end: the local chat, the real checker and daily job, WeChat's stable_token faked on 127.0.0.1. */
describe('the App-secret check with WeChat', () => {
  let fake: FakeWeChat;
  let t: TestApp;
  let queue: Queue;
  let connection: Redis;
  let releaseId: number;

  const transcriptLength = (): number => t.app.localChat?.transcript.length ?? 0;
  const sentSince = (seen: number, to: string): string[] =>
    (t.app.localChat?.transcript.slice(seen) ?? []).filter((m) => m.to === to && !m.from).map((m) => m.message.text);
  const client = async (text: string): Promise<void> => {
    await t.app.bot.handle({
      platform: 'local',
      channel: 'acme',
      sender: 'local:client',
      text,
      externalId: randomUUID(),
    });
    await t.app.appSecrets?.idle(); // the check runs in the background: the reply did not wait for WeChat
    await t.app.outbox.flush();
  };
  const checks = (): unknown[] =>
    t.app.store
      .events(releaseId)
      .filter((e) => e.type === CHECK_EVENT)
      .map((e) => e.after);
  /** Runs the daily job the way its scheduler does (a job on its queue) and waits for it to be recorded. */
  const daily = async (): Promise<void> => {
    const job = await queue.add(SECRET_CHECK_QUEUE, {});
    for (let i = 0; i < 200 && !(await job.isCompleted()); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(await job.isCompleted()).toBe(true);
    await t.app.outbox.flush();
  };

  beforeAll(async () => {
    fake = await startFakeWeChat();
    fake.register(APP_ID, GOOD);
    t = await startTestApp({ env: { WECHAT_API_BASE: fake.url } });
    connection = new Redis(t.app.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(SECRET_CHECK_QUEUE, { connection, prefix: t.app.config.queuePrefix });
    await pmCommand(t.app, 'acme', '/release start Acme Coffee en');
    releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Acme Coffee').id)?.id as number;
  });
  afterAll(async () => {
    await queue.close();
    await connection.quit();
    await t.close();
    await fake.close();
  });

  it('runs every morning at 09:00 agency time as a BullMQ job scheduler', async () => {
    const entry = await queue.getJobScheduler(SECRET_CHECK_SCHEDULER_ID);
    expect(entry?.pattern).toBe(SECRET_CHECK_CRON);
    expect(entry?.tz).toBe(t.app.config.agencyTimezone);
  });

  it('a mistyped App secret is explained to the client and asked again, shows as blocked with WeChat’s reason; the PM is told; the right one is accepted quietly', async () => {
    await client(`AppID ${APP_ID}`);
    let seen = transcriptLength();
    await client(`the app secret is ${TYPO}`);
    expect(fake.calls.at(-1)).toMatchObject({ appid: APP_ID, secret: TYPO, force_refresh: false });
    const toClient = sentSince(seen, 'thread:acme').join('\n');
    expect(toClient).toContain(`WeChat did not accept the App secret ••••7e6e for App ID ${APP_ID}`);
    expect(toClient).not.toContain(TYPO);
    expect(t.app.store.item(releaseId, 'app_secret')).toMatchObject({
      status: 'blocked',
      note: 'rejected by WeChat, errcode 40125',
    });
    expect(sentSince(seen, 'user:pm').join('\n')).toContain(
      `Acme Coffee: WeChat refused the App secret ••••7e6e of ${APP_ID} (errcode 40125). I asked the client for it again.`,
    );
    // The PM's overview puts it first: blocked, with WeChat's reason.
    const status = await pmCommand(t.app, 'pm', '/release status');
    expect(status.message.text).toContain('blocked: App secret (rejected by WeChat, errcode 40125)');
    // Blocked is not chased by nudges: the PM has it.
    expect(t.app.store.remindersOf(releaseId, 'scheduled').filter((r) => r.itemKey === 'app_secret')).toEqual([]);

    seen = transcriptLength();
    await client(GOOD);
    expect(fake.calls.at(-1)).toMatchObject({ appid: APP_ID, secret: GOOD });
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('answered');
    expect(sentSince(seen, 'user:pm')).toEqual([]);
    expect(sentSince(seen, 'thread:acme').join('\n')).not.toContain('did not accept');
    expect(checks().at(0)).toMatchObject({ ok: true, app_id: APP_ID, last4: '7e6d' });
    // The events keep what WeChat said, never the secret.
    expect(JSON.stringify(t.app.store.events(releaseId))).not.toContain(GOOD);
  });

  it('the next morning finds the secret reset: the client is asked for the new one and the PM alerted, once', async () => {
    fake.register(APP_ID, RESET); // someone reset it in the MP admin overnight
    const seen = transcriptLength();
    await daily();
    expect(sentSince(seen, 'thread:acme').join('\n')).toContain(
      `The App secret ••••7e6d no longer works with WeChat (App ID ${APP_ID})`,
    );
    expect(sentSince(seen, 'user:pm')).toEqual([
      `Acme Coffee: the App secret ••••7e6d of ${APP_ID} stopped working (errcode 40125); it was probably reset. I asked the client for the new one.`,
    ]);
    expect(t.app.store.item(releaseId, 'app_secret')).toMatchObject({
      status: 'blocked',
      note: 'stopped working with WeChat, errcode 40125',
    });

    const again = transcriptLength();
    await daily();
    expect(checks()).toHaveLength(4); // the typo, the right one, and two mornings
    expect(sentSince(again, 'user:pm')).toEqual([]);
    expect(sentSince(again, 'thread:acme')).toEqual([]);
  });

  it('our server’s IP missing from the MP’s IP whitelist is for the PM only; WeChat unreachable says nothing and records nothing', async () => {
    await client(RESET);
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('answered');
    fake.failNext({
      errcode: 40164,
      errmsg: 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1',
    });
    const seen = transcriptLength();
    await daily();
    expect(sentSince(seen, 'user:pm').join('\n')).toContain(
      "WeChat refused to check the App secret of wx1a2b3c4d5e6f7a8b from our server's IP 203.0.113.7",
    );
    expect(sentSince(seen, 'thread:acme')).toEqual([]);
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('answered');

    const recorded = checks().length;
    fake.failNext({ httpStatus: 502 });
    const quiet = transcriptLength();
    await daily();
    expect(checks()).toHaveLength(recorded);
    expect(sentSince(quiet, 'user:pm')).toEqual([]);

    // Fixed on WeChat's side: the PM hears it works again.
    const fixed = transcriptLength();
    await daily();
    expect(sentSince(fixed, 'user:pm')).toEqual([`Acme Coffee: the App secret ••••e8f9 of ${APP_ID} works again.`]);

    // Frozen one morning (the client is asked to unfreeze it), working the next: unblocked, the PM told.
    fake.failNext({ errcode: 40243, errmsg: 'appsecret frozen' });
    const frozen = transcriptLength();
    await daily();
    expect(sentSince(frozen, 'thread:acme').join('\n')).toContain(
      `WeChat says the App secret of App ID ${APP_ID} is frozen`,
    );
    expect(t.app.store.item(releaseId, 'app_secret')).toMatchObject({
      status: 'blocked',
      note: 'frozen in WeChat, errcode 40243',
    });
    await daily();
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('answered');
  });
});

describe('the App-secret check when the client answers again', () => {
  let fake: FakeWeChat;
  let t: TestApp;
  let releaseId: number;
  const OTHER_APP = 'wx00000000000000aa';
  const client = async (text: string): Promise<void> => {
    await t.app.bot.handle({
      platform: 'local',
      channel: 'again',
      sender: 'local:client',
      text,
      externalId: randomUUID(),
    });
    await t.app.appSecrets?.idle();
    await t.app.outbox.flush();
  };
  const toClient = (seen: number): string =>
    (t.app.localChat?.transcript.slice(seen) ?? [])
      .filter((m) => m.to === 'thread:again' && !m.from)
      .map((m) => m.message.text)
      .join('\n');
  const toPm = (seen: number): string[] =>
    (t.app.localChat?.transcript.slice(seen) ?? []).filter((m) => m.to === 'user:pm').map((m) => m.message.text);

  beforeAll(async () => {
    fake = await startFakeWeChat();
    fake.register(APP_ID, GOOD);
    fake.register(OTHER_APP, TYPO); // the client's other Mini Program, whose secret they sent
    t = await startTestApp({ env: { WECHAT_API_BASE: fake.url } });
    await pmCommand(t.app, 'again', '/release start Again Co en');
    releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Again Co').id)?.id as number;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('a refused secret stays open in the conversation; sent again, it is blocked again and the client told again (the PM once)', async () => {
    await client(`AppID ${APP_ID}`);
    await client(TYPO);
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('blocked');
    expect(openClientItems(t.app.store.items(releaseId)).map((i) => i.key)).toContain('app_secret');

    const seen = t.app.localChat?.transcript.length ?? 0;
    await client(`sorry, again: ${TYPO}`);
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('blocked');
    expect(toClient(seen)).toContain('WeChat did not accept the App secret ••••7e6e');
    expect(toPm(seen)).toEqual([]);
    // The PM's morning digest names it as stuck, with WeChat's reason.
    const digest = buildDigests(t.app.store, t.clock.now(), 'Asia/Shanghai').get('local:pm')?.text ?? '';
    expect(digest).toContain('App secret (rejected by WeChat, errcode 40125)');
  });

  it('a corrected App ID that makes the pair work unblocks the secret and clears WeChat’s reason', async () => {
    expect(t.app.store.item(releaseId, 'app_secret')?.note).toBe('rejected by WeChat, errcode 40125');
    await client(`sorry, wrong app — the AppID is ${OTHER_APP}`);
    expect(fake.calls.at(-1)).toMatchObject({ appid: OTHER_APP, secret: TYPO });
    expect(t.app.store.item(releaseId, 'app_id')?.value).toBe(OTHER_APP);
    expect(t.app.store.item(releaseId, 'app_secret')).toMatchObject({ status: 'answered', note: null });
  });

  it('a PM who marks a refused secret done is not overruled by the next morning’s check', async () => {
    await client(GOOD); // OTHER_APP's secret is TYPO: refused
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('blocked');
    await pmCommand(t.app, 'again', '/release done Again Co app_secret');
    const seen = t.app.localChat?.transcript.length ?? 0;
    expect(await t.app.appSecrets?.checkAll()).toBe(1);
    await t.app.outbox.flush();
    expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('done');
    expect(toClient(seen)).toBe('');
  });
});

describe('an App-secret check whose answer comes late', () => {
  it('is dropped when the client sent another secret meanwhile: the new one’s own check speaks for it', async () => {
    const t = await startTestApp();
    try {
      const { app } = t;
      await pmCommand(app, 'late', '/release start Late Co en');
      const releaseId = app.store.openReleaseOf(app.service.clientByName('Late Co').id)?.id as number;
      app.service.recordAnswer(releaseId, 'app_id', APP_ID, { actor: 'local:client' });
      app.service.recordSecret(releaseId, 'app_secret', TYPO, 'local:client');
      // WeChat, slow to answer about the first secret (the port is the network edge).
      let answer: (check: AppSecretCheck) => void = () => {};
      const slow: WeChatApi = {
        checkAppSecret: () => new Promise<AppSecretCheck>((resolve) => (answer = resolve)),
        templates: async () => ({ ok: false, problem: 'unavailable' }),
      };
      const checker = new AppSecretChecker({
        service: app.service,
        store: app.store,
        outbox: app.outbox,
        wechat: slow,
        clock: t.clock,
        logger: app.logger,
      });
      const pending = checker.check(releaseId);
      app.service.recordSecret(releaseId, 'app_secret', GOOD, 'local:client');
      // What was queued before the late answer (the release's first questions) is out before counting.
      await app.outbox.flush();
      const seen = app.localChat?.transcript.length ?? 0;
      answer({ ok: false, problem: 'wrong_secret', errcode: 40125 });
      expect((await pending)?.told).toBe(false);
      await app.outbox.flush();
      expect(app.localChat?.transcript.slice(seen)).toEqual([]);
      expect(app.store.item(releaseId, 'app_secret')?.status).toBe('answered');
      expect(app.store.events(releaseId).filter((e) => e.type === CHECK_EVENT)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('an answer whose check the last stop cut short', () => {
  it('is checked at the next start', async () => {
    const fake = await startFakeWeChat();
    fake.register(APP_ID, GOOD);
    const dir = tempDir();
    // Stopped before its check ran: here, the check was off when the client answered.
    const before = await startTestApp({ dir });
    await pmCommand(before.app, 'cut', '/release start Cut Short Co en');
    const releaseId = before.app.store.openReleaseOf(before.app.service.clientByName('Cut Short Co').id)?.id as number;
    before.app.service.recordAnswer(releaseId, 'app_id', APP_ID, { actor: 'local:client' });
    before.app.service.recordSecret(releaseId, 'app_secret', TYPO, 'local:client');
    await before.close();

    try {
      const t = await startTestApp({ dir, env: { WECHAT_API_BASE: fake.url } });
      await t.app.start();
      await t.app.appSecrets?.idle();
      expect(fake.calls.map((c) => c.secret)).toEqual([TYPO]);
      expect(t.app.store.item(releaseId, 'app_secret')?.status).toBe('blocked');
      await t.app.stop();
      // Checked now (and blocked by the bot since): the next start asks WeChat nothing.
      const again = await startTestApp({ dir, env: { WECHAT_API_BASE: fake.url } });
      await again.app.start();
      await again.app.appSecrets?.idle();
      expect(fake.calls).toHaveLength(1);
      await again.app.stop();
    } finally {
      await fake.close();
    }
  });
});

describe('the daily App-secret check on China’s working calendar', () => {
  const sh = (local: string): string => new Date(`${local}+08:00`).toISOString();
  let fake: FakeWeChat;
  let t: TestApp;
  let queue: Queue;
  let connection: Redis;
  /** The daily job run as its scheduler runs it. */
  const daily = async (): Promise<void> => {
    const job = await queue.add(SECRET_CHECK_QUEUE, {});
    for (let i = 0; i < 200 && !(await job.isCompleted()); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(await job.isCompleted()).toBe(true);
  };

  beforeAll(async () => {
    fake = await startFakeWeChat();
    fake.register(APP_ID, GOOD);
    t = await startTestApp({
      env: { WECHAT_API_BASE: fake.url, AGENCY_TIMEZONE: 'Asia/Shanghai' },
      clock: new FakeClock(new Date(sh('2026-09-30T10:00:00'))),
    });
    connection = new Redis(t.app.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(SECRET_CHECK_QUEUE, { connection, prefix: t.app.config.queuePrefix });
    await pmCommand(t.app, 'cal', '/release start Calendar Co en');
    for (const text of [`AppID ${APP_ID}`, `the app secret is ${GOOD}`]) {
      await t.app.bot.handle({
        platform: 'local',
        channel: 'cal',
        sender: 'local:client',
        text,
        externalId: randomUUID(),
      });
      await t.app.appSecrets?.idle();
    }
  });
  afterAll(async () => {
    await queue.close();
    await connection.quit();
    await t.close();
    await fake.close();
  });

  it('runs every day at 09:00 and checks only on working days: not on National Day or a plain Saturday, yes on the make-up Saturday', async () => {
    expect((await queue.getJobScheduler(SECRET_CHECK_SCHEDULER_ID))?.pattern).toBe('0 9 * * *');
    const callsOn = async (local: string): Promise<number> => {
      t.clock.set(sh(local));
      const before = fake.calls.length;
      await daily();
      await t.app.appSecrets?.idle();
      return fake.calls.length - before;
    };
    expect(await callsOn('2026-10-01T09:00:00')).toBe(0); // National Day
    expect(await callsOn('2026-10-05T09:00:00')).toBe(0); // a Monday, still the holiday
    expect(await callsOn('2026-10-10T09:00:00')).toBeGreaterThan(0); // make-up Saturday
    expect(await callsOn('2026-10-17T09:00:00')).toBe(0); // plain Saturday
    expect(await callsOn('2026-10-19T09:00:00')).toBeGreaterThan(0);
  });
});
