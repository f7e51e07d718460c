import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import type { FakeKf } from './fake-kf.js';
import type { FakeWeCom } from './fake-wecom.js';
import { type KfSession, startKfApp } from './kf-session.js';
import { waitFor, type weComSender } from './wecom-client.js';

const DAY = 24 * 3_600_000;

describe('a 微信客服 invite link works for 14 days', () => {
  let fake: FakeWeCom;
  let kf: FakeKf;
  let t: TestApp;
  let wecom: ReturnType<typeof weComSender>;
  let s: KfSession;
  const enter = async (user: string, scene: string): Promise<void> => {
    const syncs = fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg').length;
    kf.enterSession(user, scene);
    await s.notify();
    await waitFor(
      () => fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg').length > syncs || undefined,
      'the sync',
    );
    await t.app.outbox.flush(500);
  };
  const pmSays = async (text: string, id: string): Promise<string> => {
    const before = fake.messagesTo('pm_lin').length;
    await wecom.text('pm_lin', text, id);
    return waitFor(() => fake.messagesTo('pm_lin').slice(before).join('\n') || undefined, `the answer to ${text}`);
  };
  const boundTo = (user: string): number | undefined => t.app.store.findThread('kf', user)?.clientId;

  beforeAll(async () => {
    s = await startKfApp();
    ({ fake, kf, t } = s);
    wecom = s.sender();
  });
  afterAll(async () => {
    await t.close();
    await s.close();
  });

  it('the same link is sent again while valid; an old one binds no one and the PM is told; a fresh invite makes a new link', async () => {
    expect(await pmSays('/release start Green Leaf kf', 'pm-exp-1')).toContain('链接还可使用 14 天');
    const first = kf.scenes.at(-1) ?? '';
    t.clock.advance(3 * DAY);
    expect(await pmSays('/release invite Green Leaf kf', 'pm-exp-2')).toContain('链接还可使用 11 天');
    expect(kf.scenes.at(-1)).toBe(first); // still valid: the same scene

    t.clock.advance(12 * DAY); // 15 days old now: forwarded around, opened by someone
    const pmBefore = fake.messagesTo('pm_lin').length;
    await enter('wmForwarded01', first);
    expect(boundTo('wmForwarded01')).toBeUndefined();
    expect(kf.sentTo('wmForwarded01')).toEqual([]);
    const notice = await waitFor(
      () =>
        fake
          .messagesTo('pm_lin')
          .slice(pmBefore)
          .find((m) => m.includes('older than 14 days')),
      'the PM’s notice',
    );
    expect(notice).toContain('/release invite Green Leaf kf');

    await pmSays('/release invite Green Leaf kf', 'pm-exp-3');
    const fresh = kf.scenes.at(-1) ?? '';
    expect(fresh).not.toBe(first);
    await enter('wmRealClient01', fresh);
    // The sync call is seen before its answer is handled: wait for the binding itself (a race on a loaded machine).
    expect(await waitFor(() => boundTo('wmRealClient01'), 'the binding')).toBe(
      t.app.store.findClientByName('Green Leaf')?.id,
    );
    expect(t.app.store.findReleaseByInviteScene(first)).toBeUndefined(); // the old scene is gone for good

    // Weeks later the bound client comes back through the link they kept: greeted, not refused.
    t.clock.advance(20 * DAY);
    const greeted = kf.sentTo('wmRealClient01').length;
    await enter('wmRealClient01', fresh);
    await waitFor(() => kf.sentTo('wmRealClient01').length > greeted || undefined, 'the returning client’s welcome');
    // A stranger opening that link again and again: the PM hears of it once that day.
    const pmNow = fake.messagesTo('pm_lin').length;
    await enter('wmStranger02', fresh);
    await enter('wmStranger03', fresh);
    expect(boundTo('wmStranger02')).toBeUndefined();
    const stale = () =>
      fake
        .messagesTo('pm_lin')
        .slice(pmNow)
        .filter((m) => m.includes('older than 14 days'));
    await waitFor(() => (stale().length > 0 ? true : undefined), 'the PM’s notice about the strangers');
    await t.app.outbox.flush(500);
    expect(stale()).toHaveLength(1);
  });
});
