import { afterEach, describe, expect, it } from 'vitest';
import { buildDigests } from '../../src/reminders/digest.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { fireNow, openQueue, PM, type QueueProbe, scheduled, startAcme, transcript, sh } from './reminder-helpers.js';

let t: TestApp;
let probe: QueueProbe;
afterEach(async () => {
  await probe?.close();
  await t?.close();
});

async function start(at: string): Promise<void> {
  t = await startTestApp({ clock: new FakeClock(new Date(at)) });
  probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
}

describe('items waiting on someone else', () => {
  it('/release wait: not nudged while waiting, shown apart from "waiting on the client", asked again on the date', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t);
    expect(scheduled(t, release.id, 'nudge').some((r) => r.itemKey === 'merchant_account')).toBe(true);

    const set = await t.app.bot.command(PM, 'wait Acme Coffee merchant account 2026-12-10 bank approval');
    expect(set.message.text).toBe(
      'Acme Coffee · Merchant account: waiting on bank approval until 2026-12-10. Not nudged meanwhile; I will ask the client again on 2026-12-10 10:00.',
    );
    const item = t.app.store.item(release.id, 'merchant_account');
    expect(item?.status).toBe('waiting');
    expect(scheduled(t, release.id, 'nudge').some((r) => r.itemKey === 'merchant_account')).toBe(false);
    const [recheck] = scheduled(t, release.id, 'recheck');
    expect(recheck).toMatchObject({ itemKey: 'merchant_account', dueAt: sh('2026-12-10T10:00:00') });

    const status = await t.app.bot.command(PM, 'status Acme Coffee');
    expect(status.message.text).toContain('waiting on others: Merchant account (bank approval, expected 2026-12-10)');
    expect(status.message.text).toMatch(/waiting on client: \d+/);
    const view = status.view?.kind === 'release' ? status.view.status : undefined;
    expect(view?.waitingOnOthers).toEqual([{ key: 'merchant_account', until: '2026-12-10', reason: 'bank approval' }]);
    expect(view?.waitingOnClient.some((w) => w.key === 'merchant_account')).toBe(false);
    const digest = buildDigests(t.app.store, t.clock.now(), 'Asia/Shanghai').get('local:pm')?.text ?? '';
    expect(digest).toContain('    waiting on others: Merchant account (bank approval, expected 2026-12-10)');

    // Every other item's nudges run their course; the merchant account is not among them.
    const before = (await transcript(t)).length;
    await fireNow(t, probe, recheck as NonNullable<typeof recheck>);
    const sent = (await transcript(t)).slice(before);
    expect(sent.filter((m) => m.text.startsWith('Checking in on'))).toEqual([
      {
        to: 'thread:client',
        text: 'Checking in on Merchant account: it was waiting on bank approval, expected by 2026-12-10. Is it through? Reply here with the result 🙏',
      },
    ]);
    expect(t.app.store.item(release.id, 'merchant_account')).toMatchObject({ status: 'asked', note: null });
    const nudge = scheduled(t, release.id, 'nudge').find((r) => r.itemKey === 'merchant_account');
    expect(nudge?.dueAt).toBe(sh('2026-12-14T10:00:00')); // two working days after Thu 10 Dec
  });

  it('an expected date on a holiday is asked about on the next working day; leaving "waiting" cancels it', async () => {
    await start(sh('2026-09-28T10:00:00'));
    const release = await startAcme(t);
    await t.app.bot.command(PM, 'wait Acme Coffee developers 2026-10-03 our developers are on leave');
    expect(scheduled(t, release.id, 'recheck').map((r) => r.dueAt)).toEqual([sh('2026-10-08T10:00:00')]);
    await t.app.bot.command(PM, 'wait Acme Coffee developers 1w');
    // One week from Mon 28 Sep is Mon 5 Oct, still National Day: Thu 8 Oct.
    expect(scheduled(t, release.id, 'recheck').map((r) => r.dueAt)).toEqual([sh('2026-10-08T10:00:00')]);
    expect(t.app.store.item(release.id, 'developers')?.note).toBe('2026-10-05');
    await t.app.bot.command(PM, 'done Acme Coffee developers');
    expect(scheduled(t, release.id, 'recheck')).toEqual([]);
  });

  it('an answer from the client takes the item out of waiting and drops its waiting note', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t);
    await t.app.bot.command(PM, 'wait Acme Coffee app_id 2026-12-10 client checks with their IT');
    expect(t.app.store.item(release.id, 'app_id')).toMatchObject({
      status: 'waiting',
      note: '2026-12-10 · client checks with their IT',
    });
    await t.app.bot.handle({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text: 'AppID wx1a2b3c4d5e6f7a8b',
      externalId: 'answer-1',
    });
    expect(t.app.store.item(release.id, 'app_id')).toMatchObject({
      status: 'answered',
      value: 'wx1a2b3c4d5e6f7a8b',
      note: null,
    });
    expect(scheduled(t, release.id, 'recheck')).toEqual([]);
    const status = await t.app.bot.command(PM, 'status Acme Coffee');
    expect(status.message.text).not.toContain('client checks with their IT');
  });

  it('bad input gets a clear answer and changes nothing', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t);
    const past = await t.app.bot.command(PM, 'wait Acme Coffee app_id 2026-11-01');
    expect(past.message.text).toBe(
      '2026-11-01 is not after today (2026-11-25) for Acme Coffee; give a date after today, or a duration of a day or more such as 1w.',
    );
    // Today, or a duration that ends today, would ask the client again at once: refused the same way.
    for (const when of ['2026-11-25', '4h']) {
      expect((await t.app.bot.command(PM, `wait Acme Coffee app_id ${when}`)).message.text).toBe(
        `${when} is not after today (2026-11-25) for Acme Coffee; give a date after today, or a duration of a day or more such as 1w.`,
      );
    }
    expect(scheduled(t, release.id, 'recheck')).toEqual([]);
    for (const text of [
      'wait Acme Coffee app_id soon',
      'wait Acme Coffee nonsense 2026-12-01',
      'wait Acme Coffee mp_url_whitelist 2026-12-01',
    ]) {
      expect((await t.app.bot.command(PM, text)).message.text).toMatch(/^Usage: \/release wait <client> <item>/);
    }
    await t.app.bot.command(PM, 'done Acme Coffee app_id');
    expect((await t.app.bot.command(PM, 'wait Acme Coffee app_id 2026-12-01')).message.text).toMatch(
      /is already finished; nothing to wait for/,
    );
    expect(t.app.store.items(release.id).filter((i) => i.status === 'waiting')).toEqual([]);
  });

  it('merchant account 申请中 from the client: the promised "一周后再问一次" is a real reminder, in Chinese', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t, 'zh');
    await t.app.bot.handle({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text: '商户号还在申请中',
      externalId: 'm1',
    });
    expect(t.app.store.item(release.id, 'merchant_account')?.status).toBe('waiting');
    expect((await transcript(t)).some((m) => m.text.includes('我们会在一周后再问一次'))).toBe(true);
    const [recheck] = scheduled(t, release.id, 'recheck');
    expect(recheck?.dueAt).toBe(sh('2026-12-02T10:00:00'));
    const before = (await transcript(t)).length;
    await fireNow(t, probe, recheck as NonNullable<typeof recheck>);
    const sent = (await transcript(t)).slice(before).filter((m) => m.text.startsWith('跟进一下'));
    expect(sent).toEqual([
      {
        to: 'thread:client',
        text: '跟进一下「商户号」：之前在等待，预计 2026-12-02 完成。现在进展如何？方便时回复即可 🙏',
      },
    ]);
  });
});
