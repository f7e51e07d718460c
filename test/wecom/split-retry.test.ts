import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { contentOf, type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { wecomEnv } from './wecom-client.js';

/** Three sections of ~1.5 KB each: WeCom takes at most 2048 bytes a message, so they go as three parts. */
const section = (name: string): string =>
  Array.from({ length: 30 }, (_, i) => `${name} line ${i} ${'x'.repeat(40)}`).join('\n');
const LONG = [section('PART-A'), section('PART-B'), section('PART-C')].join('\n');

describe('a WeCom message sent in parts', () => {
  let fake: FakeWeCom;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({ env: wecomEnv(fake.url) });
    await t.app.start();
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('a failure at part 2 is retried from part 2: the client reads each part once, in order', async () => {
    const attempts: string[] = [];
    // WeCom answers "system busy" (-1, retried) to the first attempt at the second part.
    fake.route((path, body) => {
      if (path !== '/cgi-bin/message/send' || body.touser !== 'split-wang') return undefined;
      attempts.push(contentOf(body));
      return attempts.length === 2 ? { errcode: -1, errmsg: 'system busy' } : undefined;
    });
    const { store } = t.app;
    const at = t.clock.now().toISOString();
    const client = store.createClient({ name: 'Split Co', locale: 'en', timezone: 'Asia/Shanghai', at });
    const thread = store.bindThread({
      clientId: client.id,
      platform: 'wecom',
      channel: 'split-wang',
      kind: 'user',
      at,
    });
    const id = t.app.outbox.post({ kind: 'thread', thread }, { text: LONG }) as number;

    await t.app.outbox.kick();
    expect(attempts).toHaveLength(2);
    expect(fake.messagesTo('split-wang')).toHaveLength(1);
    expect(store.getOutbox(id)).toMatchObject({ state: 'pending', partsSent: 1, attempts: 1 });

    t.clock.advance(2_000); // past the first backoff
    await t.app.outbox.flush();
    const received = fake.messagesTo('split-wang');
    expect(received).toHaveLength(3);
    expect(attempts[2]).toBe(attempts[1]); // the retry starts at the part that failed
    // Every line arrives exactly once, in order.
    expect(received.join('\n').split('\n')).toEqual(LONG.split('\n'));
    expect(store.getOutbox(id)).toMatchObject({ state: 'sent', partsSent: 3 });
    // WeChat counts each part against 微信客服's 5-message window, and so does the bot.
    expect(store.sentSince(thread.id, at)).toBe(3);
  });
});
