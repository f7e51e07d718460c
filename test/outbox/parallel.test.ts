/**
 * The parallel outbox against the real SDKs and local fakes: Bolt's WebClient (one attempt per
 * call, 429s rejected, as the app configures it) pointed at the fake Slack Web API, and the WeCom
 * client at the fake WeCom server. Order is kept per conversation while conversations interleave;
 * Slack's Retry-After is honoured; the global cap holds (counted at the fake server, in flight at
 * once); Slack's per-channel and WeCom's per-member limits hold a send back before the platform would.
 */
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_CHANNEL_LIMIT, SlackChat } from '../../bots/slack/chat.js';
import { WeComApi } from '../../bots/wecom/api.js';
import { WECOM_LIMITS, WeComChat } from '../../bots/wecom/chat.js';
import { closeDatabase, type Db, openDatabase } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { createStore } from '../../db/store.js';
import { silentLogger } from '../../src/logger.js';
import { Outbox } from '../../src/outbox.js';
import type { Chat } from '../../src/ports.js';
import type { Platform, Thread } from '../../src/release/model.js';
import type { ReleaseStore } from '../../src/release/store.js';
import { FakeClock } from '../support/app.js';
import { tempDir } from '../support/tmp.js';
import { type FakeSlack, startFakeSlack } from '../slack/support/fake-slack.js';
import { type FakeWeCom, startFakeWeCom } from '../wecom/fake-wecom.js';

let db: Db;
let store: ReleaseStore;
let clock: FakeClock;
let slack: FakeSlack;

beforeEach(async () => {
  db = openDatabase(join(tempDir(), 'bot.sqlite'));
  runMigrations(db);
  store = createStore(db);
  clock = new FakeClock();
  slack = await startFakeSlack();
});
afterEach(async () => {
  closeDatabase(db);
  await slack.close();
});

function slackOutbox(concurrency: number): Outbox {
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: undefined,
  });
  const chats = new Map<Platform, Chat>([['slack', new SlackChat(client)]]);
  return new Outbox({ store, chats, clock, logger: silentLogger, concurrency });
}

/** A client with a release and a thread in each of `channels` (threadTs set: replies go into the thread). */
function threadsIn(platform: Platform, channels: string[], kind: Thread['kind'] = 'channel'): Thread[] {
  const at = clock.now().toISOString();
  return channels.map((channel, i) => {
    const client = store.createClient({ name: `Client ${channel} ${i}`, locale: 'en', timezone: 'Asia/Shanghai', at });
    store.createRelease({ clientId: client.id, pmUser: 'slack:UPM', keys: ['app_id'], at });
    const thread = store.bindThread({ clientId: client.id, platform, channel, kind, at });
    store.updateThread(thread.id, { threadTs: '1764036000.000001' });
    return { ...thread, threadTs: '1764036000.000001' };
  });
}

/** Kicks until nothing is pending, moving the clock past the per-channel window each round. */
async function drain(outbox: Outbox, stepMs = SLACK_CHANNEL_LIMIT.windowMs): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    await outbox.kick();
    if (store.pendingOutbox() === 0) return;
    clock.advance(stepMs);
  }
  throw new Error(`still ${store.pendingOutbox()} rows pending`);
}

const textsIn = (channel: string): string[] => slack.messages.filter((m) => m.channel === channel).map((m) => m.text);

