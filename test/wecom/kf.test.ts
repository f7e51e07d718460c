import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import type { FakeKf } from './fake-kf.js';
import type { FakeWeCom } from './fake-wecom.js';
import { type KfSession, startKfApp } from './kf-session.js';
import { waitFor, type weComSender } from './wecom-client.js';

const WANG = 'wmWangExternal01';

describe('an external client through 微信客服, within WeChat’s reply window', () => {
  let fake: FakeWeCom;
  let kf: FakeKf;
  let t: TestApp;
  let wecom: ReturnType<typeof weComSender>;
  let s: KfSession;
  const notify = (): Promise<void> => s.notify();
  /** Sends a PM command; waits until the PM's messages after it include `until` (a long status comes in parts). */
  const pmSays = async (text: string, id: string, until: string): Promise<string> => {
    const before = fake.messagesTo('pm_lin').length;
    await wecom.text('pm_lin', text, id);
    return waitFor(() => {
      const answer = fake.messagesTo('pm_lin').slice(before).join('\n');
      return answer.includes(until) ? answer : undefined;
    }, `the answer to ${text}`);
  };
  const eventsWith = (externalId: string): number =>
    (
      t.app.db.$client.prepare('select count(*) as n from events where external_id = ?').get(`kf:${externalId}`) as {
        n: number;
      }
    ).n;

  beforeAll(async () => {
    s = await startKfApp();
    ({ fake, kf, t } = s);
    wecom = s.sender();
  });
  afterAll(async () => {
    await t.close();
    await s.close();
  });

  let scene = '';
  it('a PM starts a kf-only release and gets an invite link whose scene is a random token stored on the release', async () => {
    const answer = await pmSays('/release start Blue Tea kf', 'pm-kf-1', 'enc_scene=');
    expect(kf.scenes).toHaveLength(1);
    scene = kf.scenes[0] ?? '';
    expect(scene).toMatch(/^[0-9A-Za-z_-]{16,32}$/);
    expect(answer).toContain(`enc_scene=${scene}`);
    const release = t.app.store.findReleaseByInviteScene(scene);
    expect(release?.clientId).toBe(t.app.store.findClientByName('Blue Tea')?.id);
    expect(fake.tokensIssued.some((x) => x.secret === 'kf-secret-for-tests')).toBe(true);
  });

  it('enter_session binds the client and the welcome carries the first questions (send_msg_on_event)', async () => {
    kf.enterSession(WANG, scene);
    await notify();
    const welcome = await waitFor(() => kf.sent.find((s) => s.touser === WANG), 'the welcome');
    expect(welcome.via).toBe('on_event');
    expect(welcome.content).toContain('您好');
    expect(welcome.content).toContain('1. ');
    expect(t.app.store.findThread('kf', WANG)?.clientId).toBe(t.app.store.findClientByName('Blue Tea')?.id);
  });

  it('an unknown scene binds nothing', async () => {
    kf.enterSession('wmStranger', 'not-a-real-scene-0000');
    await notify();
    await waitFor(() => fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg').length >= 2, 'the sync');
    await t.app.outbox.flush(500);
    expect(t.app.store.findThread('kf', 'wmStranger')).toBeUndefined();
    expect(kf.sentTo('wmStranger')).toEqual([]);
  });

  it('the client answers App ID and merchant status in two messages; a repeated callback delivers nothing twice; status shows them and the window', async () => {
    t.clock.advance(60_000);
    const first = kf.clientWrites(WANG, 'AppID 是 wx1a2b3c4d5e6f7a8b');
    await notify();
    await waitFor(() => kf.sentTo(WANG).length >= 2 || undefined, 'the reply to the App ID');
    t.clock.advance(60_000);
    const second = kf.clientWrites(WANG, '商户号还在申请中');
    await notify();
    await waitFor(() => kf.sentTo(WANG).length >= 3 || undefined, 'the reply to the merchant status');
    await notify(); // WeCom repeats the callback
    await t.app.outbox.flush(500);
    expect(kf.sentTo(WANG)).toHaveLength(3);
    expect(kf.sent.filter((x) => x.touser === WANG).map((x) => x.via)).toEqual(['on_event', 'send_msg', 'send_msg']);
    expect(eventsWith(first)).toBe(1);
    expect(eventsWith(second)).toBe(1);
    t.clock.advance(60_000);
    const status = await pmSays('/release status Blue Tea', 'pm-kf-2', '错误提示文案');
    expect(status).toMatch(/AppID — .*wx1a2b3c4d5e6f7a8b/);
    expect(status).toMatch(/商户号 — .*申请中/);
    expect(status).toMatch(/微信客服窗口：开放至 .*还可发送 4\/5 条/);
  });

  it('the sixth message in a window goes to the PM instead, and status says why', async () => {
    const sentBefore = kf.sentTo(WANG).length;
    for (const [i, item] of ['app_icon', 'template_ids', 'roles', 'sharing_flow'].entries()) {
      t.clock.advance(60_000);
      await pmSays(`/release ask Blue Tea ${item}`, `pm-kf-ask-${i}`, '再次询问');
    }
    await waitFor(() => kf.sentTo(WANG).length >= sentBefore + 4 || undefined, 'five sends in the window');
    await pmSays('/release ask Blue Tea error_copywriting', 'pm-kf-ask-6', '再次询问');
    const handed = await waitFor(
      () => fake.messagesTo('pm_lin').find((m) => m.includes('the bot has sent 5 messages')),
      'the hand-over to the PM',
    );
    expect(handed).toContain('Blue Tea');
    await t.app.outbox.flush(300);
    expect(kf.sentTo(WANG)).toHaveLength(sentBefore + 4);
    expect(kf.refused).toEqual([]);
    expect(await pmSays('/release status Blue Tea', 'pm-kf-3', '错误提示文案')).toContain('客户上次发言后已发送 5 条');
  });

  it('a nudge after 48 h of silence is not attempted; the PM gets it with the reason', async () => {
    t.clock.advance(60_000);
    kf.clientWrites(WANG, '好的');
    const sentBefore = kf.sentTo(WANG).length;
    await notify();
    await waitFor(() => kf.sentTo(WANG).length > sentBefore || undefined, 'the reply that reopens the window');
    // Everything the reply set off is out before the clock jumps: what the client gets later is counted from here.
    await t.app.outbox.flush(300);
    const sentAfterReply = kf.sentTo(WANG).length;
    t.clock.advance(49 * 3_600_000);
    await pmSays('/release ask Blue Tea app_icon', 'pm-kf-late', '再次询问');
    await waitFor(
      () => fake.messagesTo('pm_lin').find((m) => m.includes('silent 48 h')),
      'the window-closed hand-over',
    );
    // Every hand-over notice out (the outbox sends to the PM while it still hands the client's rows over), then ask for status.
    await t.app.outbox.flush(300);
    expect(kf.sentTo(WANG)).toHaveLength(sentAfterReply);
    expect(kf.refused).toEqual([]);
    expect(await pmSays('/release status Blue Tea', 'pm-kf-4', '错误提示文案')).toContain('微信客服窗口：自');
  });

  it('a human servicer’s takeover silences the bot; /release resume hands the session back', async () => {
    kf.states.set(WANG, 3);
    t.clock.advance(60_000);
    await t.app.outbox.flush(300);
    const sentBefore = kf.sentTo(WANG).length;
    const msg = kf.clientWrites(WANG, '我想和人工客服聊一下');
    await notify();
    await waitFor(() => fake.messagesTo('pm_lin').find((m) => m.includes('我想和人工客服聊一下')), 'the PM notice');
    await t.app.outbox.flush(300);
    expect(kf.sentTo(WANG)).toHaveLength(sentBefore);
    expect(eventsWith(msg)).toBe(1);
    expect(await pmSays('/release resume Blue Tea', 'pm-kf-5', '已交回机器人')).toContain('已交回机器人');
    expect(kf.trans).toEqual([{ user: WANG, state: 1 }]);
    t.clock.advance(60_000);
    kf.clientWrites(WANG, 'AppID 是 wx9f8e7d6c5b4a3f2e');
    await notify();
    await waitFor(() => kf.sentTo(WANG).length > sentBefore || undefined, 'the bot answering again');
  });
});
