import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeComApi } from '../../bots/wecom/api.js';
import { KfChat } from '../../bots/wecom/kf/chat.js';
import type { Address } from '../../src/ports.js';
import type { Thread } from '../../src/release/model.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Three sections of ~1.5 KB each: WeChat takes at most 2048 bytes a message, so this goes as three parts. */
const LONG = ['A', 'B', 'C']
  .map((s) => Array.from({ length: 30 }, (_, i) => `${s} line ${i} ${'x'.repeat(40)}`).join('\n'))
  .join('\n');

describe('微信客服’s 5-message window counts parts', () => {
  let t: TestApp;
  let kf: KfChat;
  let to: Address;

  beforeAll(async () => {
    t = await startTestApp();
    const { store } = t.app;
    const at = t.clock.now().toISOString();
    const client = store.createClient({ name: 'Window Co', locale: 'zh', timezone: 'Asia/Shanghai', at });
    const bound = store.bindThread({ clientId: client.id, platform: 'kf', channel: 'wmWindow01', kind: 'kf', at });
    store.updateThread(bound.id, { lastInboundAt: at });
    const thread: Thread = { ...bound, lastInboundAt: at };
    // Three messages already sent since the client last wrote: two left in the window.
    for (const n of [1, 2, 3]) {
      const id = t.app.outbox.post({ kind: 'thread', thread }, { text: `question ${n}` }) as number;
      store.markSent(id, at);
    }
    // The policy never calls WeChat; the API points at a closed local port all the same.
    kf = new KfChat({
      api: new WeComApi({ apiBase: 'http://127.0.0.1:9', corpId: 'ww', secret: 's' }),
      openKfId: 'wk1',
      store,
      localeOf: () => 'zh',
    });
    to = { kind: 'thread', thread };
  });
  afterAll(() => t.close());

  it('a message whose parts fit is sent; one that would overflow goes to the PM whole, unless its first parts already went', () => {
    const now = t.clock.now();
    expect(kf.policy(to, now, { text: 'short' }, { sent: 0, onSent: () => {} })).toEqual({ ok: true });
    expect(kf.policy(to, now, { text: LONG }, { sent: 0, onSent: () => {} })).toEqual({
      ok: false,
      reason: 'window_full',
    });
    expect(kf.policy(to, now, { text: LONG }, { sent: 1, onSent: () => {} })).toEqual({ ok: true });
  });

  it('a client who never wrote has no window: closed, not full', () => {
    const { store } = t.app;
    const at = t.clock.now().toISOString();
    const client = store.createClient({ name: 'Silent Co', locale: 'zh', timezone: 'Asia/Shanghai', at });
    const thread = store.bindThread({ clientId: client.id, platform: 'kf', channel: 'wmSilent01', kind: 'kf', at });
    expect(
      kf.policy({ kind: 'thread', thread }, t.clock.now(), { text: 'short' }, { sent: 0, onSent: () => {} }),
    ).toEqual({ ok: false, reason: 'window_closed' });
  });
});
