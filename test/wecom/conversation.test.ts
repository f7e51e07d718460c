import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { waitFor, weComSender, wecomEnv } from './wecom-client.js';

/** PM_USERS in the test app includes wecom:pm_lin; wang is Acme Coffee's contact. */
describe('a WeCom client conversation, from /release start to /release status', () => {
  let fake: FakeWeCom;
  let t: TestApp;
  let wecom: ReturnType<typeof weComSender>;

  beforeAll(async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({ env: wecomEnv(fake.url) });
    wecom = weComSender(`http://127.0.0.1:${await t.app.listen()}`);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('a PM starts the release from WeCom and the contact gets the first questions in Chinese, with reply hints instead of buttons', async () => {
    const res = await wecom.text('pm_lin', '/release start Acme Coffee wecom:wang', 'pm-1');
    expect(await res.text()).toBe('success');
    const toPm = await waitFor(() => fake.messagesTo('pm_lin')[0], 'the PM’s reply');
    expect(toPm).toContain('Acme Coffee');
    expect(toPm).toContain('wecom:wang');
    const opening = await waitFor(() => fake.messagesTo('wang')[0], 'the opening questions');
    expect(opening).toContain('您好');
    expect(opening).toMatch(/^1\. \*\*/m);
    expect(opening).toContain('请回复「已开通」/「申请中」/「未开通」');
    const send = fake.sends.find((s) => s.body.touser === 'wang');
    expect(send?.body.agentid).toBe(1000002);
    expect(send?.body.msgtype).toBe('markdown');
  });

  it('the contact answers two things in one message; WeCom’s retry of that MsgId is acknowledged and not processed again', async () => {
    const text = '是企业主体，已经认证了。AppID wx1a2b3c4d5e6f7a8b，商户号还在申请中';
    expect(await (await wecom.text('wang', text, 'c-1')).text()).toBe('success');
    const reply = await waitFor(() => fake.messagesTo('wang')[1], 'the reply to the answer');
    expect(reply).toContain('wx1a2b3c4d5e6f7a8b');
    expect(await (await wecom.text('wang', text, 'c-1')).text()).toBe('success');
    await t.app.outbox.flush();
    await new Promise((r) => setTimeout(r, 100));
    await t.app.outbox.flush();
    expect(fake.messagesTo('wang')).toHaveLength(2);
    const stored = t.app.db.$client
      .prepare("select count(*) as n from events where external_id = 'wecom:c-1'")
      .get() as { n: number };
    expect(stored.n).toBe(1);
  });

  it('an expired token (42001) is refreshed once and the send retried', async () => {
    const tokensBefore = fake.tokensIssued.length;
    fake.failNext('/cgi-bin/message/send', 42001);
    const before = fake.messagesTo('pm_lin').length;
    await wecom.text('pm_lin', '/release status', 'pm-2');
    const overview = await waitFor(() => fake.messagesTo('pm_lin')[before], 'the status overview');
    expect(overview).toContain('**Acme Coffee**');
    expect(fake.tokensIssued.length).toBe(tokensBefore + 1);
    expect(fake.tokensIssued.every((x) => x.secret === 'app-secret-for-tests')).toBe(true);
  });

  it('a rate-limited send (45009) waits and goes out later, not lost', async () => {
    fake.failNext('/cgi-bin/message/send', 45009);
    const before = fake.messagesTo('pm_lin').length;
    await wecom.text('pm_lin', '/release help', 'pm-3');
    await t.app.bot.idle(); // acknowledged first; run (and its reply queued) after
    await waitFor(
      () => fake.calls.some((c) => c.body.touser === 'pm_lin' && fake.calls.indexOf(c) >= fake.calls.length - 2),
      'the refused attempt',
    );
    await t.app.outbox.flush(300);
    expect(fake.messagesTo('pm_lin')).toHaveLength(before);
    t.clock.advance(61_000);
    const help = await waitFor(() => fake.messagesTo('pm_lin')[before], 'the help after the wait');
    expect(help).toContain('/release');
  });

  it('the PM’s /release status for the client shows the contact’s answers, as WeCom markdown', async () => {
    const before = fake.messagesTo('pm_lin').length;
    await wecom.text('pm_lin', '/release status Acme Coffee', 'pm-4');
    // A long status comes in parts (WeCom caps a message at 2048 bytes): wait for the last section.
    const status = await waitFor(() => {
      const text = fake.messagesTo('pm_lin').slice(before).join('\n');
      return text.includes('错误提示文案') ? text : undefined;
    }, 'the whole release status');
    expect(status).toContain('### Acme Coffee — 小程序上线');
    expect(status).toContain('wx1a2b3c4d5e6f7a8b');
    expect(status).toContain('申请中');
  });

  it('a PM or another internal member writing an answer is not read as the contact’s answer', async () => {
    const release = t.app.store.openReleaseOf(t.app.store.findClientByName('Acme Coffee')?.id ?? -1);
    const before = t.app.store.item(release?.id ?? -1, 'template_ids')?.value;
    await wecom.text('pm_lin', '模板ID：Yn9ZhyiA4uoRgnatmUdjAWtGSU8po-799NksnRH9ucA', 'pm-5');
    await wecom.text('zhangsan', '模板ID：PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA_2O7', 'staff-1');
    await t.app.outbox.flush();
    await new Promise((r) => setTimeout(r, 100));
    expect(t.app.store.unprocessedInbound()).toEqual([]);
    expect(t.app.store.item(release?.id ?? -1, 'template_ids')?.value).toEqual(before);
  });

  it('a client who tries a PM command is refused politely and nothing changes', async () => {
    const before = fake.messagesTo('wang').length;
    await wecom.text('wang', '/release done Acme Coffee app_icon', 'c-2');
    const refusal = await waitFor(() => fake.messagesTo('wang')[before], 'the refusal');
    expect(refusal).toContain('只有代理方的项目经理');
    const icon = t.app.store.item(
      t.app.store.openReleaseOf(t.app.store.findClientByName('Acme Coffee')?.id ?? -1)?.id ?? -1,
      'app_icon',
    );
    expect(icon?.status).not.toBe('done');
  });
});
