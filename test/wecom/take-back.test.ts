/**
 * Taking back an answer where there are no buttons: a WeCom app contact and a 微信客服 client reply
 * `撤销` / `undo` or `改成 …`, through the real callbacks (signed, encrypted) and the fake WeCom API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { type KfSession, startKfSession } from './kf-session.js';
import { waitFor, weComSender, wecomEnv } from './wecom-client.js';

describe('撤销 and 改成 in a WeCom app conversation', () => {
  let fake: FakeWeCom;
  let t: TestApp;
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('the contact is told how to take an answer back, undoes it, then changes it in words', async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({ env: wecomEnv(fake.url) });
    const wecom = weComSender(`http://127.0.0.1:${await t.app.listen()}`);
    await wecom.text('pm_lin', '/release start Acme Coffee wecom:wang', 'pm-1');
    await waitFor(() => fake.messagesTo('wang')[0], 'the opening questions');
    const releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Acme Coffee').id)?.id as number;

    await wecom.text('wang', 'AppID wx1a2b3c4d5e6f7a8b', 'c-1');
    const confirmation = await waitFor(() => fake.messagesTo('wang')[1], 'the confirmation');
    expect(confirmation).toContain('wx1a2b3c4d5e6f7a8b');
    expect(confirmation).toContain('回复「撤销」可撤回上一条记录');

    await wecom.text('wang', '撤销', 'c-2');
    const undone = await waitFor(() => fake.messagesTo('wang')[2], 'the undo');
    expect(undone).toContain('已撤销：AppID 已恢复为 尚未回答（撤销前为 wx1a2b3c4d5e6f7a8b）');
    expect(t.app.store.item(releaseId, 'app_id')).toMatchObject({ value: null, status: 'asked' });

    await wecom.text('wang', '把 AppID 改成 wx9f8e7d6c5b4a3f2e', 'c-3');
    await waitFor(() => fake.messagesTo('wang')[3], 'the change');
    expect(t.app.store.item(releaseId, 'app_id')).toMatchObject({
      value: 'wx9f8e7d6c5b4a3f2e',
      setRole: 'client',
      setHow: 'answer',
      setBy: 'wecom:wang',
    });
  });
});

describe('撤销 in a 微信客服 conversation', () => {
  let s: KfSession;
  afterEach(async () => {
    await s.t.close();
    await s.close();
  });

  it('an external client undoes a merchant answer and hears what was restored', async () => {
    s = await startKfSession({ client: 'Blue Tea', user: 'wmWang' });
    const { kf, t } = s;
    const releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Blue Tea').id)?.id as number;
    kf.clientWrites('wmWang', '商户号 1900000109，已开通');
    await s.notify();
    const confirmation = await waitFor(() => kf.sentTo('wmWang')[1], 'the confirmation');
    expect(confirmation).toContain('1900000109');
    expect(confirmation).toContain('回复「撤销」');
    kf.clientWrites('wmWang', '撤销');
    await s.notify();
    const undone = await waitFor(() => kf.sentTo('wmWang').find((m) => m.includes('已撤销')), 'the undo');
    expect(undone).toContain('商户号 已恢复为 尚未回答');
    expect(t.app.store.item(releaseId, 'merchant_account')).toMatchObject({ value: null, status: 'asked' });
  });
});
