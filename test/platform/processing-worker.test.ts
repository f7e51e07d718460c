/**
 * PROCESSING=worker (the default): the service acknowledges what it stored and a worker thread
 * reads and answers it. Killed (SIGKILL) right after the acknowledgements of a burst, before the
 * worker got through it, the service loses nothing: at the next start `recover()` reads and
 * answers what was stored but not processed, each message once. A real child process
 * (`npm start`'s `node dist/src/main.js`; the test run builds dist/ first), Slack faked on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../jobs/redis-server.js';
import { type FakeSlack, startFakeSlack } from '../slack/support/fake-slack.js';
import { commandBody, postSigned } from '../slack/support/sign.js';
import { TEST_SECRET_KEY, tempDir } from '../support/app.js';

const SIGNING_SECRET = 'worker-signing-secret-0123456789a';
const PM = 'UPM';
const CHANNELS = ['CW1', 'CW2', 'CW3', 'CW4', 'CW5', 'CW6', 'CW7', 'CW8'];
const BURST = 80;
const ROUNDS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowSec = () => Math.floor(Date.now() / 1000);
/** A distinct, valid App ID per message: the reply names it. */
const appIdOf = (i: number) => `wx${(0xbcd0000000000000n + BigInt(i) * 7919n).toString(16).slice(-16)}`;

interface Service {
  child: ChildProcess;
  exited: Promise<void>;
}

describe('the processing worker, killed between storing and processing', () => {
  const dir = tempDir();
  const db = join(dir, 'bot.sqlite');
  let slack: FakeSlack;
  let service: Service | undefined;
  afterAll(async () => {
    service?.child.kill('SIGKILL');
    await service?.exited;
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every acknowledged message once, after the restart', async () => {
    slack = await startFakeSlack();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: db,
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: `worker-${randomBytes(4).toString('hex')}`,
      SECRET_KEY: TEST_SECRET_KEY,
      PM_USERS: `slack:${PM}`,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-worker',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'error',
      WECHAT_API_BASE: 'off',
      ENV_FILE: '/dev/null',
      PROCESSING: 'worker',
    };
    let output = '';
    const start = async (): Promise<Service> => {
      const child = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      for (let i = 0; ; i += 1) {
        const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return { child, exited };
        if (child.exitCode !== null || i > 300) throw new Error(`the service did not start:\n${output}`);
        await sleep(100);
      }
    };
    const deliver = async (i: number): Promise<number> => {
      const event = {
        type: 'message',
        channel: CHANNELS[i % CHANNELS.length],
        user: 'UCLIENT',
        text: `AppID ${appIdOf(i)}`,
        ts: `${nowSec()}.${String(i).padStart(6, '0')}`,
        channel_type: 'channel',
      };
      const body = JSON.stringify({
        token: 'x',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `EvWorker${i}`,
        event_time: nowSec(),
        event,
      });
      const res = await postSigned(`${base}/slack/events`, body, { secret: SIGNING_SECRET, timestamp: nowSec() });
      return res.status;
    };

    service = await start();
    for (const [n, channel] of CHANNELS.entries()) {
      const body = commandBody({
        command: '/release',
        text: `start Worker Co ${n} en`,
        user_id: PM,
        channel_id: channel,
        response_url: slack.responseUrl(n),
      });
      const res = await postSigned(`${base}/slack/events`, body, {
        secret: SIGNING_SECRET,
        timestamp: nowSec(),
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(res.status).toBe(200);
    }
    // The worker processes what it is handed (its messages show in /metrics).
    expect(await deliver(0)).toBe(200);
    for (let i = 0; ; i += 1) {
      const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
      if (/release_bot_processed_total\{where="worker"\} [1-9]/.test(metrics)) break;
      if (i > 200) throw new Error(`the worker processed nothing:\n${metrics}\n${output}`);
      await sleep(50);
    }

    // === A burst, all acknowledged, then SIGKILL at once; until a kill finds messages stored but not processed.
    let next = 1;
    let caught = 0;
    for (let round = 0; round < ROUNDS && caught === 0; round += 1) {
      const ids = Array.from({ length: BURST }, () => next++);
      const statuses = await Promise.all(ids.map((i) => deliver(i)));
      service.child.kill('SIGKILL');
      await service.exited;
      expect(statuses.every((s) => s === 200)).toBe(true);
      const probe = new Database(db, { readonly: true });
      const states = probe
        .prepare(
          "SELECT state, count(*) AS n FROM events WHERE type = 'inbound' AND external_id LIKE 'slack:EvWorker%' GROUP BY state",
        )
        .all() as { state: string; n: number }[];
      probe.close();
      // Every acknowledged message is stored, processed or not.
      expect(states.reduce((n, s) => n + s.n, 0)).toBe(next);
      caught = states.find((s) => s.state === 'received')?.n ?? 0;
      service = await start();
    }
    // The kill did land between storing and processing.
    expect(caught).toBeGreaterThan(0);

    // === The restarted service reads and answers what the kill left.
    const read = new Database(db, { readonly: true, fileMustExist: true });
    const count = (sql: string): number => read.prepare(sql).pluck().get() as number;
    for (let i = 0; ; i += 1) {
      const done =
        count("SELECT count(*) FROM events WHERE type = 'inbound' AND state = 'received'") === 0 &&
        count("SELECT count(*) FROM outbox WHERE state = 'pending'") === 0;
      if (done) break;
      if (i > 600) throw new Error(`not done:\n${output}`);
      await sleep(100);
    }
    expect(count("SELECT count(*) FROM events WHERE type = 'inbound' AND external_id LIKE 'slack:EvWorker%'")).toBe(
      next,
    );
    expect(count("SELECT count(*) FROM events WHERE type = 'inbound' AND state != 'processed'")).toBe(0);
    // Each message answered: a reply naming its App ID in its channel; no reply posted twice.
    for (let i = 0; i < next; i += 1) {
      const channel = CHANNELS[i % CHANNELS.length];
      expect(
        slack.messages.some((m) => m.channel === channel && m.text.includes(appIdOf(i))),
        `message ${i}`,
      ).toBe(true);
    }
    expect(slack.messages.length).toBe(count("SELECT count(*) FROM outbox WHERE state = 'sent'"));
    read.close();
  }, 120_000);
});
