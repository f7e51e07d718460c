/**
 * Sends whose answer was lost (a crash during the call, a cut connection) are not delivered twice
 * where WeCom allows it: 微信客服 parts carry our own msgid (a repeat is refused: already sent), and
 * an unconfirmed `message/send` is resent with WeCom's duplicate check — only then, never on a first
 * send, since the check drops any identical text (two identical confirmations are legitimate).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kfMsgId } from '../../bots/wecom/kf/chat.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { addFakeKf, type FakeKf, OPEN_KFID } from './fake-kf.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { wecomEnv } from './wecom-client.js';

describe('WeCom sends across a lost answer', () => {
  let fake: FakeWeCom;
  let kf: FakeKf;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({
      env: wecomEnv(fake.url, { WECOM_KF_SECRET: 'kf-secret-for-tests', WECOM_KF_OPEN_KFID: OPEN_KFID }),
    });
    kf = addFakeKf(fake, t.clock);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const thread = (platform: 'wecom' | 'kf', channel: string) => {
    const { store } = t.app;
    const at = t.clock.now().toISOString();
    const client = store.createClient({ name: `Client ${channel}`, locale: 'en', timezone: 'Asia/Shanghai', at });
    const bound = store.bindThread({
      clientId: client.id,
      platform,
      channel,
      kind: platform === 'kf' ? 'kf' : 'user',
      at,
    });
    store.updateThread(bound.id, { lastInboundAt: at });
    return bound;
  };
  const sendsTo = (user: string) =>
    fake.calls.filter((c) => c.path === '/cgi-bin/message/send' && c.body.touser === user);

  it('message/send: the resend of an unconfirmed message asks for the duplicate check, and WeCom drops it', async () => {
    const to = thread('wecom', 'dup-wang');
    fake.loseNext('/cgi-bin/message/send');
    const id = t.app.outbox.post({ kind: 'thread', thread: to }, { text: 'AppID saved' }) as number;
    await t.app.outbox.kick();
    expect(t.app.store.getOutbox(id)).toMatchObject({ state: 'pending', sendingSince: expect.any(String) });

    t.clock.advance(2_000); // past the first backoff
    await t.app.outbox.flush();
    expect(fake.messagesTo('dup-wang')).toEqual(['AppID saved']);
    expect(fake.duplicatesDropped).toHaveLength(1);
    const [first, resend] = sendsTo('dup-wang');
    expect(first?.body.enable_duplicate_check).toBeUndefined();
    expect(resend?.body).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: expect.any(Number) });
    expect(Number(resend?.body.duplicate_check_interval)).toBeLessThanOrEqual(4 * 3600);
    expect(t.app.store.getOutbox(id)).toMatchObject({ state: 'sent' });
  });

  it('message/send: two identical messages in a row both arrive (first sends never use the check)', async () => {
    const to = thread('wecom', 'twice-wang');
    t.app.outbox.post({ kind: 'thread', thread: to }, { text: 'Saved ✅' });
    t.app.outbox.post({ kind: 'thread', thread: to }, { text: 'Saved ✅' });
    await t.app.outbox.flush();
    expect(fake.messagesTo('twice-wang')).toEqual(['Saved ✅', 'Saved ✅']);
    expect(sendsTo('twice-wang').map((c) => c.body.enable_duplicate_check)).toEqual([undefined, undefined]);
  });

  it('微信客服: each part carries our msgid; a resend of one that went out is refused as a repeat and counts as sent', async () => {
    const user = 'wmLostAnswer01';
    kf.clientWrites(user, 'hello'); // opens WeChat's window
    const to = thread('kf', user);
    fake.loseNext('/cgi-bin/kf/send_msg');
    const id = t.app.outbox.post({ kind: 'thread', thread: to }, { text: 'Your AppID is saved' }) as number;
    await t.app.outbox.kick();
    expect(kf.sentTo(user)).toHaveLength(1); // delivered, but the bot never heard so
    expect(t.app.store.getOutbox(id)).toMatchObject({ state: 'pending' });

    t.clock.advance(2_000);
    await t.app.outbox.flush();
    const entry = t.app.store.getOutbox(id);
    expect(entry?.state).toBe('sent');
    expect(kf.sentTo(user)).toHaveLength(1);
    expect(kf.repeatedMsgids).toEqual([kfMsgId({ id, createdAt: entry?.createdAt ?? '' }, 0)]);
    const msgids = fake.calls
      .filter((c) => c.path === '/cgi-bin/kf/send_msg' && c.body.touser === user)
      .map((c) => c.body.msgid);
    expect(msgids).toEqual([msgids[0], msgids[0]]);
    expect(String(msgids[0])).toMatch(/^[0-9a-zA-Z_-]{1,32}$/);
  });

  it('微信客服: two messages with the same text get different msgids and both arrive', async () => {
    const user = 'wmSameText01';
    kf.clientWrites(user, 'hello');
    const to = thread('kf', user);
    t.app.outbox.post({ kind: 'thread', thread: to }, { text: 'Saved' });
    t.app.outbox.post({ kind: 'thread', thread: to }, { text: 'Saved' });
    await t.app.outbox.flush();
    expect(kf.sentTo(user)).toEqual(['Saved', 'Saved']);
  });
});
