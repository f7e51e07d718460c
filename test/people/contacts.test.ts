/**
 * Several contacts per client: questions and nudges go to who does the work, each in their own
 * language; escalations to who decides; business hours per client, in the recipient's zone.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/index.js';
import { fire } from '../../jobs/fire.js';
import { CHINA_CALENDAR } from '../../src/calendar/working-calendar.js';
import { localParts } from '../../src/reminders/business-hours.js';
import { ReminderFirer } from '../../src/reminders/firing.js';
import { ReminderPlanner } from '../../src/reminders/planner.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { fireNow, openQueue, PM, type QueueProbe, scheduled, sh, transcript } from '../jobs/reminder-helpers.js';
import { CLIENT_APP_ID } from '../support/ids.js';

let t: TestApp;
let probe: QueueProbe;
afterEach(async () => {
  await probe?.close();
  await t?.close();
});

const inConversation = (channel: string): CommandContext => ({
  ...PM,
  conversation: { platform: 'local', channel, kind: 'local', shared: false },
});

async function command(text: string, channel = 'dev'): Promise<string> {
  const reply = await t.app.bot.command(inConversation(channel), text);
  await t.app.outbox.flush();
  return reply.message.text;
}

/** A client with three conversations bound: dev and ops (they do the work) and boss (decides). */
async function startWithContacts(at: string): Promise<number> {
  t = await startTestApp({ clock: new FakeClock(new Date(at)) });
  probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
  await command('/release start Acme Coffee zh', 'dev');
  await command('/release start Acme Coffee', 'ops');
  await command('/release start Acme Coffee', 'boss');
  const release = t.app.store.openReleaseOf(t.app.service.clientByName('Acme Coffee').id);
  return release?.id as number;
}

const to = async (channel: string, since: number): Promise<string[]> =>
  (await transcript(t))
    .slice(since)
    .filter((m) => m.to === `thread:${channel}`)
    .map((m) => m.text);

