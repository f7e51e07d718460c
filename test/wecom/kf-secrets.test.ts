import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KfSession, startKfSession } from './kf-session.js';
import { waitFor } from './wecom-client.js';

const WANG = 'wmSecretClient01';
const APP_SECRET = '0123456789abcdef0123456789abcdef';

describe('微信客服 secrets while a human servicer has the session', () => {
  let s: KfSession;
  beforeAll(async () => {
    s = await startKfSession({ client: 'Jade Tea', user: WANG });
  });
  afterAll(async () => {
    await s.t.close();
    await s.close();
  });

  it('an App secret the client types during a human takeover reaches the PM only as ••••last4, in no API call and no outbox row', async () => {
    s.kf.states.set(WANG, 3);
    s.kf.clientWrites(WANG, `AppSecret 是 ${APP_SECRET} 请查收`);
    await s.notify();
    const notice = await waitFor(() => s.fake.messagesTo('pm_lin').find((m) => m.includes('请查收')), 'the PM notice');
    await s.t.app.outbox.flush(300);

    expect(notice).toContain('••••cdef');
    expect(notice).not.toContain(APP_SECRET);
    const bodies = s.fake.calls.map((c) => JSON.stringify(c.body));
    expect(bodies.some((b) => b.includes('••••cdef'))).toBe(true);
    expect(bodies.filter((b) => b.includes(APP_SECRET))).toEqual([]);
    const rows = s.outboxRows();
    expect(rows.some((r) => r.includes('••••cdef'))).toBe(true);
    expect(rows.filter((r) => r.includes(APP_SECRET))).toEqual([]);
  });

  it('a near-miss secret (31 hex) answering the secret question reaches the PM only masked during a human takeover', async () => {
    const NEAR_MISS = '9675e1550a1b2c3d4e5f60718293a4b'; // 31 hex: a secret only because the question is open
    const { store } = s.t.app;
    const release = store.openReleaseOf(store.findClientByName('Jade Tea')?.id ?? -1);
    if (!release) throw new Error('no open release');
    store.updateItem(release.id, 'app_secret', { status: 'asked' }, new Date().toISOString());
    s.kf.states.set(WANG, 3);
    s.kf.clientWrites(WANG, `给你 ${NEAR_MISS} 收到吗`);
    await s.notify();
    const notice = await waitFor(() => s.fake.messagesTo('pm_lin').find((m) => m.includes('收到吗')), 'the PM notice');
    await s.t.app.outbox.flush(300);

    expect(notice).toContain('••••3a4b');
    expect(notice).not.toContain(NEAR_MISS);
    expect(s.fake.calls.map((c) => JSON.stringify(c.body)).filter((b) => b.includes(NEAR_MISS))).toEqual([]);
    expect(s.outboxRows().filter((r) => r.includes(NEAR_MISS))).toEqual([]);
  });
});
