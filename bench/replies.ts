/**
 * 200 Slack channels, each with an open release, each receive one client answer at the same
 * moment: how long until every reply is posted? The real app in this process (createApp, a real
 * clock, a private redis-server, a temp SQLite file), signed Slack events over HTTP, and Slack's
 * Web API faked on 127.0.0.1 with 150 ms per `chat.postMessage` and Slack's per-channel limit
 * (about one message per second, short bursts allowed; a post over it is answered 429 with
 * Retry-After). Goal: ≤ 3 s. Both PROCESSING variants (worker, inline), one after the other, each
 * from a fresh database. Prints figures and a summary line per variant; asserts nothing.
 *
 *   npm run bench -- replies
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis } from '../jobs/redis-server.js';
import { readConfig } from '../src/main.js';
import { createApp } from '../src/main.js';
import { startFakeSlack } from '../test/slack/support/fake-slack.js';
import { commandBody, postSigned } from '../test/slack/support/sign.js';

const CHANNELS = Number(process.env.REPLIES_CHANNELS ?? 200);
const LATENCY_MS = 150;
const SECRET = 'bench-signing-secret-0123456789ab';
const PM = 'UPM';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowSec = () => Math.floor(Date.now() / 1000);
const appIdOf = (i: number) => `wx${(0xabc0000000000000n + BigInt(i) * 7919n).toString(16).slice(-16)}`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Both ways of processing after the ack (PROCESSING), one after the other in the same run; `PROCESSING=x` runs one. */
const VARIANTS = (['worker', 'inline'] as const).filter((v) => !process.env.PROCESSING || process.env.PROCESSING === v);

export async function run(): Promise<void> {
  const summaries: string[] = [];
  for (const processing of VARIANTS) {
    process.stdout.write(`-- PROCESSING=${processing}, load average ${loadavg()[0]?.toFixed(1)}\n`);
    summaries.push(await measure(processing));
  }
  process.stdout.write(`${summaries.join('\n')}\n`);
}

