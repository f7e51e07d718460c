import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';

const PM = 'UPM';
const CLIENT = 'UCLIENT';
const CHANNEL = 'CSOCK';

/** Slack over Socket Mode (SLACK_APP_TOKEN): the real Bolt app and Socket Mode client against a local fake WebSocket. */
describe('Slack in Socket Mode', () => {
  let slack: FakeSlack;
  let t: TestApp;
  const stored = (eventId: string): number =>
    t.app.db.$client
      .prepare('SELECT count(*) FROM events WHERE external_id = ?')
      .pluck()
      .get(`slack:${eventId}`) as number;
  const message = (text: string, eventId: string) => ({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'message',
      channel: CHANNEL,
      user: CLIENT,
      text,
      ts: `${Math.floor(Date.now() / 1000)}.000${eventId.slice(-1)}`,
      channel_type: 'channel',
    },
  });

  beforeAll(async () => {
    slack = await startFakeSlack();
    t = await startTestApp({
      env: {
        SLACK_SIGNING_SECRET: 'socket-signing-secret',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-1-test',
        SLACK_API_URL: slack.apiUrl,
      },
    });
    await t.app.start();
    await slack.socket.connected();
  });
  afterAll(async () => {
    await t.close();
    await slack.close();
  });

  it('connects through SLACK_API_URL, acknowledges a PM’s /release at once and answers it at its response_url', async () => {
    expect(slack.calls('apps.connections.open')).toHaveLength(1);
    expect(slack.socket.connections()).toBe(1); // and Slack said hello on it
    const id = slack.socket.deliver('slash_commands', {
      token: 'x',
      team_id: 'T1',
      user_id: PM,
      channel_id: CHANNEL,
      command: '/release',
      text: 'start Socket Co',
      response_url: slack.responseUrl('socket'),
      trigger_id: '1.2.3',
    });
    expect(await slack.socket.ackOf(id)).toBeDefined();
    await t.app.bot.idle();
    const answer = slack.responses.find((r) => r.path === '/commands/socket');
    expect(answer?.body).toMatchObject({ text: expect.stringContaining('Release started for Socket Co') });
    expect(t.app.store.findClientByName('Socket Co')).toBeDefined();
  });

  it('acknowledges a client’s message only once it is stored: a message that cannot be stored is not acked, and Slack’s redelivery is', async () => {
    // SQLite refuses to store this one event (as a full disk would): the listener fails before storing.
    t.app.db.$client.exec(
      `CREATE TRIGGER refuse_ev_s1 BEFORE INSERT ON events WHEN NEW.external_id = 'slack:EvS1' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const first = slack.socket.deliver('events_api', message('AppID wx1a2b3c4d5e6f7a8b', 'EvS1'));
    expect(await slack.socket.ackOf(first, 800)).toBeUndefined();
    expect(stored('EvS1')).toBe(0);

    t.app.db.$client.exec('DROP TRIGGER refuse_ev_s1');
    const again = slack.socket.deliver('events_api', message('AppID wx1a2b3c4d5e6f7a8b', 'EvS1'), { retryAttempt: 1 });
    expect(await slack.socket.ackOf(again)).toBeDefined();
    expect(stored('EvS1')).toBe(1);
    await waitUntil(async () => {
      t.clock.advance(1_100); // past Slack's 1 message/s per channel, on the app's clock
      await t.app.outbox.kick();
      return slack.calls('chat.postMessage').some((m) => String(m.text).includes('wx1a2b3c4d5e6f7a8b'));
    });

    // A third delivery of the same event id is acknowledged and not processed again: nothing new is queued.
    const outboxRows = (): number => t.app.db.$client.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    const rows = outboxRows();
    const third = slack.socket.deliver('events_api', message('AppID wx1a2b3c4d5e6f7a8b', 'EvS1'), { retryAttempt: 2 });
    expect(await slack.socket.ackOf(third)).toBeDefined();
    await new Promise((r) => setTimeout(r, 200)); // what a processed duplicate would queue, it would have by now
    expect(stored('EvS1')).toBe(1);
    expect(t.app.store.unprocessedInbound()).toEqual([]);
    expect(outboxRows()).toBe(rows);
  });

  /** Sends a client message as an events_api envelope and waits for its ack and the bot's reply that names `appId`. */
  async function messageAnswered(eventId: string, appId: string): Promise<void> {
    const id = slack.socket.deliver('events_api', message(`AppID ${appId}`, eventId));
    expect(await slack.socket.ackOf(id)).toBeDefined();
    expect(stored(eventId)).toBe(1);
    await waitUntil(async () => {
      t.clock.advance(1_100);
      await t.app.outbox.kick();
      return slack.calls('chat.postMessage').some((m) => String(m.text).includes(appId));
    });
  }

  it('reconnects through apps.connections.open after Slack’s `disconnect` envelope, and processes the next event', async () => {
    const before = slack.calls('apps.connections.open').length;
    const connections = slack.socket.connections();
    slack.socket.disconnect('envelope');
    await slack.socket.connected(connections + 1);
    expect(slack.calls('apps.connections.open').length).toBe(before + 1);
    await messageAnswered('EvS2', 'wx2b3c4d5e6f7a8b9c');
  });

  it('reconnects after the socket is closed under it, and processes the next event', async () => {
    const before = slack.calls('apps.connections.open').length;
    const connections = slack.socket.connections();
    slack.socket.disconnect('close');
    await slack.socket.connected(connections + 1);
    expect(slack.calls('apps.connections.open').length).toBeGreaterThan(before);
    await messageAnswered('EvS3', 'wx3c4d5e6f7a8b9c0d');
  });
});

async function waitUntil(check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the bot’s reply');
    await new Promise((r) => setTimeout(r, 25));
  }
}
