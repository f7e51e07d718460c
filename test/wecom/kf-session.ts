/**
 * A running app with 微信客服 on the fake WeCom API and one external client already greeted: the
 * shared opening of the kf tests (PM starts a kf-only release, the client opens the invite link).
 *
 *   const s = await startKfSession({ client: 'Blue Tea', user: 'wmWang' });
 *   s.kf.clientWrites('wmWang', '好的');  await s.notify();
 */
import type { Logger } from '../../src/logger.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { addFakeKf, type FakeKf, OPEN_KFID } from './fake-kf.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { kfEventXml, waitFor, weComSender, wecomEnv } from './wecom-client.js';

export const KF_ENV = { WECOM_KF_SECRET: 'kf-secret-for-tests', WECOM_KF_OPEN_KFID: OPEN_KFID };

export interface KfSession {
  fake: FakeWeCom;
  kf: FakeKf;
  t: TestApp;
  env: Record<string, string>;
  /** WeCom's `kf_msg_or_event` callback to the running app (acknowledged `success`). */
  notify(): Promise<void>;
  /** Points the callback sender at a restarted app. */
  attach(app: TestApp): Promise<void>;
  /** Signs and posts callbacks to the running app, as WeCom does. */
  sender(): ReturnType<typeof weComSender>;
  /** Outbox rows (the SQLite table) as JSON text, to search for what must never be stored. */
  outboxRows(app?: TestApp): string[];
  close(): Promise<void>;
}

/**
 * The app with 微信客服 on the fake WeCom API, listening, nobody invited yet (`startKfSession` goes on
 * to greet a client).
 *
 *   const s = await startKfApp();  await s.sender().text('pm_lin', '/release start Blue Tea kf', 'pm-1');
 */
export async function startKfApp(opts: { dir?: string; clock?: FakeClock; logger?: Logger } = {}): Promise<KfSession> {
  const fake = await startFakeWeCom();
  const clock = opts.clock ?? new FakeClock();
  const kf = addFakeKf(fake, clock);
  const env = { ...wecomEnv(fake.url), ...KF_ENV };
  const t = await startTestApp({
    env,
    dir: opts.dir,
    clock,
    options: opts.logger ? { logger: opts.logger } : undefined,
  });
  let wecom = weComSender(`http://127.0.0.1:${await t.app.listen()}`);
  const session: KfSession = {
    fake,
    kf,
    t,
    env,
    async notify() {
      const answer = await wecom.plain(kfEventXml(kf.callbackToken(), OPEN_KFID));
      if ((await answer.text()) !== 'success') throw new Error('the kf callback was not acknowledged');
    },
    async attach(app) {
      wecom = weComSender(`http://127.0.0.1:${await app.app.listen()}`);
    },
    outboxRows(app = t) {
      const rows = app.app.db.$client.prepare('select * from outbox').all();
      return rows.map((r) => JSON.stringify(r));
    },
    sender: () => wecom,
    async close() {
      await fake.close();
    },
  };
  return session;
}

export async function startKfSession(opts: {
  client: string;
  user: string;
  dir?: string;
  clock?: FakeClock;
  logger?: Logger;
}): Promise<KfSession> {
  const session = await startKfApp(opts);
  const { kf } = session;
  await session.sender().text('pm_lin', `/release start ${opts.client} kf`, `pm-start-${opts.user}`);
  const scene = await waitFor(() => kf.scenes.at(-1), 'the invite link');
  kf.enterSession(opts.user, scene);
  await session.notify();
  await waitFor(() => kf.sentTo(opts.user)[0], 'the welcome');
  return session;
}
