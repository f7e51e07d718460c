/**
 * A release thread in Slack, end to end: the real Bolt app behind the service's HTTP server,
 * signed requests in, a local fake Slack Web API out, real SQLite and Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { CHANNEL, CLIENT_USER, PM, SIGNING_SECRET, type SlackApp, startSlackApp } from './support/slack-app.js';
import { postSigned } from './support/sign.js';
import { CLIENT_APP_ID } from '../support/ids.js';

describe('a release thread in Slack', () => {
  let s: SlackApp;
  beforeEach(async () => {
    s = await startSlackApp();
  });
  afterEach(async () => {
    await s.close();
  });

  const releaseOf = (name: string) => {
    const client = s.app.store.findClientByName(name);
    const release = client && s.app.store.openReleaseOf(client.id);
    return { client, release };
  };
  const item = (releaseId: number, key: string) => s.app.store.items(releaseId).find((i) => i.key === key);

  async function startAcme(): Promise<string> {
    const res = await s.command('start Acme Coffee');
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('in_channel');
    await s.settle();
    const root = s.posted()[0];
    expect(root?.channel).toBe(CHANNEL);
    expect(root?.thread_ts).toBeUndefined();
    return s.app.store.findThread('slack', CHANNEL)?.threadTs as string;
  }

  it('/release start posts one root message, then asks the first questions in its thread', async () => {
    const threadTs = await startAcme();
    expect(threadTs).toMatch(/^\d+\.\d+$/);
    const [root, questions, ...rest] = s.posted();
    expect(root?.text).toContain('Acme Coffee');
    expect(questions?.thread_ts).toBe(threadTs);
    expect(questions?.blocks?.some((b) => (b as { type: string }).type === 'section')).toBe(true);
    expect(rest).toEqual([]);
    expect(releaseOf('Acme Coffee').release?.pmUser).toBe(`slack:${PM}`);
  });

  it('a client answers two questions in one message, in the thread', async () => {
    const threadTs = await startAcme();
    const before = s.posted().length;
    const res = await s.message({
      text: 'AppID wx1a2b3c4d5e6f7a8b，商户号还在申请中',
      eventId: 'EvTwoFacts',
      threadTs,
    });
    expect(res.status).toBe(200);
    await s.settle();
    const { release } = releaseOf('Acme Coffee');
    if (!release) throw new Error('release missing');
    expect(item(release.id, 'app_id')?.value).toBe('wx1a2b3c4d5e6f7a8b');
    expect(item(release.id, 'merchant_account')?.value).toMatchObject({ status: 'applying' });
    const replies = s.posted().slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.thread_ts).toBe(threadTs);
    expect(replies[0]?.text).toContain('wx1a2b3c4d5e6f7a8b');
  });

  it('a top-level message in the bound channel goes to the conversation too', async () => {
    await startAcme();
    await s.message({ text: `AppID ${CLIENT_APP_ID}`, eventId: 'EvTop' });
    await s.settle();
    const { release } = releaseOf('Acme Coffee');
    expect(item(release?.id ?? 0, 'app_id')?.value).toBe(CLIENT_APP_ID);
  });

  it('a retried event (X-Slack-Retry-Num) is acknowledged and answered once', async () => {
    const threadTs = await startAcme();
    const before = s.posted().length;
    const ts = `${s.nowSec()}.000777`;
    const first = await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvRetry', ts, threadTs });
    const retry = await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvRetry', ts, threadTs, retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await s.settle();
    expect(s.posted().slice(before)).toHaveLength(1);
    const { release } = releaseOf('Acme Coffee');
    const stored = s.app.store.events(release?.id ?? 0, 500).filter((e) => e.externalId === 'slack:EvRetry');
    expect(stored).toHaveLength(1);
  });

  it('the bot’s own messages and other bots’ are ignored', async () => {
    await startAcme();
    const before = s.posted().length;
    await s.event(
      { type: 'message', channel: CHANNEL, user: 'UBOT', bot_id: 'BBOT', text: 'AppID wx1a2b3c4d5e6f7a8b', ts: '1.1' },
      'EvSelf',
    );
    await s.event(
      {
        type: 'message',
        subtype: 'bot_message',
        channel: CHANNEL,
        bot_id: 'BOTHER',
        text: 'AppID wx1a2b3c4d5e6f7a8b',
        ts: '1.2',
      },
      'EvOtherBot',
    );
    await s.event(
      {
        type: 'message',
        subtype: 'channel_join',
        channel: CHANNEL,
        user: 'UNEW',
        text: '<@UNEW> has joined',
        ts: '1.3',
      },
      'EvJoin',
    );
    await s.settle();
    expect(s.posted().length).toBe(before);
    const { release } = releaseOf('Acme Coffee');
    expect(item(release?.id ?? 0, 'app_id')?.value ?? null).toBeNull();
  });

  it('an edited message is re-read', async () => {
    const threadTs = await startAcme();
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvOriginal', ts: '1764036100.000100', threadTs });
    await s.settle();
    await s.event(
      {
        type: 'message',
        subtype: 'message_changed',
        channel: CHANNEL,
        ts: '1764036200.000200',
        message: {
          type: 'message',
          user: CLIENT_USER,
          text: `AppID ${CLIENT_APP_ID}`,
          ts: '1764036100.000100',
          thread_ts: threadTs,
          edited: { user: CLIENT_USER, ts: '1764036200.000000' },
        },
        previous_message: {
          type: 'message',
          user: CLIENT_USER,
          text: 'AppID wx1a2b3c4d5e6f7a8b',
          ts: '1764036100.000100',
        },
      },
      'EvEdit',
    );
    await s.settle();
    const { release } = releaseOf('Acme Coffee');
    expect(item(release?.id ?? 0, 'app_id')?.value).toBe(CLIENT_APP_ID);
  });

  it('/release status shows every open release with a progress bar; /release status <client> shows sections', async () => {
    const threadTs = await startAcme();
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvForStatus', threadTs });
    await s.settle();
    const overview = await s.command('status');
    expect(overview.body.response_type).toBe('ephemeral');
    expect(String(overview.body.text)).toContain('Acme Coffee');
    const overviewJson = JSON.stringify(overview.body.blocks);
    expect(overviewJson).toContain('Acme Coffee');
    expect(overviewJson).toMatch(/`[▓░]{10}` \d+\/\d+/);

    const one = await s.command('status Acme Coffee');
    const blocks = one.body.blocks as { type: string }[];
    expect(blocks[0]?.type).toBe('header');
    const oneJson = JSON.stringify(blocks);
    expect(oneJson).toContain('wx1a2b3c4d5e6f7a8b');
    expect((oneJson.match(/`[▓░]{10}` \d+\/\d+/g) ?? []).length).toBeGreaterThanOrEqual(4); // overall + 3 sections
    expect(String(one.body.text)).toContain('wx1a2b3c4d5e6f7a8b');
  });

  it('a non-PM is refused politely and nothing changes', async () => {
    const res = await s.command('start Other Client', { user: 'USTRANGER', channel: 'COTHER' });
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toBe(t('en', 'cmd.not_pm'));
    await s.settle();
    expect(s.app.store.findClientByName('Other Client')).toBeUndefined();
    expect(s.app.store.findThread('slack', 'COTHER')).toBeUndefined();
    expect(s.posted()).toEqual([]);
  });

  it('unknown input gets the help text', async () => {
    const res = await s.command('launch the rockets');
    expect(String(res.body.text)).toContain('/release');
    expect(res.body.response_type).toBe('ephemeral');
  });

  it('a wrong signature and a request older than 5 minutes are refused with 401 and stored nowhere', async () => {
    await startAcme();
    const body = JSON.stringify({
      type: 'event_callback',
      event_id: 'EvForged',
      event: { type: 'message', channel: CHANNEL, user: CLIENT_USER, text: 'AppID wx1a2b3c4d5e6f7a8b', ts: '1.9' },
    });
    const forged = await postSigned(s.url, body, { secret: 'not-the-secret', timestamp: s.nowSec() });
    const stale = await postSigned(s.url, body, { secret: SIGNING_SECRET, timestamp: s.nowSec() - 301 });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    const { release } = releaseOf('Acme Coffee');
    expect(s.app.store.events(release?.id ?? 0, 500).some((e) => e.externalId === 'slack:EvForged')).toBe(false);
  });
});
