import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock, startTestApp, type TestApp, tempDir } from '../support/app.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { waitFor, weComSender, wecomEnv } from './wecom-client.js';

describe('a PM command acknowledged to WeCom survives a crash before it ran', () => {
  const dir = tempDir();
  const clock = new FakeClock();
  let fake: FakeWeCom;
  const apps: TestApp[] = [];
  const start = async (): Promise<TestApp> => {
    const app = await startTestApp({ env: wecomEnv(fake.url), dir, clock });
    apps.push(app);
    return app;
  };
  const eventOf = (app: TestApp, msgId: string): { state: string; payload: string } =>
    app.app.db.$client.prepare('select state, payload from events where external_id = ?').get(`wecom:${msgId}`) as {
      state: string;
      payload: string;
    };
  afterAll(async () => {
    for (const app of apps) await app.app.stop().catch(() => undefined);
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the callback stores a PM command as a command (who may run it, the reply language)', async () => {
    fake = await startFakeWeCom();
    const app = await start();
    const wecom = weComSender(`http://127.0.0.1:${await app.app.listen()}`);
    expect(await (await wecom.text('pm_lin', '/release status', 'pm-rec-0')).text()).toBe('success');
    await waitFor(() => fake.messagesTo('pm_lin')[0], 'the status answer');
    expect(JSON.parse(eventOf(app, 'pm-rec-0').payload).command).toEqual({ isPm: true, locale: 'zh' });
    await app.app.stop();
  });

  it('stored, then the process dies: the next start runs it as a command exactly once and the PM gets its answer', async () => {
    const first = await start();
    const stored = first.app.bot.receive({
      platform: 'wecom',
      channel: 'pm_lin',
      sender: 'wecom:pm_lin',
      text: '/release start Acme Coffee wecom:wangwei',
      externalId: 'pm-rec-1',
      command: { isPm: true, locale: 'zh' },
    });
    expect(stored.kind).toBe('stored');
    await first.app.stop(); // the crash: stored and acknowledged, never run
    const pmBefore = fake.messagesTo('pm_lin').length;
    expect(fake.messagesTo('wangwei')).toEqual([]);

    const second = await start();
    await second.app.listen();
    const answer = await waitFor(
      () => fake.messagesTo('pm_lin').slice(pmBefore)[0],
      'the PM’s answer after the restart',
    );
    expect(answer).toContain('Acme Coffee');
    await waitFor(() => fake.messagesTo('wangwei')[0], 'the client’s first questions');
    expect(eventOf(second, 'pm-rec-1').state).toBe('processed');
    await second.app.outbox.flush(300);
    await second.app.stop();

    const third = await start(); // a later restart runs nothing again
    await third.app.listen();
    await third.app.outbox.flush(300);
    expect(fake.messagesTo('pm_lin').slice(pmBefore)).toHaveLength(1);
    expect(fake.messagesTo('wangwei')).toHaveLength(1);
    const client = third.app.store.findClientByName('Acme Coffee');
    expect(
      third.app.db.$client.prepare('select count(*) as n from releases where client_id = ?').get(client?.id),
    ).toEqual({ n: 1 });
  });
});
