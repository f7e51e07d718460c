import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, tempDir } from '../support/app.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { wecomEnv } from './wecom-client.js';

/** A WeCom group robot: its webhook key sealed at rest, used only to send. */
describe('a WeCom group robot’s webhook key', () => {
  let fake: FakeWeCom;
  const dir = tempDir();
  const legacyKey = randomUUID();
  let t: TestApp | undefined;

  beforeAll(async () => {
    fake = await startFakeWeCom();
  });
  afterAll(async () => {
    await t?.close();
    await fake.close();
  });

  it('a binding from before keys were sealed is sealed at start, and its pending notice still goes out through the robot', async () => {
    // The database as an earlier version left it: the key itself as the thread's channel, a notice waiting.
    const before = await startTestApp({ dir, env: { WECHAT_API_BASE: 'off' } });
    const { store } = before.app;
    const at = before.clock.now().toISOString();
    const client = store.createClient({ name: 'Robot Co', locale: 'zh', timezone: 'Asia/Shanghai', at });
    const legacy = store.bindThread({
      clientId: client.id,
      platform: 'wecom',
      channel: `robot:${legacyKey}`,
      kind: 'appchat',
      at,
    });
    store.enqueue({
      threadId: legacy.id,
      platform: 'wecom',
      address: legacy.channel,
      message: { text: '通知：白名单已生效' },
      at,
    });
    await before.close();

    t = await startTestApp({ dir, env: wecomEnv(fake.url) });
    const dump = (table: string) => JSON.stringify(t?.app.db.$client.prepare(`SELECT * FROM ${table}`).all());
    for (const table of ['threads', 'outbox', 'robot_keys']) expect(dump(table)).not.toContain(legacyKey);
    const thread = t.app.store.getThread(legacy.id);
    expect(thread?.channel).toMatch(/^robot:[0-9a-f]{20}$/);

    await t.app.outbox.flush();
    const sent = fake.sends.filter((c) => c.path === '/cgi-bin/webhook/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.query.get('key')).toBe(legacyKey);
    expect(JSON.stringify(sent[0]?.body)).toContain('白名单已生效');
  });

  it('a robot whose key is not on file is handed to the PM, not retried for a day', async () => {
    if (!t) throw new Error('no app');
    const { store } = t.app;
    const at = t.clock.now().toISOString();
    const client = store.createClient({ name: 'Lost Key Co', locale: 'zh', timezone: 'Asia/Shanghai', at });
    store.createRelease({ clientId: client.id, pmUser: 'wecom:pm_lin', keys: ['app_id'], at });
    const orphan = store.bindThread({
      clientId: client.id,
      platform: 'wecom',
      channel: 'robot:0123456789abcdef0123',
      kind: 'appchat',
      at,
    });
    const id = t.app.outbox.post({ kind: 'thread', thread: orphan }, { text: 'notice' }) as number;
    await t.app.outbox.flush();
    expect(store.getOutbox(id)).toMatchObject({ state: 'handed_to_pm', attempts: 0 });
    expect(fake.messagesTo('pm_lin').join('\n')).toContain('webhook key is not on file');
  });
});
