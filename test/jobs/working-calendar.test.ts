import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDigests } from '../../src/reminders/digest.js';
import { FakeClock, startTestApp, type TestApp, tempDir } from '../support/app.js';
import { fireNow, openQueue, PM, type QueueProbe, scheduled, startAcme, transcript, sh } from './reminder-helpers.js';

let t: TestApp;
let probe: QueueProbe;
afterEach(async () => {
  await probe?.close();
  await t?.close();
});

async function start(at: string, env: Record<string, string> = {}): Promise<void> {
  t = await startTestApp({ clock: new FakeClock(new Date(at)), env });
  probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
}

/** A Shanghai instant's local date. */
const shDate = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const NATIONAL_DAY = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];

describe('reminders on China’s working calendar (fake clock)', () => {
  it('asked Wed 30 Sep: nothing during National Day; nudged 9 and 12 Oct (the make-up Saturday counts as a day), the PM told on 14 Oct', async () => {
    await start(sh('2026-09-30T10:00:00'));
    const release = await startAcme(t);
    const firedAt: string[] = [];
    const [first] = scheduled(t, release.id, 'nudge');
    expect(first?.dueAt).toBe(sh('2026-10-09T10:00:00')); // day 1 = Thu 8 Oct, day 2 = Fri 9 Oct
    firedAt.push((await fireNow(t, probe, first as NonNullable<typeof first>)).dueAt);
    const [second] = scheduled(t, release.id, 'nudge');
    expect(second?.dueAt).toBe(sh('2026-10-12T10:00:00')); // Sat 10 Oct (make-up) is day 1, Mon 12 Oct day 2
    firedAt.push((await fireNow(t, probe, second as NonNullable<typeof second>)).dueAt);
    const [escalation] = scheduled(t, release.id, 'escalation');
    expect(escalation?.dueAt).toBe(sh('2026-10-14T10:00:00'));
    firedAt.push((await fireNow(t, probe, escalation as NonNullable<typeof escalation>)).dueAt);

    for (const at of firedAt) expect(NATIONAL_DAY).not.toContain(shDate(at));
    const sent = await transcript(t);
    expect(sent.filter((m) => m.text.startsWith('Reminder: we still need'))).toHaveLength(2);
    // 30 Sep, 8, 9, 10 (make-up), 12, 13 Oct: six working days, the holiday week not counted.
    expect(sent.filter((m) => m.to === 'user:pm').map((m) => m.text)).toEqual([
      expect.stringMatching(/^Acme Coffee has not answered for 6 working days/),
    ]);
  });

  it('a nudge due on the make-up Saturday 10 Oct goes out that Saturday', async () => {
    await start(sh('2026-10-08T11:00:00'));
    const release = await startAcme(t);
    const [nudge] = scheduled(t, release.id, 'nudge');
    expect(nudge?.dueAt).toBe(sh('2026-10-10T11:00:00'));
    const before = (await transcript(t)).length;
    await fireNow(t, probe, nudge as NonNullable<typeof nudge>);
    expect((await transcript(t)).slice(before).map((m) => m.text)).toEqual([
      expect.stringMatching(/^Reminder: we still need/),
    ]);
  });

  it('the whitelist check: 24 calendar hours, then the next working hour (submitted Saturday → Monday 09:00; before National Day → 8 Oct)', async () => {
    await start(sh('2026-11-28T11:00:00')); // a Saturday
    const release = await startAcme(t);
    const recorded = await t.app.bot.command(PM, 'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1');
    const [check] = scheduled(t, release.id, 'whitelist_check');
    expect(check?.dueAt).toBe(sh('2026-11-30T09:00:00'));
    expect(recorded.message.text).toContain('I will check back in the release conversation at 2026-11-30 09:00');

    t.clock.set(sh('2026-09-30T15:00:00'));
    await t.app.bot.command(PM, 'whitelist Acme Coffee api.acme-coffee.cn static.acme-coffee.cn 沪ICP备2021012345号-1');
    expect(scheduled(t, release.id, 'whitelist_check').map((r) => r.dueAt)).toEqual([sh('2026-10-08T09:00:00')]);

    t.clock.set(sh('2026-12-01T15:12:00')); // a Tuesday: 24 h later is a working Wednesday, unchanged
    await t.app.bot.command(PM, 'whitelist Acme Coffee api.acme-coffee.cn 沪ICP备2021012345号-1');
    expect(scheduled(t, release.id, 'whitelist_check').map((r) => r.dueAt)).toEqual([sh('2026-12-02T15:12:00')]);
  });

  it('due-date warnings land on working days: a launch on Mon 12 Oct is warned on 8 Oct (3 working days) and the make-up Saturday 10 Oct (1)', async () => {
    await start(sh('2026-09-21T10:00:00'));
    const release = await startAcme(t);
    await t.app.bot.command(PM, 'due Acme Coffee 2026-10-12');
    expect(
      scheduled(t, release.id, 'due_date')
        .map((r) => r.dueAt)
        .sort(),
    ).toEqual([sh('2026-10-08T10:00:00'), sh('2026-10-10T10:00:00')]);
  });

  it('in the client’s own time zone: set-tz moves scheduled reminders into Berlin’s working hours on China’s working days', async () => {
    await start(sh('2026-09-30T10:00:00'));
    const release = await startAcme(t);
    expect(scheduled(t, release.id, 'nudge')[0]?.dueAt).toBe(sh('2026-10-09T10:00:00')); // 04:00 in Berlin
    const bad = await t.app.bot.command(PM, 'set-tz Acme Coffee Mars/Olympus');
    expect(bad.message.text).toMatch(/^Which time zone\?/);
    const set = await t.app.bot.command(PM, 'set-tz Acme Coffee Europe/Berlin');
    expect(set.message.text).toMatch(/^Acme Coffee now works in Europe\/Berlin: .* \d+ scheduled reminder\(s\) moved/);
    expect(t.app.store.findClientByName('Acme Coffee')?.timezone).toBe('Europe/Berlin');
    const nudges = scheduled(t, release.id, 'nudge');
    expect(nudges.length).toBeGreaterThan(0);
    for (const n of nudges) expect(n.dueAt).toBe('2026-10-09T07:00:00.000Z'); // 09:00 CEST
    await fireNow(t, probe, nudges[0] as (typeof nudges)[number]);
    // The follow-up counts in Berlin: Sat 10 Oct (make-up) day 1, Mon 12 Oct day 2, at 09:00 Berlin.
    for (const n of scheduled(t, release.id, 'nudge')) expect(n.dueAt).toBe('2026-10-12T07:00:00.000Z');
  });

  it('set-tz moves a waiting item’s recheck (the client reads it) into Berlin’s working hours too', async () => {
    await start(sh('2026-09-30T10:00:00'));
    const release = await startAcme(t);
    await t.app.bot.command(PM, 'wait Acme Coffee merchant_account 2026-10-12 bank approval');
    const [planned] = scheduled(t, release.id, 'recheck');
    expect(planned?.dueAt).toBe(sh('2026-10-12T10:00:00')); // 04:00 in Berlin
    await t.app.bot.command(PM, 'set-tz Acme Coffee Europe/Berlin');
    expect(scheduled(t, release.id, 'recheck').map((r) => r.dueAt)).toEqual(['2026-10-12T07:00:00.000Z']); // 09:00 CEST
  });

  it('the digest goes out on working days only: not on National Day or a plain Saturday, yes on the make-up Saturday', async () => {
    await start(sh('2026-09-30T09:30:00'));
    await startAcme(t);
    const deps = () => ({ store: t.app.store, outbox: t.app.outbox, clock: t.clock });
    const on = (local: string): number => {
      t.clock.set(sh(local));
      return sendDigests(deps(), 'Asia/Shanghai');
    };
    expect(on('2026-10-01T09:30:00')).toBe(0);
    expect(on('2026-10-05T09:30:00')).toBe(0); // a Monday, still National Day
    expect(on('2026-10-10T09:30:00')).toBe(1); // make-up Saturday
    expect(on('2026-10-17T09:30:00')).toBe(0); // plain Saturday
    expect(on('2026-10-19T09:30:00')).toBe(1);
    const digests = (await transcript(t)).filter((m) => m.to === 'user:pm' && m.text.startsWith('Good morning'));
    expect(digests.map((m) => m.text.split('\n')[0])).toEqual([
      'Good morning — your releases on 2026-10-10:',
      'Good morning — your releases on 2026-10-19:',
    ]);
    expect(digests.every((m) => !m.text.includes('no public-holiday data'))).toBe(true);
  });

  it('the digest, /healthz and the calendar say when a year has no data (2027), until CALENDAR_FILE adds it', async () => {
    await start(sh('2026-12-07T09:30:00'));
    await startAcme(t);
    expect(sendDigests({ store: t.app.store, outbox: t.app.outbox, clock: t.clock }, 'Asia/Shanghai')).toBe(1);
    const [digest] = (await transcript(t)).filter((m) => m.to === 'user:pm' && m.text.startsWith('Good morning'));
    expect(digest?.text).toContain(
      'Note: the working calendar has no public-holiday data for 2027; those days are counted as plain Monday–Friday weeks. Add them to CALENDAR_FILE.',
    );
    const port = await t.app.listen();
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', calendar: { status: 'no holiday data', years: [2027] } });
  });

  it('with 2027 in CALENDAR_FILE, /healthz reports the calendar ok', async () => {
    const file = join(tempDir(), 'calendar.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2027-01-01': { en: "New Year's Day", zh: '元旦' } } }));
    await start(sh('2026-12-07T09:30:00'), { CALENDAR_FILE: file });
    const port2 = await t.app.listen();
    expect(await (await fetch(`http://127.0.0.1:${port2}/healthz`)).json()).toMatchObject({
      status: 'ok',
      calendar: 'ok',
    });
  });
});
