import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import {
  fireNow,
  jobGone,
  openQueue,
  PM,
  type QueueProbe,
  scheduled,
  startAcme,
  transcript,
  sh,
} from './reminder-helpers.js';

const nudges = async (t: TestApp): Promise<string[]> =>
  (await transcript(t)).filter((m) => m.text.startsWith('Reminder: we still need')).map((m) => m.text);

let t: TestApp;
let probe: QueueProbe;
afterEach(async () => {
  await probe?.close();
  await t?.close();
});

describe('a reminder id used again is a new firing', () => {
  it('an item asked again (/release ask) gets its first nudge again, though nudge 1 of it was sent before', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
    const release = await startAcme(t);
    const first = scheduled(t, release.id, 'nudge').find((r) => r.itemKey === 'app_id');
    if (!first) throw new Error('no app_id nudge planned');
    await fireNow(t, probe, first);
    expect(await nudges(t)).toHaveLength(1);
    await jobGone(probe, first);

    await t.app.bot.command(PM, 'ask Acme Coffee app_id');
    const again = scheduled(t, release.id, 'nudge').find((r) => r.itemKey === 'app_id');
    expect(again?.id).toBe(first.id);
    expect(again?.dueAt).not.toBe(first.dueAt);
    await fireNow(t, probe, again as NonNullable<typeof again>);
    expect(t.app.store.getReminder(first.id)?.state).toBe('sent');
    const sent = await nudges(t);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/App ID/);
  });

  it('a whitelist submitted again gets its "should be live" check again', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-12-01T15:00:00'))) });
    probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
    const release = await startAcme(t);
    const submit = 'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1';
    const live = async (): Promise<number> =>
      (await transcript(t)).filter((m) => m.text.startsWith('The MP URL whitelist is live')).length;
    await t.app.bot.command(PM, submit);
    const [first] = scheduled(t, release.id, 'whitelist_check');
    if (!first) throw new Error('no whitelist check planned');
    await fireNow(t, probe, first);
    expect(await live()).toBe(1);
    await jobGone(probe, first);

    await t.app.bot.command(PM, submit);
    const [again] = scheduled(t, release.id, 'whitelist_check');
    expect(again?.id).toBe(first.id);
    expect(again?.dueAt).not.toBe(first.dueAt);
    await fireNow(t, probe, again as NonNullable<typeof again>);
    expect(await live()).toBe(2);
  });
});