/** One variant, from a fresh database and Redis; returns its summary line. */
async function measure(processing: 'worker' | 'inline'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-replies-'));
  const redis = await startPrivateRedis();
  const slack = await startFakeSlack();
  slack.latencyMs = LATENCY_MS;
  slack.channelLimit = { perSec: 1, burst: 3 };
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'bot.sqlite'),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    PM_USERS: `slack:${PM}`,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    WECHAT_API_BASE: 'off',
    ...(process.env.OUTBOX_CONCURRENCY ? { OUTBOX_CONCURRENCY: process.env.OUTBOX_CONCURRENCY } : {}),
    PROCESSING: processing,
  });
  const app = await createApp(config);
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const channel = (i: number) => `CB${String(i).padStart(4, '0')}`;
  const drained = async (what: string, limitMs: number): Promise<number> => {
    const t0 = Date.now();
    while (app.store.pendingOutbox() > 0 || app.store.unprocessedInbound().length > 0) {
      if (Date.now() - t0 > limitMs)
        throw new Error(`${what}: not drained after ${limitMs} ms (${app.store.pendingOutbox()} pending)`);
      await sleep(20);
    }
    return Date.now() - t0;
  };

  // === A release in each channel (the opening posts are paced like any other; not measured).
  const setupStart = Date.now();
  for (let i = 0; i < CHANNELS; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, CHANNELS - i) }, (_, k) =>
        postSigned(
          url,
          commandBody({
            command: '/release',
            text: `start Bench Co ${i + k} en`,
            user_id: PM,
            channel_id: channel(i + k),
            // Answered live: without it the 200 replies queue for the PM's one DM, paced at Slack's 1/s.
            response_url: slack.responseUrl(`start-${i + k}`),
          }),
          {
            secret: SECRET,
            timestamp: nowSec(),
            contentType: 'application/x-www-form-urlencoded',
          },
        ),
      ),
    );
  }
  if (process.env.BENCH_DEBUG) process.stdout.write(`setup: commands acked after ${Date.now() - setupStart} ms\n`);
  await drained('setup', 600_000);
  const setupMs = Date.now() - setupStart;
  await sleep(3_000); // every channel's bucket full again: the burst below starts from a rested Slack

  // === One client answer in every channel at the same moment.
  const before = slack.messages.length;
  const postsBefore = slack.calls('chat.postMessage').length;
  const limitedBefore = [...slack.limited.values()].reduce((a, b) => a + b, 0);
  slack.maxPostsInFlight = 0;
  const firstReply = new Map<string, number>();
  slack.onPost = (m) => {
    if (!firstReply.has(m.channel)) firstReply.set(m.channel, Date.now());
  };
  const t0 = Date.now();
  const acks = await Promise.all(
    Array.from({ length: CHANNELS }, (_, i) => {
      const event = {
        type: 'message',
        channel: channel(i),
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
        event_id: `EvBench${i}`,
        event_time: nowSec(),
        event,
      });
      return postSigned(url, body, { secret: SECRET, timestamp: nowSec() }).then((r) => r.status);
    }),
  );
  const ackedMs = Date.now() - t0;
  await drained('replies', 600_000);
  const allSentMs = Date.now() - t0;
  const postsInFlightE2e = slack.maxPostsInFlight;
  const postedE2e = slack.messages.length - before;
  const answered = [...Array(CHANNELS).keys()].filter((i) =>
    slack.messages.slice(before).some((m) => m.channel === channel(i) && m.text.includes(appIdOf(i))),
  ).length;
  const posts = slack.calls('chat.postMessage').length - postsBefore;
  const limited = [...slack.limited.values()].reduce((a, b) => a + b, 0) - limitedBefore;
  const firsts = [...firstReply.values()].map((at) => at - t0).sort((a, b) => a - b);

  // === The outbox alone: 200 replies queued at the same moment (as 200 processed answers queue them), until all are posted.
  await sleep(3_000);
  const threads = [...Array(CHANNELS).keys()]
    .map((i) => app.store.findThread('slack', channel(i)))
    .filter((th) => th !== undefined);
  const beforeOutbox = slack.messages.length;
  slack.maxPostsInFlight = 0;
  const q0 = Date.now();
  app.store.transaction(() => {
    for (const thread of threads) app.outbox.post({ kind: 'thread', thread }, { text: `reply for ${thread.channel}` });
  });
  void app.outbox.kick();
  await drained('outbox alone', 600_000);
  const outboxMs = Date.now() - q0;
  const outboxPosted = slack.messages.length - beforeOutbox;
  const outboxMaxInFlight = slack.maxPostsInFlight;

  const lines = [
    `channels:                 ${CHANNELS}, Slack latency ${LATENCY_MS} ms per post, per-channel limit ${slack.channelLimit.perSec}/s (burst ${slack.channelLimit.burst})`,
    `outbox concurrency cap:   ${config.outboxConcurrency}`,
    `setup (${CHANNELS} /release start): ${setupMs} ms`,
    `acked:                    ${acks.filter((s) => s === 200).length} / ${CHANNELS} in ${ackedMs} ms`,
    `first reply per channel:  p50 ${firsts[Math.floor(firsts.length / 2)] ?? 0} ms, last ${firsts.at(-1) ?? 0} ms (${firsts.length} channels)`,
    `every reply posted:       ${allSentMs} ms (${postedE2e} messages, ${answered} / ${CHANNELS} channels got the answer naming their App ID)`,
    `posts / 429s:             ${posts} chat.postMessage calls, ${limited} refused by the per-channel limit`,
    `most posts in flight:     ${postsInFlightE2e}`,
    `outbox alone:             ${outboxPosted} replies queued at once, all posted in ${outboxMs} ms (${outboxMaxInFlight} posts in flight at most)`,
    `process memory:           rss ${mb(process.memoryUsage().rss)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  slack.onPost = undefined;
  await app.stop();
  await slack.close();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
  return `summary replies PROCESSING=${processing}: every reply posted in ${(allSentMs / 1000).toFixed(1)} s (goal ≤ 3 s; acks ${(ackedMs / 1000).toFixed(1)} s, first reply p50 ${((firsts[Math.floor(firsts.length / 2)] ?? 0) / 1000).toFixed(1)} s) · ${answered} / ${CHANNELS} answered (goal all) · the outbox alone ${(outboxMs / 1000).toFixed(1)} s · 429s ${limited} · load average ${loadavg()[0]?.toFixed(1)}`;
}
