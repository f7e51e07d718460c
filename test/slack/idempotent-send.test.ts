/**
 * A post whose answer never came back (the process died during the call, or the connection was
 * cut after Slack posted it) is not posted twice: every post carries its outbox row in `metadata`,
 * and the next attempt first looks for it in the thread (`conversations.replies`, all metadata).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_EVENT_TYPE } from '../../bots/slack/chat.js';
import { CHANNEL, type SlackApp, startSlackApp } from './support/slack-app.js';

describe('Slack sends across a lost answer', () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.close();
  });

  const outboxIdOf = (m: { metadata?: { event_payload: Record<string, unknown> } }): unknown =>
    m.metadata?.event_payload.outbox_id;

  async function startAcme(): Promise<string> {
    s = await startSlackApp();
    await s.command('start Acme Coffee en');
    await s.settle();
    return s.app.store.findThread('slack', CHANNEL)?.threadTs as string;
  }

  it('every post names its outbox row in metadata; first sends never look anything up', async () => {
    const threadTs = await startAcme();
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvFirst', threadTs });
    await s.settle();
    const posts = s.slack.calls('chat.postMessage');
    expect(posts.length).toBeGreaterThanOrEqual(3);
    for (const p of posts)
      expect(p.metadata).toMatchObject({
        event_type: OUTBOX_EVENT_TYPE,
        event_payload: { outbox_id: expect.any(Number), created_at: expect.any(String) },
      });
    expect(
      new Set(posts.map((p) => (p.metadata as { event_payload: { outbox_id: number } }).event_payload.outbox_id)).size,
    ).toBe(posts.length);
    expect(s.slack.calls('conversations.replies')).toEqual([]);
    expect(s.slack.calls('conversations.history')).toEqual([]);
  });

  it('a reply posted but not confirmed is found in the thread by its metadata and not posted again', async () => {
    const threadTs = await startAcme();
    s.slack.failNext('chat.postMessage', { lost: true });
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvLost', threadTs });
    await s.settle();

    const replies = s.slack.messages.filter((m) => m.text.includes('wx1a2b3c4d5e6f7a8b'));
    expect(replies).toHaveLength(1);
    const id = Number(outboxIdOf(replies[0] ?? {}));
    expect(s.slack.messages.filter((m) => outboxIdOf(m) === id)).toHaveLength(1);
    expect(s.slack.calls('conversations.replies')).toEqual([
      expect.objectContaining({ channel: CHANNEL, ts: threadTs, include_all_metadata: 'true' }),
    ]);
    const row = s.app.db.$client.prepare('SELECT state, platform_ref AS ref FROM outbox WHERE id = ?').get(id);
    expect(row).toEqual({ state: 'sent', ref: replies[0]?.ts });
  });

  it('a lost root message is found in the channel’s history, and the thread hangs off it', async () => {
    s = await startSlackApp();
    s.slack.failNext('chat.postMessage', { lost: true });
    await s.command('start Acme Coffee en');
    await s.settle();
    const roots = s.slack.messages.filter((m) => m.channel === CHANNEL && !m.thread_ts);
    expect(roots).toHaveLength(1);
    expect(s.slack.calls('conversations.history')).toHaveLength(1);
    expect(s.app.store.findThread('slack', CHANNEL)?.threadTs).toBe(roots[0]?.ts);
    expect(s.slack.messages.filter((m) => m.thread_ts === roots[0]?.ts).length).toBeGreaterThanOrEqual(1);
  });

  it('when the lookup itself is refused (no history scope), the message is posted anyway: at least once, never lost', async () => {
    const threadTs = await startAcme();
    s.slack.failNext('chat.postMessage', { lost: true });
    s.slack.failNext('conversations.replies', { status: 200, error: 'missing_scope' });
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'EvNoScope', threadTs });
    await s.settle();
    expect(s.slack.messages.filter((m) => m.text.includes('wx1a2b3c4d5e6f7a8b'))).toHaveLength(2);
    expect(s.app.db.$client.prepare("SELECT count(*) FROM outbox WHERE state != 'sent'").pluck().get()).toBe(0);
  });

  it('a post Slack surely refused (rate limited) is sent again without a lookup', async () => {
    const threadTs = await startAcme();
    s.slack.failNext('chat.postMessage', { status: 429, retryAfterSec: 1 });
    await s.message({ text: 'AppID wx1a2b3c4d5e6f7a8b', eventId: 'Ev429', threadTs });
    await s.settle();
    expect(s.slack.messages.filter((m) => m.text.includes('wx1a2b3c4d5e6f7a8b'))).toHaveLength(1);
    expect(s.slack.calls('conversations.replies')).toEqual([]);
  });
});
