import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { type KfSession, startKfSession } from './kf-session.js';
import { waitFor } from './wecom-client.js';

const WANG = 'wmBatchClient01';
const APP_SECRET = 'fedcba9876543210fedcba9876543210';

describe('微信客服: one message that fails does not hold up the rest of its batch', () => {
  const logs: string[] = [];
  let s: KfSession;
  const stateOf = (msgid: string): string | undefined =>
    (
      s.t.app.db.$client.prepare('select state from events where external_id = ?').get(`kf:${msgid}`) as
        | { state: string }
        | undefined
    )?.state;
  const item = (key: 'app_id' | 'merchant_account'): unknown => {
    const release = s.t.app.store.openReleaseOf(s.t.app.store.findClientByName('Pine Tea')?.id ?? -1);
    return s.t.app.store.item(release?.id ?? -1, key)?.value;
  };

  beforeAll(async () => {
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(line) } });
    s = await startKfSession({ client: 'Pine Tea', user: WANG, logger });
  });
  afterAll(async () => {
    await s.t.close();
    await s.close();
  });

  it('the middle message of three fails to be written; the third is still answered, the failure is logged by id without its text, and a later recover answers it', async () => {
    const m1 = s.kf.clientWrites(WANG, 'AppID 是 wx1a2b3c4d5e6f7a8b');
    const m2 = s.kf.clientWrites(WANG, `AppSecret 是 ${APP_SECRET}`);
    const m3 = s.kf.clientWrites(WANG, '商户号还在申请中');
    // A database fault on exactly one message, at the storage edge: marking m2 processed aborts.
    s.t.app.db.$client.exec(
      `create trigger test_fail_one before update of state on events when new.external_id = 'kf:${m2}' and new.state = 'processed' begin select raise(abort, 'disk trouble injected by the test'); end`,
    );
    await s.notify();
    await waitFor(() => stateOf(m3) === 'processed' || undefined, 'the third message processed');

    expect(stateOf(m1)).toBe('processed');
    expect(stateOf(m2)).toBe('received');
    expect(item('app_id')).toBe('wx1a2b3c4d5e6f7a8b');
    expect(item('merchant_account')).toEqual({ status: 'applying' });
    const failure = logs.find((l) => l.includes('processing an inbound message failed'));
    expect(failure).toContain(m2);
    expect(logs.filter((l) => l.includes('AppSecret') || l.includes(APP_SECRET))).toEqual([]);

    s.t.app.db.$client.exec('drop trigger test_fail_one');
    expect(await s.t.app.bot.recover()).toBe(1);
    expect(stateOf(m2)).toBe('processed');
  });
});
