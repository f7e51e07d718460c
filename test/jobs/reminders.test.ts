import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { askOnly, clientSays } from '../support/local-client.js';
import {
  fireNow,
  jobIdOf,
  openQueue,
  PM,
  type QueueProbe,
  scheduled,
  startAcme,
  transcript,
  waitFor,
  sh,
} from './reminder-helpers.js';

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

describe('reminders on BullMQ', () => {
  it('a nudge skips a weekend: asked Friday 15:00, nudged on the second working day (Tuesday 15:00), one message for all open questions', async () => {
    await start(sh('2026-11-27T15:00:00'));
    const release = await startAcme(t);
    const nudges = scheduled(t, release.id, 'nudge');
    expect(nudges.length).toBeGreaterThan(0);
    for (const n of nudges) expect(n.dueAt).toBe(sh('2026-12-01T15:00:00'));
    const job = await waitFor('nudge job', () => probe.queue.getJob(nudges[0] ? jobIdOf(nudges[0]) : ''));
    expect(await job.getState()).toBe('delayed');
    expect(job.opts.delay).toBe(Date.parse(sh('2026-12-01T15:00:00')) - Date.parse(sh('2026-11-27T15:00:00')));

    const before = (await transcript(t)).length;
    await fireNow(t, probe, nudges[0] as (typeof nudges)[number]);
    const sent = (await transcript(t)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('thread:client');
    expect(sent[0]?.text).toMatch(/^Reminder: we still need /);
    for (const n of nudges) expect(t.app.store.getReminder(n.id)?.state).toBe('sent');
    // The next nudges are planned two working days later: Tuesday 15:00 → Thursday 15:00.
    for (const n of scheduled(t, release.id, 'nudge')) expect(n.dueAt).toBe(sh('2026-12-03T15:00:00'));
  });

  it('STORY.md’s rhythm: asked Wednesday (day 0), nudged on working days 2 and 4, the PM told on day 6', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t);
    const expected = [sh('2026-11-27T10:00:00'), sh('2026-12-01T10:00:00')];
    for (let n = 1; n <= 2; n += 1) {
      const [next] = scheduled(t, release.id, 'nudge');
      expect(next?.id).toMatch(new RegExp(`-${n}$`));
      expect(next?.dueAt).toBe(expected[n - 1]);
      await fireNow(t, probe, next as NonNullable<typeof next>);
    }
    expect(scheduled(t, release.id, 'nudge')).toHaveLength(0);
    const [escalation] = scheduled(t, release.id, 'escalation');
    expect(escalation?.dueAt).toBe(sh('2026-12-03T10:00:00'));
    await fireNow(t, probe, escalation as NonNullable<typeof escalation>);
    const sent = await transcript(t);
    expect(sent.filter((m) => m.text.startsWith('Reminder: we still need'))).toHaveLength(2);
    const dms = sent.filter((m) => m.to === 'user:pm');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toMatch(
      /^Acme Coffee has not answered for 6 working days \(weekends and public holidays not counted\): /,
    );
    expect(t.app.store.item(release.id, 'app_id')?.nudges).toBe(2);
  });

  it('REMINDER_RULES max_nudges=0: no nudge at all; the PM is told escalate_after working days after the question', async () => {
    t = await startTestApp({
      clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))),
      env: { REMINDER_RULES: 'max_nudges=0,escalate_after=3' },
    });
    probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
    const release = await startAcme(t);
    expect(scheduled(t, release.id, 'nudge')).toHaveLength(0);
    const [escalation] = scheduled(t, release.id, 'escalation');
    // Wednesday + 3 working days = Monday (the weekend not counted).
    expect(escalation?.dueAt).toBe(sh('2026-11-30T10:00:00'));
    await fireNow(t, probe, escalation as NonNullable<typeof escalation>);
    const sent = await transcript(t);
    expect(sent.filter((m) => m.text.startsWith('Reminder: we still need'))).toHaveLength(0);
    expect(sent.filter((m) => m.to === 'user:pm')).toHaveLength(1);
  });

  it('an answer cancels that item’s nudge; the other items are still nudged', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t);
    const appIdNudge = scheduled(t, release.id, 'nudge').find((r) => r.itemKey === 'app_id');
    expect(appIdNudge).toBeDefined();
    await waitFor('app_id nudge job', () => probe.queue.getJob(appIdNudge ? jobIdOf(appIdNudge) : ''));
    await t.app.bot.handle({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text: 'AppID wx1a2b3c4d5e6f7a8b',
      externalId: 'm1',
    });
    expect(t.app.store.item(release.id, 'app_id')?.status).toBe('answered');
    expect(t.app.store.getReminder(appIdNudge?.id ?? '')?.state).toBe('cancelled');
    await waitFor(
      'job removed',
      async () => (await probe.queue.getJob(appIdNudge ? jobIdOf(appIdNudge) : '')) === undefined,
    );
    const others = scheduled(t, release.id, 'nudge');
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((r) => r.itemKey === 'app_id')).toBe(false);
  });

  it('the whitelist check is a delayed job due 24 h after submission; promoted, it asks the thread to confirm', async () => {
    await start(sh('2026-12-01T15:12:00'));
    const release = await startAcme(t, 'zh');
    await t.app.bot.command(PM, 'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1');
    expect(t.app.store.item(release.id, 'mp_url_whitelist')?.status).toBe('waiting');
    const [check] = scheduled(t, release.id, 'whitelist_check');
    expect(check?.dueAt).toBe(sh('2026-12-02T15:12:00'));
    const job = await waitFor('whitelist job', () => probe.queue.getJob(check ? jobIdOf(check) : ''));
    expect(await job.getState()).toBe('delayed');
    expect(job.opts.delay).toBe(24 * 3_600_000);

    const before = (await transcript(t)).length;
    await fireNow(t, probe, check as NonNullable<typeof check>);
    const sent = (await transcript(t)).slice(before);
    expect(sent).toEqual([
      {
        to: 'thread:client',
        text: '域名白名单已提交满 24 小时，应已生效。请在体验版中打开一次确认请求正常，回复「好了」即可。',
      },
    ]);
    expect(t.app.store.item(release.id, 'mp_url_whitelist')?.status).toBe('asked');
    expect(scheduled(t, release.id, 'nudge').some((r) => r.itemKey === 'mp_url_whitelist')).toBe(true);
  });

  it('the client answers the whitelist check: "好了" closes the item and keeps the domains; nudges for it stop', async () => {
    await start(sh('2026-12-01T15:12:00'));
    const release = await startAcme(t, 'zh');
    await t.app.bot.command(PM, 'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1');
    const [check] = scheduled(t, release.id, 'whitelist_check');
    await fireNow(t, probe, check as NonNullable<typeof check>);
    askOnly(t.app, release.id, ['mp_url_whitelist']);
    const said = await clientSays(t.app, '好了，体验版打开正常，接口都能请求');
    const item = t.app.store.item(release.id, 'mp_url_whitelist');
    expect(item?.status).toBe('done');
    expect(item?.value).toMatchObject({ domains: ['api.acme-coffee.cn'], icp: '沪ICP备2021012345号-1' });
    expect(said).toContain('收到 ✅ 小程序域名白名单：api.acme-coffee.cn');
    expect(said).not.toMatch(/没有找到|已更正/);
    expect(scheduled(t, release.id, 'nudge').some((r) => r.itemKey === 'mp_url_whitelist')).toBe(false);
  });

  it('a question asked after the check is read first: the bare answer to it is not taken for the check', async () => {
    const clock = new FakeClock(new Date(sh('2026-12-01T15:12:00')));
    t = await startTestApp({ clock });
    probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
    const release = await startAcme(t, 'zh');
    await t.app.bot.command(PM, 'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1');
    const [check] = scheduled(t, release.id, 'whitelist_check');
    await fireNow(t, probe, check as NonNullable<typeof check>);
    askOnly(t.app, release.id, ['mp_url_whitelist']);
    clock.advance(3_600_000);
    for (const key of ['enterprise_account', 'app_id'] as const)
      t.app.service.setStatus(release.id, key, 'done', 'local:pm');
    t.app.service.markAsked(release.id, ['mp_category'], 'bot');
    await clientSays(t.app, '餐饮 > 快餐/简餐');
    expect(t.app.store.item(release.id, 'mp_category')?.value).toBe('餐饮 > 快餐/简餐');
    expect(t.app.store.item(release.id, 'mp_url_whitelist')?.status).toBe('asked');
    await clientSays(t.app, '体验版打开正常，接口都能请求');
    expect(t.app.store.item(release.id, 'mp_url_whitelist')?.status).toBe('done');
  });

  it('a "works" for a whitelist not yet submitted is explained, and nothing is recorded', async () => {
    await start(sh('2026-12-01T15:12:00'));
    const release = await startAcme(t);
    askOnly(t.app, release.id, ['mp_url_whitelist']);
    const said = await clientSays(t.app, 'done, the beta works');
    expect(t.app.store.item(release.id, 'mp_url_whitelist')?.status).not.toBe('done');
    expect(said).toContain('The MP URL whitelist is not submitted yet');
  });

  it('/release status shows the next reminder; snooze moves it; remind nudges now', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t);
    const status = await t.app.bot.command(PM, 'status Acme Coffee');
    expect(status.view?.kind === 'release' && status.view.status.nextReminder?.kind).toBe('nudge');

    const original = scheduled(t, release.id).find((r) => r.itemKey === 'app_id');
    await waitFor('original job', () => probe.queue.getJob(original ? jobIdOf(original) : ''));
    // Three days from Wednesday 10:00 is Saturday: the snooze ends at the next working morning, Monday 09:00.
    const snoozed = await t.app.bot.command(PM, 'snooze Acme Coffee app_id 3d');
    expect(snoozed.message.text).toMatch(/^Snoozed the App ID reminder for Acme Coffee until /);
    const moved = scheduled(t, release.id).find((r) => r.itemKey === 'app_id');
    expect(moved?.dueAt).toBe(sh('2026-11-30T09:00:00'));
    const job = await waitFor('moved job', async () => {
      const j = await probe.queue.getJob(moved ? jobIdOf(moved) : '');
      return j?.data.dueAt === moved?.dueAt ? j : undefined;
    });
    expect(job.opts.delay).toBe(Date.parse(sh('2026-11-30T09:00:00')) - Date.parse(sh('2026-11-25T10:00:00')));
    expect(await probe.queue.getJob(original ? jobIdOf(original) : '')).toBeUndefined();

    const bad = await t.app.bot.command(PM, 'snooze Acme Coffee app_id soon');
    expect(bad.message.text).toMatch(/^Usage: \/release snooze/);

    const before = (await transcript(t)).length;
    const reminded = await t.app.bot.command(PM, 'remind Acme Coffee');
    expect(reminded.message.text).toMatch(/^Nudged Acme Coffee about \d+ open question/);
    const sent = (await transcript(t)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toMatch(/^Reminder: we still need /);
  });
});
