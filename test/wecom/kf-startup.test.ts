import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock, startTestApp, type TestApp, tempDir } from '../support/app.js';
import { type KfSession, startKfSession } from './kf-session.js';
import { waitFor } from './wecom-client.js';

const WANG = 'wmStartupClient01';

describe('微信客服: a callback acknowledged just before a crash is pulled at the next start', () => {
  const dir = tempDir();
  let s: KfSession | undefined;
  let second: TestApp | undefined;
  afterAll(async () => {
    await second?.close();
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the client’s message is answered after the restart without waiting for their next message, by one token-less sync_msg from the stored cursor', async () => {
    s = await startKfSession({ client: 'Oak Tea', user: WANG, dir, clock: new FakeClock() });
    const { kf, fake } = s;
    const msg = kf.clientWrites(WANG, 'AppID 是 wx1a2b3c4d5e6f7a8b');
    const hold = kf.holdAfter(0);
    await s.notify(); // acknowledged 'success' …
    await hold.reached; // … but the pull is still in flight when the process dies
    const crash = s.t.app.stop();
    hold.release();
    await crash;
    expect(kf.sentTo(WANG)).toHaveLength(1); // the welcome only
    const pullsBefore = kf.tokenlessPulls;

    second = await startTestApp({ env: s.env, dir, clock: s.t.clock });
    await waitFor(() => kf.sentTo(WANG).length >= 2 || undefined, 'the answer after the restart');
    expect(kf.tokenlessPulls).toBe(pullsBefore + 1);
    const startPull = fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg').at(-1);
    expect(startPull?.body.token).toBeUndefined();
    expect(startPull?.body.cursor).toBe('1'); // the cursor stored after the enter_session page
    const stored = second.app.db.$client
      .prepare('select count(*) as n, max(state) as state from events where external_id = ?')
      .get(`kf:${msg}`);
    expect(stored).toEqual({ n: 1, state: 'processed' });
  });
});