describe('the outbox sends many conversations at once, each in order', () => {
  it('keeps each channel’s order while the channels interleave', async () => {
    slack.latencyMs = 30;
    const channels = ['C1', 'C2', 'C3', 'C4'];
    const threads = threadsIn('slack', channels);
    const outbox = slackOutbox(3);
    // Posted interleaved: C1 #1, C2 #1, … C4 #1, C1 #2, …
    for (let n = 1; n <= 5; n += 1)
      for (const thread of threads) outbox.post({ kind: 'thread', thread }, { text: `${thread.channel} #${n}` });
    await drain(outbox);
    for (const channel of channels) expect(textsIn(channel)).toEqual([1, 2, 3, 4, 5].map((n) => `${channel} #${n}`));
    // Interleaved at Slack too: the first three posts went to three different channels, together.
    expect(new Set(slack.messages.slice(0, 3).map((m) => m.channel)).size).toBe(3);
    expect(slack.maxPostsInFlight).toBe(3);
    expect(slack.limited.size).toBe(0);
  });

  it('never has more sends in flight than the global cap', async () => {
    slack.latencyMs = 60;
    const threads = threadsIn(
      'slack',
      Array.from({ length: 12 }, (_, i) => `CCAP${i}`),
    );
    const outbox = slackOutbox(4);
    for (const thread of threads) outbox.post({ kind: 'thread', thread }, { text: `hello ${thread.channel}` });
    await drain(outbox);
    expect(slack.calls('chat.postMessage')).toHaveLength(12);
    expect(slack.maxPostsInFlight).toBe(4);
    expect(outbox.inFlight).toBe(0);
  });

  it('with a cap of 1, one send at a time whatever the number of channels', async () => {
    slack.latencyMs = 20;
    const threads = threadsIn('slack', ['CA', 'CB', 'CC']);
    const outbox = slackOutbox(1);
    for (const thread of threads) outbox.post({ kind: 'thread', thread }, { text: 'one' });
    await drain(outbox);
    expect(slack.calls('chat.postMessage')).toHaveLength(3);
    expect(slack.maxPostsInFlight).toBe(1);
  });

  it('honours Slack’s Retry-After for that channel only: nothing overtakes the message that waits', async () => {
    const [limited, other] = threadsIn('slack', ['CWAIT', 'CFREE']) as [Thread, Thread];
    const outbox = slackOutbox(8);
    slack.failNext('chat.postMessage', { status: 429, retryAfterSec: 30 });
    outbox.post({ kind: 'thread', thread: limited }, { text: 'first' });
    await outbox.kick();
    outbox.post({ kind: 'thread', thread: limited }, { text: 'second' });
    outbox.post({ kind: 'thread', thread: other }, { text: 'elsewhere' });
    await outbox.kick();
    expect(textsIn('CFREE')).toEqual(['elsewhere']);
    expect(textsIn('CWAIT')).toEqual([]);
    const asked = () => slack.calls('chat.postMessage').filter((c) => c.channel === 'CWAIT').length;
    expect(asked()).toBe(1); // the 429'd attempt only
    clock.advance(29_000);
    await outbox.kick();
    expect(asked()).toBe(1); // still inside Retry-After: Slack is not asked again
    clock.advance(1_000);
    await outbox.kick();
    expect(textsIn('CWAIT')).toEqual(['first', 'second']);
  });

  it('holds a channel to Slack’s pace before Slack has to refuse: a burst of 3, then the window', async () => {
    slack.channelLimit = { perSec: 1, burst: 3 };
    const [thread] = threadsIn('slack', ['CBURST']) as [Thread];
    const outbox = slackOutbox(8);
    for (let n = 1; n <= 5; n += 1) outbox.post({ kind: 'thread', thread }, { text: `#${n}` });
    await outbox.kick();
    expect(textsIn('CBURST')).toEqual(['#1', '#2', '#3']);
    expect(store.pendingOutbox()).toBe(2);
    clock.advance(SLACK_CHANNEL_LIMIT.windowMs);
    await new Promise((r) => setTimeout(r, 2_100)); // the fake's own bucket (real time) refills 2 posts
    await outbox.kick();
    expect(textsIn('CBURST')).toEqual(['#1', '#2', '#3', '#4', '#5']);
    expect(slack.limited.size).toBe(0); // the platform never had to say 429
  });
});

describe('WeCom’s per-member limit', () => {
  let wecom: FakeWeCom;
  beforeEach(async () => {
    wecom = await startFakeWeCom();
  });
  afterEach(async () => {
    await wecom.close();
  });

  it('sends a member at most 30 messages a minute; the rest wait for the minute, other members go on', async () => {
    const api = new WeComApi({ apiBase: wecom.url, corpId: 'ww1', secret: 'app-secret' });
    const chat = new WeComChat({
      api,
      agentId: 1000002,
      apiBase: wecom.url,
      localeOf: () => 'zh',
      robotKey: () => undefined,
      clock,
    });
    const outbox = new Outbox({
      store,
      chats: new Map<Platform, Chat>([['wecom', chat]]),
      clock,
      logger: silentLogger,
      concurrency: 4,
    });
    const [busy, quiet] = threadsIn('wecom', ['zhangsan', 'lisi'], 'user') as [Thread, Thread];
    const perMinute = WECOM_LIMITS.member[0].max;
    for (let n = 1; n <= perMinute + 2; n += 1) outbox.post({ kind: 'thread', thread: busy }, { text: `第 ${n} 条` });
    outbox.post({ kind: 'thread', thread: quiet }, { text: '你好' });
    await outbox.kick();
    expect(wecom.messagesTo('zhangsan')).toHaveLength(perMinute);
    expect(wecom.messagesTo('lisi')).toHaveLength(1);
    clock.advance(59_000);
    await outbox.kick();
    expect(wecom.messagesTo('zhangsan')).toHaveLength(perMinute);
    clock.advance(1_000);
    await outbox.kick();
    expect(wecom.messagesTo('zhangsan')).toHaveLength(perMinute + 2);
    expect(wecom.messagesTo('zhangsan').at(-1)).toContain(`第 ${perMinute + 2} 条`);
  });
});
