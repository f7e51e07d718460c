/**
 * Waiting on someone else, said by the client (issue 18 point 4): "在等腾讯审核", "等银行，下周三应该能下来",
 * "ICP filing in progress, about 3 working days". Through the conversation: the item waits (not nudged,
 * not skipped), the bot asks again on the date the client gave (or the item's recheck delay), and the
 * client is told when.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { fireNow, openQueue, type QueueProbe, scheduled, sh, startAcme, transcript } from '../jobs/reminder-helpers.js';
import { clientSays, askOnly } from '../support/local-client.js';

let t: TestApp | undefined;
let probe: QueueProbe | undefined;
afterEach(async () => {
  await probe?.close();
  await t?.close();
  probe = undefined;
  t = undefined;
});

/** Acme Coffee's release on Wed 25 Nov 2026, 10:00 Shanghai, the bot having just asked `keys`. */
async function asking(keys: ItemKey[], locale: 'en' | 'zh') {
  t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
  probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
  const release = await startAcme(t, locale);
  const app = t.app;
  askOnly(app, release.id, keys);
  const say = async (text: string): Promise<string> => {
    return clientSays(app, text);
  };
  return { app, release, say };
}

describe('the client says an item waits on someone else', () => {
  it('"等银行，下周三应该能下来": the merchant account waits until next Wednesday, is not nudged, and is asked again then', async () => {
    const { app, release, say } = await asking(['merchant_account'], 'zh');
    expect(scheduled(t as TestApp, release.id, 'nudge').some((r) => r.itemKey === 'merchant_account')).toBe(true);
    const reply = await say('商户号还在申请中，在等银行，下周三应该能下来');
    expect(app.store.item(release.id, 'merchant_account')).toMatchObject({
      status: 'waiting',
      value: { status: 'applying' },
      note: '2026-12-02 · 银行',
    });
    expect(reply).toContain('好的，商户号 在等银行，这期间不再催您，我们 2026-12-02 再来问。');
    expect(scheduled(t as TestApp, release.id, 'nudge').some((r) => r.itemKey === 'merchant_account')).toBe(false);
    const [recheck] = scheduled(t as TestApp, release.id, 'recheck');
    expect(recheck).toMatchObject({ itemKey: 'merchant_account', dueAt: sh('2026-12-02T10:00:00') });

    const before = (await transcript(t as TestApp)).length;
    await fireNow(t as TestApp, probe as QueueProbe, recheck as NonNullable<typeof recheck>);
    const sent = (await transcript(t as TestApp)).slice(before).map((m) => m.text);
    expect(sent.some((text) => text.includes('商户号') && text.includes('2026-12-02'))).toBe(true);
    expect(app.store.item(release.id, 'merchant_account')).toMatchObject({ status: 'asked', note: null });
  });

  it('"在等腾讯审核" with no date: the item waits (it is not skipped) and is asked again after the recheck delay', async () => {
    const { app, release, say } = await asking(['template_ids'], 'zh');
    const reply = await say('订阅消息模板在等腾讯审核');
    expect(app.store.item(release.id, 'template_ids')).toMatchObject({
      status: 'waiting',
      value: null,
      note: '2026-12-02 · 审核',
    });
    expect(reply).toContain('我们 2026-12-02 再来问');
    expect(reply).not.toContain('稍后再问');
    expect(scheduled(t as TestApp, release.id, 'recheck')).toEqual([
      expect.objectContaining({ itemKey: 'template_ids', dueAt: sh('2026-12-02T10:00:00') }),
    ]);
  });

  it('"about 3 working days" counts working days on the calendar, and the client is told the date in English', async () => {
    const { app, release, say } = await asking(['admin_url_whitelist'], 'en');
    const reply = await say('The ICP filing is still in progress, should take about 3 working days');
    // Wed 25 Nov + 3 working days: Mon 30 Nov.
    expect(app.store.item(release.id, 'admin_url_whitelist')).toMatchObject({
      status: 'waiting',
      note: '2026-11-30 · the ICP filing',
    });
    expect(reply).toContain(
      'OK, Admin UI URL whitelist is waiting on the ICP filing. I will not chase you about it meanwhile and will ask again on 2026-11-30.',
    );
  });

  it('"Tencent is reviewing it, by the 15th": the date of the month said; an answered item does not go back to waiting', async () => {
    const { app, release, say } = await asking(['mp_category', 'enterprise_account'], 'en');
    await say('Tencent is reviewing our category, should be done by the 15th');
    expect(app.store.item(release.id, 'mp_category')).toMatchObject({
      status: 'waiting',
      value: null,
      note: '2026-12-15 · the review',
    });
    await say('Company account, verification is still in progress with Tencent.');
    expect(app.store.item(release.id, 'enterprise_account')).toMatchObject({
      status: 'answered',
      value: { registered: true, verified: false },
    });
  });
});
