import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock, startTestApp, type TestApp, tempDir } from '../support/app.js';
import { addFakeKf, OPEN_KFID } from './fake-kf.js';
import { startFakeWeCom } from './fake-wecom.js';
import { kfEventXml, waitFor, weComSender, wecomEnv } from './wecom-client.js';

const WANG = 'wmCandleClient01';

describe('微信客服 delivery survives a crash between pull and processing', () => {
  const dir = tempDir();
  const clock = new FakeClock();
  let second: TestApp | undefined;
  afterAll(async () => {
    await second?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every message is answered exactly once across the crash, the restart and a repeated callback', async () => {
    const fake = await startFakeWeCom();
    const env = wecomEnv(fake.url, { WECOM_KF_SECRET: 'kf-secret-for-tests', WECOM_KF_OPEN_KFID: OPEN_KFID });
    const kf = addFakeKf(fake, clock);
    const first = await startTestApp({ env, dir, clock });
    let wecom = weComSender(`http://127.0.0.1:${await first.app.listen()}`);
    const notify = async (): Promise<void> => {
      expect(await (await wecom.plain(kfEventXml(kf.callbackToken(), OPEN_KFID))).text()).toBe('success');
    };
    const stored = (app: TestApp, msgid: string): { n: number; state: string | null } =>
      app.app.db.$client
        .prepare('select count(*) as n, max(state) as state from events where external_id = ?')
        .get(`kf:${msgid}`) as { n: number; state: string | null };

    await wecom.text('pm_lin', '/release start Candle Co kf', 'pm-c-1');
    const scene = await waitFor(() => kf.scenes[0], 'the invite link');
    kf.enterSession(WANG, scene);
    await notify();
    await waitFor(() => kf.sentTo(WANG)[0], 'the welcome');

    kf.pageSize = 1;
    clock.advance(60_000);
    const m1 = kf.clientWrites(WANG, 'AppID 是 wx1a2b3c4d5e6f7a8b');
    const m2 = kf.clientWrites(WANG, '商户号还在申请中');
    const hold = kf.holdAfter(1);
    await notify();
    await hold.reached; // page 1 (m1) is stored with its cursor; page 2 (m2) is in flight
    await waitFor(() => stored(first, m1).n === 1 || undefined, 'm1 stored');
    expect(stored(first, m1).state).toBe('received');
    expect(stored(first, m2).n).toBe(0);

    const crash = first.app.stop(); // the process dies before processing m1 and before page 2 is written
    hold.release();
    await crash;
    expect(kf.sentTo(WANG)).toHaveLength(1);

    second = await startTestApp({ env, dir, clock });
    wecom = weComSender(`http://127.0.0.1:${await second.app.listen()}`);
    await waitFor(() => kf.sentTo(WANG).length >= 2 || undefined, 'the reply to m1 after the restart');
    await notify(); // WeCom's next callback: the sync resumes from the stored cursor
    await waitFor(() => kf.sentTo(WANG).length >= 3 || undefined, 'the reply to m2');
    await notify(); // and a repeated one delivers nothing again
    await second.app.outbox.flush(500);

    expect(kf.sentTo(WANG)).toHaveLength(3);
    expect(stored(second, m1)).toEqual({ n: 1, state: 'processed' });
    expect(stored(second, m2)).toEqual({ n: 1, state: 'processed' });
    const release = second.app.store.openReleaseOf(second.app.store.findClientByName('Candle Co')?.id ?? -1);
    expect(second.app.store.item(release?.id ?? -1, 'app_id')?.value).toBe('wx1a2b3c4d5e6f7a8b');
    await fake.close();
  });
});
