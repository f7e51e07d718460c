/**
 * PROCESSING=worker (the default): the service acknowledges what it stored and a worker thread
 * reads and answers it. Killed (SIGKILL) right after the acknowledgements of a burst, before the
 * worker got through it, the service loses nothing: at the next start `recover()` reads and
 * answers what was stored but not processed, each message once. A real child process
 * (`npm start`'s `node dist/src/main.js`; the test run builds dist/ first), Slack faked on 127.0.0.1.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../jobs/redis-server.js';
import { type FakeSlack, startFakeSlack } from '../slack/support/fake-slack.js';
import { postSigned } from '../slack/support/sign.js';
import { tempDir } from '../support/app.js';
import {
  appIdOf as appIdOfSeed,
  messageEventBody,
  nowSec,
  openReleases,
  type ServiceProcess,
  slackServiceEnv,
  startServiceProcess,
} from '../support/service-process.js';

const SIGNING_SECRET = 'worker-signing-secret-0123456789a';
const PM = 'UPM';
const CHANNELS = ['CW1', 'CW2', 'CW3', 'CW4', 'CW5', 'CW6', 'CW7', 'CW8'];
const BURST = 80;
const ROUNDS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const appIdOf = (i: number) => appIdOfSeed(0xbcd0000000000000n, i);

describe('the processing worker, killed between storing and processing', () => {
  const dir = tempDir();
  const db = join(dir, 'bot.sqlite');
  let slack: FakeSlack;
  let service: ServiceProcess | undefined;
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
    const env = slackServiceEnv({
      port,
      db,
      name: 'worker',
      pm: PM,
      signingSecret: SIGNING_SECRET,
      slack,
      extra: { ENV_FILE: '/dev/null', PROCESSING: 'worker' },
    });
    const log = { output: '' };
    const start = () => startServiceProcess(env, base, log);
    const deliver = async (i: number): Promise<number> => {
      const body = messageEventBody({
        i,
        channel: CHANNELS[i % CHANNELS.length] as string,
        text: `AppID ${appIdOf(i)}`,
        eventId: `EvWorker${i}`,
      });
      const res = await postSigned(`${base}/slack/events`, body, { secret: SIGNING_SECRET, timestamp: nowSec() });
      return res.status;
    };

    service = await start();
    await openReleases(base, SIGNING_SECRET, PM, CHANNELS, 'Worker Co', slack);
    // The worker processes what it is handed (its messages show in /metrics).
    expect(await deliver(0)).toBe(200);
    for (let i = 0; ; i += 1) {
      const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
      if (/release_bot_processed_total\{where="worker"\} [1-9]/.test(metrics)) break;
      if (i > 200) throw new Error(`the worker processed nothing:\n${metrics}\n${log.output}`);
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
      if (i > 600) throw new Error(`not done:\n${log.output}`);
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
