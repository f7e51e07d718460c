/**
 * A client pastes the App secret in the channel instead of using the private form: it is stored
 * encrypted and shown only as ••••last4; the "rotate it" advice comes when the channel is shared
 * (Slack Connect, or Slack would not say), and not in a channel only the agency is in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import type { ChannelFlags } from './support/fake-slack.js';
import { CHANNEL, type SlackApp, startSlackApp } from './support/slack-app.js';

const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const ROTATE = t('en', 'conv.secret_shared');

describe('Slack: an App secret pasted in the channel', () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.close();
  });

  /** Starts the release in a channel Slack describes with `flags` (or refuses to describe), then pastes the secret. */
  async function pasteSecret(channel: ChannelFlags | 'unreadable'): Promise<{ text: string }[]> {
    s = await startSlackApp();
    if (channel === 'unreadable') s.slack.failNext('conversations.info', { status: 200, error: 'missing_scope' });
    else s.slack.setChannel(CHANNEL, channel);
    await s.command('start Acme Coffee en');
    await s.settle();
    const threadTs = s.app.store.findThread('slack', CHANNEL)?.threadTs as string;
    const before = s.posted().length;
    await s.message({ text: `App secret: ${SECRET}`, eventId: 'EvPasted', threadTs });
    await s.settle();
    return s
      .posted()
      .slice(before)
      .filter((m) => m.thread_ts === threadTs);
  }

  function expectStoredOnlyEncrypted(): void {
    const client = s.app.store.findClientByName('Acme Coffee');
    const releaseId = (client && s.app.store.openReleaseOf(client.id)?.id) ?? 0;
    expect(s.app.store.items(releaseId).find((i) => i.key === 'app_secret')?.value).toMatchObject({ last4: 'e1f0' });
    expect(s.slack.all.some((c) => c.raw.includes(SECRET))).toBe(false);
    expect(s.logs.some((line) => line.includes(SECRET))).toBe(false);
    for (const file of readdirSync(s.dir)) expect(readFileSync(join(s.dir, file)).includes(SECRET)).toBe(false);
  }

  it('in a Slack Connect channel: stored encrypted, shown as ••••last4, with the advice to rotate it', async () => {
    const replies = await pasteSecret({ is_shared: true, is_ext_shared: true });
    expect(s.slack.calls('conversations.info')).toEqual([expect.objectContaining({ channel: CHANNEL })]);
    const text = replies.map((m) => m.text).join('\n');
    expect(text).toContain('••••e1f0');
    expect(text).toContain(ROTATE);
    expectStoredOnlyEncrypted();
  });

  it('in a channel only the agency is in: stored and masked the same, without the rotation advice', async () => {
    const replies = await pasteSecret({});
    const text = replies.map((m) => m.text).join('\n');
    expect(text).toContain('••••e1f0');
    expect(text).not.toContain(ROTATE);
    expectStoredOnlyEncrypted();
  });

  it('when the bot may not read the channel (conversations.info fails), it is treated as shared', async () => {
    const replies = await pasteSecret('unreadable');
    expect(replies.map((m) => m.text).join('\n')).toContain(ROTATE);
    expectStoredOnlyEncrypted();
  });
});
