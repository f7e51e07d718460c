/**
 * The private path for an App secret (button → modal → stored encrypted, shown as ••••last4,
 * absent from every Slack call and log line), and deliveries when Slack pushes back: 429 with
 * Retry-After is retried later and delivered; a channel that is gone goes to the PM.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, CLIENT_USER, PM, type SlackApp, startSlackApp } from './support/slack-app.js';

const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

describe('Slack: the secret form and hard deliveries', () => {
  let s: SlackApp;
  let threadTs: string;
  beforeEach(async () => {
    s = await startSlackApp();
    await s.command('start Acme Coffee');
    await s.settle();
    threadTs = s.app.store.findThread('slack', CHANNEL)?.threadTs as string;
  });
  afterEach(async () => {
    await s.close();
  });

  const releaseId = () => {
    const client = s.app.store.findClientByName('Acme Coffee');
    return (client && s.app.store.openReleaseOf(client.id)?.id) ?? 0;
  };

  function pressSecretButton() {
    return s.interact({
      type: 'block_actions',
      user: { id: CLIENT_USER },
      team: { id: 'T1' },
      api_app_id: 'A1',
      trigger_id: '111.222.abc',
      channel: { id: CHANNEL },
      container: {
        type: 'message',
        message_ts: `${threadTs.split('.')[0]}.999999`,
        channel_id: CHANNEL,
        thread_ts: threadTs,
      },
      message: { ts: `${threadTs.split('.')[0]}.999999`, thread_ts: threadTs, text: 'questions' },
      actions: [
        {
          type: 'button',
          action_id: 'secret:app_secret',
          block_id: 'b1',
          value: 'app_secret',
          action_ts: '1764036300.1',
        },
      ],
    });
  }

  function submitSecret(value: string, metadata: string, viewId = 'VSECRET1') {
    return s.interact({
      type: 'view_submission',
      user: { id: CLIENT_USER },
      team: { id: 'T1' },
      api_app_id: 'A1',
      view: {
        id: viewId,
        type: 'modal',
        callback_id: 'secret',
        private_metadata: metadata,
        state: { values: { secret: { value: { type: 'plain_text_input', value } } } },
      },
    });
  }

  it('the "Send App secret privately" button opens a modal; the secret is stored encrypted and shown only as ••••last4', async () => {
    const press = await pressSecretButton();
    expect(press.status).toBe(200);
    const opened = s.slack.calls('views.open');
    expect(opened).toHaveLength(1);
    const view = opened[0]?.view as { callback_id: string; private_metadata: string; blocks: { type: string }[] };
    expect(view.callback_id).toBe('secret');
    expect(view.blocks[0]?.type).toBe('input');

    const before = s.posted().length;
    const submitted = await submitSecret(SECRET, view.private_metadata);
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');
    await s.settle();

    const reply = s
      .posted()
      .slice(before)
      .find((m) => m.thread_ts === threadTs);
    expect(reply?.text).toContain('••••e1f0');
    const item = s.app.store.items(releaseId()).find((i) => i.key === 'app_secret');
    expect(item?.value).toMatchObject({ last4: 'e1f0' });

    // Nowhere in clear: not in any call to Slack, not in a log line, not in the database files.
    expect(s.slack.all.some((c) => c.raw.includes(SECRET))).toBe(false);
    expect(s.logs.length).toBeGreaterThan(0);
    expect(s.logs.some((line) => line.includes(SECRET))).toBe(false);
    for (const file of readdirSync(s.dir)) expect(readFileSync(join(s.dir, file)).includes(SECRET)).toBe(false);
  });

  it('a value that cannot be an App secret is refused inside the modal and nothing is stored', async () => {
    await pressSecretButton();
    const view = s.slack.calls('views.open')[0]?.view as { private_metadata: string };
    const res = await submitSecret('not-a-secret', view.private_metadata, 'VBAD');
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.secret).toBeTruthy();
    await s.settle();
    expect(s.app.store.items(releaseId()).find((i) => i.key === 'app_secret')?.value ?? null).toBeNull();
  });

  it('a merchant-account button press is recorded as the answer', async () => {
    const before = s.posted().length;
    const res = await s.interact({
      type: 'block_actions',
      user: { id: CLIENT_USER },
      team: { id: 'T1' },
      trigger_id: '1.2.3',
      channel: { id: CHANNEL },
      container: { type: 'message', message_ts: '1764036000.000002', channel_id: CHANNEL, thread_ts: threadTs },
      message: { ts: '1764036000.000002', thread_ts: threadTs, text: 'q' },
      actions: [
        {
          type: 'button',
          action_id: 'answer:merchant_account:active',
          block_id: 'b2',
          value: 'merchant_account:active',
          action_ts: '1764036301.2',
        },
      ],
    });
    expect(res.status).toBe(200);
    await s.settle();
    expect(s.app.store.items(releaseId()).find((i) => i.key === 'merchant_account')?.value).toMatchObject({
      status: 'active',
    });
    expect(s.posted().slice(before).at(-1)?.thread_ts).toBe(threadTs);
  });

  it('a 429 with Retry-After is retried after the wait and the reply is still delivered', async () => {
    s.clock.advance(1_100); // past the channel's 1 message/s pace (the app's clock)
    s.slack.failNext('chat.postMessage', { status: 429, retryAfterSec: 30 });
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvLimited', threadTs });
    for (let i = 0; i < 100 && s.app.store.unprocessedInbound().length > 0; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    await s.app.outbox.kick();
    const attempts = () =>
      s.slack.all.filter((c) => c.method === 'chat.postMessage' && String(c.body.text).includes('wx1a2b3c4d5e6f7a8b'));
    expect(attempts()).toHaveLength(1); // the refused one
    await s.app.outbox.kick();
    expect(attempts()).toHaveLength(1); // not before Retry-After
    s.clock.advance(31_000);
    await s.settle();
    expect(attempts()).toHaveLength(2);
    expect(s.app.store.dueOutbox('9999-12-31T00:00:00.000Z', 10)).toEqual([]);
  });

  it('a channel Slack says is gone: the message is handed to the PM by DM', async () => {
    s.slack.failNext('chat.postMessage', { status: 200, error: 'channel_not_found' });
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvGone', threadTs });
    await s.settle();
    expect(s.slack.calls('conversations.open')).toContainEqual(expect.objectContaining({ users: PM }));
    const dm = s.posted().find((m) => m.channel === `D${PM}`);
    expect(dm?.text).toContain('no longer exists');
    expect(dm?.text).toContain('wx1a2b3c4d5e6f7a8b');
  });
});