describe('contacts', () => {
  it('adds, updates, lists and removes contacts with a clear syntax', async () => {
    await startWithContacts(sh('2026-11-25T10:00:00'));
    // Contacts are added by command; a client with none reads everything in its own language in every thread.
    expect(await command('/release contact list Acme Coffee')).toContain('Acme Coffee has no contacts yet');
    expect(await command('/release contact add Acme Coffee local:dev works en Europe/Berlin Hans Li')).toBe(
      'Acme Coffee: contact Hans Li local:dev added — does the work (questions, nudges), English, Europe/Berlin.',
    );
    expect(await command('/release contact add Acme Coffee local:boss decides')).toContain(
      'decides (escalations), the client’s language (Chinese), the client’s zone (Asia/Shanghai)',
    );
    expect(await command('/release contact add Acme Coffee local:nowhere works')).toContain(
      'is not an address I can reach for Acme Coffee',
    );
    expect(await command('/release contact add Acme Coffee local:dev boss')).toContain(
      'Usage: /release contact add Acme Coffee',
    );
    const list = await command('/release contact list Acme Coffee');
    expect(list).toContain('Contacts of Acme Coffee (business hours 09:00-18:00):');
    expect(list).toContain('• Hans Li local:dev — does the work (questions, nudges), English, Europe/Berlin');
    expect(await command('/release contact remove Acme Coffee local:dev')).toContain(
      'is the only contact of Acme Coffee who is asked the questions',
    );
    expect(await command('/release contact remove Acme Coffee local:boss')).toBe(
      'Acme Coffee: contact local:boss removed.',
    );
    expect(t.app.store.contactsOf(t.app.service.clientByName('Acme Coffee').id).map((c) => c.address)).toEqual(['dev']);
  });

  it('two contacts who do the work get the questions in their own languages; the decider gets none', async () => {
    await startWithContacts(sh('2026-11-25T10:00:00'));
    await command('/release contact add Acme Coffee local:dev works en');
    await command('/release contact add Acme Coffee local:ops works zh');
    await command('/release contact add Acme Coffee local:boss decides zh');
    const before = (await transcript(t)).length;
    expect(await command('/release ask Acme Coffee app_id')).toContain('asked again');
    expect((await to('dev', before)).join('\n')).toContain('Mini Program’s App ID');
    expect((await to('ops', before)).join('\n')).toContain('AppID');
    expect((await to('ops', before)).join('\n')).not.toContain('App ID');
    expect(await to('boss', before)).toEqual([]);

    // Each is answered in their own language.
    const seen = (await transcript(t)).length;
    await t.app.bot.handle({
      platform: 'local',
      channel: 'ops',
      sender: 'local:wang',
      text: '企业主体，已认证',
      externalId: randomUUID(),
    });
    await t.app.outbox.flush();
    expect((await to('ops', seen)).join('\n')).toContain('收到 ✅ 企业主体');
    const seen2 = (await transcript(t)).length;
    await t.app.bot.handle({
      platform: 'local',
      channel: 'dev',
      sender: 'local:hans',
      text: `App ID ${CLIENT_APP_ID}`,
      externalId: randomUUID(),
    });
    await t.app.outbox.flush();
    expect((await to('dev', seen2)).join('\n')).toContain(`Saved ✅ App ID: ${CLIENT_APP_ID}`);
  });

  it('the escalation goes to the contact who decides, in their language; nudges to who does the work', async () => {
    const releaseId = await startWithContacts(sh('2026-11-25T10:00:00'));
    await command('/release contact add Acme Coffee local:dev works en');
    await command('/release contact add Acme Coffee local:boss decides zh');
    const before = (await transcript(t)).length;
    for (let n = 1; n <= 2; n += 1) {
      const [next] = scheduled(t, releaseId, 'nudge');
      await fireNow(t, probe, next as NonNullable<typeof next>);
    }
    const [escalation] = scheduled(t, releaseId, 'escalation');
    await fireNow(t, probe, escalation as NonNullable<typeof escalation>);
    const dev = await to('dev', before);
    const boss = await to('boss', before);
    expect(dev.filter((m) => m.startsWith('Reminder: we still need'))).toHaveLength(2);
    expect(boss).toHaveLength(1);
    expect(boss[0]).toMatch(
      /^以下事项我们已经等了 6 个工作日：.*AppID.*能否请您协助尽快答复？我们已提醒您的同事 2 次。$/,
    );
    // The PM still gets theirs.
    expect(
      (await transcript(t))
        .slice(before)
        .filter((m) => m.to === 'user:pm' && m.text.startsWith('Acme Coffee has not answered')),
    ).toHaveLength(1);
  });

  it('a nudge lands in the client’s business hours, in the zone of who reads it', async () => {
    // Wed 25 Nov 10:00 in Shanghai is Tue 24 Nov 21:00 in New York.
    const releaseId = await startWithContacts(sh('2026-11-25T10:00:00'));
    await command('/release contact add Acme Coffee local:dev works en America/New_York');
    expect(await command('/release set-hours Acme Coffee 7-25')).toContain('Usage: /release set-hours');
    expect(await command('/release set-hours Acme Coffee 18:00-09:00')).toContain('Usage: /release set-hours');
    const moved = await command('/release set-hours Acme Coffee 10:00-16:00');
    expect(moved).toMatch(
      /^Acme Coffee’s business hours are now 10:00-16:00 in each recipient’s zone; \d+ scheduled reminders moved into them\.$/,
    );
    for (const r of scheduled(t, releaseId, 'nudge')) {
      const local = localParts(new Date(r.dueAt), 'America/New_York');
      expect(local.hour * 60 + local.minute).toBeGreaterThanOrEqual(600);
      expect(local.hour * 60 + local.minute).toBeLessThan(960);
    }
    // Asked now (21:00 in New York): counted from 10:00 there the next morning, nudged two working days later at 10:00 New York time.
    await command('/release ask Acme Coffee app_id');
    const nudge = scheduled(t, releaseId, 'nudge').find((r) => r.itemKey === 'app_id');
    expect(nudge?.dueAt).toBe('2026-11-27T15:00:00.000Z');
    const before = (await transcript(t)).length;
    await fireNow(t, probe, nudge as NonNullable<typeof nudge>);
    expect((await to('dev', before)).join('\n')).toMatch(/^Reminder: we still need/);
  });

  it('two contacts who do the work in Shanghai and Los Angeles each get the nudge in their own working hours and language, once', async () => {
    // Wed 30 Sep 2026 10:00 in Shanghai, the day before National Day (1–7 Oct).
    const releaseId = await startWithContacts(sh('2026-09-30T10:00:00'));
    await command('/release contact add Acme Coffee local:dev works zh Asia/Shanghai');
    await command('/release contact add Acme Coffee local:ops works en America/Los_Angeles');
    await command('/release contact add Acme Coffee local:boss decides zh');
    await command('/release ask Acme Coffee app_id');
    // Planned in the first working contact's zone: day 2 after National Day is Fri 9 Oct, 10:00 Shanghai (Thu 19:00 in Los Angeles).
    const nudge = scheduled(t, releaseId, 'nudge').find((r) => r.itemKey === 'app_id');
    expect(nudge?.dueAt).toBe('2026-10-09T02:00:00.000Z');
    const before = (await transcript(t)).length;
    await fireNow(t, probe, nudge as NonNullable<typeof nudge>);
    expect((await to('dev', before)).join('\n')).toMatch(/AppID/);
    // Los Angeles is off work: its copy is held, as a durable row with its own job, until its next working hour.
    expect(await to('ops', before)).toEqual([]);
    const [held] = scheduled(t, releaseId, 'held');
    expect(held?.dueAt).toBe('2026-10-09T16:00:00.000Z');
    await fireNow(t, probe, held as NonNullable<typeof held>);
    const ops = await to('ops', before);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatch(/^Reminder: we still need/);
    // Each landed in its reader's working hours, on a working day of the (China) calendar, in their zone.
    for (const [at, zone] of [
      [nudge?.dueAt, 'Asia/Shanghai'],
      [held?.dueAt, 'America/Los_Angeles'],
    ] as const) {
      const local = localParts(new Date(at as string), zone);
      expect(CHINA_CALENDAR.isWorkingDay(local)).toBe(true);
      expect(local.hour).toBeGreaterThanOrEqual(9);
      expect(local.hour).toBeLessThan(18);
    }
    // A duplicate job of either firing sends nothing: each reader got exactly one nudge.
    const planner = new ReminderPlanner(t.app.store);
    const firer = new ReminderFirer({
      store: t.app.store,
      service: t.app.service,
      outbox: t.app.outbox,
      planner,
      clock: t.clock,
    });
    for (const r of [nudge, held] as const)
      expect(fire({ firer, store: t.app.store }, [{ id: r?.id ?? '', dueAt: r?.dueAt ?? '' }])).toEqual([
        { ok: true, outcome: 'skipped:not_scheduled' },
      ]);
    expect((await to('dev', before)).filter((m) => m.includes('AppID'))).toHaveLength(1);
    expect(await to('ops', before)).toHaveLength(1);
    expect(await to('boss', before)).toEqual([]);
  });

  it('a held copy is dropped when the item is answered before its reader’s working hour', async () => {
    const releaseId = await startWithContacts(sh('2026-09-30T10:00:00'));
    await command('/release contact add Acme Coffee local:dev works zh Asia/Shanghai');
    await command('/release contact add Acme Coffee local:ops works en America/Los_Angeles');
    await command('/release ask Acme Coffee app_id');
    const nudge = scheduled(t, releaseId, 'nudge').find((r) => r.itemKey === 'app_id');
    await fireNow(t, probe, nudge as NonNullable<typeof nudge>);
    const [held] = scheduled(t, releaseId, 'held');
    expect(held).toBeDefined();
    // Everything it reminds of is answered meanwhile (in Shanghai): Los Angeles is not reminded of it in the morning.
    const items = held?.payload?.items as string[];
    expect(items).toContain('app_id');
    for (const key of items) await command(`/release done Acme Coffee ${key}`);
    const before = (await transcript(t)).length;
    await fireNow(t, probe, held as NonNullable<typeof held>);
    expect(await to('ops', before)).toEqual([]);
  });
});
