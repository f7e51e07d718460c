/**
 * Agency staff are not the client (issue 16): in a Slack Connect channel the agency's own members and
 * the PMs talk to the client in the thread; only the client's words are read as answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, CLIENT_USER, PM, SIGNING_SECRET, type SlackApp, startSlackApp } from './support/slack-app.js';
import { postSigned } from './support/sign.js';

describe('staff messages in a client thread', () => {
  let s: SlackApp;
  beforeEach(async () => {
    s = await startSlackApp();
  });
  afterEach(async () => {
    await s.close();
  });

  const appId = () => {
    const client = s.app.store.findClientByName('Acme Coffee');
    const release = client && s.app.store.openReleaseOf(client.id);
    return s.app.store.items(release?.id ?? -1).find((i) => i.key === 'app_id')?.value;
  };

  /** A message event as Slack sends it from a shared (Slack Connect) channel: the envelope is the agency's team T1. */
  async function sharedMessage(user: string, userTeam: string, text: string, eventId: string, threadTs: string) {
    const ev = {
      type: 'message',
      channel: CHANNEL,
      user,
      user_team: userTeam,
      team: userTeam,
      text,
      ts: `${s.nowSec()}.${eventId.length}00001`,
      thread_ts: threadTs,
      channel_type: 'channel',
    };
    const body = JSON.stringify({
      token: 'x',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      is_ext_shared_channel: true,
      event_id: eventId,
      event_time: s.nowSec(),
      event: ev,
    });
    const res = await postSigned(s.url, body, { secret: SIGNING_SECRET, timestamp: s.nowSec() });
    expect(res.status).toBe(200);
    await s.settle();
  }

  async function start(): Promise<string> {
    await s.command('start Acme Coffee');
    await s.settle();
    return s.app.store.findThread('slack', CHANNEL)?.threadTs as string;
  }

  it('a member of the agency’s own team writing an App ID in the shared thread is not recorded, nor answered', async () => {
    const threadTs = await start();
    const before = s.posted().length;
    await sharedMessage('UDEV', 'T1', '客户的 AppID 应该是 wx1a2b3c4d5e6f7a8b 吧', 'EvStaff', threadTs);
    expect(appId()).toBeNull();
    expect(s.posted().slice(before)).toEqual([]);
    // The client's own team is read as ever.
    await sharedMessage(CLIENT_USER, 'T2CLIENT', 'AppID wx9f8e7d6c5b4a3f2e', 'EvClient', threadTs);
    expect(appId()).toBe('wx9f8e7d6c5b4a3f2e');
  });

  it('a PM (PM_USERS) writing in the client thread is not read as the client’s answer', async () => {
    const threadTs = await start();
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvPm', user: PM, threadTs });
    await s.settle();
    expect(appId()).toBeNull();
  });
});
