/**
 * The service killed with SIGKILL while it sends, three times, under a stream of client messages:
 * a real child process (`npm start`'s `node dist/src/main.js`; the test run builds dist/ first) on one SQLite file, Slack faked on
 * 127.0.0.1 with 150 ms per `chat.postMessage` (the message is posted when the request arrives, so
 * a kill in between leaves a post Slack has and the bot never heard about). Each kill lands while a
 * post is in flight; the service is restarted on the same database each time. In the end every
 * message Slack got a 200 for is processed and answered, and no outbox row was posted twice.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTBOX_EVENT_TYPE } from '../../bots/slack/chat.js';
import { freePort } from '../../jobs/redis-server.js';
import { type FakeSlack, type PostedMessage, startFakeSlack } from '../slack/support/fake-slack.js';
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

const SIGNING_SECRET = 'kill9-signing-secret-0123456789ab';
const PM = 'UPM';
const CHANNELS = ['CK1', 'CK2', 'CK3', 'CK4', 'CK5', 'CK6'];
/** Client messages at least; the stream goes on until the last kill, however fast the outbox drains. */
const MESSAGES = 18;
const KILLS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const appIdOf = (i: number) => appIdOfSeed(0xabc0000000000000n, i);

describe('kill -9 during sending, under load', () => {
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

  it('loses no acknowledged message and posts no reply twice across three SIGKILLs', async () => {
    slack = await startFakeSlack();
    slack.latencyMs = 150;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = slackServiceEnv({ port, db, name: 'kill9', pm: PM, signingSecret: SIGNING_SECRET, slack });
    const log = { output: '' };
    const start = () => startServiceProcess(env, base, log);

    // === The service, and a release in each channel
    service = await start();
    await openReleases(base, SIGNING_SECRET, PM, CHANNELS, 'Kill Co', slack);

    // === Client messages stream in; one not acknowledged (the service is down) is delivered again, as Slack retries.
    const acked = new Set<number>();
    const attempts = new Map<number, number>();
    const deliver = async (i: number): Promise<void> => {
      const tries = attempts.get(i) ?? 0;
      attempts.set(i, tries + 1);
      const body = messageEventBody({
        i,
        channel: CHANNELS[i % CHANNELS.length] as string,
        text: `AppID ${appIdOf(i)}`,
        eventId: `EvKill${i}`,
      });
      const res = await postSigned(`${base}/slack/events`, body, {
        secret: SIGNING_SECRET,
        timestamp: nowSec(),
        ...(tries > 0 ? { retryNum: tries } : {}),
      }).catch(() => undefined);
      if (res?.status === 200) acked.add(i);
    };
    let streaming = true;
    const killedWhileInFlight: PostedMessage[] = [];
    let total = MESSAGES;
    const stream = (async () => {
      let next = 0;
      while (streaming) {
        // The parallel outbox drains fast: keep new messages (and so new posts) coming until the last kill.
        if (next >= total && killedWhileInFlight.length < KILLS) total += 1;
        const fresh = next < total ? next++ : -1;
        if (fresh >= 0) await deliver(fresh);
        for (let i = 0; i < next; i += 1) if (i !== fresh && !acked.has(i)) await deliver(i);
        if (next >= total && acked.size === total && killedWhileInFlight.length >= KILLS) return;
        await sleep(150);
      }
    })();

    // === Three times: SIGKILL while a post is in flight (Slack has it, the bot has not heard back), then restart.
    for (let k = 0; k < KILLS; k += 1) {
      const victim = await new Promise<PostedMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          const probe = new Database(db, { readonly: true });
          const states = JSON.stringify(
            probe.prepare('SELECT state, count(*) AS n, min(next_attempt_at) AS next FROM outbox GROUP BY state').all(),
          );
          probe.close();
          reject(
            new Error(
              `kill ${k + 1}: no post to interrupt within 20 s (acked ${acked.size}; outbox ${states}; posted ${slack.messages.length})\n${log.output}`,
            ),
          );
        }, 20_000);
        let seen = 0;
        slack.onPost = (m) => {
          seen += 1;
          if (seen < 3) return; // a few sends into this run
          slack.onPost = undefined;
          clearTimeout(timer);
          service?.child.kill('SIGKILL');
          resolve(m);
        };
      });
      killedWhileInFlight.push(victim);
      await service.exited;
      service = await start();
    }

    // === The last run finishes the work.
    const read = new Database(db, { readonly: true, fileMustExist: true });
    const count = (sql: string): number => read.prepare(sql).pluck().get() as number;
    for (let i = 0; ; i += 1) {
      const done =
        acked.size === total &&
        count("SELECT count(*) FROM events WHERE type = 'inbound' AND state = 'received'") === 0 &&
        count("SELECT count(*) FROM outbox WHERE state = 'pending'") === 0;
      if (done) break;
      if (i > 600)
        throw new Error(
          `not done: acked ${acked.size}/${total}, pending ${count("SELECT count(*) FROM outbox WHERE state = 'pending'")}\n${log.output}`,
        );
      await sleep(100);
    }
    streaming = false;
    await stream;

    // 0 acknowledged messages lost: each is stored once and processed (its replies were queued in that transaction) …
    const events = read
      .prepare(
        "SELECT external_id AS id, state FROM events WHERE type = 'inbound' AND external_id LIKE 'slack:EvKill%'",
      )
      .all() as { id: string; state: string }[];
    expect(events).toHaveLength(total);
    expect(events.every((e) => e.state === 'processed')).toBe(true);
    // … every queued reply went out, none was given up or handed over …
    expect(read.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all()).toEqual([
      { state: 'sent', n: expect.any(Number) },
    ]);
    // … and the client can read the answer to each message in its channel.
    for (let i = 0; i < total; i += 1) {
      const channel = CHANNELS[i % CHANNELS.length];
      expect(slack.messages.some((m) => m.channel === channel && m.text.includes(appIdOf(i)))).toBe(true);
    }

    // 0 replies posted twice: count Slack's messages per outbox row (all of them carry it).
    const perRow = new Map<string, number>();
    for (const m of slack.messages) {
      expect(m.metadata?.event_type).toBe(OUTBOX_EVENT_TYPE);
      const key = `${String(m.metadata?.event_payload.outbox_id)}@${String(m.metadata?.event_payload.created_at)}`;
      perRow.set(key, (perRow.get(key) ?? 0) + 1);
    }
    expect([...perRow.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(perRow.size).toBe(count("SELECT count(*) FROM outbox WHERE state = 'sent'"));
    // Each kill left a post in flight; the restarted service looked for it instead of posting it again.
    expect(killedWhileInFlight).toHaveLength(KILLS);
    for (const victim of killedWhileInFlight)
      expect(
        perRow.get(
          `${String(victim.metadata?.event_payload.outbox_id)}@${String(victim.metadata?.event_payload.created_at)}`,
        ),
      ).toBe(1);
    expect(
      slack.calls('conversations.replies').length + slack.calls('conversations.history').length,
    ).toBeGreaterThanOrEqual(KILLS);
    read.close();
  }, 150_000); // ~25–40 s alone on the shared 2-core VM; the bound leaves room for a loaded run
});
